"""Fault injection for crash tests: ``QUALCODE_FAULT=<point>`` kills the process at that point.

The code calls :func:`fault` at each commit point of a write (store commit, file rename, first
build...). Unset, the call costs one dictionary lookup. Set to ``<point>`` the process kills
itself with SIGKILL the first time it reaches that point, ``<point>@N`` the N-th time, so a test
can run a real ``qualcode`` command and check that the next open finds a consistent project.
``QUALCODE_FAULT_TRACE`` records the points reached (the crash benchmark tells by it whether a
random kill fell inside a write).
"""

from __future__ import annotations

import os
import signal

POINTS = (
    "before-store-commit",
    "after-store-commit",
    "before-file-rename",
    "after-file-rename",
    "after-pending-clear",
    "build-before-rename",
    "backup-before-rename",
    "restore-before-rename",
    "import-copy",
)
"""Every place a test may kill the process (``QUALCODE_FAULT``)."""

_hits: dict[str, int] = {}


def fault(point: str) -> None:
    """Kill this process here when ``QUALCODE_FAULT`` names ``point`` (and its count is due);
    with ``QUALCODE_FAULT_TRACE=<file>``, append the point's name to that file first."""
    trace = os.environ.get("QUALCODE_FAULT_TRACE")
    if trace:
        with open(trace, "a", encoding="utf-8") as fh:
            fh.write(point + "\n")
    wanted = os.environ.get("QUALCODE_FAULT")
    if not wanted:
        return
    name, _, nth = wanted.partition("@")
    if name != point:
        return
    _hits[point] = _hits.get(point, 0) + 1
    if _hits[point] >= int(nth or 1):
        os.kill(os.getpid(), signal.SIGKILL if hasattr(signal, "SIGKILL") else signal.SIGTERM)
        os._exit(137)  # pragma: no cover - reached only where SIGKILL does not exist
