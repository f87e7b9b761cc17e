"""Decide when a popped request is done, so its processing-hash entry can be deleted.

A request is done when nothing it produced can be lost any more: the spider finished with
its response (or failure), every child request is in the Redis queue (or was filtered as a
duplicate), and every item is committed to the database. Each of these is a *hold* on the
request's entry; the entry is acknowledged when the last hold is released. A request that
the downloader replaced (a redirect, a retry) is done once its replacement is queued.

Holds are taken on the reactor thread and released there or on the pipeline's writer
thread, hence the lock.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from scrapy import Request

from crawler.distributed.queue import ACK_META, PARENT_META

__all__ = ["AckTracker", "track_one", "track_output"]

logger = logging.getLogger(__name__)


class AckTracker:
    """Count the holds on each in-flight entry and acknowledge it at zero."""

    def __init__(self, ack: Callable[[list[str]], None]) -> None:
        self._ack = ack
        self._lock = threading.Lock()
        self._holds: dict[str, int] = {}
        self._callbacks: set[str] = set()
        self._owners: dict[int, str] = {}

    @property
    def pending(self) -> int:
        """Entries not acknowledged yet."""
        with self._lock:
            return len(self._holds)

    @property
    def items_pending(self) -> int:
        """Items handed to the pipeline and not committed yet."""
        with self._lock:
            return len(self._owners)

    def popped(self, entry: str) -> None:
        """Hold ``entry`` until the spider has handled its response or failure."""
        with self._lock:
            self._holds[entry] = self._holds.get(entry, 0) + 1
            self._callbacks.add(entry)

    def child(self, entry: str) -> None:
        """Hold ``entry`` until a request it produced is queued."""
        with self._lock:
            self._holds[entry] = self._holds.get(entry, 0) + 1

    def item(self, entry: str, item: Any) -> None:
        """Hold ``entry`` until ``item`` (alive in the pipeline's buffer) is committed."""
        with self._lock:
            self._holds[entry] = self._holds.get(entry, 0) + 1
            self._owners[id(item)] = entry

    def callback_done(self, entry: str) -> None:
        """Release the spider's hold (idempotent: several paths may report it)."""
        with self._lock:
            if entry not in self._callbacks:
                return
            self._callbacks.discard(entry)
            done = self._release(entry)
        self._ack(done)

    def child_done(self, entry: str) -> None:
        with self._lock:
            done = self._release(entry)
        self._ack(done)

    def items_done(self, items: Iterable[Any]) -> None:
        """Release the holds of items that were committed (or will never be)."""
        done: list[str] = []
        with self._lock:
            for item in items:
                entry = self._owners.pop(id(item), None)
                if entry is not None:
                    done.extend(self._release(entry))
        self._ack(done)

    def replaced(self, entry: str) -> None:
        """The downloader replaced the request (redirect, retry) and the new one is queued."""
        with self._lock:
            self._holds.pop(entry, None)
            self._callbacks.discard(entry)
        self._ack([entry])

    def release_all(self) -> int:
        """Acknowledge every entry (the engine is idle: nothing of ours is in flight)."""
        with self._lock:
            entries = list(self._holds)
            self._holds.clear()
            self._callbacks.clear()
        self._ack(entries)
        return len(entries)

    def _release(self, entry: str) -> list[str]:
        count = self._holds.get(entry)
        if count is None:
            return []
        if count > 1:
            self._holds[entry] = count - 1
            return []
        del self._holds[entry]
        return [entry]


def track_one(tracker: AckTracker | None, entry: str | None, obj: Any,
              errback: Callable[..., Any] | None = None) -> Any:
    """Take the hold one output object of ``entry``'s response needs; return the object.

    Child requests lose the parent's ``ACK_META`` (``response.follow(meta=response.meta)``
    copies it) and get ``PARENT_META``; a request without an errback gets ``errback`` so
    that its failure also reaches the spider and releases its hold.
    """
    if isinstance(obj, Request):
        obj.meta.pop(ACK_META, None)
        if obj.errback is None and errback is not None:
            obj.errback = errback
        if tracker is not None and entry is not None:
            obj.meta[PARENT_META] = entry
            tracker.child(entry)
    elif obj is not None and tracker is not None and entry is not None:
        tracker.item(entry, obj)
    return obj


def track_output(tracker: AckTracker | None, entry: str | None, output: Iterable[Any] | None,
                 errback: Callable[..., Any] | None = None) -> Iterator[Any]:
    """Pass a callback's output through :func:`track_one`, then release the spider's hold."""
    try:
        for obj in output or ():
            yield track_one(tracker, entry, obj, errback)
    finally:
        if tracker is not None and entry is not None:
            tracker.callback_done(entry)
