"""Finding the files in `resources/` (icons, fonts, letter templates, translations) the same
way from a source checkout, an installed wheel and a frozen bundle."""

from __future__ import annotations

import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent


def resource_dir() -> Path:
    candidates = [
        _HERE / "resources",  # an installed wheel carries them inside the package
        _HERE.parent / "resources",  # a source checkout
    ]
    if getattr(sys, "frozen", False):
        candidates.insert(0, Path(getattr(sys, "_MEIPASS", "")) / "resources")
    for candidate in candidates:
        if (candidate / "cars-desktop.svg").is_file():
            return candidate
    raise FileNotFoundError("The resources folder of CARS Desktop is missing: reinstall it.")


def resource_path(name: str) -> Path:
    path = resource_dir() / name
    if not path.exists():
        raise FileNotFoundError(f"The resource {name} is missing: reinstall CARS Desktop.")
    return path
