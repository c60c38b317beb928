"""A digest too long for its channel, split and trimmed between policies rather than between lines.

A digest body (alerts/digest.py) is blocks — one per policy: its heading line, then one line per
event — separated by an empty line (a lone ``<br/>`` in HTML). Blocks are packed whole into at
most ``max_parts`` numbered parts; only a block larger than a whole part is spread over parts
line by line. What still does not fit is left out whole blocks first, from the end, and the last
part says how much: ``……另有3项（5条更新）因篇幅未列出``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from alerts.platforms import Limits
from alerts.render_fit import PART_SUFFIX, cut_line, tidy


@dataclass
class _Piece:
    """Lines ``start…`` of block ``block`` placed in one part (a whole block when start is 0 and
    every line is there)."""

    block: int
    start: int
    lines: list[str]


def _separator(fmt: str) -> str:
    return "<br/>" if fmt == "html" else ""


def split_blocks(body: str, fmt: str) -> tuple[list[list[str]], tuple[int, int]]:
    """The blocks of a digest body, and what an earlier trim left out (blocks, events) as its
    notice says; in HTML every line ends with ``<br/>`` so blocks can move between parts."""
    sep = _separator(fmt)
    blocks: list[list[str]] = [[]]
    earlier = (0, 0)
    for line in body.split("\n"):
        if line == sep:
            if blocks[-1]:
                blocks.append([])
            continue
        said = _SAID.match(line)
        if said:  # the digest was trimmed before (alerts/digest.py): counted again below, not a block
            earlier = (int(said["blocks"] or 0), int(said["events"]))
            continue
        if fmt == "html" and not line.endswith("<br/>"):
            line += "<br/>"
        blocks[-1].append(line)
    return [b for b in blocks if b], earlier


def _text(pieces: list[_Piece], fmt: str, notice: str = "") -> str:
    sep = _separator(fmt)
    chunks = ["\n".join(p.lines) for p in pieces if p.lines] + ([notice] if notice else [])
    return f"\n{sep}\n".join(chunks)


_SAID = re.compile(r"^……另有(?:(?P<blocks>\d+)项（)?(?P<events>\d+)条更新）?因篇幅未列出(?:<br/>)?$")


def left_out_notice(blocks: int, events: int) -> str:
    """What the reader is told was left out (no block at all: only some of a block's events)."""
    if blocks:
        return f"……另有{blocks}项（{events}条更新）因篇幅未列出"
    return f"……另有{events}条更新因篇幅未列出"


def _notice(blocks: list[list[str]], kept: list[list[_Piece]], earlier: tuple[int, int] = (0, 0)) -> str:
    shown: dict[int, int] = {}
    headed: set[int] = set()
    for part in kept:
        for piece in part:
            shown[piece.block] = shown.get(piece.block, 0) + len(piece.lines)
            if piece.start == 0 and piece.lines:
                headed.add(piece.block)
    missing_blocks = sum(1 for i in range(len(blocks)) if not shown.get(i))
    missing_events = sum((len(b) - 1) - (shown.get(i, 0) - (i in headed)) for i, b in enumerate(blocks))
    missing_blocks, missing_events = missing_blocks + earlier[0], missing_events + earlier[1]
    return left_out_notice(missing_blocks, missing_events) if missing_events or missing_blocks else ""


def _pack(blocks: list[list[str]], fmt: str, limits: Limits, budget: int, max_parts: int) -> list[list[_Piece]]:
    """Blocks packed into parts; packing stops once there are more parts than will be sent."""
    def fits(pieces: list[_Piece]) -> bool:
        return limits.measure(_text(pieces, fmt)) <= budget

    parts: list[list[_Piece]] = [[]]
    for index, block in enumerate(blocks):
        if len(parts) > max_parts:
            break
        whole = _Piece(index, 0, list(block))
        if fits([*parts[-1], whole]):
            parts[-1].append(whole)
            continue
        if parts[-1]:
            parts.append([])
        if fits([whole]):
            parts[-1].append(whole)
            continue
        # Larger than a whole part: this block alone is spread over parts, line by line.
        piece = _Piece(index, 0, [])
        for number, line in enumerate(block):
            if limits.measure(line) > budget:
                line = cut_line(line, fmt, budget, limits.measure)
            if piece.lines and not fits([*parts[-1], _Piece(index, piece.start, [*piece.lines, line])]):
                parts[-1].append(piece)
                parts.append([])
                piece = _Piece(index, number, [])
            piece.lines.append(line)
        parts[-1].append(piece)
    return [p for p in parts if p]


def fit_blocks(title: str, body: str, fmt: str, limits: Limits, max_parts: int) -> list[tuple[str, str]]:
    """[(title, body)] of a digest body that each fit ``limits`` (see the module's docstring)."""
    blocks, earlier = split_blocks(body, fmt)
    budget = limits.max_size - limits.title_copies * (limits.measure(title + PART_SUFFIX) + 2)
    notice = left_out_notice(*earlier) if any(earlier) else ""
    # Room for an earlier trim's notice, which the last part repeats however the rest is split.
    parts = _pack(blocks, fmt, limits, budget - (limits.measure(notice) + 4 if notice else 0), max_parts)
    if len(parts) > max_parts:
        parts = parts[:max_parts]
        last = parts[-1]
        while True:
            notice = _notice(blocks, parts, earlier)
            if limits.measure(_text(last, fmt, notice)) <= budget or not last:
                break
            if len(last) > 1 or len(last[-1].lines) <= 1:
                last.pop()  # whole policies go first
            else:
                last[-1].lines.pop()  # a single policy larger than the part: its last events
    bodies = [tidy(_text(part, fmt, notice if n == len(parts) else "").split("\n"), fmt)
              for n, part in enumerate(parts, 1)]
    if len(bodies) == 1:
        return [(title, bodies[0])]
    return [(f"{title}（{n}/{len(bodies)}）", text) for n, text in enumerate(bodies, 1)]
