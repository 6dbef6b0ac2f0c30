"""What an installation needs: the self-test a volunteer (or CI) runs on an installed or
frozen program, every resource inside the wheel, resources found in a frozen bundle, and a
menu entry that matches its AppStream description."""

import fnmatch
import os
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from cars_desktop import resource_files

ROOT = Path(__file__).resolve().parent.parent


def test_self_test_passes_every_step():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "cars_desktop", "self-test"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    for step in ("data file", "thank-you letter", "report", "main window"):
        assert f"ok      {step}" in done.stdout
    assert "fonts embedded" in done.stdout and "All steps passed" in done.stdout


def test_every_resource_goes_into_the_wheel():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = config["tool"]["setuptools"]["package-data"]["cars_desktop.resources"]
    resources = ROOT / "resources"
    files = [p.relative_to(resources).as_posix() for p in resources.rglob("*")
             if p.is_file() and p.suffix not in (".po", ".pot")]  # a translator's sources
    assert "locale/fr/LC_MESSAGES/cars_desktop.mo" in files
    missing = [f for f in files if not any(fnmatch.fnmatch(f, pattern) and
                                          f.count("/") == pattern.count("/")
                                          for pattern in patterns)]
    assert missing == []


def test_resources_are_found_in_a_frozen_bundle(tmp_path, monkeypatch):
    bundled = tmp_path / "resources"
    bundled.mkdir()
    (bundled / "cars-desktop.svg").write_text("<svg/>")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_files.resource_dir() == bundled


def test_the_menu_entry_matches_its_appstream_description():
    linux = ROOT / "packaging" / "linux"
    desktop = next(linux.glob("*.desktop"))
    entry = dict(line.split("=", 1) for line in desktop.read_text().splitlines()
                 if "=" in line and not line.startswith("#"))
    info = ElementTree.parse(next(linux.glob("*.metainfo.xml"))).getroot()
    assert info.findtext("id") == desktop.stem == entry["Icon"]
    assert info.find("launchable").text == desktop.name
    assert entry["Exec"] == "cars-desktop" and entry["Type"] == "Application"
    assert (ROOT / "resources" / "icons" / "cars-desktop-256.png").exists()
