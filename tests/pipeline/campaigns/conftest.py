"""Make ``import pipeline`` find the project package in these tests.

``tests/pipeline`` would shadow the project package as a namespace package (pytest puts
``tests/`` first on sys.path); until pyproject sets ``pythonpath = ["."]``, put the
repository root first. Helpers live in ``campaign_fixtures.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

_ROOT = str(Path(__file__).resolve().parents[3])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)
if getattr(sys.modules.get("pipeline"), "__file__", "") is None:
    for _name in [n for n in sys.modules if n.split(".")[0] == "pipeline"]:
        del sys.modules[_name]
