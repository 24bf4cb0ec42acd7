"""Codebooks: the model, its YAML format and schema, and round-trip editing of the file."""
