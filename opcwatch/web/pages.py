"""The read-only pages and their JSON, CSV, Excel and Atom forms.

Each view is one function giving the page's data; ``?format=json|csv|xlsx`` (or the /api/ path)
chooses how it is answered, so the page, the API and the export cannot disagree.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from models.db import session_scope
from opcwatch.web.app import json_response, render, wants_api
from opcwatch.web.compare import compare_cities
from opcwatch.web.detail import policy_page
from opcwatch.web.exports import atom_feed, event_table, policy_table, to_csv, to_xlsx
from opcwatch.web.filters import (
    EVENT_FAMILIES,
    POLICY_SORTS,
    BadInput,
    event_filter,
    parse_choice,
    parse_format,
    policy_filter,
)
from opcwatch.web.lists import search_events, search_policies
from opcwatch.web.ops import LEDGER_STATUSES, ops_page

router = APIRouter()
FEED_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _database(request: Request) -> str:
    return str(request.app.state.settings.database_url)


def _export(fmt: str, name: str, table: tuple[list[str], list[list[Any]]]) -> Response:
    header, body = table
    if fmt == "csv":
        return Response(to_csv(header, body), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
    return Response(to_xlsx(header, body, name), media_type=XLSX,
                    headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'})


def _format(request: Request, forced: str | None = None) -> str:
    fmt = forced or parse_format(request.query_params)
    return "json" if fmt == "html" and wants_api(request) else fmt


def _policies(request: Request, forced: str | None = None) -> Response:
    fmt = _format(request, forced)
    f = policy_filter(request.query_params)
    with session_scope(_database(request)) as session:
        rows, total = search_policies(session, f, _database(request), everything=fmt in ("csv", "xlsx"))
    if fmt in ("csv", "xlsx"):
        return _export(fmt, "policies", policy_table(rows))
    pages = max(1, -(-total // f.per))
    if fmt == "json":
        return json_response({"total": total, "page": f.page, "pages": pages, "per": f.per,
                              "filter": f.query(), "policies": rows})
    feed = f.query(page=1, per=50, sort="date")
    feed = {k: v for k, v in feed.items() if k in ("q", "region", "min_amount", "opc", "since", "until")}
    if f.kind:
        feed["doc_kind"] = f.kind
    return render(request, "policies.html", {
        "rows": rows, "total": total, "f": f, "pages": pages, "sorts": POLICY_SORTS, "feed_query": feed,
    })


@router.get("/")
def policies(request: Request) -> Response:
    return _policies(request)


@router.get("/api/policies")
def api_policies(request: Request) -> Response:
    return _policies(request)


@router.get("/api/policies.{ext}")
def api_policies_export(request: Request, ext: str) -> Response:
    return _policies(request, _export_format(ext))


def _export_format(ext: str) -> str:
    if ext not in ("csv", "xlsx", "json"):
        raise BadInput(f"不支持的导出格式 / unknown export format .{ext}: csv、xlsx、json", 404)
    return ext


def _policy(request: Request, document_id: str) -> Response:
    with session_scope(_database(request)) as session:
        row = policy_page(session, document_id)
    if _format(request) == "json":
        return json_response(row)
    return render(request, "policy.html", {"p": row, "record": row.get("record") or {}})


@router.get("/policies/{document_id}")
def policy(request: Request, document_id: str) -> Response:
    return _policy(request, document_id)


@router.get("/api/policies/{document_id}")
def api_policy(request: Request, document_id: str) -> Response:
    return _policy(request, document_id)


def _compare(request: Request) -> Response:
    with session_scope(_database(request)) as session:
        data = compare_cities(session, _database(request))
    if _format(request) == "json":
        return json_response(data)
    return render(request, "compare.html", data)


@router.get("/compare")
def compare(request: Request) -> Response:
    return _compare(request)


@router.get("/api/compare")
def api_compare(request: Request) -> Response:
    return _compare(request)


def _events(request: Request, forced: str | None = None) -> Response:
    fmt = _format(request, forced)
    f = event_filter(request.query_params)
    with session_scope(_database(request)) as session:
        rows, total = search_events(session, f, everything=fmt in ("csv", "xlsx"))
    if fmt in ("csv", "xlsx"):
        return _export(fmt, "events", event_table(rows))
    pages = max(1, -(-total // f.per))
    if fmt == "json":
        return json_response({"total": total, "page": f.page, "pages": pages, "per": f.per,
                              "filter": f.query(), "events": rows})
    from opcwatch.web.exports import event_text

    for row in rows:
        row["detail"] = event_text(row)
    return render(request, "events.html", {"rows": rows, "total": total, "f": f, "pages": pages,
                                           "families": EVENT_FAMILIES})


@router.get("/events")
def events(request: Request) -> Response:
    return _events(request)


@router.get("/api/events")
def api_events(request: Request) -> Response:
    return _events(request)


@router.get("/api/events.{ext}")
def api_events_export(request: Request, ext: str) -> Response:
    return _events(request, _export_format(ext))


@router.get("/feed.atom")
def feed(request: Request) -> Response:
    """Change events for any filter of the events page, newest first: any feed reader is a channel."""
    f = event_filter(request.query_params)
    with session_scope(_database(request)) as session:
        rows, _total = search_events(session, f, limit=FEED_SIZE)
    where = f"（{f.region_name}）" if f.region_name else ""
    site = str(request.base_url).rstrip("/")
    body = atom_feed(rows, title=f"opcwatch OPC 政策动态{where}", self_url=str(request.url), site_url=site)
    return Response(body, media_type="application/atom+xml; charset=utf-8")


def _ops(request: Request) -> Response:
    status = parse_choice(request.query_params, "status", LEDGER_STATUSES)
    settings = request.app.state.settings
    with session_scope(settings.database_url) as session:
        data = ops_page(session, settings, status)
    if _format(request) == "json":
        return json_response(data)
    return render(request, "ops.html", data)


@router.get("/ops")
def ops(request: Request) -> Response:
    return _ops(request)


@router.get("/api/ops")
def api_ops(request: Request) -> Response:
    return _ops(request)
