#!/usr/bin/env bash
# One-time setup on a fresh Debian/Ubuntu machine: Chromium, fonts and poppler from the distribution
# (never a browser download), then the npm packages and the build.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
if ! command -v chromium >/dev/null || ! command -v pdftoppm >/dev/null || [ ! -d /usr/share/fonts/truetype/dejavu ]; then
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core poppler-utils
fi
npm ci --no-audit --no-fund
npm run build
