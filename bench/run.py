"""Throughput, memory and query-time benchmark. Prints a table and writes bench/RESULTS.md.

    python bench/make_corpus.py      # once: bench/out/corpus (10,000 documents, ~43 MB)
    python bench/run.py              # everything (about 3 minutes on 2 cores)
    python bench/run.py --skip-ingest --skip-db        # the extractor only
    python bench/run.py --profile-only                 # cProfile of the extractor

What is measured:
- the extractor alone, in-process over corpus.jsonl, with 1 and 2 worker processes: MB/s of
  normalized text per core (time inside `extract()` only) and wall-clock MB/s and documents/s
  (JSON parsing and normalization included);
- `hrtracker ingest --jobs N` end to end on the .txt folder, in a subprocess with a fresh
  database;
- a database of 1,000,000 synthetic incidents written straight through the store's schema,
  and `report --country Peru`, `summary --since 30d`, `countries` on it;
- `hrtracker --help` start-up.

Peak RSS is read two ways: the largest single process (wait4's ru_maxrss, which covers the
worker processes too) and the whole process tree summed, sampled from /proc every 20 ms.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench"
DEFAULT_CORPUS = BENCH / "out" / "corpus"
MB = 1_000_000

TARGETS = {
    "extractor_mb_s_per_core": 10.0,
    "ingest_seconds_2_jobs": 8.0,
    "peak_rss_mb": 250.0,
    "query_seconds": 0.5,
    "help_seconds": 0.3,
}


# -- measuring a subprocess --------------------------------------------------------------------


@dataclass
class Measured:
    seconds: float
    returncode: int
    max_rss: float  # the largest single process (ru_maxrss of the child and its workers)
    tree_rss: float  # the whole process tree, summed, sampled
    stdout: str = ""  # the end of it
    stdout_size: int = 0
    stderr: str = ""  # the end of it


def _tree(pid: int) -> list[int]:
    pids, stack = [], [pid]
    while stack:
        current = stack.pop()
        pids.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    stack.extend(int(c) for c in handle.read().split())
        except OSError:
            continue
    return pids


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


GNU_TIME = Path("/usr/bin/time")
TAIL = 64 * 1024  # of each output kept: the JSON lines the benchmark reads are at the end


def measure(command: list[str], env: dict[str, str] | None = None, timeout: float = 900) -> Measured:
    """Run `command`, returning wall time, exit code, peak RSS, its output's size and tail.

    The largest process's peak comes from GNU time when there is one: a child forked from this
    (larger) process inherits its high-water mark in ru_maxrss, one started by `time` does not."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile() as rss:
        timed = [str(GNU_TIME), "-f", "%M", "-o", rss.name, *command] if GNU_TIME.exists() else command
        start = time.perf_counter()
        process = subprocess.Popen(timed, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env)
        tree_peak = 0
        status = None
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > timeout:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                break
            if sys.platform == "linux":
                tree_peak = max(tree_peak, sum(_rss_kb(p) for p in _tree(process.pid)))
            time.sleep(0.02)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        max_rss = usage.ru_maxrss / 1024  # kilobytes on Linux
        if GNU_TIME.exists():
            # GNU time writes "Command exited with non-zero status N" first when it did.
            lines = Path(rss.name).read_text().split()
            max_rss = int(lines[-1]) / 1024 if lines and lines[-1].isdigit() else max_rss
        return Measured(seconds, process.returncode, max_rss, max(tree_peak / 1024, max_rss), *_tail(out), _tail(err)[0])


def _tail(handle) -> tuple[str, int]:  # type: ignore[no-untyped-def]
    """The last TAIL bytes of a file written by a child, and its size."""
    size = handle.seek(0, os.SEEK_END)
    handle.seek(max(0, size - TAIL))
    return handle.read().decode("utf-8", "replace"), size


def hrtracker_command() -> list[str]:
    """The installed entry point next to this Python, else `python -m hrtracker.cli`."""
    script = Path(sys.executable).with_name("hrtracker")
    return [str(script)] if script.exists() else [sys.executable, "-m", "hrtracker.cli"]


# -- the extractor in-process (run in a child so its memory is measured alone) -----------------


def _warm() -> None:
    from hrtracker.extract import extract
    from hrtracker.sources import RawDocument, make_document

    extract(make_document(RawDocument(source="warm", text="Police killed two protesters in Lima, Peru.", format="txt")))


def _extract_lines(lines: list[str]) -> tuple[int, int, int, float, float]:
    """(documents, bytes of normalized text, incidents, seconds in extract, seconds reading)."""
    from hrtracker.extract import extract
    from hrtracker.sources import RawDocument, make_document

    documents = size = incidents = 0
    extracting = reading = 0.0
    for line in lines:
        started = time.perf_counter()
        record = json.loads(line)
        document = make_document(RawDocument(source=record.get("id", "x"), text=record["text"], format="txt"))
        middle = time.perf_counter()
        incidents += len(extract(document))
        ended = time.perf_counter()
        reading += middle - started
        extracting += ended - middle
        documents += 1
        size += len(document.text.encode("utf-8"))
    return documents, size, incidents, extracting, reading


def _chunks(path: Path, size: int, limit: int | None) -> Iterator[list[str]]:
    chunk: list[str] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if limit is not None and number >= limit:
                break
            chunk.append(line)
            if len(chunk) >= size:
                yield chunk
                chunk = []
    if chunk:
        yield chunk


def extract_child(jsonl: Path, jobs: int, limit: int | None) -> None:
    """Child mode: extract over the JSONL, print the totals as JSON."""
    started = time.perf_counter()
    totals = [0, 0, 0, 0.0, 0.0]
    if jobs == 1:
        _warm()
        results: Iterator[tuple[int, int, int, float, float]] = map(_extract_lines, _chunks(jsonl, 64, limit))
        for result in results:
            totals = [a + b for a, b in zip(totals, result)]
    else:
        with ProcessPoolExecutor(max_workers=jobs, initializer=_warm) as pool:
            for result in pool.map(_extract_lines, _chunks(jsonl, 64, limit)):
                totals = [a + b for a, b in zip(totals, result)]
    wall = time.perf_counter() - started
    documents, size, incidents, extracting, reading = totals
    print(json.dumps({"documents": documents, "bytes": size, "incidents": incidents,
                      "extract_seconds": extracting, "read_seconds": reading, "wall": wall}))  # fmt: skip


# -- a database of a million incidents ----------------------------------------------------------

COUNTRIES = [
    ("Mexico", "MEX", 14), ("Colombia", "COL", 14), ("Brazil", "BRA", 10), ("Peru", "PER", 7),
    ("Venezuela", "VEN", 7), ("Honduras", "HND", 5), ("Guatemala", "GTM", 5), ("Ecuador", "ECU", 5),
    ("Nicaragua", "NIC", 4), ("El Salvador", "SLV", 4), ("Bolivia", "BOL", 4), ("Chile", "CHL", 4),
    ("Haiti", "HTI", 4), ("Argentina", "ARG", 3), ("Cuba", "CUB", 2), ("Paraguay", "PRY", 2),
    ("Iran", "IRN", 2), ("Kenya", "KEN", 2), ("Panama", "PAN", 1), ("Costa Rica", "CRI", 1),
]  # fmt: skip
SUBTYPES = {
    "abuse": ["killing", "excessive_force", "physical_attack", "arbitrary_detention", "torture",
              "enforced_disappearance", "threats_harassment", "restriction_of_freedoms"],
    "accountability_call": ["accountability", "investigation", "prosecution", "sanctions", "reform"],
}  # fmt: skip
PERPETRATORS = ["police", "military", "security_forces", "armed_group", "criminal_group", "unknown"]
VICTIMS = ["protesters", "civilians", "journalists", "human_rights_defenders", "social_leaders"]


def build_incident_db(path: Path, incidents: int, per_document: int = 4, seed: int = 7) -> float:
    """Write `incidents` synthetic incidents (and their documents) through the store's schema in
    one transaction; returns the seconds it took."""
    from hrtracker.store import INCIDENT_COLUMNS, Store

    started = time.perf_counter()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    store = Store(path)
    rng = random.Random(seed)
    now = datetime.now(UTC)
    first_day = date(2012, 1, 1)
    span_days = (date.today() - first_day).days
    names = [c[0] for c in COUNTRIES]
    codes = [c[1] for c in COUNTRIES]
    weights = [c[2] for c in COUNTRIES]
    documents = incidents // per_document
    doc_rows = []
    incident_rows = []
    columns = (*INCIDENT_COLUMNS, "created_at", "extractor_version")
    for d in range(documents):
        country = rng.choices(range(len(codes)), weights)[0]
        day = first_day + timedelta(days=rng.randrange(span_days))
        created = (now - timedelta(seconds=rng.randrange(730 * 86400))).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        doc_id = f"{d:016x}"
        sentences = []
        offset = 0
        for n in range(per_document):
            category = rng.choices(("protest_death", "abuse", "accountability_call"), (15, 60, 25))[0]
            subtype = rng.choice(SUBTYPES[category]) if category in SUBTYPES else None
            deadly = category == "protest_death" or subtype == "killing"
            deaths = rng.randint(1, 60) if deadly else None
            sentence = f"Synthetic incident {n} of document {d}: {category} {subtype or ''} in {names[country]}."
            start, end = offset, offset + len(sentence)
            offset = end + 1
            sentences.append(sentence)
            record = {
                "id": f"{doc_id}-{n}", "document_id": doc_id, "category": category, "subtype": subtype,
                "country": names[country], "country_code": codes[country],
                "deaths_low": deaths, "deaths_best": deaths, "deaths_high": None,
                "injured_low": rng.choice([None, None, rng.randint(1, 200)]), "injured_best": None, "injured_high": None,
                "arrested_low": rng.choice([None, None, None, rng.randint(1, 300)]), "arrested_best": None, "arrested_high": None,
                "period_start": (day + timedelta(days=rng.randint(-3, 0))).isoformat(), "period_end": None,
                "perpetrator": rng.choice(PERPETRATORS), "perpetrator_text": None,
                "victims": rng.choice(VICTIMS), "victims_text": None,
                "caller": "UN human rights office" if category == "accountability_call" else None,
                "target": "the government" if category == "accountability_call" else None,
                "demand": "investigate" if category == "accountability_call" else None,
                "evidence": sentence, "evidence_start": start, "evidence_end": end,
                "confidence": round(rng.uniform(0.4, 0.95), 2), "rules": json.dumps([f"{category}.synthetic"]),
            }  # fmt: skip
            incident_rows.append([*(record[c] for c in INCIDENT_COLUMNS), created, "bench"])
        doc_rows.append([doc_id, f"synthetic/{d}.txt", None, None, None, day.isoformat(), "txt",
                         " ".join(sentences), created, None])  # fmt: skip
    # A throwaway file: no rollback journal, no fsync, a large page cache for the indexes.
    store.conn.execute("PRAGMA journal_mode = OFF")
    store.conn.execute("PRAGMA synchronous = OFF")
    store.conn.execute("PRAGMA cache_size = -400000")
    with store.write():
        store.conn.executemany(
            "INSERT INTO documents (id, source, title, url, outlet, published, format, text, ingested_at, run_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            doc_rows,
        )
        store.conn.executemany(
            f"INSERT INTO incidents ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
            incident_rows,
        )
    store.conn.execute("ANALYZE")
    store.conn.execute("PRAGMA journal_mode = WAL")
    store.close()
    return time.perf_counter() - started


def group_incident_db(path: Path) -> float:
    """Group every incident of the database into stored events, as ingest does for what it
    stores (here all at once, from scratch); returns the seconds it took."""
    from hrtracker.report import refresh_events
    from hrtracker.store import Store

    started = time.perf_counter()
    with Store(path) as store:
        refresh_events(store)
        store.conn.execute("ANALYZE")
    return time.perf_counter() - started


# -- profile -----------------------------------------------------------------------------------


def profile_extractor(jsonl: Path, limit: int, top: int = 25) -> str:
    """cProfile of the extractor (documents prepared beforehand) on the first `limit` documents."""
    from hrtracker.extract import extract
    from hrtracker.sources import RawDocument, make_document

    _warm()
    documents = []
    for chunk in _chunks(jsonl, 1000, limit):
        for line in chunk:
            documents.append(make_document(RawDocument(source="x", text=json.loads(line)["text"], format="txt")))
    profiler = cProfile.Profile()
    profiler.enable()
    for document in documents:
        extract(document)
    profiler.disable()
    buffer = io.StringIO()
    stats = pstats.Stats(profiler, stream=buffer)
    buffer.write("By own time:\n")
    stats.sort_stats("tottime").print_stats(top)
    buffer.write("\nBy cumulative time, the extractor's own functions:\n")
    stats.sort_stats("cumulative").print_stats("hrtracker", top)
    buffer.write("\nWho calls the regular expressions (the top line above):\n")
    stats.sort_stats("tottime").print_callers(r"method 'search' of 're.Pattern'")
    text = "\n".join(line.rstrip() for line in buffer.getvalue().splitlines())
    # Paths are long and machine-specific: show them relative to the repository.
    text = text.replace(str(REPO) + "/", "")
    site = Path(os.__file__).parent
    return text.replace(str(site) + "/", "")


# -- the run -----------------------------------------------------------------------------------


@dataclass
class Row:
    what: str
    jobs: str = ""
    seconds: float | None = None
    mb_s: float | None = None
    docs_s: float | None = None
    max_rss: float | None = None
    tree_rss: float | None = None
    target: str = ""
    met: str = ""
    note: str = ""
    extra: dict[str, object] = field(default_factory=dict)


def _fmt(value: float | None, digits: int = 2) -> str:
    return "" if value is None else f"{value:,.{digits}f}"


def table(rows: list[Row]) -> str:
    header = ["measurement", "jobs", "seconds", "MB/s", "docs/s", "peak RSS MB (largest process)",
              "peak RSS MB (all processes)", "target", "met", "note"]  # fmt: skip
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for r in rows:
        cells = [r.what, r.jobs, _fmt(r.seconds, 3), _fmt(r.mb_s), _fmt(r.docs_s, 0), _fmt(r.max_rss, 0),
                 _fmt(r.tree_rss, 0), r.target, r.met, r.note]  # fmt: skip
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _yes(ok: bool) -> str:
    return "yes" if ok else "**no**"


def corpus_stats(corpus: Path) -> tuple[int, int]:
    documents = size = 0
    for path in (corpus / "docs").rglob("*.txt"):
        documents += 1
        size += path.stat().st_size
    return documents, size


def run_extractor(jsonl: Path, jobs: int, limit: int | None) -> Row:
    command = [sys.executable, str(Path(__file__)), "--extract-child", str(jsonl), "--jobs", str(jobs)]
    if limit:
        command += ["--limit", str(limit)]
    measured = measure(command)
    if measured.returncode != 0:
        return Row("extractor (in-process, JSONL)", str(jobs), note=f"failed: {measured.stderr.strip()[-200:]}")
    data = json.loads(measured.stdout.strip().splitlines()[-1])
    per_core = data["bytes"] / MB / data["extract_seconds"]
    row = Row(
        "extractor (in-process, JSONL)",
        str(jobs),
        data["wall"],
        data["bytes"] / MB / data["wall"],
        data["documents"] / data["wall"],
        measured.max_rss,
        measured.tree_rss,
        f">= {TARGETS['extractor_mb_s_per_core']:.0f} MB/s per core",
        _yes(per_core >= TARGETS["extractor_mb_s_per_core"]),
        f"{per_core:.1f} MB/s per core inside extract(); {data['incidents']:,} incidents from "
        f"{data['documents']:,} documents; reading+normalizing {data['read_seconds']:.1f} s",
    )
    row.extra = data
    return row


def run_ingest(folder: Path, jobs: int, size: int, documents: int, work: Path, label: str) -> Row:
    db = work / f"ingest-{label}-{jobs}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    command = [*hrtracker_command(), "ingest", "--db", str(db), "--jobs", str(jobs), "--json", str(folder)]
    measured = measure(command)
    if measured.returncode != 0:
        return Row(f"ingest {label} (end to end)", str(jobs), measured.seconds,
                   note=f"exit {measured.returncode}: {measured.stderr.strip()[-200:]}")  # fmt: skip
    tally = json.loads(measured.stdout.strip().splitlines()[-1])
    ok_time = measured.seconds < TARGETS["ingest_seconds_2_jobs"] if jobs == 2 else None
    ok_rss = measured.max_rss < TARGETS["peak_rss_mb"]
    return Row(
        f"ingest {label} (end to end)",
        str(jobs),
        measured.seconds,
        size / MB / measured.seconds,
        documents / measured.seconds,
        measured.max_rss,
        measured.tree_rss,
        (f"< {TARGETS['ingest_seconds_2_jobs']:.0f} s; " if jobs == 2 else "") + f"RSS < {TARGETS['peak_rss_mb']:.0f} MB",
        _yes(ok_rss and ok_time is not False),
        f"{tally['documents_new']:,} new, {tally['incidents_added']:,} incidents",
    )


def run_shards(jsonl: Path, size: int, documents: int, work: Path) -> list[Row]:
    """The README's recipe for large corpora: the filter `extract --format documents -` run over
    two shards at once (one process per core), then `ingest` of what it wrote (which adopts the
    incidents instead of extracting again). Two rows: the filter, the load."""
    shards = [work / "shard-0.jsonl", work / "shard-1.jsonl"]
    with jsonl.open(encoding="utf-8") as lines, shards[0].open("w", encoding="utf-8") as even, \
            shards[1].open("w", encoding="utf-8") as odd:  # fmt: skip
        for number, line in enumerate(lines):  # streamed: the corpus is never held whole
            (odd if number % 2 else even).write(line)
    outputs = [path.with_suffix(".extracted.jsonl") for path in shards]
    command = " & ".join(
        f"{' '.join(hrtracker_command())} extract --format documents - < {shard} > {out}"
        for shard, out in zip(shards, outputs)
    )
    measured = measure(["bash", "-c", f"{command} & wait"])
    rows = [
        Row("extract --format documents, 2 shards at once (the filter)", "2", measured.seconds,
            size / MB / measured.seconds, documents / measured.seconds, measured.max_rss, measured.tree_rss,
            note=f"{sum(p.stat().st_size for p in outputs) / MB:.0f} MB of extracted lines")  # fmt: skip
    ]
    db = work / "shards.db"
    loaded = measure([*hrtracker_command(), "ingest", "--db", str(db), "--jobs", "2", "--json", *map(str, outputs)])
    note = f"exit {loaded.returncode}: {loaded.stderr.strip()[-200:]}"
    if loaded.returncode == 0:
        tally = json.loads(loaded.stdout.strip().splitlines()[-1])
        note = f"{tally['documents_new']:,} new, {tally['incidents_added']:,} incidents, none extracted again"
    rows.append(Row("ingest of the extracted shards (the load)", "2", loaded.seconds, size / MB / loaded.seconds,
                    documents / loaded.seconds, loaded.max_rss, loaded.tree_rss, note=note))  # fmt: skip
    for path in (*shards, *outputs):
        path.unlink()
    return rows


_YEAR = re.compile(r"\b(?:19[0-9]{2}|20[0-9]{2})\b")


def run_nightly(docs: Path, db: Path, work: Path, recent: bool, count: int = 100) -> Row:
    """A nightly ingest of `count` new documents into the large database (a copy of it):
    extraction, writes and the regrouping of the stored events they touch. With `recent`, every
    year in the documents becomes the current one: a night of news about this year's events."""
    inbox = work / f"nightly-{'recent' if recent else 'as-is'}"
    inbox.mkdir(exist_ok=True)
    this_year = str(date.today().year)
    for path in sorted(docs.rglob("*.txt"))[:count]:
        text = path.read_text(encoding="utf-8")
        (inbox / path.name).write_text(_YEAR.sub(this_year, text) if recent else text, encoding="utf-8")
    copy = work / "nightly.db"
    shutil.copy(db, copy)
    measured = measure([*hrtracker_command(), "ingest", "--db", str(copy), "--jobs", "2", "--json", str(inbox)])
    copy.unlink()
    note = f"exit {measured.returncode}: {measured.stderr.strip()[-200:]}"
    if measured.returncode == 0:
        tally = json.loads(measured.stdout.strip().splitlines()[-1])
        note = f"{tally['documents_new']:,} new documents, {tally['incidents_added']:,} incidents; no target in the issue"
    what = "about this year's events" if recent else "as in the corpus (events from 2012 on)"
    return Row(f"nightly ingest into the 1M database: {count} documents {what}", "2", measured.seconds,
               max_rss=measured.max_rss, tree_rss=measured.tree_rss, note=note)  # fmt: skip


def run_command(what: str, arguments: list[str], target: float, repeat: int) -> Row:
    runs = [measure([*hrtracker_command(), *arguments], timeout=600)]
    if runs[0].seconds < 5:  # a slow command is measured once: its figure is clear enough
        runs += [measure([*hrtracker_command(), *arguments], timeout=600) for _ in range(repeat - 1)]
    failed = [r for r in runs if r.returncode != 0]
    seconds = statistics.median(r.seconds for r in runs)
    note = f"median of {len(runs)}; output {runs[-1].stdout_size:,} bytes"
    if failed:
        note = f"exit {failed[0].returncode}: {failed[0].stderr.strip()[-200:]}"
    return Row(
        what,
        "",
        seconds,
        max_rss=max(r.max_rss for r in runs),
        tree_rss=max(r.tree_rss for r in runs),
        target=f"< {target} s",
        met=_yes(seconds < target and not failed),
        note=note,
    )


def machine() -> str:
    cpu = platform.processor() or ""
    try:
        with open("/proc/cpuinfo") as handle:
            cpu = next((ln.split(":", 1)[1].strip() for ln in handle if ln.startswith("model name")), cpu)
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}, SQLite {__import__('sqlite3').sqlite_version}, {platform.system()}"


def revision() -> str:
    """The commit measured, marked when the package has uncommitted changes."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "hrtracker", "migrations"], cwd=REPO, capture_output=True, text=True).stdout.strip()
    except OSError:
        return "unknown revision"
    return f"commit {commit or 'unknown'}" + (" with uncommitted changes" if dirty else "")


def main() -> None:
    parser = argparse.ArgumentParser(description="hrtracker benchmark")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--incidents", type=int, default=1_000_000)
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents for the extractor")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-ingest", action="store_true")
    parser.add_argument("--skip-db", action="store_true")
    parser.add_argument("--profile-documents", type=int, default=2000)
    parser.add_argument("--profile-only", action="store_true")
    parser.add_argument("--results", type=Path, default=BENCH / "RESULTS.md")
    parser.add_argument("--extract-child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--build-db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()

    sys.path.append(str(REPO))
    if args.extract_child:
        extract_child(args.extract_child, args.jobs, args.limit)
        return
    if args.build_db:
        print(build_incident_db(args.build_db, args.incidents), group_incident_db(args.build_db))
        return
    jsonl = args.corpus / "corpus.jsonl"
    if not jsonl.exists():
        sys.exit(f"no corpus in {args.corpus}: run python bench/make_corpus.py first")
    if args.profile_only:
        print(profile_extractor(jsonl, args.profile_documents))
        return

    documents, size = corpus_stats(args.corpus)
    measured = revision()
    print(f"corpus: {documents:,} documents, {size / MB:.1f} MB; {machine()}; {measured}", flush=True)
    rows: list[Row] = []
    work = Path(tempfile.mkdtemp(prefix="hrtracker-bench-"))
    try:
        for jobs in (1, 2):
            rows.append(run_extractor(jsonl, jobs, args.limit))
            print(table(rows[-1:]).splitlines()[-1], flush=True)
        if not args.skip_ingest:
            for jobs in (1, 2):
                rows.append(run_ingest(args.corpus / "docs", jobs, size, documents, work, "10k .txt folder"))
                print(table(rows[-1:]).splitlines()[-1], flush=True)
            rows.append(run_ingest(jsonl, 2, size, documents, work, "10k JSONL file"))
            print(table(rows[-1:]).splitlines()[-1], flush=True)
            for row in run_shards(jsonl, size, documents, work):
                rows.append(row)
                print(table(rows[-1:]).splitlines()[-1], flush=True)
        if not args.skip_db:
            db = work / "incidents.db"
            # Built in a child: a parent holding a million rows would lend its memory to every
            # child it forks (ru_maxrss counts the pages shared before exec).
            building = measure([sys.executable, str(Path(__file__)), "--build-db", str(db), "--incidents", str(args.incidents)])
            if building.returncode != 0:
                sys.exit(f"building the database failed: {building.stderr.strip()[-500:]}")
            built, grouped = (float(x) for x in building.stdout.strip().splitlines()[-1].split())
            print(f"built {args.incidents:,} incidents in {built:.1f} s ({db.stat().st_size / MB:.0f} MB)", flush=True)
            rows.append(Row(f"group {args.incidents:,} incidents into stored events, from scratch", "", grouped,
                            note="once per database (migration, reextract); ingest regroups only what it touched"))  # fmt: skip
            print(table(rows[-1:]).splitlines()[-1], flush=True)
            base = ["--db", str(db)]
            month_ago = (date.today() - timedelta(days=30)).isoformat()
            for what, arguments in (
                ("report --country Peru (1M incidents)", ["report", "--country", "Peru", *base]),
                ("report --country Peru --format json (1M)", ["report", "--country", "Peru", "--format", "json", *base]),
                ("report --country Peru --format markdown (1M)", ["report", "--country", "Peru", "--format", "markdown", *base]),
                (f"report --country Peru --since {month_ago} (1M)", ["report", "--country", "Peru", "--since", month_ago, *base]),
                ("summary --since 24h (1M incidents: the nightly digest)", ["summary", "--since", "24h", *base]),
                ("summary --since 30d (1M incidents)", ["summary", "--since", "30d", *base]),
                ("countries (1M incidents)", ["countries", *base]),
            ):
                rows.append(run_command(what, arguments, TARGETS["query_seconds"], args.repeat))
                print(table(rows[-1:]).splitlines()[-1], flush=True)
            for recent in (False, True):
                rows.append(run_nightly(args.corpus / "docs", db, work, recent))
                print(table(rows[-1:]).splitlines()[-1], flush=True)
        rows.append(run_command("hrtracker --help (start-up)", ["--help"], TARGETS["help_seconds"], 5))
        print(table(rows[-1:]).splitlines()[-1], flush=True)
        profile = profile_extractor(jsonl, args.profile_documents)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    report = table(rows)
    print()
    print(report)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    args.results.write_text(
        f"# Benchmark results\n\n{stamp}; {machine()}; hrtracker at {measured}.\n\n"
        f"Corpus: {documents:,} documents, {size / MB:.1f} MB (`bench/make_corpus.py`, default seed); "
        f"query database: {args.incidents:,} synthetic incidents. Produced by `python bench/run.py`.\n\n"
        f"{report}\n\n## Where the extractor's time goes\n\n"
        f"cProfile over the first {args.profile_documents:,} documents, sorted by own time:\n\n```\n{profile.strip()}\n```\n",
        encoding="utf-8",
    )
    print(f"\nwritten to {args.results}")


if __name__ == "__main__":
    main()
