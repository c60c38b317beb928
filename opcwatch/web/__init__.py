"""`opcwatch serve`: read-only pages, feeds and exports over the same database as the CLI."""

from opcwatch.web.app import create_app

__all__ = ["create_app"]
