"""A page cut inside a multi-byte character keeps its readable text in every encoding, and
文号 brackets in any of their usual forms normalise to 〔〕. Pages written for this test."""

from __future__ import annotations

import pytest

from parsers import parse_document
from parsers.decode import decode_html
from parsers.fields import find_doc_number, normalize_doc_number

URL = "https://truncated.invalid/art/2026/1/20/1.html"
TITLE = "关于支持一人公司发展的若干措施"
BODY = "对新认定的OPC社区给予最高五十万元一次性奖励，对入驻企业给予房租补贴。支持一人公司创新创业"
PAGE = (f'<html><head><meta charset="{{charset}}"><title>{TITLE}</title></head><body>'
        f'<div class="content"><h1>{TITLE}</h1><p>发布时间：2026-01-20</p><p>{BODY}</p></div></body></html>')


def _cut_inside_last_char(raw: bytes, encoded_tail: bytes, keep: int) -> bytes:
    """``raw`` cut ``keep`` bytes into the multi-byte character ``encoded_tail`` at its end."""
    at = raw.rindex(encoded_tail)
    return raw[: at + keep]


@pytest.mark.parametrize(("charset", "codec"), [("gbk", "gbk"), ("gb2312", "gbk"), ("gb18030", "gb18030"),
                                                ("utf-8", "utf-8")])
def test_cut_inside_a_character_keeps_the_text_and_warns(charset: str, codec: str) -> None:
    raw = PAGE.format(charset=charset).encode(codec)
    cut = _cut_inside_last_char(raw, "业".encode(codec), 1)
    text, _, warnings = decode_html(cut, URL)
    assert text.endswith("支持一人公司创新创") and "\ufffd" not in text
    assert any("truncated inside" in w for w in warnings), warnings


def test_big5_page_cut_inside_a_character() -> None:
    raw = '<html><head><meta charset="big5"></head><body><p>給予最高五十萬元獎勵，支持創業</p>'.encode("big5")
    text, encoding, warnings = decode_html(_cut_inside_last_char(raw, "業".encode("big5"), 1), URL)
    assert (encoding, text.endswith("支持創")) == ("big5", True)
    assert warnings and "truncated inside a Big5 character" in warnings[0]


def test_gb18030_four_byte_character_cut_after_two_bytes() -> None:
    raw = ("<html><body><p>支持一人公司发展，设立1亿元基金𠀀</p></body></html>").encode("gb18030")
    four = "𠀀".encode("gb18030")
    assert len(four) == 4
    text, encoding, warnings = decode_html(raw[: raw.rindex(four) + 2], URL, {"Content-Type": "text/html; charset=GBK"})
    assert encoding == "gb18030"
    assert text.endswith("设立1亿元基金")
    assert warnings == [f"body truncated inside a GB18030 character at byte {raw.rindex(four)}"]


def test_unlabelled_gbk_page_cut_mid_character_is_parsed_with_a_warning() -> None:
    raw = PAGE.replace('<meta charset="{charset}">', "").encode("gbk")
    cut = raw[: raw.rindex("创".encode("gbk")) + 1]
    policy = parse_document(cut, url=URL, source_id="test")
    assert policy.title == TITLE
    assert "最高五十万元一次性奖励" in policy.body_text
    assert [a.value for a in policy.amounts if a.unit.value == "money"] == [500000]
    assert any(w.startswith("body truncated inside a GB18030 character") for w in policy.warnings)


def test_gbk_page_broken_in_the_middle_is_not_called_truncated() -> None:
    raw = PAGE.format(charset="gbk").encode("gbk")
    broken = raw[:200] + b"\xff" + raw[200:]
    _, _, warnings = decode_html(broken, URL)
    assert not any("truncated" in w for w in warnings)


@pytest.mark.parametrize("raw", ["苏政发﹝2026﹞12号", "苏政发[2026]12号", "苏政发(2026)12号", "苏政发【2026】12号",
                                 "苏政发（2026）12号", "苏政发［2026］12号", "苏政发〔2026〕12号", "苏政发 ﹝ 2026 ﹞ 12 号"])
def test_doc_number_brackets_normalise(raw: str) -> None:
    assert normalize_doc_number(raw) == "苏政发〔2026〕12号"
    assert find_doc_number(f"某某市人民政府文件\n{raw}\n关于印发若干措施的通知") == "苏政发〔2026〕12号"
