"""One error path for the `opcwatch` command: exit codes, and one line on stderr per failure.

Exit codes (documented in README.md, section CLI):

    0  ok
    1  partial: some sources or channels failed, the rest worked
    2  usage or configuration error: a bad option value, an unknown id, a database URL that
       cannot work, a registry file that cannot be read
    3  nothing worked: every source failed, the database cannot be reached, an unexpected error

Commands raise :class:`OpcwatchError` (or let library errors through); the top-level group
(:class:`OpcwatchGroup`) prints ``错误 error: <中文> <English> — <fix>`` on stderr and exits with
the code. A traceback is shown only with ``opcwatch --debug``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup
from typer.exceptions import TyperException

OK, PARTIAL, USAGE, NOTHING_WORKED = 0, 1, 2, 3


class OpcwatchError(Exception):
    """A failure a user can read: what went wrong (Chinese and English) and how to fix it."""

    exit_code = USAGE

    def __init__(self, message: str, fix: str = "", exit_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix
        if exit_code is not None:
            self.exit_code = exit_code

    def line(self) -> str:
        fix = f" — {self.fix}" if self.fix else ""
        return f"错误 error: {self.message}{fix}"


class UsageError(OpcwatchError):
    """A bad value for an option or argument, an id that names nothing (exit 2)."""


class ConfigError(OpcwatchError):
    """Settings that cannot work: a database URL, a registry file (exit 2)."""


class NothingWorked(OpcwatchError):
    """The command ran and every part of it failed (exit 3)."""

    exit_code = NOTHING_WORKED


class Partial(OpcwatchError):
    """Some parts failed (exit 1): the output was printed, this line says what failed."""

    exit_code = PARTIAL

    def line(self) -> str:
        fix = f" — {self.fix}" if self.fix else ""
        return f"部分失败 partial: {self.message}{fix}"


def mask_database_url(url: str) -> str:
    """A database URL as it can be printed: the password hidden, parseable or not."""
    try:
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - an unparseable URL still must not print a password
        return re.sub(r"(//[^:/@]*:)[^@]*@", r"\1***@", url)


def _database_url() -> str:
    from opcwatch.settings import Settings

    try:
        return Settings.from_env().database_url
    except ValueError:
        return ""


def sqlite_path(url: str) -> Path | None:
    prefix, sep, rest = url.partition(":///")
    if not sep or not prefix.startswith("sqlite") or not rest or rest.startswith(":memory:"):
        return None
    from urllib.parse import unquote

    path = unquote(rest.partition("?")[0])
    if path.startswith("file:"):  # a URI filename (sqlite:///file:/x.db?mode=ro&uri=true)
        path = path[len("file:"):]
    return Path(path)


def explain(exc: BaseException) -> OpcwatchError | None:
    """Library errors a user causes by configuration, as one readable error; None if unknown."""
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

    from crawlers.registry import RegistryError
    from models.filters import FilterError

    if isinstance(exc, FilterError):
        return UsageError(str(exc))
    if isinstance(exc, RegistryError):
        return ConfigError(f"来源登记文件有误 registry error: {exc}",
                           "fix the file, or drop it from --sources / OPCWATCH_SOURCES")
    url = _database_url()
    shown = mask_database_url(url)
    if isinstance(exc, ArgumentError) and url.startswith("postgres://"):
        return ConfigError(f"数据库地址无法识别 cannot parse database URL {shown!r}",
                           "write postgresql+psycopg://… (SQLAlchemy does not know postgres://)")
    if isinstance(exc, ArgumentError):
        return ConfigError(f"数据库地址无法识别 cannot parse database URL {shown!r}",
                           "set OPCWATCH_DATABASE_URL to sqlite:////path/opcwatch.db or "
                           "postgresql+psycopg://user@host:5432/db")
    if isinstance(exc, NoSuchModuleError | ModuleNotFoundError) and url and "://" in url:
        scheme = url.split("://", 1)[0]
        return ConfigError(f"不支持的数据库 unsupported database {scheme!r} in {shown}",
                           "opcwatch stores into SQLite (sqlite:///…) or PostgreSQL (postgresql+psycopg://…)")
    if isinstance(exc, OperationalError):
        path = sqlite_path(url)
        if path is not None:
            existing = next((p for p in path.parent.parents if p.exists()), None)
            if not path.parent.exists():
                return ConfigError(f"数据库无法打开 cannot open database {shown} — 目录不存在 directory missing: "
                                   f"{path.parent}" + (f" (only {existing} exists)" if existing else ""),
                                   "create it, or set OPCWATCH_DATABASE_URL / OPCWATCH_DATA_DIR")
            return ConfigError(f"数据库无法打开 cannot open database {shown}: {_first_line(exc.orig)}",
                               "check the file's permissions, or set OPCWATCH_DATABASE_URL")
        if "does not exist" in str(exc.orig):
            return ConfigError(f"数据库不存在 database missing: {shown}: {_first_line(exc.orig)}",
                               "create it (createdb NAME) or fix the name in OPCWATCH_DATABASE_URL")
        return NothingWorked(f"数据库连不上 cannot connect to database {shown}: {_first_line(exc.orig)}",
                             "is the server running and listening there? check OPCWATCH_DATABASE_URL")
    return None


def _first_line(exc: Any) -> str:
    text = str(exc or "").strip()
    return text.splitlines()[0] if text else type(exc).__name__


def report(exc: BaseException) -> int:
    """Print one line for ``exc`` on stderr; the exit code."""
    error = exc if isinstance(exc, OpcwatchError) else explain(exc)
    if error is None:
        error = NothingWorked(f"内部错误 internal error: {type(exc).__name__}: {_first_line(exc)}",
                              "rerun with `opcwatch --debug …` for the traceback, and report it")
    # Plain echo, never wrapped: the line is one line however narrow the terminal (scripts grep it).
    typer.echo(error.line(), err=True)
    return error.exit_code


class OpcwatchGroup(TyperGroup):
    """The top-level group: every subcommand runs inside its invoke, so one handler sees all."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        _hide_flag_types(self)
        return super().main(*args, **kwargs)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, TyperException, KeyboardInterrupt):
            raise  # typer's own usage errors (exit 2) and explicit exits keep their behaviour
        except BrokenPipeError:
            # `opcwatch … | head`: the reader left; say nothing, as Unix tools do (stdout is gone).
            import os
            import sys

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(0)
        except Exception as exc:
            if ctx.params.get("debug"):
                raise
            ctx.exit(report(exc))


# Value placeholders a reader understands, instead of typer's <str> / <list[str]> / <bool>.
METAVARS = {
    "since": "YYYY-MM-DD", "until": "YYYY-MM-DD", "published": "YYYY-MM-DD", "region": "地区|CODE",
    "min_amount": "1000万", "limit": "N", "offset": "N", "timeout": "SECONDS", "max_pages": "N",
    "kind": "KIND[,KIND]", "event": "KIND[,KIND]", "source": "ID", "sources_file": "FILE",
    "digest_at": "HH:MM", "quiet": "HH:MM-HH:MM", "timezone": "ZONE", "url": "URL", "q": "WORDS",
}


def _hide_flag_types(command: Any) -> None:
    """Help rows a person reads: no ``<bool>`` after a flag (it takes no value), and readable
    placeholders (YYYY-MM-DD, 1000万) for values. Typer builds the help option lazily; it is
    built here once (cached by the command) so it gets the same treatment."""
    if getattr(command, "_help_option", "absent") is None and getattr(command, "add_help_option", False):
        try:
            from typer._click.decorators import help_option

            help_option(["--help"])(command)
            command._help_option = command.params.pop()
            command._help_option.help = "显示帮助 Show this help and exit."
        except (ImportError, AttributeError, TypeError):  # another typer: its default help stays
            pass
    for param in [*getattr(command, "params", []), getattr(command, "_help_option", None)]:
        if param is None or getattr(param, "metavar", "") is not None:
            continue
        if getattr(param, "is_flag", False) or getattr(param, "count", False):
            param.metavar = ""
        elif getattr(param, "param_type_name", "") == "option":
            param.metavar = METAVARS.get(param.name or "", (param.name or "value").upper())
    for sub in getattr(command, "commands", {}).values():
        _hide_flag_types(sub)


def raise_for_outcome(summary: dict[str, Any]) -> None:
    """Exit 3 when every source failed, 1 when some sources or channels failed (after the output)."""
    from opcwatch.console import source_problems

    crawled = summary.get("stages", {}).get("crawl", {}).get("sources", {})
    failed = source_problems(crawled)
    if crawled and len(failed) == len(crawled):
        raise NothingWorked(f"所有来源都失败了 every source failed ({len(failed)}): "
                            + "; ".join(f"{sid} {why}" for sid, why in list(failed.items())[:3]),
                            "check the network (`opcwatch sources check --live`) or OPCWATCH_HOST_MAP")
    alert = summary.get("stages", {}).get("alert", {})
    channels = sorted(name for name, info in alert.get("channels", {}).items()
                      if info.get("failed") or info.get("dead"))
    if failed or channels:
        parts = []
        if failed:
            parts.append(f"{len(failed)}/{len(crawled)} 个来源失败 sources failed: {', '.join(failed)}")
        if channels:
            parts.append(f"渠道发送失败 channels failed: {', '.join(channels)}")
        raise Partial("; ".join(parts), "see `opcwatch sources check` and `opcwatch deliveries list --status failed`")


def warn(message: str) -> None:
    """A notice on stderr (an override, a skipped file): stdout stays machine-readable."""
    print(f"注意 warning: {message}", file=sys.stderr)
