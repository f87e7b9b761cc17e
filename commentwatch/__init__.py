"""commentwatch: find scam "miracle cure" comments on health websites."""

__version__ = "0.1.0"
