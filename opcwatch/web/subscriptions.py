"""Login by token and subscription management (add, test, pause, resume, a new URL) in the page.

Only when OPCWATCH_WEB_TOKEN is set; every POST checks the session's CSRF token first. The
work is done by the same functions as `opcwatch subscribe …` (alerts/subscriptions.py,
alerts/subscription_admin.py, alerts/deliver.send_test); channel URLs are only ever shown masked.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from models.db import session_scope
from opcwatch.web import auth
from opcwatch.web.app import render
from opcwatch.web.filters import BadInput

router = APIRouter()


def _back(request: Request, message: str, ok: bool = True) -> Response:
    request.session["flash"] = {"ok": ok, "text": message}
    return RedirectResponse("/subscriptions", status_code=303)


@router.get("/login")
def login_form(request: Request) -> Response:
    if not request.app.state.web_token:
        raise BadInput("只读模式：未设置 OPCWATCH_WEB_TOKEN，无需登录 / read-only: no OPCWATCH_WEB_TOKEN, nothing to log in to", 404)
    return render(request, "login.html", {"failed": False})


@router.post("/login")
async def login(request: Request) -> Response:
    if not request.app.state.web_token:
        raise BadInput("只读模式 / read-only: OPCWATCH_WEB_TOKEN is not set", 404)
    form = await request.form()
    auth.check_csrf(request, form)
    auth.check_not_throttled(request)
    if not auth.token_matches(request, str(form.get("token") or "")):
        auth.record_failure(request)
        return render(request, "login.html", {"failed": True}, status=401)
    request.session["auth"] = True
    return RedirectResponse("/subscriptions", status_code=303)


@router.post("/logout")
async def logout(request: Request) -> Response:
    form = await request.form()
    auth.check_csrf(request, form)
    request.session.clear()
    return RedirectResponse("/", status_code=303)


@router.get("/subscriptions")
def subscriptions_page(request: Request) -> Response:
    from opcwatch.web.ops import subscriptions

    auth.require_login(request)
    with session_scope(request.app.state.settings.database_url) as session:
        rows = subscriptions(session)
    flash = request.session.pop("flash", None)
    return render(request, "subscriptions.html", {"subscriptions": rows, "flash": flash})


def _split(value: Any) -> list[str]:
    return [part.strip() for part in str(value or "").replace("，", ",").split(",") if part.strip()]


@router.post("/subscriptions")
async def add(request: Request) -> Response:
    from alerts.subscriptions import add_subscription, mask_url

    auth.require_login(request)
    form = await request.form()
    auth.check_csrf(request, form)
    try:
        with session_scope(request.app.state.settings.database_url) as session:
            sub = add_subscription(
                session, url=str(form.get("url") or ""), name=str(form.get("name") or "") or None,
                regions=_split(form.get("regions")), min_amount=str(form.get("min_amount") or "") or None,
                event_kinds=_split(form.get("events")), secret=str(form.get("secret") or "") or None,
            )
            message = f"已添加订阅 added {sub.name} → {mask_url(sub.url)}"
    except ValueError as exc:
        return _back(request, str(exc), ok=False)
    return _back(request, message)


@router.post("/subscriptions/{ref}/{action}")
async def act(request: Request, ref: str, action: str) -> Response:
    from alerts.subscription_admin import NoSuchSubscription, set_active

    auth.require_login(request)
    form = await request.form()
    auth.check_csrf(request, form)
    settings = request.app.state.settings
    if action == "test":
        from alerts.deliver import send_test

        ok, message = send_test(settings, ref)
        return _back(request, ("已送达 delivered: " if ok else "发送失败 failed: ") + message, ok)
    if action == "url":
        return _change_url(request, ref, str(form.get("url") or ""), str(form.get("secret") or "") or None)
    if action not in ("pause", "resume"):
        raise BadInput(f"未知操作 / unknown action {action!r}: pause、resume、test、url", 404)
    try:
        with session_scope(settings.database_url) as session:
            sub, changed = set_active(session, ref, action == "resume")
            name = sub.name
    except NoSuchSubscription:
        raise BadInput(f"没有这个订阅 / no such subscription: {ref}", 404) from None
    word = "已恢复 resumed" if action == "resume" else "已暂停 paused"
    return _back(request, f"{word}: {name}" if changed else f"{name} 状态未变 / unchanged")


def _change_url(request: Request, ref: str, url: str, secret: str | None) -> Response:
    """A channel's new URL (its robot token was reset), as `opcwatch subscribe edit --url`."""
    from alerts.subscription_admin import NoSuchSubscription, edit_subscription, undelivered
    from alerts.subscriptions import mask_url, same_channel

    try:
        with session_scope(request.app.state.settings.database_url) as session:
            sub, changed = edit_subscription(session, ref, url=url, secret=secret,
                                             configured=request.app.state.settings.alert_urls)
            if not changed:
                return _back(request, f"{sub.name} 地址未变 / same URL, unchanged")
            twins = [n for n in same_channel(session, sub.url) if n != sub.name]
            message = (f"已更换地址 new URL for {sub.name} → {mask_url(sub.url)}；"
                       f"{undelivered(session, sub.id)} 条未送达的提醒将发往新地址 undelivered alert(s) will go to it")
    except NoSuchSubscription:
        raise BadInput(f"没有这个订阅 / no such subscription: {ref}", 404) from None
    except ValueError as exc:
        return _back(request, str(exc), ok=False)
    if twins:
        message += f"。注意：该渠道已被订阅为 {', '.join(twins)} / already subscribed as {', '.join(twins)}"
    return _back(request, message)
