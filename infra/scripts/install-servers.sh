#!/usr/bin/env bash
# Installs the servers ScaleMart runs against, whichever are missing: nats-server (pinned, built
# with Go), redis-server (Debian package) and, unless a mongod is on PATH, mongo-java-server (pinned,
# from Maven Central, run by Java 17+). Idempotent and quick when everything is present.
#
# Binaries go to $SCALEMART_BIN_DIR (default ~/.cache/scalemart/bin), outside the work tree, so a
# fresh clone reuses them and Go's build cache makes a rebuild quick.
set -euo pipefail

NATS_VERSION="v2.14.9"     # 2.14.x: multiple filter subjects, sync_interval, strict config checks
MONGO_JAVA_SERVER_VERSION="1.47.0" # keep in step with infra/mongo-stand-in/pom.xml
BIN_DIR="${SCALEMART_BIN_DIR:-$HOME/.cache/scalemart/bin}"
INFRA_DIR="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$BIN_DIR"

say() { printf '[install-servers] %s\n' "$*"; }
fail() { printf '[install-servers] ERROR: %s\n' "$*" >&2; exit 1; }

apt_install() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing $* (Debian packages)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    return 1
  fi
}

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
  apt_install redis-server ||
    fail "redis-server is missing: install it (e.g. 'sudo apt-get install redis-server') or set REDIS_URL with SCALEMART_STACK=external"
  # The package starts a system-wide server on 6379; ScaleMart spawns its own on free ports.
  (systemctl disable --now redis-server >/dev/null 2>&1 || service redis-server stop >/dev/null 2>&1 || true)
}

# mongo-java-server: its jars from Maven Central, and our few-line launcher compiled against them.
# The directory is named after the version and a hash of the pom and launcher, so a change rebuilds.
install_mongo_stand_in() {
  if command -v mongod >/dev/null 2>&1; then
    say "mongod found on PATH: using it instead of mongo-java-server"
    return 0
  fi
  local src="$INFRA_DIR/mongo-stand-in" stamp dir
  stamp=$(cat "$src/pom.xml" "$src/MongoStandIn.java" | sha256sum | cut -c1-12)
  dir="$BIN_DIR/mongo-java-server-$MONGO_JAVA_SERVER_VERSION-$stamp"
  if [ ! -f "$dir/ready" ]; then
    build_mongo_stand_in "$src" "$dir"
  fi
  # infra/testkit/src/stack/binaries.ts finds the launcher through this stable name.
  ln -sfn "$dir" "$BIN_DIR/mongo-java-server"
}

build_mongo_stand_in() {
  local src="$1" dir="$2"
  if ! command -v javac >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
    apt_install openjdk-17-jdk-headless maven ||
      fail "mongo-java-server needs Java 17+ (javac) and Maven: install them, or set MONGO_URL with SCALEMART_STACK=external"
  fi
  say "installing mongo-java-server $MONGO_JAVA_SERVER_VERSION (Maven Central, a minute the first time)"
  rm -rf "$dir"
  mvn -q -B -Dstyle.color=never -f "$src/pom.xml" dependency:copy-dependencies -DoutputDirectory="$dir/lib"
  javac -d "$dir/classes" -cp "$dir/lib/*" "$src/MongoStandIn.java"
  touch "$dir/ready"
}

install_nats
install_redis
install_mongo_stand_in
say "ready: nats-server $NATS_VERSION, $(redis-server --version | cut -d' ' -f3), $(command -v mongod >/dev/null && echo mongod || echo "mongo-java-server $MONGO_JAVA_SERVER_VERSION") in $BIN_DIR"
