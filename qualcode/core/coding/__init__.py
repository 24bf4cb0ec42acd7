"""Condensation: coding operations and rules, memos, and moving codings onto changed text."""
