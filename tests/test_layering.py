"""The layers run one way (docs/architecture.md): each package may import only the packages below it.

    parsers  <-  models  <-  crawlers, alerts  <-  opcwatch (stages, CLI)  <-  dags
    replicas: the offline site fleet, imports nothing of ours; only the demo (and tests, benches) use it

Imports are read with ``ast`` (also those inside functions), so a lazy upward import is caught too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OURS = {"parsers", "models", "crawlers", "alerts", "opcwatch", "dags", "replicas", "tests", "bench"}

# Package -> the packages of ours it may import (itself included).
ALLOWED: dict[str, set[str]] = {
    "parsers": {"parsers"},
    "models": {"parsers", "models"},
    "crawlers": {"parsers", "models", "crawlers"},
    "alerts": {"parsers", "models", "alerts"},
    "opcwatch": {"parsers", "models", "crawlers", "alerts", "opcwatch", "replicas"},
    "dags": {"parsers", "models", "crawlers", "alerts", "opcwatch", "dags"},
    "replicas": {"replicas"},
}
# The product may serve the replica fleet only for the offline demo.
REPLICA_USERS = {"opcwatch/demo.py"}


def imported_packages(path: Path) -> set[str]:
    """Top-level names of our packages that ``path`` imports (absolute imports; relative ones stay inside)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    # dags/ puts its own folder on sys.path, so "opcwatch_common" is dags' own module.
    return names & OURS


def violations(package: str) -> list[str]:
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        for imported in sorted(imported_packages(path) - ALLOWED[package]):
            found.append(f"{relative} imports {imported}")
        if package == "opcwatch" and "replicas" in imported_packages(path) and relative not in REPLICA_USERS:
            found.append(f"{relative} imports replicas (only the demo may)")
    return found


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_package_imports_only_the_layers_below_it(package: str) -> None:
    assert violations(package) == []


def test_the_checker_sees_an_upward_import(tmp_path: Path) -> None:
    """The rule above is only as good as the import reader: an upward import inside a function is seen."""
    module = tmp_path / "upward.py"
    module.write_text("def f():\n    from opcwatch.settings import Settings\n    import crawlers.runner\n")
    assert imported_packages(module) == {"opcwatch", "crawlers"}


def test_settings_read_by_the_crawl_come_from_the_low_layer() -> None:
    """The CLI's import and the crawlers' import are one class (no second copy of the configuration)."""
    from models.settings import Settings as low
    from opcwatch.settings import Settings as public

    assert low is public
