#!/usr/bin/env bash
# Debian packages the project needs beyond Python. Always: the fonts WeasyPrint embeds in the
# printed plan and the letters (DejaVu, and Noto for Arabic script, Ethiopic and Cyrillic:
# fonts-noto-core). For the tests also: Chromium (Playwright cannot download browsers here),
# poppler-utils (pdftotext, pdffonts) to inspect the PDFs, and redis-server for the
# production-shape test (the broker of docker-compose.yml).
# `ensure-system-packages.sh fonts` (make run) asks for the fonts only, and without root only
# warns: the app runs, but letters in Arabic or Tigrinya would print without their script.
set -euo pipefail
missing=()
fc-list 2>/dev/null | grep -i "DejaVu Sans" >/dev/null || missing+=(fonts-dejavu-core)
fc-list 2>/dev/null | grep -i "Noto Naskh Arabic" >/dev/null || missing+=(fonts-noto-core)
if [ "${1:-}" != "fonts" ]; then
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v pdffonts >/dev/null 2>&1 || missing+=(poppler-utils)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
fi
[ "${#missing[@]}" -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  echo "ensure-system-packages: installing ${missing[*]} (once)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
elif [ "${1:-}" = "fonts" ]; then
  echo "Letters print best with these Debian packages: sudo apt-get install ${missing[*]}" >&2
else
  cat >&2 <<MSG
The tests need these Debian packages, which are not installed: ${missing[*]}
Ask an administrator to run:   sudo apt-get install ${missing[*]}
then run \`make test\` again.
MSG
  exit 1
fi
