"""Users extend the gazetteer and the actor dictionary with their own files, no code edits."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ARTICLE = (
    "VILLA ESPERANZA, March 3, 2024 - At least four protesters were killed on Sunday when the "
    "Brigada Halcón opened fire on a march in Villa Esperanza, residents said."
)


def hrtracker(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("hrtracker")
    command = [str(exe), *args] if exe.exists() else [sys.executable, "-m", "hrtracker.cli", *args]
    return subprocess.run(command, capture_output=True, text=True, env={**os.environ, **env}, timeout=120)


def records(result: subprocess.CompletedProcess[str]) -> list[dict]:
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "note.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_without_user_files_the_place_and_the_unit_are_unknown(article):
    found = records(hrtracker("extract", "--format", "jsonl", str(article), env={}))
    assert all(r["country"] != "Peru" for r in found)
    assert all(r["perpetrator"] != "police" for r in found)


def test_user_place_and_actor_are_used(article, tmp_path):
    places = tmp_path / "my_places.json"
    places.write_text(json.dumps({"countries": [{"code3": "PER", "cities": ["Villa Esperanza"]}]}), encoding="utf-8")
    actors = tmp_path / "my_actors.json"
    actors.write_text(json.dumps({"perpetrators": {"Brigada Halcón": "police"}}), encoding="utf-8")
    env = {"HRTRACKER_GAZETTEER": str(places), "HRTRACKER_ACTORS": str(actors)}
    found = records(hrtracker("extract", "--format", "jsonl", str(article), env=env))
    deaths = [r for r in found if r["category"] == "protest_death"]
    assert deaths and deaths[0]["country"] == "Peru" and deaths[0]["deaths_low"] == 4
    assert deaths[0]["perpetrator"] == "police" and "Brigada Halcón" in deaths[0]["perpetrator_text"]


def test_broken_user_file_is_one_clear_error(article, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    result = hrtracker("extract", str(article), env={"HRTRACKER_GAZETTEER": str(broken)})
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "broken.json" in lines[0] and "Traceback" not in result.stderr
