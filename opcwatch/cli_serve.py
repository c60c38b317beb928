"""`opcwatch serve`: the web pages, feeds and exports (opcwatch/web) on one port."""

from __future__ import annotations

from typing import Annotated

import typer


def serve_command(
    host: Annotated[str, typer.Option(metavar="HOST", help="监听地址 Address to listen on; 0.0.0.0 exposes it to the network.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(metavar="PORT", min=1, max=65535, help="端口 Port.")] = 8000,
) -> None:
    """网页 Serve the web pages: 政策 / 城市对比 / 动态 / 运维, Atom feed, JSON, CSV and Excel.

    Reads the same database as the other commands (OPCWATCH_DATABASE_URL). Read-only unless
    OPCWATCH_WEB_TOKEN is set: then whoever logs in with that token manages subscriptions.

    Example: `opcwatch serve --port 8000`, then open http://127.0.0.1:8000/
    """
    import uvicorn

    from opcwatch.settings import Settings
    from opcwatch.web import create_app

    settings = Settings.from_env()
    settings.data_dir.mkdir(parents=True, exist_ok=True)  # a first start: the SQLite file goes here
    mode = "可管理订阅 token set: subscriptions manageable" if settings.web_token else "只读 read-only"
    typer.echo(f"opcwatch 网页 http://{host}:{port}/ ({mode})", err=True)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning", proxy_headers=False)
