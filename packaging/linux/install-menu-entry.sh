#!/usr/bin/env bash
# Put CARS Desktop in your applications menu (for you only; no administrator needed).
# Run it from the unpacked folder:  ./install-menu-entry.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
mkdir -p "$data/applications"
sed "s|^Exec=.*|Exec=\"$here/cars-desktop\"|" \
  "$here/share/applications/org.cars_desktop.CARSDesktop.desktop" \
  > "$data/applications/org.cars_desktop.CARSDesktop.desktop"
for icon in "$here"/share/icons/hicolor/*/apps/*.png; do
  size="$(basename "$(dirname "$(dirname "$icon")")")"
  mkdir -p "$data/icons/hicolor/$size/apps"
  cp "$icon" "$data/icons/hicolor/$size/apps/"
done
command -v update-desktop-database >/dev/null && update-desktop-database "$data/applications" || true
echo "CARS Desktop is in your applications menu."
