#!/usr/bin/env bash
# Installs what the tests need beyond Java and Maven, when it is missing (Debian/Ubuntu, as root or with sudo):
#   chromium + chromium-driver  real headless browser for the catalog page tests (/usr/bin/chromium, /usr/bin/chromedriver)
#   gdal-bin                    ogrinfo, the GIS client the OGC API Features test reads the platform with
#   fonts-nanum                 Korean glyphs, so headless screenshots of the Korean pages (docs/images) are legible
# Safe to run again: packages already installed are skipped, and nothing runs when all are present.
set -euo pipefail

packages=(chromium chromium-driver gdal-bin fonts-nanum)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "test dependencies present: ${packages[*]}"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "installing ${missing[*]} needs root (run as root or install sudo)" >&2
  exit 1
fi

echo "installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -q
"${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"

for tool in /usr/bin/chromium /usr/bin/chromedriver /usr/bin/ogrinfo; do
  if [ ! -x "$tool" ]; then
    echo "expected $tool after installing ${missing[*]}, but it is not there" >&2
    exit 1
  fi
done
