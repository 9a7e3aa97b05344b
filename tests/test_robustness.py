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
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    expected["deep.json"] = "nested too deeply"  # json.loads recurses: once a traceback
    os.mkfifo(folder / "pipe.txt")  # reading it would wait for a writer forever
    expected["pipe.txt"] = "not a regular file"
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


def _corpus_lines() -> list[str]:
    """The fixture articles as JSONL documents, half of them with a URL and a date."""
    lines = []
    for n, path in enumerate(sorted(ARTICLES.glob("*.txt"))):
        record: dict[str, str] = {"text": path.read_text(encoding="utf-8"), "title": path.stem}
        if n % 2:
            record |= {"url": f"https://example.org/{n}", "published": "2023-03-0" + str(n % 9 + 1)}
        lines.append(json.dumps(record, ensure_ascii=False))
    return lines


def _database(db: Path) -> tuple[list[tuple], list[tuple]]:
    """Documents and incidents as stored, less where and when each was read."""
    conn = sqlite3.connect(db)
    try:
        documents = conn.execute("SELECT id, title, url, outlet, published, format, text FROM documents ORDER BY id").fetchall()
        columns = [row[1] for row in conn.execute("PRAGMA table_info(incidents)")]
        kept = [c for c in columns if c not in ("source", "created_at")]
        incidents = conn.execute(f"SELECT {', '.join(kept)} FROM incidents ORDER BY id").fetchall()
    finally:
        conn.close()
    return documents, incidents


def test_extracted_shards_load_with_ingest_without_extracting_again(tmp_path, env, monkeypatch):
    """The recipe for millions of documents: `extract --format documents -` over shards (in
    parallel, anywhere), then `ingest` of its output stores exactly what `ingest` of the
    documents would, and extracts nothing again. A line whose incidents do not check out (an
    edited record, another extractor version) is extracted again: same result."""
    from hrtracker import extract as extract_package
    from hrtracker.ingest import run_ingest
    from hrtracker.store import Store

    lines = _corpus_lines()
    corpus = tmp_path / "articles.jsonl"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    direct = tmp_path / "direct.db"
    assert run(["ingest", "-q", "--db", str(direct), str(corpus)], env).returncode == 0

    shards = []
    for number, shard in enumerate((lines[::2], lines[1::2])):  # two shards, two filters
        filtered = run(["extract", "--format", "documents", "-"], env, input="\n".join(shard) + "\n")
        assert filtered.returncode == 0, filtered.stderr
        path = tmp_path / f"part-{number}.extracted.jsonl"
        path.write_text(filtered.stdout, encoding="utf-8")
        shards.append(path)
    records = [json.loads(line) for path in shards for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(records) == len(lines) and sum(len(r["incidents"]) for r in records) > 50

    real_extract = extract_package.extract
    extracted_again: list[str] = []

    def counting(document):
        extracted_again.append(document.id)
        return real_extract(document)

    monkeypatch.setattr(extract_package, "extract", counting)
    loaded = tmp_path / "loaded.db"
    with Store(loaded) as store:
        tally = run_ingest([str(path) for path in shards], store, jobs=1)
    assert tally.failed == 0 and tally.documents_new == len(lines)
    assert extracted_again == []
    assert _database(loaded) == _database(direct)

    # Tampered lines: an incident moved off its evidence, a count changed, another version.
    records[0]["incidents"][0]["evidence_start"] += 1
    with_deaths = next(r for r in records if any(i["deaths_low"] for i in r["incidents"]))
    next(i for i in with_deaths["incidents"] if i["deaths_low"])["deaths_low"] += 1
    records[-1]["extractor_version"] = "0"
    tampered = tmp_path / "tampered.jsonl"
    tampered.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    again = tmp_path / "again.db"
    with Store(again) as store:
        run_ingest([str(tampered)], store, jobs=1)
    assert sorted(extracted_again) == sorted({records[0]["id"], with_deaths["id"], records[-1]["id"]})
    assert _database(again) == _database(direct)


def _sources(db: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT id, source FROM documents ORDER BY id").fetchall()
    finally:
        conn.close()


def test_extracted_lines_keep_the_file_they_were_read_from_as_source(tmp_path, env):
    """A document without a URL is traced to the file it was read from: the filter run on a
    file writes it beside the incidents (`origin`), and the load keeps it as the source, as a
    direct ingest of that file would, rather than the name of the file of extracted lines."""
    corpus = tmp_path / "articles.jsonl"
    corpus.write_text("\n".join(_corpus_lines()) + "\n", encoding="utf-8")
    direct = tmp_path / "direct.db"
    assert run(["ingest", "-q", "--db", str(direct), str(corpus)], env).returncode == 0
    filtered = run(["extract", "--format", "documents", str(corpus)], env)
    assert filtered.returncode == 0, filtered.stderr
    extracted = tmp_path / "articles.extracted.jsonl"
    extracted.write_text(filtered.stdout, encoding="utf-8")
    loaded = tmp_path / "loaded.db"
    assert run(["ingest", "-q", "--db", str(loaded), str(extracted)], env).returncode == 0
    sources = _sources(loaded)
    assert sources == _sources(direct)
    assert {source for _, source in sources if not source.startswith("https://")} == {str(corpus)}


def test_a_document_the_extractor_fails_on_costs_only_that_document(tmp_path, monkeypatch):
    """An extractor bug met by one article in the night's folder: that article is one error
    naming it (and is not stored, so a fixed version reads it next time); the rest is stored."""
    from hrtracker import extract as extract_package
    from hrtracker.ingest import run_ingest
    from hrtracker.store import Store

    real = extract_package.extract

    def fragile(document):
        if "Trujillo" in document.text:
            raise IndexError("list index out of range")
        return real(document)

    monkeypatch.setattr(extract_package, "extract", fragile)
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b.txt").write_text(GOOD.replace("Juliaca", "Trujillo"), encoding="utf-8")
    (folder / "c.txt").write_text(GOOD.replace("17", "18"), encoding="utf-8")
    errors: list[str] = []
    with Store(tmp_path / "x.db") as store:
        tally = run_ingest([str(folder)], store, jobs=1, on_error=lambda e: errors.append(str(e)))
        stored = sorted(Path(row[0]).name for row in store.conn.execute("SELECT source FROM documents").fetchall())
    assert errors == [f"{folder / 'b.txt'}: the extractor failed on it (IndexError: list index out of range)"]
    assert (tally.documents_new, tally.failed) == (2, 1)
    assert stored == ["a.txt", "c.txt"]


# -- a full disk -------------------------------------------------------------------------------

_FULL_DISK = """
import sqlite3, sys
from hrtracker import store
from hrtracker.cli import main

opened = store.Store.__init__
extra = int(sys.argv.pop(1))

def small_disk(self, *args, **kwargs):
    opened(self, *args, **kwargs)
    pages = self.conn.execute("PRAGMA page_count").fetchone()[0]
    # The file may grow by this many pages, then every write fails with SQLITE_FULL,
    # as on a disk that has filled up.
    self.conn.execute(f"PRAGMA max_page_count = {pages + extra}")

store.Store.__init__ = small_disk
sys.argv[0] = "hrtracker"
main()
"""


def _pages(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return int(conn.execute("PRAGMA page_count").fetchone()[0])
    finally:
        conn.close()


def test_a_full_disk_mid_ingest_is_one_line_and_the_rerun_completes(tmp_path, env):
    """The disk fills up in the middle of a nightly ingest: one error line naming the database
    (no traceback), exit code 1, a database that passes integrity_check with every stored
    document complete; once there is room, the same command gives what an uninterrupted run
    gives."""
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 150)
    reference = tmp_path / "reference.db"
    assert run(["ingest", "-q", "--jobs", "1", "--db", str(reference), str(corpus)], env).returncode == 0
    db = tmp_path / "full.db"
    assert run(["ingest", "-q", "--db", str(db), str(corpus / "article_0000.txt")], env).returncode == 0
    script = tmp_path / "full_disk.py"
    script.write_text(_FULL_DISK, encoding="utf-8")
    # Room for about half of what the whole corpus takes: the disk fills up mid-way.
    room = (_pages(reference) - _pages(db)) // 2
    result = subprocess.run(
        [sys.executable, str(script), str(room), "ingest", "--jobs", "1", "--db", str(db), str(corpus)],
        env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(f"error: {db}: database or disk is full"), lines
    assert integrity(db) == "ok"
    partial, complete = stored(db), stored(reference)
    assert 1 < len(partial) < len(complete)  # the disk filled up part of the way through
    assert all(partial[document] == complete[document] for document in partial)
    rerun = run(["ingest", "-q", "--db", str(db), str(corpus)], env)
    assert rerun.returncode == 0, rerun.stderr
    assert stored(db) == complete
    assert integrity(db) == "ok"
