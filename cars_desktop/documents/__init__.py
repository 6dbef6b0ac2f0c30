"""PDF letters and reports with ReportLab. Importing these modules loads ReportLab's layout
engine (about 170 ms): the user interface imports them when a document is made, not at start."""
