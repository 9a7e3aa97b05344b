"""Phrase matching for the lexicons (actors, triggers): one Aho-Corasick automaton per lexicon
over lowercased text, then word-boundary and case checks in Python. Linear in the text."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import ahocorasick


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    text: str
    value: str  # what the phrase maps to (a group, an institution, a trigger id)


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class PhraseMatcher:
    """Longest-leftmost, non-overlapping, whole-word matches of known phrases."""

    def __init__(self, phrases: dict[str, str], case_sensitive: Iterable[str] = (), prefix: bool = False):
        self._automaton = ahocorasick.Automaton()
        self._case = {p for p in case_sensitive}
        self._prefix = prefix  # phrases may be word prefixes ("kill" matches "killed")
        for phrase, value in phrases.items():
            key = phrase.lower()
            self._automaton.add_word(key, (key, value))
        if phrases:
            self._automaton.make_automaton()
        self._empty = not phrases

    def find(self, text: str, lowered: str | None = None) -> list[Match]:
        if self._empty:
            return []
        low = lowered if lowered is not None else text.lower()
        # str.lower can change length for a few characters (e.g. 'İ'); fall back to casefold-free
        # matching on the original text then, so offsets stay true.
        if len(low) != len(text):
            low = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
        candidates: list[Match] = []
        for end_index, (key, value) in self._automaton.iter(low):
            start = end_index - len(key) + 1
            end = end_index + 1
            if start > 0 and _is_word_char(low[start - 1]) and _is_word_char(key[0]):
                continue
            if not self._prefix and end < len(low) and _is_word_char(low[end]) and _is_word_char(key[-1]):
                continue
            surface = text[start:end]
            if self._case and surface.upper() in self._case and surface != surface.upper():
                continue
            candidates.append(Match(start, end, surface, value))
        return _longest_leftmost(candidates)


def _longest_leftmost(candidates: list[Match]) -> list[Match]:
    candidates.sort(key=lambda m: (m.start, -(m.end - m.start)))
    chosen: list[Match] = []
    last_end = -1
    for match in candidates:
        if match.start >= last_end:
            chosen.append(match)
            last_end = match.end
    return chosen


def load_data(name: str) -> Any:
    """A JSON data file shipped in extract/data/."""
    return json.loads(resources.files("hrtracker.extract").joinpath("data", name).read_text("utf-8"))


def user_files(env_var: str) -> list[Path]:
    """Paths of user data files named by an environment variable (os.pathsep-separated)."""
    value = os.environ.get(env_var, "")
    return [Path(p).expanduser() for p in value.split(os.pathsep) if p.strip()]


@cache
def load_user_json(path: str) -> dict[str, Any]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: cannot read user data file ({exc})") from exc
    if not isinstance(data, dict):
        raise ValueError(f"{path}: user data file must hold a JSON object")
    return data
