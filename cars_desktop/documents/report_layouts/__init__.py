"""One module per report, each with `layout(maker, data)`: the story (ReportLab flowables)
that lays out the numbers its gatherer in `store/reports.py` computed, using the shared kit
in `report_kit.py`. Registered by module name in `documents/reports.py`."""
