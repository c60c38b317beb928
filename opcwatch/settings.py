"""opcwatch's configuration, as the CLI, the stages and the DAGs import it.

The dataclass itself lives in models/settings.py so that the lower layers (crawlers/, alerts/)
can read it without importing the product package above them.
"""

from models.settings import DEFAULT_REGISTRY, PREFIX, Settings, absolute_sqlite_url

__all__ = ["DEFAULT_REGISTRY", "PREFIX", "Settings", "absolute_sqlite_url"]
