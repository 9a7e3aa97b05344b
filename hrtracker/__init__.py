"""hrtracker: track human-rights abuses and calls for accountability from saved news articles."""

__version__ = "0.1.0"
