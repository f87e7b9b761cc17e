"""Peak memory of a benchmark process, measured the same way by every benchmark."""

from __future__ import annotations

import resource
from pathlib import Path

__all__ = ["peak_rss_mib"]


def peak_rss_mib() -> float:
    """Return this process image's peak resident memory in MiB.

    Read from Linux's VmHWM: ``ru_maxrss`` survives fork+exec, so a child started by a big
    benchmark parent would report the parent's peak. Elsewhere ``ru_maxrss`` it is.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
