"""The dispatcher's promises (alerts/dispatch.py), watched from inside a fake channel: one message
at a time per channel and in order, at most ``per_host`` at a time per host, sends in parallel
across hosts, a failure costs its message only, rate limits and lease releases."""

from __future__ import annotations

import threading
import time
from collections import defaultdict

import pytest

from alerts.dispatch import Message, dispatch
from alerts.ledger import Outcome


def _messages(hosts: int, channels: int, each: int) -> list[Message]:
    out: list[Message] = []
    for n in range(each):
        for h in range(hosts):
            for c in range(channels):
                out.append(Message(ids=[len(out)], url=f"json://h{h}.example:80/c{c}", fmt="text",
                                   digest=False, events=[("policy.new", {"n": n})]))
    return out


class Watch:
    """A send that notes what runs at once, per host and per channel."""

    def __init__(self, hold: float = 0.01) -> None:
        self.hold = hold
        self.lock = threading.Lock()
        self.hosts: dict[str, int] = defaultdict(int)
        self.channels: dict[str, int] = defaultdict(int)
        self.most_per_host = self.most_per_channel = self.most_at_once = 0
        self.started: list[int] = []
        self.second = threading.Event()

    def __call__(self, message: Message) -> tuple[bool, str]:
        with self.lock:
            self.hosts[message.host] += 1
            self.channels[message.url] += 1
            self.started.append(message.ids[0])
            at_once = sum(self.hosts.values())
            self.most_at_once = max(self.most_at_once, at_once)
            self.most_per_host = max(self.most_per_host, self.hosts[message.host])
            self.most_per_channel = max(self.most_per_channel, self.channels[message.url])
            if at_once >= 2:
                self.second.set()
        # The first send waits (boundedly) for a second to start: a serial dispatcher shows here.
        self.second.wait(5)
        time.sleep(self.hold)
        with self.lock:
            self.hosts[message.host] -= 1
            self.channels[message.url] -= 1
        return True, ""


def _run(messages: list[Message], send: object, **kw: object) -> list[tuple[Message, Outcome]]:
    ended: list[tuple[Message, Outcome]] = []
    options = {"workers": 8, "per_host": 2, "lease_seconds": 600.0, "rate_limit": None} | kw
    dispatch(messages, send, on_outcome=lambda m, o: ended.append((m, o)), **options)  # type: ignore[arg-type]
    return ended


@pytest.mark.parametrize(("hosts", "channels", "each"), [(3, 4, 3), (2, 1, 4)])
def test_limits_per_host_and_channel_order_and_parallel_sends(hosts: int, channels: int, each: int) -> None:
    messages = _messages(hosts, channels, each)
    watch = Watch()
    ended = _run(messages, watch)
    assert sorted(o.ids[0] for _, o in ended) == list(range(len(messages)))  # each once
    assert all(o.ok for _, o in ended)
    assert watch.most_per_channel == 1 and watch.most_per_host <= 2
    assert watch.most_at_once >= 2
    by_channel: dict[str, list[int]] = defaultdict(list)
    for m, _ in ended:
        by_channel[m.url].append(m.ids[0])
    assert all(ids == sorted(ids) for ids in by_channel.values())  # a subscriber reads them in order


def test_a_failing_send_costs_its_message_only() -> None:
    messages = _messages(hosts=2, channels=2, each=2)

    def send(message: Message) -> tuple[bool, str]:
        if message.ids == [1]:
            raise RuntimeError("plugin bug")
        return (False, "error=500") if message.ids == [2] else (True, "")

    outcomes = {o.ids[0]: o for _, o in _run(messages, send)}
    assert (outcomes[1].ok, outcomes[1].error) == (False, "RuntimeError: plugin bug")
    assert (outcomes[2].ok, outcomes[2].error) == (False, "error=500")
    assert all(o.ok for i, o in outcomes.items() if i not in (1, 2)) and len(outcomes) == 8


def test_a_rate_limited_channel_waits_and_holds_up_no_other() -> None:
    limited, free = "json://robot.example:80/a", "json://robot.example:80/b"
    messages = [Message(ids=[n], url=limited if n < 2 else free, fmt="text", digest=False,
                        events=[("policy.new", {})]) for n in range(5)]
    starts: list[int] = []

    def send(message: Message) -> tuple[bool, str]:
        starts.append(message.ids[0])
        return True, ""

    ended = _run(messages, send, per_host=1, rate_limit=lambda url: (None, 1) if url == limited else (None, None))
    assert len(ended) == 5
    # One a second on the limited channel: its second message starts after every other one.
    assert starts[-1] == 1 and starts.index(0) < starts.index(1)


def test_a_message_claimed_too_long_ago_is_released_unsent() -> None:
    messages = _messages(hosts=1, channels=1, each=2)
    messages[1].claimed_at -= 400  # more than half the 600 s lease
    sent: list[int] = []

    def send(message: Message) -> tuple[bool, str]:
        sent.append(message.ids[0])
        return True, ""

    outcomes = {o.ids[0]: o for _, o in _run(messages, send)}
    assert sent == [0]
    assert outcomes[1].released and not outcomes[1].ok and outcomes[0].ok
