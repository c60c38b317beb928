"""Feishu and Lark robots with signing turned on, reached through `subscribe add` / `subscribe test`.

The robot is a loopback HTTP server that checks each request the way the platforms document it
(``timestamp`` within an hour of its clock, ``sign`` = base64 HMAC-SHA256 keyed with
``"{timestamp}\\n{secret}"`` over nothing) and answers like them: code 0, or code 19021 when the
signature does not match. Only the plugin's API host is swapped for 127.0.0.1.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from alerts.feishu_signed import LARK_SCHEMA, SCHEMA, register_feishu_signed
from alerts.platforms import channel_limits, to_apprise_url
from opcwatch.cli import app

LARK_TOKEN = "5f0e6a1c-1111-2222-3333-0123456789ab"
FEISHU_TOKEN = "0a1b2c3d-aaaa-bbbb-cccc-0123456789ab"
SECRET = "LarkSecret0123456789abcdef"
LARK = f"https://open.larksuite.com/open-apis/bot/v2/hook/{LARK_TOKEN}"
FEISHU = f"https://open.feishu.cn/open-apis/bot/v2/hook/{FEISHU_TOKEN}"


class SigningBot:
    """A custom bot with Signature Verification on: it keeps what it accepted and what it refused."""

    def __init__(self, secret: str) -> None:
        self.secret = secret
        self.accepted: list[tuple[str, dict[str, Any]]] = []
        self.refused: list[dict[str, Any]] = []
        bot = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
                answer = {"code": 0, "msg": "success"} if bot.verified(body) else {
                    "code": 19021, "msg": "sign match fail or timestamp is not within one hour from current time"}
                (bot.accepted.append((self.path, body)) if answer["code"] == 0 else bot.refused.append(body))
                data = json.dumps(answer).encode()
                self.send_response(200)  # the platforms answer a bad signature with HTTP 200 and a code
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def verified(self, body: dict[str, Any]) -> bool:
        stamp = str(body.get("timestamp") or "")
        if not stamp.isdigit() or abs(time.time() - int(stamp)) > 3600:
            return False
        key = f"{stamp}\n{self.secret}".encode()
        expected = base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()
        return hmac.compare_digest(expected, str(body.get("sign") or ""))


@pytest.fixture
def bot(monkeypatch: pytest.MonkeyPatch) -> Iterator[SigningBot]:
    server = SigningBot(SECRET)
    register_feishu_signed()
    from apprise.manager_plugins import NotificationManager

    for schema in (SCHEMA, LARK_SCHEMA):
        monkeypatch.setattr(NotificationManager()[schema], "notify_url",
                            f"http://127.0.0.1:{server.port}/{schema}/open-apis/bot/v2/hook/{{token}}")
    yield server
    server.server.shutdown()
    server.server.server_close()


def _env(tmp_path: Path) -> dict[str, str]:
    return {"OPCWATCH_DATA_DIR": str(tmp_path), "OPCWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'o.db'}"}


@pytest.mark.parametrize(("pasted", "schema", "token", "label"),
                         [(LARK, LARK_SCHEMA, LARK_TOKEN, "Lark"), (FEISHU, SCHEMA, FEISHU_TOKEN, "飞书")])
@pytest.mark.parametrize("fmt", ["markdown", "text"])
def test_a_signed_robot_accepts_the_test_message(bot: SigningBot, tmp_path: Path, pasted: str, schema: str,
                                                 token: str, label: str, fmt: str) -> None:
    runner = CliRunner()
    added = runner.invoke(app, ["subscribe", "add", "--url", pasted, "--secret", SECRET, "--format", fmt],
                          env=_env(tmp_path))
    assert added.exit_code == 0, added.output
    assert f"{label}-1" in added.output and SECRET not in added.output and token not in added.output
    sent = runner.invoke(app, ["subscribe", "test", f"{label}-1"], env=_env(tmp_path))
    assert sent.exit_code == 0, sent.output
    assert "delivered" in sent.output and SECRET not in sent.output and token not in sent.output
    assert bot.refused == []
    ((path, body),) = bot.accepted
    assert path == f"/{schema}/open-apis/bot/v2/hook/{token}"
    if fmt == "markdown":
        assert body["msg_type"] == "interactive"
        assert body["card"]["header"]["title"]["content"].startswith("【测试】【新政策】")
        assert "最高2000万元" in body["card"]["elements"][0]["text"]["content"]
    else:
        assert body["msg_type"] == "text" and body["content"]["text"].startswith("【测试】【新政策】")


def test_a_wrong_lark_secret_is_reported_as_the_platforms_refusal(bot: SigningBot, tmp_path: Path) -> None:
    runner = CliRunner()
    wrong = "WrongSecret42"
    assert runner.invoke(app, ["subscribe", "add", "--url", f"{LARK}?secret={wrong}"], env=_env(tmp_path)).exit_code == 0
    sent = runner.invoke(app, ["subscribe", "test", "Lark-1"], env=_env(tmp_path))
    assert sent.exit_code == 3, sent.output
    assert "19021" in sent.output and wrong not in sent.output and LARK_TOKEN not in sent.output
    assert bot.accepted == [] and len(bot.refused) == 1


def test_lark_urls_with_a_secret_become_the_signed_plugin() -> None:
    signed = f"{LARK_SCHEMA}://{SECRET}@{LARK_TOKEN}/"
    assert to_apprise_url(LARK, SECRET) == signed
    assert to_apprise_url(f"{LARK}?secret={SECRET}") == signed
    assert to_apprise_url(f"lark://{LARK_TOKEN}", SECRET) == signed.rstrip("/")
    assert to_apprise_url(LARK) == f"lark://{LARK_TOKEN}"  # unsigned robots stay Apprise's own plugin
    limits = channel_limits(signed)
    assert (limits.label, limits.per_minute, limits.per_second) == ("Lark", 100, 5)
    with pytest.raises(ValueError, match="letters and digits"):
        to_apprise_url(LARK, "not/a-secret")
    register_feishu_signed()
    import apprise

    plugin = apprise.Apprise.instantiate(signed)
    assert plugin is not None
    masked = str(plugin.url(privacy=True))
    assert SECRET not in masked and LARK_TOKEN not in masked
