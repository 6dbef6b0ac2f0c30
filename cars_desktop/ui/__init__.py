"""Qt widgets, dialogs and the table model: the only layer that imports Qt."""
