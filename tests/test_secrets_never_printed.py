"""Planted channel secrets never appear in anything opcwatch prints, logs or writes — at DEBUG level.

The user-facing paths run for real: `subscribe add/list/test`, a delivery run with a working
webhook, two failing channels and the outbox, `deliveries list`, and a database error while a
subscription is recorded (a read-only SQLite database, in a real `opcwatch` process whose DEBUG
log goes to stderr). Everything printed, logged (caplog and the subprocess's stderr) and written
(outbox, ledger errors) is searched for each planted secret.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from alerts_support import Hook, add_event, free_port
from sqlalchemy import select
from typer.testing import CliRunner

from alerts.deliver import deliver
from alerts.outbox import outbox_url
from models.db import session_scope
from models.tables import Delivery
from opcwatch.cli import app
from opcwatch.settings import Settings

DING_TOKEN = "d1ngT0kenb2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7"
DING_SECRET = "SECd1ngS1gn0123456789abcdef0123456789abcdef0123456789abcdef01234"
HOOK_TOKEN = "hookPathT0kenQRS"
HOOK_PASSWORD = "hookPa55wordUVW"
FAIL_TOKEN = "failPathT0kenXYZ"
MAIL_USER = "mailUserABC"
MAIL_PASSWORD = "mailPa55wordDEF"
SECRETS = (DING_TOKEN, DING_SECRET, HOOK_TOKEN, HOOK_PASSWORD, FAIL_TOKEN, MAIL_USER, MAIL_PASSWORD)


def _leaks(text: str) -> list[str]:
    return [secret for secret in SECRETS if secret in text]


def _opcwatch(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """The real command in its own process, so its own logging setup and tracebacks are used."""
    code = "import sys; from opcwatch.cli import app; sys.argv = ['opcwatch', *sys.argv[1:]]; app()"
    return subprocess.run([sys.executable, "-c", code, *args], env={**os.environ, **env},
                          capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.slow
def test_planted_secrets_never_printed_logged_or_written(tmp_path: Path, hook: Hook,
                                                         caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    database = tmp_path / "o.db"
    env = {"OPCWATCH_DATA_DIR": str(tmp_path), "OPCWATCH_DATABASE_URL": f"sqlite:///{database}",
           "OPCWATCH_LOG_LEVEL": "DEBUG"}
    outbox = tmp_path / "outbox.md"
    channels = {
        # Only ever added and listed (its events filter matches nothing): nothing leaves 127.0.0.1.
        "ding": (f"https://oapi.dingtalk.com/robot/send?access_token={DING_TOKEN}", "deadline.reminder"),
        "hook": (f"json://opc:{HOOK_PASSWORD}@127.0.0.1:{hook.port}/{HOOK_TOKEN}", ""),
        "dead-hook": (f"json://opc:{HOOK_PASSWORD}@127.0.0.1:{free_port()}/{FAIL_TOKEN}", ""),
        "dead-mail": (f"mailto://{MAIL_USER}:{MAIL_PASSWORD}@127.0.0.1:{free_port()}"
                      "?to=opc@example.com&from=opc@example.com", ""),
        "outbox": (outbox_url(outbox), ""),
    }
    runner = CliRunner()
    printed: list[str] = []
    for name, (url, events) in channels.items():
        args = ["subscribe", "add", "--url", url, "--name", name] + (["--event", events] if events else [])
        if name == "ding":
            args += ["--secret", DING_SECRET]
        result = runner.invoke(app, args, env=env)
        assert result.exit_code == 0, result.output
        printed.append(result.output)
    for args in (["subscribe", "list"], ["subscribe", "list", "--json"], ["subscribe", "test", "hook"],
                 ["subscribe", "test", "dead-hook"], ["subscribe", "test", "dead-mail"]):
        printed.append(runner.invoke(app, args, env=env).output)
    assert len(hook.on(HOOK_TOKEN)) == 1  # the test message really went out

    settings = Settings(data_dir=tmp_path, database_url=f"sqlite:///{database}", outbox_path=outbox)
    add_event(settings)
    summary = deliver(settings)
    assert (summary["sent"], summary["failed"]) == (2, 2), summary  # hook + outbox; two dead channels
    printed.append(json.dumps(summary, ensure_ascii=False))
    for args in (["deliveries", "list"], ["deliveries", "list", "--json"]):
        result = runner.invoke(app, args, env=env)
        assert result.exit_code == 0, result.output
        printed.append(result.output)
    with session_scope(settings.database_url) as session:
        errors = [d.last_error or "" for d in session.scalars(select(Delivery))]
    assert any(errors)  # the failing channels' errors are recorded — without their secrets

    # A database error while a subscription (the URL is a bound parameter) is being recorded,
    # in a real process at DEBUG: its traceback and log go to stderr.
    read_only = {**env, "OPCWATCH_DATABASE_URL": f"sqlite:///file:{database}?mode=ro&uri=true"}
    failed = _opcwatch(read_only, "subscribe", "add", "--url", channels["hook"][0], "--name", "again")
    assert failed.returncode != 0 and "readonly database" in failed.stderr, failed.stderr[-2000:]
    # The same process type, working, at DEBUG: Apprise and urllib3 log the request.
    tested = _opcwatch(env, "subscribe", "test", "hook")
    assert tested.returncode == 0, tested.stdout + tested.stderr[-2000:]
    assert "DEBUG" in tested.stderr and "urllib3" in tested.stderr

    assert any(r.name.startswith("apprise") and r.levelno == logging.DEBUG for r in caplog.records)
    assert any(r.name.startswith("urllib3") for r in caplog.records)
    everything = {
        "printed": "\n".join(printed), "log": caplog.text, "outbox": outbox.read_text(encoding="utf-8"),
        "ledger": "\n".join(errors), "db-error": failed.stdout + failed.stderr,
        "debug-process": tested.stdout + tested.stderr,
    }
    assert "127.0.0.1" in everything["log"]  # hosts are still shown, for diagnosis
    assert {where: _leaks(text) for where, text in everything.items() if _leaks(text)} == {}


def test_masked_forms_hide_users_and_whole_path_segments() -> None:
    from alerts.subscriptions import mask_url

    assert mask_url(f"json://opc:{HOOK_PASSWORD}@127.0.0.1:8080/{HOOK_TOKEN}") == "json://****@127.0.0.1:8080/****"
    assert mask_url(f"dingtalk://{DING_SECRET}@{DING_TOKEN}/") == "dingtalk://****"
    assert mask_url(f"mailto://{MAIL_USER}:{MAIL_PASSWORD}@smtp.example.com?to=a@b.cn") == "mailto://****@smtp.example.com"
    assert mask_url("wecombot://693a91f6-7b2c-4bc4-97a0-0ec2b1fa5aaa") == "wecombot://****"
    assert mask_url("slack://T1JJ3T3L2/B1BRTD4JD/TIiajkdnlazkcOXrIdevi7FQ/") == "slack://****"
    assert mask_url(f"https://oapi.dingtalk.com/robot/send?access_token={DING_TOKEN}") == "https://oapi.dingtalk.com/****"


def test_secret_filter_scrubs_records_from_any_logger_at_any_level(caplog: pytest.LogCaptureFixture) -> None:
    from alerts.secrets_filter import install_secret_filter

    install_secret_filter()
    caplog.set_level(logging.DEBUG)
    unseen = "n0tSeenBef0reTokenZZ"  # never remembered: the patterns must catch it
    logger = logging.getLogger("some.library")
    logger.debug("DingTalk URL: https://oapi.dingtalk.com/robot/send?access_token=%s", unseen)
    logger.info('"POST /open-apis/bot/v2/hook/%s HTTP/1.1" 200', unseen)
    logger.warning("connecting to dingtalk://%s/ and json://opc:%s@127.0.0.1/x", unseen, unseen)
    try:
        raise RuntimeError(f"could not reach https://user:{unseen}@hooks.example.com/")
    except RuntimeError:
        logger.exception("send failed")
    assert len(caplog.records) == 4
    assert unseen not in caplog.text
    assert "oapi.dingtalk.com" in caplog.text and "hooks.example.com" in caplog.text
