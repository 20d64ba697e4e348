"""Demo: Committees and the papers 035/2014, 234/2014 and 197/2021 of Landkreis Böblingen with their Beratungsfolge, and Leinfelden-Echterdingen's VKS decision of 10.03.2020, linked to plans, recommendations, measures and milestones.

Texts come from the seeds (000: 035/2014, 001: Anlage 2 to 234/2014, 003: 197/2021, 004: the VKS
paper of Leinfelden-Echterdingen), with OCR hyphenation undone. Where a seed leaves something
open, the demo decides and says so in the paper itself:

- 234/2014: seed 001 names the Vorberatung only as "Sozialausschuss im Herbst 2014"; the demo puts
  it in the Bildungs- und Sozialausschuss on 24.11.2014 (after the Fachtag of 12.11.2014, before
  the Kreistag of 15.12.2014). Its title and Beschlussantrag are not in the seeds either: they are
  worded from Anlage 2 and marked as a demo assumption.
- 197/2021: the seed's brochure address has a blank where "params_E-…" belongs (the lrabb.de
  address pattern); the demo uses the address with the underscore.
- Leinfelden-Echterdingen: seed 004 carries no paper number; the demo uses "VKS 10.03.2020"
  (committee and date, as the plan's council reference does) rather than inventing a number.
- No meetings: the seeds give committees and dates of the Beratungsfolge, not meetings with a
  time and a place; a consultation with committee and date is what the model asks for then.
"""

import datetime as dt

from django.db import transaction

from teilhabe.council import services
from teilhabe.council.models import Paper
from teilhabe.organizations.models import Organization
from teilhabe.participation.models import Recommendation
from teilhabe.plans import services as plan_services
from teilhabe.plans.models import Milestone, Plan

DEMO_NOTE = "Hinweis der Demo: "

PROPOSAL_035 = """1. Der Entwurf des Ersten Integrationsplans für den Landkreis Böblingen wird zur Kenntnis genommen.

2. Die Verwaltung wird beauftragt, im zweiten Halbjahr 2014 einen breit angelegten Beteiligungsprozess einzuleiten, um den Entwurf des Ersten Integrationsplans für den Landkreis Böblingen mit einem erweiterten Kreis von Akteuren im Landkreis zum Themenbereich Integration ggf. um weitere Impulse und Handlungsempfehlungen zu ergänzen.

3. Die Ergebnisse des Beteiligungsprozesses sollen dem Bildungs- und Sozialausschuss im Herbst 2014 zur Vorberatung vorgestellt und anschließend dem Kreistag zur kreispolitischen Verabschiedung des Integrationsplans vorgelegt werden."""

REASONING_035 = """Der Erste Integrationsplan für den Landkreis Böblingen liegt als Entwurf vor. Damit zählt der Landkreis Böblingen zu den ersten Landkreisen in Baden-Württemberg, die einen solchen Plan vorstellen.

In seiner Sitzung am 28.11.2011 hatte der Bildungs- und Sozialausschuss (KT-Drucksache 196/2011) die Verwaltung beauftragt, einen ersten Integrationsplan für Menschen mit Migrationshintergrund im Landkreis Böblingen zu erstellen. In dem Planungsprozess sollten die politischen Gremien des Landkreises, die Kommunen des Landkreises, sowie alle Einrichtungen und Institutionen in öffentlicher und freier Trägerschaft, die mit Fragestellungen zur Migration und Integration befasst sind, beteiligt werden.

Um den Integrationsplan zu erarbeiten, wurde unter der Federführung der Stabsstelle Sozialplanung der „Arbeitskreis Integration“ eingerichtet, zu dem jeweils Vertreter der zu Beteiligenden eingeladen waren.

Das Ziel der Arbeitsgruppe ist es, mit dem Integrationsplan einen Überblick über die wesentlichen Handlungsfelder zu geben, in denen realistische Verbesserungsmöglichkeiten für Menschen mit Migrationshintergrund gesehen werden. Weiterhin ist der Versuch, die bereits in großem Umfang bestehenden Angebote wenigsten beispielhaft darzustellen. Die Ziele und Maßnahmen beschränken sich demnach auf solche Handlungsempfehlungen, die von kommunaler Seite aus beeinflussbar und als machbar angesehen werden. In manchen Bereichen könnten Verbesserungen erreicht werden, wenn Bundesgesetze fortgeschrieben würden. Solche Themenfelder werden im Integrationsplan nicht vertieft.

Der Integrationsplan befasst sich ausdrücklich nicht mit den Personen, die sich im Asylverfahren befinden oder die im Asylverfahren abgelehnt wurden und sich mit Duldung noch in Deutschland aufhalten.

Ein wichtiges Anliegen des Arbeitskreises ist es, dass die Empfehlungen des Integrationsplans als Beginn eines nachhaltigen Prozesses verstanden wird:

„Der Arbeitskreis versteht sich als Auftakt und Beginn eines dauerhaften Dialoges zwischen Akteuren und Beteiligten rund um das Thema Integration. Das Ziel des Integrationsplans ist es deshalb auch, Impulse für weitere Gesprächsrunden zu geben und eine Art erste Checkliste mit Handlungsempfehlungen aufzustellen. Damit die vorgeschlagenen Maßnahmen umgesetzt werden, bedarf es allerdings weiterhin einer Begleitung. Vernetzung von Akteuren passiert nicht von alleine und ohne zielführendes Engagement mit verteilten Rollen. Auch dieser Punkt ist im Integrationsplan beschrieben (s. Kapitel „Interkulturelle Öffnung der Verwaltung“ Ziel 2) und sollte in der Umsetzung an erster Stelle stehen. Nur so kann der weitere Prozess effektiv vorangetrieben werden.“

Die Landkreisverwaltung wird die vorgeschlagenen Maßnahmen in den Aufgabenfeldern ihrer Zuständigkeit bereits jetzt weiter vorantreiben. In den Zuständigkeitsbereichen anderer Entscheidungsträger sollen die aufgeführten Ziele und Maßnahmen als Handlungsempfehlungen verstanden werden."""

FINANCE_035 = """Der im Beschlussantrag formulierte Beteiligungsprozess soll unter der Leitung eines externen Anbieters erfolgen. Angedacht sind fachlich moderierte Foren zum Austausch der Beteiligten im Umfang von z. B. zwei halben Tagen und die Dokumentation der Ergebnisse. Die Finanzierung erfolgt aus Restmitteln 2013 des Amtes für Soziales."""

TITLE_234 = (
    "Erster Integrationsplan für den Landkreis Böblingen – Ergebnisse des Beteiligungsprozesses "
    "„Gemeinsam für Integration und Teilhabe“"
)

PROPOSAL_234 = (
    "Der Kreistag verabschiedet den Ersten Integrationsplan für den Landkreis Böblingen mit den "
    "zwölf Empfehlungen des Beteiligungsprozesses (Anlage 2).\n\n"
    + DEMO_NOTE
    + "Titel und Wortlaut des Beschlussantrags stehen nicht in den vorliegenden Unterlagen; sie "
    "sind aus Anlage 2 abgeleitet."
)

REASONING_234 = """Mit Kreistagsdrucksache Nr. 035/2014 wurde der Entwurf des Ersten Integrationsplans (IP) für den Landkreis Böblingen am 12.05.2014 erstmals in den Bildungs- und Sozialausschuss eingebracht und zur Kenntnis genommen. Der Ausschuss beauftragte die Verwaltung, im zweiten Halbjahr 2014 einen breit angelegten Beteiligungsprozess einzuleiten. Der dadurch erweiterte Kreis von Akteuren im Themenbereich Integration sollte den Integrationsplan ggf. um weitere Impulse und Handlungsempfehlungen ergänzen.

Weiter wurde beschlossen, dass die Ergebnisse des Beteiligungsprozesses dem Sozialausschuss im Herbst 2014 zur Vorberatung vorgestellt und anschließend dem Kreistag zur kreispolitischen Verabschiedung vorgelegt werden sollten.

Der Beteiligungsprozess fand am 12.11.2014 unter externer Moderation statt (Institut für Sozialpädagogische Forschung Mainz (ism) gGmbH). Eingeladen waren alle Städte und Gemeinden im Landkreis. Die Bürgermeister waren aufgefordert, auch Bürger/-innen aus den Kommunen einzuladen, die sich durch bürgerschaftliches Engagement beim Thema Integration in der Gemeinde einbringen.

Für den Beteiligungsprozess wurden drei Themenbereiche ausgewählt, die sowohl in der Landkreisverwaltung als auch in den Verwaltungen der Städte und Gemeinden von Bedeutung sind. Diese wurden in drei Arbeitsgruppen behandelt:

AG 1: Verankerung von „Integration“ und „interkultureller Öffnung“ in der Verwaltung
AG 2: Interkulturelle Ausrichtung des Personalmanagements
AG 3: Politische und gesellschaftliche Teilhabe in Gremien und Netzwerken.

Die Teilnehmenden sammelten zunächst Ideen. Daraus wurden als Ergebnis des Beteiligungsprozesses Empfehlungen formuliert. Diese sollen aus der Sicht der Beteiligten vorrangig umgesetzt werden. Die zwölf Empfehlungen an den Ausschuss und den Kreistag stehen in Anlage 2.

""" + (
    DEMO_NOTE + "„im Herbst 2014“ nennt Anlage 2 ohne Datum; die Vorberatung im Bildungs- und "
    "Sozialausschuss am 24.11.2014 ist eine Annahme der Demo."
)

TITLE_197 = (
    "Integration von Menschen mit Zuwanderungsgeschichte - Sammlung Good Practice im Landkreis "
    "Böblingen"
)

REPORT_197 = """Mit der Einführung des Integrationsfonds "Zusammenleben gestalten" (Kreistagdrucksache Nr. 083/2019) werden seit 2019 Projekte und Initiativen aus den Bereichen Bildung, Sprachförderungen und Gesellschaft gefördert. Dies kommt neben Begegnungs- und Austauschformaten z.B. Migrantenorganisationen in ihrem Professionalisierungsprozess oder Filmprojekten mit Jugendlichen Migranten zugute, aber auch demokratische Partizipationsmodelle für junge Migranten und Veranstaltungskonzepte mit unterschiedlichen Akteuren werden finanziert.

Seit Einführung des Integrationsfonds wurden bzw. werden 20 Projekte und Initiativen unterstützt, die über den Reiter des Integrationsfonds auf www.lrabb.de (Service + Verwaltung, Integration) gelistet und nach Abschluss vorgestellt werden.

Für die Finanzierung der Projekte stehen jährlich 20.000 € zur Verfügung. Projektideen können bis zum Stichtag des 30.06. eingereicht werden. Über die Auswahl der Projekte, die gefördert werden, entscheidet das Amt für Migration und Flüchtlinge.

Die Zusammenarbeit mit dem Sachgebiet Integration und den Akteuren der geförderten Projekte und Initiativen hat sich seit 2019 als Entwicklungspool für neue integrative Ansätze herausgestellt und ist ein Austauschforum für gelingende integrative Konzepte im Landkreis. Die gesammelten Erfahrungen werden nun in einer eigenen Broschüre beispielhaft zusammengefasst. Diese trägt den Namen "Good-Practice im Landkreis Böblingen – Beispiele für gelingende Integration von Menschen mit Zuwanderungsgeschichte im sozialen und beruflichen Kontext". Sie liegt als Anlage bei.

Ziel der Broschüre ist es, die guten Beispiele vorzustellen und weitere Integrationsakteure, Engagierte und Interessierte anzuregen, um Integrationsprozesse weiterzuentwickeln und fortzuführen. Mit 33 Beispielen aus dem Bildungs-, Gesundheits-, Gesellschafts- und Arbeitsmarktbereich werden Herangehensweise, Zusammenarbeit mit Netzwerkpartnern, Mehrwert und Besonderheiten beschrieben, die zum Gelingen der Initiativen und Projekte führen können. Das langfristige Ziel ist es, die entwickelten Lösungsansätze in vorhandene Strukturen oder Netzwerke einmünden zu lassen, damit die gewonnenen Erfahrungen und Erkenntnisse eine Nachhaltigkeit entfalten können."""

# Seed 003 prints "…/get/params E-1990326631/…": the blank stands for the underscore.
BROCHURE_URL = "https://www.lrabb.de/site/LRA-BB-2018/get/params_E-1990326631/18722792/final%20goodpractice.pdf"

LE_REFERENCE = "VKS 10.03.2020"
LE_TITLE = "Erarbeitung eines Integrationsplans für die Stadt Leinfelden-Echterdingen"
LE_PROPOSAL = (
    "Die Verwaltung wird beauftragt einen Integrationsplan für Leinfelden-Echterdingen zu "
    "erarbeiten."
)
LE_REASONING = """Leinfelden-Echterdingen ist eine internationale Stadt. Und das nicht nur, weil auf unserer Gemarkung der Flughafen liegt, sondern, weil gleichzeitig mit der Überschreitung der 40.000 Einwohnermarke im Jahr 2017, auch die Marke von 7.000 Einwohnern, die einen ausländischen Pass besitzen erfolgte. Mehr als 120 verschiedene Nationalitäten leben in unserer Stadt. Das sind 17,5 % unserer Bevölkerung. Hinzu kommen viele Bürgerinnen und Bürgern mit Migrationsbiographie. Dazu zählen Menschen, die eingebürgert sind und einen deutschen Pass haben. Oder Menschen die hier geboren, aber deren Eltern einst zugewandert sind, sowie Spätaussiedler ebenfalls mit deutschem Pass, die nach Leinfelden-Echterdingen gekommen sind. Insgesamt also gut ein Drittel der Bürgerschaft aus unserer Stadt haben internationale Wurzeln. Sie alle machen unsere Stadtgesellschaft vielfältig und lebendig. Insofern verstehen wir Zuwanderung als Bereicherung und Chance für unsere Stadt.

Es bedarf allerdings auch hier einiger Anstrengungen: Integration ist eine der großen gesellschaftlichen Herausforderungen unserer Zeit, insbesondere für die Kommunen. Hier leben Menschen aus ganz unterschiedlichen Kulturen, mit unterschiedlichen Religionen und unterschiedlichen gesellschaftlichen Prägungen zusammen. Hier gilt es, aufeinander zuzugehen und allen die Möglichkeit zu eröffnen, am gesellschaftlichen Leben von Leinfelden-Echterdingen teilzuhaben. Dabei kann jeder und jede Einzelne mitwirken. In der Nachbarschaft, Schule, am Arbeitsplatz und im öffentlichen Raum. Aber auch die Stadtverwaltung ist in der Pflicht, denn Integration ist eine Querschnittsaufgabe die alle Bereiche umfasst.

Aus diesem Grund wurde im Jahr 2014 die Kontaktstelle für Integration geschaffen, die beim Amt für soziale Dienste angesiedelt ist. Hinzu kam, durch die ständig ansteigenden Flüchtlingszahlen ab 2015, die Anstellung weiterer Mitarbeiterinnen und Mitarbeiter im sog. Integrationsmanagement und in der Unterstützung der ehrenamtlichen Tätigkeiten im Flüchtlingsbereich. Der stetige Ausbau führte dazu, dass zum 01.08.2018 dieser Bereich als eigenes Sachgebiet für Migration und Flüchtlingsarbeit im Amt ausgewiesen wurde.

Auch der Landkreis Esslingen hat 2017 ein Integrationskonzept verabschiedet, bei dem u.a. Mitarbeiter/innen aus LE mitgewirkt haben und mit welchem das städtische Konzept eng abgestimmt sein soll. Außerdem wird ebenfalls auf Landkreisebene der Ausbau der Integrationsbeauftragen weiter ausgebaut und vorangetrieben.

Entstanden sind in den letzten Jahren zahlreiche Aktivitäten und Projekte im Bereich der Migrations- und Flüchtlingsarbeit, mit ganz unterschiedlichen Angeboten und Trägern:

- Dolmetscherpool,
- Leinfelden-Echterdingen interkulturelle Plattform (LEIK),
- Arbeitskreis Religionen im Gespräch,
- Internationale Krabbelgruppe und Babytreff,
- Runder Tisch Flüchtlingsarbeit,
- Kommunaler Flüchtlingsdialog,
- LE mietet,
- Projekt Integration durch Arbeit,
- Interkulturelle Woche,
- „Qualifiziert Engagiert“ als Fortbildungsangebote für Ehrenamtliche

Und auch bei einer Vielzahl städtischer und staatlicher Einrichtungen in unserer Stadt ist das Thema Migration in der Zwischenzeit zu einer Daueraufgabe geworden, die Chance aber gleichzeitig auch Herausforderung bedeutet.

Aus diesem Grund schlägt die Verwaltung vor, mittels eines zu erstellenden Integrationsplanes zunächst den IST Stand zu ermitteln, in welchen Bereichen das Thema Integration bereits gut verankert ist und welche Maßnahmen und Aktivitäten vorhanden sind. Darüber hinaus soll in einem Beteiligungsprozess erarbeitet werden, welche weiteren Aktivitäten und Maßnahmen konkret notwendig sind, um gelingende Integration auch für die Zukunft sicherzustellen.

Grundlage hierfür sollen die Themen sein, die sich auch beim kommunalen Flüchtlingsdialog 2017 herauskristallisiert haben. Diese sind:

- Ehrenamtliches Engagement,
- Arbeitsmarkt, Wohnen, Sprache,
- Integration im Bildungsbereich (Kita/Schule),
- interkulturelles Zusammenleben (Gesellschaft, Kultur, Religion etc.).

Das Thema Migration betrifft alle gesellschaftlichen Gruppierungen unserer Stadt. Daher ist es wichtig, bei der Erstellung möglichst unterschiedliche Gruppierungen mit einzubeziehen, um einen breiten Konsens zu erzielen. Angedacht ist eine Projektgruppe mit Vertreten aus Migrationsorganisationen, Flüchtlingskreise, Vertreter aus dem Gemeinderat, Bildungseinrichtungen, Stadtjugendring, StadtSeniorenRat, Vereinsringe Kirchengemeinden und verschiedenen Fachämtern aus der Verwaltung.

Zeitplan (grobe Orientierung):
- März 2020: VKS Beschluss
- Herbst 2020: Zwischenbericht
- Frühjahr 2021: Einbringung Integrationsplan in den GR
- Frühsommer 2021: Erarbeitung einer Prioritätenliste
- ab Herbst 2021: Umsetzung der Maßnahmen

Integration ist keine Aufgabe die heute beginnt und morgen abgeschlossen sein wird. Integration ist ein anhaltender Prozess und betrifft alle Menschen in Leinfelden-Echterdingen.

Wir hoffen und wünschen uns, dass mit der Erstellung eines gemeinsamen Integrationskonzepts unter Beteiligung vieler Bürger*innen, hauptamtlicher Mitarbeiter*innen und Expert*innen vielfältige Ideen entwickelt werden, die dann - nach der Vorstellung in den politischen Gremien- in einem weiteren Schritt zur Umsetzung kommen sollen.

""" + (
    DEMO_NOTE + "Die Vorlage trägt keine Drucksachennummer; die Demo führt sie unter Gremium und "
    "Sitzungsdatum („VKS 10.03.2020“)."
)
LE_FINANCE = """Für die Erarbeitung des Konzepts sind jährlich 5.000,00 Euro zu veranschlagen. Diese wurden in den Haushalt 2020 eingestellt.

Produkt/Auftrag 314007 „Integrationsmaßnahmen für Ausländer“, Sachkonto 4271000: 5.000 € im Haushaltsjahr 2020, 5.000 € im Folgejahr."""


@transaction.atomic
def load_council_demo() -> None:
    boeblingen = Organization.objects.filter(slug="landkreis-boeblingen").first()
    if boeblingen is not None and not Paper.objects.filter(organization=boeblingen).exists():
        _boeblingen(boeblingen)
    le = Organization.objects.filter(slug="leinfelden-echterdingen").first()
    if le is not None and not Paper.objects.filter(organization=le).exists():
        _leinfelden_echterdingen(le)


def _committees(organization, entries):
    return {
        short: services.committee_create(
            organization=organization, name=name, short_name=short, kind=kind, by=None
        )
        for name, short, kind in entries
    }


def _boeblingen(organization) -> None:
    committees = _committees(
        organization,
        [
            ("Kreistag", "KT", "council"),
            ("Bildungs- und Sozialausschuss", "BSA", "committee"),
            ("Sozial- und Gesundheitsausschuss", "SGA", "committee"),
        ],
    )
    kreistag, bsa, sga = committees["KT"], committees["BSA"], committees["SGA"]
    plan = Plan.objects.filter(organization=organization, slug="landkreis-boeblingen").first()

    draft_035 = services.paper_create(
        organization=organization,
        reference="035/2014",
        title="Erster Integrationsplan für den Landkreis Böblingen",
        paper_type="decision",
        proposal=PROPOSAL_035,
        reasoning=REASONING_035,
        financial_impact=FINANCE_035,
        by=None,
    )
    services.consultation_create(
        paper=draft_035,
        committee=bsa,
        date=dt.date(2014, 5, 12),
        role="preliminary",
        public=True,
        # Anlage 2 to 234/2014 (seed 001) reports what the committee did with it.
        result="zur Kenntnis genommen; Beteiligungsprozess beauftragt",
        by=None,
    )
    services.consultation_create(
        paper=draft_035,
        committee=kreistag,
        date=dt.date(2014, 12, 15),
        role="decision",
        public=True,
        by=None,
    )

    results_234 = services.paper_create(
        organization=organization,
        reference="234/2014",
        title=TITLE_234,
        paper_type="decision",
        proposal=PROPOSAL_234,
        reasoning=REASONING_234,
        by=None,
    )
    services.consultation_create(
        paper=results_234,
        committee=bsa,
        date=dt.date(2014, 11, 24),
        role="preliminary",
        public=True,
        by=None,
    )
    services.consultation_create(
        paper=results_234,
        committee=kreistag,
        date=dt.date(2014, 12, 15),
        role="decision",
        public=True,
        # The plan was adopted on 15.12.2014 with this paper (its council reference).
        result="beschlossen",
        by=None,
    )

    good_practice = services.paper_create(
        organization=organization,
        reference="197/2021",
        title=TITLE_197,
        paper_type="report",
        date=dt.date(2021, 9, 7),
        reasoning=REPORT_197,
        by=None,
    )
    services.consultation_create(
        paper=good_practice,
        committee=sga,
        date=dt.date(2021, 10, 18),
        role="notice",
        public=True,
        by=None,
    )
    services.file_add(
        paper=good_practice,
        name="Anlage_Broschüre Good Practice",
        access_url=BROCHURE_URL,
        by=None,
    )

    if plan is None:
        return
    for paper in (draft_035, results_234):
        services.paper_link(paper=paper, kind="plan", target_id=plan.pk, by=None)
    for recommendation_id in Recommendation.objects.filter(process__plan=plan).values_list(
        "pk", flat=True
    ):
        services.paper_link(
            paper=results_234, kind="recommendation", target_id=recommendation_id, by=None
        )
    decision = Milestone.objects.filter(plan=plan, kind="decision").order_by("position").first()
    if decision is None:
        decision = _boeblingen_timeline(plan, draft_035)
    services.paper_link(paper=results_234, kind="milestone", target_id=decision.pk, by=None)


def _boeblingen_timeline(plan, draft_035) -> Milestone:
    """The steps seeds 000–002 date: the draft in committee, the Fachtag, the Kreistag's
    decision and the first Bilanz; returns the decision."""
    steps = [
        ("council", "Entwurf im Bildungs- und Sozialausschuss", dt.date(2014, 5, 12), draft_035),
        ("other", "Fachtag des Beteiligungsprozesses", dt.date(2014, 11, 12), None),
        ("decision", "Verabschiedung durch den Kreistag", dt.date(2014, 12, 15), None),
        ("interim_report", "Bilanz zum Integrationsplan", dt.date(2017, 2, 20), None),
    ]
    decision = None
    for kind, title, day, paper in steps:
        milestone = plan_services.milestone_create(
            plan=plan, kind=kind, title=title, due_on=day, done_on=day, by=None
        )
        if paper is not None:
            services.paper_link(paper=paper, kind="milestone", target_id=milestone.pk, by=None)
        if kind == "decision":
            decision = milestone
    assert decision is not None  # one of the steps is the decision
    return decision


def _leinfelden_echterdingen(organization) -> None:
    committees = _committees(
        organization,
        [
            ("Gemeinderat", "GR", "council"),
            ("Verwaltungs-, Kultur- und Sozialausschuss", "VKS", "committee"),
        ],
    )
    paper = services.paper_create(
        organization=organization,
        reference=LE_REFERENCE,
        title=LE_TITLE,
        paper_type="decision",
        proposal=LE_PROPOSAL,
        reasoning=LE_REASONING,
        financial_impact=LE_FINANCE,
        by=None,
    )
    services.consultation_create(
        paper=paper,
        committee=committees["VKS"],
        date=dt.date(2020, 3, 10),
        role="decision",
        public=True,
        result="beschlossen",
        by=None,
    )
    plan = Plan.objects.filter(organization=organization, slug="leinfelden-echterdingen").first()
    if plan is None:
        return
    services.paper_link(paper=paper, kind="plan", target_id=plan.pk, by=None)
    decision = Milestone.objects.filter(plan=plan, kind="decision").order_by("position").first()
    if decision is not None:
        services.paper_link(paper=paper, kind="milestone", target_id=decision.pk, by=None)
