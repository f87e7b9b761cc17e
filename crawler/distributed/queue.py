"""A reliable request queue in Redis: what a worker pops stays recorded until it is done.

scrapy-redis' queues pop a request and forget it, so a worker killed mid-download loses
what it had in flight. Here a pop atomically moves the request into the worker's own
*processing* hash (a Lua script: ``RPOP`` + ``HSET`` in one step) and the request carries
the entry id in ``request.meta``; the entry is deleted (acknowledged) only once everything
the response produced is safe — child requests queued, items committed to the database.
A worker that dies leaves its hash behind; any live worker that sees the dead worker's
heartbeat key expired pushes the hash's requests back onto the queue (:meth:`recover`).

Requests are (de)serialised by scrapy-redis' ``Base`` queue (``request.to_dict`` + pickle),
so callbacks must be methods of the spider, as with any scrapy-redis crawl.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from typing import Any

from scrapy import Request
from scrapy_redis.queue import Base

__all__ = ["ACK_META", "LOCAL_META", "PARENT_META", "ReliableQueue"]

logger = logging.getLogger(__name__)

#: Meta key: processing-hash entry id of a request popped from the queue.
ACK_META = "cw_ack"
#: Meta key: entry id of the request whose response produced this (child) request.
PARENT_META = "cw_parent"
#: Meta key: a request this worker popped itself and hands to its own engine.
LOCAL_META = "cw_local"

_POP = """
local data = redis.call('RPOP', KEYS[1])
if not data then return nil end
local id = redis.call('INCR', KEYS[3])
redis.call('HSET', KEYS[2], id, data)
return {tostring(id), data}
"""

_PUSH_NEW = """
if redis.call('SADD', KEYS[2], ARGV[1]) == 0 then return 0 end
redis.call('LPUSH', KEYS[1], ARGV[2])
return 1
"""

_RECOVER = """
local values = redis.call('HVALS', KEYS[1])
for _, value in ipairs(values) do redis.call('RPUSH', KEYS[2], value) end
redis.call('DEL', KEYS[1])
return #values
"""


class ReliableQueue(Base):
    """FIFO queue of one site with a per-worker processing hash."""

    def __init__(self, server: Any, spider: Any, key: str, processing_key: str,
                 sequence_key: str, serializer: Any = None) -> None:
        super().__init__(server, spider, key, serializer)
        self.processing_key = processing_key
        self.sequence_key = sequence_key
        self._acks: list[str] = []
        self._ack_lock = threading.Lock()
        self._pop = server.register_script(_POP)
        self._push_new = server.register_script(_PUSH_NEW)
        self._recover = server.register_script(_RECOVER)

    def __len__(self) -> int:
        return int(self.server.llen(self.key))

    def _encode(self, request: Request) -> bytes:
        for name in (ACK_META, PARENT_META, LOCAL_META):
            request.meta.pop(name, None)
        return self._encode_request(request)  # type: ignore[no-any-return]

    def push(self, request: Request) -> None:
        """Queue ``request`` for any worker (bookkeeping meta keys are dropped)."""
        self.server.lpush(self.key, self._encode(request))

    def push_new(self, request: Request, fingerprint: str, seen_key: str) -> bool:
        """Queue ``request`` unless ``fingerprint`` is in the set ``seen_key``; add it there.

        One round trip for scrapy-redis' ``SADD`` test and the push, atomically.
        """
        data = self._encode(request)
        return bool(self._push_new(keys=[self.key, seen_key], args=[fingerprint, data]))

    def pop(self, timeout: int = 0) -> Request | None:
        """Pop the oldest request into this worker's processing hash, or return None."""
        found = self._pop(keys=[self.key, self.processing_key, self.sequence_key])
        if not found:
            return None
        entry, data = found
        request: Request = self._decode_request(data)
        request.meta[ACK_META] = entry.decode() if isinstance(entry, bytes) else str(entry)
        return request

    def ack(self, entries: Iterable[str]) -> None:
        """Forget finished requests at the next :meth:`flush_acks` (any thread).

        Batching keeps Redis round trips off the crawl's hot path; an ack that dies with
        the worker before its flush only means that request is fetched once more.
        """
        with self._ack_lock:
            self._acks.extend(entries)

    def flush_acks(self) -> int:
        """Send the buffered acknowledgements in one ``HDEL``; return how many."""
        with self._ack_lock:
            entries, self._acks = self._acks, []
        if entries:
            self.server.hdel(self.processing_key, *entries)
        return len(entries)

    def in_flight(self, processing_key: str | None = None) -> int:
        """Return how many requests a worker (default: this one) has popped and not finished."""
        return int(self.server.hlen(processing_key or self.processing_key))

    def recover(self, processing_key: str | None = None) -> int:
        """Push a worker's unfinished requests back onto the queue; return how many."""
        return int(self._recover(keys=[processing_key or self.processing_key, self.key]))
