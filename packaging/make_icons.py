"""Make the icons every platform needs from the one source image, resources/cars-desktop.svg:
PNGs in the usual sizes (Linux menus, AppStream), a Windows .ico and a macOS .icns.

    QT_QPA_PLATFORM=offscreen python packaging/make_icons.py"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(renderer: QSvgRenderer, size: int) -> Image.Image:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGBA")


def main() -> int:
    QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ROOT / "resources" / "cars-desktop.svg"))
    out = ROOT / "resources" / "icons"
    out.mkdir(exist_ok=True)
    images = {size: render(renderer, size) for size in SIZES}
    for size, image in images.items():
        image.save(out / f"cars-desktop-{size}.png", optimize=True)
    images[256].save(out / "cars-desktop.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64,
                                                                       128, 256)])
    images[512].save(out / "cars-desktop.icns")
    print(f"icons written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
