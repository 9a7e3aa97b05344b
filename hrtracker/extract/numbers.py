"""Counts of people and things in news text (English, Spanish).

Turns "at least 49 unarmed civilians", "decenas de heridos" or "between 40 and 50 people" into
UCDP/ACLED-style low/best/high estimates (see CONTRACT.md). Language knowledge lives in
data/numbers.json; this module applies it.

Speed: digit strings come from one regex and number words from an Aho-Corasick automaton,
both over the lowercased text; every other decision looks at a bounded window around a token
(cheapest tests first), so find_counts is linear in the text length.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from importlib import resources
from typing import Any, Final, NamedTuple

import ahocorasick  # type: ignore[import-not-found, unused-ignore]

__all__ = [
    "Count",
    "CountMention",
    "find_counts",
    "is_partial",
    "parse_count",
    "parse_number",
]


@dataclass(frozen=True, slots=True)
class Count:
    """A UCDP-style estimate; None where the text gives no bound."""

    low: int | None
    best: int | None
    high: int | None


@dataclass(frozen=True, slots=True)
class CountMention:
    """A count found in a text, with offsets into that text."""

    start: int
    end: int
    text: str
    count: Count
    noun: str | None
    noun_start: int | None
    noun_end: int | None
    approximate: bool


# Qualifier kinds -> how a number n becomes a Count.
MIN, APPROX, NEAR, MAX = "min", "approx", "near", "max"
_QUALIFIER_KINDS: Final = (MIN, APPROX, NEAR, MAX)
_OF, _DET, _STOP, _MOD, _PART, _HEAD = 1, 2, 4, 8, 16, 32  # word classes in the noun scan
_MAX_DIGITS: Final = 15  # longer digit strings are ids or garbage, never counts
_WINDOW: Final = 40  # characters looked at on either side of a number

Number = int | Fraction


def _load() -> dict[str, Any]:
    path = resources.files("hrtracker.extract").joinpath("data/numbers.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


class _Lexicon:
    """The data file, merged across languages into sets, dicts and small regexes."""

    def __init__(self, raw: dict[str, Any]) -> None:
        langs = {k: v for k, v in raw.items() if not k.startswith("_")}

        def words(key: str, only: str | None = None) -> frozenset[str]:
            return frozenset(
                w for lang, d in langs.items() if only in (None, lang) for w in d.get(key, [])
            )

        def table(key: str) -> dict[str, Any]:
            out: dict[str, Any] = {}
            for d in langs.values():
                out.update(d.get(key, {}))
            return out

        self.add: dict[str, int] = table("add")
        self.mult: dict[str, int] = table("mult")
        self.scale: dict[str, int] = table("scale")
        self.standalone_scale = words("standalone_scale")
        self.small_base_mult = words("small_base_mult")
        self.vague: dict[str, int] = table("vague")
        self.vague_need_of = words("vague_need_of")
        self.inherent_approx = words("inherent_approx")
        self.need_cue = words("need_cue")
        self.article_prefixes: dict[str, float] = table("article_prefixes")
        self.vague_prefixes = words("vague_prefixes")
        self.and_joiners = words("and_joiners")
        self.tens_joiners = words("tens_joiners")
        self.one_words = words("one_words")
        self.es_one = words("one_words", "es")
        self.one_blockers = words("one_blockers")
        self.one_of = words("one_of")
        self.bare_blockers = words("bare_blockers")
        self.of_words = words("of_words")
        self.of_determiners = words("of_determiners")
        self.people = words("nouns")
        self.irregular_plurals = words("irregular_plurals")
        self.people_es = words("nouns", "es") | words("participles", "es")
        self.other_nouns = words("other_nouns")
        self.participles = words("participles")
        self.modifiers = words("modifiers")
        self.stopwords = words("stopwords")
        self.stop_es_only = words("stopwords", "es") - words("stopwords", "en")
        self.stop_en_only = words("stopwords", "en") - words("stopwords", "es")
        self.day_articles = words("day_articles")
        self.time_units = words("time_units")
        self.money = words("money")
        self.measures = words("measures")
        self.percent_words = words("percent")
        self.excluded_heads = self.time_units | self.money | self.measures | self.percent_words
        self.heads = self.people | self.other_nouns | self.excluded_heads
        # one lookup per word in the noun scan
        self.word_class: dict[str, int] = {}
        for bit, members in (
            (_OF, words("of_words")),
            (_DET, words("of_determiners")),
            (_STOP, self.stopwords),
            (_MOD, self.modifiers),
            (_PART, self.participles),
            (_HEAD, self.heads),
        ):
            for w in members:
                self.word_class[w] = self.word_class.get(w, 0) | bit
        self.doc_words = words("doc_words")
        self.money_prefixes = words("money_prefixes")
        self.age_left = words("age_left")
        self.months = words("months") | words("month_abbrevs")
        # any word before a number that may rule it out (one lookup in the common case)
        self.word_before_block = self.doc_words | self.money_prefixes | self.age_left | self.months
        self.word_before_block |= frozenset(w.rstrip(".:") for w in self.word_before_block)
        self.case_months = words("case_sensitive_months")
        self.rise_verbs = words("rise_verbs")
        self.change_connectors = words("change_connectors")
        self.strong = words("strong")
        self.partial_before = sorted(words("partial_before"), key=len, reverse=True)
        self.partial_after = sorted(words("partial_after"), key=len, reverse=True)

        self.qualifier: dict[str, tuple[str, str]] = {}
        for lang, d in langs.items():
            for kind, phrases in d.get("qualifiers", {}).items():
                for p in phrases:
                    self.qualifier[p] = (kind, lang)
        self.right_qualifier: dict[str, str] = {}
        for d in langs.values():
            for kind, phrases in d.get("right_qualifiers", {}).items():
                for p in phrases:
                    self.right_qualifier[p] = kind
        self.range_openers: dict[str, frozenset[str]] = {
            k: frozenset(v) for k, v in table("range_openers").items()
        }
        self.range_connectors = words("range_connectors")
        self.ratio_connectors = words("ratio_connectors")
        self.ratio_first = frozenset(p.split()[0] for p in self.ratio_connectors)
        self.year_left = words("year_left")
        self.right_first_words = frozenset(p.split()[0] for p in self.right_qualifier)

        number_words = (set(self.add) | set(self.mult) | set(self.scale) | set(self.vague)) - {
            "zero",
            "cero",
        }
        # Number words come from an Aho-Corasick automaton (3x faster than a trie regex);
        # digits from a regex whose first item is one character class (twice as fast as
        # "[0-9]+..."); "1 300" is joined by the parser, as a look-behind here would triple
        # the scan time.
        self.digits_re = re.compile(r"[0-9][0-9.,]*(?<![.,])")  # not the dot of "in 2021."
        self.automaton = ahocorasick.Automaton()
        for word in number_words:
            self.automaton.add_word(word, len(word))
        self.automaton.make_automaton()
        self.prefix_re = _tail_regex(list(self.article_prefixes) + list(self.vague_prefixes))
        # what may stand just before a number: a qualifier, a clock ("a las"), an age cue
        self.left: dict[str, tuple[str, str]] = {p: ("time", "") for p in words("time_left")}
        self.left.update({p: ("age", "") for p in words("age_phrases")})
        self.left.update(self.qualifier)
        self.left_re = _tail_regex(self.left)
        self.left_last_words = frozenset(p.split()[-1].rstrip(".:") for p in self.left)
        # what may stand just after a number: percent, clock and month words
        self.right: dict[str, str] = {p: "percent" for p in self.percent_words}
        self.right.update({p: "time" for p in words("time_right")})
        for month in self.months:
            for pre in ("", "de ", "of "):
                self.right[pre + month] = "month"
        self.right_first = frozenset(p.split()[0] for p in self.right)
        self.right_qualifier_re = re.compile(
            r"(?:[^\S\n]*(?P<g>\+)|[^\S\n]+(?P<q>"
            + "|".join(_phrase(p) for p in _longest_first(self.right_qualifier) if p[0].isalpha())
            + r")(?![^\W_]))"
        )
        self.right_re = re.compile(
            r"[^\S\n]*(?P<q>"
            + "|".join(_phrase(p) for p in _longest_first(self.right))
            + r")(?![^\W_])"
        )


def _longest_first(phrases: Any) -> list[str]:
    return sorted(phrases, key=len, reverse=True)


def _phrase(p: str) -> str:
    """A phrase as a regex, any run of spaces matching one space."""
    return r"\s+".join(re.escape(w) for w in p.split())


def _tail_regex(phrases: Any) -> re.Pattern[str]:
    """Match one of `phrases` just before a position, run on the reversed window."""
    alts = [r"\s+".join(re.escape(w[::-1]) for w in reversed(p.split())) for p in phrases]
    alts.sort(key=len, reverse=True)
    return re.compile(r"[^\S\n]*\n?[^\S\n]*(?P<q>" + "|".join(alts) + r")(?![^\W_])")


_LEX: Final = _Lexicon(_load())

# one word after a position (same line or the next); "u.s." keeps its last dot
_WORD_AFTER: Final = re.compile(
    r"[^\S\n]*\n?[^\S\n]*([^\W\d_]+(?:['’.\-][^\W\d_]+)*)(\.(?<=[^\W\d_]\.[^\W\d_]\.))?"
)
_HYPHEN_WORD: Final = re.compile(r"-([^\W\d_]+)")
_CURRENCY: Final = frozenset("$€£¥₹₱₡₩₽")
_GLUE_LEFT: Final = frozenset("/=%#&@\\_^:`+|.")
_DASHES: Final = frozenset({"-", "–", "—", "‐"})
_GROUP_SPACES: Final = frozenset(" \u00a0\u202f\u2009")
_PARTNER_GAPS: Final = frozenset({"-", "–", ",", "to", "and", "or", "y", "o", "a", "al"})
_YEAR_END: Final = frozenset(",.;:)\n")  # "in 2021," is a year unless a qualifier precedes
_PLAIN_AFTER: Final = frozenset(" ,;)\n")  # after a digit string: nothing to check


class _Group(NamedTuple):
    """A parsed number phrase: tokens [first, next_index) of the token list."""

    start: int  # includes an article prefix ("a dozen")
    end: int
    value: int
    next_index: int
    vague: bool
    inherent_approx: bool
    scale: int  # value of a trailing scale word ("3 million") or 0
    single: str | None  # the word when the phrase is one number word
    digits: bool  # starts with a digit token
    year_like: bool


class _Token(NamedTuple):
    start: int
    end: int
    text: str
    digit: bool


def _lower(text: str) -> str:
    """Lowercase without changing any offset (a few characters grow when lowercased)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _digits_value(tok: str) -> Number | None:
    """'1,300' and '1.300' -> 1300; '2.5' -> Fraction(5, 2); bad groupings -> None."""
    if tok.isdigit() and len(tok) <= _MAX_DIGITS and (tok[0] != "0" or len(tok) == 1):
        return int(tok)
    seps = [c for c in tok[: 2 * _MAX_DIGITS + 1] if c in ".,"]
    if not seps or len(tok) > 2 * _MAX_DIGITS:
        return None  # too long, or a leading zero ("007")
    if len(set(seps)) == 1:
        parts = tok.split(seps[0])
        if parts[0][0] != "0" and len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:]):
            return int("".join(parts))
        if len(parts) == 2:
            return Fraction(parts[0] + "." + parts[1])
        return None
    # both separators: the last one is the decimal mark ("1,300.5", "1.300,5")
    mark = seps[-1]
    if seps.count(mark) != 1:
        return None
    whole, frac = tok.rsplit(mark, 1)
    groups = whole.split("," if mark == "." else ".")
    if groups[0][0] == "0" or len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:]):
        return None
    return Fraction("".join(groups) + "." + frac)


def _gap_kind(gap: str) -> str | None:
    """How two number tokens are joined: ' ', '-', or a joiner word; None: not joined."""
    if not gap or len(gap) > 6:
        return None
    if gap.isspace():
        return " " if "\n" not in gap else None
    if gap == "-" or gap == "‐":
        return "-"
    word = gap.strip()
    if gap[0].isspace() and gap[-1].isspace() and word.isalpha():
        return word
    return None


def _parse_group(low: str, toks: list[_Token], i: int, prefix: float | None) -> _Group | None:
    """Parse the number phrase starting at token i ('forty-nine', 'dos mil', '2.5 million').

    `prefix` is the value of an article before a leading multiplier ('a dozen' -> 1).
    """
    lex = _LEX
    total: Number = 0
    current: Number = 0
    last_scale = 0
    scale_end = 0
    prev = ""  # kind of the previous accepted token: digit, add, mult, scale
    end = toks[i].start
    j = i
    inherent = False
    # state before an "and"/"y" joiner, restored when the joiner turns out to link a range
    snapshot: tuple[Number, Number, int, int, int, int, str] | None = None
    n = len(toks)
    while j < n:
        tok = toks[j]
        word = tok.text
        joiner = ""
        if j > i:
            gap = _gap_kind(low[end : tok.start]) if tok.start - end <= 6 else None
            if gap is None or (tok.digit and not (prev == "scale" and gap == " ")):
                break
            joiner = gap
        state = (total, current, last_scale, scale_end, j, end, prev)
        joined_add = False
        ok = True
        if tok.digit:
            after_scale = j > i
            k = j
            while (  # "1 300", "10 000 000": thin/plain spaces between groups of three
                k + 1 < n
                and len(toks[k + 1].text) == 3
                and toks[k + 1].start - toks[k].end == 1
                and low[toks[k].end] in _GROUP_SPACES
                and toks[k + 1].text.isdigit()
                and len(toks[j].text) <= 3
                and toks[j].text.isdigit()
            ):
                k += 1
            digits_value: Number | None
            if k > j:
                digits_value = int("".join(t.text for t in toks[j : k + 1]))
                j, tok = k, toks[k]
            else:
                digits_value = _digits_value(word)
            if digits_value is None:
                return None
            if after_scale:  # "2 mil 500": digits after a scale word fill its lower places
                if not isinstance(digits_value, int) or digits_value >= last_scale:
                    break
                total += digits_value
                digits_value = 0
            current = digits_value
            prev = "digit"
        elif word in lex.add:
            value = lex.add[word]
            if prev == "digit":
                ok = False
            elif joiner == "-" or joiner in lex.tens_joiners:
                ok = prev == "add" and _is_tens(current) and value < 10
            elif joiner in lex.and_joiners:
                ok = prev in ("mult", "scale") and _can_add(current, value)
            else:
                ok = joiner in ("", " ") and _can_add(current, value)
            if ok:
                joined_add = joiner not in ("", " ", "-")
                current += value
                prev = "add"
        elif word in lex.mult and (j > i or prefix is not None):
            base = current if j > i else Fraction(prefix or 0)
            ok = joiner in ("", " ") and prev != "mult" and bool(base)
            ok = ok and not (word in lex.small_base_mult and base >= 100)  # not "200 hundred"
            if ok:
                current = base * lex.mult[word]
                inherent = inherent or word in lex.inherent_approx
                prev = "mult"
        elif word in lex.scale:
            s = lex.scale[word]
            if j == i:
                if prefix is not None:
                    current = Fraction(prefix)
                elif word in lex.standalone_scale:  # "mil personas"
                    current = 1
                else:
                    return None
            if joiner not in ("", " "):
                ok = False
            elif total and total < s:
                total = (total + current) * s  # "mil millones", "two thousand million"
            elif current and (not last_scale or s < last_scale):
                total += current * s
            else:
                ok = False
            if ok:
                current = 0
                last_scale = s
                prev = "scale"
        else:
            ok = False
        if not ok:
            if snapshot is not None and (word in lex.mult or word in lex.scale):
                # "one hundred and two hundred": the "and" joined two numbers, not one
                total, current, last_scale, scale_end, j, end, prev = snapshot
            break
        snapshot = state if joined_add else None
        scale_end = lex.scale[word] if prev == "scale" else 0
        j += 1
        end = tok.end
    if j == i:
        return None
    value_total = total + current
    if isinstance(value_total, Fraction):
        if value_total.denominator != 1:
            return None
        value_total = int(value_total)
    first = toks[i]
    single = first.text if j == i + 1 and not first.digit else None
    year_like = j == i + 1 and first.digit and len(first.text) == 4 and 1800 <= value_total <= 2100
    return _Group(
        first.start,
        end,
        value_total,
        j,
        False,
        inherent,
        scale_end,
        single,
        first.digit,
        year_like,
    )


def _is_tens(n: Number) -> bool:
    return n % 10 == 0 and 20 <= n % 100 <= 90


def _can_add(current: Number, value: int) -> bool:
    """Whether `value` fits in the empty slots of `current` (40 + 9 yes, 9 + 9 no)."""
    if not current:
        return True
    return any(value < m and current % m == 0 for m in (10, 100, 1000))


def _vague_group(low: str, toks: list[_Token], i: int, relaxed: bool) -> _Group | None:
    """'dozens', 'hundreds of thousands', 'decenas de miles'."""
    lex = _LEX
    tok = toks[i]
    value = lex.vague[tok.text]
    end = tok.end
    j = i + 1
    if j < len(toks) and not toks[j].digit:
        nxt = toks[j]
        if " ".join(low[end : nxt.start].split()) in lex.of_words:
            bigger = lex.vague.get(nxt.text) or lex.scale.get(nxt.text, 0)
            if bigger > value:
                value *= bigger
                end = nxt.end
                j += 1
    need_of = tok.text in lex.vague_need_of and j == i + 1 and not relaxed
    if need_of and _word_after(low, end)[0] not in lex.of_words:
        return None
    return _Group(tok.start, end, value, j, True, False, 0, None, False, False)


def _tail(pattern: re.Pattern[str], low: str, pos: int) -> tuple[int, str] | None:
    """The phrase of `pattern` ending just before `pos`: (its start, the phrase)."""
    window = low[max(0, pos - _WINDOW) : pos]
    m = pattern.match(window[::-1])
    if m is None:
        return None
    start = pos - m.end("q")
    phrase = low[start : pos - m.start("q")]
    return start, phrase if " " not in phrase and "\n" not in phrase else " ".join(phrase.split())


def _prev_word(low: str, pos: int) -> str:
    """The whitespace-delimited word before `pos`, brackets and commas stripped."""
    if not pos or not low[pos - 1].isspace():
        return ""
    end = pos - 1
    while end and low[end - 1].isspace() and pos - end < 8:
        end -= 1
    word = low[low.rfind(" ", max(0, end - 24), end) + 1 : end]
    if not word.isalpha():
        word = word[max(word.rfind("\n"), word.rfind("\t"), word.rfind("\u00a0")) + 1 :]
        word = word.strip("([{\"'“‘«¿¡").rstrip(",;")
    return word


class _Noun(NamedTuple):
    word: str | None
    start: int | None
    end: int | None


_NO_NOUN: Final = _Noun(None, None, None)


Word = tuple[str, int, int]  # text, start, end
_NO_WORD: Final = ("", -1, -1)


def _word_after(low: str, pos: int) -> Word:
    """The word right after `pos` (same line or the next), or _NO_WORD."""
    m = _WORD_AFTER.match(low, pos)
    if m is None or low.startswith("://", m.end(1)):
        return _NO_WORD  # none, or a URL
    return m.group(1) + (m.group(2) or ""), m.start(1), m.end()


def _noun_after(low: str, first: Word, spanish_hint: bool) -> _Noun:
    """The counted noun from word `first` on: adjectives and 'of'/'de' (+ 'the'/'los') skipped.

    English puts the head last ("nine coca growers"), Spanish first ("seis manifestantes
    indígenas"); the language is guessed from the words around the noun phrase.
    """
    lex = _LEX
    classes = lex.word_class
    found: list[Word] = []
    skipped = ""
    stop = ""
    item = first
    c = classes.get(first[0], 0)
    plural = first[0][-1:] == "s" or first[0] in lex.irregular_plurals
    if c & _HEAD and plural and not c & (_MOD | _OF | _STOP):
        return _Noun(*first)  # "49 people", "200 protesters": no need to read on
    for _ in range(8):
        word = item[0]
        if not word:
            break
        c = classes.get(word, 0)
        if not found and not skipped and c & _OF:
            skipped = word
        elif not found and skipped and c & _DET:
            pass
        elif c & _STOP and not c & _MOD:
            stop = word
            break
        else:
            verb_like = c & _PART or (not c and word.endswith(("ed", "ing")))
            if found and verb_like:
                stop = word  # a verb after the noun: "people arrested", "nationalities entering"
                break
            found.append(item)
            if c & _PART or len(found) == 4:
                break
        item = _word_after(low, item[2])
    if not found:
        return _NO_NOUN
    if skipped:
        spanish = skipped != "of"
    elif stop in lex.stop_es_only or stop in lex.stop_en_only:
        spanish = stop in lex.stop_es_only
    else:
        spanish = spanish_hint or any(c in "áéíóúñ" for w in found for c in w[0])
    if len(found) == 1:
        word = found[0][0]
        if classes.get(word, 0) & _HEAD or word not in lex.modifiers:
            return _Noun(word, found[0][1], found[0][2])
        return _NO_NOUN
    known = [f for f in found if f[0] in lex.heads and f[0] not in lex.modifiers]
    known = known or [f for f in found if f[0] in lex.heads]
    if known:
        return _Noun(*(known[0] if spanish else known[-1]))
    rest = [f for f in found if f[0] not in lex.modifiers]
    if not rest:
        return _NO_NOUN
    if spanish:
        return _Noun(*rest[0])
    plurals = [f for f in rest if f[0][-1] == "s"]  # "defendants appear", "coca growers"
    return _Noun(*(plurals or rest)[-1])


@lru_cache(maxsize=4096)
def _count(kind: str | None, value: int) -> Count:
    if kind == MIN:
        return Count(value, value, None)
    if kind == APPROX:
        return Count(None, value, None)
    if kind == NEAR:
        return Count(None, value, value)
    if kind == MAX:
        return Count(None, None, value)
    return Count(value, value, value)


def _is_month(text: str, start: int, word: str) -> bool:
    """Whether `word` at `start` names a month ('May' only when capitalized)."""
    if word not in _LEX.months:
        return False
    return word not in _LEX.case_months or text[start : start + 1].isupper()


def _group_at(low: str, toks: list[_Token], i: int, relaxed: bool = False) -> _Group | None:
    """The number phrase at token i, looking back for 'a'/'un'/'half a'/'several'."""
    lex = _LEX
    tok = toks[i]
    if tok.digit:
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if nxt is None or nxt.start - tok.end > 6 or (nxt.digit and len(tok.text) > 3):
            # the common case: a lone digit string, nothing to join
            value = _digits_value(tok.text)
            if not isinstance(value, int):
                return None
            year_like = len(tok.text) == 4 and 1800 <= value <= 2100
            return _Group(tok.start, tok.end, value, i + 1, False, False, 0, None, True, year_like)
        return _parse_group(low, toks, i, None)
    word = tok.text
    if word in lex.vague:
        return _vague_group(low, toks, i, relaxed)
    if word in lex.mult or (word in lex.scale and word not in lex.standalone_scale):
        found = _tail(lex.prefix_re, low, tok.start)
        if found is None:
            return None
        start, phrase = found
        if phrase in lex.vague_prefixes:  # "several hundred", "a few dozen"
            value = lex.mult.get(word) or lex.scale[word]
            return _Group(start, tok.end, value, i + 1, True, False, 0, None, False, False)
        group = _parse_group(low, toks, i, lex.article_prefixes[phrase])
        return group._replace(start=start) if group else None
    return _parse_group(low, toks, i, None)


def _glued_left(low: str, start: int, digits: bool, size: int) -> bool:
    """Stuck to what precedes: ids, URLs, times, 'COVID-19', "'21", '$5'."""
    lc = low[start - 1] if start else " "
    if lc.isalnum() or lc in _GLUE_LEFT or lc in _CURRENCY:
        return True
    if lc in _DASHES and start >= 2 and low[start - 2].isalnum():
        return True
    if lc == " " and digits and start >= 2 and low[start - 2].isdigit():
        return True  # a run of digit groups: "+51 1 234 5678"
    return lc in "'’" and digits and size == 2


def _glued_right(low: str, end: int, grouped: bool = True) -> bool:
    """Stuck to what follows: '1990s', '3rd', '5km', '34%', '10:30', '25/07'.

    Once digit groups are joined ("1 300"), a digit after a space means a run of digits
    such as a phone number.
    """
    rc = low[end : end + 1]
    if rc.isalpha() or rc in "%°$€£":
        return True
    return rc in (":/ " if grouped else ":/") and low[end + 1 : end + 2].isdigit()


def _tokens(low: str) -> list[_Token]:
    """Digit strings and whole number words, in order."""
    toks = [_Token(m.start(), m.end(), m.group(), True) for m in _LEX.digits_re.finditer(low)]
    size = len(low)
    words = []
    for last, length in _LEX.automaton.iter_long(low):
        start = last - length + 1
        before = low[start - 1] if start else " "
        after = low[last + 1] if last + 1 < size else " "
        if not (before.isalnum() or before == "_" or after.isalnum() or after == "_"):
            words.append(_Token(start, last + 1, low[start : last + 1], False))
    if words:
        toks.extend(words)
        toks.sort()
    return toks


def _scan(text: str, relaxed: bool) -> list[CountMention]:
    low = _lower(text)
    toks = _tokens(low)
    out: list[CountMention] = []
    i = 0
    n = len(toks)
    size = len(low)
    while i < n:
        tok = toks[i]
        if tok.digit and not relaxed:
            lc = low[tok.start - 1] if tok.start else " "
            rc = low[tok.end] if tok.end < size else " "
            plain = (
                lc == " "
                and rc in _PLAIN_AFTER
                and not low[tok.start - 2 : tok.start - 1].isdigit()
            )
            if not plain and (
                _glued_left(low, tok.start, True, tok.end - tok.start)
                or _glued_right(low, tok.end, grouped=False)
            ):
                i += 1
                continue
            # the cheapest rejections first: "July 25", "Law 30151", "aged 17", "in 2021,"
            pw = _prev_word(low, tok.start)
            if _blocked_by_word(text, low, tok.start, pw) or (
                len(tok.text) == 4
                and rc in _YEAR_END
                and tok.text.isdigit()
                and 1800 <= int(tok.text) <= 2100
                and pw.rstrip(".:") not in _LEX.left_last_words
            ):
                i += 1 + _partner(low, toks, i)  # "January 11 to 13", "paragraphs 5 and 8"
                continue
        else:
            pw = None
        group = _group_at(low, toks, i, relaxed)
        if group is None:
            i += 1
            continue
        mention, i = _mention(text, low, toks, group, relaxed, pw, out[-1].end if out else 0)
        if mention is not None:
            out.append(mention)
    return out


def _mention(
    text: str,
    low: str,
    toks: list[_Token],
    g: _Group,
    relaxed: bool,
    pw: str | None = None,
    floor: int = 0,
) -> tuple[CountMention | None, int]:
    """Judge one number phrase in context; returns the mention (or None) and the next token.

    Cheap tests on the characters and the word around the number come first; the range,
    noun and right-context work only runs for numbers that survive them.
    """
    lex = _LEX
    nxt = g.next_index
    end = g.end
    if not relaxed:
        # _scan checked a lone digit string already, but for a following digit group
        if g.digits and toks[nxt - 1].start == g.start:
            glued = low[g.end : g.end + 1] == " " and low[g.end + 1 : g.end + 2].isdigit()
        else:
            glued = (not g.digits and _glued_left(low, g.start, False, 0)) or _glued_right(
                low, g.end
            )
        if glued:
            return None, nxt
    strong = False
    noun_from = -1
    right_kind: str | None = None
    if low[end : end + 1] in _DASHES:
        hm = _HYPHEN_WORD.match(low, end)
        if hm is not None:
            suffix = hm.group(1)
            if suffix in lex.strong:  # "a 3,000-strong crowd"
                strong = True
                noun_from = hm.end()
            elif "-" + suffix in lex.right_qualifier:  # "50-odd", "50-plus"
                right_kind = lex.right_qualifier["-" + suffix]
                end = hm.end()
            elif not relaxed:
                return None, nxt  # "17-year-old", "two-day", "one-third", "10-point"

    if pw is None:  # _scan looked at the word before digit strings already
        pw = _prev_word(low, g.start)
        if not relaxed and _blocked_by_word(text, low, g.start, pw):
            return None, nxt
    if not relaxed and g.digits and _excluded_by_place(text, low, g):
        return None, nxt

    # what stands before: a qualifier ("at least", "unos", "~"), a clock or age cue
    kind: str | None = None
    qual_lang = ""
    start = g.start
    left_cue = ""
    q = None
    if pw.rstrip(".:") in lex.left_last_words:
        q = _tail(lex.left_re, low, g.start)
    if q is not None:
        cue_start, phrase = q
        kind_or_cue, lang = lex.left[phrase]
        if kind_or_cue in _QUALIFIER_KINDS:
            start, kind, qual_lang = cue_start, kind_or_cue, lang
        else:
            left_cue = kind_or_cue
    elif g.start and low[g.start - 1] in "~≈":
        kind, start = APPROX, g.start - 1
    if start != g.start:
        pw = _prev_word(low, start)
    first_from = g.end  # where `first`, the word after the number, was read
    first = _word_after(low, g.end)
    if (
        not relaxed
        and first[0] in lex.ratio_first
        and nxt < len(toks)
        and toks[nxt].start - g.end <= 12
    ):
        # "one in five", "7 out of 10", "uno de cada diez": a ratio, not a count
        gap = " ".join(low[g.end : toks[nxt].start].split())
        ratio = _group_at(low, toks, nxt) if gap in lex.ratio_connectors else None
        if ratio is not None and ratio.start == toks[nxt].start:
            return None, ratio.next_index
    if not relaxed and _excluded_by_left(g, kind, left_cue, first, pw):
        return None, nxt

    # ranges: "between 40 and 50", "40-50", "40 to 50", "entre 40 y 50", "two or three"
    is_range = False
    low_value = g.value
    last = g
    if (
        not g.vague
        and not strong
        and right_kind is None
        and nxt < len(toks)
        and toks[nxt].start - g.end <= 8
    ):
        opener = pw.rstrip(".:")
        gap = low[g.end : toks[nxt].start]
        connector = " ".join(gap.split()) or gap
        if connector in ("-", "—") and gap != connector:
            connector = ""  # "March 28 - Thirty-eight migrants": a dateline dash
        allowed = lex.range_openers.get(opener, frozenset()) | lex.range_connectors
        g2 = _group_at(low, toks, nxt) if connector in allowed else None
        if g2 is not None and not g2.vague and g2.start == toks[nxt].start:
            first_value = g.value
            if g2.scale and not g.scale and first_value < g2.scale:
                first_value *= g2.scale  # "between 2 and 3 million"
            hyphen = connector in _DASHES
            changing = connector in lex.change_connectors and _rise_before(low, start)
            if (
                hyphen
                and g.digits
                and g2.digits
                and (
                    (_phone_like(g, g2, toks) and _word_after(low, g2.end)[0] not in lex.heads)
                    or low[g2.end : g2.end + 1] in _DASHES
                )
            ):
                if not relaxed:
                    return None, g2.next_index
            elif g2.value > first_value and not changing:
                if not relaxed and _glued_right(low, g2.end):
                    return None, g2.next_index
                is_range = True
                low_value = first_value
                last = g2
                end = g2.end
                nxt = g2.next_index
                opened = connector in lex.range_openers.get(opener, ())
                if opened and kind is None:
                    start = low.rfind(opener, max(0, start - 24), start)
            elif hyphen and not relaxed:
                return None, g2.next_index  # a score ("3-1")

    # what stands after: "or more", "50+"; percent, clock and month words
    if end != first_from:
        first_from, first = end, _word_after(low, end)
    if right_kind is None and (first[0] in lex.right_first_words or "+" in low[end : end + 2]):
        rq = lex.right_qualifier_re.match(low, end)
        if rq is not None:
            if rq.group("g"):
                right_kind = MIN
            else:
                right_kind = lex.right_qualifier[" ".join(rq.group("q").split())]
            end = rq.end()
    if right_kind is not None and kind is None:
        kind = right_kind
    if (noun_from if strong else end) != first_from:
        first = _word_after(low, noun_from if strong else end)
    plain_word = first[1] == last.end + 1 and first[0] not in lex.right_first
    if not relaxed and not plain_word and _excluded_by_right(text, low, last):
        return None, nxt

    noun = _noun_after(low, first, qual_lang == "es")
    if not relaxed and _excluded_by_noun(g, kind, qual_lang, noun, is_range, pw, first):
        return None, nxt

    if start < floor:  # "1 and more than 50": "more" belongs to the mention before
        if g.start < floor:
            return None, nxt
        start, kind = g.start, right_kind
    approximate = g.vague or kind in (APPROX, NEAR, MAX) or (g.inherent_approx and kind is None)
    if g.vague:
        count = Count(g.value, None, None)
    elif is_range:
        count = Count(low_value, None, last.value)
    elif g.inherent_approx and kind is None:
        count = Count(None, g.value, None)
    else:
        count = _count(kind, g.value)
    word = noun.word.lower() if noun.word is not None else None
    mention = CountMention(
        start, end, text[start:end], count, word, noun.start, noun.end, approximate
    )
    return mention, nxt


def _rise_before(low: str, pos: int) -> bool:
    """'rose from 40 to 49' is a change of a figure, not a range."""
    window = low[max(0, pos - 32) : pos]
    return any(w.strip(".,;:") in _LEX.rise_verbs for w in window.split()[-3:])


def _phone_like(g: _Group, g2: _Group, toks: list[_Token]) -> bool:
    left, right = toks[g.next_index - 1].text, toks[g2.next_index - 1].text
    return left.isdigit() and right.isdigit() and (len(left), len(right)) in ((3, 4), (4, 4))


def _partner(low: str, toks: list[_Token], i: int) -> int:
    """1 when token i + 1 is the other end of a date or reference range with token i."""
    if i + 1 >= len(toks) or not toks[i + 1].digit or toks[i + 1].start - toks[i].end > 6:
        return 0
    gap = " ".join(low[toks[i].end : toks[i + 1].start].split()) or "-"
    if gap not in _PARTNER_GAPS:
        return 0
    return 0 if _word_after(low, toks[i + 1].end)[0] in _LEX.heads else 1


def _blocked_by_word(text: str, low: str, start: int, pw: str) -> bool:
    """Document numbers, money, ages and dates, told by the word before the number."""
    lex = _LEX
    if not pw or (pw not in lex.word_before_block and pw.rstrip(".:") not in lex.word_before_block):
        return False
    bare = pw.rstrip(".:")
    if bare in lex.doc_words or pw in lex.doc_words or pw in lex.money_prefixes:
        return True
    if bare in lex.age_left:
        return True
    if bare in lex.months:
        month_at = low.rfind(bare, max(0, start - 24), start)
        between = low[month_at + len(bare) : start] if month_at != -1 else ""
        if "," in between or ";" in between:
            return False  # "On 23 February, 79 detainees": the date ended at the comma
        digits = re.match(r"\d+", low[start:])
        if digits is None or int(digits.group()) > 31:
            return False  # "enero tres jóvenes", "February 79": not a day of that month
        return _is_month(text, month_at, bare)
    return False


def _excluded_by_place(text: str, low: str, g: _Group) -> bool:
    """List markers ('1. The Committee') and ages in apposition ('Gomez, 23,')."""
    if g.digits:
        after = low[g.end : g.end + 1]
        if after in (".", ")") and _list_marker(low, g.start, g.end):
            return True
        before = low[g.start - 2 : g.start]
        apposition = before == ", " or before[-1:] == "("
        if apposition and g.value < 130 and _age_apposition(text, g.start, g.end):
            return True
    return False


def _excluded_by_left(g: _Group, kind: str | None, left_cue: str, first: Word, pw: str) -> bool:
    """Ages and clock times after a cue ('as young as', 'a las'); bare years."""
    if left_cue == "age" or (left_cue == "time" and kind is None):
        return True
    if g.single in _LEX.one_words and first[0] in _LEX.one_of:
        return True  # "one of"
    if g.year_like and kind is None:
        # a year unless people are counted right after it ("1999 people", not "2021 protests",
        # nor "in 2019 people marched")
        if pw.rstrip(",.:") in _LEX.year_left:
            return True
        return first[1] - g.end != 1 or first[0] not in _LEX.people
    return False


def _excluded_by_right(text: str, low: str, last: _Group) -> bool:
    """'34 percent', '34 %', '10 a.m.', '25 de julio', '25 July'."""
    lex = _LEX
    rm = lex.right_re.match(low, last.end)
    if rm is None:
        return False
    phrase = rm.group("q")
    what = lex.right[" ".join(phrase.split())]
    if what == "percent" or (what == "time" and last.digits):
        return True
    month = phrase.rsplit(None, 1)[-1]
    return what == "month" and _is_month(text, rm.end("q") - len(month), month)


def _excluded_by_noun(
    g: _Group,
    kind: str | None,
    qual_lang: str,
    noun: _Noun,
    is_range: bool,
    pw: str,
    first: Word,
) -> bool:
    """Durations, money, measures; years, 'one', 'once' and bare words without a noun."""
    lex = _LEX
    head = noun.word
    if head in lex.excluded_heads:
        return True
    if head is None and (g.value == 0 or (g.digits and g.value <= 31 and pw in lex.day_articles)):
        return True  # "margin: 0", "el 3 y el 13 de octubre"
    if is_range and g.year_like and kind is None and head not in lex.people:
        return True  # "2019 to 2021", "2022-2023"
    single = g.single
    if single is None:
        return False
    if single in lex.es_one:
        return True  # Spanish "un/una/uno" alone is an article or a pronoun
    bare = pw.rstrip(".:")
    has_noun = head is not None
    if single in lex.one_words:
        if bare in lex.one_blockers or (not has_noun and kind is None):
            return True
        if first[0] in lex.one_of:
            return True  # "one of"
    if single in lex.need_cue:  # "once" is English far more often than Spanish 11
        cue = bare in lex.stop_es_only
        if not (head in lex.people_es or qual_lang == "es" or cue):
            return True
    return not has_noun and kind is None and not is_range and bare in lex.bare_blockers


def _list_marker(low: str, start: int, end: int) -> bool:
    """'1. The Committee...' or '2) ...' at the start of a line."""
    if low[end : end + 1] not in (".", ")") or not low[end + 1 : end + 2].isspace():
        return False
    line_start = low.rfind("\n", max(0, start - 8), start) + 1
    return (line_start > 0 or start < 8) and low[line_start:start].strip() == ""


def _age_apposition(text: str, start: int, end: int) -> bool:
    """'Christian Hernandez, 24, said' and 'Gomez (23)'."""
    after = text[end : end + 2]
    if text[start - 2 : start] == ", ":
        if not (after[:1] in (",", ";", ")") or after in (". ", ".") or end == len(text)):
            return False
        before = text[max(0, start - 40) : start - 2].rsplit(None, 1)
    elif text[start - 1 : start] == "(" and after[:1] == ")":
        before = text[max(0, start - 40) : start - 1].rstrip().rsplit(None, 1)
    else:
        return False
    return bool(before) and before[-1][:1].isupper() and before[-1].isalpha()


def find_counts(text: str) -> list[CountMention]:
    """Every count of people or things in `text`, in order of position.

    Money, percentages, years, dates, times, ages, ordinals, document numbers, durations,
    phone numbers, scores and measurements are left out.
    """
    return _scan(text, relaxed=False)


def parse_number(text: str) -> int | None:
    """The integer written in `text` ('1,300', 'forty-nine', 'dos millones'), else None."""
    lex = _LEX
    low = _lower(text.strip())
    toks = _tokens(low)
    if not toks:
        return None
    head = " ".join(low[: toks[0].start].split())
    if head and head not in lex.article_prefixes:
        return None
    if toks[0].text in lex.vague and not head and (len(toks) == 1 or toks[0].text not in lex.mult):
        return None
    group = _parse_group(low, toks, 0, lex.article_prefixes.get(head) if head else None)
    if group is None or group.next_index != len(toks) or low[group.end :].strip():
        return None
    return group.value


def parse_count(phrase: str) -> Count | None:
    """The Count of a qualifier + number phrase ('at least 49', 'decenas', 'entre 40 y 50')."""
    stripped = phrase.strip()
    if not stripped:
        return None
    offset = phrase.index(stripped[0])
    mentions = _scan(phrase, relaxed=True)
    if mentions and mentions[0].start == offset:
        return mentions[0].count
    return None


def is_partial(text: str, mention: CountMention) -> bool:
    """Whether the count is a subset of a total given before ('including 12 children')."""
    before = " ".join(text[max(0, mention.start - _WINDOW) : mention.start].lower().split())
    before = before.rstrip(" ,:;—–-(")
    for cue in _LEX.partial_before:
        if before.endswith(cue):
            cut = len(before) - len(cue)
            if cut == 0 or not before[cut - 1].isalnum():
                return True
    after = " ".join(text[mention.end : mention.end + _WINDOW].lower().split())
    for cue in _LEX.partial_after:
        if after.startswith(cue) and (len(after) == len(cue) or not after[len(cue)].isalnum()):
            return True
    return False
