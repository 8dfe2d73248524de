"""Demo data for the instruments app: the shared large research instruments of the demo institutes (``data.py``)."""
