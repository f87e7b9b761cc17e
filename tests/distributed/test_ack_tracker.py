"""When a popped request is done: after its children are queued and its items committed."""

from __future__ import annotations

import pytest
import scrapy

from crawler.distributed.queue import ACK_META, PARENT_META
from crawler.distributed.tracker import AckTracker, track_output


class _Acks:
    def __init__(self) -> None:
        self.done: list[str] = []

    def __call__(self, entries: list[str]) -> None:
        self.done.extend(entries)


def test_entry_is_acknowledged_after_its_last_hold() -> None:
    acks = _Acks()
    tracker = AckTracker(acks)
    tracker.popped("7")
    child = scrapy.Request("http://127.0.0.1/child", meta={ACK_META: "7"})
    item = {"comment": 1}
    output = list(track_output(tracker, "7", [child, item], errback=None))
    assert output == [child, item]
    assert child.meta[PARENT_META] == "7"
    assert ACK_META not in child.meta
    assert acks.done == []  # the child is not queued, the item not committed
    tracker.child_done("7")
    assert acks.done == []
    tracker.items_done([item])
    assert acks.done == ["7"]
    assert tracker.pending == 0


def test_callback_release_is_idempotent_and_replacement_acks() -> None:
    acks = _Acks()
    tracker = AckTracker(acks)
    tracker.popped("1")
    tracker.callback_done("1")
    tracker.callback_done("1")
    assert acks.done == ["1"]
    tracker.popped("2")
    tracker.replaced("2")  # a redirect or retry was queued instead
    assert acks.done == ["1", "2"]
    tracker.child_done("2")  # late reports about a finished entry change nothing
    assert acks.done == ["1", "2"]


def test_failing_callback_still_releases_and_requests_get_an_errback() -> None:
    acks = _Acks()
    tracker = AckTracker(acks)
    tracker.popped("3")

    def errback(failure: object) -> None:
        return None

    def broken() -> object:
        yield scrapy.Request("http://127.0.0.1/next")
        raise ValueError("parser bug")

    seen: list[object] = []
    with pytest.raises(ValueError, match="parser bug"):
        seen.extend(track_output(tracker, "3", broken(), errback))
    assert seen[0].errback is errback
    assert acks.done == []  # its child still holds it
    tracker.child_done("3")
    assert acks.done == ["3"]


def test_release_all_when_idle() -> None:
    acks = _Acks()
    tracker = AckTracker(acks)
    for entry in ("a", "b"):
        tracker.popped(entry)
    assert tracker.release_all() == 2
    assert sorted(acks.done) == ["a", "b"]
    assert tracker.pending == 0
