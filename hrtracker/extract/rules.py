"""The incident rules. Each rule has an id (it appears in the record's `rules`), a trigger (the
keyword classes that make a sentence a candidate) and a small function. Language knowledge
(trigger words, cue words) lives in data/rules.json; the functions apply it."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from ..models import Incident
from . import actors
from .dates import Period, find_periods, is_statement_date, period_rank
from .lexicon import Match, PhraseMatcher, load_data
from .numbers import Count, CountMention, find_counts, parse_number
from .places import PlaceMention, country_by_code
from .prefilter import Prefilter, with_first_class
from .sentences import Sentence


@lru_cache(maxsize=1)
def lexicon() -> dict:
    return load_data("rules.json")


@lru_cache(maxsize=1)
def trigger_matcher() -> PhraseMatcher:
    """One automaton over every trigger word; values are trigger classes ('death', 'call'...)."""
    phrases: dict[str, str] = {}
    for trigger_class, words in lexicon()["triggers"].items():
        for word in words:
            phrases[word] = trigger_class
    return PhraseMatcher(phrases, prefix=True)


def _words_regex(words: list[str] | tuple[str, ...]) -> re.Pattern[str]:
    return _compiled_words(tuple(words))


@cache
def _compiled_words(words: tuple[str, ...]) -> re.Pattern[str]:
    # Unlike `_alternation`, spaces are kept: "if " and "penal " end a word on purpose.
    body = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
    return with_first_class(re.compile(rf"(?<!\w)(?:{body})", re.I))


@cache
def cue(name: str) -> re.Pattern[str]:
    """A compiled cue-word pattern from data/rules.json (short lists only, run on one sentence)."""
    return _words_regex(lexicon()["cues"][name])


# -- the document context the rules read ---------------------------------------------------------


class SentenceView:
    """A sentence as the rules see it, with per-sentence caches. A plain class whose caches
    default at class level: one view per sentence is built, most are never read, and setting
    five fields costs a fraction of a dataclass's fourteen."""

    _periods: list[Period] | None = None
    _counts: list[CountMention] | None = None
    _present: frozenset[str] | None = None
    _present_done: bool = False
    _perpetrator: tuple[str, str] | None = None
    _perpetrator_done: bool = False
    _victims: tuple[str | None, str | None] | None = None
    _deaths: list[tuple[CountMention, str]] | None = None
    _single: tuple[Count, str, str] | None = None
    _single_done: bool = False

    def __init__(self, index: int, sentence: Sentence, triggers: frozenset[str], places: Sequence[PlaceMention]):
        self.index = index
        self.sentence = sentence
        self.triggers = triggers
        self.places = places
        self.text = sentence.text  # read by every rule: an attribute, not a property


@dataclass
class Context:
    text: str
    published: str | None
    focus: str | None
    views: list[SentenceView]
    outlet: str | None = None
    call_date: str | None = None
    protest_doc: bool = False
    protest_title: bool = False  # the title is about protests, in a document about protests
    abuse_doc: bool = False  # some sentence names an abuse (calls need one to be about abuses)
    dateline_end: int = 0  # offset past "LIMA (Reuters) -": its date and place are not the event's
    protest_death_at: int = -1  # start of the last sentence that gave a protest death
    first_caller: str | None = None
    _first_caller_done: bool = False
    _protest_scanned: int = 0
    _protest_found: tuple[int, Period] | None = None

    def periods(self, view: SentenceView) -> list[Period]:
        if view._periods is None:
            view._periods = find_periods(view.text, self.published)
        return view._periods

    def protest_period(self, before: int) -> Period | None:
        """The first period stated in a sentence about the protests, before sentence `before`:
        what later sentences mean by "during the mobilizations"."""
        if self._protest_found is not None:
            at, period = self._protest_found
            return period if at < before else None
        for view in self.views[self._protest_scanned : before]:
            if "protest" in view.triggers or cue("protest_anaphora").search(view.text):
                chosen = choose_period(view, self)
                if chosen is not None and not chosen.rule.endswith("weekday"):
                    lead_in = view.text[max(0, chosen.span_start - 30) : chosen.span_start]
                    if self.published and _BEGAN.search(lead_in) and chosen.start == chosen.end:
                        # "the strike began on April 28": the wave runs from then to the report
                        chosen = Period(chosen.start, self.published, chosen.span_start, chosen.span_end, chosen.text, chosen.rule + ".began")
                    self._protest_found = (view.index, chosen)
                    return chosen
        self._protest_scanned = max(self._protest_scanned, before)
        return None

    def caller_before(self, index: int) -> str | None:
        """The last institution or group named as a subject before sentence `index` (who
        "they" are in "They urged the State Department...")."""
        for view in reversed(self.views[:index]):
            for match in reversed(actors.find_callers(view.text)):
                before = view.text[max(0, match.start - 16) : match.start].lower()
                if not _OBJECT_CUE.search(before):
                    return actors.expand_left(view.text, match)[1]
        return None

    def present(self, view: SentenceView) -> frozenset[str] | None:
        """The literals of the rule patterns in the sentence: one pass serves every rule."""
        if not view._present_done:
            view._present = sentence_prefilter().present(view.text, view.text.lower())
            view._present_done = True
        return view._present

    def perpetrator(self, view: SentenceView) -> tuple[str, str] | None:
        """perpetrator_in(view.text), once per sentence: several rules and neighbors ask."""
        if not view._perpetrator_done:
            view._perpetrator = perpetrator_in(view.text)
            view._perpetrator_done = True
        return view._perpetrator

    def victims(self, view: SentenceView, default: str | None = None) -> tuple[str | None, str | None]:
        """victims_in(view.text, default), matched once per sentence."""
        if view._victims is None:
            view._victims = victims_in(view.text)
        group, phrase = view._victims
        return (default, None) if group is None else (group, phrase)

    def search(self, view: SentenceView, regex: re.Pattern[str], text: str | None = None) -> re.Match[str] | None:
        """regex.search(text), `text` the sentence or a part of it; None at once when the
        sentence lacks the literals every match holds (what a part holds, the whole holds)."""
        if not sentence_prefilter().may_match(regex, self.present(view)):
            return None
        return regex.search(view.text if text is None else text)

    def counts(self, view: SentenceView) -> list[CountMention]:
        if view._counts is None:
            view._counts = find_counts(view.text)
        return view._counts


Rule = Callable[[SentenceView, int, Context], list[Incident]]
_BEGAN = re.compile(r"(?i)\b(?:began|begun|started|erupted|broke out|comenzó|comenzaron|empezó|empezaron|inició|iniciaron|estalló|estallaron)\b[^.;]{0,12}$")


def _incident(view: SentenceView, category: str, rule_id: str, **fields: object) -> Incident:
    s = view.sentence
    return Incident(
        category=category,  # type: ignore[arg-type]
        evidence=s.text,
        evidence_start=s.start,
        evidence_end=s.end,
        rules=[rule_id],
        **fields,  # type: ignore[arg-type]
    )


# -- shared helpers ------------------------------------------------------------------------------

US = "USA"


_MOVEMENT = re.compile(r"(?i)\b(?:to|toward|towards|from|hacia|desde|fled|flee|exile in|asylum in|a)\s+(?:the\s+|el\s+|la\s+)?$")
_LOCATION = re.compile(r"(?i)\b(?:in|en|across|throughout|near|outside|inside|at|around|of)\s+(?:the\s+|el\s+|la\s+)?$")
_KIND_WEIGHT = {"city": 2.0, "capital": 2.0, "region": 2.0, "demonym": 1.5, "leader": 1.2, "country": 1.0}


def sentence_country(view: SentenceView, ctx: Context, exclude_speakers: bool = True) -> tuple[str | None, str]:
    """The country an incident in this sentence happened in, and how it was found: a place
    after 'in'/'en' beats a city, which beats a demonym or a bare country name; a country one
    goes to or comes from ("fled to Mexico") does not count; the document's focus breaks ties."""
    best: tuple[float, int, str] | None = None
    for place in view.places:
        if place.code3 is None:
            continue
        before = view.text[max(0, place.start - 14) : place.start]
        if place.kind in ("city", "capital", "region") and _STREET.search(before):
            continue  # "plaza Altamira", "calle Lima": a street, not the city
        if exclude_speakers and place.code3 == US and ctx.focus not in (None, US):
            continue  # the U.S. is mostly the speaker in this kind of reporting
        if view.sentence.start + place.start < ctx.dateline_end:
            weight = 0.4  # "DUBAI (Reuters) -": where the reporter files from, not always where it happened
        elif _MOVEMENT.search(before):
            weight = 0.0
        elif _LOCATION.search(before):
            weight = 3.0
        else:
            weight = _KIND_WEIGHT.get(place.kind, 1.0)
        if place.code3 == ctx.focus:
            weight += 0.5
        candidate = (weight, -place.start, place.code3)
        if best is None or candidate > best:
            best = candidate
    if best is None or (best[0] == 0.0 and ctx.focus):
        return ctx.focus, "focus"
    return best[2], "sentence"


_STREET = re.compile(r"(?i)\b(?:plaza|calle|avenida|av\.|avenue|street|st\.|barrio|colonia|hotel|estadio|stadium|puente|jirón|jr\.|paseo|parque)\s+$")


def set_country(fields: dict[str, object], code: str | None) -> None:
    country = country_by_code(code) if code else None
    fields["country"] = country.name if country else None
    fields["country_code"] = country.code3 if country else None


def choose_period(view: SentenceView, ctx: Context, near: int | None = None) -> Period | None:
    """When the events of the sentence happened; the date something was said or a letter
    was dated is not an event date."""
    dateline_end = ctx.dateline_end
    periods = [
        p
        for p in ctx.periods(view)
        if p.start
        and not is_statement_date(view.text, p)
        and view.sentence.start + p.span_start >= dateline_end
        and not _attributive_year(view.text, p)
    ]
    if not periods:
        return None
    if near is not None:  # a second count in the sentence takes the period closest to it
        return min(periods, key=lambda p: min(abs(p.span_start - near), abs(p.span_end - near)))
    return min(periods, key=period_rank)


def _note_date(view: SentenceView, ctx: Context) -> Period | None:
    """An event note's date carries over its next sentences: "On 15 January 2023, in Juliaca,
    protesters clashed with police. 1 protester was killed." """
    if view.index == 0:
        return None
    previous = ctx.views[view.index - 1]
    if previous.sentence.paragraph != view.sentence.paragraph or not _OWN_DATE.match(previous.text):
        return None
    return choose_period(previous, ctx)


_ATTRIBUTIVE = re.compile(r"(?i)\b(?:the|a|la|el|las|los|del|of the)\s+$")
_EVENT_NOUN = re.compile(
    r"(?i)\s+(?:protests?|demonstrations?|strike|national strike|uprising|unrest|crackdown|crisis|elections?|estallido|protestas|paro|movilizaciones|crisis|elecciones|massacre|masacre|riots?|mobili[sz]ations?|killings?)\b"
)


def _attributive_year(text: str, period: Period) -> bool:
    """'the 2016 peace agreement' names a thing, not when this happened ('the 2021 protests'
    does)."""
    if not re.fullmatch(r"\d{4}", period.text):
        return False
    if not _ATTRIBUTIVE.search(text[max(0, period.span_start - 10) : period.span_start]):
        return False
    return not _EVENT_NOUN.match(text, period.span_end)


def set_period(fields: dict[str, object], period: Period | None) -> None:
    if period is None:
        return
    fields["period_start"] = period.start
    fields["period_end"] = period.end or period.start
    fields.setdefault("_period_text", period.text)


def perpetrator_in(text: str, start: int = 0, end: int | None = None) -> tuple[str, str] | None:
    """(group, phrase as written) of the actor who did it: an agent after 'by'/'a manos de'
    wins; an actor that is the target of violence ('against police') never counts."""
    matches = actors.find_perpetrators(text)
    best: tuple[float, Match] | None = None
    for match in matches:
        if match.start < start or (end is not None and match.end > end):
            continue
        before = text[max(0, match.start - 40) : match.start].lower()
        if cue("against").search(before[-18:]) or _ACTOR_DIED.match(text, match.end) or _DEATHS_OF.search(before[-22:]):
            continue  # "violence against police", "one police officer was killed": not the perpetrator
        if _is_source(text, match):
            continue  # "..., authorities said", "según la policía": who reports it, not who did it
        # An agent ("by the police") beats a mention; a named force beats "gunmen" or "authorities".
        score = (2.0 if cue("agent").search(before[-22:]) else 1.0) + _SPECIFICITY.get(match.value, 0.0)
        if best is None or score > best[0]:
            best = (score, match)
    if best is None:
        return None
    chosen = best[1]
    start, phrase = actors.expand_left(text, chosen)
    # "soldiers and police": two kinds of state force together are the security forces.
    for other in matches:
        if other.start > chosen.end and re.fullmatch(r"\s*(?:,|and|y|or|o|as well as)\s*(?:the\s+|la\s+|el\s+|los\s+)?", text[chosen.end : other.start], re.I):
            if {chosen.value, other.value} <= {"police", "military", "security_forces"} and other.value != chosen.value:
                return "security_forces", text[start : other.end]
            break
    return chosen.value, phrase


_OF_VICTIMS = re.compile(r"(?i)\s+(?:of|de)\s+([^,.;]{3,40})")
_REFERENTIAL = re.compile(r"(?i)\b(?:out of|of|de)\s+(?:the|these|those|los|las|estos|estas)\s+$")
_DEATHS_OF = re.compile(r"(?i)\b(?:deaths? of|killings? of|murders? of|muertes? de|asesinatos? de)\s+(?:\w+\s+){0,2}$")
_ACTOR_DIED = re.compile(
    r"(?i)\s*(?:(?:were|was|have been|has been|had been|fueron|fue)\s+(?:killed|shot dead|murdered|shot|burned to death|burnt to death|beaten to death|lynched|asesinad[oa]s?|muert[oa]s?|linchad[oa]s?|quemad[oa]s? vivos?)|died|dead|murieron|fallecieron|muertos)\b"
)
def _is_source(text: str, match: Match) -> bool:
    after = text[match.end : match.end + 40]
    before = text[max(0, match.start - 30) : match.start]
    return bool(_SOURCE_AFTER().match(after) or _SOURCE_BEFORE().search(before))


@lru_cache(maxsize=1)
def _SOURCE_AFTER() -> re.Pattern[str]:
    return re.compile(rf"(?i)^(?:\s+\w+){{0,2}}?\s+(?:{_alternation(lexicon()['cues']['source_after'])})\b")


@lru_cache(maxsize=1)
def _SOURCE_BEFORE() -> re.Pattern[str]:
    return re.compile(rf"(?i)\b(?:{_alternation(lexicon()['cues']['source_before'])})\s+(?:the\s+|la\s+|el\s+|los\s+|las\s+)?(?:\w+\s+){{0,2}}$")


_SPECIFICITY = {"unknown": -0.6, "government": -0.4}


def perpetrator_near(view: SentenceView, ctx: Context) -> tuple[str, str] | None:
    """The perpetrator named in the sentence, or in the next sentence of the paragraph when
    that one attributes the act ("Residents blame the Clan del Golfo")."""
    found = ctx.perpetrator(view)
    if found:
        return found
    follower = _next_in_paragraph(view, ctx)
    if follower is not None and cue("attribution").search(follower.text):
        return ctx.perpetrator(follower)
    return None


def victims_in(text: str, default: str | None = None) -> tuple[str | None, str | None]:
    """The victims named in the text; words that belong to a perpetrator's name ("FARC
    dissidents") do not count."""
    taken = [(m.start, m.end) for m in actors.find_perpetrators(text)]
    matches = [m for m in actors.find_victims(text) if not any(s < m.end and m.start < e for s, e in taken)]
    specific = [m for m in matches if m.value not in ("civilians", "other")]
    chosen = specific[0] if specific else (matches[0] if matches else None)
    if chosen is None:
        return default, None
    return chosen.value, chosen.text


def is_negated(
    text: str, trigger_pos: int, trigger_end: int | None = None, within: tuple[SentenceView, Context] | None = None
) -> bool:
    """Denials, hypotheticals and policies before the trigger, or a denial right after it
    ("... used excessive force, the minister denied it"): not an incident. `within`: the
    sentence `text` is, whose literals spare scans."""
    before = text[max(0, trigger_pos - 120) : trigger_pos]
    if _search(cue("negation"), before, within):
        return True
    if trigger_end is not None:
        return bool(_search(cue("denial_after"), text[trigger_end : trigger_end + 70], within))
    return False


def _search(regex: re.Pattern[str], text: str, within: tuple[SentenceView, Context] | None) -> re.Match[str] | None:
    return regex.search(text) if within is None else within[1].search(within[0], regex, text)


def is_protest_context(view: SentenceView, ctx: Context) -> bool:
    """The sentence is about protests, refers back to them, sits next to a sentence about them
    in its paragraph, or (in a document about protests) shares a paragraph or the title with
    them."""
    if "protest" in view.triggers or cue("protest_anaphora").search(view.text):
        return True
    index, paragraph = view.index, view.sentence.paragraph
    for other in ctx.views[max(0, index - 1) : index + 2]:
        if other.sentence.paragraph == paragraph and "protest" in other.triggers:
            return True
    if not ctx.protest_doc:
        return False
    if ctx.protest_title:
        return True
    return any(
        "protest" in other.triggers
        for other in ctx.views[max(0, index - 3) : index + 4]
        if other.sentence.paragraph == paragraph
    )


# -- counts --------------------------------------------------------------------------------------



def _people_nouns() -> set[str]:
    return set(lexicon()["people_nouns"])


def _death_nouns() -> set[str]:
    return set(lexicon()["death_nouns"])


def _noun_key(noun: str | None) -> str | None:
    if not noun:
        return None
    return noun.split()[-1].lower()


def _alternation(words: list[str]) -> str:
    return "|".join(sorted((re.escape(w.strip()) for w in words), key=len, reverse=True))


@lru_cache(maxsize=1)
def _count_links() -> dict[str, re.Pattern[str]]:
    """Regexes that tie a number to what it counts, built from the cue lists once."""
    lex = lexicon()["cues"]
    # between the counted noun and its verb: a relative clause, a place, a coordinated noun
    # ("nine coca growers who backed Morales were shot dead", "118 inmates of the Litoral
    # Penitentiary were killed", "13 journalists and media workers were killed")
    relative = (
        # an appositive between commas ("Two protesters, aged 15 and 18, were shot dead")
        r"(?:,\s*[^,.;]{1,50},)?"
        # adjectives and an age after the noun ("dos niñas argentinas de 11 años murieron")
        r"(?:(?:\s+[a-záéíóúñ]{3,20}){0,2}\s+(?:de|aged|of)\s+\d{1,2}(?:\s+(?:años|years?(?:\s+old)?))?,?)?"
        # a second count joined to the first ("17 demonstrators and 1 police officer were killed")
        r"(?P<coord>\s+(?:and|y)\s+(?:\d[\d,.]*|one|two|three|four|five|six|un|una|uno|dos|tres|cuatro|cinco)\s+[^.;\d]{1,40}?(?=\s+(?:were|have|had|was|murieron|fueron)\b))?"
        r"(?:\s+(?:las|los|the)\s+(?:personas|víctimas|people))?"
        r"(?:,?\s+(?:who|that|whom|whose|que|quienes|of|from|in|at|de|del|en|and|y|or|o)\b[^.;\d]{0,120}?)?"
    )
    filler = r"(?:\s+(?:a total of|un total de|the|los|las|otros|otras|another|more|other))?"
    links = {
        # "49 civilians were killed", "nine coca growers who backed Morales were shot dead"
        "death_after": re.compile(rf"^(?:\s+(?:more|others|más|otros|other))?{relative}\s*(?:{_alternation(lex['death_after'])})\b", re.I),
        # "killing six", "the deaths of at least 49", "left 12 dead"
        "death_before": re.compile(rf"\b(?:{_alternation(lex['death_before'])}){filler}[\s:]*$", re.I),
        # "the death toll from the unrest rose to 32", "la cifra de fallecidos ascendió a 18"
        "toll_before": re.compile(
            r"\b(?:(?:death )?toll\b|(?:number|count|cifra|número|balance|saldo)\b(?=[^;]{0,60}?(?:fallec|muert|killed|dead|death|víctim|victim|asesin|lost their lives)))[^;]{0,180}?\b(?:to|at|of|reached|hit|tops|topped|passed|exceeded|surpassed|a|en|es de|llegó a|asciende a|ascendió a|subió a|sube a|supera|superó|de \d+ a|from \d+ to)\s*$",
            re.I,
        ),
        "injured_after": re.compile(rf"^(?:\s+(?:more|others|más|otros|other))?{relative}\s*(?:{_alternation(lex['injured_after'])})\b", re.I),
        "injured_before": re.compile(rf"\b(?:{_alternation(lex['injured_before'])}){filler}[\s,:]*$", re.I),
        "arrested_after": re.compile(rf"^(?:\s+(?:more|others|más|otros|other))?{relative}\s*(?:{_alternation(lex['arrested_after'])})\b", re.I),
        "arrested_before": re.compile(rf"\b(?:{_alternation(lex['arrested_before'])}){filler}[\s,:]*$", re.I),
    }
    return {name: with_first_class(regex) for name, regex in links.items()}


def death_counts(view: SentenceView, ctx: Context) -> list[tuple[CountMention, str]]:
    """Counts in the sentence that count dead people, each with the rule that linked them.
    Found once per sentence (the protest and abuse rules and a neighbor ask); do not mutate."""
    if view._deaths is None:
        view._deaths = _death_counts(view, ctx)
    return view._deaths


def _death_counts(view: SentenceView, ctx: Context) -> list[tuple[CountMention, str]]:
    text = view.text
    links = _count_links()
    out: list[tuple[CountMention, str]] = []
    for mention in ctx.counts(view):
        noun = _noun_key(mention.noun)
        after = text[mention.end if mention.noun_end is None else mention.noun_end :][:160]
        before = text[max(0, mention.start - 90) : mention.start]
        partial = (
            cue("partial_after").match(text[mention.end : mention.end + 12])
            or mention.text.lower().startswith(("including", "incluid", "among", "entre ellos"))
            or _REFERENTIAL.search(before)  # "10 out of the 28 deaths": a figure already given
        )
        if partial and not links["death_before"].search(before):
            continue  # "Trece de los fallecidos", "including three children": part of a total
        if noun and mention.noun and actors.find_perpetrators(text[mention.start : mention.noun_end or mention.end]):
            continue  # "two unidentified gunmen shot dead Ríos", "1 police officer": not victims
        if noun in _death_nouns():
            out.append((mention, "count.death_noun"))
        elif found := links["death_after"].match(after):
            own = after[: found.start("coord")] + after[found.end("coord") : found.end()] if found.group("coord") else after[: found.end()]
            if actors.find_perpetrators(own) and not re.search(r"(?i)\b(?:by|por|a manos de)\b", own):
                continue  # "dozens of members of the security forces have been killed": not victims of abuse
            out.append((mention, "count.people_killed"))
        elif noun is None or noun in _people_nouns():
            if links["death_before"].search(before):
                out.append((mention, "count.killing_n"))
            elif noun is None and links["toll_before"].search(text[max(0, mention.start - 260) : mention.start]):
                out.append((mention, "count.toll"))
    if not out:
        out.extend(_word_tolls(text, ctx.counts(view)))
    return out


_TOLL_WORD = re.compile(
    r"(?i)\b(?:rose to|risen to|climbed to|reached|ascendió a|asciende a|subió a|sube a|llegó a|son|suman(?: ya)?)\s+([a-záéíóúñ-]{3,20})\b"
)


def _word_tolls(text: str, known: list[CountMention]) -> list[tuple[CountMention, str]]:
    """'the toll rose to eight', 'la cifra ... ascendió a seis': a number word with no noun,
    which the count finder leaves alone unless a toll stands before it."""
    found: list[tuple[CountMention, str]] = []
    for match in _TOLL_WORD.finditer(text):
        value = parse_number(match.group(1))
        start, end = match.span(1)
        if not value or any(m.start <= start < m.end for m in known):
            continue
        if _count_links()["toll_before"].search(text[max(0, start - 260) : start]):
            mention = CountMention(start, end, match.group(1), Count(value, value, value), None, None, None, False)
            found.append((mention, "count.toll"))
    return found


@lru_cache(maxsize=1)
def _singular_regexes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    nouns = "|".join(sorted((re.escape(n) for n in lexicon()["singular_victims"]), key=len, reverse=True))
    after = re.compile(
        rf"\b(?:a|an|one|un|una|otro|otra|another)\s+(?:[\w-]+\s+){{0,3}}?(?:{nouns})\b[^.;]{{0,60}}?\b(?:was|has been|had been|fue|resultó|were)\s+(?:shot dead|killed|murdered|shot and killed|fatally shot|beaten to death|asesinad[oa]|muert[oa]|ejecutad[oa])"
        rf"|\b(?:killed|murdered|shot dead|shot and killed|asesinaron a|mataron a|asesinó a|mató a)\s+(?:a|an|one|un|una)\s+(?!(?:bill|law|proposal|plan|deal|motion|project|chance|measure|story|idea|reform|vote)\b)[\w-]+"
        rf"|\b(?:el|la|the)\s+(?:[\w-]+\s+){{0,2}}?(?:{nouns})\b[^.;]{{0,100}}?\b(?:(?:was|fue)\s+(?:shot dead|killed|murdered|shot and killed|asesinad[oa]|ejecutad[oa])|murió|died)\b"
        rf"|^\W*[A-ZÁÉÍÓÚÑ][\wáéíóúñ'’-]+(?:\s+[A-ZÁÉÍÓÚÑ][\wáéíóúñ'’-]+){{1,3}},\s*(?:de\s+|aged\s+)?\d{{1,2}}(?:\s+años)?,\s+(?:murió|falleció|died|was killed|was shot dead|fue asesinad[oa])\b"
        rf"|\b(?:a|an|one|un|una)\s+(?:[\w-]+\s+){{0,3}}?(?:{nouns})\b[^.;]{{0,60}}?\b(?:died|murió|falleció|perdió la vida)\b"
        rf"|\b(?:killing|killed|shot dead|mató a|matando a|asesinó a|asesinando a)\s+(?:one|uno|una|a person|una persona|an? \d{{1,2}}-year-old|una? (?:joven|menor) de \d{{1,2}} años)\b",
        re.I,
    )
    name = r"(?!(?:The|A|An|El|La|Los|Las|Un|Una|On|In|At|Police|Soldiers)\b)[A-ZÁÉÍÓÚÑ][\wáéíóúñ'’-]+(?:\s+(?:de\s+|del\s+)?[A-ZÁÉÍÓÚÑ][\wáéíóúñ'’-]+){0,3}"
    named = re.compile(
        rf"\b(?:killed|murdered|shot dead|assassinated|asesinaron a|mataron a|ejecutaron a|asesinó a|mató a|asesinato de|the killing of|the murder of|el homicidio de|la ejecución de|las muertes de|la muerte de|the deaths of|the death of)\s+({name}(?:(?:,\s*(?:\d{{1,2}},\s*)?|\s+(?:and|y)\s+){name}){{0,5}})"
    )
    return with_first_class(after), with_first_class(named)


def singular_death(view: SentenceView, ctx: Context) -> tuple[Count, str, str] | None:
    """'a journalist was shot dead' is one death; 'killed Ana Pérez and Luis Gil' two."""
    if not view._single_done:
        view._single = _singular_death(view, ctx)
        view._single_done = True
    return view._single


def _singular_death(view: SentenceView, ctx: Context) -> tuple[Count, str, str] | None:
    after, named = _singular_regexes()
    found = ctx.search(view, named)
    if found:
        people = [p for p in re.split(r",\s*|\s+(?:and|y)\s+", found.group(1).strip()) if p and not p[0].isdigit()]
        return Count(len(people), len(people), len(people)), found.group(0), "count.named_victims"
    found = ctx.search(view, after)
    if found:
        return Count(1, 1, 1), found.group(0), "count.singular"
    return None


def count_fields(prefix: str, count: Count) -> dict[str, object]:
    return {f"{prefix}_low": count.low, f"{prefix}_best": count.best, f"{prefix}_high": count.high}


def other_counts(view: SentenceView, ctx: Context, skip: set[int]) -> dict[str, object]:
    """Injured and detained counts in the same sentence."""
    fields: dict[str, object] = {}
    text = view.text
    links = _count_links()
    for mention in ctx.counts(view):
        if mention.start in skip:
            continue
        noun = _noun_key(mention.noun)
        after = text[mention.end if mention.noun_end is None else mention.noun_end :][:160]
        before = text[max(0, mention.start - 60) : mention.start]
        if noun in lexicon()["injured_nouns"] or links["injured_after"].match(after) or links["injured_before"].search(before):
            fields.update(count_fields("injured", mention.count))
        elif (
            noun in lexicon()["arrested_nouns"] or links["arrested_after"].match(after) or links["arrested_before"].search(before)
        ) and not ctx.search(view, cue("border")):
            fields.update(count_fields("arrested", mention.count))
    return fields


# -- rules ---------------------------------------------------------------------------------------


_SHOOTING = re.compile(r"(?i)\b(?:shot dead|shot and killed|shot|fired (?:on|at|into)|opened fire|gunned down|dispar\w+|balearon|abalearon|abatieron|a balazos)\b")
_PROTEST_CAUSE = re.compile(
    r"(?i)\b(?:protests?|demonstrations?|unrest|protestas|manifestaciones|movilizaciones)\b[^.;]{0,40}?\b(?:erupted|broke out|began|started|were sparked|estallaron|comenzaron|empezaron)\b[^.;]{0,40}?\b(?:after|following|over|tras|luego de|después de)\b"
)
_OWN_DATE = re.compile(r"^\W{0,3}(?:On|El|Durante|During|In|En)\s+(?:\w+\s+){0,2}?\d{1,4}\b")


def protest_deaths(view: SentenceView, index: int, ctx: Context) -> list[Incident]:
    """rule protest_death.count: a death count in a sentence about protests. A sentence that
    only sits near protest talk counts when its dead are 'people' or 'protesters' and it is
    not an event note of its own ("On 9 May 2022, gunmen shot dead two journalists")."""
    text = view.text
    if "death" not in view.triggers:
        return []
    linked = death_counts(view, ctx)
    if not linked:
        single = singular_death(view, ctx)
        if single is None:
            return []
        count, phrase, rule = single
        start = view.text.find(phrase)
        linked = [(CountMention(start, start + len(phrase), phrase, count, None, None, None, False), rule)]
    if ctx.search(view, cue("disaster")):
        return []
    first = linked[0][0]
    if _in_custody(text, first) or _victims_from_noun(first, text)[0] == "detainees":
        return []  # a prison riot or deaths in custody: a killing, not a protest death
    results: list[Incident] = []
    seen: set[tuple[int | None, int | None]] = set()
    cause = ctx.search(view, cue("protest_cause")) or ctx.search(view, _PROTEST_CAUSE)
    if cause and first.start >= cause.start():
        return []  # "protests erupted after X died": the death came before the protests
    for mention, link_rule in linked[:3]:
        # "eight people were killed on June 16, and a total of 178 since April": two tolls
        key = (mention.count.low, mention.count.best)
        if key in seen or (results and cue("superseded").search(text[max(0, mention.start - 30) : mention.start])):
            continue  # "raising its previous estimate of 208 dead": an older figure
        seen.add(key)
        results.extend(_protest_death(view, ctx, mention, link_rule, first=not results))
    return results


@lru_cache(maxsize=1)
def _custody_words() -> re.Pattern[str]:
    return with_first_class(re.compile(rf"(?i)\b(?:{_alternation(lexicon()['cues']['prison'])})\b"))


def _in_custody(text: str, mention: CountMention) -> bool:
    """The dead counted were in a prison or a cell: the words stand near the count itself
    ("79 detainees were killed ... in prisons"), not anywhere in the sentence."""
    clause_end = _CLAUSE_END.search(text, mention.end)
    end = min(clause_end.start() if clause_end else len(text), mention.end + 120)
    return bool(_custody_words().search(text, max(0, mention.start - 40), end))


_CLAUSE_END = re.compile(r";|\s(?:as|while|amid|mientras|en medio de)\s")


def _protest_death(view: SentenceView, ctx: Context, mention: CountMention, link_rule: str, first: bool) -> list[Incident]:
    text = view.text
    if "protest" not in view.triggers:
        noun = _noun_key(mention.noun)
        generic = noun is None or noun in lexicon()["generic_death_nouns"]
        by_state = (ctx.perpetrator(view) or ("", ""))[0] in ("police", "military", "security_forces")
        if _OWN_DATE.match(view.text) or not (generic or by_state) or not is_protest_context(view, ctx):
            return []
    fields: dict[str, object] = count_fields("deaths", mention.count)
    if mention.count.low is None and mention.count.best is None and mention.count.high is None:
        return []
    noun_victims = _victims_from_noun(mention, text)
    fields["victims"], fields["victims_text"] = noun_victims
    if fields["victims"] is None or (fields["victims"] == "civilians" and fields["victims_text"] in ("people", "personas", "persons")):
        fields["victims"] = "protesters"
    perp = perpetrator_near(view, ctx)
    if perp is None and view.index > 0:
        # "Protesters clashed with police. Two protesters ... were shot dead."
        previous = ctx.views[view.index - 1]
        if previous.sentence.paragraph == view.sentence.paragraph and "protest" in previous.triggers:
            found = ctx.perpetrator(previous)
            if found and found[0] in ("police", "military", "security_forces"):
                perp = found
    if perp:
        fields["perpetrator"], fields["perpetrator_text"] = perp
    code, _ = sentence_country(view, ctx)
    set_country(fields, code)
    period = choose_period(view, ctx, near=None if first else mention.start) or _note_date(view, ctx)
    # The wave's period fills a missing date and widens a toll; protest_period(i) does not
    # depend on when it is asked, so it is looked up only then.
    wave = ctx.protest_period(view.index) if period is None or link_rule == "count.toll" else None
    if period is None:
        period = wave
    set_period(fields, period)
    if link_rule == "count.toll" and wave is not None and period is not None and period is not wave:
        day = period.start or ""
        if len(day) == 10 and wave.start and wave.start <= day:
            fields["period_start"] = wave.start  # "the toll rose to 50 on Tuesday": the wave so far
    if first:
        fields.update(other_counts(view, ctx, {mention.start}))
    if first and not any(k.startswith("injured") for k in fields):
        follower = _next_in_paragraph(view, ctx)
        if follower is not None and not death_counts(follower, ctx):
            fields.update({k: v for k, v in other_counts(follower, ctx, set()).items() if k.startswith("injured")})
    confidence = 0.6 + (0.15 if perp else 0) + (0.1 if period else 0) + (0.1 if code else 0)
    spans = {"deaths": mention.text, "victims": str(fields.get("victims_text") or "")}
    if perp:
        spans["perpetrator"] = perp[1]
    fields.pop("_period_text", None)
    if period:
        spans["period"] = period.text
    ctx.protest_death_at = view.sentence.start
    death = _incident(view, "protest_death", "protest_death.count", confidence=min(confidence, 0.95), spans=spans, **fields)
    death.rules.append(link_rule)
    results = [death]
    shooting = ctx.search(view, _SHOOTING)
    if first and perp and perp[0] in ("police", "military", "security_forces") and shooting:
        # "security forces shot dead nine protesters": lethal force against protesters
        keep = ("country", "country_code", "period_start", "period_end", "perpetrator", "perpetrator_text", "victims", "victims_text")
        force = {k: fields[k] for k in keep if k in fields}
        results.append(
            _incident(view, "abuse", "abuse.excessive_force.shooting", subtype="excessive_force", confidence=0.7, spans={"subtype": shooting.group(0)}, **force)
        )
    return results


def _next_in_paragraph(view: SentenceView, ctx: Context) -> SentenceView | None:
    index = view.index
    if index + 1 < len(ctx.views) and ctx.views[index + 1].sentence.paragraph == view.sentence.paragraph:
        return ctx.views[index + 1]
    return None


def _victims_from_noun(mention: CountMention, text: str = "") -> tuple[str | None, str | None]:
    """Who the count counts: its noun, or for '44 killings of civilians' what follows 'of'."""
    if not mention.noun:
        return None, None
    if _noun_key(mention.noun) in _death_nouns() and text and mention.noun_end is not None:
        after = _OF_VICTIMS.match(text, mention.noun_end)
        if after:
            group, phrase = victims_in(after.group(1))
            if group:
                return group, phrase
    group, _ = victims_in(mention.noun)
    return group, mention.noun


@lru_cache(maxsize=512)
def _abuse_specs(triggers: frozenset[str]) -> tuple[tuple[str, dict], ...]:
    """The abuse subtypes, in data order, whose trigger class the sentence has: looked up
    once per combination of classes, not tested one by one in every candidate sentence."""
    return tuple((subtype, spec) for subtype, spec in lexicon()["abuse_patterns"].items() if spec["trigger"] in triggers)


def abuses(view: SentenceView, index: int, ctx: Context) -> list[Incident]:
    """rules abuse.<subtype>: a subtype pattern, not denied or hypothetical, with someone who
    did it or someone it was done to."""
    text = view.text
    results: list[Incident] = []
    masked = ""
    prefilter = sentence_prefilter()
    present: frozenset[str] | None = None
    for subtype, spec in _abuse_specs(view.triggers):
        if not masked:
            present = ctx.present(view)
            masked = _masked(text, present)
            if masked is not text:
                present = prefilter.present(masked, masked.lower())
        match = prefilter.search(_pattern(subtype), masked, present)
        weak = False
        if not match and spec.get("weak_pattern"):
            match = prefilter.search(_pattern(subtype, "weak_pattern"), masked, present)
            weak = True
        if not match or is_negated(text, match.start(), match.end(), (view, ctx)):
            continue
        if spec.get("exclude") and ctx.search(view, cue(spec["exclude"])):
            continue
        if subtype == "killing" and ctx.search(view, cue("disaster")):
            continue  # a landslide, a crash or an epidemic kills; it commits no abuse
        if subtype == "killing" and ctx.protest_death_at == view.sentence.start:
            continue  # the protest-death record already holds these deaths
        perp = perpetrator_near(view, ctx)
        default_victims = "protesters" if subtype == "excessive_force" and is_protest_context(view, ctx) else (
            "protesters" if "protest" in view.triggers else None
        )
        victim_group, victim_text = ctx.victims(view, default_victims)
        bypass = spec.get("bypass") and re.search(spec["bypass"], text)
        if spec.get("needs_actor") and not perp and victim_group in (None, "civilians", "other") and not bypass:
            continue
        if weak and subtype == "arbitrary_detention" and _ADJECTIVE_DETAINED.search(masked):
            continue  # "tortured detained activists": an adjective, not an arrest
        if weak and not _weak_ok(perp, victim_group, view, ctx, subtype):
            continue
        fields: dict[str, object] = {"subtype": subtype}
        if perp:
            fields["perpetrator"], fields["perpetrator_text"] = perp
        fields["victims"], fields["victims_text"] = victim_group, victim_text
        code, _ = sentence_country(view, ctx)
        if code is None:
            continue
        # The deaths before the period: a killing with no one counted dead is dropped, and
        # the date rules are the costliest step left.
        deaths: dict[str, object] = {}
        if subtype == "killing":
            linked = death_counts(view, ctx)
            single = None if linked else singular_death(view, ctx)
            if linked:
                deaths.update(count_fields("deaths", linked[0][0].count))
                noun_group, noun_text = _victims_from_noun(linked[0][0], text)
                if noun_group:  # the dead counted are the victims ("160 people, including children")
                    fields["victims"], fields["victims_text"] = noun_group, noun_text
            elif single:
                deaths.update(count_fields("deaths", single[0]))
            else:
                continue  # "killed it", "massacred 5-0", "implicated in the killings": no one counted dead here
        set_country(fields, code)
        period = choose_period(view, ctx) or _note_date(view, ctx)
        if period is None and "protest" in view.triggers:
            period = ctx.protest_period(view.index)
        set_period(fields, period)
        fields.pop("_period_text", None)
        fields.update(deaths)
        fields.update(other_counts(view, ctx, set()))
        spans = {"subtype": match.group(0)}
        if perp:
            spans["perpetrator"] = perp[1]
        if victim_text:
            spans["victims"] = victim_text
        confidence = 0.55 + (0.15 if perp else 0) + (0.1 if victim_text else 0) + (0.1 if period else 0)
        results.append(
            _incident(view, "abuse", f"abuse.{subtype}", confidence=min(confidence, 0.95), spans=spans, **fields)
        )
    return results


_OBJECT_CUE = re.compile(r"\b(?:to|on|urged|urges|asked|pressed|with|a|al|ante|sent to|called on)\s+(?:the\s+|la\s+|el\s+)?$")


def _masked(text: str, present: frozenset[str] | None) -> str:
    """Names of institutions and treaties ("Committee against Torture") blanked out, offsets
    kept; `present` is the sentence's literals (Context.present)."""
    institutions = cue("institutions")
    if not sentence_prefilter().may_match(institutions, present):
        return text  # the common case, known from the shared literal pass
    return institutions.sub(lambda m: " " * len(m.group(0)), text)


@cache
def _pattern(subtype: str, key: str = "pattern") -> re.Pattern[str]:
    return with_first_class(re.compile(lexicon()["abuse_patterns"][subtype][key], re.I))


@lru_cache(maxsize=1)
def sentence_prefilter() -> Prefilter:
    """Literal tests that spare most scans of the abuse, call and institution patterns. One
    automaton for all of them: a candidate sentence is read once, not once per rule."""
    abuse = (
        _pattern(subtype, key)
        for subtype, spec in lexicon()["abuse_patterns"].items()
        for key in ("pattern", "weak_pattern")
        if spec.get(key)
    )
    cues = (cue(name) for name in ("institutions", "disaster", "protest_cause", "negation", "denial_after", "border", "abuse_words"))
    sentence_wide = (*_singular_regexes(), _PROTEST_CAUSE, _SHOOTING)
    exclude = (cue(spec["exclude"]) for spec in lexicon()["abuse_patterns"].values() if spec.get("exclude"))
    return Prefilter([*abuse, *(regex for _, regex in _call_regexes()), *cues, *sentence_wide, *exclude])


_RIGHTS_VICTIMS = {"protesters", "journalists", "human_rights_defenders", "social_leaders", "opposition", "indigenous_people", "children"}


_ADJECTIVE_DETAINED = re.compile(r"(?i)\b(?!(?:were|was|had|been|being|have|has)\b)\w+ed\s+detained\b")


def _weak_ok(perp: tuple[str, str] | None, victims: str | None, view: SentenceView, ctx: Context, subtype: str = "") -> bool:
    """A bare verb ("detained", "dispararon") is an abuse only when state agents did it to
    people whose rights work or protest is the story, not to suspects of a crime; a bare
    "killed" needs a named perpetrator of any kind (and, checked later, a count)."""
    if subtype == "killing":
        return perp is not None
    if subtype == "arbitrary_detention" and victims in (None, "protesters", "civilians", "other"):
        # Arrests at a protest are an intervention, not an abuse, unless they are mass arrests.
        big = any((m.count.low or m.count.best or 0) >= 20 for m in ctx.counts(view))
        return perp is not None and big and is_protest_context(view, ctx)
    if perp is None or perp[0] not in ("police", "military", "security_forces", "government", "government_supporters"):
        return False
    return victims in _RIGHTS_VICTIMS or is_protest_context(view, ctx)


# -- calls for accountability --------------------------------------------------------------------


_CALLER_PREFIX = "(?P<caller>^.{0,200}?)"


@lru_cache(maxsize=1)
def _call_regexes() -> list[tuple[str, re.Pattern[str]]]:
    """The call patterns; a leading caller group is dropped (the caller is whatever precedes
    the match, found by `_subject`), which keeps the search linear and fast."""
    compiled = []
    for rule_id, pattern in lexicon()["call_patterns"].items():
        if pattern.startswith(_CALLER_PREFIX):
            pattern = pattern[len(_CALLER_PREFIX) :]
        compiled.append((rule_id, with_first_class(re.compile(pattern, re.I))))
    return compiled


_PRONOUNS = re.compile(
    r"^(?:they|he|she|it|we|nosotros|nosotras|(?:the|that|this) (?:group|organi[sz]ation|agency|institution|body|lawmakers|legislators|senators|congressmen|commission|office|committee|letter|statement|ngo)|ellos|ellas|la organización|la comisión|el organismo|los legisladores|los congresistas)$",
    re.I,
)
_TRAILING_AUX = re.compile(
    r"(?:\s+(?:has|have|had|also|again|further|likewise|repeatedly|then|now|recently|previously|formally|publicly|on \w+day|este \w+|también|igualmente|asimismo|además|ya|ha|han|había|habían))+$",
    re.I,
)


_NOT_SUBJECT = re.compile(
    r"^(?:therefore|thus|so|meanwhile|por ello|por eso|por lo tanto|asimismo|además|mientras tanto|from|of|in|on|at|with|during|after|before|according|who|whose|which|that|including|cuyo|cuya|de|del|en|con|durante|tras|según|que|quien|quienes|el \w+|la \w+ pasada|este \w+|esta \w+|ayer|hoy|last \w+|this \w+|earlier|later|on \w+day)\b",
    re.I,
)
_REPORTING_VERB = re.compile(
    r"(?i)\s(?:published|issued|released|presented|said|says|stated|noted|warned|found|concluded|demonstrating|showing|saying|stressing|in a (?:report|statement|letter)|in its (?:report|statement)|publicó|presentó|señaló|afirmó|advirtió|concluyó|en un (?:informe|comunicado))\b"
)
_CONNECTIVE = re.compile(
    r"(?i)(?:therefore|thus|so|meanwhile|however|in addition|moreover|por ello|por eso|por lo tanto|por su parte|asimismo|además|sin embargo|mientras tanto|en ese sentido|en tanto)"
)
_LIST_MARKER = re.compile(r"^(?:including|incluidos|incluidas|such as|among them|entre ellos|entre ellas|como)\b", re.I)
_DATELINE = re.compile(r"^[^“\"]{0,80}?\)\s*[-—–.]+\s*")


def _subject(prefix: str) -> str:
    """The caller: the last clause before the call verb that is not an appositive or a time
    phrase ("The legislators, from the Democratic Party, urged" -> "The legislators")."""
    text = _DATELINE.sub("", prefix.strip())
    parts = [p.strip(" ,“”\"'") for p in re.split(r"[,;:“”\"]|\s[-—–]\s|(?<![A-Z])\.\s", text)]
    parts = [p for p in parts if p and _TRAILING_AUX.sub("", " " + p).strip()]
    for position, part in enumerate(parts):
        if _LIST_MARKER.match(part) and position > 0:
            parts = parts[:position]  # "Several governments, including Brazil, Colombia and Mexico, have"
            break
    parts = [p for p in parts if not _CONNECTIVE.fullmatch(p)]
    subject = ""
    for part in reversed(parts):
        if _NOT_SUBJECT.match(part) and part is not parts[0]:
            continue
        subject = part
        break
    reporting = _REPORTING_VERB.search(subject)
    if reporting and reporting.start() > 0:
        subject = subject[: reporting.start()]  # "OHCHR published a report demonstrating that ..."
    subject = _TRAILING_AUX.sub("", " " + subject).strip(" ,")
    subject = re.sub(r"^(?:and|but|y|pero|also|however|mientras|while)\s+", "", subject, flags=re.I)
    subject = re.sub(r"^(?:the|la|el|los|las)\s+(?=[A-ZÁÉÍÓÚÑ])", "", subject)
    return subject


_TARGET_TIME = re.compile(r"\s+(?:on \w+day|this \w+|today|yesterday|last \w+|este \w+|esta \w+|hoy|ayer|el \w+ pasado)$", re.I)


def _clean_target(target: str) -> str:
    target = _TARGET_TIME.sub("", target.strip(" ,“”\""))
    target = re.sub(r"^(?:that|que)\s+", "", target, flags=re.I)
    target = re.sub(r"\s+(?:a|que|para|to)$", "", target)
    target = re.sub(r"^(?:the|a|al|a la|a los|a las|el|la|los|las)\s+", "", target, flags=re.I)
    return target


def calls(view: SentenceView, index: int, ctx: Context) -> list[Incident]:
    """rules call.<form>: reported calls, letters and recommendations whose demand is about
    abuses (investigate, prosecute, sanction, suspend assistance, reform, hold accountable)."""
    text = view.text
    if "call" not in view.triggers:
        return []
    prefilter = sentence_prefilter()
    present = ctx.present(view)
    for rule_id, regex in _call_regexes():
        match = prefilter.search(regex, text, present)
        if not match:
            continue
        groups = match.groupdict()
        demand = (groups.get("demand") or "").strip(" .,”\"")
        if not demand or not (cue("demand").search(demand) or _RELEASE.search(demand)):
            continue
        if not (ctx.abuse_doc or ctx.search(view, cue("abuse_words"))):
            continue
        caller = groups.get("caller")
        caller = _subject(caller) if caller else _subject(text[: match.start()])
        prefix = text[: match.start()]
        if prefix.count("“") > prefix.count("”") or prefix.count('"') % 2 == 1:
            # The call is quoted: the caller is whoever the attribution after the quote names.
            speaker = _QUOTE_SPEAKER.search(text, match.start())
            caller = (speaker.group("who") or speaker.group("who2")) if speaker else ""
        said = _SAID_BY.search(text[match.end("demand") - 1 :]) if groups.get("demand") else None
        if said and (not caller or _PRONOUNS.match(caller) or len(caller) < 2):
            caller = said.group("who")  # "..., Human Rights Watch said today."
        if not caller or _PRONOUNS.match(caller) or len(caller) < 2:
            caller = ctx.caller_before(view.index) or _first_caller(ctx) or ctx.outlet or caller
        if caller and len(caller) > 120:
            caller = caller[-120:]
        target = _clean_target(groups.get("target") or "") or None
        fields: dict[str, object] = {"caller": caller, "target": target, "demand": demand[:300]}
        fields["subtype"] = _call_subtype(demand)
        caller_span = match.span("caller") if groups.get("caller") else (0, match.start())
        code = _call_country(view, ctx, caller_span)
        if code is None:
            return []
        set_country(fields, code)
        if target is None:
            country = country_by_code(code)
            fields["target"] = f"government of {country.name}" if country else None
        date = ctx.call_date or _speech_date(view, ctx) or ctx.published
        fields["period_start"] = date
        fields["period_end"] = date
        confidence = 0.6 + (0.15 if caller else 0) + (0.1 if groups.get("target") else 0)
        spans = {"caller": str(caller or ""), "demand": demand[:300]}
        if target:
            spans["target"] = target
        return [
            _incident(view, "accountability_call", f"call.{rule_id}", confidence=min(confidence, 0.95), spans=spans, **fields)
        ]
    return []


_RELEASE = re.compile(
    r"\b(?:release|free|liberar?|liberen|libere|liberación)\s+(?:of\s+|de\s+)?(?:immediately\s+|de inmediato\s+|inmediatamente\s+)?(?:[A-ZÁÉÍÓÚÑ]|all\b|the\b|those\b|political\b|detained\b|jailed\b|imprisoned\b|a\s+los\b|al\s|a\s+[A-ZÁÉÍÓÚÑ])"
)
_QUOTE_SPEAKER = re.compile(
    r"[”\"],?\s+(?:(?P<who>[^,.;”\"]{2,60}?)\s+(?:said|says|stated|added|wrote|told|dijo|señaló|afirmó|declaró|agregó|añadió)\b"
    r"|(?:said|added|dijo|señaló|afirmó|declaró|agregó|añadió)\s+(?P<who2>[^,.;”\"]{2,60}))"
)
_SAID_BY = re.compile(r",?[”\"]?,?\s+(?P<who>[A-Z][\w.'’ -]{2,60}?)\s+(?:said|says|stated|added|dijo|señaló|afirmó|declaró)\b")


_ORGANIZATION = re.compile(
    r"\b(?:Comité|Comisión|Centro|Coordinadora|Asociación|Fundación|Observatorio|Movimiento|Colectivo|Consejo|Committee|Commission|Center|Centre|Coalition|Network|Foundation|Association|Institute|Instituto|Observatory)"
    r"(?:\s+(?:(?:de|del|de la|de los|for|on|of|the|para|y|and|por)\s+)?[A-ZÁÉÍÓÚÑ][\wáéíóúñ-]+){1,6}"
)


def _first_caller(ctx: Context) -> str | None:
    """The first institution named as a subject anywhere in the document (an NGO's own
    statement names itself after its recommendations)."""
    if not ctx._first_caller_done:
        found = None
        for view in ctx.views:
            matches = actors.find_callers(view.text)
            if matches:
                found = actors.expand_left(view.text, matches[0])[1]
                break
        if found is None:  # an organization named by its kind: "Comité de Derechos Humanos de ..."
            named = _ORGANIZATION.search(ctx.text)
            found = named.group(0) if named else None
        ctx.first_caller, ctx._first_caller_done = found, True
    return ctx.first_caller


def _call_subtype(demand: str) -> str:
    best: tuple[int, str] | None = None
    for subtype, words in lexicon()["call_subtypes"].items():
        found = _words_regex(words).search(demand)
        if found and (best is None or found.start() < best[0]):
            best = (found.start(), subtype)
    return best[1] if best else "other"


def _call_country(view: SentenceView, ctx: Context, caller_span: tuple[int, int]) -> str | None:
    """The country whose abuses the call is about: named in the target or the demand, else
    the document's focus; places in the caller's own words ("US lawmakers") do not count."""
    after = [
        p for p in view.places
        if p.code3 and p.code3 != US and not caller_span[0] <= p.start < caller_span[1]
    ]
    if after:
        return ctx.focus if ctx.focus in {p.code3 for p in after} else after[0].code3
    if ctx.focus:
        return ctx.focus
    code, _ = sentence_country(view, ctx)
    return code


def _speech_date(view: SentenceView, ctx: Context) -> str | None:
    for period in ctx.periods(view):
        if period.start and len(period.start) == 10:
            return period.start
    return None


RULES: tuple[tuple[str, Rule], ...] = (
    ("protest_death", protest_deaths),
    ("abuse", abuses),
    ("accountability_call", calls),
)
