"""Parse time and peak memory on large pages: parsing must grow linearly with the page size.

    .venv/bin/python bench/parse_large.py [--sizes 1,4,16] [--kinds html,text]

Pages are built from policy paragraphs written for this bench (numbered measures with amounts
in many forms: 最高500万元, 3-5万元, 壹佰万元, 1,000万元, 数十亿元, ranges, percentages, targets),
repeated with varying numbers until the page reaches the size in MB (UTF-8 bytes). Each page is
parsed once untimed (warm-up) and once timed with tracemalloc off; peak memory is measured in a
separate pass under tracemalloc. Prints one line per page and the 16 MB / 1 MB time ratio per
kind (linear parsing gives about 16; the goal is ≤ 20). Nothing asserts a threshold.
"""

from __future__ import annotations

import argparse
import gc
import html
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from parsers import parse_document, parse_text  # noqa: E402

TITLE = "关于印发《某市支持一人公司（OPC）创新创业若干措施》的通知"
PARAGRAPHS = [
    "（{i}）支持OPC社区建设。对新认定的市级OPC社区，给予最高{a}万元一次性奖励；运营成效突出的，每年再给予3-5万元运营补贴。",
    "（{i}）降低创业成本。对入驻社区的一人公司，按照租金的50%给予房租补贴，单家企业每年不超过{b}万元，期限3年。",
    "（{i}）强化算力支撑。每年安排{a}00万元算力券，单个企业最高可申领壹拾伍万元，用于购买智能算力服务。",
    "（{i}）加大金融支持。设立总规模{c}亿元的天使投资基金，对优秀项目给予二十万到一百万元股权投资，并提供1,000万元授信。",
    "（{i}）据统计，{y}年全市数字经济规模达1.2万亿元，带动社会资本投入数十亿元，完成融资超过{b}00万元。",
    "（{i}）到2027年，全市新增OPC社区{b}个，集聚OPC企业{a}00家，吸引创业人才5000人。",
]
GENERIC = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title></head>
<body><div class="header"><ul class="nav">{nav}</ul></div>
<div class="main"><article class="article"><h1>{title}</h1><div class="info">发布时间：2026-01-20 来源：本站</div>
<div class="content">{paragraphs}</div></article></div>
<div class="footer"><p>版权所有 © 2026 示例网站</p></div></body></html>"""
_NAV = "".join(f'<li><a href="/col/col{i}/index.html">栏目{i}</a></li>' for i in range(30))


def body_lines(size: int) -> list[str]:
    """Paragraphs whose UTF-8 size adds up to about ``size`` bytes."""
    lines: list[str] = []
    total, i = 0, 0
    while total < size:
        template = PARAGRAPHS[i % len(PARAGRAPHS)]
        line = template.format(i=i + 1, a=10 + i % 90, b=2 + i % 40, c=1 + i % 20, y=2020 + i % 6)
        lines.append(line)
        total += len(line.encode("utf-8")) + 8
        i += 1
    return lines


def build(kind: str, mb: int) -> bytes | str:
    lines = body_lines(mb * 2**20)
    if kind == "text":
        return TITLE + "\n" + "\n".join(lines)
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
    return GENERIC.format(title=TITLE, nav=_NAV, paragraphs=paragraphs).encode("utf-8")


def parse(page: bytes | str) -> int:
    if isinstance(page, bytes):
        policy = parse_document(page, url="https://bench.invalid/large.html", source_id="bench")
    else:
        policy = parse_text(page, url="https://bench.invalid/large.txt", source_id="bench")
    return len(policy.amounts)


def measure(kind: str, mb: int) -> tuple[float, float, int]:
    """(seconds, peak MiB, amounts found) for one page."""
    page = build(kind, mb)
    gc.collect()
    started = time.perf_counter()
    found = parse(page)
    seconds = time.perf_counter() - started
    gc.collect()
    tracemalloc.start()
    parse(page)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, peak / 2**20, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,4,16", help="page sizes in MB, comma-separated")
    parser.add_argument("--kinds", default="html,text")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    parse(build("text", 0))  # warm-up: imports, OpenCC, compiled patterns
    print(f"{'kind':5} {'MB':>4} {'seconds':>9} {'peak MiB':>9} {'amounts':>8}")
    for kind in args.kinds.split(","):
        times: dict[int, float] = {}
        for mb in sizes:
            seconds, peak, found = measure(kind, mb)
            times[mb] = seconds
            print(f"{kind:5} {mb:>4} {seconds:>9.2f} {peak:>9.1f} {found:>8}", flush=True)
        if len(sizes) > 1:
            lo, hi = min(sizes), max(sizes)
            print(f"{kind:5} ratio {hi}MB/{lo}MB: {times[hi] / times[lo]:.1f} (linear: {hi / lo:.0f})", flush=True)


if __name__ == "__main__":
    main()
