"""Demo: Landkreis Böblingen's Beteiligungsprozess of 2014: the Fachtag of 12 November 2014, its three Arbeitsgruppen, ideas, and the twelve recommendations of KT-Drucks. 234/2014 (read by the importer), linked to measures.

Facts come from seed 001 (Anlage 2 to KT-Drucks. 234/2014): the date, the moderation, who was
invited, the three Arbeitsgruppen and their themes, and the twelve recommendations, which are
read from the seed's copy in ``seeds`` by the real importer (parser and service), OCR
noise and lost numbers included. Where the seed is silent, the demo decides and says so in the
text people read (``DEMO_NOTE``):

- the place: the seed names none; the demo says "Böblingen";
- the time of day: a half day (KT-Drucks. 035/2014 planned "zwei halben Tage");
- which Arbeitsgruppe a recommendation came from: the seed lists the recommendations without
  their group; the demo assigns them by theme;
- the ideas: the seed says the participants collected ideas first but does not list them; the
  demo's ideas are worded after the recommendations they led to, as if typed in from the
  moderation cards (source "card", no personal data);
- the links to measures: the demo plan is the one of the Bilanz 2017, not the 2014 draft the
  recommendations cite ("IP S. 12 Maßnahme 2a/d"); each recommendation is linked to the measure
  of that plan that takes up the same matter, and left without a link where none does.
"""

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from teilhabe.documents.recommendations import parse_recommendations
from teilhabe.organizations.models import User
from teilhabe.participation.models import FormatKind, Idea, ProcessStatus, Recommendation
from teilhabe.participation.services.ideas import idea_card_create
from teilhabe.participation.services.processes import format_create, process_create
from teilhabe.participation.services.recommendation_import import recommendations_import
from teilhabe.participation.services.recommendations import (
    ideas_group,
    measure_link,
    recommendation_update,
)
from teilhabe.plans.models import FieldOfAction, Measure, Plan

SEED = Path(__file__).parent / "seeds" / "boeblingen_empfehlungen_2014.txt"
PLAN_SLUG = "landkreis-boeblingen"
PROCESS_SLUG = "fachtag-2014"
ADOPTED_ON = dt.date(2014, 12, 15)
FACHTAG_DAY = dt.date(2014, 11, 12)
BERLIN = ZoneInfo("Europe/Berlin")
COORDINATOR = "koordination@lrabb.example"
DEMO_NOTE = "Hinweis der Demo: "

PROCESS_DESCRIPTION = (
    "Mit Kreistagsdrucksache Nr. 035/2014 wurde der Entwurf des Ersten Integrationsplans für den "
    "Landkreis Böblingen am 12.05.2014 in den Bildungs- und Sozialausschuss eingebracht. Der "
    "Ausschuss beauftragte die Verwaltung, im zweiten Halbjahr 2014 einen breit angelegten "
    "Beteiligungsprozess einzuleiten: Ein erweiterter Kreis von Akteuren im Themenbereich "
    "Integration sollte den Integrationsplan um weitere Impulse und Handlungsempfehlungen "
    "ergänzen.\n\n"
    "Die Teilnehmenden des Fachtags am 12.11.2014 sammelten zunächst Ideen. Daraus wurden als "
    "Ergebnis des Beteiligungsprozesses zwölf Empfehlungen formuliert, die aus Sicht der "
    "Beteiligten vorrangig umgesetzt werden sollen. Der Kreistag hat sie am 15.12.2014 mit dem "
    "Integrationsplan verabschiedet (KT-Drucks. Nr. 234/2014, Anlage 2).\n\n"
    f"{DEMO_NOTE}Die Unterlagen nennen nicht, aus welcher Arbeitsgruppe welche Empfehlung stammt, "
    "und nicht die einzelnen Ideen. Die Zuordnung und die Ideen der Demo sind aus dem Wortlaut "
    "der Empfehlungen abgeleitet."
)

FACHTAG_DESCRIPTION = (
    "An der Veranstaltung nahmen insbesondere Entscheider/innen aus den kommunalen Verwaltungen "
    "teil, die an diesen Themen arbeiten (z. B. Personal- oder Hauptamtsleitungen), aber auch "
    "Fachkräfte aus den Ämtern für Soziales. Außerdem waren einige Träger und Organisationen "
    "vertreten, die Angebote für Menschen mit Migrationshintergrund machen (z. B. VHS, "
    "Jugendmigrationsdienst, DRK u. a.). Auch nahmen einige Einzelpersonen aus den Gemeinden "
    "teil. Ziel war auch, einen persönlichen Austausch zu fördern und Möglichkeiten für "
    "verwaltungsübergreifende Synergie-Effekte zu finden.\n\n"
    f"{DEMO_NOTE}Die Unterlagen nennen weder Ort noch Uhrzeit des Fachtags. Ort „Böblingen“ "
    "und ein halber Tag (wie in KT-Drucks. 035/2014 vorgesehen) sind Annahmen."
)

INVITED = (
    "Alle Städte und Gemeinden im Landkreis Böblingen. Die Bürgermeister waren aufgefordert, auch "
    "Bürger/-innen aus den Kommunen einzuladen, die sich durch bürgerschaftliches Engagement beim "
    "Thema Integration in der Gemeinde einbringen."
)

# (number, short title, theme as in seed 001, field of action of the demo plan, ideas).
# Each idea: (title, text, recommendation number, sub-item label or "").
WORKING_GROUPS = [
    (
        1,
        "Verankerung in der Verwaltung",
        "Verankerung von „Integration“ und „interkultureller Öffnung“ in der Verwaltung",
        1,
        [
            (
                "Integration ins Leitbild",
                (
                    "Integration und interkulturelle Öffnung gehören sichtbar ins Leitbild der "
                    "Verwaltung."
                ),
                1,
                "a",
            ),
            (
                "Integration ist Führungsaufgabe",
                (
                    "Führungskräfte verstehen interkulturelle Öffnung als ihre Aufgabe und geben den "
                    "Mitarbeitenden damit eine verbindliche Orientierung."
                ),
                1,
                "b",
            ),
            (
                "Eine Stelle, die koordiniert",
                (
                    "Eine Integrations- oder Koordinierungsstelle im Landratsamt, an die sich Städte, "
                    "Gemeinden und ehrenamtliche Initiativen mit ihren Fragen wenden können."
                ),
                2,
                "",
            ),
            (
                "Formulare in einfacher Sprache",
                (
                    "Formulare und grundlegende Texte in einfacher Sprache. Einheitliche Formulare "
                    "sollte nicht jede Gemeinde allein übersetzen lassen müssen."
                ),
                10,
                "",
            ),
        ],
    ),
    (
        2,
        "Personalmanagement",
        "Interkulturelle Ausrichtung des Personalmanagements",
        1,
        [
            (
                "Schulungen für Mitarbeitende mit viel Kundenkontakt",
                (
                    "Interkulturelle Kompetenz gehört zur fachlichen Professionalität: Schulungen vor "
                    "allem für Bereiche mit viel Kundenkontakt."
                ),
                3,
                "a",
            ),
            (
                "Schulungen in die Fortbildungslandkarte",
                (
                    "Die Qualifizierung zur interkulturellen Kompetenz in der Fortbildungslandkarte "
                    "aufführen, damit alle sie finden."
                ),
                3,
                "c",
            ),
            (
                "Fortbildungen kreisweit anbieten",
                (
                    "Ein professioneller Träger bietet die Schulungen kreisweit an, damit kleine "
                    "Verwaltungen keinen Organisationsaufwand haben."
                ),
                4,
                "",
            ),
            (
                "Sprachkenntnisse im Haus kennen",
                (
                    "Auf freiwilliger Basis erheben, welche Sprachen die Mitarbeiterinnen und "
                    "Mitarbeiter der Verwaltungen sprechen."
                ),
                5,
                "",
            ),
            (
                "Dolmetscher-Pool",
                (
                    "Ein Pool aus eigenem Personal, bürgerschaftlich Engagierten und Menschen mit "
                    "Migrationshintergrund, die dolmetschen – mit Schulung und klaren Leitlinien."
                ),
                6,
                "",
            ),
            (
                "Ehrenamtliche als Sprachmittler",
                (
                    "Bürgerschaftlich Engagierte mit eigener Migrationsgeschichte für Dolmetscher- "
                    "und Begleitdienste schulen."
                ),
                6,
                "",
            ),
            (
                "Praktika für Jugendliche",
                (
                    "Projekte weiterführen, die Jugendlichen Informationen über Berufe in der "
                    "Verwaltung und Praktika verschaffen."
                ),
                7,
                "a",
            ),
            (
                "Stellenausschreibungen prüfen",
                (
                    "Stellenausschreibungen so formulieren, dass sich Menschen mit "
                    "Migrationshintergrund angesprochen fühlen."
                ),
                9,
                "",
            ),
        ],
    ),
    (
        3,
        "Teilhabe in Gremien und Netzwerken",
        "Politische und gesellschaftliche Teilhabe in Gremien und Netzwerken",
        6,
        [
            (
                "Welcome Center nutzen",
                (
                    "Mit dem Welcome Center Region Stuttgart Kontakt aufnehmen und seine Angebote "
                    "im Landkreis nutzen."
                ),
                8,
                "",
            ),
            (
                "Hürden in den Abläufen abbauen",
                (
                    "Gemeinsam mit Betroffenen prüfen, wo Abläufe in den Ämtern Zugewanderte unnötig "
                    "aufhalten, und die Willkommenskultur verbessern."
                ),
                11,
                "",
            ),
            (
                "Paten mit Migrationshintergrund gewinnen",
                (
                    "Menschen mit Migrationshintergrund als Patinnen und Paten gewinnen – und "
                    "klären, wie sie Paten werden können."
                ),
                12,
                "",
            ),
            (
                "Begegnung in der Kita",
                (
                    "Erzieherinnen, Erzieher und Eltern als Paten: Bei den Kindern begegnen sich "
                    "Familien am ehesten."
                ),
                12,
                "",
            ),
        ],
    ),
]

# Recommendation → measures of the demo plan that take up the same matter: (number, a piece of
# the title, so that a changed plan leaves the link out instead of linking something else).
MEASURE_LINKS = {
    1: [("1.2", "Interkulturellen Prozess der Verwaltung")],
    2: [("1.1", "Amtes Integration und Flüchtlinge")],
    3: [("1.2", "Interkulturellen Prozess der Verwaltung"), ("5.3", "sensibilisiertes")],
    4: [("1.2", "Interkulturellen Prozess der Verwaltung")],
    5: [("3.4", "interne Nutzung von Fremdsprachen")],
    6: [("3.3", "Dolmetscher-Pool"), ("5.5", "Brückenpersonen")],
    7: [("4.3", "Jugendliche mit Migrationshintergrund")],
    8: [("4.6", "Welcome Center")],
    11: [("1.1", "Amtes Integration und Flüchtlinge")],
    12: [("6.3", "Vielfältige Angebote")],
}


def load_boeblingen_participation() -> None:
    """Load the process into the demo; runs inside ``load_demo``'s transaction."""
    plan = Plan.objects.filter(slug=PLAN_SLUG, organization__slug="landkreis-boeblingen").first()
    if plan is None:
        return
    by = User.objects.filter(email=COORDINATOR).first()
    process = process_create(
        plan=plan,
        title="Beteiligungsprozess „Gemeinsam für Integration und Teilhabe“",
        slug=PROCESS_SLUG,
        description=PROCESS_DESCRIPTION,
        status=ProcessStatus.FINISHED,
        public=True,
        ends_on=ADOPTED_ON,
        by=by,
    )
    fachtag = format_create(
        process=process,
        kind=FormatKind.CONFERENCE,
        title="Fachtag „Gemeinsam für Integration und Teilhabe“",
        description=FACHTAG_DESCRIPTION,
        starts_at=dt.datetime.combine(FACHTAG_DAY, dt.time(9, 0), BERLIN),
        ends_at=dt.datetime.combine(FACHTAG_DAY, dt.time(13, 0), BERLIN),
        place="Böblingen",
        moderation="Institut für Sozialpädagogische Forschung Mainz (ism) gGmbH",
        invited=INVITED,
        by=by,
    )
    fields = {field.number: field for field in FieldOfAction.objects.filter(plan=plan)}

    # The recommendations come through the importer, from the OCR text as the Kreistag got it.
    document = parse_recommendations(SEED.read_bytes(), SEED.name)
    result = recommendations_import(process=process, document=document, by=by)
    recommendations = {r.number: r for r in result.recommendations}

    for number, title, theme, field_number, ideas in WORKING_GROUPS:
        group = format_create(
            process=process,
            kind=FormatKind.WORKING_GROUP,
            parent=fachtag,
            number=number,
            title=title,
            theme=theme,
            field=fields.get(field_number),
            starts_at=fachtag.starts_at,
            ends_at=fachtag.ends_at,
            by=by,
        )
        for idea_title, text, recommendation_number, label in ideas:
            idea = idea_card_create(
                process=process,
                title=idea_title,
                text=text,
                phase=group,
                field=fields.get(field_number),
                by=by,
            )
            recommendation = recommendations[recommendation_number]
            item = recommendation.items.filter(label=label).first() if label else None
            ideas_group(
                process=process,
                ideas=[idea],
                recommendation=None if item else recommendation,
                item=item,
                by=by,
            )
    # Cards are typed in later, but the ideas are the Fachtag's: date them to its day.
    Idea.objects.filter(process=process).update(created_at=fachtag.starts_at)

    measures = {
        measure.number: measure
        for measure in Measure.objects.filter(field__plan=plan).select_related("field")
    }
    for recommendation in Recommendation.objects.filter(process=process).order_by("number"):
        adopted = recommendation_update(
            recommendation=recommendation,
            version=recommendation.version,
            adopted_on=ADOPTED_ON,
            by=by,
        )
        for measure_number, title_piece in MEASURE_LINKS.get(adopted.number, []):
            measure = measures.get(measure_number)
            if measure is not None and title_piece in measure.title:
                measure_link(recommendation=adopted, measure=measure, by=by)
