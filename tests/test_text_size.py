"""Text size: the system's font is 100 %, the View menu's choice scales it and is remembered;
at 150 % on a 1366×768 laptop every window still fits and no single-line text is cut."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMenu, QWidget

from cars_desktop.ui import text_size
from window_watch import WindowWatch, misfits


@pytest.fixture
def sizes(qapp):
    base = text_size.base_font()
    yield base
    text_size.apply_size(100)
    text_size.save_size(100)
    assert QApplication.font().pointSizeF() == base.pointSizeF()


def size_action(sub: QMenu, percent: int):
    return next(action for action in sub.actions() if action.data() == percent)


def test_150_percent_makes_the_text_half_as_large_again_and_is_remembered(qtbot, sizes):
    menu = QMenu()
    sub = text_size.add_text_size_menu(menu, None)
    labels = [action.text() for action in sub.actions() if action.data()]
    assert labels == ["100%", "125%", "150%", "200%"]
    assert size_action(sub, 100).isChecked()
    label = QLabel("Partners")
    qtbot.addWidget(label)
    size_action(sub, 150).trigger()
    assert QApplication.font().pointSizeF() == pytest.approx(sizes.pointSizeF() * 1.5)
    assert label.font().pointSizeF() == pytest.approx(sizes.pointSizeF() * 1.5)
    assert size_action(sub, 150).isChecked() and not size_action(sub, 100).isChecked()
    assert text_size.saved_size() == 150
    assert text_size._size_file().name == "text-size.txt"
    assert text_size.current_size() == 150
    size_action(sub, 100).trigger()
    assert QApplication.font().pointSizeF() == pytest.approx(sizes.pointSizeF())
    assert text_size.saved_size() == 100


def test_the_zoom_keys_step_through_the_sizes(qtbot, sizes):
    menu = QMenu()
    sub = text_size.add_text_size_menu(menu, None)
    larger = next(a for a in sub.actions() if a.text() == "&Larger text")
    smaller = next(a for a in sub.actions() if a.text() == "&Smaller text")
    assert larger.shortcuts() and smaller.shortcuts()
    larger.trigger()
    assert text_size.current_size() == 125
    larger.trigger()
    larger.trigger()
    larger.trigger()
    assert text_size.current_size() == 200
    smaller.trigger()
    assert text_size.current_size() == 150
    assert text_size.saved_size() == 150


def test_an_unreadable_or_odd_saved_size_means_100(sizes):
    path = text_size._size_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("huge\n", encoding="utf-8")
    assert text_size.saved_size() == 100
    path.write_text("137\n", encoding="utf-8")
    assert text_size.saved_size() == 100
    text_size.save_size(200)
    assert text_size.apply_saved_size() == 200
    assert text_size.current_size() == 200


def cut_texts(window: QWidget) -> list[str]:
    """Visible single-line labels and buttons whose text is wider than their room."""
    problems = []
    name = f"{type(window).__name__} “{window.windowTitle()}”"
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QLabel) and not widget.wordWrap() and widget.text() \
                and "\n" not in widget.text() and "<" not in widget.text():
            text = widget.text().replace("&", "")
            room = widget.contentsRect().width()
        elif isinstance(widget, QAbstractButton) and widget.text():
            text = widget.text().replace("&", "")
            room = widget.contentsRect().width() - 8  # the frame's margins
            if widget.icon() is not None and not widget.icon().isNull():
                room -= widget.iconSize().width()
        else:
            continue
        if widget.fontMetrics().horizontalAdvance(text) > room + 1:
            problems.append(f"{name}: “{text}” is cut ({type(widget).__name__}, "
                            f"{widget.fontMetrics().horizontalAdvance(text)} > {room} px)")
    return problems


def test_at_150_percent_every_window_fits_and_no_text_is_cut(qtbot, window, sizes):
    from test_every_menu import trigger_all

    text_size.apply_size(150)
    QApplication.processEvents()
    problems = misfits(window) + cut_texts(window)

    class Watch(WindowWatch):
        def tick(self) -> None:
            for shown in self.open_windows():
                self.problems += cut_texts(shown)
            super().tick()

    watch = Watch(window)
    try:
        tried = trigger_all(qtbot, window, watch)
    finally:
        watch.stop()
    problems += watch.problems
    assert len(tried) >= 30 and watch.seen
    assert not problems, "\n".join(dict.fromkeys(problems))
