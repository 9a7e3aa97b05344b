"""Errors the command line reports as one line. A module of its own, with no imports, so the
entry point can catch them without loading the store."""


class StoreError(Exception):
    """A database problem the user can act on (newer schema, unreadable file)."""
