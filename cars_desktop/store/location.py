"""Where the group's data lives: the data folder, its file names, and the folder the data was
moved to (File › Move the data…), remembered beside the app's own settings."""

from __future__ import annotations

import os
from pathlib import Path

from cars_desktop import APP_NAME

DATA_DIR_ENV = "CARS_DESKTOP_DATA_DIR"
DB_FILENAME = "cars-desktop.sqlite3"
LOCK_FILENAME = "cars-desktop.lock"


def default_data_dir() -> Path:
    import platformdirs  # only when no folder was chosen

    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def pointer_file() -> Path:
    """Where the app remembers a data folder the volunteer moved the data to."""
    import platformdirs

    return platformdirs.user_config_path(APP_NAME, appauthor=False) / "data-folder.txt"


def resolve_data_dir(chosen: str | os.PathLike | None = None) -> Path:
    """The data folder: --data-dir if given, else $CARS_DESKTOP_DATA_DIR, else where the data
    was moved to (File › Move the data…), else the user's application-data folder (not
    Documents, where people move and sync files)."""
    if chosen:
        return Path(chosen).expanduser().resolve()
    from_env = os.environ.get(DATA_DIR_ENV)
    if from_env:
        return Path(from_env).expanduser().resolve()
    try:  # the folder the data was moved to, from a risky place
        moved = Path(pointer_file().read_text(encoding="utf-8").strip())
    except OSError:
        moved = None
    if moved is not None and (moved / DB_FILENAME).exists():
        return moved
    return default_data_dir()
