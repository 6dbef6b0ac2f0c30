"""What can be checked here of Windows, where most volunteers are: the data folder under
%LOCALAPPDATA% (never the roaming profile, copied at every logon), data folders inside
OneDrive, Dropbox, Google Drive or iCloud, on a network share or a USB stick by their Windows
paths, and a data folder whose path is too long for Windows."""

from __future__ import annotations

import sys
from pathlib import PureWindowsPath

import platformdirs
import pytest
from platformdirs import windows

from cars_desktop.store import location, safety

NO_MOUNTS = ""  # a Windows path is on no Linux mount


def test_the_data_folder_is_under_local_appdata_not_the_roaming_profile(monkeypatch):
    monkeypatch.setenv("LOCALAPPDATA", r"C:\Users\anne\AppData\Local")
    monkeypatch.setenv("APPDATA", r"C:\Users\anne\AppData\Roaming")
    monkeypatch.setattr(windows, "_RESOLVE_WIN_FOLDER", windows.get_win_folder_from_env_vars)
    monkeypatch.setattr(platformdirs, "PlatformDirs", windows.Windows)
    found = location.default_data_dir()
    assert str(found).replace("/", "\\") == r"C:\Users\anne\AppData\Local\CARS Desktop"
    assert "Roaming" not in str(location.pointer_file().parent.parent.parent)


@pytest.mark.parametrize(("path", "service"), [
    (r"C:\Users\anne\OneDrive\Documents\CARS Desktop", "OneDrive"),
    (r"C:\Users\anne\OneDrive - Paroisse Saint-Jean\CARS", "OneDrive"),
    (r"C:\Users\anne\Dropbox\Comité\CARS Desktop", "Dropbox"),
    (r"G:\My Drive\CARS Desktop", "Google Drive"),
    (r"C:\Users\anne\iCloudDrive\CARS", "iCloud"),
])
def test_a_synced_folder_is_known_by_its_windows_path(path, service):
    assert safety.drive_kind(PureWindowsPath(path), NO_MOUNTS) == ("synced", service)
    assert service in safety.risky_location(PureWindowsPath(path), NO_MOUNTS)


def test_a_network_share_is_known_by_its_windows_path():
    share = PureWindowsPath(r"\\bureau\partage\CARS Desktop")
    assert safety.drive_kind(share, NO_MOUNTS) == ("network", "")


@pytest.mark.parametrize(("drive_type", "kind"), [(2, "removable"), (4, "network"), (3, None)])
def test_a_drive_letter_is_asked_what_it_is(monkeypatch, drive_type, kind):
    """E: a USB stick, Z: a share given a letter, C: the laptop's own disk."""
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(safety, "windows_drive_type", lambda folder: drive_type)
    found = safety.drive_kind(PureWindowsPath(r"Z:\CARS Desktop"), NO_MOUNTS)
    assert found == ((kind, "") if kind else None)


def test_a_plain_folder_of_the_laptop_is_not_risky():
    local = PureWindowsPath(r"C:\Users\anne\AppData\Local\CARS Desktop")
    assert safety.drive_kind(local, NO_MOUNTS) is None


def test_a_path_too_long_to_open_says_so(tmp_path, capsys):
    """Windows stops at 260 characters unless long paths are switched on, Linux at 4,096: a
    data folder too deep to reach is said so plainly, and nothing is made."""
    from cars_desktop import cli

    deep = tmp_path
    while len(str(deep)) < 4200:
        deep = deep / ("d" * 200)
    assert cli.main(["backup", "--data-dir", str(deep / "data")]) == 2
    said = capsys.readouterr().err
    assert "cannot be used" in said and "too long" in said
    assert not (tmp_path / ("d" * 200)).exists()
