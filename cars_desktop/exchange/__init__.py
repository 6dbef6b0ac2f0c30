"""CSV import and export, and backup archives: plain Python over the store, no Qt."""
