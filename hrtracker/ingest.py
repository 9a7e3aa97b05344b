"""The ingest pipeline: sources → extractor (in worker processes) → store, streaming and in
order. Each chunk of documents is written in one transaction, every document with its
incidents, so a crash loses at most the chunk in flight and a rerun completes it."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass
from typing import IO, TypeVar

from .errors import one_line
from .models import Document, Incident
from .sources import (
    RawDocument,
    SourceError,
    document_id,
    iter_inputs,
    make_document,
    normalize_text,
)
from .store import Store

CHUNK = 64  # documents per worker task and per write transaction
T = TypeVar("T")
R = TypeVar("R")


@dataclass
class Tally:
    files_seen: int = 0
    documents_new: int = 0
    documents_existing: int = 0
    failed: int = 0
    incidents_added: int = 0

    def line(self) -> str:
        return (
            f"{self.documents_new} new, {self.documents_existing} already stored, "
            f"{self.failed} failed; {self.incidents_added} incidents added"
        )

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def extract_chunk(documents: list[Document]) -> list[list[Incident]]:
    """Worker entry point (top level so it pickles): the incidents of each document. The
    documents do not travel back: the caller still has them."""
    from .extract import extract

    return [extract(document) for document in documents]


def read_chunk(raws: list[RawDocument]) -> list[tuple[Document, list[Incident]] | SourceError]:
    """Worker entry point for ingest: each document normalized and described (title, outlet,
    publication date), then its incidents. Reading the date is as costly as writing a
    document, so it is done here, beside the extraction, not in the process that writes.
    A document the extractor fails on is an error naming it, not the end of the batch."""
    from .extract import adopt, extract

    results: list[tuple[Document, list[Incident]] | SourceError] = []
    for raw in raws:
        try:
            document = make_document(raw)
            # A line of `extract --format documents` brings its incidents: kept when they check out.
            adopted = adopt(document, *raw.extracted) if raw.extracted else None
            results.append((document, adopted if adopted is not None else extract(document)))
        except Exception as exc:  # an extractor bug must not cost the night's other articles
            results.append(SourceError(raw.source, f"the extractor failed on it ({one_line(exc)})"))
    return results


def default_jobs() -> int:
    return max(1, os.cpu_count() or 1)


def in_workers(chunks: Iterable[T], jobs: int, work: Callable[[T], R]) -> Iterator[tuple[T, R]]:
    """(chunk, work(chunk)) for chunk after chunk, in order, computed in `jobs` worker processes
    (in this one when jobs is 1). At most 2 × jobs chunks are in flight, so a large input is
    never read ahead whole."""
    if jobs <= 1:
        for chunk in chunks:
            yield chunk, work(chunk)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        in_flight: deque[tuple[T, Future[R]]] = deque()
        for chunk in chunks:
            in_flight.append((chunk, pool.submit(work, chunk)))
            if len(in_flight) >= jobs * 2:
                done, future = in_flight.popleft()
                yield done, future.result()
        while in_flight:
            done, future = in_flight.popleft()
            yield done, future.result()


def extract_chunks(
    chunks: Iterable[list[Document]], jobs: int
) -> Iterator[list[tuple[Document, list[Incident]]]]:
    """Each chunk of documents with their incidents, extracted in `jobs` worker processes."""
    for chunk, incidents in in_workers(chunks, jobs, extract_chunk):
        yield list(zip(chunk, incidents))


def run_ingest(
    paths: Iterable[str],
    store: Store,
    *,
    jobs: int | None = None,
    stdin: IO[str] | None = None,
    on_error: Callable[[SourceError], None] = lambda e: None,
    on_progress: Callable[[int], None] = lambda n: None,
) -> Tally:
    """Read, extract and store; returns the tally. Errors are reported through `on_error` and
    never stop the batch."""
    from .extract import EXTRACTOR_VERSION

    tally = Tally()
    run_id = store.start_run()
    jobs = jobs or default_jobs()
    seen_sources: set[str] = set()

    def chunks() -> Iterator[list[RawDocument]]:
        chunk: list[RawDocument] = []
        batch_ids: set[str] = set()
        for item in iter_inputs(paths, stdin=stdin):
            if isinstance(item, SourceError):
                tally.failed += 1
                _count_file(item.path, seen_sources, tally)
                on_error(item)
                continue
            _count_file(item.origin, seen_sources, tally)
            # The id (a hash of the normalized text) is known before extraction, so a document
            # stored before is never extracted again; the worker normalizes the same way.
            text = normalize_text(item.text)
            if not text:
                tally.failed += 1
                on_error(SourceError(item.source, "no text after normalization"))
                continue
            key = document_id(text)
            if key in batch_ids or store.has_document(key):
                tally.documents_existing += 1
                on_progress(1)
                continue
            batch_ids.add(key)
            chunk.append(item)
            if len(chunk) >= CHUNK:
                yield chunk
                chunk, batch_ids = [], set()
        if chunk:
            yield chunk

    def write(results: list[tuple[Document, list[Incident]]]) -> None:
        for is_new, added in store.add_documents(results, run_id, EXTRACTOR_VERSION):
            if is_new:
                tally.documents_new += 1
                tally.incidents_added += added
            else:
                tally.documents_existing += 1
        on_progress(len(results))

    try:
        for _, results in in_workers(chunks(), jobs, read_chunk):
            read: list[tuple[Document, list[Incident]]] = []
            for result in results:
                if isinstance(result, SourceError):
                    tally.failed += 1
                    on_error(result)
                else:
                    read.append(result)
            write(read)
        # Group the new incidents into the stored events now, so reports and the morning
        # digest read them ready (any report would do it otherwise, see report.refresh_events).
        from .report import refresh_events

        refresh_events(store)
    finally:
        store.finish_run(run_id, **tally.as_dict())
    return tally


def _count_file(path: str, seen: set[str], tally: Tally) -> None:
    key = path.split(":", 1)[0] if ":" in path and not os.path.exists(path) else path
    if key not in seen:
        seen.add(key)
        tally.files_seen += 1
