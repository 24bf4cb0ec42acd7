"""Ingest: turn a transcript file (.txt, .md, .docx) into a parsed, normalised source.

Pure functions, no database: the importer stores what ``parse.parse_file`` returns. Sentences
follow spaCy's tokenizer and sentencizer without importing spaCy (``tokenizer.py``); python-docx
is imported only when a file needs it.
"""
