#!/usr/bin/env bash
# Makes sure a program from Debian's packages is installed: ensure_package.sh PACKAGE PROGRAM PURPOSE
#   chromium /usr/bin/chromium   for the browser tests (Playwright drives this system browser; it never
#                                downloads one of its own, no such download works here)
#   nginx-light /usr/sbin/nginx  the load balancer of `make run-prod` and its tests
set -euo pipefail
PACKAGE=$1 PROGRAM=$2 PURPOSE=$3
if [ -x "$PROGRAM" ]; then
  echo "$PACKAGE: present at $PROGRAM"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "$PACKAGE: missing at $PROGRAM ($PURPOSE) and not root, so not installed; run: sudo apt-get install -y $PACKAGE" >&2
  exit 1
fi
echo "$PACKAGE: missing at $PROGRAM ($PURPOSE); installing Debian's package (apt-get update && apt-get install -y $PACKAGE)"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$PACKAGE"
echo "$PACKAGE: installed at $PROGRAM"
