"""The README's promises that a newcomer and CI depend on."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def readme_commands():
    return re.findall(r"```sh\n(.+?)\n```", (ROOT / "README.md").read_text())


def test_ci_runs_exactly_the_readme_test_command():
    test_command = next(c for c in readme_commands() if "pytest" in c)
    ci_lines = (ROOT / ".ci" / "run").read_text().splitlines()
    assert test_command in ci_lines


def test_readme_install_command_starts_the_app_entry_point():
    start = readme_commands()[0]
    assert start.endswith("cars-desktop") and "pip install" in start
    assert 'cars-desktop = "cars_desktop.cli:main"' in (ROOT / "pyproject.toml").read_text()
