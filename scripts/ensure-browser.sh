#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (Playwright cannot download browsers here).
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  echo "ensure-browser: installing Debian's chromium (once)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
else
  cat >&2 <<'MSG'
The browser tests need Debian's Chromium, which is not installed.
Ask an administrator to run:   sudo apt-get install chromium
then run `make test` again.
MSG
  exit 1
fi
