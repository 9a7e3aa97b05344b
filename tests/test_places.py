"""Country resolution: the gazetteer, lookups, place mentions and the document focus.

Every example sentence here was written for these tests.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hrtracker.extract import places
from hrtracker.extract.places import (
    Country,
    PlaceMention,
    all_countries,
    country_by_code,
    find_places,
    focus_country,
    load_user_gazetteer,
    lookup_country,
    suggest_countries,
)


def triples(text: str) -> list[tuple[str, str | None, str]]:
    return [(m.text, m.code3, m.kind) for m in find_places(text)]


@pytest.fixture
def fresh_gazetteer(monkeypatch: pytest.MonkeyPatch) -> None:
    """A gazetteer loaded anew for this test and thrown away after it."""
    monkeypatch.delenv(places.ENV_VAR, raising=False)
    monkeypatch.setattr(places, "_data", None)
    monkeypatch.setattr(places, "_compiled", None)
    monkeypatch.setattr(places, "_table", None)


# --- the country table -------------------------------------------------------------------

UN_SAMPLE = "AFG BOL CIV COD COG DMA DOM GNB GNQ KNA LCA PNG PRK KOR SSD TLS TUV VCT ZWE"


def test_all_un_members_and_common_territories_are_known() -> None:
    codes = {c.code3 for c in all_countries()}
    assert len(codes) >= 199
    assert set(UN_SAMPLE.split()) <= codes
    assert {"PSE", "XKX", "TWN", "HKG", "PRI", "ESH"} <= codes


def test_codes_are_unique_and_well_formed() -> None:
    countries = all_countries()
    assert len({c.code3 for c in countries}) == len(countries)
    assert len({c.code2 for c in countries}) == len(countries)
    for c in countries:
        assert len(c.code3) == 3 and c.code3.isupper()
        assert len(c.code2) == 2 and c.code2.isupper()
        assert c.name and c.name_es


def test_all_countries_sorted_by_name() -> None:
    names = [c.name for c in all_countries()]
    assert names == sorted(names)


@pytest.mark.parametrize(
    ("code3", "name", "name_es"),
    [
        ("PER", "Peru", "Perú"),
        ("SLV", "El Salvador", "El Salvador"),
        ("VEN", "Venezuela", "Venezuela"),
        ("BOL", "Bolivia", "Bolivia"),
        ("USA", "United States", "Estados Unidos"),
        ("GBR", "United Kingdom", "Reino Unido"),
        ("RUS", "Russia", "Rusia"),
        ("IRN", "Iran", "Irán"),
        ("SYR", "Syria", "Siria"),
        ("KOR", "South Korea", "Corea del Sur"),
        ("PRK", "North Korea", "Corea del Norte"),
        ("VNM", "Vietnam", "Vietnam"),
        ("LAO", "Laos", "Laos"),
        ("TZA", "Tanzania", "Tanzania"),
        ("MDA", "Moldova", "Moldavia"),
        ("CZE", "Czechia", "Chequia"),
        ("COD", "Democratic Republic of the Congo", "República Democrática del Congo"),
        ("COG", "Republic of the Congo", "República del Congo"),
        ("CIV", "Ivory Coast", "Costa de Marfil"),
        ("MEX", "Mexico", "México"),
        ("BRA", "Brazil", "Brasil"),
        ("PAN", "Panama", "Panamá"),
        ("HTI", "Haiti", "Haití"),
        ("DOM", "Dominican Republic", "República Dominicana"),
        ("COL", "Colombia", "Colombia"),
        ("ECU", "Ecuador", "Ecuador"),
        ("PRY", "Paraguay", "Paraguay"),
        ("URY", "Uruguay", "Uruguay"),
        ("ARG", "Argentina", "Argentina"),
        ("CHL", "Chile", "Chile"),
        ("GTM", "Guatemala", "Guatemala"),
        ("HND", "Honduras", "Honduras"),
        ("NIC", "Nicaragua", "Nicaragua"),
        ("CRI", "Costa Rica", "Costa Rica"),
        ("CUB", "Cuba", "Cuba"),
        ("BLZ", "Belize", "Belice"),
        ("GUY", "Guyana", "Guyana"),
        ("SUR", "Suriname", "Surinam"),
        ("JAM", "Jamaica", "Jamaica"),
        ("TTO", "Trinidad and Tobago", "Trinidad y Tobago"),
        ("PSE", "Palestine", "Palestina"),
        ("XKX", "Kosovo", "Kosovo"),
        ("TWN", "Taiwan", "Taiwán"),
        ("HKG", "Hong Kong", "Hong Kong"),
        ("PRI", "Puerto Rico", "Puerto Rico"),
        ("ESH", "Western Sahara", "Sahara Occidental"),
    ],
)
def test_output_names(code3: str, name: str, name_es: str) -> None:
    country = country_by_code(code3)
    assert country == Country(code3, country.code2 if country else "", name, name_es)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("PER", "PER"),
        ("per", "PER"),
        ("PE", "PER"),
        ("pe", "PER"),
        (" co ", "COL"),
        ("US", "USA"),
        ("usa", "USA"),
        ("GB", "GBR"),
        ("CD", "COD"),
        ("CG", "COG"),
        ("XK", "XKX"),
        ("xkx", "XKX"),
        ("PS", "PSE"),
        ("XX", None),
        ("XXX", None),
        ("", None),
        ("PERU", None),
    ],
)
def test_country_by_code(code: str, expected: str | None) -> None:
    country = country_by_code(code)
    assert (country.code3 if country else None) == expected


# --- lookup_country: what users type after --country ------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Peru", "PER"),
        ("Perú", "PER"),
        ("PERÚ", "PER"),
        ("peru ", "PER"),
        ("  peru", "PER"),
        ("PE", "PER"),
        ("per", "PER"),
        ("Republic of Peru", "PER"),
        ("república del perú", "PER"),
        ("El Salvador", "SLV"),
        ("el salvador", "SLV"),
        ("salvador", None),
        ("Estados Unidos", "USA"),
        ("estados unidos", "USA"),
        ("EEUU", "USA"),
        ("EE.UU.", "USA"),
        ("ee. uu.", "USA"),
        ("U.S.", "USA"),
        ("usa", "USA"),
        ("United States of America", "USA"),
        ("the United States", "USA"),
        ("Brasil", "BRA"),
        ("brazil", "BRA"),
        ("México", "MEX"),
        ("mexico", "MEX"),
        ("Méjico", "MEX"),
        ("Panamá", "PAN"),
        ("haiti", "HTI"),
        ("Haití", "HTI"),
        ("República Dominicana", "DOM"),
        ("dominican republic", "DOM"),
        ("Dominica", "DMA"),
        ("Venezuela", "VEN"),
        ("Bolivarian Republic of Venezuela", "VEN"),
        ("Bolivia", "BOL"),
        ("colombia", "COL"),
        ("CO", "COL"),
        ("col", "COL"),
        ("Ivory Coast", "CIV"),
        ("Côte d'Ivoire", "CIV"),
        ("cote divoire", "CIV"),
        ("Costa de Marfil", "CIV"),
        ("DRC", "COD"),
        ("Congo", "COD"),
        ("Republic of the Congo", "COG"),
        ("Congo-Brazzaville", "COG"),
        ("South Korea", "KOR"),
        ("Corea del Norte", "PRK"),
        ("UK", "GBR"),
        ("Great Britain", "GBR"),
        ("Reino Unido", "GBR"),
        ("the Netherlands", "NLD"),
        ("Países Bajos", "NLD"),
        ("Georgia", "GEO"),
        ("Türkiye", "TUR"),
        ("turkey", "TUR"),
        ("Czech Republic", "CZE"),
        ("Burma", "MMR"),
        ("Kosovo", "XKX"),
        ("Palestina", "PSE"),
        ("Puerto Rico", "PRI"),
        ("Sahara Occidental", "ESH"),
        ("Korea", None),
        ("Latin America", None),
        ("Atlantis", None),
        ("", None),
        ("   ", None),
        ("XX", None),
    ],
)
def test_lookup_country(query: str, expected: str | None) -> None:
    country = lookup_country(query)
    assert (country.code3 if country else None) == expected


@pytest.mark.parametrize(
    ("query", "expected_first"),
    [
        ("Peur", "Peru"),
        ("Perru", "Peru"),
        ("Colombai", "Colombia"),
        ("Columbia", "Colombia"),
        ("Venezula", "Venezuela"),
        ("Brasill", "Brazil"),
        ("Argentinia", "Argentina"),
        ("Guatamala", "Guatemala"),
        ("Hondura", "Honduras"),
        ("Nicaraga", "Nicaragua"),
        ("Ecuardor", "Ecuador"),
        ("Boliva", "Bolivia"),
        ("Mejico", "Mexico"),
        ("Panana", "Panama"),
        ("Salvador El", "El Salvador"),
        ("Estados Unido", "United States"),
    ],
)
def test_suggest_countries(query: str, expected_first: str) -> None:
    suggestions = suggest_countries(query)
    assert suggestions and suggestions[0] == expected_first
    assert len(suggestions) <= 3


@pytest.mark.parametrize("query", ["", "zzzzqqq", "12345"])
def test_suggest_countries_nothing_close(query: str) -> None:
    assert suggest_countries(query) == []


def test_suggest_countries_respects_n_and_returns_english_names() -> None:
    assert len(suggest_countries("Guinea", n=5)) <= 5
    assert "Guinea" in suggest_countries("Guinae", n=5)
    assert suggest_countries("Perú", n=1) == ["Peru"]


# --- find_places: English reporting ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police in Lima detained dozens of students.", [("Lima", "PER", "capital")]),
        (
            "Protesters blocked the airport in Juliaca (Puno) for a third day.",
            [("Juliaca", "PER", "city"), ("Puno", "PER", "city")],
        ),
        ("The Peruvian security forces opened fire.", [("Peruvian", "PER", "demonym")]),
        ("Duque's policies drew crowds onto the streets.", [("Duque", "COL", "leader")]),
        ("Bukele's state of emergency was extended.", [("Bukele", "SLV", "leader")]),
        ("A press officer from Maracaibo fled.", [("Maracaibo", "VEN", "city")]),
        ("Troops patrolled the Dominican Republic.", [("Dominican Republic", "DOM", "country")]),
        ("Fighting broke out in Papua New Guinea.", [("Papua New Guinea", "PNG", "country")]),
        ("Dominica's cabinet met on Monday.", [("Dominica", "DMA", "country")]),
        (
            "Migrants crossed the Darién Gap into Panama.",
            [("Darién Gap", "PAN", "region"), ("Panama", "PAN", "country")],
        ),
        ("Two leaders were shot in Valle del Cauca.", [("Valle del Cauca", "COL", "region")]),
        ("Gunmen raided a village in Cauca.", [("Cauca", "COL", "region")]),
        (
            "Officials in Bogotá and Medellín confirmed the arrests.",
            [("Bogotá", "COL", "capital"), ("Medellín", "COL", "city")],
        ),
        (
            "Officials in Bogota and Medellin confirmed the arrests.",
            [("Bogota", "COL", "capital"), ("Medellin", "COL", "city")],
        ),
        ("Nicolás Maduro's government denied it.", [("Nicolás Maduro", "VEN", "leader")]),
        ("Nicolas Maduro's government denied it.", [("Nicolas Maduro", "VEN", "leader")]),
        ("President Gustavo Petro ordered an inquiry.", [("Gustavo Petro", "COL", "leader")]),
        ("Ivan Duque Marquez left office in 2022.", [("Ivan Duque Marquez", "COL", "leader")]),
        ("Pedro Castillo was removed from office.", [("Pedro Castillo", "PER", "leader")]),
        ("Dina Boluarte took office in December.", [("Dina Boluarte", "PER", "leader")]),
        ("AMLO defended the army.", [("AMLO", "MEX", "leader")]),
        ("López Obrador defended the army.", [("López Obrador", "MEX", "leader")]),
        ("Claudia Sheinbaum spoke at dawn.", [("Claudia Sheinbaum", "MEX", "leader")]),
        (
            "Jair Bolsonaro's supporters stormed buildings in Brasília.",
            [("Jair Bolsonaro", "BRA", "leader"), ("Brasília", "BRA", "capital")],
        ),
        ("Lula returned to power in 2023.", [("Lula", "BRA", "leader")]),
        (
            "Javier Milei curbed street protests in Buenos Aires.",
            [("Javier Milei", "ARG", "leader"), ("Buenos Aires", "ARG", "capital")],
        ),
        ("Gabriel Boric promised reforms.", [("Gabriel Boric", "CHL", "leader")]),
        ("Sebastian Pinera faced mass protests.", [("Sebastian Pinera", "CHL", "leader")]),
        ("Guillermo Lasso dissolved congress.", [("Guillermo Lasso", "ECU", "leader")]),
        ("Daniel Noboa declared a conflict.", [("Daniel Noboa", "ECU", "leader")]),
        ("Luis Arce denied a coup attempt.", [("Luis Arce", "BOL", "leader")]),
        ("Jeanine Anez was sentenced.", [("Jeanine Anez", "BOL", "leader")]),
        ("Evo Morales left the country.", [("Evo Morales", "BOL", "leader")]),
        ("Xiomara Castro took office.", [("Xiomara Castro", "HND", "leader")]),
        ("Juan Orlando Hernández was extradited.", [("Juan Orlando Hernández", "HND", "leader")]),
        (
            "Daniel Ortega and Rosario Murillo jailed rivals.",
            [("Daniel Ortega", "NIC", "leader"), ("Rosario Murillo", "NIC", "leader")],
        ),
        ("Bernardo Arévalo was sworn in.", [("Bernardo Arévalo", "GTM", "leader")]),
        ("Alejandro Giammattei vetoed it.", [("Alejandro Giammattei", "GTM", "leader")]),
        ("Ariel Henry resigned.", [("Ariel Henry", "HTI", "leader")]),
        (
            "Jovenel Moïse was killed in Port-au-Prince.",
            [("Jovenel Moïse", "HTI", "leader"), ("Port-au-Prince", "HTI", "capital")],
        ),
        ("Miguel Diaz-Canel blamed the embargo.", [("Miguel Diaz-Canel", "CUB", "leader")]),
        ("Joe Biden pledged aid.", [("Joe Biden", "USA", "leader")]),
        ("Mr. Trump signed the order.", [("Trump", "USA", "leader")]),
        ("Justin Trudeau condemned the attack.", [("Justin Trudeau", "CAN", "leader")]),
        ("US lawmakers wrote a letter.", [("US", "USA", "country")]),
        ("The U.S. Embassy issued a statement.", [("U.S.", "USA", "country")]),
        ("It is the United States' closest ally.", [("United States", "USA", "country")]),
        ("Officials in Washington declined to comment.", [("Washington", "USA", "capital")]),
        ("El Salvador's prisons are full.", [("El Salvador", "SLV", "country")]),
        (
            "Ivory Coast and Côte d'Ivoire",
            [("Ivory Coast", "CIV", "country"), ("Côte d'Ivoire", "CIV", "country")],
        ),
        ("Aid reached the DRC.", [("DRC", "COD", "country")]),
        ("Rebels advanced in eastern Congo.", [("Congo", "COD", "country")]),
        (
            "The Republic of the Congo borders the Democratic Republic of the Congo.",
            [
                ("Republic of the Congo", "COG", "country"),
                ("Democratic Republic of the Congo", "COD", "country"),
            ],
        ),
        ("Talks in Congo-Brazzaville stalled.", [("Congo-Brazzaville", "COG", "country")]),
        (
            "South Korea and North Korea",
            [("South Korea", "KOR", "country"), ("North Korea", "PRK", "country")],
        ),
        ("Tensions on the Korean peninsula", [("Korean", None, "region")]),
        (
            "Niger, Nigeria and the Niger Delta",
            [
                ("Niger", "NER", "country"),
                ("Nigeria", "NGA", "country"),
                ("Niger Delta", "NGA", "region"),
            ],
        ),
        ("Sudan and South Sudan", [("Sudan", "SDN", "country"), ("South Sudan", "SSD", "country")]),
        (
            "Guinea, Guinea-Bissau and Equatorial Guinea",
            [
                ("Guinea", "GIN", "country"),
                ("Guinea-Bissau", "GNB", "country"),
                ("Equatorial Guinea", "GNQ", "country"),
            ],
        ),
        (
            "Police raided homes in Gaza and the West Bank.",
            [("Gaza", "PSE", "city"), ("West Bank", "PSE", "city")],
        ),
        (
            "Voters in Taiwan and Hong Kong",
            [("Taiwan", "TWN", "country"), ("Hong Kong", "HKG", "country")],
        ),
        (
            "Kosovo and Puerto Rico",
            [("Kosovo", "XKX", "country"), ("Puerto Rico", "PRI", "country")],
        ),
        ("refugees from Western Sahara", [("Western Sahara", "ESH", "country")]),
        (
            "From Mexico City to New Mexico",
            [("Mexico City", "MEX", "capital"), ("New Mexico", "USA", "region")],
        ),
        ("Protests spread across Chile.", [("Chile", "CHL", "country")]),
        (
            "Ankara said Turkey would respond.",
            [("Ankara", "TUR", "capital"), ("Turkey", "TUR", "country")],
        ),
        ("Refugees in Jordan's camps", [("Jordan", "JOR", "country")]),
        ("In Chad, soldiers fired on crowds.", [("Chad", "TCD", "country")]),
        ("In Santiago, students marched.", [("Santiago", "CHL", "capital")]),
        (
            "The Colombia-Panama border is porous.",
            [("Colombia", "COL", "country"), ("Panama", "PAN", "country")],
        ),
        ("A Venezuelan-born reporter", [("Venezuelan", "VEN", "demonym")]),
        ("Haitians and Cubans", [("Haitians", "HTI", "demonym"), ("Cubans", "CUB", "demonym")]),
        ("the Salvadorean army", [("Salvadorean", "SLV", "demonym")]),
        (
            "Salvadoran and Honduran troops",
            [("Salvadoran", "SLV", "demonym"), ("Honduran", "HND", "demonym")],
        ),
        ("BOGOTA (Reuters) - Police said", [("BOGOTA", "COL", "capital")]),
        ("PERU: CURFEW IN PUNO", [("PERU", "PER", "country"), ("PUNO", "PER", "city")]),
        ("Cartagena de Indias hosted the talks.", [("Cartagena de Indias", "COL", "city")]),
        (
            "Officials in San José, Costa Rica",
            [("San José", "CRI", "capital"), ("Costa Rica", "CRI", "country")],
        ),
        (
            "Tegucigalpa and San Pedro Sula",
            [("Tegucigalpa", "HND", "capital"), ("San Pedro Sula", "HND", "city")],
        ),
        ("Trinidad and Tobago", [("Trinidad and Tobago", "TTO", "country")]),
        ("Antigua Guatemala", [("Antigua Guatemala", "GTM", "city")]),
        ("Antigua and Barbuda", [("Antigua and Barbuda", "ATG", "country")]),
        (
            "St. Lucia and St Vincent",
            [("St. Lucia", "LCA", "country"), ("St Vincent", "VCT", "country")],
        ),
        ("the Darien region", [("Darien", "PAN", "region")]),
        (
            "Mexican soldiers in Guerrero",
            [("Mexican", "MEX", "demonym"), ("Guerrero", "MEX", "region")],
        ),
        ("the Ayotzinapa students", [("Ayotzinapa", "MEX", "city")]),
    ],
)
def test_find_places_english(text: str, expected: list[tuple[str, str | None, str]]) -> None:
    assert triples(text) == expected


# --- find_places: Spanish reporting ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("las fuerzas de seguridad peruanas", [("peruanas", "PER", "demonym")]),
        ("los manifestantes peruanos", [("peruanos", "PER", "demonym")]),
        ("un soldado peruano", [("peruano", "PER", "demonym")]),
        ("la policía colombiana", [("colombiana", "COL", "demonym")]),
        ("migrantes venezolanos", [("venezolanos", "VEN", "demonym")]),
        ("un periodista salvadoreño", [("salvadoreño", "SLV", "demonym")]),
        (
            "el salvadoreño Nayib Bukele",
            [("salvadoreño", "SLV", "demonym"), ("Nayib Bukele", "SLV", "leader")],
        ),
        ("en Perú y en Bolivia", [("Perú", "PER", "country"), ("Bolivia", "BOL", "country")]),
        ("el gobierno de Estados Unidos", [("Estados Unidos", "USA", "country")]),
        ("la embajada de EE.UU.", [("EE.UU.", "USA", "country")]),
        ("la embajada de EEUU", [("EEUU", "USA", "country")]),
        ("la embajada de EE. UU.", [("EE. UU.", "USA", "country")]),
        ("el gobierno estadounidense", [("estadounidense", "USA", "demonym")]),
        ("en México y Brasil", [("México", "MEX", "country"), ("Brasil", "BRA", "country")]),
        ("en Panamá y Haití", [("Panamá", "PAN", "country"), ("Haití", "HTI", "country")]),
        ("en la Ciudad de México", [("Ciudad de México", "MEX", "city")]),
        ("marchas en Bogotá", [("Bogotá", "COL", "capital")]),
        ("en Juliaca, Puno", [("Juliaca", "PER", "city"), ("Puno", "PER", "city")]),
        (
            "en el Cauca y el Valle del Cauca",
            [("Cauca", "COL", "region"), ("Valle del Cauca", "COL", "region")],
        ),
        ("la frontera colombo-venezolana", [("venezolana", "VEN", "demonym")]),
        (
            "en la República Democrática del Congo",
            [("República Democrática del Congo", "COD", "country")],
        ),
        ("Costa de Marfil", [("Costa de Marfil", "CIV", "country")]),
        ("Corea del Sur y Corea", [("Corea del Sur", "KOR", "country"), ("Corea", None, "region")]),
        (
            "el Reino Unido y los Países Bajos",
            [("Reino Unido", "GBR", "country"), ("Países Bajos", "NLD", "country")],
        ),
        ("en América Latina", [("América Latina", None, "supranational")]),
        ("en Latinoamérica", [("Latinoamérica", None, "supranational")]),
        ("los países latinoamericanos", [("latinoamericanos", None, "supranational")]),
        ("en Centroamérica", [("Centroamérica", None, "supranational")]),
        ("el caribe colombiano", [("colombiano", "COL", "demonym")]),
        ("según el presidente Gustavo Petro", [("Gustavo Petro", "COL", "leader")]),
        ("la presidenta Dina Boluarte", [("Dina Boluarte", "PER", "leader")]),
        ("Según Maduro, no hubo muertos.", [("Maduro", "VEN", "leader")]),
        (
            "una detención en Maracaibo, Zulia",
            [("Maracaibo", "VEN", "city"), ("Zulia", "VEN", "region")],
        ),
        ("desplazados en el Catatumbo", [("Catatumbo", "COL", "region")]),
        (
            "en Ayacucho y Andahuaylas",
            [("Ayacucho", "PER", "city"), ("Andahuaylas", "PER", "city")],
        ),
        ("un chile relleno", []),
        ("la libertad de prensa", []),
        ("según la Defensoría del Pueblo", []),
    ],
)
def test_find_places_spanish(text: str, expected: list[tuple[str, str | None, str]]) -> None:
    assert triples(text) == expected


# --- find_places: traps that must yield no country or the right one ----------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Migration in Latin America is rising.", [("Latin America", None, "supranational")]),
        ("across the Americas", [("the Americas", None, "supranational")]),
        ("the Summit of the Americas", [("Summit of the Americas", None, "supranational")]),
        (
            "Central America and South America",
            [("Central America", None, "supranational"), ("South America", None, "supranational")],
        ),
        ("the Inter-American Commission", [("Inter-American", None, "supranational")]),
        ("Latin American governments", [("Latin American", None, "supranational")]),
        ("Chad Smith said the vote was fair.", []),
        ("He added chile peppers to the stew.", []),
        ("Chile peppers were on sale.", []),
        # "Georgia" alone is a US state as often as a country: decided as unresolved.
        ("Georgia's governor signed the bill.", [("Georgia", None, "region")]),
        ("Protests in Tbilisi", [("Tbilisi", "GEO", "capital")]),
        ("the Republic of Georgia", [("Republic of Georgia", "GEO", "country")]),
        ("Joaquín Castro, a Texas congressman, signed.", [("Texas", "USA", "region")]),
        (
            "Fidel Castro and Raúl Castro",
            [("Fidel Castro", "CUB", "leader"), ("Raúl Castro", "CUB", "leader")],
        ),
        ("Castro said the letter was clear.", []),
        ("Morales and Castillo spoke.", []),
        ("Michael Jordan played here.", []),
        ("Jordan Peterson spoke.", []),
        ("Israel Vallarta was released.", []),
        ("Sydney Kamlager-Dove signed the letter.", []),
        ("Alexandria Ocasio-Cortez signed the letter.", []),
        ("Santiago Pérez reported from the scene.", []),
        ("Luis Lima and Oliver Salzburg wrote the code.", []),
        ("Lynndie England was convicted.", []),
        ("Save it as a PNG file.", []),
        ("We ate lima beans.", []),
        ("The program cost US$ 2 million.", []),
        ("PLEASE LET US KNOW", []),
        ("Voice of America reported it.", []),
        ("The Washington Post reported it.", []),
        ("a Bank of America account", []),
        ("She said it was just because of us.", []),
        ("a turkey dinner", []),
        ("the guinea pigs", []),
        ("Ivan Duran, a press officer", []),
        ("Native Americans and African Americans", []),
        ("San Jose, California", [("California", "USA", "region")]),
        ("the colon and the Colon", []),
        ("see https://example.org/news/colombia-venezuelan-migrants-peru-2021", []),
        ("the Dominican Republic", [("Dominican Republic", "DOM", "country")]),
        ("Papua New Guinea", [("Papua New Guinea", "PNG", "country")]),
        ("Guantánamo Bay", [("Guantánamo Bay", None, "region")]),
        ("Trinidad alone", [("Trinidad", None, "region")]),
        ("in Santa Cruz", [("Santa Cruz", None, "region")]),
        ("in Santa Cruz de la Sierra", [("Santa Cruz de la Sierra", "BOL", "city")]),
        ("the Gulf of Mexico", [("Gulf of Mexico", None, "supranational")]),
        ("a Korean company", [("Korean", None, "region")]),
        ("in Buenos Aires, Cauca", [("Buenos Aires, Cauca", "COL", "city")]),
        ("a leader shot in Argelia (Cauca)", [("Argelia (Cauca)", "COL", "city")]),
        ("in Armenia, Quindío", [("Armenia, Quindío", "COL", "city")]),
        ("Armenia and Azerbaijan", [("Armenia", None, "region"), ("Azerbaijan", "AZE", "country")]),
        (
            "hospitals in Liberia and Monrovia",
            [("Liberia", None, "region"), ("Monrovia", "LBR", "capital")],
        ),
        ("una vigilia en la plaza Altamira", []),
        ("marcharon por la avenida Brasil hacia la plaza Italia", []),
        ("vecinos de la colonia Guerrero", []),
        (
            "la colonia venezolana en Lima",
            [("venezolana", "VEN", "demonym"), ("Lima", "PER", "capital")],
        ),
        ("under inter-American standards", [("inter-American", None, "supranational")]),
        ("la masacre de Cumbre de Alaska", []),
    ],
)
def test_find_places_traps(text: str, expected: list[tuple[str, str | None, str]]) -> None:
    assert triples(text) == expected


def test_mentions_are_exact_sorted_and_non_overlapping() -> None:
    text = (
        "BOGOTA (Reuters) - Colombian police and U.S. advisers met in Cartagena de Indias "
        "while migrants from Venezuela crossed into Panama through the Darién. In Lima, "
        "las fuerzas peruanas detuvieron a 12 personas; en EE.UU. nadie comentó.\n"
        "Latin America watched as Duque's successor, Gustavo Petro, visited Caracas."
    )
    mentions = find_places(text)
    assert len(mentions) >= 12
    previous_end = 0
    for m in mentions:
        assert isinstance(m, PlaceMention)
        assert text[m.start : m.end] == m.text
        assert m.start >= previous_end
        previous_end = m.end


def test_offsets_survive_letters_that_change_length_when_lowercased() -> None:
    text = "İstanbul and İzmir, then Ankara and Lima."
    found = {m.text: m for m in find_places(text)}
    for name in ("Ankara", "Lima"):
        m = found[name]
        assert text[m.start : m.end] == name


def test_empty_text() -> None:
    assert find_places("") == []
    assert focus_country("") is None


# --- focus_country -----------------------------------------------------------------------

US_DIPLOMAT_IN_BOGOTA = """BOGOTA (Reuters) - The U.S. Secretary of State said on Tuesday that
Washington would keep funding police reform in Colombia, during a visit to the Andean country.

He met Colombian President Gustavo Petro at the presidential palace in Bogota. US congressmen
had asked him to raise the killings of social leaders in Cauca.

Colombia is the United States' closest partner in the region, and US officials said the
United States would send more aid. The Biden administration has praised Petro's peace plan.
"""

US_LETTER_ABOUT_PERU = """US congressmen denounce abuses

A group of US lawmakers wrote to the State Department and to the US ambassador in Lima
about the killing of protesters in Puno and Ayacucho by Peruvian security forces.

The letter asks the United States to suspend training for the units involved. The US
embassy did not reply. President Dina Boluarte has denied wrongdoing.
"""

VENEZUELA_IN_SPANISH = """Caracas, 3 de mayo. Organizaciones venezolanas denunciaron nuevas
detenciones arbitrarias en Zulia y Táchira. Según los familiares, los detenidos fueron
trasladados a Caracas sin orden judicial.

El gobierno de Nicolás Maduro no respondió. Algunos familiares huyeron a Colombia.
"""

ONLY_THE_US = """Police in Minneapolis used tear gas against protesters on Friday, the
third night of demonstrations in Minnesota. The governor called in the National Guard.
"""

ONLY_REGIONS = """Migration across Latin America and the Caribbean reached record levels,
a regional report said. The Americas need shared responsibility, it added.
"""

DATELINE_ECUADOR = """QUITO, March 3 (AP) — Soldiers were deployed to the prisons on Sunday
after a riot. Officials said gang leaders had fled toward the border with Colombia.

Colombian police said they were searching for the men.
"""


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        (US_DIPLOMAT_IN_BOGOTA, None, "COL"),
        (US_LETTER_ABOUT_PERU, None, "PER"),
        (US_LETTER_ABOUT_PERU, "US congressmen denounce abuses in Peru", "PER"),
        (VENEZUELA_IN_SPANISH, None, "VEN"),
        (ONLY_THE_US, None, "USA"),
        (ONLY_REGIONS, None, None),
        (DATELINE_ECUADOR, None, "ECU"),
        ("Colombia once. Ecuador once.", "Protests in Ecuador", "ECU"),
        ("Colombia once. Ecuador once.", None, "COL"),
        ("Nothing about places here.", None, None),
        ("Nothing about places here.", "A story from Honduras", "HND"),
    ],
)
def test_focus_country(text: str, title: str | None, expected: str | None) -> None:
    assert focus_country(text, title=title) == expected


# --- user gazetteers ---------------------------------------------------------------------


def write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.usefixtures("fresh_gazetteer")
def test_user_gazetteer_extends_existing_and_new_entries(tmp_path: Path) -> None:
    assert triples("Tawantinsuyu") == []
    load_user_gazetteer(
        write_json(
            tmp_path / "extra.json",
            {
                "countries": [
                    {"code3": "PER", "cities": ["Tawantinsuyu"], "aliases": ["Piruw"]},
                    {
                        "code3": "XAT",
                        "code2": "XA",
                        "name": "Atlantis",
                        "aliases": ["Atlantis"],
                        "capital": ["Poseidonia"],
                    },
                ],
                "unresolved": ["Cusco"],
            },
        )
    )
    assert triples("Tawantinsuyu and Piruw") == [
        ("Tawantinsuyu", "PER", "city"),
        ("Piruw", "PER", "country"),
    ]
    assert triples("Poseidonia, Atlantis") == [
        ("Poseidonia", "XAT", "capital"),
        ("Atlantis", "XAT", "country"),
    ]
    assert triples("in Cusco") == [("Cusco", None, "region")]
    atlantis = lookup_country("atlantis")
    assert atlantis == Country("XAT", "XA", "Atlantis", "Atlantis")
    assert country_by_code("xa") == atlantis
    assert lookup_country("Piruw") == country_by_code("PER")


def test_user_gazetteer_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = write_json(tmp_path / "a.json", {"countries": [{"code3": "BOL", "cities": ["Uyuni"]}]})
    second = write_json(
        tmp_path / "b.json", {"countries": [{"code3": "CHL", "cities": ["Calama"]}]}
    )
    monkeypatch.setenv(places.ENV_VAR, f"{first}{os.pathsep}{second}")
    monkeypatch.setattr(places, "_data", None)
    monkeypatch.setattr(places, "_compiled", None)
    monkeypatch.setattr(places, "_table", None)
    assert triples("Uyuni and Calama") == [("Uyuni", "BOL", "city"), ("Calama", "CHL", "city")]


@pytest.mark.usefixtures("fresh_gazetteer")
@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[]", "top level must be a JSON object"),
        ('{"contries": []}', "unknown key"),
        ('{"countries": {}}', '"countries" must be a list'),
        ('{"countries": [{"code3": "PERU"}]}', "three-letter code"),
        ('{"countries": [{"code3": "PER", "cities": "Lima"}]}', "list of non-empty strings"),
        ('{"countries": [{"code3": "PER", "towns": ["Lima"]}]}', "unknown key"),
        ('{"countries": [{"code3": "XAT", "name": "Atlantis"}]}', 'needs "code2"'),
        ('{"countries": [{"code3": "XAT", "code2": "XAT", "name": "A"}]}', "two-letter code"),
        ('{"stop": [""]}', "list of non-empty strings"),
    ],
)
def test_bad_user_gazetteer_names_the_file(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad-gazetteer.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match="bad-gazetteer.json") as info:
        load_user_gazetteer(path)
    assert message in str(info.value)


@pytest.mark.usefixtures("fresh_gazetteer")
def test_missing_user_gazetteer(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="missing.json: not found"):
        load_user_gazetteer(tmp_path / "missing.json")


# --- the data file -----------------------------------------------------------------------

LATIN_AMERICA = [
    "ARG",
    "BOL",
    "BRA",
    "CHL",
    "COL",
    "CRI",
    "CUB",
    "DOM",
    "ECU",
    "GTM",
    "HND",
    "HTI",
    "MEX",
    "NIC",
    "PAN",
    "PER",
    "PRY",
    "SLV",
    "URY",
    "VEN",
]


@pytest.mark.parametrize("code3", LATIN_AMERICA)
def test_latin_american_entries_are_rich(code3: str) -> None:
    entry = next(e for e in places._get_data()["countries"] if e["code3"] == code3)
    assert entry["capital"], code3
    assert len(entry["cities"]) >= 3, code3
    assert len(entry["leaders"]) >= 3, code3
    assert len(entry["demonyms"]) >= 4, code3


def test_generated_json_is_up_to_date() -> None:
    script = Path(__file__).resolve().parent.parent / "bench" / "make_places.py"
    if not script.exists():
        pytest.skip("generator not in this checkout")
    pytest.importorskip("pycountry")  # the generator's source of ISO codes (the dev extra)
    data = Path(places.__file__).parent / "data" / "places.json"
    if data.resolve() != (script.parent.parent / "hrtracker/extract/data/places.json").resolve():
        pytest.skip("testing an installed copy; the generator checks the source tree")
    done = subprocess.run([sys.executable, str(script), "--check"], check=False)
    assert done.returncode == 0, "places.json is stale: run python bench/make_places.py"


def test_find_places_is_fast() -> None:
    paragraph = (
        "Police in Lima and Juliaca fired on protesters, Peruvian officials said, while "
        "US lawmakers and the Colombian government called for an investigation. In "
        "Bogotá, Gustavo Petro met migrants who had crossed the Darién from Venezuela; "
        "las fuerzas de seguridad peruanas negaron los hechos. The statement from "
        "Washington did not mention the killings in Ayacucho, the report added.\n"
    )
    text = paragraph * (1_000_000 // len(paragraph))
    find_places("warm up")
    started = time.perf_counter()
    find_places(text)
    # A loose guard against an accidental slow path; the benchmark figure is ~25 MB/s.
    assert time.perf_counter() - started < 1.0
