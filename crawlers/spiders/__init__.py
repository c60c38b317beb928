"""Spiders, one per CMS family; a site of a known family is a registry entry."""
