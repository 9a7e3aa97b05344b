"""`hrtracker reextract`: run the current extractor over every stored document and put its
records in place of the machine ones, keeping every human correction (see Store.replace_incidents)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass

from .ingest import CHUNK, default_jobs, extract_chunks
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

    for results in extract_chunks(chunks(), jobs or default_jobs()):
        write(results)
    return tally
