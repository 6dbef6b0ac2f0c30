"""One module per report: how its numbers are laid out on the page."""
