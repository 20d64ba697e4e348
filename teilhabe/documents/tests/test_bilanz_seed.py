"""The Bilanz of Landkreis Böblingen (Stand 20. Februar 2017), read from its text export.

The expected values are written out: they are the specification of what the parser finds.
"""

from datetime import date
from pathlib import Path

import pytest

from teilhabe.documents.bilanz import BilanzExample, parse_bilanz_text

FIXTURES = Path(__file__).parent / "fixtures"

# number, title, motto, recommendation count, pages of the plan, number of examples
FIELDS = [
    (1, "Aufbrechen und Ankommen", "Hier bin ich", 20, (13, 15), 2),
    (2, "Wohnen", "Wohnen und Wohlfühlen", 22, (19, 26), 1),
    (3, "Sprache", "Vielsprachigkeit als Ressource", 22, None, 3),
    (4, "Bildung und Arbeit", "Sapere aude – Wage zu denken", 30, (36, 42), 3),
    (5, "Gesundheit", "Natürlich gesund", 48, None, 1),
    (6, "Gesellschaft", "Freude am Gestalten", 27, (61, 68), 0),
    (7, "Religion", "Dialog statt Diagnose", None, None, 0),
    (8, "Leben und Freizeit", "Hier spielt das Leben", 27, None, 2),
]

# field number, beginning of the goal, status key, percent, status text
GOALS = [
    (1, "Schaffung des Amtes Integration", "done", 100, "100% umgesetzt"),
    (
        1,
        "Interkulturellen Prozess der Verwaltung",
        "in_progress",
        None,
        "Ausschreibung erfolgt im Februar 2017 – Maßnahme in Arbeit",
    ),
    (
        1,
        "Öffentlichkeitsarbeit über good-practice",
        "done",
        100,
        "100 % umgesetzt (mit stetiger Weiterentwicklung)",
    ),
    (1, "Einbürgerungen bewerben", "done", 100, "100% umgesetzt"),
    (
        1,
        "Einbürgerungskampagne initiieren",
        "in_coordination",
        None,
        "Befindet sich im Abstimmungsprozess (noch nicht umgesetzt)",
    ),
    (2, "Ein „Runder Tisch“ wird", "done", 100, "100% umgesetzt"),
    (2, "Die Verantwortlichen für die Planung", "not_started", 0, "Nicht umgesetzt."),
    (2, "Bedarf an neuen Wohnformen", "done", 100, "100% umgesetzt"),
    (3, "Angebote von/zu diversen", "done", 100, "100% umgesetzt"),
    (3, "Gemeinsamer Austausch mit diversen Trägern", "in_progress", 50, "Umsetzung 50%"),
    (3, "Ehrenamtlicher Dolmetscher-Pool", "in_progress", 15, "Umsetzung 15%"),
    (3, "Erstellung eines Konzeptes", "in_progress", 50, "Umsetzung 50%"),
    (4, "Evaluierung des Sprachstandes", "done", 100, "100% umgesetzt"),
    (
        4,
        "Vorbeugung von Sprachdefiziten",
        "in_progress",
        50,
        "Umsetzung 50% bzw. befindet sich teilweise noch im Arbeit",
    ),
    (
        4,
        "Jugendliche mit Migrationshintergrund",
        "not_started",
        0,
        "Maßnahme wurde noch nicht umgesetzt",
    ),
    (4, "Fortbildungsmöglichkeiten für Ehrenamtliche", "in_progress", 10, "Umsetzung 10%"),
    (4, "Impulse setzte", "done", 100, "100% umgesetzt"),
    (4, "Kooperation mit dem Welcome Center", "done", 100, "100% umgesetzt"),
    (5, "Aufklärung über die medizinische", "in_progress", 40, "Umsetzung 40%"),
    (5, "Mehrsprachiges Informationsmaterial", "done", 100, "100% umgesetzt"),
    (5, "Interkulturell sensibilisiertes Fachpersonal", "in_progress", 40, "Umsetzung 40%"),
    (5, "Interkulturelle Qualifikationen", "done", 100, "100% umgesetzt"),
    (5, "Gewinnung von „Brückenpersonen“", "in_progress", 60, "Umsetzung 60%"),
    (
        6,
        "Ein internationaler Ausschuss",
        "in_progress",
        None,
        "Die Umsetzung der Maßnahme hat begonnen",
    ),
    (6, "Eine Vernetzung der noch", "not_started", 0, "Maßnahme wurde nicht umgesetzt."),
    (6, "Vielfältige Angebote", "done", 100, "100% umgesetzt"),
    (6, "Abseits der eigentlichen", "done", 100, "100% umgesetzt"),
    (7, "(In Gemeinden) werden Netzwerke", "in_progress", 50, "50% umgesetzt"),
    (7, "Die Bevölkerungsstruktur", "in_progress", 50, "50% umgesetzt"),
    (7, "Integrationskurse werden", "not_possible", None, "Maßnahme wird nicht umgesetzt."),
    (7, "Imame verschiedener Gemeinden", "not_started", 0, "Maßnahme bisher nicht umgesetzt."),
    (8, "Die öffentliche Wahrnehmung", "unknown", None, ""),
    (8, "ÖA-Kampagne, LRA und", "done", 100, "100% umgesetzt."),
    (8, "Andere Kulturen werden", "unknown", None, ""),
]


@pytest.fixture(scope="module")
def bilanz():
    return parse_bilanz_text((FIXTURES / "bilanz_2017.txt").read_text(encoding="utf-8"))


def test_title_page(bilanz):
    assert bilanz.title == "Bilanz"
    assert bilanz.subtitle == "Integrationsplan des Landkreises Böblingen"
    assert bilanz.as_of == date(2017, 2, 20)


def test_introduction_is_the_prose_before_the_fields(bilanz):
    paragraphs = bilanz.introduction.split("\n\n")

    assert paragraphs[0].startswith("Ende 2014 wurde der erste Integrationsplan")
    assert paragraphs[1] == "Handlungsfelder im Integrationsplan"
    assert paragraphs[2].startswith("Der Integrationsplan wurde in acht Handlungsfelder")
    assert "**" not in bilanz.introduction
    assert len(paragraphs) == 3


def test_fields(bilanz):
    found = [
        (
            field.number,
            field.title,
            field.motto,
            field.recommendation_count,
            field.page_range,
            len(field.examples),
        )
        for field in bilanz.fields
    ]

    assert found == FIELDS


def test_every_goal_with_its_status(bilanz):
    found = [
        (field.number, goal.title, goal.status.key, goal.status.percent, goal.status.text)
        for field in bilanz.fields
        for goal in field.goals
    ]

    assert len(found) == len(GOALS) == 34
    for row, expected in zip(found, GOALS, strict=True):
        number, beginning, key, percent, text = expected
        assert row[0] == number
        assert row[1].startswith(beginning), (row[1], beginning)
        assert row[2:] == (key, percent, text)


@pytest.mark.parametrize(
    ("number", "index", "title", "description"),
    [
        pytest.param(
            1,
            1,
            "Interkulturellen Prozess der Verwaltung veranlassen, konzipieren und durchführen",
            "… wurden Ende 2013 Seminareinheiten im Landratsamt angeboten – Ziel: …",
            id="Aufbrechen und Ankommen: the rest of the description, goal cell empty",
        ),
        pytest.param(
            2,
            1,
            "Die Verantwortlichen für die Planung beteiligen die Betroffenen oder deren "
            "Vertretungen, z. B. Migrantenorganisationen, systematisch im Planungsprozess.",
            "… Beteiligung von Migrant*innenorganisationen an der Planung/Wohnraumentwicklung "
            "findet nicht statt.",
            id="Wohnen: the description goes on in lower case",
        ),
        pytest.param(
            4,
            3,
            "Fortbildungsmöglichkeiten für Ehrenamtliche auch mit Migrationshintergrund",
            "… die sowohl Migranten als auch Flüchtlingen den Einsatz bürgerschaftlichen "
            "Engagements ermöglichen. NIKA biete nur zum Thema Dolmetschen Kurse für "
            "Ehrenamtliche an.",
            id="Bildung und Arbeit: goal cell empty",
        ),
        pytest.param(
            5,
            3,
            "Interkulturelle Qualifikationen beim Personal in der Altenhilfe und Altenpflege",
            "… verläuft über den Besuchsdienst sowie über Veranstaltungen, Messen und der "
            "Broschüre „Nähkästchen“, …",
            id="Gesundheit: goal cell empty, description in <p>",
        ),
        pytest.param(
            6,
            2,
            "Vielfältige Angebote sprechen vielfältige Zielgruppen an und steigern so die "
            "Chance, das Interesse Einzelner am Mitwirken zu wecken.",
            "… (z.B. Patenschaften, Sport, Bildung). Zudem engagieren sich im Bildungsbüro …",
            id="Gesellschaft: the goal goes on in lower case",
        ),
        pytest.param(
            7,
            2,
            "Integrationskurse werden bei Interesse einer Gemeinde vor Ort angeboten: Räume "
            "und Sprachkurse werden bereitgestellt.",
            "Umsetzung nicht möglich, da Integrationskurse und die Räumlichkeiten dafür vom "
            "Bundesamt für Migration und Flüchtlinge zugelassen und zertifiziert werden müssen.",
            id="Religion: every cell goes on, the status too",
        ),
    ],
)
def test_rows_cut_by_a_page_break_are_joined(bilanz, number, index, title, description):
    goal = bilanz.fields[number - 1].goals[index]

    assert goal.title == title
    for part in description.split("…"):
        assert part.strip() in goal.description


def test_leben_und_freizeit_rows_with_html_and_empty_status_are_rows_of_their_own(bilanz):
    goals = bilanz.fields[7].goals

    assert [goal.title.split(" ")[0] for goal in goals] == ["Die", "ÖA-Kampagne,", "Andere"]
    assert goals[0].description.startswith("Es werden Podiumsdiskussionen")
    assert not any("<" in goal.title + goal.description for goal in goals)


def test_html_list_markup_is_stripped_from_a_goal(bilanz):
    assert bilanz.fields[2].goals[1].title == "Gemeinsamer Austausch mit diversen Trägern"


def test_field_introduction_joins_a_paragraph_cut_by_a_page_break(bilanz):
    introduction = bilanz.fields[4].introduction

    assert introduction.startswith("Im Handlungsfeld 5. Gesundheit wurde schwerpunktmäßig")
    assert "darauf geachtet, dass die Einrichtungen und Dienste" in introduction
    assert "\n" not in introduction


def test_field_introduction_keeps_its_paragraphs(bilanz):
    paragraphs = bilanz.fields[0].introduction.split("\n\n")

    assert [paragraph[:30] for paragraph in paragraphs] == [
        "Im Handlungsfeld 1. Aufbrechen",
        "Durch die Installierung des Am",
    ]


def test_examples(bilanz):
    first, second = bilanz.fields[0].examples

    assert first.text == (
        "In Sindelfingen wird aktuell im Rahmen des Projektes „Weiterentwicklung der "
        "Integrationsarbeit“ ein Leitbild für eine interkulturelle Verwaltung formuliert sowie "
        "ein Konzept für eine nachhaltige Willkommenskultur in Stadt und Verwaltung entwickelt "
        "(Amt für soziale Dienste)"
    )
    assert (first.place, first.provider) == ("Sindelfingen", "Amt für soziale Dienste")
    assert (second.place, second.provider) == (
        "Herrenberg",
        "Flüchtlings- und Integrationsbeauftragte",
    )


def test_example_cut_by_a_page_break_is_joined(bilanz):
    (example,) = bilanz.fields[4].examples

    assert "„Yasam evi – lebendiges Wohnen“ eine kultursensible Altenhilfe auf." in example.text


@pytest.mark.parametrize(
    ("number", "index", "place", "provider"),
    [
        (2, 0, "", ""),
        (4, 2, "", ""),  # "(Bsp. PC-Kurse)" gives an example, it names no provider
        (8, 0, "Böblingen", ""),  # "Die Kreisstadt Böblingen veranstaltete …"
        (8, 1, "Sindelfingen", ""),
    ],
)
def test_example_place_and_provider_are_best_guesses(bilanz, number, index, place, provider):
    example = bilanz.fields[number - 1].examples[index]

    assert (example.place, example.provider) == (place, provider)


@pytest.mark.parametrize(
    ("text", "place", "provider"),
    [
        ("In Weil der Stadt gibt es einen Besuchsdienst (Caritas).", "Weil der Stadt", "Caritas"),
        ("In Zusammenarbeit mit der Caritas entstand ein Leitfaden.", "", ""),
        ("In Form von Kursen (z. B. PC-Kurse) wird gefördert.", "", ""),
        ("Die Stadt Leonberg lädt ein (u. a. zum Fest)", "Leonberg", ""),
    ],
)
def test_example_place_and_provider_variants(text, place, provider):
    example = BilanzExample.from_text(text)

    assert (example.place, example.provider) == (place, provider)


def test_outlook(bilanz):
    paragraphs = bilanz.outlook.split("\n\n")

    assert len(paragraphs) == 2
    assert paragraphs[0].startswith("Die ursprüngliche Arbeitsgruppe („Peergroup“)")
    assert paragraphs[1].endswith("im Sozial- und Gesundheitsausschuss vorgestellt werden.")


def test_json_dict_has_the_agreed_keys(bilanz):
    data = bilanz.to_json_dict()
    field = data["fields"][0]

    assert {"title", "as_of", "fields"} <= data.keys()
    assert data["as_of"] == "2017-02-20"
    assert {"number", "title", "motto", "recommendation_count", "goals", "examples"} <= (
        field.keys()
    )
    assert field["goals"][0] == {
        "title": "Schaffung des Amtes Integration und Flüchtlinge",
        "description": (
            "Koordination von Integrationsfragen, Verankerung von Integration als "
            "Querschnittsaufgabe, Ausstattung mit Haushaltsmitteln um Handlungsansätze "
            "umzusetzen („Willkommenskultur“)"
        ),
        "status": {"key": "done", "percent": 100, "text": "100% umgesetzt"},
    }
    assert {"text"} <= field["examples"][0].keys()
    assert data["fields"][6]["recommendation_count"] is None
