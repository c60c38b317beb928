"""Concurrent, isolated sends: a bounded thread pool, a limit per channel host, platform rates.

Why a scheduler rather than workers taking a per-host semaphore: a worker waiting on a slow
host's semaphore would be a worker lost to every other channel. Here the loop only starts a
message whose channel is idle (one at a time, in order), whose host has a free slot
(``per_host``) and whose channel is within its platform's rate (e.g. DingTalk's 20 messages a minute per robot: the message waits in the queue, it is not
refused), so a slow or rate-limited channel holds at most its own slots and delays no other.

Each message is rendered and sent inside its worker and every exception is caught there: a
failure costs that message only. Outcomes go to a recorder thread that writes them in batches
(alerts/ledger.py), so sending never waits on the database either.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from alerts.ledger import Outcome

log = logging.getLogger(__name__)

# (messages per minute, messages per second) a channel accepts; None = no published limit.
RateLimit = Callable[[str], tuple[int | None, int | None]]
RECORD_EVERY = 0.2  # seconds: the recorder writes what has ended at least this often


@dataclass
class Message:
    """One Apprise call: one subscription's channel and the ledger rows (with events) it carries.

    Plain data only (no ORM objects): it crosses into a worker thread.
    """

    ids: list[int]
    url: str
    fmt: str
    digest: bool
    events: list[tuple[str, dict[str, Any]]]  # (kind, payload), in the order to show them
    subscription: str = ""  # its name, for logs and the summary
    event_ids: tuple[int, ...] = ()  # the events shown: messages with the same ids and format render alike
    claimed_at: float = field(default_factory=time.monotonic)

    host: str = field(init=False)

    def __post_init__(self) -> None:
        self.host = channel_host(self.url)


@lru_cache(maxsize=4096)  # a subscription's URL, asked for each of its messages
def channel_host(url: str) -> str:
    """The channel's host (scheme://host:port), the unit of the concurrency limit. Chat robots'
    Apprise URLs carry the robot token there (dingtalk://TOKEN), so each robot is its own."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = None
    if parts.scheme == "outbox" or not parts.hostname:
        return f"{parts.scheme}:{parts.path}"
    return f"{parts.scheme}://{parts.hostname}:{port or ''}"


class _Rate:
    """Sliding windows of send starts per channel URL."""

    def __init__(self, limit: RateLimit | None) -> None:
        self.limit = limit
        self.starts: dict[str, deque[float]] = {}
        self.limits: dict[str, tuple[tuple[float, int], ...]] = {}

    def _windows(self, url: str) -> tuple[tuple[float, int], ...]:
        if url not in self.limits:
            per_minute, per_second = (None, None)
            if self.limit is not None:
                try:
                    per_minute, per_second = self.limit(url)
                except Exception:  # a limits table bug must not stop delivery
                    log.exception("rate limit lookup failed; sending unthrottled")
            self.limits[url] = tuple((span, n) for span, n in ((60.0, per_minute), (1.0, per_second)) if n)
        return self.limits[url]

    def wait(self, url: str, now: float) -> float:
        """Seconds until ``url`` may take another message (0: now)."""
        starts = self.starts.get(url)
        longest = 0.0
        for span, n in self._windows(url):
            if starts is None:
                break
            recent = [t for t in starts if t > now - span]
            if len(recent) >= n:
                longest = max(longest, recent[-n] + span - now)
        return longest

    def started(self, url: str, now: float) -> None:
        if self._windows(url):
            starts = self.starts.setdefault(url, deque(maxlen=256))
            starts.append(now)


class Recorder:
    """A thread that hands batches of outcomes to ``write`` (the ledger), at most every RECORD_EVERY s.

    After a batch's first outcome it sleeps out the interval and then takes whatever has
    arrived, rather than waking for each outcome; ``close`` cuts the sleep short.
    """

    def __init__(self, write: Callable[[list[Outcome]], None]) -> None:
        self.write = write
        self.queue: queue.SimpleQueue[Outcome | None] = queue.SimpleQueue()
        self.closing = threading.Event()
        self.thread = threading.Thread(target=self._loop, name="opcwatch-recorder", daemon=True)
        self.thread.start()

    def put(self, outcome: Outcome) -> None:
        self.queue.put(outcome)

    def close(self) -> None:
        self.closing.set()
        self.queue.put(None)
        self.thread.join()

    def _loop(self) -> None:
        done = False
        while not done:
            item = self.queue.get()
            batch: list[Outcome] = []
            if item is None:
                done = True
            else:
                batch.append(item)
                self.closing.wait(RECORD_EVERY)
                while True:
                    try:
                        item = self.queue.get_nowait()
                    except queue.Empty:
                        break
                    if item is None:
                        done = True
                        break
                    batch.append(item)
            if batch:
                try:
                    self.write(batch)
                except Exception:  # never lose the thread: the rows' leases make them due again
                    log.exception("recording %d outcomes failed", len(batch))


class _Queues:
    """Messages by host, then by channel (a subscription's URL), each channel in its order."""

    def __init__(self, messages: list[Message]) -> None:
        self.channels: dict[str, deque[Message]] = {}
        self.hosts: dict[str, deque[str]] = {}  # host -> its channels with messages, round robin
        for message in messages:
            if message.url not in self.channels:
                self.channels[message.url] = deque()
                self.hosts.setdefault(message.host, deque()).append(message.url)
            self.channels[message.url].append(message)
        self.busy_hosts: dict[str, int] = dict.fromkeys(self.hosts, 0)
        self.busy_channels: set[str] = set()

    def next_for(self, host: str, rate: _Rate, now: float) -> tuple[Message | None, float | None]:
        """The next message of ``host`` that may start now, and else the soonest wait."""
        channels = self.hosts[host]
        wake = None
        for _ in range(len(channels)):
            url = channels[0]
            channels.rotate(-1)
            if url in self.busy_channels:
                continue
            delay = rate.wait(url, now)
            if delay > 0:
                wake = delay if wake is None else min(wake, delay)
                continue
            message = self.channels[url].popleft()
            if not self.channels[url]:
                channels.remove(url)
                del self.channels[url]
                if not channels:
                    del self.hosts[host]
            return message, None
        return None, wake


class _Workers:
    """``n`` sending threads: messages in through one queue, (message, result) out through another.

    Plain threads and SimpleQueues rather than an executor's futures: a message then costs two
    queue operations, where futures, their conditions and ``wait()`` over every running one cost
    the dispatcher more than the send itself when the channels answer at once.
    """

    def __init__(self, n: int, attempt: Callable[[Message], tuple[bool, str]]) -> None:
        self.attempt = attempt
        self.jobs: queue.SimpleQueue[Message | None] = queue.SimpleQueue()
        self.done: queue.SimpleQueue[tuple[Message, tuple[bool, str]]] = queue.SimpleQueue()
        self.threads = [threading.Thread(target=self._run, name=f"opcwatch-send_{i}", daemon=True) for i in range(n)]
        for thread in self.threads:
            thread.start()

    def _run(self) -> None:
        while (message := self.jobs.get()) is not None:
            self.done.put((message, self.attempt(message)))

    def close(self) -> None:
        for _ in self.threads:
            self.jobs.put(None)
        for thread in self.threads:
            thread.join()


def dispatch(messages: list[Message], send: Callable[[Message], tuple[bool, str]], *, workers: int,
             per_host: int, lease_seconds: float, rate_limit: RateLimit | None,
             on_outcome: Callable[[Message, Outcome], None]) -> None:
    """Send every message through ``send`` (run in a worker), calling ``on_outcome`` in this
    thread as each ends. One message at a time per channel, so a subscriber reads them in
    order; at most ``per_host`` at a time per host. A message whose claim is older than half
    the lease is released unsent: by then another sweeper may take the row over."""
    queues = _Queues(messages)
    rate = _Rate(rate_limit)
    workers = max(1, workers)

    def attempt(message: Message) -> tuple[bool, str]:
        try:
            return send(message)
        except Exception as exc:  # a rendering or plugin bug costs this message only
            return False, f"{type(exc).__name__}: {exc}"[:500]

    # Hosts that may have a message able to start, in turn. A host leaves when it has none (all
    # its channels busy, its slots full, or rate-limited: then it sleeps until ``wakes``), and
    # comes back when one of its messages ends or its wake passes; one that is passed over for
    # want of a free worker stays. So each event looks at the hosts it concerns, not at all.
    ready: dict[str, None] = dict.fromkeys(queues.hosts)
    wakes: dict[str, float] = {}
    running = 0
    pool = _Workers(min(workers, len(messages)), attempt) if messages else None
    try:
        while queues.hosts or running:
            now = time.monotonic()
            for host, at in list(wakes.items()):
                if at <= now:
                    del wakes[host]
                    ready[host] = None
            for host in list(ready):
                if running >= workers:
                    break
                while host in queues.hosts and queues.busy_hosts[host] < per_host and running < workers:
                    now = time.monotonic()
                    message, delay = queues.next_for(host, rate, now)
                    if message is None:
                        if delay is not None:
                            wakes[host] = min(wakes.get(host, now + delay), now + delay)
                        break
                    if now - message.claimed_at > lease_seconds / 2:
                        on_outcome(message, Outcome(message.ids, False, released=True))
                        continue
                    rate.started(message.url, now)
                    queues.busy_hosts[host] += 1
                    queues.busy_channels.add(message.url)
                    running += 1
                    assert pool is not None
                    pool.jobs.put(message)
                if running < workers or host not in queues.hosts or queues.busy_hosts[host] >= per_host:
                    del ready[host]  # nothing more to start there until an event brings it back
            timeout = max(0.0, min(wakes.values()) - time.monotonic()) if wakes else None
            if not running:
                if timeout is None:
                    if queues.hosts and not ready:  # nothing can ever start: should not happen
                        raise RuntimeError("dispatch stalled with messages queued")
                    continue
                time.sleep(timeout)
                continue
            assert pool is not None
            try:
                message, (ok, error) = pool.done.get(timeout=timeout)
            except queue.Empty:
                continue
            while True:
                running -= 1
                queues.busy_hosts[message.host] -= 1
                queues.busy_channels.discard(message.url)
                if message.host in queues.hosts:
                    ready[message.host] = None
                on_outcome(message, Outcome(message.ids, ok, error))
                try:  # every outcome that has arrived meanwhile, before starting more
                    message, (ok, error) = pool.done.get_nowait()
                except queue.Empty:
                    break
    finally:
        if pool is not None:
            pool.close()
