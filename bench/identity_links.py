"""Which pages of a set of page texts the store joins into one policy, and on what evidence.

    .venv/bin/python bench/identity_links.py --corpus DIR [--corpus DIR …]

Every ``*.json`` page text (``{"url", "text", "notes"?}``, the format of the annotated sets) is
parsed with ``parse_text`` and stored into a fresh SQLite database by the real store
(``models.store.store_policy`` → ``models.identity.attach_document``). The script prints every
policy with more than one document, each document with its kind, title and link evidence, then
the counts. It judges nothing: read the groups (a false link is a group of unrelated pages; a
missed link is a known repost pair standing alone, which the pages' ``notes`` often name).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from models.db import session_scope  # noqa: E402
from models.store import store_policy  # noqa: E402
from models.tables import Document  # noqa: E402
from parsers import parse_text  # noqa: E402
from parsers.schema import ParseError  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", action="append", type=Path, required=True, help="a directory of page texts")
    args = parser.parse_args()
    files = sorted(f for d in args.corpus for f in d.glob("*.json") if f.name != "README.json")
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/identity.db"
        labels: dict[int, str] = {}
        moment = datetime(2026, 6, 1, tzinfo=UTC)
        for number, path in enumerate(files):
            page = json.loads(path.read_text("utf-8"))
            address = page.get("url") or ""
            address = address if address.startswith(("http://", "https://")) else f"https://example.org/{number}"
            try:
                policy = parse_text(page["text"], url=address, source_id=path.parent.name)
            except ParseError as exc:
                print(f"not parsed: {path.name}: {exc}")
                continue
            with session_scope(url) as session:
                stored = store_policy(session, policy, run_id="bench", parser_version="bench", now=moment)
            labels[stored.document_id] = f"{path.parent.name}/{path.stem} [{policy.kind.value}] {policy.title[:50]}"
        with session_scope(url) as session:
            groups: dict[int | None, list[Document]] = {}
            for doc in session.scalars(select(Document).order_by(Document.id)):
                groups.setdefault(doc.policy_id, []).append(doc)
            joined = {k: v for k, v in groups.items() if len(v) > 1}
            for policy_id, docs in joined.items():
                print(f"policy {policy_id}:")
                for doc in docs:
                    print(f"    {labels.get(doc.id, doc.id)}\n        <- {doc.link_evidence}")
    print(f"{len(files)} pages, {len(groups)} policies, {len(joined)} of them joining "
          f"{sum(len(v) for v in joined.values())} pages")


if __name__ == "__main__":
    main()
