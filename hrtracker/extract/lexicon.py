"""Phrase matching for the lexicons (actors, triggers): one Aho-Corasick automaton per lexicon
over lowercased text, then word-boundary and case checks in Python. Linear in the text."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

import ahocorasick


class Match(NamedTuple):
    """Immutable, and a tuple: a document gives thousands of trigger hits, built fast."""

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
            # what the hot loop needs: length, whether each end is a word character, value
            self._automaton.add_word(key, (len(key), _is_word_char(key[0]), _is_word_char(key[-1]), value))
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
        n = len(low)
        whole_words = not self._prefix
        case = self._case
        # (start, -length, value): sorted, the longest of the matches sharing a start first
        candidates: list[tuple[int, int, str]] = []
        for end_index, (length, word_first, word_last, value) in self._automaton.iter(low):
            start = end_index - length + 1
            if word_first and start > 0 and _is_word_char(low[start - 1]):
                continue
            end = end_index + 1
            if whole_words and word_last and end < n and _is_word_char(low[end]):
                continue
            if case:
                surface = text[start:end]
                if surface.upper() in case and surface != surface.upper():
                    continue
            candidates.append((start, -length, value))
        return _longest_leftmost(text, candidates)


def _longest_leftmost(text: str, candidates: list[tuple[int, int, str]]) -> list[Match]:
    candidates.sort()  # a start and a length make one phrase: no ties
    chosen: list[Match] = []
    last_end = -1
    for start, negative_length, value in candidates:
        if start >= last_end:
            last_end = start - negative_length
            chosen.append(Match(start, last_end, text[start:last_end], value))
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
