"""Cheap necessary conditions for costly regexes. Most candidate sentences match none of the
rule patterns, and a pattern such as "\\b(?:urged|urges|...)\\s+(?P<target>...)\\s+to\\s+..."
cannot match a sentence without one of its verbs. The literals a match must hold are read off
the parsed pattern once; one Aho-Corasick pass over a lowercased text then finds the literals
present, and a regex whose required literals are absent is not run. Results are always the
regex's own: the test only skips scans that would fail."""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]

import ahocorasick

Needles = frozenset[str]  # a match holds one of these
Conjunction = list[Needles]  # a match holds one of each
Requirement = list[Conjunction] | None  # a match satisfies one of these; None: unknown

# Characters a case-insensitive regex matches to an ASCII letter while str.lower() does not
# give that letter ("ſ" is an "s", "ı" and "İ" are an "i"): with one in the text, run anyway.
_FOLD_TRAPS = re.compile("[\u0130\u0131\u017f]")
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_SHORTEST = 3  # shorter literals are in almost every text: no use as a test


def _plain(code: int) -> bool:
    """A literal that lowercases to itself in every text: Latin letters and marks, no traps."""
    char = chr(code)
    return code < 0x250 and len(char.lower()) == 1 and not _FOLD_TRAPS.match(char)


def _selectivity(needles: AbstractSet[str]) -> tuple[int, int]:
    return min(map(len, needles)), -len(needles)


def _conjunction(items: Iterable[tuple]) -> Conjunction:  # type: ignore[type-arg]
    """Sets of literals such that a match of the parsed sequence holds one of each set."""
    sets: Conjunction = []
    run = ""
    for op, av in items:
        if op is sre.LITERAL and _plain(av):
            run += chr(av).lower()
            continue
        if run:
            sets.append(frozenset((run,)))
            run = ""
        if op is sre.SUBPATTERN:
            sets += _conjunction(av[3])
        elif op is sre.BRANCH:
            joined = _disjunction(av[1])
            if joined is not None:
                sets.append(joined)
        elif op in _REPEATS and av[0] >= 1:
            sets += _conjunction(av[2])
    if run:
        sets.append(frozenset((run,)))
    return [s for s in sets if min(map(len, s)) >= _SHORTEST]


def _disjunction(alternatives: Iterable[Iterable[tuple]]) -> Needles | None:  # type: ignore[type-arg]
    """One set of literals such that a match of the alternation holds one of them: the most
    selective set of each alternative, joined; None when an alternative has none."""
    joined: set[str] = set()
    for alternative in alternatives:
        sets = _conjunction(alternative)
        if not sets:
            return None
        joined |= max(sets, key=_selectivity)
    return frozenset(joined)


def requirement(regex: re.Pattern[str]) -> Requirement:
    """What every match of `regex` holds, as alternatives of conjunctions of literal sets;
    an alternation at the top ("(?:A|B|...)") gives one conjunction per alternative."""
    items = list(_parser.parse(regex.pattern, regex.flags))
    while True:
        items = [item for item in items if item[0] not in _ZERO_WIDTH]  # "\b", "^", "(?=[a-z])": no literals
        if len(items) != 1 or items[0][0] is not sre.SUBPATTERN:
            break
        items = list(items[0][1][3])
    if len(items) == 1 and items[0][0] is sre.BRANCH:
        branches = [_conjunction(alternative) for alternative in items[0][1][1]]
    else:
        branches = [_conjunction(items)]
    return None if any(not conjunction for conjunction in branches) else branches


_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_NOT_DIGIT: r"\D", sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W", sre.CATEGORY_SPACE: r"\s", sre.CATEGORY_NOT_SPACE: r"\S",
}  # fmt: skip
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")


def _first_items(items: Iterable[tuple]) -> tuple[list[tuple], bool] | None:  # type: ignore[type-arg]
    """The class items one of which the first character of a match of the parsed sequence
    is, and whether the sequence can match empty; None when unknown."""
    found: list[tuple] = []  # type: ignore[type-arg]
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue  # a lookaround or an anchor consumes nothing: the next item decides
        if op is sre.LITERAL:
            return [*found, (op, av)], False
        if op is sre.IN:
            if any(item_op is sre.NEGATE for item_op, _ in av):
                return None
            return [*found, *av], False
        if op is sre.SUBPATTERN:
            if av[1] & sre.SRE_FLAG_IGNORECASE:
                return None  # "(?i:...)": its case variants are not in a class without the flag
            alternatives: Iterable[Iterable[tuple]] = (av[3],)  # type: ignore[type-arg]
        elif op is sre.BRANCH:
            alternatives = av[1]
        elif op in _REPEATS:
            alternatives = (av[2],)
        else:
            return None  # any character, a back reference...
        empty = op in _REPEATS and av[0] == 0
        for alternative in alternatives:
            first = _first_items(alternative)
            if first is None:
                return None
            found += first[0]
            empty = empty or first[1]
        if not empty:
            return found, False
    return found, True


def first_class(pattern: str, flags: int) -> str | None:
    """A character class, under the same flags, holding the first character of every match of
    `pattern`; None when unknown or a match can be empty. `(?=[...])` before a pattern that
    tries a long alternation at every word start then rejects most of them in one test."""
    try:
        first = _first_items(_parser.parse(pattern, flags))
    except Exception:  # the private parser changed shape: no class, the pattern runs as is
        return None
    if first is None or first[1] or not first[0]:
        return None
    parts: set[str] = set()
    for op, av in first[0]:
        if op is sre.LITERAL:
            parts.add(re.escape(chr(av)))
        elif op is sre.RANGE:
            parts.add(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is sre.CATEGORY and av in _CATEGORIES:
            parts.add(_CATEGORIES[av])
        else:
            return None
    return "[" + "".join(sorted(parts)) + "]"


def with_first_class(regex: re.Pattern[str]) -> re.Pattern[str]:
    """`regex` behind a lookahead on the characters its matches start with: the same matches,
    found faster when it would try a long alternation at many positions; else `regex`."""
    first = first_class(regex.pattern, regex.flags)
    if first is None:
        return regex
    flags = _GLOBAL_FLAGS.match(regex.pattern)  # "(?i)" must stay in front
    head = flags.group(0) if flags else ""
    try:
        return re.compile(f"{head}(?={first})(?:{regex.pattern[len(head):]})", regex.flags)
    except re.error:  # e.g. a global flag inside the pattern: it must stay at the start
        return regex


def _safe_requirement(regex: re.Pattern[str]) -> Requirement:
    """requirement(), or None (always run the regex) if the private parser ever changes shape."""
    try:
        return requirement(regex)
    except Exception:
        return None


class _Test:
    """A requirement in the form quickest to test: the branches that need one literal set,
    merged into one set, and the others filed under the literals of their most selective
    set, so that only the conjunctions one of whose literals is present are looked at."""

    def __init__(self, branches: list[Conjunction]):
        self.any_of = frozenset().union(*(c[0] for c in branches if len(c) == 1))
        by_key: dict[str, list[tuple[Needles, ...]]] = {}
        for conjunction in branches:
            if len(conjunction) > 1:
                key = max(conjunction, key=_selectivity)
                rest = tuple(needles for needles in conjunction if needles is not key)
                for needle in key:
                    by_key.setdefault(needle, []).append(rest)
        self.keys = frozenset(by_key)
        self.by_key = by_key

    def passes(self, present: frozenset[str]) -> bool:
        if not present.isdisjoint(self.any_of):
            return True
        for needle in present & self.keys:
            for rest in self.by_key[needle]:
                for needles in rest:
                    if present.isdisjoint(needles):
                        break
                else:
                    return True
        return False


class Prefilter:
    """The literal tests of a family of regexes run on the same texts."""

    def __init__(self, regexes: Iterable[re.Pattern[str]]):
        self._regexes = list(regexes)  # kept alive: the tests are keyed by id()
        requirements = {id(regex): _safe_requirement(regex) for regex in self._regexes}
        # by id: hashing a compiled pattern hashes its whole source, on every lookup
        self._tests = {key: _Test(branches) for key, branches in requirements.items() if branches}
        self._automaton = ahocorasick.Automaton()
        for branches in requirements.values():
            for conjunction in branches or ():
                for needles in conjunction:
                    for needle in needles:
                        self._automaton.add_word(needle, needle)
        self._empty = not len(self._automaton)
        if not self._empty:
            self._automaton.make_automaton()

    def present(self, text: str, lowered: str) -> frozenset[str] | None:
        """The literals in `text` (`lowered` is text.lower()); None: assume all."""
        if self._empty or _FOLD_TRAPS.search(text):
            return None
        return frozenset([needle for _, needle in self._automaton.iter(lowered)])

    def may_match(self, regex: re.Pattern[str], present: frozenset[str] | None) -> bool:
        """False only when `regex` cannot match the text whose literals are `present`."""
        if present is None:
            return True
        test = self._tests.get(id(regex))
        return test is None or test.passes(present)

    def search(
        self, regex: re.Pattern[str], text: str, present: frozenset[str] | None
    ) -> re.Match[str] | None:
        """regex.search(text), or None at once when the literals show it cannot match."""
        if present is not None:  # may_match, inlined: this runs for every rule on every sentence
            test = self._tests.get(id(regex))
            if test is not None and not test.passes(present):
                return None
        return regex.search(text)
