#!/usr/bin/env bash
# Install the real clients the test suite drives, on a fresh Debian machine (run as root):
# GDAL (and its Python, for validate_gpkg.py), QGIS, xmllint, Chromium, LibreOffice, poppler's
# pdftotext (reads LibreOffice's PDFs), pipx (the README's install command), calcurse (a calendar
# application that imports the .ics) from Debian, and
# TimelineJS, Leaflet and CesiumJS from npm (its lock).
# The Python packages are not installed here: scripts/test.sh builds them from uv.lock.
set -euo pipefail
cd "$(dirname "$0")/.."

export DEBIAN_FRONTEND=noninteractive
APT_PACKAGES=(gdal-bin python3-gdal libxml2-utils python3-qgis chromium libreoffice-calc-nogui
  python3-venv poppler-utils pipx calcurse)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ -f tests/js/package.json ]; then
  (cd tests/js && npm ci --no-audit --no-fund --loglevel=error)
fi
