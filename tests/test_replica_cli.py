"""``python -m replicas --port / --host-map-file``: a fleet restarted keeps its host map."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

from replicas.__main__ import read_host_map

SITES = ["--site", "jiangsu_gov", "--site", "nantong_haimen"]


def free_port_pair() -> int:
    """A port P with P and P+1 free right now."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        with socket.socket() as second:
            try:
                second.bind(("127.0.0.1", port + 1))
            except OSError:
                continue
        return port
    raise RuntimeError("no two consecutive free ports")


def serve(args: list[str]) -> tuple[subprocess.Popen[str], list[str]]:
    """Start the fleet; return it once it printed its host map, with what it printed."""
    proc = subprocess.Popen([sys.executable, "-m", "replicas", *SITES, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)
    assert proc.stdout is not None
    printed: list[str] = []
    while not printed or not printed[-1].startswith("OPCWATCH_HOST_MAP="):
        line = proc.stdout.readline()
        assert line, f"the fleet ended: {printed}"
        printed.append(line)
    return proc, printed


def stop(proc: subprocess.Popen[str]) -> None:
    os.killpg(proc.pid, signal.SIGINT)
    proc.wait(timeout=20)


def test_fixed_ports_and_a_host_map_that_survives_a_restart(tmp_path: Path) -> None:
    port = free_port_pair()
    env_file = tmp_path / "replicas.env"
    proc, _ = serve(["--port", str(port), "--host-map-file", str(env_file)])
    try:
        first = read_host_map(env_file)
        # App-name order: jiangsu_gov first, nantong_haimen next.
        assert first["www.jiangsu.gov.cn"] == f"http://127.0.0.1:{port}"
        assert first["www.haimen.gov.cn"] == f"http://127.0.0.1:{port + 1}"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=10) as reply:
            assert reply.status == 200
    finally:
        stop(proc)
    # Restarted without --port, the fleet serves each site on the port the file recorded.
    proc, printed = serve(["--host-map-file", str(env_file)])
    try:
        assert read_host_map(env_file) == first
        assert printed[-1].strip() == "OPCWATCH_HOST_MAP=" + ",".join(f"{h}={b}" for h, b in first.items())
    finally:
        stop(proc)
