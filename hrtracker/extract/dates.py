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
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from email.utils import parsedate
from importlib import resources
from typing import Any

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
# Vocabulary and sub-patterns

_S = r"\s{1,8}"  # whitespace between words, bounded
_QSEP = r"(?:\s{1,8}|(?<=-))"  # after a qualifier: a space, or nothing after "mid-"


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _word(word: str) -> str:
    # Spanish "de" contracts with "el": "a finales de 2022", "a finales del 2022".
    return "del?" if word.lower() == "de" else re.escape(word)


def _literal(phrase: str) -> str:
    body = _S.join(_word(w) for w in phrase.split())
    if re.match(r"\w", phrase):
        body = r"(?<!\w)" + body
    if re.search(r"\w$", phrase):
        body += r"(?!\w)"
    return body


def _alternation(phrases: Iterable[str]) -> str:
    ordered = sorted({p.strip() for p in phrases if p.strip()}, key=lambda p: (-len(p), p))
    return "(?:" + "|".join(_literal(p) for p in ordered) + ")"


_MONTHS: dict[str, int] = {}
for _names in _DATA["months"].values():
    _MONTHS.update(_names)
_MONTH_ABBR: dict[str, int] = dict(_DATA["month_abbreviations"])
_MONTH_NUMBER: dict[str, int] = {**_MONTH_ABBR, **_MONTHS}
_CAPITALIZED_ONLY = frozenset(_DATA["capitalized_only"])
_WEEKDAYS: dict[str, int] = {}
for _names in _DATA["weekdays"].values():
    _WEEKDAYS.update(_names)
_NUMBERS: dict[str, int] = dict(_DATA["numbers"])
_UNITS: dict[str, tuple[str, bool]] = {}
for _unit, _forms in _DATA["units"].items():
    _UNITS.update({w: (_unit, False) for w in _forms["singular"]})
    _UNITS.update({w: (_unit, True) for w in _forms["plural"]})
_VAGUE_COUNT: int = _DATA["vague_count"]
_ORDINALS: dict[str, int] = dict(_DATA["ordinals"])
_YEAR_PARTS: dict[str, int] = dict(_DATA["year_parts"])
_QUALIFIER_KIND: dict[str, str] = {
    _norm(q): kind for kind, phrases in _DATA["qualifiers"].items() for q in phrases
}
_QUALIFIER_MONTHS: dict[str, tuple[int, int]] = {
    k: (v[0], v[1]) for k, v in _DATA["qualifier_months"].items()
}
_DECADE_WORDS: dict[str, int] = dict(_DATA["decade_words"])
_NOT_PERIODS = tuple(_norm(p) for p in _DATA["not_periods"])
_NUMBER_PREFIXES = frozenset(_DATA["number_prefixes"])
_COUNT_NOUNS = frozenset(_DATA["count_nouns"])


def _month_pattern() -> str:
    names = [(n, re.escape(n) + r"(?!\w)") for n in _MONTHS]
    names += [(a, re.escape(a) + r"(?!\w)\.?") for a in _MONTH_ABBR]
    names.sort(key=lambda item: -len(item[0]))
    return r"(?<!\w)(?:" + "|".join(p for _, p in names) + ")"


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
}
_PLACEHOLDER = re.compile(r"\{([A-Z]+)\}")


def _expand(template: str, named: bool = True) -> str:
    """Replace {NAME} placeholders; named groups are month, month_2, ... in order."""
    counts: dict[str, int] = {}

    def sub(m: re.Match[str]) -> str:
        key = m.group(1)
        body = _SUB[key]
        if not named:
            return f"(?:{body})"
        counts[key] = counts.get(key, 0) + 1
        name = key.lower() if counts[key] == 1 else f"{key.lower()}_{counts[key]}"
        return f"(?P<{name}>{body})"

    return _PLACEHOLDER.sub(sub, template)


def _compile(template: str) -> re.Pattern[str]:
    return re.compile(_expand(template), re.IGNORECASE)


_WD = r"(?:{WEEKDAY},?" + _S + r"(?:el" + _S + r")?)?"  # optional "Wednesday," / "el miércoles"
_OF = r"(?:(?:del?|of)" + _S + r")?"
# One explicit date, most specific form first (order matters for parsing).
_FORMS: tuple[tuple[str, str], ...] = (
    (
        "date.iso",
        (
            r"(?<![\w/.\-]){NUMYEAR}[-/]{NUMMONTH}[-/]{NUMDAY}"
            r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\w/\-])"
        ),
    ),
    ("date.numeric", r"(?<![\w/.\-]){NUMDAY}[/.]{NUMMONTH}[/.]{NUMYEAR}(?![\w/]|[.\-]\d)"),
    ("date.month_day_year", _WD + r"{MONTH}" + _S + r"{DAY},?" + _S + r"{YEAR}"),
    ("date.day_month_year", _WD + r"{DAY}" + _S + _OF + r"{MONTH},?" + _S + _OF + r"{YEAR}"),
    ("date.month_year", r"{MONTH},?" + _S + _OF + r"{YEAR}"),
    ("date.month_day", _WD + r"{MONTH}" + _S + r"{DAY}"),
    ("date.day_month", _WD + r"{DAY}" + _S + _OF + r"{MONTH}"),
    ("date.month", r"{MONTH}"),
    ("date.year", r"{YEAR}"),
)
_FORM_RES = tuple((rule, _compile(t)) for rule, t in _FORMS)
_SUB["DATE"] = "|".join(_expand(t, named=False) for _, t in _FORMS)
_DATED_FORMS = ("date.iso", "date.numeric", "date.month_day_year", "date.day_month_year")
_SUB["PUBDATE"] = "|".join(
    _expand(t, named=False) for r, t in _FORMS if r in _DATED_FORMS or r == "date.month_year"
)
_SUB["NOYEARDATE"] = "|".join(
    _expand(t, named=False) for r, t in _FORMS if r in ("date.month_day", "date.day_month")
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
    return _iso(
        day.year, day.month if precision >= MONTH else None, day.day if precision >= DAY else None
    )


def _valid(parts: _Parts) -> bool:
    if parts.year is not None and not 1000 <= parts.year <= 2999:
        return False
    if parts.month is None:
        return parts.day is None and parts.year is not None
    if not 1 <= parts.month <= 12:
        return False
    if parts.day is None:
        return True
    last = calendar.monthrange(parts.year if parts.year else 2000, parts.month)[1]
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
    m = _ISO_PARTIAL.fullmatch(value)
    if not m:
        return None
    parts = _Parts(*(int(g) if g else None for g in m.groups()))
    return parts if _valid(parts) else None


def _anchor(published: str | None) -> _Anchor | None:
    if not published:
        return None
    parts = _parse_iso(published)
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
        return None
    return _MONTH_NUMBER.get(key)


def _day_number(token: str) -> int:
    """ "25th", "1.º", "07" -> the number."""
    digits = re.match(r"\d{1,2}", token)
    return int(digits.group()) if digits else 0


def _parse_parts(text: str, strict: bool) -> _Parts | None:
    """Read one explicit date ("15 de julio de 2022", "Oct. 4", "2021-10-20") into parts."""
    for rule, regex in _FORM_RES:
        m = regex.fullmatch(text)
        if not m:
            continue
        g = m.groupdict()
        year = g.get("year") or g.get("numyear")
        day = g.get("day") or g.get("numday")
        month: int | None = None
        if g.get("month"):
            month = _month_number(g["month"], strict)
            if month is None:
                continue
        elif g.get("nummonth"):
            month = int(g["nummonth"])
        day_number = _day_number(day) if day else None
        if rule == "date.numeric" and month and day_number and month > 12 >= day_number:
            month, day_number = day_number, month  # "10/20/2021" can only be month-first
        parts = _Parts(int(year) if year else None, month, day_number)
        if _valid(parts) or (parts.year is None and parts.month is not None):
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
    for candidate in (year, year - 1, year - 2, year - 3):  # Feb 29 needs a leap year
        full = _Parts(candidate, parts.month, parts.day)
        if _valid(full):
            return full
    return None


def _parts_iso(parts: _Parts) -> str:
    assert parts.year is not None
    return _iso(parts.year, parts.month, parts.day)


_Span = tuple[str | None, str | None]
_UNRESOLVED: _Span = (None, None)


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
    """ "late 2022" as the end of a range is December 2022, as its start July 2022."""
    kind = _qualifier_kind(qual) if qual else None
    if parts is None or kind is None or parts.month is not None:
        return parts
    months = _QUALIFIER_MONTHS[kind]
    return _Parts(parts.year, months[1] if end else months[0], None)


def _two_dates(m: re.Match[str], anchor: _Anchor | None) -> _Span | None:
    groups = m.groupdict()
    first = _parse_parts(m.group("date"), strict=True)
    last = _parse_parts(m.group("date_2"), strict=True)
    return _range(
        _qualify(first, groups.get("qual"), end=False),
        _qualify(last, groups.get("qual_2"), end=True),
        anchor,
    )


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
    start = value if value >= 1000 else 1900 + value
    return str(start), str(start + 9)


def _year_of(m: re.Match[str], anchor: _Anchor | None, start_month: int) -> int | None:
    """Year of "the first half [of 2023 | of this year | of last year]"."""
    if m.group("year"):
        return int(m.group("year"))
    if anchor is None:
        return None
    if m.group("lastyear"):
        return anchor.day.year - 1
    if m.group("thisyear") or anchor.precision == YEAR or start_month <= anchor.day.month:
        return anchor.day.year
    return anchor.day.year - 1


def _part_of_year(m: re.Match[str], anchor: _Anchor | None) -> _Span | None:
    size = _YEAR_PARTS[_norm(m.group("part"))]
    index = _ORDINALS[_norm(m.group("ord"))]
    if index * size > 12:
        return None
    start_month, end_month = (index - 1) * size + 1, index * size
    year = _year_of(m, anchor, start_month)
    if year is None:
        return _UNRESOLVED
    return _iso(year, start_month), _iso(year, end_month)


def _qualified(m: re.Match[str], anchor: _Anchor | None) -> _Span | None:
    kind = _qualifier_kind(m.group("qual"))
    if kind is None:
        return None
    year_text = m.group("year") or m.group("year_2")
    year = int(year_text) if year_text else None
    if m.group("month"):
        return _single(_Parts(year, _month_number(m.group("month"), strict=True), None), anchor)
    assert year is not None
    first, last = _QUALIFIER_MONTHS[kind]
    return _iso(year, first), _iso(year, last)


def _relative(m: re.Match[str], anchor: _Anchor | None) -> _Span | None:
    head = _norm(m.string[m.start(m.lastgroup or 0) : m.start(m.lastgroup or 0) + 40])
    if any(head.startswith(p) for p in _NOT_PERIODS):
        return None
    if anchor is None:
        return _UNRESOLVED
    pub, kind = anchor.day, m.lastgroup
    day_precision = min(DAY, anchor.precision)
    month_precision = min(MONTH, anchor.precision)
    if kind == "relative_year":
        return str(pub.year), str(pub.year)
    if kind == "last_year":
        return str(pub.year - 1), str(pub.year - 1)
    if kind == "this_month":
        value = _fmt(pub, month_precision)
        return value, value
    if kind == "last_month":
        year, month = _month_shift(pub.year, pub.month, -1)
        value = _fmt(date(year, month, 1), month_precision)
        return value, value
    if kind in ("this_week", "last_week"):
        back = pub.weekday() if kind == "this_week" else 7
        return _fmt(pub - timedelta(days=back), day_precision), _fmt(pub, day_precision)
    back = {"today": 0, "yesterday": 1, "day_before_yesterday": 2}[kind or "today"]
    value = _fmt(pub - timedelta(days=back), day_precision)
    return value, value


def _named_month(which: str) -> _Handler:
    """Handle "last March" (which="last"), "March this year" ("this"), "March last year" ("previous")."""

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


def _back(anchor: _Anchor, count: int, unit: str) -> str:
    pub = anchor.day
    if unit in ("year", "decade"):
        value = date(pub.year - count * (10 if unit == "decade" else 1), 1, 1)
    elif unit == "month":
        year, month = _month_shift(pub.year, pub.month, -count)
        value = date(year, month, 1)
    else:
        value = pub - timedelta(days=count * (7 if unit == "week" else 1))
    return _fmt(value, min(_UNIT_PRECISION[unit], anchor.precision))


def _count_and_unit(text: str, vague: bool) -> tuple[int, str] | None:
    units = list(_UNIT_RE.finditer(text))
    if not units:
        return None
    unit, plural = _UNITS[_norm(units[-1].group(0))]
    number = _NUM_RE.search(text[: units[-1].start()])
    if vague:
        count = _VAGUE_COUNT
    elif number:
        token = number.group(0).lower()
        count = int(token) if token.isdigit() else _NUMBERS[_norm(token)]
    else:
        count = _VAGUE_COUNT if plural else 1
    return (count, unit) if 0 < count <= 999 else None


def _ago(m: re.Match[str], anchor: _Anchor | None) -> _Span | None:
    found = _count_and_unit(m.group(0), vague=False)
    if found is None:
        return None
    if anchor is None:
        return _UNRESOLVED
    value = _back(anchor, *found)
    return value, value


def _past(vague: bool) -> _Handler:
    def handler(m: re.Match[str], anchor: _Anchor | None) -> _Span | None:
        found = _count_and_unit(m.group(0), vague)
        if found is None:
            return None
        if anchor is None:
            return _UNRESOLVED
        start = _back(anchor, *found)
        precision = min(_UNIT_PRECISION[found[1]], anchor.precision)
        return start, _fmt(anchor.day, precision)

    return handler


# ---------------------------------------------------------------------------------------------
# The rules, most specific first (order breaks ties between equally long matches)


def _template(pattern: str) -> str:
    """Compile a pattern line from the data file: 'last|past {MONTH}', '[de] {NUM} {UNIT}'."""
    out = ""
    need_space = False
    for token in pattern.split():
        optional = token.startswith("[") and token.endswith("]")
        token = token.strip("[]")
        if _PLACEHOLDER.fullmatch(token):
            body = "(?:" + _SUB[token[1:-1]] + ")"
        else:
            body = "(?:" + "|".join(_literal(alt) for alt in token.split("|")) + ")"
        if optional:
            out += f"(?:{_S}{body})?" if need_space else f"(?:{body}{_S})?"
        else:
            out += (_S if need_space else "") + body
            need_space = True
    return out


_RELATIVE_KINDS = tuple(_DATA["relative"])
_RELATIVE_ALTERNATIVES = "|".join(
    f"(?P<{kind}>{_alternation(_DATA['relative'][kind])})" for kind in _RELATIVE_KINDS
)
_RELATIVE = f"(?:(?P<qual>{_SUB['QUAL']}){_QSEP})?(?:{_RELATIVE_ALTERNATIVES})"
# Between two days: "6-10", "7 to 12", "del 7 al 12"; "and"/"y" only when a month follows.
_DAYSEP_STRICT = (
    rf"(?:\s{{0,8}}[-–]\s{{0,8}}|{_S}(?:to|through|until|till|al|hasta){_S}(?:el{_S})?)"
)
_DAYSEP = (
    rf"(?:\s{{0,8}}[-–]\s{{0,8}}|{_S}(?:to|through|until|till|and|al|a|y|hasta){_S}(?:el{_S})?)"
)
# One end of a range: "the 7th", "late 2022", "finales de diciembre".
_ENDPOINT = r"(?:{ART}" + _S + r")?(?:{QUAL}" + _QSEP + r")?{DATE}"
_OPEN = r"(?:(?:{BETWEEN}|{FROM})" + _S + r"(?:{ART}" + _S + r")?)?"

# What a sentence must contain for a rule to be worth running: a few cheap features computed
# once per sentence (a word set and two digit searches) spare most regex scans.
_WORD = re.compile(r"[^\W\d_]+")
_FOUR_DIGITS = re.compile(r"\d{4}")
_GATE_WORDS: dict[str, frozenset[str]] = {
    "month": frozenset(_MONTH_NUMBER),
    "weekday": frozenset(_WEEKDAYS),
    "unit": frozenset(_UNITS),
    "part": frozenset(_YEAR_PARTS),
    "ago": frozenset(("ago", "hace")),
    "relative": frozenset(
        phrase.split()[-1] for phrases in _DATA["relative"].values() for phrase in phrases
    ),
}


def _features(text: str) -> set[str]:
    words = set(_WORD.findall(text.lower()))
    found = {name for name, vocab in _GATE_WORDS.items() if not words.isdisjoint(vocab)}
    if _FOUR_DIGITS.search(text):
        found.update(("digit", "year"))
    elif any(ch.isdigit() for ch in text):
        found.add("digit")
    if any(dash in text for dash in "-–—"):
        found.add("dash")
    return found


_DATE_GATE = ("month", "year")  # any explicit date has a month name or four digits
_RuleSpec = tuple[str, str, _Handler, tuple[tuple[str, ...], ...]]


def _data_rule(rule_id: str, handler: _Handler, *gates: tuple[str, ...]) -> _RuleSpec:
    lines = _DATA["patterns"][rule_id]
    return rule_id, "(?:" + "|".join(_template(p) for p in lines) + ")", handler, gates


_RULE_SPECS: tuple[_RuleSpec, ...] = (
    (
        "date.between",
        r"{BETWEEN}" + _S + _ENDPOINT + _S + r"{AND}" + _S + _ENDPOINT,
        _two_dates,
        (_DATE_GATE,),
    ),
    (
        "date.from_to",
        r"{FROM}" + _S + _ENDPOINT + _S + r"{TO}" + _S + _ENDPOINT,
        _two_dates,
        (_DATE_GATE,),
    ),
    (
        "date.to_range",
        r"{DATE}" + _S + r"(?:to|through|until|till|hasta)" + _S + _ENDPOINT,
        _two_dates,
        (_DATE_GATE,),
    ),
    (
        "date.day_range",
        r"{MONTH}" + _S + r"{DAY}" + _DAYSEP_STRICT + r"{DAY}(?:,?" + _S + r"{YEAR})?",
        _day_range,
        (("digit",), ("month",)),
    ),
    (
        "date.day_range",
        _OPEN + r"{DAY}" + _DAYSEP + r"{DAY}" + _S + _OF + r"{MONTH}(?:,?" + _S + _OF + r"{YEAR})?",
        _day_range,
        (("digit",), ("month",)),
    ),
    (
        "date.year_range",
        r"{YEAR}\s?[-–/]\s?(?P<yy>\d{4}|\d{2})(?![\w\-/]|[.,]\d)",
        _year_range,
        (("year",),),
    ),
    ("date.dash_range", r"{DATE}\s{0,8}[-–—]\s{0,8}{DATE}", _two_dates, (_DATE_GATE, ("dash",))),
    ("date.since", r"{SINCE}" + _S + _ENDPOINT, _since, (_DATE_GATE,)),
    (
        "date.part_of_year",
        r"{ORD}"
        + _S
        + r"{PART}(?:"
        + _S
        + r"(?:of|del?)"
        + _S
        + r"(?:{YEAR}|{THISYEAR}|{LASTYEAR}))?(?!"
        + _S
        + r"(?:of|del?)\s)",
        _part_of_year,
        (("part",),),
    ),
    (
        "date.qualified",
        r"{QUAL}" + _QSEP + r"(?:{MONTH}(?:,?" + _S + _OF + r"{YEAR})?|{YEAR})",
        _qualified,
        (_DATE_GATE,),
    ),
    (
        "date.explicit",
        "|".join(_expand(t, named=False) for r, t in _FORMS if r != "date.month"),
        _explicit,
        (_DATE_GATE,),
    ),
    ("date.month", r"{MONTHCTX}" + _S + r"(?P<core>{MONTH})", _explicit, (("month",),)),
    (
        "date.decade",
        r"(?<![\w'’])(?P<decade>1[89]\d0|20\d0)['’]?s(?!\w)",
        _decade,
        (("year",),),
    ),
    (
        "date.decade",
        r"(?<!\w)(?:the|los)" + _S + r"['’]?(?P<decade>[1-9]0)['’]?s(?!\w)",
        _decade,
        (("digit",),),
    ),
    (
        "date.decade",
        r"(?<!\w)(?:(?:los|las)"
        + _S
        + r")?años"
        + _S
        + r"(?P<decade>\d{3}0|[1-9]0|{DECWORD})(?!\w)",
        _decade,
        (("unit",),),
    ),
    (
        "date.decade",
        r"(?<!\w)(?:la"
        + _S
        + r")?d[ée]cada"
        + _S
        + r"del?"
        + _S
        + r"(?:los"
        + _S
        + r")?"
        + r"(?P<decade>1[89]\d0|20\d0|[1-9]0|{DECWORD})(?!\w)",
        _decade,
        (("unit",),),
    ),
    ("date.relative", _RELATIVE, _relative, (("relative",),)),
    _data_rule("date.last_named_month", _named_month("last"), ("month",)),
    _data_rule("date.month_this_year", _named_month("this"), ("month",)),
    _data_rule("date.month_last_year", _named_month("previous"), ("month",)),
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
    gates: tuple[tuple[str, ...], ...]  # every group needs one of its features


# Every time expression starts a word: failing fast elsewhere makes the scan much faster.
_RULES = tuple(
    _Rule(rid, _compile(r"(?<!\w)(?=\w)(?:" + t + ")"), h, g) for rid, t, h, g in _RULE_SPECS
)

# Rule ids reported per explicit form, and how resolve_period ranks them (lower wins).
_FORM_IDS = {rule: regex for rule, regex in _FORM_RES}
_RANK = {
    "date.relative": 1,
    "date.last_named_month": 1,
    "date.month_this_year": 1,
    "date.month_last_year": 1,
    "date.past_weekday": 1,
    "date.weekday": 1,
    "date.ago": 1,
    "date.past_n": 2,
    "date.recent": 2,
    "date.decade": 2,
}
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
for _rid in _RELATIVE_IDS.values():
    _RANK[_rid] = 1

_URL = re.compile(r"(?:https?://|www\.)\S{1,2000}", re.IGNORECASE)
_PREVIOUS_WORD = re.compile(r"(\S{1,20})\s{0,4}$")
_NEXT_WORD = re.compile(r"\s{0,4}([^\W\d_]{1,20}|%)")


def _number_context_ok(text: str, start: int, end: int) -> bool:
    """Reject "Resolution 1325"-like references and "2000 people"-like counts."""
    if text[start].isdigit():
        before = _PREVIOUS_WORD.search(text[max(0, start - 24) : start])
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
        text = m.group(0)
        for form, regex in _FORM_IDS.items():
            if regex.fullmatch(text):
                return form
    return rule.id


def _ordered(start: str | None, end: str | None) -> bool:
    if start is None or end is None:
        return True
    return _first_day(start) <= _last_day(end)


def find_periods(text: str, published: str | None) -> list[Period]:
    """Every time expression in `text` (one sentence), resolved against `published`.

    Explicit dates resolve without a publication date; relative ones ("last year") and yearless
    dates ("July 25") then come back with start and end None. Sorted by span_start, no overlaps.
    """
    if not text:
        return []
    anchor = _anchor(published)
    occupied = bytearray(len(text))
    for url in _URL.finditer(text):
        occupied[url.start() : url.end()] = b"\x01" * (url.end() - url.start())
    features = _features(text)
    found: list[tuple[int, int, int, Period]] = []
    for order, rule in enumerate(_RULES):
        if not all(features.intersection(group) for group in rule.gates):
            continue
        for m in rule.regex.finditer(text):
            core = "core" in rule.regex.groupindex and m.group("core") is not None
            start, end = m.span("core") if core else m.span()
            if start == end or occupied.find(1, start, end) != -1:
                continue
            if not _number_context_ok(text, start, end):
                continue
            span = rule.handler(m, anchor)
            if span is None or not _ordered(*span):
                continue
            period = Period(span[0], span[1], start, end, text[start:end], _rule_id(rule, m))
            found.append((start, end, order, period))
    found.sort(key=lambda item: (item[0] - item[1], item[2], item[0]))
    chosen: list[Period] = []
    for start, end, _, period in found:
        if occupied.find(2, start, end) == -1:
            occupied[start:end] = b"\x02" * (end - start)
            chosen.append(period)
    return sorted(chosen, key=lambda p: p.span_start)


_SPEECH = re.compile(_alternation(_DATA["speech_cues"]), re.IGNORECASE)


def is_statement_date(text: str, period: Period) -> bool:
    """A single day right after "said", "dated", "dijo", ...: when it was said, not done."""
    if period.start is None or period.start != period.end or len(period.start) != 10:
        return False
    return _SPEECH.search(text, max(0, period.span_start - 30), period.span_start) is not None


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


def period_rank(period: Period) -> tuple[int, int]:
    """Sort key: explicit dates and ranges first, then relative, then vague expressions."""
    return (_RANK.get(period.rule, 0), period.span_start)


# ---------------------------------------------------------------------------------------------
# Single dates and publication dates

_LEADING = re.compile(
    r"\s{0,8}(?:" + _alternation(_DATA["leading_words"]) + r"\s{1,8}){0,3}", re.IGNORECASE
)


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
    iso = _parse_iso(core)
    parts = iso if iso is not None else _parse_parts(core, strict=False)
    if parts is None:
        return None
    full = _with_year(parts, _anchor(published))
    return _parts_iso(full) if full else None


def _normalize_metadata(value: str) -> str | None:
    parts = _parse_iso(value)
    if parts is not None:
        return _parts_iso(parts)
    rfc = parsedate(value)  # "Wed, 20 Oct 2021 14:00:00 GMT"
    if rfc is not None:
        parts = _Parts(rfc[0], rfc[1], rfc[2])
        return _parts_iso(parts) if _valid(parts) else None
    parts = _parse_parts(value.strip().rstrip("."), strict=False)
    if parts is None or parts.year is None:
        return None
    return _parts_iso(parts)


_HEAD_CHARS = 1500
_TAIL_CHARS = 800
_TIME = (
    r"(?:[ \t]{0,4}(?:,|\||·|-|–|—|at|a[ \t]{1,3}las)?[ \t]{0,4}\d{1,2}[:.h]\d{2}"
    r"(?:[:.]\d{2})?[ \t]{0,4}(?:[ap]\.?[ \t]?m\.?)?(?:[ \t]{0,4}\(?[a-z]{2,5}\)?)?)?"
)
_LABEL = _alternation(_DATA["publication_labels"])
_PLACE = (
    r"(?-i:[A-ZÁÉÍÓÚÑ][\w'’.\-]{0,30}"
    r"(?:[ \t]{1,3}(?:de|del|la|las|los|el|of|the|da|do|[A-ZÁÉÍÓÚÑ][\w'’.\-]{0,30})){0,4})"
)
_WDOPT = r"(?:{WEEKDAY},?" + _S + r")?"
_AGENCY = r"(?:\([^()\n]{1,30}\)[ \t]{0,4})?"
_PUB_STRONG = tuple(
    re.compile(_expand(t, named=False), re.IGNORECASE | re.MULTILINE)
    for t in (
        # a line that is only a date: "October 20, 2021", "Published: 2023-07-31 14:00"
        r"^[ \t]{0,40}(?:"
        + _LABEL
        + r"[ \t]{0,4}[:\-–]?[ \t]{0,4})?"
        + _WDOPT
        + r"(?P<date>{PUBDATE})"
        + _TIME
        + r"[ \t]{0,4}[.|]?[ \t\r]{0,4}$",
        # a dateline: "LIMA, 15 Jul 2022 (AFP) -", "Caracas, 3 de marzo de 2024 —"
        r"^[ \t]{0,40}"
        + _PLACE
        + r"[ \t]{0,4}"
        + _AGENCY
        + r",[ \t]{0,4}"
        + _WDOPT
        + r"(?P<date>{PUBDATE})\.?[ \t]{0,4}"
        + _AGENCY
        + r"(?:[-—–:.]|[\r]?$)",
        # a label anywhere a line or a | segment starts: "date 2023-07-31 Home »"
        r"(?:^|[|·•])[ \t]{0,40}"
        + _LABEL
        + r"[ \t]{0,4}(?:on|el)?[ \t]{0,4}[:\-–]?[ \t]{0,4}"
        + _WDOPT
        + r"(?P<date>{PUBDATE})",
        # a byline carrying the date: "By Ana Ruiz | October 20, 2021"
        r"^[ \t]{0,40}"
        + _alternation(_DATA["byline_openers"])
        + r"[ \t][^\n]{0,120}?"
        + r"(?P<date>{PUBDATE})",
        # a machine timestamp: "2021-10-20T14:00:00Z"
        r"(?<![\w/.\-])(?P<date>\d{4}-\d{2}-\d{2})T\d{2}:\d{2}",
    )
)
_PUB_ANY = re.compile(_expand("{PUBDATE}", named=False), re.IGNORECASE)
_CAPTION_MARKERS = tuple(_DATA["caption_markers"])


def _first_strong(block: str) -> str | None:
    best: tuple[int, str] | None = None
    for regex in _PUB_STRONG:
        for m in regex.finditer(block):
            parts = _parse_parts(m.group("date").strip(), strict=False)
            if parts is None or parts.year is None or not _valid(parts):
                continue
            if best is None or m.start("date") < best[0]:
                best = (m.start("date"), _parts_iso(parts))
            break
    return best[1] if best else None


def _first_caption_date(block: str) -> str | None:
    lines = block.split("\n")
    for index, line in enumerate(lines):
        nearby = (line + " " + (lines[index + 1] if index + 1 < len(lines) else "")).lower()
        if not any(marker in nearby for marker in _CAPTION_MARKERS):
            continue
        for m in _PUB_ANY.finditer(line):
            parts = _parse_parts(m.group(0).strip(), strict=True)
            if parts is not None and parts.year is not None and _valid(parts):
                return _parts_iso(parts)
    return None


def find_publication_date(text: str, metadata_date: str | None = None) -> str | None:
    """The article's publication date, or None if nothing credible.

    A valid metadata date wins. Otherwise the first date line, dateline, labelled date
    ("Published: ..."), dated byline or timestamp in the first ~1500 characters, then the same
    in the last ~800, then a dated photo caption near the top. Dates in story sentences are not
    taken as publication dates.
    """
    if metadata_date:
        normalized = _normalize_metadata(metadata_date)
        if normalized:
            return normalized
    head = text[:_HEAD_CHARS]
    tail = text[-_TAIL_CHARS:] if len(text) > _HEAD_CHARS else ""
    return _first_strong(head) or _first_strong(tail) or _first_caption_date(head)
