"""Offline replica of www.jiangsu.gov.cn (Hanweb classic CMS) for tests, the demo and the benchmark.

The pages are sample pages written for opcwatch (each says so in its body), except one real
saved article served unchanged. ``python -m opcwatch.replica --day 1 --port 8765`` serves it
from a shell.
"""

from opcwatch.replica.server import ReplicaServer
from opcwatch.replica.site import ReplicaSite

__all__ = ["ReplicaServer", "ReplicaSite"]
