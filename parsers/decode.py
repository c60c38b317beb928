"""Bytes → text for HTML pages, trusting the bytes over the labels.

Order: BOM, then strict UTF-8 when the bytes are valid UTF-8 (a strict UTF-8 decode of
non-ASCII Chinese text practically never succeeds by accident), then the HTTP charset, the
meta charset, then GB18030 (a superset of GB2312/GBK). Any label the bytes contradict is
reported as a warning. Binary payloads raise :class:`~parsers.schema.ParseError`.
"""

from __future__ import annotations

import codecs
import re
import zlib
from collections.abc import Mapping

from parsers.schema import ParseError

__all__ = ["decode_html"]

MAX_UNPACKED = 32 * 2**20  # bytes; well above any article page (crawls cap bodies too)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_HTTP_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", re.IGNORECASE)
_BINARY_MAGIC = {
    b"%PDF": "PDF", b"PK\x03\x04": "ZIP/Office", b"\x89PNG": "PNG", b"GIF8": "GIF",
    b"\xff\xd8\xff": "JPEG", b"\xd0\xcf\x11\xe0": "OLE (doc/xls)", b"Rar!": "RAR",
}
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "gb_2312-80", "euc-cn"}


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    return "gb18030" if label.strip().lower() in _GB_FAMILY or name in _GB_FAMILY else name


def _decode(body: bytes, codec: str, warnings: list[str]) -> str:
    """Strict decode that forgives only a cut at the very end: a download stopped inside the
    last multi-byte character (UTF-8, GBK/GB18030, Big5, Shift-JIS, UTF-16 …) keeps its text,
    drops the broken tail and says so. Raises UnicodeDecodeError for bytes broken elsewhere."""
    decoder = codecs.getincrementaldecoder(codec)(errors="strict")
    text = decoder.decode(body, final=False)
    pending = decoder.getstate()[0]
    if pending:
        cut = len(body) - len(pending)
        warnings.append(f"body truncated inside a {_NAMES.get(codec, codec)} character at byte {cut}")
    return text


_NAMES = {"utf-8": "UTF-8", "gb18030": "GB18030", "big5": "Big5", "shift_jis": "Shift-JIS", "utf-16": "UTF-16"}


def _quote(body: bytes) -> str:
    return repr(body[:60])


def decode_html(body: bytes, url: str, headers: Mapping[str, str] | None = None) -> tuple[str, str, list[str]]:
    """(text, encoding used, warnings) for an HTML body; ParseError for empty or binary bodies."""
    warnings: list[str] = []
    if not body or not body.strip():
        raise ParseError(f"{url}: empty body ({len(body or b'')} bytes)")
    if body[:2] == b"\x1f\x8b":  # gzip served without Content-Encoding
        try:
            # A bounded read: a small gzip body can unpack to gigabytes (a decompression bomb).
            inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            unpacked = inflater.decompress(body, MAX_UNPACKED + 1)
        except zlib.error as exc:
            raise ParseError(f"{url}: truncated gzip body {_quote(body)}") from exc
        if len(unpacked) <= MAX_UNPACKED and not inflater.eof:
            raise ParseError(f"{url}: truncated gzip body {_quote(body)}")
        if len(unpacked) > MAX_UNPACKED:
            raise ParseError(f"{url}: gzip body unpacks to more than {MAX_UNPACKED // 2**20} MiB")
        body = unpacked
        warnings.append("body was gzip-compressed without Content-Encoding")
    for magic, kind in _BINARY_MAGIC.items():
        if body.startswith(magic):
            raise ParseError(f"{url}: binary {kind} payload, not an HTML page: {_quote(body)}")
    if b"\x00" in body[:2048] and not body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ParseError(f"{url}: binary payload (NUL bytes), not an HTML page: {_quote(body)}")

    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if body.startswith(bom):
            try:
                return _decode(body, name, warnings), name, warnings
            except UnicodeDecodeError:
                return body.decode(name, errors="replace"), name, warnings

    http_label = None
    content_type = next((v for k, v in (headers or {}).items() if k.lower() == "content-type"), "")
    if m := _HTTP_CHARSET.search(content_type or ""):
        http_label = m.group(1)
    meta_match = _META_CHARSET.search(body[:4096])
    meta_label = meta_match.group(1).decode("ascii", "ignore") if meta_match else None
    labels = [(src, lab, _codec(lab)) for src, lab in (("HTTP", http_label), ("meta", meta_label)) if lab]

    try:
        found: list[str] = []  # a cut inside the last character is still UTF-8
        text = _decode(body, "utf-8", found)
        for src, lab, codec in labels:
            if codec not in ("utf-8", "ascii") and not body.isascii():
                warnings.append(f"{src} charset says {lab!r} but the bytes are UTF-8")
        return text, "utf-8", warnings + found
    except UnicodeDecodeError:
        pass
    for src, lab, codec in labels:
        if codec is None:
            warnings.append(f"{src} charset {lab!r} is unknown")
            continue
        if codec == "utf-8":
            warnings.append(f"{src} charset says {lab!r} but the bytes are not valid UTF-8")
            continue
        try:
            return _decode(body, codec, warnings), codec, warnings
        except (UnicodeDecodeError, LookupError):
            warnings.append(f"{src} charset says {lab!r} but the bytes do not decode as it")
    try:
        text = _decode(body, "gb18030", warnings)
        if labels:
            warnings.append("decoded as GB18030 against the declared charset")
        return text, "gb18030", warnings
    except UnicodeDecodeError:
        warnings.append("bytes are neither UTF-8 nor GB18030; decoded UTF-8 with replacement characters")
        return body.decode("utf-8", errors="replace"), "utf-8", warnings
