"""A slow replica site with a request log that shows overlap, for the host-lease and crash tests.

``SlowSite`` is a Hanweb-style site on ``slow.example``: two columns (one registry source
each: ``slow_a``, ``slow_b``), each embedding ``pages`` article links, plus ``/art/dead.html``,
a page that never answers. ``TimedReplica`` serves it on 127.0.0.1 and records, for every
request, when it arrived and when its answer was ready: two requests to the host overlapped if
one arrived before the other was answered. The answer is delayed outside the server's lock, so
the server itself never serializes what the crawlers send.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from replicas.server import AppRequest, ReplicaServer, Reply

HOST = "slow.example"
MODIFIED = datetime(2026, 1, 19, 8, 0, tzinfo=UTC)


def registry_text() -> str:
    """Two sources on one host, a column each."""
    entries = []
    for sid, col in (("slow_a", 1), ("slow_b", 2)):
        entries.append(
            f"  - id: {sid}\n    name: 慢站 {sid}\n    region_code: \"320000\"\n    family: hanweb\n"
            f"    hosts: [{HOST}]\n    lists:\n"
            f"      - {{name: 栏目{col}, url: \"https://{HOST}/col/col{col}/index.html\", columnid: {col}, unitid: {col}}}\n"
        )
    return "sources:\n" + "".join(entries)


def write_registry(tmp_path: Path) -> Path:
    path = tmp_path / "slow_sources.yml"
    path.write_text(registry_text(), encoding="utf-8")
    return path


class SlowSite:
    hosts: tuple[str, ...] = (HOST,)

    def __init__(self, pages: int = 8, dead_link: bool = False) -> None:
        self.pages = pages
        self.dead_link = dead_link
        self.release = threading.Event()  # set at teardown: the dead page finally answers

    def set_day(self, day: int) -> None:
        return None

    def handle(self, request: AppRequest) -> Reply | None:
        path = request.path
        if path == "/robots.txt":
            return Reply(body=b"User-agent: *\nAllow: /\n", content_type="text/plain")
        for col in (1, 2):
            if path == f"/col/col{col}/index.html":
                links = [(f"/art/{col}_{i}.html", f"第{col}栏第{i}篇 一人公司政策") for i in range(self.pages)]
                if self.dead_link and col == 1:
                    links.insert(0, ("/art/dead.html", "永远不回答的页面"))
                records = "".join(
                    f"<record><![CDATA[<li><a href='{href}' title='{title}'>{title}</a>"
                    f"<span>2026-01-19</span></li>]]></record>" for href, title in links)
                return Reply(body=(f"<html><script type='text/xml'><datastore><recordset>{records}</recordset>"
                                   f"</datastore></script>jpage({{totalRecord:{len(links)},perPage:45,groupSize:3}})"
                                   "</html>").encode(), last_modified=MODIFIED)
        if path == "/art/dead.html":  # TimedReplica holds it back (outside the server's lock)
            return Reply(body=b"<html>too late</html>")
        if path.startswith("/art/"):
            title = f"关于支持一人公司发展的若干措施 {path}"
            body = f"<html><head><title>{title}</title></head><body><div id='zoom'><p>{title}</p>{'正文。' * 200}</div></body></html>"
            return Reply(body=body.encode(), last_modified=MODIFIED)
        return None


class TimedReplica(ReplicaServer):
    """A ReplicaServer that answers every request ``delay`` seconds late and logs its span."""

    def __init__(self, app: SlowSite, delay: float) -> None:
        super().__init__(app=app, site="slow")
        self.delay = delay
        self.spans: list[tuple[str, float, float]] = []  # (path, arrived, answered), monotonic seconds
        self._spans_lock = threading.Lock()

    def answer(self, request: AppRequest) -> Reply:
        arrived = time.monotonic()
        if request.path == "/art/dead.html" and isinstance(self.app, SlowSite):
            self.app.release.wait(60)  # never answers while the test runs
        reply = super().answer(request)
        time.sleep(self.delay)
        with self._spans_lock:
            self.spans.append((request.path, arrived, time.monotonic()))
        return reply

    def __enter__(self) -> TimedReplica:
        self.start()
        return self

    def stop(self) -> None:
        app = self.app
        if isinstance(app, SlowSite):
            app.release.set()
        super().stop()


def overlaps(spans: list[tuple[str, float, float]]) -> list[tuple[str, str]]:
    """Pairs of requests to the host that were in flight at the same time."""
    ordered = sorted(spans, key=lambda s: s[1])
    found = []
    busy_until, busy_path = float("-inf"), ""
    for path, arrived, answered in ordered:
        if arrived < busy_until:
            found.append((busy_path, path))
        if answered > busy_until:
            busy_until, busy_path = answered, path
    return found
