"""Making the fonts for scripts DejaVu Sans lacks, in resources/fonts, from Debian's font
packages: `python packaging/script_fonts.py` (on Debian or Ubuntu, with `pip install
fonttools`). Run by hand when a font should change; the result is committed, so neither a
build nor CI runs it.

Korean takes only the Hangul of NanumGothic (the Chinese characters come from Droid Sans
Fallback), and emoji only the pictographs of Symbola: the rest would only add weight."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

FONTS = Path(__file__).resolve().parent.parent / "resources" / "fonts"

# (Debian package, file in it, name here, Unicode ranges kept or None for the whole font)
WANTED = [
    *[("fonts-noto-core", f"noto/NotoSans{script}-Regular.ttf",
       f"NotoSans{script}-Regular.ttf", None)
      for script in ("Arabic", "Devanagari", "Gurmukhi", "Gujarati", "Bengali", "Tamil",
                     "Malayalam", "Telugu", "Sinhala", "Ethiopic", "Thai", "Lao", "Khmer",
                     "Myanmar")],
    ("fonts-droid-fallback", "droid/DroidSansFallbackFull.ttf", "DroidSansFallbackFull.ttf",
     None),
    ("fonts-nanum", "nanum/NanumGothic.ttf", "NanumGothic-Hangul.ttf",
     [(0x20, 0x7F), (0x1100, 0x1200), (0x3130, 0x3190), (0xA960, 0xA980), (0xAC00, 0xD7B0),
      (0xD7B0, 0xD800)]),
    ("fonts-symbola", "ancient-scripts/Symbola_hint.ttf", "Symbola-Emoji.ttf",
     [(0x20, 0x7F), (0x2190, 0x2200), (0x2300, 0x2400), (0x2460, 0x2500), (0x25A0, 0x27C0),
      (0x2900, 0x2980), (0x2B00, 0x2C00), (0x3030, 0x3031), (0x303D, 0x303E),
      (0x1F000, 0x1F100), (0x1F100, 0x1F300), (0x1F300, 0x1F650), (0x1F680, 0x1F700),
      (0x1F900, 0x1FB00)]),
]


def main() -> int:
    from fontTools import subset

    with tempfile.TemporaryDirectory() as work:
        packages = sorted({package for package, *_rest in WANTED})
        subprocess.run(["apt-get", "download", *packages], cwd=work, check=True)
        for deb in Path(work).glob("*.deb"):
            subprocess.run(["dpkg-deb", "-x", str(deb), "x"], cwd=work, check=True)
        root = Path(work) / "x" / "usr" / "share"
        for package, source, name, ranges in WANTED:
            found = root / "fonts" / "truetype" / source
            if ranges is None:
                shutil.copyfile(found, FONTS / name)
            else:
                options = subset.Options()
                options.layout_features = ["*"]
                options.name_IDs = ["*"]
                options.notdef_outline = True
                options.hinting = False
                font = subset.load_font(str(found), options)
                cutter = subset.Subsetter(options)
                cutter.populate(unicodes=[c for low, high in ranges for c in range(low, high)])
                cutter.subset(font)
                subset.save_font(font, str(FONTS / name), options)
            shutil.copyfile(root / "doc" / package / "copyright",
                            FONTS / f"LICENSE-{package}.txt")
            print(f"{name}: {(FONTS / name).stat().st_size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
