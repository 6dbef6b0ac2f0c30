"""The frozen program's entry point: the same `cars-desktop` command as an installed one."""

import multiprocessing
import sys

from cars_desktop.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
