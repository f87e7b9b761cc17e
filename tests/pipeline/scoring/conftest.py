"""Make ``import pipeline`` find the project package, not the ``tests/pipeline`` directory.

pytest puts ``tests/`` first on ``sys.path``, where ``tests/pipeline`` is a namespace package
that shadows the editable install. Stop-gap until ``pythonpath = ["."]`` is set in
``[tool.pytest.ini_options]`` (requested from the pyproject owner).
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
