"""Counts and qualifiers (hrtracker.extract.numbers): one phrasing per line, en + es.

Conventions (CONTRACT.md): exact -> (n, n, n); "at least" -> (n, n, None);
"about" -> (None, n, None); "nearly" -> (None, n, n); "up to" -> (None, None, n);
ranges -> (a, None, b); vague words -> (ACLED low, None, None).
"""

from __future__ import annotations

import itertools
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hrtracker.extract.numbers import (
    Count,
    CountMention,
    find_counts,
    is_partial,
    parse_count,
    parse_number,
)

N = None

# sentence, mention text, (low, best, high), noun, approximate
SINGLE_COUNTS = [
    # English: lower bounds
    ("Security forces killed at least 49 unarmed civilians in the unrest.", "at least 49", (49, 49, N), "civilians", False),
    ("At least 29 more people died in clashes on Tuesday.", "At least 29", (29, 29, N), "people", False),
    ("Police detained more than 1,300 demonstrators in the capital.", "more than 1,300", (1300, 1300, N), "demonstrators", False),
    ("Over 200 protesters were injured, the ombudsman said.", "Over 200", (200, 200, N), "protesters", False),
    ("Upwards of 5,000 marchers filled the main square.", "Upwards of 5,000", (5000, 5000, N), "marchers", False),
    ("No fewer than 17 journalists have been jailed since the coup.", "No fewer than 17", (17, 17, N), "journalists", False),
    ("Soldiers rounded up no less than 60 farmers.", "no less than 60", (60, 60, N), "farmers", False),
    ("Police detained 200 or more demonstrators near the palace.", "200 or more", (200, 200, N), "demonstrators", False),
    ("Troops detained 50-plus villagers in the raid.", "50-plus", (50, 50, N), "villagers", False),
    ("At least one person died when troops opened fire.", "At least one", (1, 1, N), "person", False),
    ("More than a dozen people were hurt in the stampede.", "More than a dozen", (12, 12, N), "people", False),
    # English: approximate
    ("About 50 people were wounded by rubber bullets.", "About 50", (N, 50, N), "people", True),
    ("Around 300 students gathered outside the university.", "Around 300", (N, 300, N), "students", True),
    ("Some 40 families were evicted from the settlement.", "Some 40", (N, 40, N), "families", True),
    ("Roughly 2,000 migrants crossed the river this week.", "Roughly 2,000", (N, 2000, N), "migrants", True),
    ("Approximately 120 detainees were moved to a new prison.", "Approximately 120", (N, 120, N), "detainees", True),
    ("An estimated 6 million Venezuelans have left the country.", "An estimated 6 million", (N, 6000000, N), "venezuelans", True),
    ("About 2.5 million Venezuelan migrants now live abroad.", "About 2.5 million", (N, 2500000, N), "migrants", True),
    ("Fifty or so protesters blocked the highway.", "Fifty or so", (N, 50, N), "protesters", True),
    ("~50 people were detained at the checkpoint.", "~50", (N, 50, N), "people", True),
    # English: upper bounds
    ("Nearly 50 people were hurt when police charged the crowd.", "Nearly 50", (N, 50, 50), "people", True),
    ("Almost 70 soldiers deserted the battalion.", "Almost 70", (N, 70, 70), "soldiers", True),
    ("Close to 400 residents were displaced by the fighting.", "Close to 400", (N, 400, 400), "residents", True),
    ("Up to 300 demonstrators may have been detained.", "Up to 300", (N, N, 300), "demonstrators", True),
    ("As many as 1,000 people could still be missing.", "As many as 1,000", (N, N, 1000), "people", True),
    ("Fewer than 20 lawmakers voted against the measure.", "Fewer than 20", (N, N, 20), "lawmakers", True),
    # English: ranges
    ("Between 40 and 50 people were killed in the massacre.", "Between 40 and 50", (40, N, 50), "people", False),
    ("Officials said 40 to 50 villagers had been abducted.", "40 to 50", (40, N, 50), "villagers", False),
    ("The raid left 40-50 people dead.", "40-50", (40, N, 50), "people", False),
    ("Two or three officers fired into the crowd.", "Two or three", (2, N, 3), "officers", False),
    ("Between 2 and 3 million people lack enough food.", "Between 2 and 3 million", (2000000, N, 3000000), "people", False),
    ("Between forty and fifty miners were trapped.", "Between forty and fifty", (40, N, 50), "miners", False),
    # English: vague amounts (ACLED lows)
    ("Dozens of protesters were arrested overnight.", "Dozens", (12, N, N), "protesters", True),
    ("Hundreds of people marched to the prosecutor's office.", "Hundreds", (100, N, N), "people", True),
    ("Thousands of migrants remain stranded at the border.", "Thousands", (1000, N, N), "migrants", True),
    ("Tens of thousands of people took to the streets.", "Tens of thousands", (10000, N, N), "people", True),
    ("Hundreds of thousands of refugees have crossed the border.", "Hundreds of thousands", (100000, N, N), "refugees", True),
    ("Scores of villagers fled into the hills.", "Scores", (20, N, N), "villagers", True),
    ("Millions of children are out of school.", "Millions", (1000000, N, N), "children", True),
    ("Tens of students were beaten with batons.", "Tens", (10, N, N), "students", True),
    ("Several hundred students occupied the campus.", "Several hundred", (100, N, N), "students", True),
    ("A few thousand supporters rallied outside the court.", "A few thousand", (1000, N, N), "supporters", True),
    ("At least dozens of people were detained.", "At least dozens", (12, N, N), "people", True),
    # English: exact numbers in words and digits
    ("A dozen journalists were beaten by riot police.", "A dozen", (12, 12, 12), "journalists", False),
    ("Two dozen activists staged a sit-in at the ministry.", "Two dozen", (24, 24, 24), "activists", False),
    ("Forty-nine people died in the protests.", "Forty-nine", (49, 49, 49), "people", False),
    ("Forty nine people died in the protests.", "Forty nine", (49, 49, 49), "people", False),
    ("One hundred and twelve prisoners were released.", "One hundred and twelve", (112, 112, 112), "prisoners", False),
    ("Three thousand five hundred workers went on strike.", "Three thousand five hundred", (3500, 3500, 3500), "workers", False),
    ("Twelve hundred families lost their homes.", "Twelve hundred", (1200, 1200, 1200), "families", False),
    ("Half a million people marched in the capital.", "Half a million", (500000, 500000, 500000), "people", False),
    ("One protester was killed in the square.", "One", (1, 1, 1), "protester", False),
    ("The death toll rose to 49.", "49", (49, 49, 49), N, False),
    ("Police arrested 3,000 people during the strike.", "3,000", (3000, 3000, 3000), "people", False),
    ("Six police officers were wounded by stones.", "Six", (6, 6, 6), "officers", False),
    ("Gunmen killed 7 social leaders in Cauca last month.", "7", (7, 7, 7), "leaders", False),
    ("The commission documented 1,200 cases of torture.", "1,200", (1200, 1200, 1200), "cases", False),
    ("Seventy-three people remain missing after the raid.", "Seventy-three", (73, 73, 73), "people", False),
    ("Authorities confirmed 17 deaths in the region.", "17", (17, 17, 17), "deaths", False),
    ("49 Protesters Killed in Southern Peru", "49", (49, 49, 49), "protesters", False),
    ("15 U.S. congressmen signed the letter.", "15", (15, 15, 15), "congressmen", False),
    ("Some 1 300 people fled the fighting.", "Some 1 300", (N, 1300, N), "people", True),
    ("Officers fired on a 3,000-strong crowd.", "3,000", (3000, 3000, 3000), "crowd", False),
    ("The strike was backed by 4 human rights defenders.", "4", (4, 4, 4), "defenders", False),
    ("At least 221,303 times the patrol detained migrants.", "At least 221,303", (221303, 221303, N), "times", False),
    ("The attack left 12 dead near the market.", "12", (12, 12, 12), "dead", False),
    ("Officials counted 12 civilian deaths in the shelling.", "12", (12, 12, 12), "deaths", False),
    ("Nine coca growers were shot in Sacaba.", "Nine", (9, 9, 9), "growers", False),
    ("More than 200 eye injuries were recorded.", "More than 200", (200, 200, N), "injuries", False),
    ("Seis manifestantes indígenas murieron.", "Seis", (6, 6, 6), "manifestantes", False),
    ("Dozens of them waited outside the court.", "Dozens", (12, N, N), N, True),
    ("Hundreds of defendants appear at once by video link.", "Hundreds", (100, N, N), "defendants", True),
    # Spanish
    ("Al menos 49 personas murieron durante las protestas.", "Al menos 49", (49, 49, N), "personas", False),
    ("Por lo menos 17 manifestantes resultaron heridos.", "Por lo menos 17", (17, 17, N), "manifestantes", False),
    ("Más de 1.300 detenidos fueron trasladados a Lima.", "Más de 1.300", (1300, 1300, N), "detenidos", False),
    ("Como mínimo 29 líderes sociales han sido asesinados.", "Como mínimo 29", (29, 29, N), "líderes", False),
    ("Fueron detenidos 200 o más manifestantes.", "200 o más", (200, 200, N), "manifestantes", False),
    ("Unos 50 campesinos bloquearon la carretera.", "Unos 50", (N, 50, N), "campesinos", True),
    ("Alrededor de 300 estudiantes marcharon hacia el Congreso.", "Alrededor de 300", (N, 300, N), "estudiantes", True),
    ("Aproximadamente 120 familias fueron desalojadas.", "Aproximadamente 120", (N, 120, N), "familias", True),
    ("Cerca de 400 pobladores fueron desplazados.", "Cerca de 400", (N, 400, 400), "pobladores", True),
    ("Casi 70 soldados desertaron del cuartel.", "Casi 70", (N, 70, 70), "soldados", True),
    ("Hasta 300 migrantes podrían estar detenidos.", "Hasta 300", (N, N, 300), "migrantes", True),
    ("Entre 40 y 50 personas fueron asesinadas.", "Entre 40 y 50", (40, N, 50), "personas", False),
    ("De 40 a 50 comuneros fueron detenidos.", "De 40 a 50", (40, N, 50), "comuneros", False),
    ("Entre 2 y 3 millones de venezolanos viven en Colombia.", "Entre 2 y 3 millones", (2000000, N, 3000000), "venezolanos", False),
    ("Decenas de heridos llegaron al hospital.", "Decenas", (10, N, N), "heridos", True),
    ("Cientos de personas marcharon en Puno.", "Cientos", (100, N, N), "personas", True),
    ("Centenares de manifestantes llenaron la plaza.", "Centenares", (100, N, N), "manifestantes", True),
    ("Miles de venezolanos cruzaron la frontera.", "Miles", (1000, N, N), "venezolanos", True),
    ("Decenas de miles de personas salieron a las calles.", "Decenas de miles", (10000, N, N), "personas", True),
    ("Docenas de periodistas fueron agredidos.", "Docenas", (12, N, N), "periodistas", True),
    ("Cuarenta y nueve personas murieron en el sur.", "Cuarenta y nueve", (49, 49, 49), "personas", False),
    ("Veintinueve muertos dejó la represión.", "Veintinueve", (29, 29, 29), "muertos", False),
    ("Ciento doce presos fueron liberados.", "Ciento doce", (112, 112, 112), "presos", False),
    ("Mil trescientos desplazados llegaron a la ciudad.", "Mil trescientos", (1300, 1300, 1300), "desplazados", False),
    ("Dos millones de venezolanos viven en Colombia.", "Dos millones", (2000000, 2000000, 2000000), "venezolanos", False),
    ("Un centenar de policías rodeó la plaza.", "Un centenar", (N, 100, N), "policías", True),
    ("Una docena de periodistas fue detenida.", "Una docena", (12, 12, 12), "periodistas", False),
    ("Más de 2,5 millones de migrantes fueron regularizados.", "Más de 2,5 millones", (2500000, 2500000, N), "migrantes", False),
    ("La cifra de muertos ascendió a 49.", "49", (49, 49, 49), N, False),
    ("Once manifestantes murieron en Juliaca.", "Once", (11, 11, 11), "manifestantes", False),
    ("Veinticinco policías resultaron heridos.", "Veinticinco", (25, 25, 25), "policías", False),
    ("La policía detuvo a 35 jóvenes estudiantes.", "35", (35, 35, 35), "estudiantes", False),
    ("Unas 2 mil 500 personas marcharon en Oaxaca.", "Unas 2 mil 500", (N, 2500, N), "personas", True),
    ("Más de 10 mil personas fueron desplazadas.", "Más de 10 mil", (10000, 10000, N), "personas", False),
    ("Mil personas marcharon en Tegucigalpa.", "Mil", (1000, 1000, 1000), "personas", False),
    ("Police detained 1000-2000 people that week.", "1000-2000", (1000, N, 2000), "people", False),
    ("Three to four thousand people gathered.", "Three to four thousand", (3000, N, 4000), "people", False),
    ("Between one hundred and two hundred people fled.", "Between one hundred and two hundred", (100, N, 200), "people", False),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "span", "count", "noun", "approximate"), SINGLE_COUNTS)
def test_single_count(
    sentence: str,
    span: str,
    count: tuple[int | None, int | None, int | None],
    noun: str | None,
    approximate: bool,
) -> None:
    mentions = find_counts(sentence)
    assert len(mentions) == 1, mentions
    m = mentions[0]
    assert m.text == span
    assert sentence[m.start : m.end] == span
    assert m.count == Count(*count)
    assert m.noun == noun
    if noun is not None:
        assert m.noun_start is not None and m.noun_end is not None
        assert sentence[m.noun_start : m.noun_end].lower() == noun
    else:
        assert m.noun_start is None and m.noun_end is None
    assert m.approximate is approximate


# sentence, [(mention text, (low, best, high), noun)]
MULTI_COUNTS = [
    ("The clashes left 12 dead and 30 wounded.", [("12", (12, 12, 12), "dead"), ("30", (30, 30, 30), "wounded")]),
    ("Ten students and two teachers were detained.", [("Ten", (10, 10, 10), "students"), ("two", (2, 2, 2), "teachers")]),
    ("Al menos 17 muertos y decenas de heridos dejó el desalojo.", [("Al menos 17", (17, 17, N), "muertos"), ("decenas", (10, N, N), "heridos")]),
    ("Six people died, including two children.", [("Six", (6, 6, 6), "people"), ("two", (2, 2, 2), "children")]),
    ("In 2023, at least 49 people were killed and 1,200 injured.", [("at least 49", (49, 49, N), "people"), ("1,200", (1200, 1200, 1200), "injured")]),
    ("The $3 billion plan will resettle about 20,000 families.", [("about 20,000", (N, 20000, N), "families")]),
    ("Christian Hernandez, 24, said 300 people sleep in the shelter.", [("300", (300, 300, 300), "people")]),
    ("On July 25, 15 lawmakers wrote to the State Department.", [("15", (15, 15, 15), "lawmakers")]),
    ("El 25 de julio, más de 90 organizaciones firmaron la carta.", [("más de 90", (90, 90, N), "organizaciones")]),
    ("Turnout was 34%, and 2,000 people were turned away.", [("2,000", (2000, 2000, 2000), "people")]),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "expected"), MULTI_COUNTS)
def test_several_counts(
    sentence: str, expected: list[tuple[str, tuple[int | None, ...], str | None]]
) -> None:
    got = [(m.text, m.count, m.noun) for m in find_counts(sentence)]
    assert got == [(text, Count(*c), noun) for text, c, noun in expected]


NOT_COUNTS = [
    # money
    "The United States pledged $3 billion in humanitarian aid.",
    "Washington announced US$350 million for the region.",
    "The fund totals 3 billion dollars over five years.",
    "El gobierno destinó mil millones de dólares al programa.",
    "The fine was S/ 500 for each vendor.",
    "Each vendor pays 500 soles a month in rent.",
    "Remittances reached 2,000 pesos per household.",
    "Millions of dollars were lost to corruption.",
    "Hundreds of millions of dollars in aid were frozen.",
    "The budget is €40 million.",
    # percentages
    "Inflation reached 34% last year.",
    "Support for the president fell to 34 percent.",
    "Support fell to 34 per cent in May.",
    "La pobreza subió al 34 por ciento.",
    # years
    "The protests began in 2021.",
    "The 2021 protests left deep scars.",
    "Turnout fell sharply in 2022-2023.",
    "Violence surged in the 1990s.",
    "The protests lasted from 2019 to 2021.",
    "Las protestas de 2023 dejaron un saldo trágico.",
    # dates and times
    "The letter is dated July 25.",
    "La carta fue enviada el 25 de julio.",
    "The march started at 10:30 in the morning.",
    "The rallies ran from June 6-10.",
    "Police moved in at 3 p.m. on Friday.",
    "Los enfrentamientos empezaron a las 10 de la mañana.",
    "The report was published on 12 May.",
    # ages
    "Her 9-month-old son crawled on the floor.",
    "Christian Hernandez, 24, said he was afraid.",
    "The victim, aged 17, was shot in the back.",
    "Un joven de 17 años murió en el hospital.",
    "A 46-year-old farmer was shot by soldiers.",
    "Annelis Gomez (23) crossed the border on foot.",
    # ordinals
    "It was the third protest this month.",
    "La tercera marcha fue reprimida con gases.",
    "She finished 3rd in the regional election.",
    "The 1st Infantry Division was deployed.",
    # document, law and article numbers
    "The Security Council adopted Resolution 1325.",
    "Congress passed Law 30151 after the protests.",
    "Decree No. 2 suspended civil liberties.",
    "See page 12 of the annual report.",
    "Article 19 protects freedom of expression.",
    "El artículo 5 del decreto fue derogado.",
    "La Ley 30151 amplió el uso de la fuerza.",
    "Battalion 316 tortured political prisoners.",
    # durations
    "He was sentenced to 10 years in prison.",
    "He left the country 11 years ago.",
    "The teams will meet within 90 days.",
    "Lo detuvieron hace dos semanas.",
    "The ceasefire lasted 48 hours.",
    "A two-day strike paralysed the city.",
    "Permits let them work legally for 10 years.",
    # phone numbers, scores, measurements
    "Call the hotline at 555-1234.",
    "For information call +51 1 234 5678.",
    "Colombia beat Peru 3-1 on Sunday.",
    "The march covered 5 km.",
    "Temperatures reached 40 degrees.",
    "The bus travelled 120 kilometres to the border.",
    "The region has 2.5 million hectares of forest.",
    # "one" that is not a count
    "She was one of the organizers of the march.",
    "He is the number one suspect.",
    "No one was hurt in the evacuation.",
    "One-third of the population lives in poverty.",
    "At one point the crowd surged forward.",
    # vague words that are not counts
    "Several people were hurt in the crush.",
    "Many protesters were detained.",
    "A few journalists were threatened.",
    "Muchos manifestantes fueron detenidos.",
    "Varios periodistas fueron amenazados.",
    "The government has zero tolerance for police abuse.",
    # words that only look like numbers
    "Once again, police fired tear gas.",
    "Once the protesters left, police cleared the square.",
    "Un manifestante murió en la plaza.",
    "COVID-19 spread through the prison.",
    "The G20 summit was held in Rio.",
    "The ministries met in 2022; 2.5 is a ratio.",
    "Magnitude 7.5 tremors shook the coast.",
    "The law entered into force on 1 January 2024.",
    "During its visit from January 11 to 13, the commission heard victims.",
    "See the recommendations in paragraphs 5 and 8 above.",
    "La visita se realizó del 11 al 13 de enero.",
    "One in five Venezuelans has left the country.",
    "Seven out of 10 migrants reported abuse.",
    "Uno de cada cinco hogares perdió ingresos.",
    "In 2019 people marched against the reform.",
]


@pytest.mark.parametrize("sentence", NOT_COUNTS)
def test_not_a_count(sentence: str) -> None:
    assert find_counts(sentence) == []


PARSE_NUMBER = [
    ("49", 49),
    ("0", 0),
    ("1,300", 1300),
    ("1.300", 1300),
    ("1 300", 1300),
    ("221,303", 221303),
    ("1,000,000", 1000000),
    ("1.000.000", 1000000),
    ("forty-nine", 49),
    ("forty nine", 49),
    ("Forty-Nine", 49),
    ("seventy-three", 73),
    ("nineteen", 19),
    ("one", 1),
    ("two dozen", 24),
    ("a dozen", 12),
    ("half a dozen", 6),
    ("one hundred and twelve", 112),
    ("twelve hundred", 1200),
    ("three thousand five hundred", 3500),
    ("two thousand and five", 2005),
    ("a hundred", 100),
    ("a thousand", 1000),
    ("3 million", 3000000),
    ("2.5 million", 2500000),
    ("1.2 billion", 1200000000),
    ("half a million", 500000),
    ("one million two hundred thousand", 1200000),
    ("cuarenta y nueve", 49),
    ("veintinueve", 29),
    ("veintidós", 22),
    ("ciento doce", 112),
    ("mil trescientos", 1300),
    ("dos millones", 2000000),
    ("un centenar", 100),
    ("una docena", 12),
    ("dos mil", 2000),
    ("doscientos mil", 200000),
    ("quinientas", 500),
    ("cien", 100),
    ("cien mil", 100000),
    ("diez mil", 10000),
    ("mil millones", 1000000000),
    ("dos mil trescientos cuarenta y cinco", 2345),
    ("2,5 millones", 2500000),
    ("1,5 millones", 1500000),
    ("medio millón", 500000),
    ("un millón", 1000000),
    ("once", 11),
    ("  49  ", 49),
]


@pytest.mark.parametrize(("text", "value"), PARSE_NUMBER)
def test_parse_number(text: str, value: int) -> None:
    assert parse_number(text) == value


PARSE_NUMBER_NONE = [
    "",
    "dozens",
    "decenas",
    "hundreds",
    "tens of thousands",
    "several",
    "a few",
    "many",
    "muchos",
    "varios",
    "people",
    "forty-forty",
    "one two",
    "2.5",
    "1,30",
    "third",
    "3rd",
    "49 people",
    "hundred",
    "million",
    "$49",
    "12a",
    "1" * 100_000,
]


@pytest.mark.parametrize("text", PARSE_NUMBER_NONE)
def test_parse_number_none(text: str) -> None:
    assert parse_number(text) is None


PARSE_COUNT = [
    ("49", (49, 49, 49)),
    ("forty-nine", (49, 49, 49)),
    ("one", (1, 1, 1)),
    ("at least 49", (49, 49, N)),
    ("more than 49", (49, 49, N)),
    ("over 49", (49, 49, N)),
    ("upwards of 49", (49, 49, N)),
    ("no fewer than 49", (49, 49, N)),
    ("al menos 49", (49, 49, N)),
    ("por lo menos 49", (49, 49, N)),
    ("más de 49", (49, 49, N)),
    ("como mínimo 49", (49, 49, N)),
    ("about 50", (N, 50, N)),
    ("around 50", (N, 50, N)),
    ("some 50", (N, 50, N)),
    ("roughly 50", (N, 50, N)),
    ("approximately 50", (N, 50, N)),
    ("an estimated 50", (N, 50, N)),
    ("unos 50", (N, 50, N)),
    ("alrededor de 50", (N, 50, N)),
    ("aproximadamente 50", (N, 50, N)),
    ("nearly 50", (N, 50, 50)),
    ("almost 50", (N, 50, 50)),
    ("close to 50", (N, 50, 50)),
    ("casi 50", (N, 50, 50)),
    ("cerca de 50", (N, 50, 50)),
    ("up to 50", (N, N, 50)),
    ("as many as 50", (N, N, 50)),
    ("fewer than 50", (N, N, 50)),
    ("hasta 50", (N, N, 50)),
    ("between 40 and 50", (40, N, 50)),
    ("40 to 50", (40, N, 50)),
    ("40-50", (40, N, 50)),
    ("entre 40 y 50", (40, N, 50)),
    ("tens", (10, N, N)),
    ("decenas", (10, N, N)),
    ("dozens", (12, N, N)),
    ("docenas", (12, N, N)),
    ("scores", (20, N, N)),
    ("hundreds", (100, N, N)),
    ("cientos", (100, N, N)),
    ("centenares", (100, N, N)),
    ("thousands", (1000, N, N)),
    ("miles", (1000, N, N)),
    ("millions", (1000000, N, N)),
    ("millones", (1000000, N, N)),
    ("a dozen", (12, 12, 12)),
    ("two dozen", (24, 24, 24)),
    ("at least 49 people", (49, 49, N)),
]


@pytest.mark.parametrize(("phrase", "count"), PARSE_COUNT)
def test_parse_count(phrase: str, count: tuple[int | None, int | None, int | None]) -> None:
    assert parse_count(phrase) == Count(*count)


@pytest.mark.parametrize(
    "phrase", ["", "several", "varios", "a few", "many", "muchos", "people", "the toll"]
)
def test_parse_count_none(phrase: str) -> None:
    assert parse_count(phrase) is None


# sentence, index of the mention, partial?
PARTIAL = [
    ("Six people died, including two children.", 1, True),
    ("Six people died, including two children.", 0, False),
    ("Forty were detained, among them 12 journalists.", 1, True),
    ("Police held 30 protesters, of whom 4 were minors.", 1, True),
    ("Police held 30 protesters; 4 of them were minors.", 1, True),
    ("Murieron 17 personas, entre ellas 3 niños.", 1, True),
    ("Hubo 40 detenidos, incluidos 5 periodistas.", 1, True),
    ("Hubo 40 detenidos, de los cuales 5 eran menores.", 1, True),
    ("At least 49 civilians were killed in the south.", 0, False),
    ("Police detained 12 students and 3 teachers.", 1, False),
]


@pytest.mark.parametrize(("sentence", "index", "partial"), PARTIAL)
def test_is_partial(sentence: str, index: int, partial: bool) -> None:
    mentions = find_counts(sentence)
    assert is_partial(sentence, mentions[index]) is partial


def test_offsets_survive_case_folding() -> None:
    # "İ" lowercases to two characters; offsets must still point into the original text
    text = "İstanbul: at least 49 people were detained."
    (m,) = find_counts(text)
    assert text[m.start : m.end] == "at least 49"
    assert m.noun == "people"


def test_mentions_are_sorted_and_disjoint() -> None:
    text = (
        "Between 40 and 50 people died; dozens of others were hurt and about 300 were held. "
        "Entre 2 y 3 millones de venezolanos emigraron y al menos 29 líderes fueron asesinados."
    )
    mentions = find_counts(text)
    assert len(mentions) == 5
    for a, b in itertools.pairwise(mentions):
        assert a.end <= b.start


NEWS_WORDS = [
    "at least", "more than", "about", "nearly", "up to", "between", "and", "to", "or", "entre",
    "y", "al menos", "unos", "49", "1,300", "1.300", "2.5", "million", "millones", "mil",
    "forty", "-", "nine", "dozen", "a", "dozens", "of", "de", "people", "personas", "killed",
    "$", "%", "percent", "2021", "July", "years", ",", ".", "(", ")", "one", "once", "10:30",
    "aged", "-year-old", "3rd", "No.", "İ", "\n", "  ", "~", "+", "or more", "hundred",
    "thousands", "veintinueve",
]  # fmt: skip
NEWSY = st.lists(st.sampled_from(NEWS_WORDS), max_size=40).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=200), NEWSY))
def test_never_raises_and_offsets_hold(text: str) -> None:
    mentions = find_counts(text)
    last_end = 0
    for m in mentions:
        assert isinstance(m, CountMention)
        assert text[m.start : m.end] == m.text
        assert m.start >= last_end
        last_end = m.end
        if m.noun is not None:
            assert m.noun_start is not None and m.noun_end is not None
            assert text[m.noun_start : m.noun_end].lower() == m.noun
        c = m.count
        assert not (c.low is None and c.best is None and c.high is None)
        if c.low is not None and c.high is not None:
            assert c.low <= c.high
    parse_number(text)
    parse_count(text)
    for m in mentions:
        is_partial(text, m)


ADVERSARIAL = [
    "at least " * 200_000 + "49 people",
    "1" * 100_000,
    "1," * 100_000,
    "1 " * 100_000,
    "one " * 100_000,
    "forty-" * 100_000,
    "dozens of " * 100_000,
    "a " * 200_000 + "dozen people",
    "between 1 and " * 50_000,
    "1-" * 100_000,
    "cuarenta y " * 100_000,
    "one hundred and " * 50_000,
    "$" * 100_000 + "5",
    ("x" * 1000 + " 49 people ") * 1000,
]


@pytest.mark.parametrize("text", ADVERSARIAL, ids=range(len(ADVERSARIAL)))
def test_linear_time_on_adversarial_input(text: str) -> None:
    started = time.perf_counter()
    find_counts(text)
    parse_number(text)
    assert time.perf_counter() - started < 5.0


@pytest.mark.parametrize(
    "text, expected",
    [
        ("On 23 February, 79 detainees were killed", [("79", "detainees")]),
        ("In February, 79 detainees were killed", [("79", "detainees")]),
        ("En la madrugada del domingo 16 de enero, tres jóvenes fueron asesinados", [("tres", "jóvenes")]),
        ("on February 23 police killed", []),
    ],
)
def test_counts_right_after_a_date(text, expected):
    assert [(m.text, m.noun) for m in find_counts(text)] == expected
