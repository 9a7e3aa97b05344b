"""The extraction pipeline: a document in, incidents out. Pure: no I/O, no SQL.

One keyword pass (an Aho-Corasick automaton) marks the candidate sentences; the detailed rules
run only there. Every record keeps its evidence sentence with offsets, the rule ids that fired
and a confidence."""

from __future__ import annotations

import bisect
import re

from ..models import Document, Incident
from .dates import parse_date
from .places import PlaceMention, find_places, focus_country
from .records import incident_id
from .rules import RULES, Context, SentenceView, actors, trigger_matcher
from .sentences import split_sentences

# Sentence classes that can hold an incident; 'protest' alone cannot.
_INCIDENT_TRIGGERS = {
    "death", "force", "detention", "torture", "disappearance", "sexual", "threat",
    "displacement", "restriction", "attack", "call",
}  # fmt: skip
# "Lima, 10 de enero de 2023 (EFE).-", "BOGOTA (Reuters) -": its date is not an event date.
_DATELINE = re.compile(
    r"(?m)^[^\n]{0,90}?\((?:Reuters|AP|AFP|EFE|Europa Press|dpa|IPS|ANSA|Xinhua|Bloomberg|UPI)\)\s*(?:\.-|\.—|[-—–]|:)"
    r"|^\s*(?:date|fecha|published|publicado(?: el)?|updated|actualizado)\s*:?\s*[\w ,./:-]{6,40}?(?=\s[A-Z\u00C0-\u00DD]|\n|$)",
    re.I,
)
_LETTER_DATE = re.compile(
    r"\b(?:letter|statement|carta|comunicado)[^.]{0,60}?\b(?:dated|fechad[oa])\s+(?:el\s+)?([^,.;()]{3,30})",
    re.I,
)
_LETTER_DATE_WORDS = ("dated", "fechad")


def check_user_data() -> None:
    """Load the user's gazetteer and actor files now (HRTRACKER_GAZETTEER, HRTRACKER_ACTORS),
    so a broken one is one clear ValueError before any work starts."""
    from . import places

    places.lookup_country("Peru")
    actors.find_perpetrators("police")


def extract(document: Document) -> list[Incident]:
    """All incidents in a document, merged within it, with stable ids."""
    text = document.text
    if not text:
        return []
    sentences = split_sentences(text)
    starts = [s.start for s in sentences]
    lowered = text.lower()
    found_triggers: dict[int, set[str]] = {}
    for hit in trigger_matcher().find(text, lowered):
        index = bisect.bisect_right(starts, hit.start) - 1
        if index >= 0:
            found_triggers.setdefault(index, set()).add(hit.value)
    # Frozen: the rules key caches on a sentence's trigger classes.
    triggers = {index: frozenset(found) for index, found in found_triggers.items()}
    candidates = [i for i, found in triggers.items() if found & _INCIDENT_TRIGGERS]
    if not candidates:
        return []
    places = find_places(text)
    places_by_sentence: dict[int, list] = {}
    for place in places:
        index = bisect.bisect_right(starts, place.start) - 1
        if index >= 0:
            s = sentences[index]
            places_by_sentence.setdefault(index, []).append(
                type(place)(place.start - s.start, place.end - s.start, place.text, place.code3, place.kind)
            )
    # Most sentences have no trigger and no place: they share one empty set and one empty tuple.
    no_triggers: frozenset[str] = frozenset()
    no_places: tuple[PlaceMention, ...] = ()
    views = [
        SentenceView(i, s, triggers.get(i, no_triggers), places_by_sentence.get(i, no_places))
        for i, s in enumerate(sentences)
    ]
    ctx = Context(
        text=text,
        published=document.published,
        focus=focus_country(text, document.title, places),
        views=views,
        outlet=document.outlet,
    )
    dateline = _DATELINE.search(text[:600])
    ctx.dateline_end = dateline.end() if dateline else 0
    # The letter-date pattern is slow on a whole text and needs one of these words.
    letter = _LETTER_DATE.search(text) if any(w in lowered for w in _LETTER_DATE_WORDS) else None
    if letter:
        ctx.call_date = parse_date(letter.group(1), document.published)
    protest_sentences = sum(1 for found in triggers.values() if "protest" in found)
    ctx.protest_doc = protest_sentences >= 2
    title = document.title or (sentences[0].text if sentences else "")
    ctx.protest_title = ctx.protest_doc and any(h.value == "protest" for h in trigger_matcher().find(title))
    ctx.abuse_doc = any(found & (_INCIDENT_TRIGGERS - {"call", "restriction"}) for found in triggers.values())

    incidents: list[Incident] = []
    for index in sorted(candidates):  # the candidates alone, in text order: no walk over every view
        view = views[index]
        for _category, rule in RULES:
            incidents.extend(rule(view, index, ctx))
    _perpetrator_from_document(incidents)
    merged = merge_within_document(incidents)
    for incident in merged:
        incident.document_id = document.id
        incident.source = document.source
        incident.published = document.published
        incident.id = incident_id(document.id, incident)
    return merged


_OTHER_AGENT = re.compile(r"(?i)\b(?:killed|shot|shot dead|run over|stabbed|murdered|attacked|asesinad[oa]s?|baleados?|atropellad[oa]s?)\s+(?:\w+\s+){0,3}?(?:by|por)\s+(?:a|an|un|una)\s+\w+")


def _perpetrator_from_document(incidents: list[Incident]) -> None:
    """A protest toll with no perpetrator in its sentence takes the one the same article
    accuses of firing on or using excessive force against protesters, when there is one."""
    # A list, not a set: the first accusation in the text names them, the same way every run.
    accused = [
        (i.perpetrator, i.perpetrator_text)
        for i in incidents
        if i.category == "abuse" and i.subtype == "excessive_force" and i.perpetrator
    ]
    if len({group for group, _ in accused}) != 1:
        return
    group, phrase = accused[0]
    for incident in incidents:
        if incident.category == "protest_death" and incident.perpetrator is None:
            if _OTHER_AGENT.search(incident.evidence):
                continue  # "shot dead by a motorist": someone the dictionary does not know did it
            incident.perpetrator, incident.perpetrator_text = group, phrase
            incident.rules.append("perpetrator.from_document")


def _compatible_counts(a: Incident, b: Incident) -> bool:
    for prefix in ("deaths",):
        va = getattr(a, f"{prefix}_low") or getattr(a, f"{prefix}_best")
        vb = getattr(b, f"{prefix}_low") or getattr(b, f"{prefix}_best")
        if va is not None and vb is not None and va != vb:
            return False
    return True


def _overlaps(a: Incident, b: Incident) -> bool:
    if not (a.period_start and b.period_start):
        return True
    a_end = a.period_end or a.period_start
    b_end = b.period_end or b.period_start
    return a.period_start[: len(b_end)] <= b_end and b.period_start[: len(a_end)] <= a_end


def _merge_key(incident: Incident) -> tuple:
    # Calls merge only with calls of the same kind: a committee's recommendation to investigate
    # and its recommendation to reform the law are two records.
    return (incident.category, incident.subtype, incident.country_code)


STATE_ACTORS = {"police", "military", "security_forces", "government"}


def _same_actor(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b or (a in STATE_ACTORS and b in STATE_ACTORS)


def _same_caller(a: str | None, b: str | None) -> bool:
    """'U.S. Secretary of State Antony Blinken' and 'Blinken' are one caller."""
    if not a or not b:
        return True
    a_words, b_words = set(re.findall(r"\w+", a.lower())), set(re.findall(r"\w+", b.lower()))
    return bool(a_words & b_words - {"the", "of", "de", "la", "el", "los", "us", "u", "s"})


def merge_within_document(incidents: list[Incident]) -> list[Incident]:
    """The same incident stated twice in one article is one record: the first statement keeps
    its evidence, later ones fill fields it lacked and add their rule ids."""
    merged: list[Incident] = []
    for incident in incidents:
        for kept in merged:
            if _merge_key(kept) != _merge_key(incident):
                continue
            if not (_compatible_counts(kept, incident) and _overlaps(kept, incident)):
                continue
            if not _same_actor(kept.perpetrator, incident.perpetrator):
                continue
            if kept.category == "accountability_call" and not _same_caller(kept.caller, incident.caller):
                continue
            if _information(incident) > _information(kept):
                # The more informative statement leads ("Police shot dead 17 protesters in
                # Juliaca on Monday" over the headline that announced it).
                position = merged.index(kept)
                _fill(incident, kept)
                merged[position] = incident
            else:
                _fill(kept, incident)
            break
        else:
            merged.append(incident)
    return merged


_INFO_FIELDS = ("deaths_low", "deaths_best", "deaths_high", "injured_best", "arrested_best", "perpetrator", "victims", "period_start", "caller", "target")


def _information(incident: Incident) -> int:
    return sum(getattr(incident, name) is not None for name in _INFO_FIELDS)


def _fill(kept: Incident, other: Incident) -> None:
    for name in Incident.model_fields:
        if name in ("rules", "spans", "evidence", "evidence_start", "evidence_end", "confidence", "id"):
            continue
        if getattr(kept, name) is None and getattr(other, name) is not None:
            setattr(kept, name, getattr(other, name))
    for rule in other.rules:
        if rule not in kept.rules:
            kept.rules.append(rule)
    for key, value in other.spans.items():
        kept.spans.setdefault(key, value)
    kept.confidence = min(0.99, max(kept.confidence, other.confidence) + 0.05)
