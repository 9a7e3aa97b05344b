"""One writing run at a time per database, so cron never stacks runs on top of each other.

`ingest`, `reextract` and a `summary` that moves the "last summary" mark hold an advisory lock
(flock) on a file next to the database (`hrtracker.db.lock`). SQLite alone would keep the file
consistent; the lock keeps the runs table and the summary mark meaningful: a second ingest
would race the first over the same new files, and a digest taken halfway through an ingest
would move the mark past documents still being written, so no digest would ever show them.
The kernel drops the lock when its process ends, however it ends: there are no stale locks.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from .errors import StoreError, folder_reason

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: SQLite's own locking still keeps the data safe
    fcntl = None  # type: ignore[assignment]


class NoLockFile(StoreError):
    """The lock file cannot be made (a read-only folder, a file where the folder should be)."""


class Busy(Exception):
    """Another process holds the lock (raised only when not waiting)."""

    def __init__(self, holder: Holder) -> None:
        super().__init__(holder.describe())
        self.holder = holder


class Holder:
    """Who holds the lock, as written in the lock file: 'PID COMMAND'."""

    def __init__(self, text: str) -> None:
        parts = text.split()
        self.pid = int(parts[0]) if parts and parts[0].isdigit() else None
        self.command = parts[1] if len(parts) > 1 else "ingest"

    def describe(self) -> str:
        return f"another {self.command}" + (f" (pid {self.pid})" if self.pid else "")


def lock_path(database: Path) -> Path:
    """The lock file of a database: the same name with `.lock` added."""
    return database.with_name(database.name + ".lock")


@contextlib.contextmanager
def exclusive(
    database: Path,
    command: str,
    *,
    wait: bool = True,
    on_wait: Callable[[Holder], None] = lambda holder: None,
) -> Iterator[None]:
    """Hold the database's lock for the block. When another process holds it, wait for it
    (calling `on_wait` once first) or, with `wait=False`, raise Busy."""
    if fcntl is None or str(database) == ":memory:":
        yield
        return
    path = lock_path(database)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:  # a read-only folder, a file where the folder should be...
        raise NoLockFile(f"{path}: cannot create the lock file ({folder_reason(exc)})") from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            if not wait:
                raise Busy(holder) from None
            on_wait(holder)
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()} {command}\n".encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _holder(fd: int) -> Holder:
    """Who holds the lock. The holder writes its pid just after taking the lock: read again for
    a moment when the file is still empty, so the message can name it."""
    for _ in range(25):
        text = os.pread(fd, 200, 0).decode("utf-8", "replace")
        if text.strip():
            break
        time.sleep(0.02)
    return Holder(text)
