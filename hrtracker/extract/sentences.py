"""Sentence segmentation with character offsets (English and Spanish news text)."""

from __future__ import annotations

import re
from typing import NamedTuple

# Abbreviations after which a period does not end a sentence (lowercased, without the dot).
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "sen", "sens", "rep", "reps", "gen", "lt", "col", "capt", "sgt", "gov",
    "pres", "sr", "sra", "srta", "dra", "jr", "st", "no", "nos", "nº", "núm", "vs", "etc", "inc",
    "corp", "co", "ltd", "dept", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov",
    "dec", "ene", "abr", "ago", "dic", "u.s", "u.n", "u.k", "e.u", "ee.uu", "p.m", "a.m", "approx",
    "art", "arts", "fig", "vol", "pp", "ed", "eds", "cf", "op", "lic", "ing", "gral", "cnel",
    "mons", "fr", "av", "ave", "blvd", "mt", "ft", "sta", "sto", "ud", "uds",
}  # fmt: skip

# A sentence ends at . ! ? (plus closing quotes/brackets) before whitespace, or at a line break.
# The lookahead also captures the first character after the spaces that follow a mark ("next"),
# which decides whether the sentence goes on ("e.g. the police"): no second scan per mark.
# Written to start with one character class: the engine then skips to candidate characters
# in C instead of trying a match at every position.
_BOUNDARY = re.compile(
    r"[\n.!?…](?:(?<=\n)|(?<=[.!?…])[.!?…]*[\"”’'»)\]]*(?=\s)(?= *(?P<next>.)|))", re.DOTALL
)
_LONGEST = 1 + max(map(len, _ABBREVIATIONS))
_WORD_BEFORE = re.compile(r"([\w.]{1,12})$")
_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]")
MAX_SENTENCE = 1200  # longer runs (tables, lists without stops) are cut at clause boundaries


class Sentence(NamedTuple):
    """Immutable, and a tuple: a long article has thousands, built faster than a frozen dataclass."""

    start: int
    end: int
    text: str
    paragraph: int  # index of the paragraph (blank-line separated block) it belongs to


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with offsets such that text[s.start:s.end] == s.text, stripped of spaces."""
    sentences: list[Sentence] = []
    paragraph = 0
    start = 0
    n = len(text)
    for match in _BOUNDARY.finditer(text):
        mark, end = match.span()
        if text[mark] != "\n":
            # A mark followed by a lowercase word ("approx. ten", "?” he said") goes on.
            following = match.group("next")
            if (following is not None and following.islower()) or _is_abbreviation(text, mark, text[mark]):
                continue
            _emit(text, start, end, paragraph, sentences)
            start = end
            continue
        # A line break inside a paragraph continues the sentence when the next line starts
        # in lowercase (hard-wrapped text); a blank line always ends it.
        nxt = text[end : end + 1]
        blank = nxt == "\n"
        if not blank and nxt and nxt.islower() and text[mark - 1 : mark] not in ".!?":
            continue
        if start < mark:  # most line breaks follow a stop or another break: nothing to emit
            _emit(text, start, mark, paragraph, sentences)
        if blank or _is_blank_before(text, mark):
            paragraph += 1
        start = end
    if start < n:
        _emit(text, start, n, paragraph, sentences)
    return sentences


def _is_blank_before(text: str, index: int) -> bool:
    return index > 0 and text[index - 1] == "\n"


def _is_abbreviation(text: str, dot_index: int, mark: str) -> bool:
    if not mark.startswith("."):
        return False
    if dot_index >= _LONGEST and text[dot_index - _LONGEST : dot_index].isalnum():
        return False  # a longer word than any abbreviation, and no initials (the common case)
    space = text.rfind(" ", dot_index - 12 if dot_index > 12 else 0, dot_index)
    if space != -1 and text[space + 1 : dot_index].isalnum():
        # A plain word after a space: what _WORD_BEFORE finds, without the scan.
        word = text[space + 1 : dot_index].lower()
        return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())
    before = _WORD_BEFORE.search(text, max(0, dot_index - 12), dot_index)
    if not before:
        return False
    word = before.group(1).lower().strip(".")
    if word in _ABBREVIATIONS:
        return True
    # Initials ("Antony J. Blinken", "U.S.") and single letters do not end sentences.
    if len(word) == 1:
        return word.isalpha()
    return "." in word and _INITIALS.fullmatch(word) is not None


def _emit(text: str, start: int, end: int, paragraph: int, out: list[Sentence]) -> None:
    # str.strip drops exactly the characters str.isspace() accepts: no loop per character.
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    start += len(chunk) - len(chunk.lstrip())
    end = start + len(stripped)
    if end - start <= MAX_SENTENCE:
        out.append(Sentence(start, end, stripped, paragraph))
        return
    while end - start > MAX_SENTENCE:
        cut = _clause_cut(text, start, start + MAX_SENTENCE)
        out.append(Sentence(start, cut, text[start:cut], paragraph))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        out.append(Sentence(start, end, text[start:end], paragraph))


def _clause_cut(text: str, start: int, limit: int) -> int:
    window = text[start:limit]
    for mark in ("; ", ", ", " "):
        pos = window.rfind(mark, MAX_SENTENCE // 2)
        if pos != -1:
            return start + pos + 1
    return limit
