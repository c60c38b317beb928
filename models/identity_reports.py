"""Fuzzy identity: a report and the policy it reports on, when no name, number or text ties them.

Used by models.identity as its last resort; thresholds are in this module.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from models.identity_basics import INSTRUMENT_KINDS, REPORT_KINDS, Match, is_instrument, key_amount_signature
from models.tables import Document, PolicyRow
from parsers.schema import Policy
from parsers.similarity import dice, title_core

_BYLINE = re.compile(r"^.{0,20}(?:记者|通讯员)\s*[\u4e00-\u9fff·]{2,4}(?:\s+\S{0,8})?$")

REPORT_LINK = 0.6  # fuzzy score for a report to join a policy
REPORT_MARGIN = 0.1  # … and by this much over the next candidate, or it is ambiguous
REPORT_WINDOW = (-30, 180)  # days from the policy to a report (a repost's date can be earlier)
SAME_STORY = 0.8  # title similarity for two reports (no instrument) to be one story
SAME_STORY_DAYS = 30


def by_report(session: Session, doc: Document, stored: Policy, instrument: bool) -> Match | None:
    """A report and the policy it reports on, when no name, number or text ties them.

    A report joins an instrument of its region (title like the policy's, helped by the same
    count of measures or the same key amounts); an instrument joins the reports that came
    before it; two reports join only as one story (nearly the same title, within a month).
    """
    if not stored.region_code or (not instrument and stored.kind.value not in REPORT_KINDS):
        return None  # a 名单 or 公告 is its own announcement, not a report of a policy
    # Only the rows that can match, selected in SQL: an instrument looks at reports, a report at
    # reports and instruments, within the widest window below. Loading every policy of the
    # region made each page cost more as history grew (8,000 rows a page at 100,000 policies).
    kinds = sorted(REPORT_KINDS) if instrument else sorted(REPORT_KINDS | INSTRUMENT_KINDS)
    query = select(PolicyRow).where(PolicyRow.region_code == stored.region_code, PolicyRow.kind.in_(kinds))
    if stored.published is not None:
        reach = timedelta(days=max(REPORT_WINDOW[1], -REPORT_WINDOW[0], SAME_STORY_DAYS))
        query = query.where(or_(PolicyRow.published.is_(None),
                                PolicyRow.published.between(stored.published - reach, stored.published + reach)))
    rows = session.scalars(query)
    mine = title_core(stored.title)
    amounts = set(key_amount_signature(stored))
    scored: list[tuple[float, PolicyRow, str]] = []
    for row in rows:
        if row.id == doc.policy_id or (instrument and is_instrument(row.kind)):
            continue
        if not is_instrument(row.kind) and row.kind not in REPORT_KINDS:
            continue
        story = not instrument and not is_instrument(row.kind)
        sig: dict[str, Any] = row.signature or {}
        shared = len(amounts & set(sig.get("amounts") or []))
        days = _days_after(stored.published, row.published, instrument)
        # Two reports are one story: nearly the same title within a month, or a like title and
        # the same two or more key amounts (the same policy's figures) within the report window.
        low, high = (-SAME_STORY_DAYS, SAME_STORY_DAYS) if story and shared < 2 else REPORT_WINDOW
        if days is not None and not low <= days <= high:
            continue
        similarity = max(dice(mine, title_core(row.title)), dice(mine, row.name or ""))
        if story:
            if _BYLINE.search(stored.title):
                continue  # "本报记者 张三 深圳报道" as a title: one reporter, not one story
            if similarity >= SAME_STORY or (shared >= 2 and similarity >= REPORT_LINK):
                why = f"同一报道 / same story: 标题相似 {similarity:.2f}" + (f"，{shared}个相同金额" if shared else "")
                scored.append((similarity + 0.1 * min(shared, 2), row, why))
            continue
        count = stored.measure_count is not None and stored.measure_count == sig.get("measure_count")
        score = similarity + (0.15 if count else 0.0) + 0.1 * min(shared, 2)
        why = f"标题相似 {similarity:.2f}" + (f"，同为{stored.measure_count}条" if count else "") + (
            f"，{shared}个相同金额" if shared else "")
        scored.append((score, row, f"同地区报道 / report on the region's policy: {why}"))
    scored.sort(key=lambda item: -item[0])
    if not scored or scored[0][0] < REPORT_LINK:
        return None
    if len(scored) > 1 and scored[0][0] - scored[1][0] < REPORT_MARGIN:
        return None  # two policies fit about as well: better no link than a wrong one
    score, row, why = scored[0]
    return Match(row.id, f"{why} (score {score:.2f})")


def _days_after(mine: date | None, theirs: date | None, instrument: bool) -> int | None:
    """Days from the policy to the report (whichever of the two documents is the report)."""
    if mine is None or theirs is None:
        return None
    return (theirs - mine).days if instrument else (mine - theirs).days
