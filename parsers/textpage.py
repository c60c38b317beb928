"""Plain text pages (a saved article, an AI summary, a converted PDF): which line is the title.

A text's first line is often not its headline: a timestamp, a breadcrumb, a site name, a share
widget, a red-header "…文件" line or a document number come first, and a government title may be
split over several lines. No library reads these conventions, hence the rules below.
"""

from __future__ import annotations

import re

from parsers.normalize import clean_inline, is_junk_line

__all__ = ["pick_title", "same_headline"]

_NOT_TITLE = re.compile(
    r"^(?:\s*(?:date\s*)?(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$"  # a date
    r"|\s*\d{1,3}\s*$"  # a bare section number
    r"|(?:来源|作者|时间|日期|发布时间|发布日期|编辑|责任编辑|记者|原标题)\s*[:：]"  # metadata fields
    r"|.*(?:当前位置|您的位置)|\s*>|首页\s|.*\s>\s"  # breadcrumbs
    r"|[A-Za-z;:\s]{1,16}$"  # "Network", "TL;DR:"
    r"|\S{2,20}(?:文件|网|资讯网)$"  # red-header "…人民政府办公室文件", a site name
    r"|[^，,。]{0,12}[〔\[［(（](?:19|20)\d{2}[〕\]］)）]\s*\d{1,4}\s*号$"  # a 文号 alone
    r"|文\s*[|｜]"  # a byline "文 | 脑极体"
    r"|各.*[:：]$|.{0,24}[:：]$)"  # an addressee line "各区人民政府：" or a dangling label
)
_TITLE_END = re.compile(r"(?:通知|意见|办法|方案|决定|公告|措施|规定|细则|函|批复|报告|计划|纲要)[)）]?$")
_MAX_TITLE = 120


def _norm(line: str) -> str:
    return re.sub(r"[\W_]+", "", clean_inline(line)).lower()


def same_headline(title: str, line: str) -> bool:
    """True when ``line`` repeats the headline ``title``: the same words once spacing, punctuation
    and case are ignored, or one cut short ("…") of the other, or one containing the other with
    at most a tenth more (a site name or "(全文)" added). A lead paragraph that starts with the
    headline and goes on is not a repeat."""
    a, b = _norm(title), _norm(line)
    if not a or not b:
        return False
    if a == b:
        return True
    (short, short_raw), (long, _) = sorted(((a, title), (b, line)), key=lambda p: len(p[0]))
    if len(short) < 16:
        return False
    if re.search(r"(?:…|\.\.\.|……)\s*$", short_raw) and long.startswith(short):
        return True
    return short in long and len(short) >= 0.9 * len(long)


def _is_title(line: str) -> bool:
    return not (_NOT_TITLE.match(line) or is_junk_line(line))


def pick_title(lines: list[str]) -> tuple[str, list[str]]:
    """(title, body lines) of a text given as its non-empty lines.

    The title is the first line that is not chrome or metadata; a short label followed by a
    headline yields the headline ("苏州招商引资" / "苏州工业园区推出…行动计划"); a
    "关于…" title split over lines is joined up to its document-type word (…的通知). A first
    line longer than a headline is content (AI summaries come as one long line): the title is
    its first 120 characters and the line stays in the body, unless the next line repeats it (a
    long headline shown again as the first text line).
    """
    stripped = [line.strip() for line in lines]
    i = next((k for k, line in enumerate(stripped) if _is_title(clean_inline(line))), 0)
    nxt = stripped[i + 1] if i + 1 < len(stripped) else ""
    if len(stripped[i]) <= 6 and 10 <= len(nxt) <= 60 and _is_title(nxt) and not re.search(r"[。！？]$", nxt):
        i += 1
    title, j = stripped[i], i + 1
    while "关于" in title and not _TITLE_END.search(title) and j < len(stripped) and len(title) < 80:
        if len(stripped[j]) > 40 or not _is_title(stripped[j]):
            break
        title, j = title + stripped[j], j + 1
    repeated = j < len(stripped) and same_headline(title, stripped[j])
    if (len(title) > _MAX_TITLE or "。" in title.rstrip("。")) and not repeated:
        # A lead paragraph, not a headline: it stays in the body (its amounts count).
        return title[:_MAX_TITLE], stripped[i:]
    # A headline repeated below itself (however long, or cut short with "…") is said once.
    rest = [line for line in stripped[j:] if not same_headline(title, line)]
    return title, rest or [title]
