"""Typo-tolerant search over every source: the word index and the queries on it."""
