#!/usr/bin/env bash
# Installs the servers ScaleMart runs against, whichever are missing: nats-server (pinned, built
# with Go), redis-server (Debian package) and, unless a mongod is on PATH, FerretDB (pinned, built
# with Go, SQLite backend). Idempotent and quick when everything is present.
#
# Binaries go to $SCALEMART_BIN_DIR (default ~/.cache/scalemart/bin), outside the work tree, so a
# fresh clone reuses them and Go's build cache makes a rebuild quick.
set -euo pipefail

NATS_VERSION="v2.14.9"     # 2.14.x: multiple filter subjects, sync_interval, strict config checks
FERRETDB_VERSION="v1.24.2" # v1: serves MongoDB's protocol on SQLite, no PostgreSQL needed
BIN_DIR="${SCALEMART_BIN_DIR:-$HOME/.cache/scalemart/bin}"
mkdir -p "$BIN_DIR"

say() { printf '[install-servers] %s\n' "$*"; }
fail() { printf '[install-servers] ERROR: %s\n' "$*" >&2; exit 1; }

need_go() {
  command -v go >/dev/null 2>&1 && return 0
  [ -x /usr/local/go/bin/go ] && export PATH="/usr/local/go/bin:$PATH" && return 0
  fail "$1 needs a Go toolchain (1.22 or later) to build, and none is on PATH.
  Install one (https://go.dev/dl, or 'apt-get install golang' where it is recent enough), or point
  ScaleMart at servers you already run: SCALEMART_STACK=external NATS_URL=... REDIS_URL=... MONGO_URL=..."
}

install_nats() {
  if [ -x "$BIN_DIR/nats-server" ] && [ "$("$BIN_DIR/nats-server" --version)" = "nats-server: $NATS_VERSION" ]; then
    return 0
  fi
  need_go "nats-server $NATS_VERSION"
  say "building nats-server $NATS_VERSION (go install, about a minute the first time)"
  GOBIN="$BIN_DIR" GOFLAGS=-mod=mod go install "github.com/nats-io/nats-server/v2@$NATS_VERSION"
}

install_redis() {
  command -v redis-server >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing redis-server (Debian package)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
    # The package starts a system-wide server on 6379; ScaleMart spawns its own on free ports.
    (systemctl disable --now redis-server >/dev/null 2>&1 || service redis-server stop >/dev/null 2>&1 || true)
  else
    fail "redis-server is missing: install it (e.g. 'sudo apt-get install redis-server') or set REDIS_URL with SCALEMART_STACK=external"
  fi
}

install_ferretdb() {
  if command -v mongod >/dev/null 2>&1; then
    say "mongod found on PATH: using it instead of FerretDB"
    return 0
  fi
  if [ -x "$BIN_DIR/ferretdb" ] && "$BIN_DIR/ferretdb" --version 2>/dev/null | grep -q "version: $FERRETDB_VERSION"; then
    return 0
  fi
  need_go "FerretDB $FERRETDB_VERSION"
  say "building FerretDB $FERRETDB_VERSION (about two minutes the first time)"
  # Not 'go install pkg@version': the proxy refuses FerretDB's version list, which that command
  # reads for deprecation notices. Download the pinned module and build it instead; FerretDB's
  # build also wants its version in build/version/version.txt, which its release tooling writes.
  local module_dir src
  module_dir=$(go mod download -json "github.com/FerretDB/FerretDB@$FERRETDB_VERSION" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -d "$module_dir" ] || fail "could not download FerretDB $FERRETDB_VERSION from the Go module proxy"
  src=$(mktemp -d)
  trap 'rm -rf "$src"' RETURN
  cp -r "$module_dir/." "$src/"
  chmod -R u+w "$src"
  printf '%s\n' "$FERRETDB_VERSION" >"$src/build/version/version.txt"
  (cd "$src" && CGO_ENABLED=0 go build -trimpath -o "$BIN_DIR/ferretdb" ./cmd/ferretdb)
}

install_nats
install_redis
install_ferretdb
say "ready: nats-server $NATS_VERSION, $(redis-server --version | cut -d' ' -f3), $(command -v mongod >/dev/null && echo mongod || echo "ferretdb $FERRETDB_VERSION") in $BIN_DIR"
