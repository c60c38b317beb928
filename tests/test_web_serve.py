"""`opcwatch serve` as a user starts it: a fresh data directory, 127.0.0.1 by default."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from alerts_support import free_port

OPCWATCH = str(Path(sys.executable).with_name("opcwatch"))


def test_serve_help_names_the_default_address_and_an_example() -> None:
    from typer.testing import CliRunner

    from opcwatch.cli import app

    result = CliRunner().invoke(app, ["serve", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "127.0.0.1" in result.output and "Example: opcwatch serve" in result.output
    assert "OPCWATCH_WEB_TOKEN" in result.output


@pytest.mark.slow
def test_serve_starts_on_a_fresh_machine_bound_to_localhost(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "OPCWATCH_DATA_DIR": str(tmp_path / "not-yet"), "OPCWATCH_DATABASE_URL": ""}
    env.pop("OPCWATCH_WEB_TOKEN", None)
    process = subprocess.Popen([OPCWATCH, "serve", "--port", str(port)], env=env, cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline, body = time.monotonic() + 90, ""
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as response:
                    body = response.read().decode()
                    break
            except OSError:  # not listening yet (URLError, refused, reset)
                time.sleep(0.3)
        assert "政策 Policies" in body and "只读" in body  # no token: read-only
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/policies", timeout=60) as response:
            assert response.status == 200
        # Bound to the loopback address only: its listening socket says so.
        listening = Path("/proc/net/tcp").read_text()
        assert f"0100007F:{port:04X}" in listening and f"00000000:{port:04X}" not in listening
    finally:
        process.terminate()
        _out, err = process.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}/" in err and "只读 read-only" in err
    assert (tmp_path / "not-yet" / "opcwatch.db").is_file()
