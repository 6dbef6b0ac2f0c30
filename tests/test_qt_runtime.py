"""PySide6 6.12.0 on Python 3.11 aborts the interpreter ("Fatal Python error: none_dealloc")
after about 5,000 calls to Qt methods that return nothing. pyproject.toml keeps that pair out;
this proves the installed pair survives far more calls than the app makes in a long day."""

import subprocess
import sys
import textwrap

CALLS = 200_000

HAMMER = textwrap.dedent(f"""
    import os
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication, QLabel
    app = QApplication([])
    label = QLabel()
    for number in range({CALLS} // 2):
        label.setText("partner")   # returns None
        label.resize(100, 20)      # returns None
    print("survived", {CALLS})
""")


def test_many_calls_to_qt_methods_that_return_nothing_do_not_abort():
    done = subprocess.run([sys.executable, "-c", HAMMER], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == f"survived {CALLS}"
