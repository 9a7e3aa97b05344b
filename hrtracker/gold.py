"""Scoring the extractor against a gold set (fixtures/expected/*.json, see fixtures/README.md).

Extracted records are matched to expected ones per document: same category and country, the
subtype preferred; then every field the analyst listed is compared. Unmatched extracted
records are false positives unless they match an `optional` record."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

COUNT_FIELDS = tuple(f"{p}_{s}" for p in ("deaths", "injured", "arrested") for s in ("low", "best", "high"))


@dataclass
class Gold:
    file: str
    record: int
    published: str | None
    incidents: list[dict[str, Any]]
    optional: list[dict[str, Any]]
    must_not: list[dict[str, Any]]


class GoldError(ValueError):
    """An expected file that cannot be read as a gold record: `path: reason`, one line."""


def _checked(path: Path) -> dict[str, Any]:
    """The expected file's JSON, with the shape load_gold reads, or GoldError."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: cannot read it ({exc})") from None
    except json.JSONDecodeError as exc:
        raise GoldError(f"{path}: invalid JSON at line {exc.lineno}: {exc.msg}") from None
    if not isinstance(data, dict) or not isinstance(data.get("file"), str) or not isinstance(data.get("documents"), list):
        raise GoldError(f"{path}: expected an object with 'file' (a string) and 'documents' (a list)")
    for number, entry in enumerate(data["documents"], start=1):
        if not isinstance(entry, dict):
            raise GoldError(f"{path}: document {number} is not an object")
        for key in ("incidents", "optional", "must_not"):
            records = entry.get(key, [])
            if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
                raise GoldError(f"{path}: document {number}: '{key}' must be a list of objects")
    return data


def load_gold(folder: Path) -> list[Gold]:
    """Every expected document under `folder`/expected (GoldError for a malformed file)."""
    golds = []
    for path in sorted((folder / "expected").glob("*.json")):
        data = _checked(path)
        for entry in data["documents"]:
            golds.append(
                Gold(
                    file=data["file"],
                    record=int(entry.get("record", 0)),
                    published=entry.get("published"),
                    incidents=entry.get("incidents", []),
                    optional=entry.get("optional", []),
                    must_not=entry.get("must_not", []),
                )
            )
    return golds


def _field_ok(expected_key: str, expected: Any, record: dict[str, Any]) -> bool:
    if expected_key.endswith("_contains"):
        name = expected_key.removesuffix("_contains")
        value = record.get(name) or ""
        return str(expected).lower() in str(value).lower()
    return record.get(expected_key) == expected


def _compatible(expected: dict[str, Any], record: dict[str, Any]) -> bool:
    if record.get("category") != expected.get("category"):
        return False
    return "country" not in expected or record.get("country") == expected["country"]


def _agreement(expected: dict[str, Any], record: dict[str, Any]) -> int:
    return sum(_field_ok(k, v, record) for k, v in expected.items())


@dataclass
class DocumentScore:
    gold: Gold
    matched: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    missed: list[dict[str, Any]] = field(default_factory=list)
    false_positives: list[dict[str, Any]] = field(default_factory=list)
    forbidden: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    field_errors: list[str] = field(default_factory=list)


def score_document(gold: Gold, records: list[dict[str, Any]]) -> DocumentScore:
    result = DocumentScore(gold)
    remaining = list(records)
    pending = list(gold.incidents)
    # First pass: same subtype where the analyst gave one; second: category and country only
    # (then a wrong subtype counts against subtype accuracy, not as a miss and a false positive).
    for strict in (True, False):
        # Best pairs first, so one record is not taken by a weaker expectation.
        pairs = sorted(
            (
                (_agreement(expected, record), -e, -r)
                for e, expected in enumerate(pending)
                for r, record in enumerate(remaining)
                if _compatible(expected, record)
                and (not strict or record.get("subtype") == expected.get("subtype", record.get("subtype")))
            ),
            reverse=True,
        )
        taken_e: set[int] = set()
        taken_r: set[int] = set()
        for _, ne, nr in pairs:
            e, r = -ne, -nr
            if e in taken_e or r in taken_r:
                continue
            taken_e.add(e)
            taken_r.add(r)
            expected, best = pending[e], remaining[r]
            result.matched.append((expected, best))
            for key, value in expected.items():
                if not _field_ok(key, value, best):
                    shown = best.get(key.removesuffix("_contains"))
                    result.field_errors.append(f"{key}: expected {value!r}, got {shown!r}")
        pending = [x for i, x in enumerate(pending) if i not in taken_e]
        remaining = [x for i, x in enumerate(remaining) if i not in taken_r]
    result.missed.extend(pending)
    for record in remaining:
        if not any(_compatible(o, record) for o in gold.optional):
            result.false_positives.append(record)
    for rule in gold.must_not:
        for record in records:
            if all(_field_ok(k, v, record) for k, v in rule.items()):
                result.forbidden.append((rule, record))
    return result


@dataclass
class Scores:
    documents: list[DocumentScore]

    def by_category(self) -> dict[str, dict[str, float]]:
        counts: dict[str, dict[str, int]] = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0})
        for doc in self.documents:
            for expected, _ in doc.matched:
                counts[expected["category"]]["tp"] += 1
            for expected in doc.missed:
                counts[expected["category"]]["fn"] += 1
            for record in doc.false_positives:
                counts[record["category"]]["fp"] += 1
        table = {}
        total = {"tp": 0, "fp": 0, "fn": 0}
        for category, c in sorted(counts.items()):
            table[category] = _prf(c)
            for k in total:
                total[k] += c[k]
        table["all"] = _prf(total)
        return table

    def accuracy(self, names: Iterable[str], when: str | None = None) -> tuple[int, int]:
        """(correct, compared) over matched pairs whose expected record lists the field."""
        correct = compared = 0
        for doc in self.documents:
            for expected, record in doc.matched:
                if when and expected["category"] != when:
                    continue
                for name in names:
                    if name in expected:
                        compared += 1
                        correct += _field_ok(name, expected[name], record)
        return correct, compared

    def field_accuracy(self) -> tuple[int, int]:
        correct = compared = 0
        for doc in self.documents:
            for expected, record in doc.matched:
                for key, value in expected.items():
                    compared += 1
                    correct += _field_ok(key, value, record)
        return correct, compared

    def summary(self) -> dict[str, Any]:
        def ratio(pair: tuple[int, int]) -> float | None:
            return round(pair[0] / pair[1], 3) if pair[1] else None

        deaths_exact = self.accuracy(("deaths_low", "deaths_best", "deaths_high"))
        return {
            "documents": len(self.documents),
            "expected": sum(len(d.gold.incidents) for d in self.documents),
            "by_category": self.by_category(),
            "subtype_accuracy": ratio(self.accuracy(("subtype",))),
            "death_count_accuracy": ratio(deaths_exact),
            "country_accuracy": ratio(self.accuracy(("country",))),
            "period_accuracy": ratio(self.accuracy(("period_start", "period_end"))),
            "field_accuracy": ratio(self.field_accuracy()),
            "forbidden": sum(len(d.forbidden) for d in self.documents),
        }


def _prf(c: dict[str, int]) -> dict[str, float]:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), **c}


def score(golds: list[Gold], records_for: dict[tuple[str, int], list[dict[str, Any]]]) -> Scores:
    return Scores([score_document(g, records_for.get((g.file, g.record), [])) for g in golds])


def report_lines(scores: Scores) -> list[str]:
    """Misses, false positives, field errors and forbidden records, one per line."""
    lines = []
    for doc in scores.documents:
        where = f"{doc.gold.file}#{doc.gold.record}"
        for expected in doc.missed:
            lines.append(f"MISS  {where}: {json.dumps(expected, ensure_ascii=False)}")
        for record in doc.false_positives:
            brief = {k: record.get(k) for k in ("category", "subtype", "country", "deaths_low", "caller", "rules")}
            lines.append(f"FP    {where}: {json.dumps(brief, ensure_ascii=False)} “{record.get('evidence', '')[:120]}”")
        for error in doc.field_errors:
            lines.append(f"FIELD {where}: {error}")
        for rule, record in doc.forbidden:
            lines.append(f"FORBIDDEN {where}: {json.dumps(rule, ensure_ascii=False)} in “{record.get('evidence', '')[:120]}”")
    return lines


def evaluate_folder(folder: Path, db_path: Path, jobs: int = 1) -> Scores:
    """Run the real path (ingest into `db_path`, read back the exported records) over a gold
    folder and score it."""
    from .ingest import run_ingest
    from .render.export import _record
    from .sources import RawDocument, iter_inputs, make_document
    from .store import Store

    golds = load_gold(folder)
    articles = folder / "articles"
    key_of: dict[str, tuple[str, int]] = {}
    for item in iter_inputs([str(articles / g) for g in sorted({g.file for g in golds})]):
        if isinstance(item, RawDocument):
            document = make_document(item)
            key_of[document.id] = (Path(item.origin).name, item.record)
    with Store(db_path) as store:
        run_ingest([str(articles)], store, jobs=jobs)
        records: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
        for incident in store.iter_incidents():
            key = key_of.get(incident["document_id"])
            if key:
                records[key].append(_record(incident))
    return score(golds, records)
