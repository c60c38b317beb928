"""Extraction: pages -> the shared schema (parsers.schema). Pure functions, no I/O, no clock.

Public API: ``parse_document`` (fetched bytes → Policy), ``parse_text`` (plain text → Policy),
``PARSER_VERSION`` (bump when the output for the same input changes), plus the helpers in
``parsers.regions`` and ``parsers.amounts``.
"""

from parsers.document import parse_document, parse_text
from parsers.schema import ParseError, Policy

PARSER_VERSION = "1.16.1"

__all__ = ["PARSER_VERSION", "ParseError", "Policy", "parse_document", "parse_text"]
