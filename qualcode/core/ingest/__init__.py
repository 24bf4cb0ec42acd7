"""Ingest: turn a transcript file (.txt, .md, .docx) into a parsed, normalised source.

Pure functions, no database: the importer stores what ``parse_file`` returns. spaCy and
python-docx are imported only when a file needs them.
"""

from qualcode.core.ingest.model import (
    MAX_BYTES,
    SUPPORTED_SUFFIXES,
    TECHNIQUES,
    ParsedSentence,
    ParsedSource,
    ParsedTurn,
    SourceMeta,
    SpeakerKind,
)
from qualcode.core.ingest.parse import default_segmenter, parse_file, parse_text
from qualcode.core.ingest.sentences import SentenceSegmenter

__all__ = [
    "MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "TECHNIQUES",
    "ParsedSentence",
    "ParsedSource",
    "ParsedTurn",
    "SentenceSegmenter",
    "SourceMeta",
    "SpeakerKind",
    "default_segmenter",
    "parse_file",
    "parse_text",
]
