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


def one_line(exc: BaseException) -> str:
    """An unexpected exception as one short line for an error message: 'Type: message'."""
    detail = " ".join(str(exc).split())[:200]
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
