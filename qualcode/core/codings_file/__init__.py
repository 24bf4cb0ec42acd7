"""The codings file (``codings.yaml``): format, analysis sections, merge, import/export."""
