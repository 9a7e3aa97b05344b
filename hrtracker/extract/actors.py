"""Perpetrators, victims and callers: the actor dictionary (data/actors.json, extended by user
files named in HRTRACKER_ACTORS) applied to text."""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import Match, PhraseMatcher, load_data, load_user_json, user_files

ENV_ACTORS = "HRTRACKER_ACTORS"
_KINDS = ("perpetrators", "victims", "callers")


@lru_cache(maxsize=1)
def _matchers() -> dict[str, PhraseMatcher]:
    data = load_data("actors.json")
    tables = {kind: dict(data[kind]) for kind in _KINDS}
    case_sensitive = set(data.get("case_sensitive", []))
    for path in user_files(ENV_ACTORS):
        extra = load_user_json(str(path))
        for kind in _KINDS:
            table = extra.get(kind, {})
            if not isinstance(table, dict):
                raise ValueError(f"{path}: '{kind}' must map phrases to groups")
            tables[kind].update({str(k).lower(): str(v) for k, v in table.items()})
        case_sensitive.update(extra.get("case_sensitive", []))
    return {kind: PhraseMatcher(tables[kind], case_sensitive) for kind in _KINDS}


def reload() -> None:
    """Forget cached lexicons (after HRTRACKER_ACTORS changes)."""
    _matchers.cache_clear()
    _find.cache_clear()


@lru_cache(maxsize=4096)
def _find(kind: str, text: str) -> tuple[Match, ...]:
    """The rules ask about the same sentence many times: match it once."""
    return tuple(_matchers()[kind].find(text))


def find_perpetrators(text: str) -> list[Match]:
    return list(_find("perpetrators", text))


def find_victims(text: str) -> list[Match]:
    return list(_find("victims", text))


def find_callers(text: str) -> list[Match]:
    return list(_find("callers", text))


# A perpetrator phrase as written includes the words that qualify it just before:
# "the Peruvian security forces", "Colombian riot police", "15 US congressmen".
_QUALIFIER = re.compile(r"((?:(?:[A-Z][\w'’-]*|\d+(?:[.,]\d{3})*|U\.S\.|US)\s+){1,3})$")
_SKIP_FIRST = {"The", "A", "An", "La", "El", "Los", "Las", "In", "On", "At", "By", "And", "But", "Two", "Three", "Several"}
_NOT_QUALIFIER = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "Enero", "Febrero", "Marzo", "Abril", "Mayo", "Junio", "Julio", "Agosto", "Septiembre", "Octubre",
    "Noviembre", "Diciembre", "When", "After", "Before", "While", "Then", "Witnesses", "Residents",
}  # fmt: skip


def expand_left(text: str, match: Match) -> tuple[int, str]:
    """Extend a match over capitalized qualifiers before it; returns (start, phrase)."""
    head = text[max(0, match.start - 60) : match.start]
    found = _QUALIFIER.search(head)
    if not found:
        return match.start, match.text
    words = found.group(1).split()
    # Only the words right before the actor that qualify it: stop at a date or a sentence start.
    for index in range(len(words) - 1, -1, -1):
        if words[index] in _NOT_QUALIFIER or (words[index].isdigit() and index < len(words) - 1 and len(words[index]) == 4):
            words = words[index + 1 :]
            break
    while words and words[0] in _SKIP_FIRST:
        words.pop(0)
    if not words:
        return match.start, match.text
    prefix = " ".join(words)
    start = match.start - len(found.group(1)) + found.group(1).find(words[0])
    return start, text[start : match.end] if text[start : match.end].startswith(prefix) else f"{prefix} {match.text}"
