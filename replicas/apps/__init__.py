"""Replica site apps, one module per site: ``make_app(day) -> SiteApp`` (replicas.server).

:class:`replicas.fleet.ReplicaFleet` serves every module here, each on its own port;
adding a site means adding a module, no shared file changes.
"""
