"""CARS Desktop: keep a rural group's community partners, their contributions and the care of
each partnership, offline on one laptop."""

__version__ = "0.1.0"
APP_NAME = "CARS Desktop"
