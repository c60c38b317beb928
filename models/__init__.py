"""Storage: typed tables, the store API the stages use, and the diff."""
