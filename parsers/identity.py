"""Which instrument a page is, cites and replaces: policy_name, cites, supersedes.

* ``policy_name`` — the instrument's own name, so a copy, a 解读 and a report join one policy:
  "…关于印发《江苏省…若干措施》的通知" and "…关于印发江苏省…若干措施的通知" → "江苏省…若干措施"
  (the 关于印发…的通知 wrapper only wraps); a document that is itself the instrument keeps its
  title without the issuer in front ("苏州市人民政府关于加快…的若干意见" → "关于加快…的若干意见").
  Only for policy, rules and application pages; None for reports and 解读.
* ``cites`` — names in 《》 in the title and body that name an instrument (…措施/办法/法/
  方案…), not a newspaper (《信阳手机报》) nor an abbreviation defined by 简称 (《行动方案》).
* ``supersedes`` — names in 《》, 文号 and "原…办法" phrases in the sentence that 废止s them or
  says they 不再执行.
"""

from __future__ import annotations

import re

from parsers.schema import DocKind

__all__ = ["policy_name", "cites", "supersedes"]

_NAMED_KINDS = (DocKind.POLICY, DocKind.RULES, DocKind.APPLICATION)
_INSTRUMENT = (
    r"(?:措施|政策|意见|方案|计划|办法|细则|规定|决定|通知|条例|规划|纲要|指南|指引|规程|法|标准|公告|通告|"
    r"规则|清单|目录|批复|函|若干条|[0-9一二三四五六七八九十]+条)"
)
_INSTRUMENT_END = re.compile(_INSTRUMENT + r"(?:[（(][^（()）]{1,16}[)）])*$")
_BOOK = re.compile(r"《([^《》\n]{2,80})》")
_ABBREVIATION = re.compile(r"(?:简称|以下称|下称)[“\"]?\s*$")
# Whatever heads "…关于" is the issuer (one organ or several, a zone "杭州高新区（滨江）").
_ISSUER_HEAD = re.compile(r"^[^，,。；;《》“”\"]{2,60}?(?=关于)")
_WRAPS = re.compile(r"^关于(?:印发|转发|发布|公布)(.+?)的(?:通知|通告|公告|决定)$")
_DOCNO = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[［【(（](?:19|20)\d{2}[〕\]］】)）]\d{1,4}号")
_REPEAL = re.compile(r"同时废止|予以废止|宣布废止|废止|不再执行|停止执行|同时失效|不再施行")
_VAGUE = re.compile(r"相关|有关|其他|其它|以往|此前|与本[^，。；]{0,6}不一致|以本")


def _clean(name: str) -> str:
    """Spaces dropped next to Chinese (a PDF's line breaks), kept between Latin words (OPC UA)."""
    name = re.sub(r"\s+", " ", name).strip()
    name = re.sub(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])", "", name)
    return name.strip("“”\"'")


def policy_name(title: str, kind: DocKind, body: str = "") -> str | None:
    """The instrument's own name (see the module doc), or None."""
    if kind not in _NAMED_KINDS:
        return None
    core = _clean(re.sub(r"^[\u4e00-\u9fff]{2,8}[:：](?=.*关于)", "", title or "")).rstrip("。")
    sentence_like = len(core) > 60 or bool(re.search(r"[，,。；;！？]", core))
    if sentence_like:  # an opening sentence "《武汉市…若干措施》印发。以下是原文": the one named instrument
        named = [n for n in _BOOK.findall(core) if _INSTRUMENT_END.search(n)]
        if len(set(named)) == 1:
            return _clean(named[0])
        for line in (ln.strip() for ln in body.splitlines()[:6]):  # a document title line under it
            if 6 <= len(line) <= 60 and not re.search(r"[，,。；;]", line) and _INSTRUMENT_END.search(line):
                return policy_name(line, kind)
        return None
    if not core.startswith("关于"):
        core = _ISSUER_HEAD.sub("", core)
    if m := _WRAPS.match(core):
        inner = m.group(1)
        books = _BOOK.findall(inner)
        return _clean(books[0]) if len(books) == 1 and inner.strip().startswith("《") else _clean(inner.strip("《》"))
    if core.startswith("《") and (books := _BOOK.findall(core)) and core.endswith("》"):
        return _clean(books[0])
    if _INSTRUMENT_END.search(core):
        return core
    for line in (ln.strip() for ln in body.splitlines()[:6]):  # "政策库" over the document's own title line
        if 6 <= len(line) <= 60 and not re.search(r"[，,。；;]", line) and _INSTRUMENT_END.search(line):
            return policy_name(line, kind)
    return None


def cites(title: str, body: str, own_name: str | None = None) -> tuple[str, ...]:
    """Instrument names in 《》 in the title and body, in order, without repeats or the page itself."""
    text = f"{title}\n{body}"
    found: list[str] = []
    for m in _BOOK.finditer(text):
        name = _clean(m.group(1))
        if _ABBREVIATION.search(text[max(0, m.start() - 8) : m.start()]) or len(name) < 5:
            continue
        if not _INSTRUMENT_END.search(name) or name == own_name:
            continue
        if any(name in f or f in name for f in found):  # "国务院关于…的意见" and "关于…的意见": one document
            continue
        found.append(name)
    return tuple(found)


def supersedes(body: str) -> tuple[str, ...]:
    """Names / 文号 of the documents the page repeals or replaces (同时废止, 不再执行)."""
    out: list[str] = []
    for sentence in re.split(r"(?<=[。；;\n])", body or ""):
        hit = _REPEAL.search(sentence)
        if hit is None:
            continue
        head = sentence[: hit.start()]
        items = [_clean(n) for n in _BOOK.findall(head)] + [_clean(n) for n in _DOCNO.findall(head)]
        if not items:  # "原苏州市OPC扶持办法不再执行": the clause before the verb names it
            clause = re.split(r"[，,：:]", head)[-1]
            clause = re.sub(r"^(?:同时|并且|届时|此前|原来|原)", "", clause.strip())
            clause = re.sub(r"^(?:\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?)?(?:印发|发布|出台)?的", "", clause)
            if 4 <= len(clause) <= 60 and _INSTRUMENT_END.search(clause) and not _VAGUE.search(clause):
                items.append(_clean(clause))
        out.extend(i for i in items if i not in out)
    return tuple(out)
