#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium for the browser tests (tests/browser/).
# Playwright drives this system browser; it never downloads one of its own (no such download works here).
set -euo pipefail
CHROMIUM=/usr/bin/chromium
if [ -x "$CHROMIUM" ]; then
  # Debian's wrapper script prints a harmless shell warning on stderr; only the version line matters.
  echo "chromium: present at $CHROMIUM ($("$CHROMIUM" --version 2>/dev/null || echo 'version unknown'))"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "chromium: missing at $CHROMIUM and not root, so not installed; run: sudo apt-get install -y chromium" >&2
  exit 1
fi
echo "chromium: missing at $CHROMIUM; installing Debian's package (apt-get update && apt-get install -y chromium)"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
echo "chromium: installed ($("$CHROMIUM" --version 2>/dev/null || echo 'version unknown'))"
