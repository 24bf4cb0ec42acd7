"""Reusable widgets: they expose load(model) and post messages; screens wire them together."""
