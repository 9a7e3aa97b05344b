"""Errors the command line reports as one line. A module of its own, with no imports, so the
entry point can catch them without loading the store."""


class StoreError(Exception):
    """A database problem the user can act on (newer schema, unreadable file)."""


def folder_reason(exc: OSError) -> str:
    """Why a folder could not be made, in words: mkdir(parents=True) over a file says only
    'File exists'."""
    if isinstance(exc, FileExistsError):
        return f"{exc.filename} is a file, not a folder"
    return exc.strerror or str(exc)
