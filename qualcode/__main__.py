"""Allow ``python -m qualcode``."""

from qualcode.cli import run

run()
