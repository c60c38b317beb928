"""CPU time of full normalization (HTML bytes → Policy) against ``trafilatura.extract``, default and fast.

    .venv/bin/python bench/extraction_speed.py [--corpus DIR] [--rounds N]

Pages are built from a corpus of texts: every ``*.json`` under DIR (searched recursively) with a
``"text"`` field. Without ``--corpus`` that is the project's own written pages
(``tests/fixtures/*/pages/*.json``). Each text becomes two HTML pages: one in the real
jiangsu.gov.cn Hanweb article template (the real page the replica serves,
replicas/sites/jiangsu_gov/day1/art/2024/10/14/art_60085_11394426.html; title and body
replaced) and one in a generic news template (navigation, share widget, footer).

All three sides get the same bytes: ours does everything (decoding, layout, traditional →
simplified, pinyin stripping, relevance, measures, amounts, targets, regions); trafilatura
decodes and extracts the main text, once with its defaults and once with ``fast=True`` (no
fallback extractors). Honest timing: the work is in this process, so it is measured as CPU time
(``time.process_time``), not wall time another process on the machine can inflate; the sides
are interleaved page by page and round by round, their order rotating, so a slow patch of the
machine hits all three alike; each page's median over the rounds counts. Prints per-page
medians, totals and the ratios from this one run; nothing asserts a threshold. The last line is
read by bench/all.py.
"""

from __future__ import annotations

import argparse
import html
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from parsers import ParseError, parse_document  # noqa: E402

DEFAULT_CORPUS = ROOT / "tests" / "fixtures"
TEMPLATE = ROOT / "replicas" / "sites" / "jiangsu_gov" / "day1" / "art" / "2024" / "10" / "14" / "art_60085_11394426.html"
_NAV = "".join(f'<li><a href="/col/col{i}/index.html">栏目{i}</a></li>' for i in range(40))
GENERIC = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title></head>
<body><div class="header"><ul class="nav">{nav}</ul></div>
<div class="main"><div class="crumb">首页 &gt; 新闻中心 &gt; 正文</div>
<article class="article"><h1>{title}</h1><div class="info">发布时间：2026-01-20 来源：本站</div>
<div class="content">{paragraphs}</div></article>
<div class="share">分享到：微信 微博 QQ空间</div></div>
<div class="footer"><p>版权所有 © 2026 示例网站 备案号：苏ICP备12345678号</p><p>联系电话：025-12345678</p></div>
</body></html>"""

Page = tuple[str, bytes]


def corpus_texts(corpus: Path) -> list[str]:
    """The ``text`` of every JSON file under ``corpus`` that has one, in path order."""
    texts = []
    for path in sorted(corpus.rglob("*.json")):
        try:
            item = json.loads(path.read_text("utf-8"))
        except (ValueError, UnicodeDecodeError):
            continue
        if isinstance(item, dict) and isinstance(item.get("text"), str) and item["text"].strip():
            texts.append(item["text"])
    return texts


def build_pages(texts: list[str]) -> list[Page]:
    """(url, html bytes) pairs: two per text (Hanweb and generic layouts)."""
    template = TEMPLATE.read_text("utf-8")
    head, rest = template.split('<div class="sp_title">', 1)
    old_title, rest = rest.split("</div>", 1)
    start = rest.index("<!--ZJEG_RSS.content.begin-->")
    end = rest.index("<!--ZJEG_RSS.content.end-->")
    pages = []
    for i, text in enumerate(texts):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        title = html.escape(lines[0][:60])
        paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in lines[1:] or lines)
        hanweb = (head.replace(old_title, title) + f'<div class="sp_title">{title}</div>' + rest[:start]
                  + "<!--ZJEG_RSS.content.begin--><meta name=\"ContentStart\">" + paragraphs
                  + '<meta name="ContentEnd">' + rest[end:])
        pages.append((f"https://www.jiangsu.gov.cn/art/2026/1/20/art_60085_{i}.html", hanweb.encode("utf-8")))
        generic = GENERIC.format(title=title, nav=_NAV, paragraphs=paragraphs)
        pages.append((f"https://news.example.cn/2026/01/20/{i}.html", generic.encode("utf-8")))
    return pages


def ours(url: str, body: bytes) -> None:
    try:
        parse_document(body, url=url, source_id="bench")
    except ParseError:
        pass


def trafilatura_default(url: str, body: bytes) -> None:
    import trafilatura

    trafilatura.extract(body, url=url)


def trafilatura_fast(url: str, body: bytes) -> None:
    import trafilatura

    trafilatura.extract(body, url=url, fast=True)


SIDES: dict[str, Callable[[str, bytes], None]] = {
    "opcwatch parse_document": ours,
    "trafilatura.extract": trafilatura_default,
    "trafilatura.extract fast": trafilatura_fast,
}


def interleaved_cpu_times(pages: list[Page], rounds: int) -> dict[str, list[float]]:
    """Per side, each page's median CPU seconds over ``rounds``; the sides take turns on every page."""
    names = list(SIDES)
    samples: dict[str, list[list[float]]] = {name: [[] for _ in pages] for name in names}
    for r in range(rounds):
        for p, (url, body) in enumerate(pages):
            shift = (r + p) % len(names)  # rotate who goes first: caches and turbo favour no side
            for name in names[shift:] + names[:shift]:
                t0 = time.process_time()
                SIDES[name](url, body)
                samples[name][p].append(time.process_time() - t0)
    return {name: [statistics.median(s) for s in per_page] for name, per_page in samples.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                    help="directory of *.json files with a 'text' field (default: the project's written pages)")
    ap.add_argument("--rounds", type=int, default=5, help="timed runs per page and side; the median counts")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N texts (0 = all)")
    args = ap.parse_args(argv)
    texts = corpus_texts(args.corpus)
    if args.limit:
        texts = texts[: args.limit]
    if not texts:
        print(f"no *.json with a 'text' field under {args.corpus}", file=sys.stderr)
        return 2
    pages = build_pages(texts)
    for side in SIDES.values():  # warm-up: imports, OpenCC dictionaries, regex compilation
        side(*pages[0])
    times = interleaved_cpu_times(pages, args.rounds)
    size = sum(len(body) for _, body in pages) / len(pages) / 1024
    shown = args.corpus.resolve()
    shown = shown.relative_to(ROOT) if shown.is_relative_to(ROOT) else shown
    print(f"corpus: {shown} ({len(texts)} texts)")
    print(f"{len(pages)} pages (mean {size:.1f} KiB), {args.rounds} interleaved rounds, CPU time, median per page")
    print(f"{'':<28}{'median ms':>10}{'total ms':>10}")
    for name, per_page in times.items():
        print(f"{name:<28}{statistics.median(per_page) * 1e3:>10.2f}{sum(per_page) * 1e3:>10.1f}")
    base = sum(times["opcwatch parse_document"])
    default = sum(times["trafilatura.extract"]) / base
    fast = sum(times["trafilatura.extract fast"]) / base
    print(f"parse vs trafilatura (their CPU time / ours): default {default:.2f}x fast {fast:.2f}x ({len(pages)} pages)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
