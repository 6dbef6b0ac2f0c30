#!/usr/bin/env bash
# Build the stand-alone Linux program and a compressed archive a volunteer can unpack and run.
# From the repository's root:  packaging/linux/build.sh
# Prints the build time and sizes; fails if the built program's self-test fails.
set -euo pipefail
cd "$(dirname "$0")/../.."
started=$(date +%s)
python3 -m venv .build-venv
.build-venv/bin/pip install -q . "pyinstaller>=6.10"
rm -rf build/pyinstaller dist/cars-desktop
.build-venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
  --workpath build/pyinstaller --distpath dist packaging/cars-desktop.spec
bundle=dist/cars-desktop
# what a Linux desktop needs beside the program: the menu entry, AppStream data, icons
install -Dm644 packaging/linux/org.cars_desktop.CARSDesktop.desktop \
  "$bundle/share/applications/org.cars_desktop.CARSDesktop.desktop"
install -Dm644 packaging/linux/org.cars_desktop.CARSDesktop.metainfo.xml \
  "$bundle/share/metainfo/org.cars_desktop.CARSDesktop.metainfo.xml"
for size in 16 24 32 48 64 128 256 512; do
  install -Dm644 "resources/icons/cars-desktop-$size.png" \
    "$bundle/share/icons/hicolor/${size}x${size}/apps/org.cars_desktop.CARSDesktop.png"
done
install -Dm755 packaging/linux/install-menu-entry.sh "$bundle/install-menu-entry.sh"
# Qt's ICU data, trimmed to what Qt asks of it here (32 MB -> 8 MB)
python3 packaging/linux/trim_icu.py "$bundle"/_internal/PySide6/Qt/lib/libicudata.so.*
# on Linux the console's program is the window's program
ln -sf cars-desktop "$bundle/cars-desktop-cli"
# the built program proves itself: data, a letter, a report, and the window offscreen
QT_QPA_PLATFORM=offscreen "$bundle/cars-desktop-cli" self-test
# and on a real X display when there is one to borrow: every library the screen needs is in
if command -v xvfb-run >/dev/null; then
  QT_QPA_PLATFORM=xcb xvfb-run -a "$bundle/cars-desktop-cli" self-test | grep "xcb platform"
fi
version=$(.build-venv/bin/python -c "import cars_desktop; print(cars_desktop.__version__)")
archive="dist/cars-desktop-$version-linux-$(uname -m).tar.gz"
tar -C dist -czf "$archive" cars-desktop
ended=$(date +%s)
echo "Built in $((ended - started)) s: $bundle is $(du -sh "$bundle" | cut -f1) unpacked;" \
     "$archive is $(du -sh "$archive" | cut -f1)."
