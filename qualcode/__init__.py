"""qualcode: a qualitative-research coding workbench for the terminal."""

__version__ = "0.1.0"
