import sys

from cars_desktop.cli import main

sys.exit(main())
