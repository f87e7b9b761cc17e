"""Helpers for tests that run the ``commentwatch`` command in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args: str, input_text: str | None = None, timeout: float = 180,
            cwd: Path | None = None, env: dict[str, str] | None = None
            ) -> subprocess.CompletedProcess[str]:
    """Run ``python -m commentwatch ARGS`` and return the finished process."""
    full_env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    full_env.pop("COMMENTWATCH_DB", None)
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "commentwatch", *args],
        input=input_text, capture_output=True, text=True, timeout=timeout,
        cwd=cwd or ROOT, env=full_env, check=False,
    )
