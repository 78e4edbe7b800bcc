#!/usr/bin/env bash
# Vendor the NL Design System CSS of the Utrecht community library.
#
# Fetches pinned package versions from the npm registry with `npm pack`,
# unpacks them with `tar`, and copies the pre-built CSS plus each package's
# licence into static/vendor/utrecht/. No Node build step is involved.
#
# Usage:
#   scripts/vendor-css.sh          fetch the pinned versions and (re)write the vendored files
#   scripts/vendor-css.sh --check  offline: verify the vendored files against the sha256 in VERSIONS
#
# To upgrade: change a *_VERSION below, empty its *_INTEGRITY, run the script,
# paste the integrity it prints back into *_INTEGRITY, review the CSS diff and
# docs/decisions/0002-nl-design-system.md (class names may change between majors).
set -euo pipefail

# --- pinned versions -------------------------------------------------------
COMPONENT_LIBRARY_CSS_PKG="@utrecht/component-library-css"
COMPONENT_LIBRARY_CSS_VERSION="9.0.4"
# npm "dist.integrity" of the tarball; empty = accept whatever the registry serves (and print it).
COMPONENT_LIBRARY_CSS_INTEGRITY="sha512-gVA7D6GfP9/+fzehkYLSBR+0UPUTA97PZmgvTYQE88lPQhHGMlUk8FjmCpLKRsRC9hAYd32JuF/KzG6fmBfjJA=="
# The single bundled stylesheet with every component (html.css and prince-xml.css are other flavours).
COMPONENT_LIBRARY_CSS_FILE="package/dist/index.css"

# NL Design System's example theme (EUPL-1.2): it defines the --utrecht-* custom properties the
# components use, on `.voorbeeld-theme`. @utrecht/design-tokens is "all rights reserved" and
# cannot ship in an open-source product (docs/decisions/0002-nl-design-system.md).
DESIGN_TOKENS_PKG="@nl-design-system-unstable/voorbeeld-design-tokens"
DESIGN_TOKENS_VERSION="7.4.1"
DESIGN_TOKENS_INTEGRITY="sha512-GNnapAn2mTIzXRcCvs0JMr4Bf9+ivUJ3zFBJLRT1SYpAYm2xPwptVxIM3k4WLJ0c59E9FfxsEBPJluGuAHUVvg=="
DESIGN_TOKENS_FILE="package/dist/theme.css"
# ---------------------------------------------------------------------------

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="${ROOT}/static/vendor/utrecht"
VERSIONS_FILE="${DEST}/VERSIONS"

die() { echo "vendor-css: $*" >&2; exit 1; }

if [[ "${1:-}" == "--check" ]]; then
  [[ -f "$VERSIONS_FILE" ]] || die "missing $VERSIONS_FILE"
  # Lines in VERSIONS that start with a sha256 are in `sha256sum -c` format.
  (cd "$DEST" && grep -E '^[0-9a-f]{64}  ' VERSIONS | cut -d' ' -f1-3 | sha256sum --check --strict -)
  exit 0
elif [[ $# -gt 0 ]]; then
  die "unknown argument: $1 (use --check or no argument)"
fi

for tool in npm tar sha256sum openssl base64; do
  command -v "$tool" >/dev/null 2>&1 || die "required tool not found: $tool"
done

TMP="$(mktemp -d "${TMPDIR:-/tmp}/vendor-css.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

# fetch PKG VERSION EXPECTED_INTEGRITY -> prints the path of the unpacked package dir
fetch() {
  local pkg="$1" version="$2" expected="$3"
  local workdir
  workdir="${TMP}/$(echo "$pkg" | tr '@/' '__')"
  mkdir -p "$workdir/unpacked"
  echo "vendor-css: npm pack ${pkg}@${version}" >&2
  # npm prints the tarball file name as the last line of stdout.
  local tarball
  tarball="$(cd "$workdir" && npm pack --silent --ignore-scripts "${pkg}@${version}" | tail -n 1)"
  [[ -f "${workdir}/${tarball}" ]] || die "npm pack did not produce a tarball for ${pkg}@${version}"

  local actual
  actual="sha512-$(openssl dgst -sha512 -binary "${workdir}/${tarball}" | base64 | tr -d '\n')"
  if [[ -n "$expected" && "$actual" != "$expected" ]]; then
    die "integrity mismatch for ${pkg}@${version}: expected ${expected}, got ${actual}"
  elif [[ -z "$expected" ]]; then
    echo "vendor-css: no pinned integrity for ${pkg}@${version}; got ${actual} (pin it in this script)" >&2
  fi
  echo "$actual" > "${workdir}/integrity"

  tar -xzf "${workdir}/${tarball}" -C "${workdir}/unpacked"
  local got_version
  got_version="$(grep -m1 -E '"version"[[:space:]]*:' "${workdir}/unpacked/package/package.json" | sed -E 's/.*"version"[[:space:]]*:[[:space:]]*"([^"]+)".*/\1/')"
  [[ "$got_version" == "$version" ]] || die "${pkg}: tarball has version ${got_version}, expected ${version}"
  echo "$workdir"
}

CL_DIR="$(fetch "$COMPONENT_LIBRARY_CSS_PKG" "$COMPONENT_LIBRARY_CSS_VERSION" "$COMPONENT_LIBRARY_CSS_INTEGRITY")"
DT_DIR="$(fetch "$DESIGN_TOKENS_PKG" "$DESIGN_TOKENS_VERSION" "$DESIGN_TOKENS_INTEGRITY")"

CL_CSS="${CL_DIR}/unpacked/${COMPONENT_LIBRARY_CSS_FILE}"
DT_CSS="${DT_DIR}/unpacked/${DESIGN_TOKENS_FILE}"
CL_LICENSE="${CL_DIR}/unpacked/package/LICENSE.md"
DT_LICENSE="${DT_DIR}/unpacked/package/LICENSE.md"

for f in "$CL_CSS" "$DT_CSS" "$CL_LICENSE" "$DT_LICENSE"; do
  [[ -s "$f" ]] || die "expected file missing or empty in tarball: ${f#"$TMP"/}"
done

# Sanity checks so a layout change upstream fails loudly instead of vendoring the wrong file.
grep -q '^\.utrecht-button' "$CL_CSS" || die "${COMPONENT_LIBRARY_CSS_FILE} does not look like the component bundle"
grep -q '^\.voorbeeld-theme' "$DT_CSS" || die "${DESIGN_TOKENS_FILE} does not scope tokens to .voorbeeld-theme"
grep -q -- '--utrecht-link-color:' "$DT_CSS" || die "${DESIGN_TOKENS_FILE} does not define --utrecht-* tokens"
# Django's ManifestStaticFilesStorage rewrites url()/@import; only data: URIs are safe here.
if grep -Eo 'url\([^)]*\)|@import[^;]*' "$CL_CSS" "$DT_CSS" | grep -v 'url(["'"'"']\?data:' >/dev/null; then
  die "vendored CSS references external files (url()/@import); copy those too or pick another file"
fi

mkdir -p "$DEST"
install -m 0644 "$CL_CSS" "${DEST}/component-library.css"
install -m 0644 "$DT_CSS" "${DEST}/design-tokens.css"
install -m 0644 "$CL_LICENSE" "${DEST}/LICENSE-component-library-css"
install -m 0644 "$DT_LICENSE" "${DEST}/LICENSE-design-tokens"

sha() { sha256sum "$1" | cut -d' ' -f1; }
{
  echo "# NL Design System CSS vendored by scripts/vendor-css.sh -- do not edit by hand."
  echo "# Verify offline: scripts/vendor-css.sh --check"
  echo "#"
  echo "# package@version  tarball-integrity"
  echo "${COMPONENT_LIBRARY_CSS_PKG}@${COMPONENT_LIBRARY_CSS_VERSION}  $(cat "${CL_DIR}/integrity")"
  echo "${DESIGN_TOKENS_PKG}@${DESIGN_TOKENS_VERSION}  $(cat "${DT_DIR}/integrity")"
  echo "#"
  echo "# sha256  file  source"
  echo "$(sha "${DEST}/component-library.css")  component-library.css  ${COMPONENT_LIBRARY_CSS_PKG}@${COMPONENT_LIBRARY_CSS_VERSION}:${COMPONENT_LIBRARY_CSS_FILE}"
  echo "$(sha "${DEST}/design-tokens.css")  design-tokens.css  ${DESIGN_TOKENS_PKG}@${DESIGN_TOKENS_VERSION}:${DESIGN_TOKENS_FILE}"
  echo "$(sha "${DEST}/LICENSE-component-library-css")  LICENSE-component-library-css  ${COMPONENT_LIBRARY_CSS_PKG}@${COMPONENT_LIBRARY_CSS_VERSION}:package/LICENSE.md"
  echo "$(sha "${DEST}/LICENSE-design-tokens")  LICENSE-design-tokens  ${DESIGN_TOKENS_PKG}@${DESIGN_TOKENS_VERSION}:package/LICENSE.md"
} > "$VERSIONS_FILE"

echo "vendor-css: wrote ${DEST#"$ROOT"/}/" >&2
cat "$VERSIONS_FILE"
