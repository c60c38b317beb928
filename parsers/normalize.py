"""Text normalization: pinyin annotations out, traditional → simplified, widths folded, junk dropped.

Traditional → simplified is OpenCC (``t2s``). Pinyin stripping and junk-line removal are
hand-written: they are quirks of Chinese content farms and Hanweb page chrome that no
library knows about.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from opencc import OpenCC

from parsers.schema import Script

__all__ = ["normalize_text", "strip_pinyin", "to_simplified", "fold_width", "clean_inline", "is_junk_line"]

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# A pinyin gloss right after a CJK character: 臺(tái), 發（fā）. Neutral-tone glosses carry no
# tone mark, so the few common ones are listed; anything else without a tone mark is kept
# (it may be an English word in brackets).
_PINYIN_RE = re.compile(
    rf"(?<=[\u3400-\u9fff])\s?[(（](?:[a-zü]*[{_TONED}][a-zü]*|de|le|men|zi|me|ne|ma|ba|zhe)[)）]"
)
# Full-width ASCII letters, digits and %: folded. Chinese punctuation (，（）：) is kept.
_WIDTH = str.maketrans(
    {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F) if chr(c - 0xFEE0).isalnum()}
    | {"％": "%", "\u3000": " ", "\xa0": " ", "\u200b": "", "\ufeff": "", "\u200c": "", "\u200d": ""}
)
_JUNK_LINE = re.compile(
    r"^(?:【?(?:分享到|分享|打印(?:本页)?|关闭(?:窗口|本页)?|扫一扫|字号|字体|收藏|返回顶部|"
    r"上一篇|下一篇|微信|微博|QQ空间|责任编辑|访问量|浏览次数)】?)"
)
_JUNK_ANYWHERE = re.compile(
    r"分享到|扫一扫|关闭窗口|【打印】|打印本页|字号[:：]|【字体|点击右上角|请使用浏览器分享功能|^(?:微信好友|朋友圈|QQ好友)$|"
    r"^A\+\s*A-$|^\s*A\+\s*A-|图片来源[:：]|图源[:：]|^!\[[^\]]*\]\([^)]*\)$|^\S+\.(?:jpe?g|png|gif|webp)$"
)
# Spam headers injected into hijacked pages: a run of "丨"-separated porn/gambling keywords.
_SPAM = re.compile(r"无码|av在线|毛片|三级片|夜夜|伊人|午夜|博彩|赌场|(?:丨[^丨]{2,30}){5,}")
# A line left with nothing but punctuation and "?" (mojibake debris).
_DEBRIS = re.compile(r"^[?？\s/<>p\W]{0,6}$")
_SPACES = re.compile(r"[ \t\r\f\v]+")


@lru_cache(maxsize=1)
def _converter() -> OpenCC:
    return OpenCC("t2s")


# Taiwan's words for what policy texts talk about, on pages in traditional characters: the
# extraction's words are the mainland ones. OpenCC's tw2sp goes too far for this (核心 → 内核).
_TAIWAN_TERMS = {"人工智慧": "人工智能", "软体": "软件", "硬体": "硬件", "演算法": "算法", "晶片": "芯片",
                 "网路": "网络", "伺服器": "服务器", "智慧财产": "知识产权"}
_TAIWAN_RE = re.compile("|".join(_TAIWAN_TERMS))


def strip_pinyin(text: str) -> str:
    """Remove pinyin glosses after characters: 出臺(tái) → 出臺, 寧政發(fā) → 寧政發."""
    return _PINYIN_RE.sub("", text)


def fold_width(text: str) -> str:
    """Full-width letters/digits/% to ASCII, odd spaces to plain spaces, zero-widths out."""
    return text.translate(_WIDTH)


def to_simplified(text: str) -> tuple[str, Script]:
    """Simplified text and the script of the original (traditional when OpenCC changed enough).

    A handful of changed characters can be a quoted name; a script is "traditional" when at
    least 3 characters and 2% of the CJK characters changed.
    """
    converted = _converter().convert(text)
    if len(converted) == len(text):
        changed = sum(1 for a, b in zip(text, converted, strict=True) if a != b)
    else:  # phrase-level conversion changed the length; count roughly
        changed = abs(len(text) - len(converted)) + sum(1 for a, b in zip(text, converted, strict=False) if a != b)
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff") or 1
    script = Script.TRADITIONAL if changed >= 3 and changed / cjk >= 0.02 else Script.SIMPLIFIED
    if script is Script.TRADITIONAL:
        converted = _TAIWAN_RE.sub(lambda m: _TAIWAN_TERMS[m.group(0)], converted)
    return converted, script


def clean_inline(text: str) -> str:
    """One-line cleanup for titles, issuers and cells: pinyin out, simplified, widths folded."""
    text = fold_width(strip_pinyin(unicodedata.normalize("NFC", text or "")))
    return _SPACES.sub(" ", _converter().convert(text)).strip()


def is_junk_line(line: str) -> bool:
    """True for page chrome: share widgets, font-size and print links, image stubs and captions,
    spam keyword headers and lines left with only mojibake debris."""
    if _JUNK_LINE.match(line):
        return len(line) < 60
    if _SPAM.search(line) and line.count("丨") >= 3 or _DEBRIS.match(line):
        return True
    return len(line) < 40 and bool(_JUNK_ANYWHERE.search(line))


def normalize_text(text: str) -> tuple[str, Script]:
    """Body text normalized for storage and extraction, and the script of the original.

    Lines are stripped, runs of spaces collapsed, blank lines and page-chrome lines (分享到,
    打印, 关闭窗口, 扫一扫, 字号 …) dropped.
    """
    text = fold_width(strip_pinyin(unicodedata.normalize("NFC", text or "")))
    text, script = to_simplified(text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line and not is_junk_line(line)), script
