"""Publication dates and event periods in English and Spanish news text.

Dates are partial ISO strings of the precision the text supports: "2023", "2023-02",
"2023-02-14". The language knowledge (month and weekday names, relative phrases, connectors)
lives in data/dates.json; this module compiles it into a few regexes whose quantifiers are all
bounded, so matching stays linear in the length of the text.

Choices for vague expressions:
- "early/mid/late 2022", "a principios/mediados/finales de 2022": Jan-Jun, Apr-Sep, Jul-Dec.
  Wide on purpose: a period should contain the events rather than guess their month. With a
  month ("late December", "a finales de diciembre") the month itself.
- "earlier this year", "a principios de este año": the publication year.
- "in recent months", "en los últimos años", "the past few weeks": 3 units back to publication.
- "over the past two years", "in the past year": N (default 1) units back to publication.
- a month or day without a year ("July 25", "in December"): the latest one not after
  publication; "last March", "el pasado marzo": strictly before the publication month.
- "on Wednesday", "el miércoles": the latest such weekday on or before publication ("last
  Wednesday": strictly before).
- a publication date of month or year precision counts from its last day, and results finer
  than it are cut to its precision.
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from email.utils import parsedate
from functools import lru_cache
from importlib import resources
from typing import Any

from .prefilter import first_class

__all__ = [
    "Period",
    "find_periods",
    "find_publication_date",
    "is_statement_date",
    "parse_date",
    "period_rank",
    "resolve_period",
]

YEAR, MONTH, DAY = 1, 2, 3  # precisions of a partial date


@dataclass(frozen=True)
class Period:
    """A time expression found in a text and the dates it stands for."""

    start: str | None
    end: str | None
    span_start: int
    span_end: int
    text: str
    rule: str


def _load_data() -> dict[str, Any]:
    raw = resources.files("hrtracker.extract").joinpath("data/dates.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


_DATA = _load_data()

# ---------------------------------------------------------------------------------------------
# Vocabulary

_S = r"\s{1,8}"  # whitespace between words, bounded


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _literal(phrase: str) -> str:
    """A phrase as a regex. Spanish "de" also matches "del": "finales de/del 2022"."""
    return "".join(_literal_parts(phrase))


def _literal_parts(phrase: str) -> tuple[str, str]:
    """A phrase's regex in two parts: the word boundary before it, and the rest."""
    words = ("del?" if w.lower() == "de" else re.escape(w) for w in phrase.split())
    body = _S.join(words)
    if re.search(r"\w$", phrase):
        body += r"(?!\w)"
    return (r"(?<!\w)" if re.match(r"\w", phrase) else ""), body


def _alternation(phrases: Iterable[str]) -> str:
    ordered = sorted({p.strip() for p in phrases if p.strip()}, key=lambda p: (-len(p), p))
    return _by_first_letter([(p, *_literal_parts(p)) for p in ordered])


def _by_first_letter(alternatives: list[tuple[str, str, str]]) -> str:
    """An alternation of (phrase, boundary before, regex starting with the phrase's first
    letter), for case-insensitive patterns, grouped by first letter: "j(?:anuary|une|uly)".
    The engine then rejects a position with one test per letter instead of one per phrase.
    Phrases with different first letters never match at the same position, and each group
    keeps the given order, so the same alternative wins as in the flat alternation. A group
    shares its boundary: the same first letter is a word character for all or for none."""
    groups: dict[str, list[tuple[str, str, str]]] = {}
    for alternative in alternatives:
        groups.setdefault(alternative[0][0].lower(), []).append(alternative)
    parts = []
    for group in groups.values():
        phrase, before, regex = group[0]
        if len(group) == 1:
            parts.append(before + regex)
            continue
        first = re.escape(phrase[0])
        rests = (rest[len(re.escape(p[0])) :] for p, _, rest in group)
        parts.append(before + first + "(?:" + "|".join(rests) + ")")
    return "(?:" + "|".join(parts) + ")"


def _merged(section: dict[str, dict[str, int]]) -> dict[str, int]:
    return {word: value for names in section.values() for word, value in names.items()}


_MONTHS = _merged(_DATA["months"])
_MONTH_ABBR: dict[str, int] = dict(_DATA["month_abbreviations"])
_MONTH_NUMBER = {**_MONTH_ABBR, **_MONTHS}
_CAPITALIZED_ONLY = frozenset(_DATA["capitalized_only"])
_WEEKDAYS = _merged(_DATA["weekdays"])
_NUMBERS: dict[str, int] = dict(_DATA["numbers"])
_UNITS: dict[str, tuple[str, bool]] = {}  # word -> (unit, plural)
for _unit, _words in _DATA["units"].items():
    _UNITS.update({w: (_unit, False) for w in _words["singular"]})
    _UNITS.update({w: (_unit, True) for w in _words["plural"]})
_VAGUE_COUNT: int = _DATA["vague_count"]
_ORDINALS: dict[str, int] = dict(_DATA["ordinals"])
_YEAR_PARTS: dict[str, int] = dict(_DATA["year_parts"])
_QUALIFIER_KIND = {_norm(q): kind for kind, qs in _DATA["qualifiers"].items() for q in qs}
_QUALIFIER_MONTHS = {kind: (v[0], v[1]) for kind, v in _DATA["qualifier_months"].items()}
_DECADE_WORDS: dict[str, int] = dict(_DATA["decade_words"])
_NOT_PERIODS = tuple(_norm(p) for p in _DATA["not_periods"])
_NUMBER_PREFIXES = frozenset(_DATA["number_prefixes"])
_COUNT_NOUNS = frozenset(_DATA["count_nouns"])


def _month_pattern() -> str:
    names = [(n, "", re.escape(n) + r"(?!\w)") for n in _MONTHS]
    names += [(a, "", re.escape(a) + r"(?!\w)\.?") for a in _MONTH_ABBR]
    names.sort(key=lambda item: -len(item[0]))
    return r"(?<!\w)" + _by_first_letter(names)


# ---------------------------------------------------------------------------------------------
# Templates. "{NAME}" is a vocabulary placeholder (a named group: month, month_2, ...) or a
# macro (plain text, expanded first). All quantifiers are bounded.

_SUB: dict[str, str] = {
    "MONTH": _month_pattern(),
    "WEEKDAY": _alternation(_WEEKDAYS),
    "DAY": r"(?<![\w.,])(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th|\.?º|°|ro)?(?!\w|[.,:]\d)",
    "YEAR": r"(?<![\w.,$€£#/])(?:19|20)\d{2}(?![\w%]|[.,]\d)",
    "NUMYEAR": r"\d{4}",
    "NUMMONTH": r"\d{1,2}",
    "NUMDAY": r"\d{1,2}",
    "NUM": r"(?:(?<![\w.,])\d{1,3}(?!\w|[.,]\d)|" + _alternation(_NUMBERS) + ")",
    "UNIT": _alternation(_UNITS),
    "QUAL": _alternation(_QUALIFIER_KIND),
    "ORD": _alternation(_ORDINALS),
    "PART": _alternation(_YEAR_PARTS),
    "THISYEAR": _alternation(_DATA["year_this"]),
    "LASTYEAR": _alternation(_DATA["year_last"]),
    "DECWORD": _alternation(_DECADE_WORDS),
    "ART": _alternation(_DATA["articles"]),
    "SINCE": _alternation(_DATA["since"]),
    "BETWEEN": _alternation(_DATA["range_between"]["open"]),
    "AND": _alternation(_DATA["range_between"]["close"]),
    "FROM": _alternation(_DATA["range_from"]["open"]),
    "TO": _alternation(_DATA["range_from"]["close"]),
    "MONTHCTX": _alternation(_DATA["month_context"]),
    "LABEL": _alternation(_DATA["publication_labels"]),
    "BYLINE": _alternation(_DATA["byline_openers"]),
    "LEADING": _alternation(_DATA["leading_words"]),
}
_MACROS: dict[str, str] = {
    "S": _S,
    "S0": r"\s{0,8}",
    "QSEP": r"(?:\s{1,8}|(?<=-))",  # after a qualifier: a space, or nothing after "mid-"
    "OF": r"(?:(?:del?|of){S})?",
    "WD": r"(?:{WEEKDAY},?{S}(?:el{S})?)?",  # "Wednesday, ", "el miércoles "
    "ISOTIME": r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?",
    # one end of a range: "the 7th", "late 2022", "finales de diciembre"
    "ENDPOINT": r"(?:{ART}{S})?(?:{QUAL}{QSEP})?{DATE}",
    # between two days: "6-10", "7 to 12", "del 7 al 12"; "and"/"y" only when a month follows
    "DAYSEP": r"(?:{S0}[-–]{S0}|{S}(?:to|through|until|till|and|al|a|y|hasta){S}(?:el{S})?)",
    "DAYTO": r"(?:{S0}[-–]{S0}|{S}(?:to|through|until|till|al|hasta){S}(?:el{S})?)",
    "OPEN": r"(?:(?:{BETWEEN}|{FROM}){S}(?:{ART}{S})?)?",
}
_PLACEHOLDER = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")


def _expand(template: str, named: bool = True) -> str:
    """Expand macros, then placeholders: named groups month, month_2, ... in order."""
    for _ in range(10):  # macros nest a few levels deep
        expanded = _PLACEHOLDER.sub(lambda m: _MACROS.get(m.group(1), m.group(0)), template)
        if expanded == template:
            break
        template = expanded
    counts: dict[str, int] = {}

    def sub(m: re.Match[str]) -> str:
        key = m.group(1)
        if not named:
            return f"(?:{_SUB[key]})"
        counts[key] = counts.get(key, 0) + 1
        name = key.lower() if counts[key] == 1 else f"{key.lower()}_{counts[key]}"
        return f"(?P<{name}>{_SUB[key]})"

    return _PLACEHOLDER.sub(sub, template)


def _compile(template: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(_expand(template), re.IGNORECASE | flags)


# One explicit date, most specific form first (parsing takes the first that fits).
_FORMS: tuple[tuple[str, str], ...] = (
    ("date.iso", r"(?<![\w/.\-]){NUMYEAR}[-/]{NUMMONTH}[-/]{NUMDAY}{ISOTIME}(?![\w/\-])"),
    ("date.numeric", r"(?<![\w/.\-]){NUMDAY}[/.]{NUMMONTH}[/.]{NUMYEAR}(?![\w/]|[.\-]\d)"),
    ("date.month_day_year", r"{WD}{MONTH}{S}{DAY},?{S}{YEAR}"),
    ("date.day_month_year", r"{WD}{DAY}{S}{OF}{MONTH},?{S}{OF}{YEAR}"),
    ("date.month_year", r"{MONTH},?{S}{OF}{YEAR}"),
    ("date.month_day", r"{WD}{MONTH}{S}{DAY}"),
    ("date.day_month", r"{WD}{DAY}{S}{OF}{MONTH}"),
    ("date.month", r"{MONTH}"),
    ("date.year", r"{YEAR}"),
)
_FORM_RES = tuple((rule, _compile(template)) for rule, template in _FORMS)


def _forms(*rules: str) -> str:
    return "|".join(_expand(t, named=False) for rule, t in _FORMS if rule in rules)


# What every explicit date starts with: a digit, a month or a weekday. Checked first, it
# rejects most word starts at once instead of trying each form there.
_DATE_HEAD = rf"(?=\d|{_SUB['MONTH']}|{_SUB['WEEKDAY']})"
_SUB["DATE"] = _DATE_HEAD + "(?:" + _forms(*(rule for rule, _ in _FORMS)) + ")"
_SUB["PUBDATE"] = _forms(
    "date.iso", "date.numeric", "date.month_day_year", "date.day_month_year", "date.month_year"
)
_MONTH_RE = re.compile(_SUB["MONTH"], re.IGNORECASE)
_WEEKDAY_RE = re.compile(_SUB["WEEKDAY"], re.IGNORECASE)
_NUM_RE = re.compile(_SUB["NUM"], re.IGNORECASE)
_UNIT_RE = re.compile(_SUB["UNIT"], re.IGNORECASE)

# ---------------------------------------------------------------------------------------------
# Partial dates and the publication anchor


@dataclass(frozen=True)
class _Parts:
    year: int | None
    month: int | None
    day: int | None


@dataclass(frozen=True)
class _Anchor:
    day: date  # last day of the published period
    precision: int
    text: str  # the published date, normalized


def _iso(year: int, month: int | None = None, day: int | None = None) -> str:
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _fmt(day: date, precision: int) -> str:
    month = day.month if precision >= MONTH else None
    return _iso(day.year, month, day.day if precision >= DAY else None)


def _valid(parts: _Parts) -> bool:
    if parts.year is not None and not 1000 <= parts.year <= 2999:
        return False
    if parts.month is None:
        return parts.day is None and parts.year is not None
    if not 1 <= parts.month <= 12:
        return False
    if parts.day is None:
        return True
    last = calendar.monthrange(parts.year or 2000, parts.month)[1]  # yearless: Feb 29 is fine
    return 1 <= parts.day <= last


def _month_shift(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + delta
    return index // 12, index % 12 + 1


def _first_day(value: str) -> date:
    parts = [int(p) for p in value.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _last_day(value: str) -> date:
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return date(parts[0], parts[1], parts[2])
    month = parts[1] if len(parts) == 2 else 12
    return date(parts[0], month, calendar.monthrange(parts[0], month)[1])


_ISO_PARTIAL = re.compile(
    r"\s{0,8}(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?\s{0,2}(?:Z|[+-]\d{2}:?\d{2}|[A-Z]{2,5})?)?"
    r"\s{0,8}"
)


def _parse_iso(value: str) -> _Parts | None:
    """ "2021", "2021-10", "2021-10-20", "2021-10-20T14:00:00Z" -> parts."""
    m = _ISO_PARTIAL.fullmatch(value)
    if not m:
        return None
    parts = _Parts(*(int(g) if g else None for g in m.groups()))
    return parts if _valid(parts) else None


@lru_cache(maxsize=256)
def _anchor(published: str | None) -> _Anchor | None:
    parts = _parse_iso(published) if published else None
    if parts is None or parts.year is None:
        return None
    if parts.month is None:
        return _Anchor(date(parts.year, 12, 31), YEAR, _iso(parts.year))
    if parts.day is None:
        last = calendar.monthrange(parts.year, parts.month)[1]
        return _Anchor(date(parts.year, parts.month, last), MONTH, _iso(parts.year, parts.month))
    day = date(parts.year, parts.month, parts.day)
    return _Anchor(day, DAY, _fmt(day, DAY))


def _month_number(token: str, strict: bool) -> int | None:
    key = token.lower().rstrip(".")
    if strict and key in _CAPITALIZED_ONLY and not token[:1].isupper():
        return None  # "may", "march": verbs unless capitalized
    return _MONTH_NUMBER.get(key)


def _day_number(token: str) -> int:
    digits = re.match(r"\d{1,2}", token)  # "25th", "1.º", "07"
    return int(digits.group()) if digits else 0


def _parse_parts(text: str, strict: bool) -> _Parts | None:
    """Read one explicit date ("15 de julio de 2022", "Oct. 4", "2021-10-20") into parts."""
    for rule, regex in _FORM_RES:
        m = regex.fullmatch(text)
        if not m:
            continue
        g = m.groupdict()
        month: int | None = None
        if g.get("month"):
            month = _month_number(g["month"], strict)
            if month is None:
                continue
        elif g.get("nummonth"):
            month = int(g["nummonth"])
        year = g.get("year") or g.get("numyear")
        day_text = g.get("day") or g.get("numday")
        day = _day_number(day_text) if day_text else None
        if rule == "date.numeric" and month and day and month > 12 >= day:
            month, day = day, month  # day-first unless impossible: "10/20/2021"
        parts = _Parts(int(year) if year else None, month, day)
        if _valid(parts):
            return parts
    return None


def _with_year(parts: _Parts, anchor: _Anchor | None) -> _Parts | None:
    """Give a yearless date the latest year that does not put it after publication."""
    if parts.year is not None:
        return parts if _valid(parts) else None
    if anchor is None or parts.month is None:
        return None
    year = anchor.day.year
    if anchor.precision > YEAR:
        pub = (anchor.day.month, anchor.day.day if anchor.precision == DAY else 31)
        if (parts.month, parts.day or 1) > pub:
            year -= 1
    for candidate in range(year, year - 4, -1):  # Feb 29 needs a leap year
        full = _Parts(candidate, parts.month, parts.day)
        if _valid(full):
            return full
    return None


def _parts_iso(parts: _Parts) -> str:
    assert parts.year is not None
    return _iso(parts.year, parts.month, parts.day)


_Span = tuple[str | None, str | None]
_UNRESOLVED: _Span = (None, None)  # a time expression that needs a publication date


def _single(parts: _Parts | None, anchor: _Anchor | None) -> _Span | None:
    if parts is None:
        return None
    if parts.year is None and anchor is None:
        return _UNRESOLVED
    full = _with_year(parts, anchor)
    if full is None:
        return None
    value = _parts_iso(full)
    return value, value


def _range(first: _Parts | None, last: _Parts | None, anchor: _Anchor | None) -> _Span | None:
    """Resolve "between A and B": missing years come from the other end, then publication."""
    if first is None or last is None:
        return None
    if first.year is None and first.month is None:  # bare day: "from 7 to 12 December"
        first = _Parts(last.year, last.month, first.day)
    if last.year is None and first.year is not None and last.month is not None:
        later = (last.month, last.day or 31) >= (first.month or 1, first.day or 1)
        last = _Parts(first.year if later else first.year + 1, last.month, last.day)
    if last.year is None:
        if anchor is None:
            return _UNRESOLVED
        resolved = _with_year(last, anchor)
        if resolved is None:
            return None
        last = resolved
    if first.year is None and last.year is not None and first.month is not None:
        earlier = (first.month, first.day or 1) <= (last.month or 12, last.day or 31)
        first = _Parts(last.year if earlier else last.year - 1, first.month, first.day)
    if not (_valid(first) and _valid(last)):
        return None
    return _parts_iso(first), _parts_iso(last)


# ---------------------------------------------------------------------------------------------
# Rule handlers: a match and the publication anchor in, (start, end) out; None rejects the match.

_Handler = Callable[[re.Match[str], _Anchor | None], _Span | None]


def _explicit(m: re.Match[str], anchor: _Anchor | None) -> _Span | None:
    return _single(_parse_parts(m.groupdict().get("core") or m.group(0), strict=True), anchor)


def _qualifier_kind(text: str) -> str | None:
    qual = _norm(text)
    return _QUALIFIER_KIND.get(qual[:-1] if qual.endswith(" del") else qual)


def _qualify(parts: _Parts | None, qual: str | None, end: bool) -> _Parts | None:
    """A qualified bare year as one end of a range: "late 2022" ends in December."""
    kind = _qualifier_kind(qual) if qual else None
    if parts is None or kind is None or parts.month is not None:
        return parts
    months = _QUALIFIER_MONTHS[kind]
    return _Parts(parts.year, months[1] if end else months[0], None)


def _two_dates(m: re.Match[str], anchor: _Anchor | None) -> _Span | None:
    groups = m.groupdict()
    first = _qualify(_parse_parts(m.group("date"), True), groups.get("qual"), end=False)
    last = _qualify(_parse_parts(m.group("date_2"), True), groups.get("qual_2"), end=True)
    return _range(first, last, anchor)


def _day_range(m: re.Match[str], anchor: _Anchor | None) -> _Span | None:
    month = _month_number(m.group("month"), strict=True)
    first, last = _day_number(m.group("day")), _day_number(m.group("day_2"))
    if month is None or first >= last:
        return None
    year = int(m.group("year")) if m.group("year") else None
    return _range(_Parts(None, None, first), _Parts(year, month, last), anchor)


def _year_range(m: re.Match[str], anchor: _Anchor | None) -> _Span | None:
    first, second = int(m.group("year")), m.group("yy")
    last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
    if not first < last <= first + 100:
        return None
    return str(first), str(last)


def _since(m: re.Match[str], anchor: _Anchor | None) -> _Span | None:
    parts = _qualify(_parse_parts(m.group("date"), strict=True), m.group("qual"), end=False)
    span = _single(parts, anchor)
    if span is None:
        return None
    return span[0], anchor.text if anchor else None


def _decade(m: re.Match[str], anchor: _Anchor | None) -> _Span | None:
    token = m.group("decade").lower()
    value = _DECADE_WORDS.get(token) or int(token)
    start = value if value >= 1000 else 1900 + value  # "los años 80", "the '90s"
    return str(start), str(start + 9)


def _part_of_year(m: re.Match[str], anchor: _Anchor | None) -> _Span | None:
    size = _YEAR_PARTS[_norm(m.group("part"))]
    index = _ORDINALS[_norm(m.group("ord"))]
    if index * size > 12:
        return None
    first_month, last_month = (index - 1) * size + 1, index * size
    if m.group("year"):
        year = int(m.group("year"))
    elif anchor is None:
        return _UNRESOLVED
    elif m.group("lastyear"):
        year = anchor.day.year - 1
    elif m.group("thisyear") or anchor.precision == YEAR or first_month <= anchor.day.month:
        year = anchor.day.year
    else:
        year = anchor.day.year - 1  # "the fourth quarter", said in March
    return _iso(year, first_month), _iso(year, last_month)


def _qualified(m: re.Match[str], anchor: _Anchor | None) -> _Span | None:
    kind = _qualifier_kind(m.group("qual"))
    year_text = m.group("year") or m.group("year_2")
    year = int(year_text) if year_text else None
    if kind is None:
        return None
    if m.group("month"):
        return _single(_Parts(year, _month_number(m.group("month"), strict=True), None), anchor)
    assert year is not None
    first, last = _QUALIFIER_MONTHS[kind]
    return _iso(year, first), _iso(year, last)


def _relative(m: re.Match[str], anchor: _Anchor | None) -> _Span | None:
    kind = m.lastgroup or ""
    head = _norm(m.string[m.start(kind) : m.start(kind) + 40])
    if any(head.startswith(p) for p in _NOT_PERIODS):
        return None
    if anchor is None:
        return _UNRESOLVED
    pub = anchor.day
    days = min(DAY, anchor.precision)
    if kind in ("relative_year", "last_year"):
        value = _iso(pub.year - (kind == "last_year"))
        return value, value
    if kind in ("this_month", "last_month"):
        year, month = _month_shift(pub.year, pub.month, -1 if kind == "last_month" else 0)
        value = _fmt(date(year, month, 1), min(MONTH, anchor.precision))
        return value, value
    if kind in ("this_week", "last_week"):
        back = pub.weekday() if kind == "this_week" else 7
        return _fmt(pub - timedelta(days=back), days), _fmt(pub, days)
    back = {"today": 0, "yesterday": 1, "day_before_yesterday": 2}[kind]
    value = _fmt(pub - timedelta(days=back), days)
    return value, value


def _named_month(which: str) -> _Handler:
    """Resolve "last March" (which="last"), "March this year" ("this"), "March last year"."""

    def handler(m: re.Match[str], anchor: _Anchor | None) -> _Span | None:
        token = _MONTH_RE.search(m.group(0))
        month = _month_number(token.group(0), strict=True) if token else None
        if month is None:
            return None
        if anchor is None:
            return _UNRESOLVED
        year = anchor.day.year
        if which == "previous" or (which == "last" and month >= anchor.day.month):
            year -= 1
        value = _iso(year, month)
        return value, value

    return handler


def _weekday(strict: bool) -> _Handler:
    def handler(m: re.Match[str], anchor: _Anchor | None) -> _Span | None:
        token = _WEEKDAY_RE.search(m.group(0))
        if token is None:
            return None
        if anchor is None:
            return _UNRESOLVED
        back = (anchor.day.weekday() - _WEEKDAYS[token.group(0).lower()]) % 7
        if strict and back == 0:
            back = 7
        value = _fmt(anchor.day - timedelta(days=back), min(DAY, anchor.precision))
        return value, value

    return handler


_UNIT_PRECISION = {"day": DAY, "week": DAY, "month": MONTH, "year": YEAR, "decade": YEAR}


def _back(anchor: _Anchor, count: int, unit: str) -> str | None:
    """The publication date minus `count` units, at the unit's precision."""
    pub = anchor.day
    if unit in ("year", "decade"):
        year = pub.year - count * (10 if unit == "decade" else 1)
        value = date(year, 1, 1) if year >= 1000 else None
    elif unit == "month":
        year, month = _month_shift(pub.year, pub.month, -count)
        value = date(year, month, 1)
    else:
        value = pub - timedelta(days=count * (7 if unit == "week" else 1))
    if value is None or value.year < 1000:
        return None
    return _fmt(value, min(_UNIT_PRECISION[unit], anchor.precision))


def _count_and_unit(text: str, vague: bool) -> tuple[int, str] | None:
    units = list(_UNIT_RE.finditer(text))
    if not units:
        return None
    unit, plural = _UNITS[_norm(units[-1].group(0))]
    number = _NUM_RE.search(text, 0, units[-1].start())
    if vague:
        count = _VAGUE_COUNT
    elif number:
        token = _norm(number.group(0))
        count = int(token) if token.isdigit() else _NUMBERS[token]
    else:
        count = _VAGUE_COUNT if plural else 1  # "in the last months" / "in the past year"
    return (count, unit) if 0 < count <= 999 else None


def _ago(m: re.Match[str], anchor: _Anchor | None) -> _Span | None:
    found = _count_and_unit(m.group(0), vague=False)
    if found is None:
        return None
    if anchor is None:
        return _UNRESOLVED
    value = _back(anchor, *found)
    return (value, value) if value else None


def _past(vague: bool) -> _Handler:
    def handler(m: re.Match[str], anchor: _Anchor | None) -> _Span | None:
        found = _count_and_unit(m.group(0), vague)
        if found is None:
            return None
        if anchor is None:
            return _UNRESOLVED
        start = _back(anchor, *found)
        precision = min(_UNIT_PRECISION[found[1]], anchor.precision)
        return (start, _fmt(anchor.day, precision)) if start else None

    return handler


# ---------------------------------------------------------------------------------------------
# The rules. Overlaps go to the longest match, then to the earlier rule in this table.


def _template(pattern: str) -> str:
    """A pattern line of the data file as a template: 'last|past {MONTH}', '[de] {NUM}'."""
    out = ""
    need_space = False
    for token in pattern.split():
        optional = token.startswith("[") and token.endswith("]")
        token = token.strip("[]")
        if _PLACEHOLDER.fullmatch(token):
            body = f"(?:{_SUB[token[1:-1]]})"
        else:
            body = "(?:" + "|".join(_literal(alt) for alt in token.split("|")) + ")"
        if optional:
            out += f"(?:{_S}{body})?" if need_space else f"(?:{body}{_S})?"
        else:
            out += (_S if need_space else "") + body
            need_space = True
    return out


# What a sentence must contain for a rule to be worth running: a few cheap features computed
# once per sentence (a word set and two digit searches) spare most regex scans.
_WORD = re.compile(r"[^\W\d_]+")
# Patterns scanned over every sentence open with one character class (not a repeat or a
# lookbehind): the engine then skips to candidate characters in C.
_FOUR_DIGITS = re.compile(r"\d\d{3}")
_GATE_WORDS: dict[str, frozenset[str]] = {
    "month": frozenset(_MONTH_NUMBER),
    "weekday": frozenset(_WEEKDAYS),
    "unit": frozenset(_UNITS),
    "part": frozenset(_YEAR_PARTS),
    "ago": frozenset(("ago", "hace")),
    "relative": frozenset(p.split()[-1] for ps in _DATA["relative"].values() for p in ps),
    # the connectors of the range rules: without one, those costly patterns cannot match
    "between": frozenset(("between", "entre")),
    "from": frozenset(("from", "desde", "de", "del")),
    "to": frozenset(("to", "through", "until", "till", "thru", "hasta")),
    # the word connectors of day ranges ({DAYTO}, {DAYSEP}); a dash is the other way
    "dayto": frozenset(("to", "through", "until", "till", "al", "hasta")),
    "daysep": frozenset(("to", "through", "until", "till", "and", "al", "a", "y", "hasta")),
    "since": frozenset(w for phrase in _DATA["since"] for w in phrase.split() if len(w) > 2),
}


def _phrase_word(phrase: str) -> frozenset[str] | None:
    """The longest (rarest) word of a literal phrase, as _features sees it: a phrase's regex
    bounds its words, so a text it matches holds that word; None for a phrase without one."""
    words = _WORD.findall(phrase.lower())
    if not words:
        return None
    word = max(reversed(words), key=len)  # on a tie the last: "end", not "the", in "at the end of"
    return frozenset((word, "del")) if word == "de" else frozenset((word,))  # "de" matches "del"


def _phrases_words(phrases: Iterable[str]) -> frozenset[str] | None:
    """Words one of which every match of an alternation of phrases contains."""
    found: set[str] = set()
    for phrase in phrases:
        words = _phrase_word(phrase)
        if words is None:
            return None
        found |= words
    return frozenset(found)


def _pattern_words(pattern: str) -> frozenset[str] | None:
    """Words one of which every match of a data-file pattern ('{MONTH} [of] last year')
    contains: those of its required literal token with the longest words; None without one."""
    best: tuple[int, frozenset[str]] | None = None
    for token in pattern.split():
        if (token.startswith("[") and token.endswith("]")) or _PLACEHOLDER.fullmatch(token):
            continue
        words = _phrases_words(token.split("|"))
        if words is not None:
            shortest = min(len(w) for w in words)
            if best is None or shortest > best[0]:
                best = (shortest, words)
    return best[1] if best else None


_QUAL_WORDS = _phrases_words(_QUALIFIER_KIND)
if _QUAL_WORDS is not None:
    _GATE_WORDS["qual"] = _QUAL_WORDS
_MONTH_WORDS = _GATE_WORDS["month"]


_DIGIT = re.compile(r"\d")  # the rules' digits are ASCII ones, which \d includes
_DECADE_S = re.compile(r"\d0['’]?s", re.IGNORECASE)  # what "the 1990s", "the 80's" hold
_DAY_NUMBER = re.compile(r"\d(?<![\w.,]\d)\d?(?!\d)")  # where every {DAY} starts; a range has two


def _features(text: str, lowered: str) -> frozenset[str]:
    """The gate features of a sentence; `lowered` is text.lower()."""
    word_list = _WORD.findall(lowered)
    gate_words = _GATE_VOCABULARY.intersection(word_list)  # few: the loop is short
    found: set[str] = set()
    for word in gate_words:
        found.update(_WORD_FEATURES[word])
    years = len(_FOUR_DIGITS.findall(text))
    if years:
        found.update(("digit", "year"))
    elif _DIGIT.search(text):
        found.add("digit")
    # every explicit date holds a month name or four digits: a range needs two of them
    if years >= 2 or (
        (years or "month" in found) and years + sum(map(word_list.count, gate_words & _MONTH_WORDS)) >= 2
    ):
        found.add("dated2")
    if any(dash in text for dash in "-–—"):
        found.add("dash")
    if "/" in text:
        found.add("slash")
    if "digit" in found and _DECADE_S.search(text):
        found.add("decade_s")
    if "month" in found and "digit" in found and len(_DAY_NUMBER.findall(text)) >= 2:
        found.add("days2")
    return frozenset(found)


_Gates = tuple[tuple[str, ...], ...]  # every group needs one of its features
_DATED: _Gates = (("month", "year"),)  # any explicit date has a month name or four digits
_TWO_DATED: _Gates = (("dated2",),)  # a range has two explicit dates
_QUALIFIED: _Gates = (*_DATED, ("qual",)) if _QUAL_WORDS is not None else _DATED
_YEARS: _Gates = (("year",),)
_DIGITS: _Gates = (("digit",),)
_RuleSpec = tuple[str, str, _Handler, _Gates]


def _data_rule(rule_id: str, handler: _Handler, *gates: tuple[str, ...]) -> _RuleSpec:
    patterns = _DATA["patterns"][rule_id]
    template = "|".join(_template(p) for p in patterns)
    required = [_pattern_words(p) for p in patterns]
    if all(words is not None for words in required):  # a word every match holds: one more gate
        _GATE_WORDS[rule_id] = frozenset().union(*(w for w in required if w is not None))
        gates = (*gates, (rule_id,))
    return rule_id, f"(?:{template})", handler, gates


_RELATIVE = "|".join(f"(?P<{kind}>{_alternation(ps)})" for kind, ps in _DATA["relative"].items())
_DECADE_SPANISH = r"(?:la{S})?d[ée]cada{S}del?{S}(?:los{S})?"
_RULE_SPECS: tuple[_RuleSpec, ...] = (
    ("date.between", r"{BETWEEN}{S}{ENDPOINT},?{S}{AND}{S}{ENDPOINT}", _two_dates, (*_TWO_DATED, ("between",))),
    ("date.from_to", r"{FROM}{S}{ENDPOINT},?{S}{TO}{S}{ENDPOINT}", _two_dates, (*_TWO_DATED, ("from",))),
    (
        "date.to_range",
        r"(?:{QUAL}{QSEP})?{DATE}{S}(?:to|through|until|till|hasta){S}{ENDPOINT}",
        _two_dates,
        (*_TWO_DATED, ("to",)),
    ),
    (
        "date.day_range",
        r"{MONTH}{S}{DAY}{DAYTO}{DAY}(?:,?{S}{YEAR})?",
        _day_range,
        (("digit",), ("month",), ("dash", "dayto"), ("days2",)),
    ),
    (
        "date.day_range",
        r"{OPEN}{DAY}{DAYSEP}{DAY}{S}{OF}{MONTH}(?:,?{S}{OF}{YEAR})?",
        _day_range,
        (("digit",), ("month",), ("dash", "daysep"), ("days2",)),
    ),
    (
        "date.year_range",
        r"{YEAR}\s?[-–/]\s?(?P<yy>\d{4}|\d{2})(?![\w\-/]|[.,]\d)",
        _year_range,
        (*_YEARS, ("dash", "slash")),
    ),
    ("date.dash_range", r"{DATE}{S0}[-–—]{S0}{DATE}", _two_dates, (*_TWO_DATED, ("dash",))),
    ("date.since", r"{SINCE}{S}{ENDPOINT}", _since, (*_DATED, ("since",))),
    (
        "date.part_of_year",
        # not "the first half of the match"
        r"{ORD}{S}{PART}(?:{S}(?:of|del?){S}(?:{YEAR}|{THISYEAR}|{LASTYEAR}))?(?!{S}(?:of|del?)\s)",
        _part_of_year,
        (("part",),),
    ),
    ("date.qualified", r"{QUAL}{QSEP}(?:{MONTH}(?:,?{S}{OF}{YEAR})?|{YEAR})", _qualified, _QUALIFIED),
    ("date.explicit", _DATE_HEAD + "(?:" + _forms(*(r for r, _ in _FORMS if r != "date.month")) + ")", _explicit, _DATED),
    ("date.month", r"{MONTHCTX}{S}(?P<core>{MONTH})", _explicit, (("month",),)),
    ("date.decade", r"(?<![\w'’])(?P<decade>1[89]\d0|20\d0)['’]?s(?!\w)", _decade, (*_YEARS, ("decade_s",))),
    ("date.decade", r"(?:the|los){S}['’]?(?P<decade>[1-9]0)['’]?s(?!\w)", _decade, (*_DIGITS, ("decade_s",))),
    (
        "date.decade",
        r"(?:(?:los|las){S})?años{S}(?P<decade>\d{3}0|[1-9]0|{DECWORD})(?!\w)",
        _decade,
        (("unit",),),
    ),
    (
        "date.decade",
        _DECADE_SPANISH + r"(?P<decade>1[89]\d0|20\d0|[1-9]0|{DECWORD})(?!\w)",
        _decade,
        (("unit",),),
    ),
    ("date.relative", r"(?:{QUAL}{QSEP})?(?:" + _RELATIVE + ")", _relative, (("relative",),)),
    _data_rule("date.last_named_month", _named_month("last"), ("month",)),
    _data_rule("date.month_this_year", _named_month("this"), ("month",)),
    _data_rule("date.month_last_year", _named_month("previous"), ("month",)),
    # "in November of that year": the year of the sentence's previous period, see find_periods
    _data_rule("date.month_that_year", lambda m, anchor: _UNRESOLVED, ("month",)),
    _data_rule("date.past_weekday", _weekday(strict=True), ("weekday",)),
    _data_rule("date.weekday", _weekday(strict=False), ("weekday",)),
    _data_rule("date.ago", _ago, ("unit",), ("ago",)),
    _data_rule("date.past_n", _past(vague=False), ("unit",)),
    _data_rule("date.recent", _past(vague=True), ("unit",)),
)


@dataclass(frozen=True)
class _Rule:
    id: str
    regex: re.Pattern[str]
    handler: _Handler
    gates: _Gates


_WORD_START = r"(?<!\w)(?=\w)"


def _rule_regex(template: str) -> re.Pattern[str]:
    """Every time expression starts a word: failing fast elsewhere makes the scan much faster.
    A lookahead on the characters a match can start with then rejects most word starts in one
    test, before the engine tries each alternative of the rule."""
    pattern = _expand(_WORD_START + "(?:" + template + ")")
    first = first_class(pattern, re.IGNORECASE)
    if first is not None:
        pattern = f"{_WORD_START}(?={first}){pattern[len(_WORD_START):]}"
    return re.compile(pattern, re.IGNORECASE)


_RULES = tuple(
    _Rule(rule_id, _rule_regex(template), handler, gates) for rule_id, template, handler, gates in _RULE_SPECS
)
# word -> the gate features it gives a sentence
_WORD_FEATURES: dict[str, tuple[str, ...]] = {}
for _name, _vocab in _GATE_WORDS.items():
    for _word in _vocab:
        _WORD_FEATURES[_word] = (*_WORD_FEATURES.get(_word, ()), _name)
_GATE_VOCABULARY = frozenset(_WORD_FEATURES)


@lru_cache(maxsize=1024)
def _gated_rules(features: frozenset[str]) -> tuple[tuple[int, _Rule], ...]:
    """The rules (with their order) worth running on a sentence with these features."""
    return tuple(
        (order, rule)
        for order, rule in enumerate(_RULES)
        if all(not features.isdisjoint(group) for group in rule.gates)
    )


_RELATIVE_IDS = {
    "relative_year": "date.relative_year",
    "last_year": "date.last_year",
    "this_month": "date.this_month",
    "last_month": "date.last_month",
    "this_week": "date.this_week",
    "last_week": "date.last_week",
    "today": "date.today",
    "yesterday": "date.yesterday",
    "day_before_yesterday": "date.day_before_yesterday",
}
# How resolve_period ranks rules (lower wins); explicit dates and ranges are 0.
_ANCHORED: tuple[str, ...] = (
    "date.last_named_month",
    "date.month_this_year",
    "date.month_last_year",
)
_ANCHORED += ("date.past_weekday", "date.weekday", "date.ago", *_RELATIVE_IDS.values())
_RANK = {**dict.fromkeys(_ANCHORED, 1), **dict.fromkeys(("date.past_n", "date.recent"), 2)}
_RANK["date.decade"] = 2

_URL = re.compile(r"(?:https?://|www\.)\S{1,2000}", re.IGNORECASE)
_PREVIOUS_WORD = re.compile(r"(\S{1,20})\s{0,4}$")
_NEXT_WORD = re.compile(r"\s{0,4}([^\W\d_]{1,20}|%)")


def _number_context_ok(text: str, start: int, end: int) -> bool:
    """Reject "Resolution 1325"-like references and "2000 people"-like counts."""
    if text[start].isdigit():
        before = _PREVIOUS_WORD.search(text, max(0, start - 24), start)
        if before and before.group(1).lower().lstrip("([") in _NUMBER_PREFIXES:
            return False
    if text[end - 1].isdigit():
        after = _NEXT_WORD.match(text, end, min(len(text), end + 30))
        if after and after.group(1).lower() in _COUNT_NOUNS:
            return False
    return True


def _rule_id(rule: _Rule, m: re.Match[str]) -> str:
    if rule.id == "date.relative":
        return _RELATIVE_IDS.get(m.lastgroup or "", rule.id)
    if rule.id == "date.explicit":
        return next((form for form, regex in _FORM_RES if regex.fullmatch(m.group(0))), rule.id)
    return rule.id


_RESULT = re.compile(r"[12]\d{3}(?:-\d{2}(?:-\d{2})?)?")


def _acceptable(start: str | None, end: str | None) -> bool:
    """Both ends four-digit years (arithmetic near year 1000 can leave them) and in order."""
    if any(v is not None and not _RESULT.fullmatch(v) for v in (start, end)):
        return False
    return start is None or end is None or _first_day(start) <= _last_day(end)


def find_periods(text: str, published: str | None) -> list[Period]:
    """Every time expression in `text` (one sentence), resolved against `published`.

    Explicit dates resolve without a publication date; relative ones ("last year") and yearless
    dates ("July 25") then come back with start and end None. Sorted by span_start, no overlaps.
    """
    if not text:
        return []
    anchor = _anchor(published)
    lowered = text.lower()
    occupied = bytearray(len(text))  # 1: inside a URL, 2: taken by a chosen period
    if "://" in text or "www." in lowered:  # what _URL needs: most sentences have no link
        for url in _URL.finditer(text):
            occupied[url.start() : url.end()] = b"\x01" * (url.end() - url.start())
    found: list[tuple[int, int, int, Period]] = []
    for order, rule in _gated_rules(_features(text, lowered)):
        for m in rule.regex.finditer(text):
            core = "core" in rule.regex.groupindex and m.group("core") is not None
            start, end = m.span("core") if core else m.span()
            if start == end or occupied.find(1, start, end) != -1:
                continue
            if not _number_context_ok(text, start, end):
                continue
            span = rule.handler(m, anchor)
            if span is None or not _acceptable(*span):
                continue
            period = Period(span[0], span[1], start, end, text[start:end], _rule_id(rule, m))
            found.append((start, end, order, period))
    found.sort(key=lambda item: (item[0] - item[1], item[2], item[0]))
    chosen: list[Period] = []
    for start, end, _, period in found:
        if occupied.find(2, start, end) == -1:
            occupied[start:end] = b"\x02" * (end - start)
            chosen.append(period)
    chosen.sort(key=lambda p: p.span_start)
    return _resolve_that_year(chosen)


def _resolve_that_year(periods: list[Period]) -> list[Period]:
    """ "the election of October 2019 ... in November of that year": 2019-11."""
    year: str | None = None
    for index, period in enumerate(periods):
        if period.rule == "date.month_that_year" and year:
            token = _MONTH_RE.search(period.text)
            month = _month_number(token.group(0), strict=False) if token else None
            value = f"{year}-{month:02d}" if month else None
            periods[index] = replace(period, start=value, end=value)
        elif period.start:
            year = period.start[:4]
    return periods


_SPEECH = re.compile(_alternation(_DATA["speech_cues"]), re.IGNORECASE)


def is_statement_date(text: str, period: Period) -> bool:
    """Whether a period dates the telling, not the events: a single day right after "said",
    "dated", "dijo", ..., or the date of a dateline ("LIMA, 15 Jul 2022 (AFP) - ...").

    `period` is one of find_periods(text, ...).
    """
    if period.start is None or period.start != period.end or len(period.start) != 10:
        return False
    if _DATELINE_HEAD.fullmatch(text, 0, period.span_start) and _DATELINE_TAIL.match(
        text, period.span_end
    ):
        return True
    return _SPEECH.search(text, max(0, period.span_start - 30), period.span_start) is not None


def period_rank(period: Period) -> tuple[int, int]:
    """Sort key, best first: explicit dates and ranges, then anchored relative expressions
    ("last March", "on Wednesday"), then vague ones ("in recent months"); then position."""
    return _RANK.get(period.rule, 0), period.span_start


def resolve_period(text: str, published: str | None) -> Period | None:
    """The period that best says when the events of an incident sentence happened.

    Resolved periods only; statement dates ("said on Wednesday", "dated July 25") are skipped
    when another period exists; explicit dates and ranges beat relative expressions, which beat
    vague ones ("in recent months"); ties go to the first in the sentence.
    """
    periods = [p for p in find_periods(text, published) if p.start is not None]
    if not periods:
        return None
    events = [p for p in periods if not is_statement_date(text, p)]
    return min(events or periods, key=period_rank)


# ---------------------------------------------------------------------------------------------
# Single dates and publication dates

_LEADING = _compile(r"\s{0,8}(?:{LEADING}\s{1,8}){0,3}")


def parse_date(text: str, published: str | None = None) -> str | None:
    """One explicit date expression as a partial date, or None.

    "October 20, 2021" -> "2021-10-20", "julio de 2022" -> "2022-07", "2023" -> "2023";
    a date without a year ("July 25", "el 25 de julio") takes the latest year that does not put
    it after `published`, and is None without `published`.
    """
    lead = _LEADING.match(text)
    core = text[lead.end() if lead else 0 :].strip().rstrip(".,;:)").strip()
    if not core:
        return None
    parts = _parse_iso(core) or _parse_parts(core, strict=False)
    full = _with_year(parts, _anchor(published)) if parts else None
    return _parts_iso(full) if full else None


def _normalize_metadata(value: str) -> str | None:
    parts = _parse_iso(value)
    if parts is None and (rfc := parsedate(value)):  # "Wed, 20 Oct 2021 14:00:00 GMT"
        parts = _Parts(rfc[0], rfc[1], rfc[2])
    if parts is None:
        parts = _parse_parts(value.strip().rstrip("."), strict=False)
    if parts is None or parts.year is None or not _valid(parts):
        return None
    return _parts_iso(parts)


_HEAD_CHARS = 1500
_TAIL_CHARS = 800
_MACROS.update(
    {
        "H": r"[ \t]{0,4}",  # horizontal space inside a line
        "MD": r"[ \t*_#>]{0,8}",  # indentation or markdown emphasis at a line's ends
        "WDOPT": r"(?:{WEEKDAY},?{S})?",
        "TIME": r"(?:{H}(?:,|\||·|-|–|—|at|a[ \t]{1,3}las)?{H}{CLOCK})?",
        "TIMEPRE": r"(?:{CLOCK}{H},?{H})?",  # "Published 7:48 PM EDT, May 29, 2021"
        "CLOCK": r"\d{1,2}[:.h]\d{2}(?:[:.]\d{2})?{H}(?:[ap]\.?[ \t]?m\.?)?{ZONE}",
        "ZONE": r"(?:{H}\(?[a-z]{2,5}\)?)?",  # "EDT", "(GMT)", "hrs"
        "AGENCY": r"(?:\([^()\n]{1,30}\){H})?",
        "LABELED": r"{LABEL}[*_]{0,2}{H}(?:on|el)?{H}[:\-–]?[*_]{0,2}{H}{TIMEPRE}",
        # capitalized words and connectors, case-sensitive: "Cartagena de Indias", "LIMA",
        # "Washington, D.C."
        "PLACE": r"(?-i:{CAPWORD}(?:,?[ \t]{1,3}(?:{LINKWORD}|{CAPWORD})){0,4})",
        "LINKWORD": r"(?:de|del|la|las|los|el|of|the|da|do)",
        "CAPWORD": r"[A-ZÁÉÍÓÚÑ][\w'’.\-]{0,30}",
    }
)
_PUB_STRONG = tuple(
    _compile(template, re.MULTILINE)
    for template in (
        # a line that is only a date: "October 20, 2021", "Published: 2023-07-31 14:00"
        r"^{MD}(?:{LABELED})?{WDOPT}{PUBDATE}{TIME}{H}[.|]?{MD}\r?$",
        # a dateline: "LIMA, 15 Jul 2022 (AFP) -", "Caracas, 3 de marzo de 2024 —"
        r"^{MD}{PLACE}{H}{AGENCY},{H}{WDOPT}{PUBDATE}\.?{H}{AGENCY}(?:[-—–:.]|\r?$)",
        # "GENEVA (3 December 2021) -"
        r"^{MD}{PLACE}{H}\({H}{PUBDATE}{H}\)",
        # a label where a line, a | segment or a sentence starts: "date 2023-07-31 Home »",
        # "*World Report 2024. Published January 11, 2024.*"
        r"(?:^{MD}|[|·•]{H}|\.[ \t]{1,4}){LABELED}{WDOPT}{PUBDATE}",
        # a short line ending in a date: "Amnesty International - Public statement - 18 April
        # 2023", "*Red Andina de Derechos Humanos — 9 February 2023*"
        r"^{MD}[^\n]{0,80}?[ \t]{1,4}[-—–|·][ \t]{1,4}{WDOPT}{PUBDATE}[ \t*_.]{0,8}\r?$",
        # a byline carrying the date: "By Ana Ruiz | October 20, 2021"
        r"^{MD}{BYLINE}[ \t][^\n]{0,120}?{PUBDATE}",
        # a machine timestamp: "2021-10-20T14:00:00Z"
        r"(?<![\w/.\-])(?P<pubdate>\d{4}-\d{2}-\d{2})T\d{2}:\d{2}",
    )
)
_PUB_ANY = _compile(r"{PUBDATE}")
# What surrounds the date of a dateline at the start of a sentence: "GUAYAQUIL, Ecuador, Sept
# 30 - ...", "Quito, 14 de octubre de 2019 (EFE).- ...", "GENEVA (3 December 2021) - ..."
_DATELINE_HEAD = _compile(r"{MD}{PLACE}{H}(?:{AGENCY},|\(){H}{WDOPT}")
_DATELINE_TAIL = _compile(r"\.?{H}\)?{H}{AGENCY}(?:[-—–:.]|\r?$)", re.MULTILINE)
_CAPTION_MARKERS = tuple(_DATA["caption_markers"])


# Patterns that start with "^" can only match at a line start: they are tried there alone (a
# block has a few dozen lines and some 1,500 positions). The timestamp is looked for only when
# one is there.
_LINE_ANCHORED = tuple(regex.pattern.startswith("^") for regex in _PUB_STRONG)
_TIMESTAMP_HINT = re.compile(r"\d\dT\d\d:", re.IGNORECASE)
_LINE_START = re.compile(r"^", re.MULTILINE)


def _line_matches(regex: re.Pattern[str], block: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """regex.finditer(block) for a pattern anchored at line starts: the same matches, found by
    trying only the line starts."""
    after = 0
    for start in starts:
        if start < after:
            continue
        m = regex.match(block, start)
        if m:
            yield m
            after = max(m.end(), start + 1)


def _first_strong(block: str) -> str | None:
    best: tuple[int, str] | None = None
    starts: list[int] | None = None
    for regex, anchored in zip(_PUB_STRONG, _LINE_ANCHORED):
        if anchored:
            if starts is None:
                starts = [m.start() for m in _LINE_START.finditer(block)]
            matches: Iterable[re.Match[str]] = _line_matches(regex, block, starts)
        elif regex is _PUB_STRONG[-1] and not _TIMESTAMP_HINT.search(block):
            continue
        else:
            matches = regex.finditer(block)
        for m in matches:
            parts = _parse_parts(m.group("pubdate").strip(), strict=False)
            if parts is None or parts.year is None:
                continue
            if best is None or m.start("pubdate") < best[0]:
                best = (m.start("pubdate"), _parts_iso(parts))
            break
    return best[1] if best else None


def _first_caption_date(block: str) -> str | None:
    lines = block.split("\n")
    for index, line in enumerate(lines):
        nearby = " ".join(lines[index : index + 2]).lower()
        if not any(marker in nearby for marker in _CAPTION_MARKERS):
            continue
        for m in _PUB_ANY.finditer(line):
            parts = _parse_parts(m.group(0).strip(), strict=True)
            if parts is not None and parts.year is not None:
                return _parts_iso(parts)
    return None


def find_publication_date(text: str, metadata_date: str | None = None) -> str | None:
    """The article's publication date, or None if nothing credible.

    A valid metadata date wins. Otherwise the first date line, dateline, labelled date
    ("Published: ..."), dated byline or timestamp in the first ~1500 characters, then the same
    in the last ~800, then a dated photo caption near the top. Dates in story sentences are not
    taken as publication dates.
    """
    if metadata_date and (normalized := _normalize_metadata(metadata_date)):
        return normalized
    head = text[:_HEAD_CHARS]
    tail = text[-_TAIL_CHARS:] if len(text) > _HEAD_CHARS else ""
    return _first_strong(head) or _first_strong(tail) or _first_caption_date(head)
