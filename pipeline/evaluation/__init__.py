"""Scoring the pipeline against labelled comment files (``commentwatch eval``)."""
