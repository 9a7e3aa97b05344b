"""`hrtracker reextract`: run the current extractor over every stored document and put its
records in place of the machine ones, keeping every human correction (see Store.replace_incidents)."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass

from .ingest import CHUNK, default_jobs, extract_chunk
from .models import Document, Incident
from .store import Store


@dataclass
class ReextractTally:
    extractor_version: str
    documents: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    kept_reviewed: int = 0
    corrections_reapplied: int = 0

    def line(self) -> str:
        return (
            f"{self.documents} documents re-read with extractor {self.extractor_version}: "
            f"{self.new} new, {self.changed} changed, {self.unchanged} unchanged, {self.removed} removed "
            f"incidents; {self.kept_reviewed} reviewed kept though no longer found, "
            f"{self.corrections_reapplied} corrections re-applied"
        )

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def run_reextract(
    store: Store, *, jobs: int | None = 1, on_progress: Callable[[int], None] = lambda n: None
) -> ReextractTally:
    """Re-extract every stored document, one write transaction per chunk of documents."""
    from .extract import EXTRACTOR_VERSION

    tally = ReextractTally(EXTRACTOR_VERSION)
    ids = store.document_ids()

    def chunks() -> Iterator[list[Document]]:
        for start in range(0, len(ids), CHUNK):
            yield store.documents_by_id(ids[start : start + CHUNK])

    def write(results: list[tuple[Document, list[Incident]]]) -> None:
        counts = store.replace_incidents(
            ((document.id, incidents) for document, incidents in results), EXTRACTOR_VERSION
        )
        for key, value in counts.items():
            setattr(tally, key, getattr(tally, key) + value)
        tally.documents += len(results)
        on_progress(len(results))

    jobs = jobs or default_jobs()
    if jobs <= 1:
        for chunk in chunks():
            write(extract_chunk(chunk))
    else:
        # A bounded window of chunks in flight: Executor.map would read every document first.
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            in_flight: deque[Future] = deque()  # type: ignore[type-arg]
            for chunk in chunks():
                in_flight.append(pool.submit(extract_chunk, chunk))
                if len(in_flight) >= jobs * 2:
                    write(in_flight.popleft().result())
            while in_flight:
                write(in_flight.popleft().result())
    return tally
