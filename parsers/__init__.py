"""Extraction: pages -> the shared schema (parsers.schema). Pure functions, no I/O, no clock."""
