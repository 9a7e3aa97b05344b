"""Living with hrtracker from cron: a simulated week of nightly `ingest` + `summary` runs, the
lock that keeps two runs on one database from overlapping, and the crontab line the README
shows, run under /bin/sh as cron runs it."""

from __future__ import annotations

import json
import re
import select
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hrtracker.cli import app

REPO = Path(__file__).resolve().parent.parent
HRTRACKER = [sys.executable, "-m", "hrtracker.cli"]

# What a user saves to the inbox folder, night by night (None: a night with nothing new).
WEEK: list[dict[str, str | bytes] | None] = [
    {  # Monday
        "peru-ombudsman.txt": "January 10, 2023\n\nLIMA, Jan 10 (Reuters) - At least 49 people have been killed in "
        "protests across Peru since December, the ombudsman's office said on Tuesday, after 17 died in clashes "
        "with police in the southern city of Juliaca on Monday.",
        "colombia-protestas.txt": "Bogotá, 6 de mayo de 2021. Al menos 24 personas murieron durante las protestas "
        "contra la reforma tributaria en Colombia, según organizaciones de derechos humanos. La ONU pidió a las "
        "autoridades colombianas investigar las muertes y sancionar a los responsables.",
    },
    {  # Tuesday: a new source raises the Peru toll; a Spanish call for accountability
        "peru-ap.txt": "January 12, 2023\n\nLIMA, Jan 12 (AP) - At least 50 people have been killed in protests "
        "across Peru since December, the ombudsman's office said on Thursday, after a police officer was burned "
        "to death in Juliaca.",
        "peru-cnddhh.txt": "Lima, 13 de enero de 2023. La Coordinadora Nacional de Derechos Humanos exigió al "
        "Ministerio Público investigar a los policías y militares responsables de las muertes en Juliaca y "
        "sancionar a los culpables.",
    },
    None,  # Wednesday: nothing saved
    {  # Thursday: a download that went wrong, and a Spanish report from El Salvador
        "broken.txt": b"\x00\x01\x02PK\x03\x04" + bytes(range(256)) * 4,
        "elsalvador.txt": "San Salvador, 20 de enero de 2023. Agentes de la Policía Nacional Civil detuvieron "
        "arbitrariamente a 12 sindicalistas que protestaban frente a la Asamblea Legislativa, denunció la "
        "organización Cristosal.",
    },
    {  # Friday: the broken file was deleted after Thursday's mail; a call on Nicaragua
        "nicaragua.txt": "January 24, 2023\n\nWASHINGTON (Reuters) - Human Rights Watch urged the European Union on "
        "Tuesday to impose sanctions on Nicaraguan officials responsible for the arbitrary detention of more "
        "than 200 opposition members and journalists.",
    },
    {  # Saturday: a web page repeating the Peru toll, and the AP story saved a second time
        "andina.html": "<!DOCTYPE html><html><head><title>Peru protest toll reaches 50</title>"
        '<meta property="og:site_name" content="Andina Watch">'
        '<meta property="article:published_time" content="2023-01-13"></head><body><nav>Home | World</nav>'
        "<article><h1>Peru protest toll reaches 50</h1><p>LIMA - At least 50 people have been killed in "
        "protests across Peru since December, according to the ombudsman's office.</p></article>"
        "<footer>© Andina Watch</footer></body></html>",
        "peru-ap-copy.txt": "January 12, 2023\n\nLIMA, Jan 12 (AP) -  At least 50 people have been killed in "
        "protests across Peru since December, the ombudsman's office said on Thursday, after a police officer "
        "was burned to death in Juliaca.\n",
    },
    {  # Sunday: a JSONL export of a feed reader, Spanish and English
        "feed.jsonl": json.dumps({"title": "Colombia: sube a 26 la cifra de muertos", "url": "https://example.org/co/26",
                                  "published": "2021-05-07", "text": "Al menos 26 personas murieron durante las "
                                  "protestas contra la reforma tributaria en Colombia, según la Defensoría del Pueblo."},
                                 ensure_ascii=False)
        + "\n"
        + json.dumps({"title": "Ecuador strike", "url": "https://example.org/ec/1", "published": "2022-06-25",
                      "text": "QUITO, June 25 (Reuters) - Two protesters were killed in clashes with police in Puyo, "
                      "Ecuador, the ombudsman said on Saturday, as the indigenous-led strike entered its second week."})
        + "\n",
    },
]  # fmt: skip


def _save(inbox: Path, files: dict[str, str | bytes] | None) -> None:
    for name, content in (files or {}).items():
        path = inbox / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def _countries(digest: str) -> list[str]:
    """The country headings of a plain-text digest (a name underlined with dashes)."""
    lines = digest.splitlines()
    return [lines[i - 1] for i, line in enumerate(lines) if i and line and set(line) == {"-"}]


def test_a_week_of_nightly_runs(tmp_path):
    runner = CliRunner()
    db = tmp_path / "hr.db"
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    nights = []
    for files in WEEK:
        _save(inbox, files)
        if files is not None and "nicaragua.txt" in files:
            (inbox / "broken.txt").unlink()  # the user read Thursday's error and removed it
        ingest = runner.invoke(app, ["ingest", "--db", str(db), "--quiet", "--jobs", "1", str(inbox)])
        summary = runner.invoke(app, ["summary", "--db", str(db)])
        assert summary.exit_code == 0, summary.output
        nights.append((ingest, summary.stdout))

    monday, tuesday, wednesday, thursday, friday, saturday, sunday = nights
    # --quiet: nothing on a good night; errors only on a bad one.
    assert [n[0].exit_code for n in nights] == [0, 0, 0, 1, 0, 0, 0]
    assert [n[0].stdout for n in nights if n[0].exit_code == 0] == [""] * 6
    assert thursday[0].stderr.count("\n") == 1 and "broken.txt" in thursday[0].stderr

    digest = monday[1]
    assert re.match(r"hrtracker summary: 2 new documents, \d+ new incidents since the start\n", digest)
    assert sorted(_countries(digest)) == ["Colombia", "Peru"]
    assert "- New deaths: 2022-12 – 2023-01-10 · at least 49" in digest
    assert "- New deaths: 2021-05-06 · at least 24 · personas" in digest
    assert "- New calls for accountability: 2021-05-06 · investigation · La ONU → autoridades colombianas" in digest
    assert not [line for line in digest.splitlines() if line.startswith("* ")]  # nothing known to change

    digest = tuesday[1]
    assert re.match(r"hrtracker summary: 2 new documents, 2 new incidents since \d{4}-\d\d-\d\d \d\d:\d\d UTC\n", digest)
    assert _countries(digest) == ["Peru"]
    peru = digest.split("Peru\n----\n")[1].splitlines()
    # The changed figure leads, then the new call; the AP story is a new source, not new deaths.
    assert peru[0] == "* Peru protest deaths: 49 → 50, new source (2022-12 – 2023-01-12)"
    assert peru[1].startswith("- New calls for accountability: 2023-01-13 · investigation · La Coordinadora Nacional")
    assert "New deaths" not in digest and "- New source on a known event: 2022-12 – 2023-01-12 · at least 50" in digest

    assert re.fullmatch(r"Nothing new since \d{4}-\d\d-\d\d \d\d:\d\d UTC\.\n", wednesday[1])

    digest = thursday[1]
    assert re.match(r"hrtracker summary: 1 new documents, \d+ new incidents", digest)
    assert _countries(digest) == ["El Salvador"] and "Other new abuses: " in digest and "arbitrary_detention" in digest

    assert _countries(friday[1]) == ["Nicaragua"]
    assert "New calls for accountability: 2023-01-24 · sanctions · Human Rights Watch → European Union" in friday[1]

    # The same toll from one more source, and a copy already stored: an update, no changed line.
    digest = saturday[1]
    assert digest.startswith("hrtracker summary: 1 new documents, 1 new incidents")
    assert "* " not in digest and "New source on a known event: 2022-12 – 2023-01-13 · at least 50" in digest

    digest = sunday[1]
    assert sorted(_countries(digest)) == ["Colombia", "Ecuador"]
    assert "* Colombia protest deaths: 24 → 26, new source" in digest
    assert "- New deaths: 2022-06-25 · 2 · police · protesters" in digest

    runs = [json.loads(line) for line in runner.invoke(app, ["runs", "--db", str(db), "--json"]).stdout.splitlines()]
    runs.reverse()  # newest first → in order of the nights
    table = [(r["files_seen"], r["documents_new"], r["documents_existing"], r["failed"]) for r in runs]
    assert table == [(2, 2, 0, 0), (4, 2, 2, 0), (4, 0, 4, 0), (6, 1, 4, 1), (6, 1, 5, 0), (8, 1, 7, 0), (9, 2, 8, 0)]
    assert all(r["ended_at"] >= r["started_at"] for r in runs)
    readable = runner.invoke(app, ["runs", "--db", str(db)], env={"COLUMNS": "200"}).stdout
    assert "Already stored" in readable and "(unfinished)" not in readable

    # Any night's digest can be had again for a period, in any format, without moving the mark.
    week = json.loads(runner.invoke(app, ["summary", "--db", str(db), "--since", "7d", "--format", "json"]).stdout)
    assert week["nothing_new"] is False and week["since"] and week["new_documents"] == 9
    assert {c["country"] for c in week["countries"]} == {"Peru", "Colombia", "El Salvador", "Nicaragua", "Ecuador"}
    markdown = runner.invoke(app, ["summary", "--db", str(db), "--since", "2020-01-01", "--format", "markdown"]).stdout
    assert markdown.startswith("# hrtracker summary: 9 new documents") and "## Peru" in markdown
    assert runner.invoke(app, ["summary", "--db", str(db)]).stdout.startswith("Nothing new since")


# -- two runs on one database ---------------------------------------------------------------------

HOLD_LOCK = """
import sys
from pathlib import Path
from hrtracker.lock import exclusive
with exclusive(Path(sys.argv[1]), sys.argv[2]):
    print("held", flush=True)
    sys.stdin.readline()
"""


@pytest.fixture
def hold(tmp_path):
    """hold(db, command): a process that holds db's lock until released with .release()."""
    holders = []

    class Holder:
        def __init__(self, db: Path, command: str) -> None:
            self.process = subprocess.Popen(
                [sys.executable, "-c", HOLD_LOCK, str(db), command],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
            )  # fmt: skip
            assert self.process.stdout.readline() == "held\n"
            self.pid = self.process.pid

        def release(self) -> None:
            self.process.stdin.close()
            assert self.process.wait(timeout=30) == 0

    def start(db: Path, command: str = "ingest") -> Holder:
        holder = Holder(db, command)
        holders.append(holder)
        return holder

    yield start
    for holder in holders:
        if holder.process.poll() is None:
            holder.process.kill()
            holder.process.wait()


def _inbox(tmp_path: Path, count: int) -> Path:
    inbox = tmp_path / "inbox"
    inbox.mkdir(exist_ok=True)
    for n in range(count):
        (inbox / f"a{n:03}.txt").write_text(
            f"January {n % 28 + 1}, 2023\n\nLIMA (Reuters) - At least {n + 3} protesters were killed in clashes "
            f"with police in Juliaca, Peru, the ombudsman said in its report number {n}.",
            encoding="utf-8",
        )
    return inbox


def _stderr_line(process: subprocess.Popen, timeout: float = 30) -> str:
    ready, _, _ = select.select([process.stderr], [], [], timeout)
    assert ready, "no line on stderr"
    return process.stderr.readline()


def test_a_second_ingest_waits_or_leaves(tmp_path, hold):
    db = tmp_path / "hr.db"
    inbox = _inbox(tmp_path, 3)
    holder = hold(db)

    leaving = subprocess.run([*HRTRACKER, "ingest", "--no-wait", "--db", str(db), str(inbox)], capture_output=True, text=True, timeout=60)
    assert leaving.returncode == 0 and leaving.stdout == ""
    assert leaving.stderr == f"another ingest (pid {holder.pid}) is running on {db}; nothing done\n"
    assert not db.exists()  # not even opened
    reextract = subprocess.run([*HRTRACKER, "reextract", "--no-wait", "--db", str(db)], capture_output=True, text=True, timeout=60)
    assert reextract.returncode == 0 and "nothing done" in reextract.stderr

    waiting = subprocess.Popen([*HRTRACKER, "ingest", "--db", str(db), "--jobs", "1", str(inbox)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert _stderr_line(waiting) == f"another ingest (pid {holder.pid}) is running on {db}; waiting\n"
    time.sleep(0.5)
    assert waiting.poll() is None
    holder.release()
    out, err = waiting.communicate(timeout=60)
    assert waiting.returncode == 0 and err == ""
    assert out == "3 new, 0 already stored, 0 failed; 3 incidents added\n"
    assert not (tmp_path / "hr.db.lock").read_text()  # released and emptied


def test_a_summary_moving_the_mark_waits_for_a_running_ingest(tmp_path, hold):
    db = tmp_path / "hr.db"
    inbox = _inbox(tmp_path, 2)
    assert subprocess.run([*HRTRACKER, "ingest", "-q", "--db", str(db), str(inbox)], timeout=60).returncode == 0
    holder = hold(db)
    # A digest for a period moves nothing and does not wait.
    week = subprocess.run([*HRTRACKER, "summary", "--since", "7d", "--db", str(db)], capture_output=True, text=True, timeout=60)
    assert week.returncode == 0 and week.stdout.startswith("hrtracker summary: 2 new documents")
    waiting = subprocess.Popen([*HRTRACKER, "summary", "--db", str(db)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert "is running on" in _stderr_line(waiting) and waiting.poll() is None
    holder.release()
    out, _ = waiting.communicate(timeout=60)
    assert waiting.returncode == 0 and out.startswith("hrtracker summary: 2 new documents")


def test_two_ingests_at_once_store_everything_once(tmp_path):
    db = tmp_path / "hr.db"
    inbox = _inbox(tmp_path, 150)
    command = [*HRTRACKER, "ingest", "--json", "--jobs", "2", "--db", str(db), str(inbox)]
    first = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    second = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    tallies = []
    for process in (first, second):
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        assert err in ("", f"another ingest (pid {(second if process is first else first).pid}) is running on {db}; waiting\n")
        tallies.append(json.loads(out))
    assert sorted(t["documents_new"] for t in tallies) == [0, 150]
    assert sorted(t["documents_existing"] for t in tallies) == [0, 150]
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("SELECT COUNT(*) FROM documents").fetchone() == (150,)
    runs = conn.execute("SELECT started_at, ended_at FROM runs ORDER BY started_at").fetchall()
    assert len(runs) == 2 and runs[0][1] <= runs[1][0]  # one after the other, never interleaved


# -- the README's crontab -------------------------------------------------------------------------

README_PLACES = {
    "/home/ana/hrtracker/hrtracker.db": "{db}",
    "/home/ana/hrtracker/.venv/bin": "{bin}",
    "/home/ana/articles": "{inbox}",
    'mail -s "hrtracker digest" ana@example.org': "cat",
}


def _readme_crontab() -> tuple[dict[str, str], str]:
    """The environment lines and the job's command from the README's crontab block."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```crontab\n(.*?)```", readme, re.S)
    assert block, "README.md has no ```crontab block"
    for original in README_PLACES:
        assert original in block.group(1), f"the test expects {original!r} in the README's crontab"
    env, jobs = {}, []
    for line in block.group(1).splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if re.match(r"^[A-Z_]+=", line):
            name, value = line.split("=", 1)
            env[name] = value
        else:
            jobs.append(line)
    assert len(jobs) == 1
    fields = jobs[0].split(None, 5)
    assert len(fields) == 6 and all(re.fullmatch(r"[\d*/,-]+", f) for f in fields[:5]), jobs[0]
    assert "%" not in fields[5]  # cron turns % into a newline
    return env, fields[5]


@pytest.mark.parametrize("shell", ["/bin/sh", "bash"])
def test_the_readme_crontab_line_works(tmp_path, shell):
    if not shutil.which(shell):
        pytest.skip(f"no {shell}")
    bin_dir = Path(sys.executable).parent
    if not (bin_dir / "hrtracker").exists():
        pytest.skip("hrtracker is not installed beside this python")
    places = {"{db}": str(tmp_path / "data" / "hrtracker.db"), "{bin}": str(bin_dir), "{inbox}": str(tmp_path / "articles")}
    (tmp_path / "articles").mkdir()
    env_lines, command = _readme_crontab()

    def fill(text: str) -> str:
        for original, placeholder in README_PLACES.items():
            text = text.replace(original, placeholder)
        for placeholder, value in places.items():
            text = text.replace(placeholder, value)
        return text

    # cron's environment: HOME, LOGNAME, SHELL and the crontab's own lines; no terminal, no locale.
    env = {"HOME": str(tmp_path), "LOGNAME": "ana", "SHELL": "/bin/sh"}
    env.update({name: fill(value) for name, value in env_lines.items()})
    command = fill(command)

    def night() -> subprocess.CompletedProcess[str]:
        return subprocess.run([shell, "-c", command], env=env, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)

    _save(tmp_path / "articles", WEEK[0])
    first = night()
    assert first.returncode == 0 and first.stderr == "", first.stderr
    assert re.match(r"hrtracker summary: 2 new documents, \d+ new incidents since the start\n", first.stdout)
    assert "Peru\n----\n" in first.stdout and "\x1b" not in first.stdout and "━" not in first.stdout
    assert (tmp_path / "data" / "hrtracker.db").exists()
    second = night()
    assert re.fullmatch(r"Nothing new since .* UTC\.\n", second.stdout) and second.stderr == ""
    _save(tmp_path / "articles", WEEK[1])
    (tmp_path / "articles" / "broken.txt").write_bytes(bytes(range(256)))
    third = night()
    assert "* Peru protest deaths: 49 → 50, new source" in third.stdout
    # The digest the README shows has this one's shape: the same lines, labels and changed
    # figures (what the extractor says of each record may move on).
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    shown = re.search(r"```text\n(hrtracker summary: .*?)```", readme, re.S)
    assert shown, "README.md shows no digest"
    assert _shape(third.stdout) == _shape(shown.group(1))


def _shape(digest: str) -> list[str]:
    """A digest's lines with times dropped and entries cut to their label."""
    lines = []
    for line in digest.splitlines():
        line = re.sub(r"since .* UTC", "since <time>", line)
        if line.startswith("- "):
            line = line.split(": ", 1)[0]
        elif line.startswith("    “"):
            line = "    “"
        lines.append(line)
    return lines
