"""The CLI fails like a Unix tool: exit code 2 (usage/config) or 3 (nothing worked), one line on
stderr in Chinese and English, nothing on stdout, no traceback unless --debug."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from opcwatch.cli import app
from opcwatch.errors import NothingWorked, Partial, raise_for_outcome


def closed_port() -> int:
    """A port nothing listens on: bound, then released."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    # One data directory for the module: the database is migrated once, not per case.
    yield tmp_path_factory.mktemp("cli_errors")
    from models.db import dispose_all

    dispose_all()


@pytest.fixture
def env(data_dir: Path) -> dict[str, str | None]:
    return {"OPCWATCH_DATA_DIR": str(data_dir / "var"), "OPCWATCH_DATABASE_URL": None, "COLUMNS": "100"}


def invoke(env: dict[str, str | None], *args: str, stdin: bytes | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args), env=env, input=stdin)


def assert_one_line_error(result, code: int, *needles: str) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    line = result.stderr.strip()
    assert line.startswith("错误 error: ") and "Traceback" not in line
    for needle in needles:
        assert needle in line, line
    return line


def write_registry(path: Path, port: int, *, extra: str = "") -> Path:
    path.write_text(
        "sources:\n"
        "  - id: closed_port_site\n"
        "    name: 关闭端口的网站\n"
        '    region_code: "320500"\n'
        "    family: generic\n"
        f'    hosts: ["127.0.0.1:{port}"]\n'
        "    lists:\n"
        f'      - {{name: 通知, url: "http://127.0.0.1:{port}/list.html", item: "li a"}}\n' + extra,
        encoding="utf-8",
    )
    return path


def test_first_command_on_a_fresh_machine_creates_the_data_directory(tmp_path: Path) -> None:
    env = {"OPCWATCH_DATA_DIR": str(tmp_path / "fresh" / "var"), "OPCWATCH_DATABASE_URL": None}
    added = invoke(env, "subscribe", "add", "--url", "json://127.0.0.1:9/hook", "--region", "苏州",
                   "--min-amount", "1000万")
    assert added.exit_code == 0, added.stderr
    assert added.stderr == "" and "json-1" in added.stdout
    assert (tmp_path / "fresh" / "var" / "opcwatch.db").is_file()
    listed = invoke(env, "subscribe", "list")
    assert "苏州市" in listed.stdout and "1000万元" in listed.stdout and "320500" not in listed.stdout
    from models.db import dispose_all

    dispose_all()


@pytest.mark.parametrize(
    ("args", "code", "needles"),
    [
        (["policies", "show", "99999"], 2, ["99999", "not found"]),
        (["subscribe", "add", "--url", "foo://bar"], 2, ["foo://", "cannot subscribe"]),
        (["parse", "/nonexistent"], 2, ["/nonexistent", "No such file"]),
        (["sources", "list", "--sources", "/nonexistent.yml"], 2, ["/nonexistent.yml", "registry"]),
        (["policies", "list", "--region", "火星"], 2, ["火星", "unknown region"]),
        (["policies", "list", "--since", "2026/01/01"], 2, ["2026/01/01", "YYYY-MM-DD"]),
        (["policies", "list", "--since", "2026-03-01", "--until", "2026-01-01"], 2, ["--until"]),
        (["policies", "list", "--kind", "gossip"], 2, ["gossip", "application"]),
        (["policies", "list", "--source", "no_such_site"], 2, ["no_such_site", "jiangsu_gov"]),
        (["policies", "list", "--limit", "0"], 2, ["--limit"]),
        (["events", "list", "--kind", "amount.doubled"], 2, ["amount.doubled", "amount.changed"]),
        (["events", "list", "--until", "20260101"], 2, ["20260101", "YYYY-MM-DD"]),
        (["subscribe", "add", "--url", "json://127.0.0.1:9/x", "--min-amount", "很多"], 2, ["很多", "1000万"]),
        (["subscribe", "pause", "nobody"], 2, ["nobody", "subscribe list"]),
        (["deliveries", "list", "--status", "lost"], 2, ["lost", "failed"]),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else None,
)
def test_bad_input_is_one_line_on_stderr(env: dict[str, str | None], args: list[str], code: int,
                                          needles: list[str]) -> None:
    assert_one_line_error(invoke(env, *args), code, *needles)


def test_garbage_on_stdin_to_parse_is_nothing_parsed(env: dict[str, str | None]) -> None:
    garbage = bytes(range(256)) * 4
    assert_one_line_error(invoke(env, "parse", "-", stdin=garbage), 3, "not a web page or text")


def test_parse_no_json_prints_a_summary(env: dict[str, str | None]) -> None:
    text = "苏州工业园区关于支持OPC发展的若干措施\n对优质OPC项目最高给予2000万元政策性股权投资支持，按实际费用的30%给予补贴。"
    result = invoke(env, "parse", "-", "--no-json", "--url", "https://www.sipac.gov.cn/x.shtml", stdin=text.encode())
    assert result.exit_code == 0, result.stderr
    assert "最高2000万元" in result.stdout and "30%" in result.stdout and "OPC: 是 yes" in result.stdout
    assert not result.stdout.lstrip().startswith("{")


@pytest.mark.parametrize(
    ("url", "code", "needles"),
    [
        ("garbage", 2, ["garbage", "cannot parse database URL", "sqlite:///"]),
        ("mysql://user@127.0.0.1/opc", 2, ["unsupported database 'mysql'", "PostgreSQL"]),
        ("postgresql+psycopg://postgres:hunter2@127.0.0.1:{port}/opcwatch", 3,
         ["cannot connect to database", "Connection refused", "***"]),
        ("sqlite:///{tmp}/missing/dir/opcwatch.db", 2, ["directory missing", "/missing/dir"]),
    ],
    ids=["garbage", "mysql", "postgres-closed-port", "sqlite-missing-dir"],
)
def test_database_that_cannot_work_is_one_line(tmp_path: Path, url: str, code: int, needles: list[str]) -> None:
    env = {"OPCWATCH_DATA_DIR": str(tmp_path / "var"),
           "OPCWATCH_DATABASE_URL": url.format(port=closed_port(), tmp=tmp_path)}
    line = assert_one_line_error(invoke(env, "policies", "list"), code, *needles)
    assert "hunter2" not in line


def test_debug_shows_the_traceback_and_typer_usage_errors_keep_exit_2(tmp_path: Path) -> None:
    env = {"OPCWATCH_DATA_DIR": str(tmp_path), "OPCWATCH_DATABASE_URL": "garbage"}
    debug = invoke(env, "--debug", "policies", "list")
    assert debug.exit_code != 0 and debug.exception is not None
    assert type(debug.exception).__name__ == "ArgumentError"  # raised, so Python prints the traceback
    usage = invoke(env, "policies", "list", "--no-such-option")
    assert usage.exit_code == 2 and usage.stdout == "" and "--no-such-option" in usage.stderr


def test_help_is_bilingual_without_placeholders() -> None:
    for command in (["--help"], ["policies", "list", "--help"], ["parse", "--help"], ["subscribe", "add", "--help"]):
        text = CliRunner().invoke(app, command, terminal_width=200).stdout
        assert "<bool>" not in text and "Example" in text
        assert "显示帮助" in text and any("\u4e00" <= ch <= "\u9fff" for ch in text.split("Options")[0])
    assert "YYYY-MM-DD" in CliRunner().invoke(app, ["policies", "list", "--help"], terminal_width=200).stdout


def test_cycle_outcomes_become_exit_codes() -> None:
    every_down = {"stages": {"crawl": {"sources": {"a": {"state": "down", "message": "refused"},
                                                     "b": {"state": "blocked", "message": "WAF"}}}}}
    with pytest.raises(NothingWorked, match="every source failed"):
        raise_for_outcome(every_down)
    one_down = {"stages": {"crawl": {"sources": {"a": {"state": "ok"}, "b": {"state": "down"}}}}}
    with pytest.raises(Partial, match="1/2"):
        raise_for_outcome(one_down)
    channel_failed = {"stages": {"crawl": {"sources": {"a": {"state": "ok"}}},
                                 "alert": {"channels": {"钉钉-1": {"sent": 0, "failed": 2}}}}}
    with pytest.raises(Partial, match="钉钉-1"):
        raise_for_outcome(channel_failed)
    raise_for_outcome({"stages": {"crawl": {"sources": {"a": {"state": "ok"}, "b": {"state": "skipped"}}}}})


class _ListPage(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        body = ("<html><head><title>通知公告</title></head><body><ul>"
                + "".join(f'<li><a href="/art/{i}.html">关于支持OPC发展的通知{i}</a> 2026-01-1{i}</li>' for i in range(8))
                + "</ul></body></html>").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        return None


@pytest.fixture
def answering_port() -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _ListPage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield int(server.server_address[1])
    server.shutdown()
    server.server_close()


def test_sources_check_live_exit_codes(env: dict[str, str | None], tmp_path: Path, answering_port: int) -> None:
    dead = write_registry(tmp_path / "dead.yml", closed_port())
    none = invoke(env, "sources", "check", "--live", "--timeout", "2", "--sources", str(dead),
                  "--source", "closed_port_site", "--json")
    assert none.exit_code == 3
    assert [row["live"]["reachable"] for row in json.loads(none.stdout)] == [False]  # the rows, then the verdict
    assert none.stderr.count("\n") == 1 and "no source answered" in none.stderr

    alive = write_registry(tmp_path / "alive.yml", answering_port).read_text(encoding="utf-8")
    both = tmp_path / "both.yml"
    both.write_text(alive.replace("closed_port_site", "answering_site")
                    + dead.read_text(encoding="utf-8").split("sources:\n", 1)[1], encoding="utf-8")
    some = invoke(env, "sources", "check", "--live", "--timeout", "2", "--sources", str(both),
                  "--source", "answering_site,closed_port_site")
    assert some.exit_code == 1, (some.stdout, some.stderr)
    assert "1/2" in some.stderr and "closed_port_site" in some.stderr and "answering_site" not in some.stderr


@pytest.mark.slow
def test_run_with_every_source_down_and_backfill_whose_dns_fails_exit_3(env: dict[str, str | None],
                                                                        tmp_path: Path) -> None:
    registry = write_registry(tmp_path / "down.yml", closed_port(), extra=(
        "  - id: dns_fails\n"
        "    name: 域名解析失败\n"
        '    region_code: "320000"\n'
        "    family: generic\n"
        "    hosts: [opcwatch-test.invalid]\n"
        "    lists:\n"
        '      - {name: 通知, url: "http://opcwatch-test.invalid/list.html", item: "li a"}\n'))
    quick = {**env, "OPCWATCH_HTTP_RETRIES": "0", "OPCWATCH_DOWNLOAD_DELAY": "0"}
    run = invoke(quick, "run", "--sources", str(registry), "--source", "closed_port_site",
                 "--source", "dns_fails", "--json")
    assert run.exit_code == 3, run.stderr
    assert run.stderr.count("\n") == 1 and "every source failed (2)" in run.stderr
    backfill = invoke(quick, "backfill", "--since", "2026-01-01", "--sources", str(registry),
                      "--source", "dns_fails", "--json")
    assert backfill.exit_code == 3, backfill.stderr
    assert "dns_fails" in backfill.stderr and "DNS" in backfill.stderr


@pytest.mark.slow
def test_run_with_one_source_down_is_partial(env: dict[str, str | None], tmp_path: Path) -> None:
    from replicas import ReplicaServer

    registry = write_registry(tmp_path / "mixed.yml", closed_port(), extra=(
        "  - id: my_gxt_notices\n"
        "    name: 工信厅通知公告\n"
        '    region_code: "320000"\n'
        "    family: hanweb\n"
        "    hosts: [gxt.jiangsu.gov.cn]\n"
        "    webid: 23\n"
        "    lists:\n"
        '      - {name: 通知公告, url: "https://gxt.jiangsu.gov.cn/col/col89736/index.html", columnid: 89736, unitid: 414261}\n'))
    with ReplicaServer(day=1, site="gxt_jiangsu") as replica:
        quick = {**env, "OPCWATCH_HTTP_RETRIES": "0", "OPCWATCH_DOWNLOAD_DELAY": "0",
                 "OPCWATCH_HOST_MAP": ",".join(f"{h}={b}" for h, b in replica.host_map.items())}
        run = invoke(quick, "run", "--sources", str(registry), "--source", "my_gxt_notices",
                     "--source", "closed_port_site", "--json")
    assert run.exit_code == 1, run.stderr
    summary = json.loads(run.stdout)  # the summary is printed in full, then one line says what failed
    assert summary["stages"]["crawl"]["sources"]["my_gxt_notices"]["state"] == "ok"
    assert run.stderr.startswith("部分失败 partial: 1/2") and "closed_port_site" in run.stderr
    assert run.stderr.count("\n") == 1
