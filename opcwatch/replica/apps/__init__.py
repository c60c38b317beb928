"""Replica site apps, one module per site: ``make_app(day) -> SiteApp`` (opcwatch.replica.server).

:class:`opcwatch.replica.fleet.ReplicaFleet` serves every module here, each on its own port;
adding a site means adding a module, no shared file changes.
"""
