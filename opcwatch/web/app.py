"""The web application: ``create_app(settings)`` builds it; ``opcwatch serve`` runs it.

Server-side Jinja2 pages with autoescape on (scraped text is always text), no front-end build
and nothing from a CDN: the stylesheet is served from the package and the charts are SVG drawn
on the server. Every page has its JSON under /api/, and every list its CSV and Excel export.
Any bad input is a :class:`BadInput` and becomes a 4xx page (or JSON under /api/) with the
reason; a 500 is a bug.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware
from starlette.responses import HTMLResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from alerts.amount_text import format_amount, format_target, format_yuan
from alerts.render import PURPOSE_WORDS
from alerts.render_changes import DOC_KIND_LABELS, KIND_LABELS, ROLE_LABELS
from opcwatch.settings import Settings
from opcwatch.web import auth
from opcwatch.web.exports import top_amounts
from opcwatch.web.filters import BadInput

log = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
NAV = (("/", "政策"), ("/compare", "城市对比"), ("/events", "动态"), ("/ops", "运维"))


def safe_href(url: Any) -> str | None:
    """A scraped URL as a link target only when it is http(s): never ``javascript:`` or ``data:``."""
    text = str(url or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else None


SHOWN_ZONE = ZoneInfo("Asia/Shanghai")  # the readers' clock; stored times are UTC


def local_time(value: Any) -> str:
    """A stored time (ISO text or datetime, UTC; naive means UTC) as 2026-01-21 16:00 Beijing time."""
    from datetime import datetime

    from models.clock import as_utc

    if not value:
        return ""
    try:
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return as_utc(moment).astimezone(SHOWN_ZONE).strftime("%Y-%m-%d %H:%M")


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.filters["safe_href"] = safe_href
    env.filters["local"] = local_time
    env.filters["urlencode_dict"] = lambda params: urlencode(params)
    env.filters["amount"] = format_amount
    env.filters["target"] = format_target
    env.filters["yuan"] = format_yuan
    env.filters["top_amounts"] = top_amounts
    env.globals.update(NAV=NAV, PURPOSE_WORDS=PURPOSE_WORDS, DOC_KIND_LABELS=DOC_KIND_LABELS, KIND_LABELS=KIND_LABELS, ROLE_LABELS=ROLE_LABELS)
    return env


def wants_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.query_params.get("format") == "json"


def json_response(payload: Any, status: int = 200) -> Response:
    body = json.dumps(payload, ensure_ascii=False, default=str)
    return Response(body, status_code=status, media_type="application/json; charset=utf-8")


def render(request: Request, template: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.templates
    has_token = bool(request.app.state.web_token)
    base = {"request": request, "has_token": has_token, "logged_in": auth.logged_in(request),
            "csrf": auth.csrf_token(request) if has_token else "", "path": request.url.path}
    return templates.TemplateResponse(request, template, {**base, **context}, status_code=status)


def error_response(request: Request, status: int, reason: str) -> Response:
    if wants_api(request):
        return json_response({"error": reason, "status": status}, status)
    return render(request, "error.html", {"status": status, "reason": reason}, status)


def warm_up(settings: Settings) -> None:
    """Fill the policy index and the city comparison before the first reader asks (the
    comparison of 10,000 policies takes seconds to compute; the server starts at once)."""
    from models.db import session_scope
    from opcwatch.web.compare import compare_cities
    from opcwatch.web.index import policy_entries

    try:
        with session_scope(settings.database_url) as session:
            policy_entries(session, settings.database_url)
            compare_cities(session, settings.database_url)
        from opcwatch.web.ops import cached_registry

        cached_registry(settings)
    except Exception:  # the pages compute it themselves then, and show their own error
        log.exception("web warm-up failed")


# Defence in depth behind autoescaping: the pages use no script at all, so none may run (a
# scraped title that slipped through escaping still could not), and no other site may frame
# them or receive their forms.
SECURITY_HEADERS = {
    "Content-Security-Policy": ("default-src 'self'; script-src 'none'; object-src 'none'; img-src 'self' data:; "
                                "style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def create_app(settings: Settings) -> FastAPI:
    from opcwatch.web import pages, subscriptions

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        threading.Thread(target=warm_up, args=(settings,), daemon=True, name="opcwatch-warm-up").start()
        yield

    app = FastAPI(title="opcwatch", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.state.settings = settings
    app.state.web_token = settings.web_token
    app.state.templates = Jinja2Templates(env=_environment())
    # Without a token nobody logs in, but the CSRF token still needs a session: a random key.
    import secrets

    key = auth.session_key(settings.web_token) if settings.web_token else secrets.token_hex(32)
    app.add_middleware(SessionMiddleware, secret_key=key, session_cookie="opcwatch_session",
                       same_site="strict", https_only=settings.web_https, max_age=7 * 24 * 3600)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.middleware("http")
    async def _security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if settings.web_https:
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        return response

    @app.exception_handler(BadInput)
    def _bad_input(request: Request, exc: BadInput) -> Response:
        return error_response(request, exc.status, exc.reason)

    @app.exception_handler(StarletteHTTPException)
    def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        reason = "没有这个页面 / no such page" if exc.status_code == 404 else str(exc.detail)
        return error_response(request, exc.status_code, reason)

    @app.exception_handler(RequestValidationError)
    def _invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(map(str, e.get('loc', ())))}: {e.get('msg')}" for e in exc.errors())
        return error_response(request, 400, f"请求参数不对 / bad request: {problems}")

    app.include_router(pages.router)
    app.include_router(subscriptions.router)
    return app
