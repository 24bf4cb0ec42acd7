"""Analysis: the loaded codings displays read, statement merging, and conclusions."""
