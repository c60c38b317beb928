"""Writing in the web page: login by OPCWATCH_WEB_TOKEN, CSRF on every form, secrets masked."""

from __future__ import annotations

import re

import pytest
from alerts_support import Hook
from fastapi.testclient import TestClient

from alerts.subscriptions import add_subscription, find_subscription
from models.db import session_scope
from opcwatch.settings import Settings
from opcwatch.web import create_app

TOKEN = "correct horse battery staple"
SECRET = "TopSecretRobot42"


@pytest.fixture
def app_settings(sqlite_settings: Settings, hook: Hook) -> Settings:
    settings = sqlite_settings  # the session and CSRF logic is the same on every database
    with session_scope(settings.database_url) as session:
        add_subscription(session, url=hook.url("robot", secret=SECRET), name="苏州群", regions=["苏州"])
    return settings.with_(web_token=TOKEN)


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, "the form carries no CSRF token"
    return match.group(1)


def active(settings: Settings, name: str) -> bool:
    with session_scope(settings.database_url) as session:
        sub = find_subscription(session, name)
        assert sub is not None
        return bool(sub.active)


def login(client: TestClient, token: str = TOKEN) -> int:
    csrf = csrf_of(client.get("/login").text)
    return client.post("/login", data={"token": token, "csrf": csrf}, follow_redirects=False).status_code


def test_token_login_csrf_and_pause_resume_a_subscription(app_settings: Settings) -> None:
    client = TestClient(create_app(app_settings))
    assert client.get("/subscriptions").status_code == 401
    assert "登录" in client.get("/").text
    assert login(client, "wrong token") == 401
    # A login form posted without this session's CSRF token (another site's form) is refused.
    assert client.post("/login", data={"token": TOKEN}).status_code == 403
    assert login(client) == 303
    cookie = client.cookies.jar
    assert any(c.name == "opcwatch_session" for c in cookie)

    page = client.get("/subscriptions")
    assert page.status_code == 200 and "苏州群" in page.text and "苏州市" in page.text
    assert SECRET not in page.text and "json://****@127.0.0.1" in page.text
    sub_id = re.search(r'id="sub-(\d+)"', page.text)
    assert sub_id
    action = f"/subscriptions/{sub_id.group(1)}/pause"

    refused = client.post(action, data={"csrf": "forged"})
    assert refused.status_code == 403 and "CSRF" in refused.text and active(app_settings, "苏州群")

    done = client.post(action, data={"csrf": csrf_of(page.text)})
    assert done.status_code == 200 and "已暂停 paused: 苏州群" in done.text
    assert not active(app_settings, "苏州群") and "已暂停" in client.get("/subscriptions").text
    again = client.post(f"/subscriptions/{sub_id.group(1)}/resume", data={"csrf": csrf_of(done.text)})
    assert "已恢复 resumed" in again.text and active(app_settings, "苏州群")

    client.post("/logout", data={"csrf": csrf_of(again.text)})
    assert client.get("/subscriptions").status_code == 401


def test_add_and_test_a_subscription_from_the_page(app_settings: Settings, hook: Hook) -> None:
    client = TestClient(create_app(app_settings))
    assert login(client) == 303
    csrf = csrf_of(client.get("/subscriptions").text)
    bad = client.post("/subscriptions", data={"csrf": csrf, "url": "foo://bar", "name": "坏"})
    assert "无法识别的通知地址" in bad.text and "坏" not in bad.text.split('id="subs"')[1]
    added = client.post("/subscriptions", data={
        "csrf": csrf, "url": hook.url("second", secret="AnotherSecret77"), "name": "南京群", "regions": "南京",
        "min_amount": "1000万"})
    assert "已添加订阅 added 南京群" in added.text and "AnotherSecret77" not in added.text
    assert "≥ 1000万元" in added.text and "南京市" in added.text
    with session_scope(app_settings.database_url) as session:
        sub = find_subscription(session, "南京群")
        assert sub is not None
        sub_id = sub.id
    tested = client.post(f"/subscriptions/{sub_id}/test", data={"csrf": csrf})
    assert "已送达 delivered" in tested.text
    assert len(hook.on("second")) == 1 and "测试消息" in str(hook.on("second")[0])


def test_a_new_channel_url_from_the_page(app_settings: Settings, hook: Hook) -> None:
    client = TestClient(create_app(app_settings))
    with session_scope(app_settings.database_url) as session:
        sub = find_subscription(session, "苏州群")
        assert sub is not None
        sub_id, old_url = sub.id, sub.url
    action = f"/subscriptions/{sub_id}/url"
    new_url = hook.url("rotated", secret="RotatedSecret99")
    assert client.post(action, data={"csrf": "x", "url": new_url}).status_code == 401
    assert login(client) == 303
    page = client.get("/subscriptions")
    assert f'action="{action}"' in page.text
    assert client.post(action, data={"csrf": "forged", "url": new_url}).status_code == 403
    bad = client.post(action, data={"csrf": csrf_of(page.text), "url": "https://example.com/hook"})
    assert "unsupported platform" in bad.text and "accepted forms" in bad.text
    with session_scope(app_settings.database_url) as session:
        assert find_subscription(session, "苏州群").url == old_url  # type: ignore[union-attr]

    moved = client.post(action, data={"csrf": csrf_of(page.text), "url": new_url})
    assert "已更换地址 new URL for 苏州群" in moved.text and "条未送达的提醒将发往新地址" in moved.text
    assert "RotatedSecret99" not in moved.text and SECRET not in moved.text
    tested = client.post(f"/subscriptions/{sub_id}/test", data={"csrf": csrf_of(moved.text)})
    assert "已送达 delivered" in tested.text
    assert len(hook.on("rotated")) == 1 and hook.on("robot") == []


def test_unknown_subscription_or_action_is_a_4xx(app_settings: Settings) -> None:
    client = TestClient(create_app(app_settings))
    assert login(client) == 303
    csrf = csrf_of(client.get("/subscriptions").text)
    assert client.post("/subscriptions/999/pause", data={"csrf": csrf}).status_code == 404
    assert client.post("/subscriptions/1/delete", data={"csrf": csrf}).status_code == 404


def test_session_cookie_is_http_only_and_same_site(app_settings: Settings) -> None:
    client = TestClient(create_app(app_settings))
    response = client.get("/login")
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and TOKEN.lower() not in cookie
    assert "secure" not in cookie  # plain http://127.0.0.1: a Secure cookie would never come back


def test_behind_https_the_session_cookie_is_secure(app_settings: Settings) -> None:
    """OPCWATCH_WEB_HTTPS=1 (a TLS proxy in front): the session cookie never travels over plain
    HTTP, and browsers are told to keep to HTTPS."""
    settings = Settings.from_env({"OPCWATCH_DATABASE_URL": app_settings.database_url,
                                  "OPCWATCH_WEB_TOKEN": TOKEN, "OPCWATCH_WEB_HTTPS": "1"})
    client = TestClient(create_app(settings), base_url="https://opcwatch.example")
    response = client.get("/login")
    assert "; secure" in response.headers["set-cookie"].lower()
    assert response.headers["strict-transport-security"].startswith("max-age=")
    assert login(client) == 303 and client.get("/subscriptions").status_code == 200


def test_guessing_the_token_is_throttled(app_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    from opcwatch.web import auth

    monkeypatch.setattr(auth, "_failures", type(auth._failures)(auth._failures.default_factory))
    client = TestClient(create_app(app_settings))
    assert [login(client, f"guess {i}") for i in range(auth.FAILED_LOGINS)] == [401] * auth.FAILED_LOGINS
    csrf = csrf_of(client.get("/login").text)
    refused = client.post("/login", data={"token": TOKEN, "csrf": csrf}, follow_redirects=False)
    assert refused.status_code == 429 and "too many wrong tokens" in refused.text  # even the right one, for now
    assert client.get("/subscriptions").status_code == 401
