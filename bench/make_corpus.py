"""Build the benchmark corpus: at least 10,000 distinct documents (~40 MB) made from the texts in
fixtures/articles, written as one .txt file per document and as one JSONL file.

Every document is a fixture article re-cut: its title and lead stay first, its other paragraphs
are shuffled and thinned, paragraphs of other articles in the same language are borrowed,
plain news filler (weather, markets, transport, sport: no incident words) pads it to a drawn
length, and numbers, years, months, weekdays and bylines are varied from small lists. All of it
is seeded per document, so the corpus is the same on every machine and every run. Run:

    python bench/make_corpus.py                      # bench/out/corpus/{docs/,corpus.jsonl}
    python bench/make_corpus.py --documents 500 --out /tmp/small
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.append(str(REPO))

from hrtracker.sources import RawDocument, document_id, iter_inputs, normalize_text  # noqa: E402

FIXTURES = REPO / "fixtures" / "articles"
DEFAULT_OUT = REPO / "bench" / "out" / "corpus"

# -- small lists the variations draw from --------------------------------------------------------

FIRST_NAMES = {
    "en": ["Laura", "Daniel", "Sofia", "Marcus", "Helen", "Jorge", "Anna", "Peter", "Grace", "Samuel", "Irene", "Victor"],
    "es": ["Lucía", "Mateo", "Valentina", "Andrés", "Camila", "Diego", "Paula", "Javier", "Elena", "Tomás", "Rocío", "Hugo"],
}
LAST_NAMES = {
    "en": ["Whitaker", "Moreno", "Holloway", "Castillo", "Brennan", "Quispe", "Lindqvist", "Ortega", "Farrell", "Mendes"],
    "es": ["Paredes", "Huamán", "Restrepo", "Villalobos", "Cárdenas", "Mamani", "Sepúlveda", "Ibarra", "Ocampo", "Lozano"],
}
MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
           "octubre", "noviembre", "diciembre"],
}  # fmt: skip
WEEKDAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "es": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
}
CITIES = {
    "en": ["the capital", "the port city", "the northern province", "the coastal region", "the river valley"],
    "es": ["la capital", "la ciudad portuaria", "la provincia del norte", "la región costera", "el valle del río"],
}
TOPICS = {
    "en": ["coffee", "copper", "tourism", "fisheries", "rice", "cement", "textiles", "software"],
    "es": ["café", "cobre", "turismo", "pesca", "arroz", "cemento", "textiles", "software"],
}

# Plain news prose for padding. It must not mention deaths, force, detention or demands, so it
# adds text to scan without adding incidents.
FILLER = {
    "en": [
        "Forecasters expect light rain over {city} on {weekday}, with temperatures near {temp} degrees.",
        "The regional chamber of commerce said {topic} exports rose {pct} percent in {month}.",
        "{name}, a spokeswoman for the transport ministry, said {n} new buses would enter service next {month}.",
        "Traders said prices of {topic} were steady in early trading, after a quiet week in {city}.",
        "The local football club drew {small} to {small} on {weekday} in front of a crowd of about {n},000.",
        "A new bridge over the river in {city} is due to open in {month}, the works office said.",
        "The statistics office will publish its quarterly figures for {topic} output on {weekday}.",
        "{name} said the festival would bring {n} musicians to {city} over three days in {month}.",
        "Schools in {city} will close for two days in {month} for teacher training, officials said.",
        "The central bank's board meets on {weekday} and analysts expect rates to stay at {pct} percent.",
        "Farmers in {city} said the harvest of {topic} was running about {pct} percent ahead of last year.",
        "Airlines added {small} weekly flights between {city} and the coast for the holiday season.",
        "The museum reopened its main hall on {weekday} after a renovation that took {small} years.",
        "A trade delegation led by {name} visited {city} to discuss investment in {topic}.",
        "Water utilities said reservoir levels stood at {pct} percent of capacity at the end of {month}.",
        "The book fair in {city} closed on {weekday} with sales of more than {n},000 copies, organisers said.",
        "{name}, an economist at a local university, said demand for {topic} would soften later in the year.",
        "Road works on the main highway near {city} will cause delays until {month}, drivers were told.",
        "The national orchestra announced a season of {small} concerts opening in {month}.",
        "Hotel occupancy in {city} reached {pct} percent over the long weekend, the tourism board said.",
    ],
    "es": [
        "El servicio meteorológico prevé lluvias ligeras en {city} el {weekday}, con temperaturas cercanas a {temp} grados.",
        "La cámara de comercio regional informó que las exportaciones de {topic} subieron {pct} por ciento en {month}.",
        "{name}, vocera del Ministerio de Transporte, dijo que {n} nuevos autobuses entrarán en servicio en {month}.",
        "Los comerciantes señalaron que los precios del {topic} se mantuvieron estables tras una semana tranquila en {city}.",
        "El club de fútbol local empató {small} a {small} el {weekday} ante unos {n} mil aficionados.",
        "Un nuevo puente sobre el río en {city} abrirá en {month}, según la oficina de obras.",
        "El instituto de estadística publicará el {weekday} sus cifras trimestrales de producción de {topic}.",
        "{name} dijo que el festival reunirá a {n} músicos en {city} durante tres días de {month}.",
        "Las escuelas de {city} cerrarán dos días en {month} por jornadas de capacitación docente.",
        "La junta del banco central se reúne el {weekday} y los analistas esperan que la tasa siga en {pct} por ciento.",
        "Los agricultores de {city} dijeron que la cosecha de {topic} va un {pct} por ciento por delante del año pasado.",
        "Las aerolíneas sumaron {small} vuelos semanales entre {city} y la costa para la temporada de vacaciones.",
        "El museo reabrió su sala principal el {weekday} tras una renovación que duró {small} años.",
        "Una delegación comercial encabezada por {name} visitó {city} para conversar sobre inversiones en {topic}.",
        "Las empresas de agua informaron que los embalses estaban al {pct} por ciento de su capacidad a fines de {month}.",
        "La feria del libro de {city} cerró el {weekday} con ventas de más de {n} mil ejemplares, según los organizadores.",
        "{name}, economista de una universidad local, dijo que la demanda de {topic} se moderará este año.",
        "Las obras en la carretera principal cerca de {city} causarán demoras hasta {month}, informaron las autoridades viales.",
        "La orquesta nacional anunció una temporada de {small} conciertos que comenzará en {month}.",
        "La ocupación hotelera en {city} llegó al {pct} por ciento durante el fin de semana largo.",
    ],
}
BYLINE = {"en": "By {name} and {name2}", "es": "Por {name} y {name2}"}

_SPANISH_MARKERS = re.compile(r"\b(?:de|la|los|las|que|el|según|por|una|del)\b")
_ENGLISH_MARKERS = re.compile(r"\b(?:the|of|and|said|was|were|in|on|for|with)\b")
_NUMBER = re.compile(r"\b\d{1,6}\b")


@dataclass
class Article:
    name: str
    lang: str
    title: str | None
    lead: list[str]  # paragraphs that stay first (dateline, date line, byline, lead)
    body: list[str]


def _language(text: str) -> str:
    sample = text[:4000].lower()
    return "es" if len(_SPANISH_MARKERS.findall(sample)) > len(_ENGLISH_MARKERS.findall(sample)) else "en"


def load_articles(folder: Path = FIXTURES) -> list[Article]:
    """Every fixture document (records inside JSON/JSONL/CSV and HTML pages too), cut into
    paragraphs."""
    articles = []
    for item in iter_inputs([str(folder)]):
        if not isinstance(item, RawDocument):
            continue
        text = normalize_text(item.text)
        paragraphs = [p for p in text.split("\n\n") if p.strip()]
        if len(paragraphs) < 2:
            paragraphs = [p for p in text.split("\n") if p.strip()]
        if not paragraphs:
            continue
        # Short first lines are the title, date line and byline: they stay at the top.
        keep = 0
        while keep < len(paragraphs) - 1 and keep < 3 and len(paragraphs[keep]) < 120:
            keep += 1
        lead = paragraphs[: keep + 1]
        title = item.title
        articles.append(
            Article(f"{Path(item.source).name}#{item.record}", _language(text), title, lead, paragraphs[keep + 1 :])
        )
    return sorted(articles, key=lambda a: a.name)


class Variation:
    """One document's consistent changes: a year shift, a month and weekday rotation, numbers
    nudged, names drawn."""

    def __init__(self, rng: random.Random, lang: str):
        self.rng = rng
        self.lang = lang
        self.year_shift = rng.choice([-2, -1, 0, 1, 2])
        self.month_shift = rng.randrange(12)
        self.weekday_shift = rng.randrange(7)
        self.number_odds = rng.choice([0.2, 0.4, 0.6])
        months = [(m, MONTHS["en"][(i + self.month_shift) % 12]) for i, m in enumerate(MONTHS["en"])]
        months += [(m, MONTHS["es"][(i + self.month_shift) % 12]) for i, m in enumerate(MONTHS["es"])]
        days = [(d, WEEKDAYS["en"][(i + self.weekday_shift) % 7]) for i, d in enumerate(WEEKDAYS["en"])]
        days += [(d, WEEKDAYS["es"][(i + self.weekday_shift) % 7]) for i, d in enumerate(WEEKDAYS["es"])]
        # "May" is also a verb: only capitalized English months, only lowercase Spanish ones.
        self.words = dict(months + days)
        self.word_pattern = re.compile(r"\b(" + "|".join(map(re.escape, self.words)) + r")\b")

    def name(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES[self.lang])} {self.rng.choice(LAST_NAMES[self.lang])}"

    def _number(self, match: re.Match[str]) -> str:
        value = int(match.group(0))
        if 1950 <= value <= 2035:
            return str(value + self.year_shift)
        if value == 0 or self.rng.random() > self.number_odds:
            return match.group(0)
        return str(max(1, round(value * self.rng.uniform(0.7, 1.3))))

    def apply(self, text: str) -> str:
        text = _NUMBER.sub(self._number, text)
        return self.word_pattern.sub(lambda m: self.words[m.group(0)], text)

    def filler(self) -> str:
        rng = self.rng
        sentences = []
        for _ in range(rng.randint(3, 6)):
            template = rng.choice(FILLER[self.lang])
            sentences.append(
                template.format(
                    city=rng.choice(CITIES[self.lang]),
                    weekday=rng.choice(WEEKDAYS[self.lang]),
                    month=rng.choice(MONTHS[self.lang]),
                    topic=rng.choice(TOPICS[self.lang]),
                    name=self.name(),
                    n=rng.randint(12, 950),
                    small=rng.randint(2, 9),
                    pct=rng.randint(2, 60),
                    temp=rng.randint(8, 34),
                )
            )
        text = " ".join(sentences)
        return text[0].upper() + text[1:]


def make_document(index: int, articles: list[Article], by_lang: dict[str, list[Article]], seed: int, mean_chars: int) -> tuple[str, str]:
    """(language, text) of document `index`; the same arguments always give the same text."""
    rng = random.Random(f"{seed}:{index}")
    base = articles[index % len(articles)]
    variation = Variation(rng, base.lang)
    target = max(800, int(rng.gauss(mean_chars, mean_chars * 0.35)))
    body = list(base.body)
    rng.shuffle(body)
    body = body[: max(1, round(len(body) * rng.uniform(0.6, 1.0)))] if body else []
    others = [a for a in by_lang[base.lang] if a is not base and a.body]
    for _ in range(rng.randint(0, 3)):
        if others:
            body.insert(rng.randrange(len(body) + 1), rng.choice(rng.choice(others).body))
    paragraphs = [*base.lead[:1], BYLINE[base.lang].format(name=variation.name(), name2=variation.name()), *base.lead[1:], *body]
    size = sum(len(p) + 2 for p in paragraphs)
    while size < target:
        paragraph = variation.filler()
        paragraphs.insert(rng.randint(len(base.lead) + 1, len(paragraphs)), paragraph)
        size += len(paragraph) + 2
    return base.lang, variation.apply("\n\n".join(paragraphs)) + "\n"


def build(documents: int, seed: int, mean_chars: int, folder: Path = FIXTURES) -> Iterator[tuple[str, str, str]]:
    """(name, language, text) for `documents` distinct documents (distinct by the store's key:
    the hash of the normalized text)."""
    articles = load_articles(folder)
    by_lang: dict[str, list[Article]] = {}
    for article in articles:
        by_lang.setdefault(article.lang, []).append(article)
    seen: set[str] = set()
    index = attempt = 0
    while index < documents:
        lang, text = make_document(attempt, articles, by_lang, seed, mean_chars)
        attempt += 1
        key = document_id(normalize_text(text))
        if key in seen:
            continue
        seen.add(key)
        yield f"doc-{index:05d}", lang, text
        index += 1


def write_corpus(out: Path, documents: int, seed: int, mean_chars: int) -> tuple[int, int]:
    """Write OUT/docs/NN/doc-NNNNN.txt and OUT/corpus.jsonl; returns (documents, bytes of text)."""
    docs = out / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    total = count = 0
    with (out / "corpus.jsonl").open("w", encoding="utf-8") as jsonl:
        for name, lang, text in build(documents, seed, mean_chars):
            shard = docs / f"{count // 1000:02d}"
            shard.mkdir(exist_ok=True)
            (shard / f"{name}.txt").write_text(text, encoding="utf-8")
            jsonl.write(json.dumps({"id": name, "lang": lang, "text": text}, ensure_ascii=False) + "\n")
            total += len(text.encode("utf-8"))
            count += 1
    return count, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=20240)
    parser.add_argument("--mean-chars", type=int, default=4000, help="mean document length")
    args = parser.parse_args()
    if (args.out / "docs").exists():
        import shutil

        shutil.rmtree(args.out / "docs")
    count, size = write_corpus(args.out, args.documents, args.seed, args.mean_chars)
    print(f"{count} documents, {size / 1e6:.1f} MB in {args.out}/docs and {args.out}/corpus.jsonl")


if __name__ == "__main__":
    main()
