#!/usr/bin/env bash
# Prints a Python 3.10 interpreter (Rasa Open Source 3.6 does not support 3.11+), or fails with advice.
set -u
candidates=(python3.10)
if command -v pyenv >/dev/null 2>&1; then
  for d in "$(pyenv root)"/versions/3.10*/bin/python3.10; do candidates+=("$d"); done
fi
for d in /root/.pyenv/versions/3.10*/bin/python3.10 /usr/local/bin/python3.10 /usr/bin/python3.10; do
  candidates+=("$d")
done
for c in "${candidates[@]}"; do
  if "$c" -c 'import sys; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1; then
    command -v "$c" 2>/dev/null || echo "$c"
    exit 0
  fi
done
if command -v pyenv >/dev/null 2>&1 && PYENV_VERSION=3.10 python3.10 -c '' >/dev/null 2>&1; then
  PYENV_VERSION=3.10 pyenv which python3.10
  exit 0
fi
echo "error: Python 3.10 not found (Rasa 3.6 needs it). Install it, e.g. 'pyenv install 3.10', and retry." >&2
exit 1
