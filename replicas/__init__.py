"""Offline replicas of the watched sites for tests, the demo and the benchmarks.

Each site is an app (``replicas/apps/<name>.py``, ``make_app(day)``) served by its own
:class:`ReplicaServer` on 127.0.0.1; :class:`ReplicaFleet` serves them all. The pages are
sample pages written for opcwatch (each says so in its body), except real saved pages served
unchanged. ``python -m replicas --day 1`` serves the fleet from a shell.
"""

from replicas.fleet import ReplicaFleet
from replicas.server import AppRequest, ReplicaServer, Reply, SiteApp
from replicas.site import ReplicaSite

__all__ = ["AppRequest", "Reply", "ReplicaFleet", "ReplicaServer", "ReplicaSite", "SiteApp"]
