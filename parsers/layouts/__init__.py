"""Page layouts: one extractor per CMS family, plus a generic fallback."""
