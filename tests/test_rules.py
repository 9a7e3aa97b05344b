"""The incident rules, line by line: real-style sentences with the record they must give, and
sentences that must give nothing. Every line was written for this project."""

from __future__ import annotations

import pytest

from hrtracker.extract import extract
from hrtracker.models import Document
from hrtracker.sources import document_id, normalize_text


def run(text: str, published: str | None = "2023-06-15") -> list:
    text = normalize_text(text)
    return extract(Document(id=document_id(text), source="t.txt", text=text, published=published))


def only(records: list, category: str) -> list:
    return [r for r in records if r.category == category]


# sentence, expected protest_death fields (country, deaths_low, deaths_best, deaths_high, perpetrator, victims)
PROTEST_DEATHS = [
    ("On 15 July 2022, police shot dead two protesters in Juliaca (Puno).", ("Peru", 2, 2, 2, "police", "protesters")),
    ("At least 49 civilians were killed by security forces during protests in Peru between December 2022 and February 2023.", ("Peru", 49, 49, None, "security_forces", "civilians")),
    ("Soldiers opened fire on demonstrators in Senkata, Bolivia, killing eight people.", ("Bolivia", 8, 8, 8, "military", "protesters")),
    ("Nearly 50 protesters have died in clashes with police in Kenya since June, rights groups said.", ("Kenya", None, 50, 50, "police", "protesters")),
    ("Between 80 and 90 demonstrators were killed by the army during the uprising in Sudan.", ("Sudan", 80, None, 90, "military", "protesters")),
    ("The death toll from the protests in Ecuador rose to 11, the ombudsman's office said.", ("Ecuador", 11, 11, 11, None, "protesters")),
    ("Al menos 18 manifestantes murieron por disparos de la policía en Juliaca, Perú.", ("Peru", 18, 18, None, "police", "protesters")),
    ("La cifra de fallecidos en las protestas de Nicaragua ascendió a 322, según la CIDH.", ("Nicaragua", 322, 322, 322, None, "protesters")),
    ("Cuarenta y nueve personas murieron durante las movilizaciones contra el gobierno en Perú.", ("Peru", 49, 49, 49, None, "protesters")),
    ("Más de 300 personas han muerto en las protestas en Irán, según Iran Human Rights.", ("Iran", 300, 300, None, None, "protesters")),
    ("Some 30 people were killed when troops fired on marchers in Yangon, Myanmar.", ("Myanmar", None, 30, None, "military", "protesters")),
    ("A protester died in Santiago, Chile, after being hit by a tear gas canister fired by Carabineros.", ("Chile", 1, 1, 1, "police", "protesters")),
    ("Dozens of demonstrators were killed by the Bolivarian National Guard in Caracas, Venezuela, during the 2017 protests.", ("Venezuela", 12, None, None, "military", "protesters")),
    ("On 9 January 2023, in Juliaca (Puno), protesters clashed with police, who fired live ammunition. 17 demonstrators and 1 police officer were killed.", ("Peru", 17, 17, 17, "police", "protesters")),
    ("On 12 December 2022, in Andahuaylas (Apurimac), protesters clashed with police. Two protesters, aged 15 and 18, were shot dead.", ("Peru", 2, 2, 2, "police", "protesters")),
    ("On 14 May 2021, in Cali (Valle del Cauca), unidentified armed men shot at a group of demonstrators, killing one and injuring several.", ("Colombia", 1, 1, 1, "unknown", "protesters")),
    ("On 20 July 2024, in Caracas, colectivos fired at people protesting against the election results, killing a 17-year-old.", ("Venezuela", 1, 1, 1, "government_supporters", "protesters")),
    ("En Guayaquil, un policía mató a un joven durante una protesta contra el alza de combustibles, denunció la Defensoría del Pueblo.", ("Ecuador", 1, 1, 1, "police", "protesters")),
    ("La represión de las protestas dejó 27 muertos y más de 500 heridos en Bolivia, según el informe del GIEI.", ("Bolivia", 27, 27, 27, None, "protesters")),
    ("The deaths raised the number of people killed in the crackdown on protests in Myanmar to more than 50, according to a monitoring group.", ("Myanmar", 50, 50, None, None, "protesters")),
    ("Kenya protest toll rises to 16 as anger over a blogger's death in custody spills into the streets", ("Kenya", 16, 16, 16, None, "protesters")),
]


@pytest.mark.parametrize("text, expected", PROTEST_DEATHS, ids=[t[:40] for t, _ in PROTEST_DEATHS])
def test_protest_deaths(text, expected):
    deaths = only(run(text), "protest_death")
    assert len(deaths) == 1, deaths
    d = deaths[0]
    assert (d.country, d.deaths_low, d.deaths_best, d.deaths_high, d.perpetrator, d.victims) == expected


# sentence, (subtype, country, perpetrator, victims)
ABUSES = [
    ("On 3 March 2023, FARC dissidents shot dead a social leader in Suárez (Cauca), Colombia.", ("killing", "Colombia", "armed_group", "social_leaders")),
    ("Unidentified gunmen killed two journalists in Tijuana, Mexico, on Monday.", ("killing", "Mexico", "unknown", "journalists")),
    ("Police in Nicaragua arbitrarily detained 12 opposition activists in Managua last week.", ("arbitrary_detention", "Nicaragua", "police", "opposition")),
    ("Detainees in El Salvador told Cristosal they were tortured by prison guards with electric shocks.", ("torture", "El Salvador", "government", "detainees")),
    ("The student leader was forcibly disappeared after soldiers took him from his home in Guerrero, Mexico.", ("enforced_disappearance", "Mexico", "military", None)),
    ("A Honduran environmental defender received death threats from a criminal group in Colón.", ("threats_harassment", "Honduras", "criminal_group", "human_rights_defenders")),
    ("Colectivos attacked journalists covering the march in Caracas, Venezuela.", ("physical_attack", "Venezuela", "government_supporters", "journalists")),
    ("Riot police fired rubber bullets directly at protesters in Cali, Colombia, causing eye injuries.", ("excessive_force", "Colombia", "police", "protesters")),
    ("El ELN obligó a desplazarse a unas 300 familias indígenas en el Chocó, Colombia.", ("forced_displacement", "Colombia", "armed_group", "indigenous_people")),
    ("The government of Nicaragua stripped 94 critics of their nationality and closed 3,000 NGOs.", ("restriction_of_freedoms", "Nicaragua", "government", "opposition")),
    ("La Policía Nacional detuvo arbitrariamente a 40 estudiantes en Managua, Nicaragua.", ("arbitrary_detention", "Nicaragua", "police", "other")),
    ("Agentes de la Policía Militar golpearon a un periodista que cubría la marcha en Tegucigalpa, Honduras.", ("physical_attack", "Honduras", "police", "journalists")),
]


@pytest.mark.parametrize("text, expected", ABUSES, ids=[t[:40] for t, _ in ABUSES])
def test_abuses(text, expected):
    subtype, country, perpetrator, victims = expected
    found = [r for r in only(run(text), "abuse") if r.subtype == subtype]
    assert found, run(text)
    a = found[0]
    assert (a.country, a.perpetrator) == (country, perpetrator)
    if victims:
        assert a.victims == victims


# sentence, (caller contains, target contains, subtype, country)
CALLS = [
    ("Human Rights Watch urged Peruvian authorities to investigate the killings of protesters in Juliaca.", ("Human Rights Watch", "Peruvian authorities", "investigation", "Peru")),
    ("The IACHR called on the State of Colombia to prosecute those responsible for the deaths of protesters.", ("IACHR", "State of Colombia", "prosecution", "Colombia")),
    ("Amnesty International called for the immediate release of all political prisoners in Nicaragua.", ("Amnesty International", "Nicaragua", "other", "Nicaragua")),
    ("Twenty US senators urged the State Department to suspend security assistance to Honduran police units implicated in abuses.", ("senators", "State Department", "suspension_of_assistance", "Honduras")),
    ("La CIDH instó al Estado de Venezuela a investigar las ejecuciones extrajudiciales cometidas por las FAES.", ("CIDH", "Estado de Venezuela", "investigation", "Venezuela")),
    ("La Defensoría del Pueblo pidió a la Fiscalía investigar la muerte de dos manifestantes en Ayacucho, Perú.", ("Defensoría del Pueblo", "Fiscalía", "investigation", "Peru")),
    ("\"The officers who fired on the marchers in Oaxaca, Mexico, must be punished,\" said Rosa Díaz, a union leader.", ("Rosa Díaz", "officers", "prosecution", "Mexico")),
    ("Human rights organizations demanded that Colombia's attorney general open an investigation into the disappearance of 84 people.", ("Human rights organizations", "attorney general", "investigation", "Colombia")),
    ("The UN High Commissioner for Human Rights, Volker Türk, urged Peruvian authorities to ensure prompt and impartial investigations into the deaths.", ("Türk", "Peruvian authorities", "investigation", "Peru")),
]


@pytest.mark.parametrize("text, expected", CALLS, ids=[t[:40] for t, _ in CALLS])
def test_calls(text, expected):
    caller, target, subtype, country = expected
    found = only(run(text), "accountability_call")
    assert len(found) == 1, run(text)
    c = found[0]
    assert caller.lower() in (c.caller or "").lower()
    assert target.lower() in (c.target or "").lower()
    assert (c.subtype, c.country) == (subtype, country)


NOTHING = [
    "On 3 March 2023, teachers marched peacefully in Lima demanding higher wages; no injuries were reported.",
    "Around 2,000 students rallied outside Congress in Bogota against the budget cuts without incident.",
    "Cientos de personas marcharon de forma pacífica en Quito para exigir más empleo.",
    "The interior minister denied that police used excessive force against the protesters in Lima.",
    "El ministro negó que la policía haya usado fuerza excesiva durante la marcha en Asunción.",
    "The new protocol aims to prevent future abuses by police during protests in Chile.",
    "The president said his government has zero tolerance for police abuse.",
    "Border Patrol agents detained 221,303 migrants at the southern border in March, a 34% increase.",
    "The United States has provided $3 billion in aid to Colombia and neighboring countries.",
    "Striker Mateo Ruiz killed it on Sunday as his side massacred their rivals 5-0 in Medellín.",
    "Four people died in a traffic accident on the Pan-American Highway near Trujillo, Peru.",
    "Two robbers shot a shopkeeper during a hold-up in a market in Guayaquil.",
    "Resolution 1325 marked its anniversary with a conference in Bogota on women, peace and security.",
    "Christian Hernandez, 24, and his 9-month-old son arrived in Bogota seven months ago.",
    "Ministers from Colombia, Panama and the United States agreed to regularize 2.5 million migrants.",
    "Police arrested three men suspected of robbing a bank in Lima on Tuesday.",
    "La policía dispersó con gases lacrimógenos a un grupo de manifestantes que bloqueaba una vía en Puno.",
    "The bill was killed in committee after a 12-5 vote in the Peruvian Congress.",
    "On 28 April 2021, thousands of people marched in Bogota against the tax reform. The demonstration was peaceful.",
    "Around 3 June 2022, police detained 12 people during a protest by taxi drivers in Guayaquil (Guayas).",
    "On 2 February 2023, students protested in Puno against the killings of protesters; no violence was reported.",
    "Protesters in Nairobi threw stones at police, who responded with tear gas and water cannon.",
    "On 21 November 2019, in Bogota, police fired tear gas at marchers during the national strike; 3 people were injured.",
    "On 1 March 2023, in Tegucigalpa, members of the Police fired tear gas to disperse a protest by nurses; no injuries were reported.",
    "Landslides triggered by heavy rains buried three villages in southern Peru, killing at least 20 people, authorities said.",
    "Peru's health ministry said COVID-19 deaths rose to 200,000 as hospitals ran out of oxygen.",
    "Un accidente de tránsito en la carretera Central dejó 12 muertos, informó la policía.",
    "The protests in Iran erupted in mid-September after the death of Mahsa Amini in the custody of the morality police.",
]


@pytest.mark.parametrize("text", NOTHING, ids=[t[:40] for t in NOTHING])
def test_sentences_that_must_give_nothing(text):
    assert run(text) == []


def test_an_event_note_date_carries_to_its_next_sentence():
    records = run(
        "On 15 January 2023, in Juliaca (San Roman, Puno), protesters clashed with police. "
        "Police used tear gas and live ammunition. 1 protester was killed and 20 were injured."
    )
    force = [r for r in records if r.subtype == "excessive_force"]
    deaths = only(records, "protest_death")
    assert force and force[0].period_start == "2023-01-15" and force[0].victims == "protesters"
    assert deaths and deaths[0].deaths_low == 1 and deaths[0].period_start == "2023-01-15"


def test_periods_from_the_text_and_the_publication_date():
    strike = run(
        "The national strike began on April 28, 2021, against a tax reform in Colombia.\n\n"
        "During the national strike, police shot dead three protesters in Cali, a rights group said.",
        published="2021-06-01",
    )
    death = only(strike, "protest_death")[0]
    assert (death.deaths_low, death.period_start, death.period_end) == (3, "2021-04-28", "2021-06-01")
    weeks = only(run("Hace dos semanas, la policía mató a dos manifestantes en Cali, Colombia.", published="2021-06-01"), "protest_death")
    assert (weeks[0].deaths_low, weeks[0].period_start) == (2, "2021-05-18")
    letter = run(
        "In a letter dated July 25, US lawmakers urged the State Department to suspend security assistance to Peruvian units implicated in the killing of protesters.",
        published="2023-07-31",
    )
    call = only(letter, "accountability_call")[0]
    assert (call.period_start, call.subtype, call.country) == ("2023-07-25", "suspension_of_assistance", "Peru")


def test_partial_count_is_not_a_second_toll():
    records = run("At least 17 people were killed in Juliaca on Monday, including a 17-year-old boy, in protests against the government of Peru.")
    deaths = only(records, "protest_death")
    assert [d.deaths_low for d in deaths] == [17]


def test_every_record_carries_evidence_rules_and_confidence():
    text = "LIMA (Reuters) - Police shot dead two protesters in Juliaca, Peru, on Monday. Amnesty International urged the authorities to investigate."
    for record in run(text):
        assert normalize_text(text)[record.evidence_start : record.evidence_end] == record.evidence
        assert record.rules and 0 < record.confidence <= 1
