"""Make ``import pipeline`` find the project package, not this ``tests/pipeline`` directory.

pytest puts ``tests/`` on ``sys.path`` (rootdir conftest, prepend import mode), where
``tests/pipeline`` would be picked up as a namespace package before the editable install's
finder is asked. Putting the repository root first makes the regular package win. (The
lasting fix is ``pythonpath = ["."]`` in ``[tool.pytest.ini_options]``.)
"""

from __future__ import annotations

import sys
from pathlib import Path

_ROOT = str(Path(__file__).resolve().parents[3])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)
_loaded = sys.modules.get("pipeline")
if _loaded is not None and getattr(_loaded, "__file__", None) is None:
    for _name in [n for n in sys.modules if n == "pipeline" or n.startswith("pipeline.")]:
        del sys.modules[_name]
