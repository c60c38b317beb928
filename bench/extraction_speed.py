"""Time full normalization (HTML bytes → Policy) against ``trafilatura.extract`` on the same pages.

    .venv/bin/python bench/extraction_speed.py [--rounds N]

Pages are built from the shared corpus: each corpus text becomes two HTML pages, one in the
real jiangsu.gov.cn Hanweb article template (a real page saved beside the development checkout; title, date and body
replaced) and one in a generic news template (navigation, share widget, footer). Both
extractors see the same bytes; ours does everything — decoding, layout, traditional →
simplified, pinyin stripping, relevance, measures, amounts, targets, regions — while
trafilatura only extracts the main text. Prints per-page medians, totals and the ratio from
this one run; nothing asserts a threshold.
"""

from __future__ import annotations

import argparse
import html
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from parsers import ParseError, parse_document  # noqa: E402

SHARED = ROOT.parent / "shared"
TEMPLATE = SHARED / "real_pages" / "jiangsu_gov_art_60085_11394426.html"
_NAV = "".join(f'<li><a href="/col/col{i}/index.html">栏目{i}</a></li>' for i in range(40))
GENERIC = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title></head>
<body><div class="header"><ul class="nav">{nav}</ul></div>
<div class="main"><div class="crumb">首页 &gt; 新闻中心 &gt; 正文</div>
<article class="article"><h1>{title}</h1><div class="info">发布时间：2026-01-20 来源：本站</div>
<div class="content">{paragraphs}</div></article>
<div class="share">分享到：微信 微博 QQ空间</div></div>
<div class="footer"><p>版权所有 © 2026 示例网站 备案号：苏ICP备12345678号</p><p>联系电话：025-12345678</p></div>
</body></html>"""


def build_pages() -> list[tuple[str, bytes]]:
    """(url, html bytes) pairs: two per corpus text (Hanweb and generic layouts)."""
    template = TEMPLATE.read_text("utf-8")
    head, rest = template.split('<div class="sp_title">', 1)
    old_title, rest = rest.split("</div>", 1)
    start = rest.index("<!--ZJEG_RSS.content.begin-->")
    end = rest.index("<!--ZJEG_RSS.content.end-->")
    pages = []
    for i, path in enumerate(sorted((SHARED / "corpus").glob("*.json"))):
        item = json.loads(path.read_text("utf-8"))
        lines = [line.strip() for line in item["text"].splitlines() if line.strip()]
        title = html.escape(lines[0][:60])
        paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in lines[1:] or lines)
        hanweb = (head.replace(old_title, title) + f'<div class="sp_title">{title}</div>' + rest[:start]
                  + "<!--ZJEG_RSS.content.begin--><meta name=\"ContentStart\">" + paragraphs
                  + '<meta name="ContentEnd">' + rest[end:])
        pages.append((f"https://www.jiangsu.gov.cn/art/2026/1/20/art_60085_{i}.html", hanweb.encode("utf-8")))
        generic = GENERIC.format(title=title, nav=_NAV, paragraphs=paragraphs)
        pages.append((f"https://news.example.cn/2026/01/20/{i}.html", generic.encode("utf-8")))
    return pages


def _time(fn, pages: list[tuple[str, bytes]], rounds: int) -> list[float]:
    per_page = []
    for url, body in pages:
        best = float("inf")
        for _ in range(rounds):
            t0 = time.perf_counter()
            fn(url, body)
            best = min(best, time.perf_counter() - t0)
        per_page.append(best)
    return per_page


def ours(url: str, body: bytes) -> None:
    try:
        parse_document(body, url=url, source_id="bench")
    except ParseError:
        pass


def theirs(url: str, body: bytes) -> None:
    import trafilatura

    trafilatura.extract(body.decode("utf-8"), url=url)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3, help="timed runs per page; the best counts")
    args = ap.parse_args(argv)
    pages = build_pages()
    for fn in (ours, theirs):  # warm-up: imports, OpenCC dictionaries, regex compilation
        fn(*pages[0])
    a = _time(ours, pages, args.rounds)
    b = _time(theirs, pages, args.rounds)
    size = sum(len(body) for _, body in pages) / len(pages) / 1024
    print(f"{len(pages)} pages built from the corpus (mean {size:.1f} KiB), best of {args.rounds} runs per page")
    print(f"{'':<28}{'median ms':>10}{'total ms':>10}")
    print(f"{'opcwatch parse_document':<28}{statistics.median(a) * 1e3:>10.2f}{sum(a) * 1e3:>10.1f}")
    print(f"{'trafilatura.extract':<28}{statistics.median(b) * 1e3:>10.2f}{sum(b) * 1e3:>10.1f}")
    print(f"speed ratio (trafilatura time / ours): {sum(b) / sum(a):.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
