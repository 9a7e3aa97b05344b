"""Unbreakable: ingest survives kill -9, concurrent runs, and hostile files beside good ones.

Every test runs the real command in subprocesses on small corpora made in tmp_path from the
fixture articles. Database upgrades are covered in test_store.py."""

from __future__ import annotations

import io
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from hrtracker.extract import extract
from hrtracker.sources import RawDocument, iter_inputs, make_document

REPO = Path(__file__).resolve().parent.parent
ARTICLES = REPO / "fixtures" / "articles"


def hrtracker() -> list[str]:
    """The installed command next to this Python, else the module."""
    script = Path(sys.executable).with_name("hrtracker")
    return [str(script)] if script.exists() else [sys.executable, "-m", "hrtracker.cli"]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """The subprocesses' environment: no user data directory or database of the person running
    the tests, and output buffered as in any pipe."""
    environment = {k: v for k, v in os.environ.items() if k not in ("HRTRACKER_DB", "PYTHONUNBUFFERED")}
    environment["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    environment["HOME"] = str(tmp_path / "home")
    return environment


def articles() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))]
    assert len(texts) >= 20
    return texts


def make_corpus(folder: Path, count: int, first: int = 0) -> list[Path]:
    """`count` distinct articles (numbered from `first`, the same number giving the same text in
    any folder): fixture texts with their paragraphs after the lead rotated and a closing line."""
    texts = articles()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(first, first + count):
        paragraphs = texts[number % len(texts)].strip().split("\n\n")
        turn = (number // len(texts)) % max(1, len(paragraphs) - 2)
        body = paragraphs[2:]
        body = body[turn:] + body[:turn]
        text = "\n\n".join([*paragraphs[:2], *body, f"Archive reference {number}."])
        path = folder / f"article_{number:04d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def run(args: list[str], env: dict[str, str], timeout: float = 300, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([*hrtracker(), *args], env=env, capture_output=True, text=True, timeout=timeout, **kwargs)


def stored(db: Path) -> dict[str, frozenset[str]]:
    """{document id: its incident ids} (documents without incidents included)."""
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT d.id, i.id FROM documents d LEFT JOIN incidents i ON i.document_id = d.id"
        ).fetchall()
    finally:
        conn.close()
    result: dict[str, set[str]] = {}
    for document, incident in rows:
        result.setdefault(document, set())
        if incident is not None:
            result[document].add(incident)
    return {k: frozenset(v) for k, v in result.items()}


def integrity(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def _has_documents_table(db: Path) -> bool:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'documents'").fetchone() is not None
    finally:
        conn.close()


# -- kill -9 ---------------------------------------------------------------------------------


def test_kill_9_at_random_moments_loses_nothing(tmp_path, env):
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 360)
    reference_db = tmp_path / "reference.db"
    started = time.perf_counter()
    reference_run = run(["ingest", "--db", str(reference_db), "--jobs", "1", "--quiet", str(corpus)], env)
    duration = time.perf_counter() - started
    assert reference_run.returncode == 0, reference_run.stderr
    reference = stored(reference_db)
    assert len(reference) == 360 and sum(1 for v in reference.values() if v) > 50

    db = tmp_path / "killed.db"
    rng = random.Random(20240)
    kills = attempts = 0
    while kills < 8 and attempts < 30:
        jobs = "1" if attempts % 2 == 0 else "2"
        attempts += 1
        started = time.perf_counter()
        process = subprocess.Popen(
            [*hrtracker(), "ingest", "--db", str(db), "--jobs", jobs, "--quiet", str(corpus)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        try:
            process.wait(timeout=rng.uniform(0.05, 0.5) * duration)
            # It finished first: every rerun has less left to do, so aim earlier from now on.
            duration = time.perf_counter() - started
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # the whole group: the workers die too
            process.wait()
            kills += 1
        if not db.exists():
            continue
        assert integrity(db) == "ok"
        if not _has_documents_table(db):
            continue  # killed before the first schema step committed: the next run creates it
        # Whatever was written is whole: every stored document has exactly its incidents.
        for document, incidents in stored(db).items():
            assert incidents == reference[document], document
    assert kills == 8

    final = run(["ingest", "--db", str(db), "--jobs", "2", "--quiet", str(corpus)], env)
    assert final.returncode == 0, final.stderr
    assert integrity(db) == "ok"
    assert stored(db) == reference


# -- concurrency -------------------------------------------------------------------------------


def _report_loop(db: Path, env: dict[str, str], stop: threading.Event, results: list) -> None:
    while not stop.is_set():
        results.append(run(["report", "--db", str(db), "--country", "Peru", "--format", "json"], env))


def test_two_ingests_at_once_with_a_report_beside(tmp_path, env):
    first, second = tmp_path / "first", tmp_path / "second"
    make_corpus(first, 120, first=0)
    make_corpus(second, 120, first=60)  # 60 articles in both folders
    reference_db = tmp_path / "reference.db"
    assert run(["ingest", "--db", str(reference_db), "--jobs", "1", str(first), str(second)], env).returncode == 0
    reference = stored(reference_db)
    assert len(reference) == 180

    db = tmp_path / "shared.db"  # not created yet: the first runs race to create and migrate it
    stop = threading.Event()
    reports: list[subprocess.CompletedProcess] = []
    beside = threading.Thread(target=_report_loop, args=(db, env, stop, reports))
    beside.start()
    ingests = [
        subprocess.Popen(
            [*hrtracker(), "ingest", "--db", str(db), "--jobs", jobs, "--json", str(folder)],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        for folder, jobs in ((first, "1"), (second, "2"))
    ]
    outputs = [process.communicate(timeout=300) for process in ingests]
    stop.set()
    beside.join(timeout=120)

    for process, (_, stderr) in zip(ingests, outputs):
        assert process.returncode == 0, stderr
        assert "locked" not in stderr.lower() and "Traceback" not in stderr
    assert reports and all(r.returncode == 0 for r in reports), [r.stderr for r in reports if r.returncode]
    assert not any("locked" in r.stderr.lower() for r in reports)
    tallies = [json.loads(stdout.strip().splitlines()[-1]) for stdout, _ in outputs]
    assert sum(t["documents_new"] for t in tallies) == 180
    assert sum(t["documents_existing"] for t in tallies) == 60
    assert stored(db) == reference  # nothing twice, nothing lost
    assert integrity(db) == "ok"


_STORE_INGEST = """
import json, sys
from hrtracker.ingest import run_ingest
from hrtracker.store import Store
store = Store(sys.argv[1])
tally = run_ingest(sys.argv[2:], store, jobs=1)
store.close()
print(json.dumps(tally.as_dict()))
"""


def test_concurrent_writers_without_the_run_lock(tmp_path, env):
    """The run lock serializes `hrtracker ingest`; below it, SQLite alone must keep two writers
    that share documents safe (library users, or a lock file on a filesystem without flock)."""
    first, second = tmp_path / "first", tmp_path / "second"
    make_corpus(first, 80, first=0)
    make_corpus(second, 80, first=40)
    db = tmp_path / "shared.db"
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", _STORE_INGEST, str(db), str(folder)],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        for folder in (first, second, first)
    ]
    outputs = [writer.communicate(timeout=300) for writer in writers]
    for writer, (_, stderr) in zip(writers, outputs):
        assert writer.returncode == 0, stderr
    tallies = [json.loads(stdout.strip().splitlines()[-1]) for stdout, _ in outputs]
    assert sum(t["documents_new"] for t in tallies) == 120
    documents = stored(db)
    assert len(documents) == 120
    conn = sqlite3.connect(db)
    incidents = conn.execute("SELECT COUNT(*), COUNT(DISTINCT id) FROM incidents").fetchone()
    conn.close()
    assert incidents[0] == incidents[1] == sum(len(v) for v in documents.values())
    assert integrity(db) == "ok"


# -- hostile and broken files --------------------------------------------------------------------

GOOD = (
    "LIMA, Jan 10 (Reuters) - At least 17 protesters were killed on Monday in clashes with police "
    "in the southern city of Juliaca, Peru's ombudsman said."
)


def test_hostile_and_broken_files_beside_good_ones(tmp_path, env):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "good_1.txt").write_text(GOOD, encoding="utf-8")
    (folder / "good_2.md").write_text("# Colombia\n\n" + GOOD.replace("Juliaca, Peru", "Cali, Colombia"), encoding="utf-8")
    # Decoded and stored:
    (folder / "broken_utf8.txt").write_bytes(GOOD.replace("17", "18").encode("utf-8") + b" Caf\xe9 \xff\xfe ok.")
    (folder / "latin1.txt").write_bytes(("Perú: " + GOOD.replace("17", "19")).encode("latin-1"))
    (folder / "utf16.txt").write_bytes(("Perú: " + GOOD.replace("17", "20")).encode("utf-16"))
    sentence = "The regional council met on Tuesday to discuss the budget for roads and schools "
    (folder / "one_line.txt").write_text(GOOD + " " + sentence * (5_000_000 // len(sentence)), encoding="utf-8")
    (folder / "nested.html").write_text(
        "<html><body>" + "<div>" * 5000 + f"<p>{GOOD.replace('17', '21')}</p>" + "</div>" * 5000 + "</body></html>",
        encoding="utf-8",
    )
    records = [json.dumps({"text": GOOD.replace("17", str(n)), "title": f"record {n}"}) for n in (22, 23)]
    (folder / "feed.jsonl").write_text(f"{records[0]}\n{{broken json\n{records[1]}\n", encoding="utf-8")
    stored_files = 9  # good_1, good_2, broken_utf8, latin1, utf16, one_line, nested, 2 records

    # Refused, one line each:
    expected: dict[str, str] = {}
    (folder / "random.txt").write_bytes(random.Random(7).randbytes(20_000))
    expected["random.txt"] = "binary"
    (folder / "empty.txt").write_bytes(b"")
    expected["empty.txt"] = "empty"
    with (folder / "huge.txt").open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: 100 MB on paper, nothing on disk
    expected["huge.txt"] = "100 MB"
    expected["feed.jsonl:2"] = "invalid JSON"
    (folder / "table.csv").write_text("title,body\nA,B\n", encoding="utf-8")
    expected["table.csv"] = "no 'text' column"
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    expected["loop.txt"] = "link"
    (folder / "subfolder").mkdir()
    (folder / "subfolder" / "up").symlink_to(folder)  # a folder loop: walked once, no error
    if os.geteuid() != 0:  # root reads anything
        (folder / "locked.txt").write_text(GOOD, encoding="utf-8")
        (folder / "locked.txt").chmod(0)
        expected["locked.txt"] = "permission denied"
    missing = tmp_path / "does_not_exist.txt"
    expected["does_not_exist.txt"] = "no such file"

    db = tmp_path / "hostile.db"
    started = time.perf_counter()
    result = run(["ingest", "--db", str(db), "--jobs", "2", "--json", str(folder), str(missing)], env)
    elapsed = time.perf_counter() - started
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert all(line.startswith("error: ") for line in errors), errors
    for name, reason in expected.items():
        lines = [line for line in errors if f"{name}:" in line or line.endswith(name)]
        assert len(lines) == 1, (name, errors)
        assert reason.lower() in lines[0].lower(), (name, lines[0])
    assert len(errors) == len(expected), errors
    tally = json.loads(result.stdout.strip().splitlines()[-1])
    assert tally["failed"] == len(expected)
    conn = sqlite3.connect(db)
    sources = [row[0] for row in conn.execute("SELECT source FROM documents")]
    texts = [row[0] for row in conn.execute("SELECT text FROM documents")]
    conn.close()
    assert len(sources) == stored_files, sources
    assert any("Perú" in text for text in texts)  # Latin-1 and UTF-16 decoded, not mangled
    assert elapsed < 120


def test_a_file_vanishing_mid_walk_is_one_error(tmp_path, env):
    """A file listed by the walk but gone (or turned into a folder) when read."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (folder / "folder.txt").mkdir()  # a folder named like a file
    (folder / "folder.txt" / "inner.txt").write_text(GOOD.replace("17", "30"), encoding="utf-8")
    result = run(["ingest", "--db", str(tmp_path / "v.db"), "--jobs", "1", str(folder)], env)
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode == 1 and len(errors) == 1 and "dangling.txt" in errors[0], result.stderr
    assert "2 new" in result.stdout


# -- the streaming filter ----------------------------------------------------------------------


def test_extract_jsonl_filter_on_stdin(env):
    """`hrtracker extract --format jsonl -`: JSONL documents in, one incident record per line
    out, each document's records written as soon as it is read."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("en_0*.txt"))[:3]]
    lines = [json.dumps({"text": text, "url": f"https://example.org/{n}"}) for n, text in enumerate(texts)]
    expected = []
    for item in iter_inputs(["-"], stdin=io.StringIO("\n".join(lines) + "\n")):
        assert isinstance(item, RawDocument)
        expected.extend(incident.id for incident in extract(make_document(item)))
    assert expected

    process = subprocess.Popen(
        [*hrtracker(), "extract", "--format", "jsonl", "-"],
        env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stdin and process.stdout
    # One document in, its records out, while stdin is still open: a filter, not a batch.
    process.stdin.write(lines[0] + "\n")
    process.stdin.flush()
    first_line: list[str] = []
    reader = threading.Thread(target=lambda: first_line.append(process.stdout.readline()))
    reader.start()
    reader.join(timeout=30)
    streamed = bool(first_line and first_line[0])
    if not streamed:
        process.kill()
        process.communicate()
    assert streamed, "no output before stdin was closed: records are not flushed per document"
    # Read on through the same buffered stream (communicate() would skip what it buffered).
    process.stdin.write("\n".join(lines[1:]) + "\n")
    process.stdin.close()
    rest = process.stdout.read()
    errors = process.stderr.read() if process.stderr else ""
    assert process.wait(timeout=120) == 0, errors
    records = [json.loads(line) for line in (first_line[0] + rest).splitlines()]
    assert [r["id"] for r in records] == expected
    for record in records:
        assert {"id", "document_id", "category", "evidence", "evidence_start", "rules"} <= set(record)
