"""Ingest: turn a transcript file (.txt, .md, .docx) into a parsed, normalised source.

Pure functions, no database: the importer stores what ``parse.parse_file`` returns. spaCy and
python-docx are imported only when a file needs them.
"""
