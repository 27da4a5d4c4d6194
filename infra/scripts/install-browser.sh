#!/usr/bin/env bash
# Installs Debian's chromium for web's browser tests when it is missing. playwright-core drives
# this binary (/usr/bin/chromium); no browser is ever downloaded by playwright itself.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then
  exit 0
fi
echo '[install-browser] installing chromium (Debian package)'
SUDO=''
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO='sudo'
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-liberation
