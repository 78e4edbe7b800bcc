#!/usr/bin/env bash
# Debian packages the tests need: Chromium (Playwright cannot download browsers here), fonts
# for WeasyPrint, poppler-utils (pdffonts) to inspect the printed plan, and redis-server for
# the production-shape test (the broker of docker-compose.yml).
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdffonts >/dev/null 2>&1 || missing+=(poppler-utils)
fc-list 2>/dev/null | grep -i "DejaVu Sans" >/dev/null || missing+=(fonts-dejavu-core)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ "${#missing[@]}" -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  echo "ensure-system-packages: installing ${missing[*]} (once)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  cat >&2 <<MSG
The tests need these Debian packages, which are not installed: ${missing[*]}
Ask an administrator to run:   sudo apt-get install ${missing[*]}
then run \`make test\` again.
MSG
  exit 1
fi
