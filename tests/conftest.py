import os
import tempfile
from pathlib import Path

# Without a display Qt aborts the whole process at QApplication(); tests draw offscreen, on
# the screen of a common laptop: 1366×768, at 100 % (or at 125 % with CARS_TEST_SCALE=125).
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    screen = Path(__file__).with_name(f"screen-{os.environ.get('CARS_TEST_SCALE', '100')}.json")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen}"
os.environ.pop("CARS_DESKTOP_DATA_DIR", None)
# The app remembers a moved data folder in the user's config folder: never the real one here.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="cars-tests-config-")
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="cars-tests-cache-")
os.environ["CARS_DESKTOP_LANGUAGE"] = "en"  # a French laptop must not change what tests expect

import pytest  # noqa: E402

from cars_desktop.store import database  # noqa: E402
from letter_kit import set_group  # noqa: E402
from report_books import SEEDS, build_world, fill  # noqa: E402


@pytest.fixture(autouse=True)
def _normal_text_size():
    """A test that chose a larger text size (every menu is triggered) leaves it normal."""
    yield
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is not None:
        from cars_desktop.ui import text_size

        if text_size.current_size() != 100:
            text_size.apply_size(100)


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "data"


@pytest.fixture
def store(data_dir):
    opened = database.open_store(data_dir)
    yield opened
    opened.close()


@pytest.fixture
def window(qtbot, store):
    """The main window, shown, over a fresh data folder."""
    from cars_desktop.ui.main_window import MainWindow

    main = MainWindow(store)
    qtbot.addWidget(main)
    main.show()
    main.finish_building()  # as a moment after it shows: every tab, menu and shortcut there
    return main


@pytest.fixture
def out(tmp_path):
    """An empty folder for the files a command writes."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def group(store):
    """A data folder with the group's profile filled in, ready for letters."""
    set_group()
    return store


# The reports' groups (tests/report_books.py)


@pytest.fixture
def world(store):
    """A small group whose every report figure was worked out by hand."""
    return build_world()


@pytest.fixture(params=SEEDS, ids=lambda seed: f"seed {seed}")
def seeded(request, store):
    """A seeded random sample of 150 partners, with odd minutes of time to round."""
    fill(request.param)
    return request.param
