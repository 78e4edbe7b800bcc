#!/usr/bin/env bash
# Install the locked dependencies into .venv with a pinned uv of the project's own.
# Works on a fresh Debian machine as root or as a normal user; a second run reuses both.
set -euo pipefail
cd "$(dirname "$0")/.."

UV_VERSION="0.13.9"
UV="$PWD/.tools/uv/bin/uv"
# The interpreter itself, not a launcher in front of it (pyenv's shim): uv removes and remakes
# .venv on every sync when the path asked for is not the one the venv was made from.
PYTHON="$("${PYTHON:-python3}" -c 'import sys; print(sys.executable)')"

if [ ! -x "$UV" ] || [ "$("$UV" --version | cut -d' ' -f2)" != "$UV_VERSION" ]; then
  echo "bootstrap: installing uv $UV_VERSION into .tools/uv" >&2
  "$PYTHON" -m venv .tools/uv
  .tools/uv/bin/pip install --quiet "uv==$UV_VERSION"
fi

# uv must not try to download a Python (only PyPI is reachable); use the machine's.
export UV_PYTHON_DOWNLOADS=never
export UV_NATIVE_TLS=1  # trust the system CA store (this network has a TLS proxy)
# Where Python may not write bytecode (PYTHONDONTWRITEBYTECODE), every process (manage.py,
# gunicorn, Celery, each test worker) would compile the libraries it imports anew, about 2.5 s
# a start: uv writes it once at install instead (15 s; later syncs check it in under a second).
if [ -n "${PYTHONDONTWRITEBYTECODE:-}" ]; then
  export UV_COMPILE_BYTECODE=1
fi
"$UV" sync --locked --quiet --python "$PYTHON"
