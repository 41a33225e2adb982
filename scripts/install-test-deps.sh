#!/usr/bin/env bash
# Install everything the test suite needs on a fresh Debian machine (run as root):
# the real clients (GDAL, QGIS, xmllint, Chromium, LibreOffice), TimelineJS from npm,
# and this package with its test extras.
set -euo pipefail
cd "$(dirname "$0")/.."

export DEBIAN_FRONTEND=noninteractive
APT_PACKAGES=(gdal-bin libxml2-utils python3-qgis chromium libreoffice-calc-nogui)
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

python3 -m pip install -q --disable-pip-version-check -e '.[test]'
