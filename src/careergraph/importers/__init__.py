"""Importers: bring outside datasets into graph/ as ordinary YAML entities."""
