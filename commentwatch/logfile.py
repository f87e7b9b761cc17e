"""Send the log to a file as well as the console (cron keeps the file)."""

from __future__ import annotations

import logging
from pathlib import Path

__all__ = ["add_log_file"]


def add_log_file(path: Path, level: int = logging.INFO) -> None:
    """Append log records of ``level`` and above to ``path`` (created with its directory)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > level or root.level == logging.NOTSET:
        root.setLevel(level)
