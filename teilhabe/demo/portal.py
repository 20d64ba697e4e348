"""What the demo shows on the portal beyond the plans: the translations of the public texts
and each demo organisation's portal details (imprint, privacy, accessibility statement …).

The portal details are sample texts, marked as such on every page they appear on: addresses are
invented and e-mail addresses use the reserved example.* domains of the demo logins.
"""

import datetime as dt

from teilhabe.organizations.models import Organization
from teilhabe.portal.models import Conformance, Licence
from teilhabe.portal.services import feedback_retention_days, portal_profile_update

from .translations import TranslationResult, apply_demo_translations

DEMO_NOTE = "Beispielangaben für die Demo"


def _boeblingen(today: dt.date) -> dict:
    return {
        "imprint": (
            f"{DEMO_NOTE} – kein echtes Impressum. Die Anschrift ist erfunden.\n\n"
            "Landratsamt Böblingen (Demo)\n"
            "Musterstraße 1\n"
            "71032 Böblingen\n"
            "E-Mail: integration@lrabb.example\n\n"
            "Verantwortlich für den Inhalt: Stabsstelle Sozialplanung (Beispiel)\n\n"
            "Der Integrationsplan und die Bilanz vom 20. Februar 2017 stammen aus den "
            "Unterlagen des Landkreises Böblingen. Die Übersetzungen ins Englische, Arabische, "
            "Türkische, Ukrainische und in Leichte Sprache sind für die Demo geschrieben; "
            "maßgeblich ist die deutsche Fassung."
        ),
        "privacy": _privacy("Landratsamt Böblingen (Demo)", "datenschutz@lrabb.example"),
        "accessibility_conformance": Conformance.PARTIAL,
        "accessibility_known_issues": (
            f"{DEMO_NOTE}. Diese Inhalte sind nicht oder nicht vollständig barrierefrei:\n\n"
            "– Die Bilanz vom 20. Februar 2017 ist aus einem älteren Dokument importiert, dem "
            "Text der damaligen Anlage zur Kreistagsdrucksache. Die gespeicherten Fassungen "
            "(PDF und Word) sind aus diesem Text erzeugt; wie die Vorlage enthalten sie "
            "unvollständige Sätze (zum Beispiel bei Maßnahme 5.1) und bei zwei Maßnahmen des "
            "Handlungsfelds 8 keinen Umsetzungsstand.\n\n"
            "– Auf schmalen Bildschirmen, etwa auf Handys, werden die Diagramme ausgeblendet. "
            "Die Tabelle darunter („Die Zahlen des Diagramms als Tabelle“) zeigt dieselben "
            "Zahlen.\n\n"
            "– Nicht alle Texte sind übersetzt. Englisch und Arabisch umfassen den Plan und die "
            "Bilanz 2017; Türkisch und Ukrainisch nur Titel, Einleitung und Leitmotive; Leichte "
            "Sprache nur den Plan und die Handlungsfelder. Fehlt eine Übersetzung, erscheint der "
            "deutsche Text mit einem Hinweis. PDF und Word gibt es nur auf Deutsch.\n\n"
            "– Die Texte in Leichter Sprache hat noch keine Prüfgruppe gelesen."
        ),
        "accessibility_reviewed_on": today,
        "enforcement_body": _enforcement_body(),
        "feedback_email": "barrierefreiheit@lrabb.example",
        "easy_language_text": (
            "Das sind Beispiel-Angaben für die Demo.\n\n"
            "Der Integrations-Plan vom Land-Kreis Böblingen hat 8 Themen.\n"
            "Zum Beispiel: Wohnen, Sprache und Gesundheit.\n\n"
            "Im Jahr 2017 hat der Land-Kreis aufgeschrieben:\n"
            "So weit sind wir mit den Aufgaben.\n"
            "Das heißt: Bilanz.\n"
            "Sie können die Bilanz hier lesen.\n\n"
            "Sie haben eine Frage?\n"
            "Dann schreiben Sie eine E-Mail an:\n"
            "integration@lrabb.example"
        ),
        "data_licence": Licence.DL_DE_BY,
        "data_attribution": "Landratsamt Böblingen",
    }


def _leinfelden_echterdingen(today: dt.date) -> dict:
    return {
        "imprint": (
            f"{DEMO_NOTE} – kein echtes Impressum. Die Anschrift ist erfunden.\n\n"
            "Stadt Leinfelden-Echterdingen (Demo)\n"
            "Amt für soziale Dienste\n"
            "Musterweg 2\n"
            "70771 Leinfelden-Echterdingen\n"
            "E-Mail: integration@le.example"
        ),
        "privacy": _privacy("Stadt Leinfelden-Echterdingen (Demo)", "datenschutz@le.example"),
        "accessibility_conformance": Conformance.PARTIAL,
        "accessibility_known_issues": (
            f"{DEMO_NOTE}. Diese Inhalte sind nicht oder nicht vollständig barrierefrei:\n\n"
            "– Der Integrationsplan ist noch in Arbeit. Sobald er veröffentlicht ist, werden "
            "auf schmalen Bildschirmen, etwa auf Handys, die Diagramme ausgeblendet; die "
            "Tabelle darunter zeigt dieselben Zahlen.\n\n"
            "– Übersetzungen gibt es bisher nur für wenige Texte, ins Englische und Arabische. "
            "Fehlt eine Übersetzung, erscheint der deutsche Text mit einem Hinweis."
        ),
        "accessibility_reviewed_on": today,
        "enforcement_body": _enforcement_body(),
        "feedback_email": "barrierefreiheit@le.example",
        "easy_language_text": (
            "Das sind Beispiel-Angaben für die Demo.\n\n"
            "Die Stadt Leinfelden-Echterdingen schreibt gerade einen Integrations-Plan.\n"
            "Viele Menschen helfen dabei mit.\n"
            "Der Plan ist noch nicht fertig.\n\n"
            "Sie haben eine Frage?\n"
            "Dann schreiben Sie eine E-Mail an:\n"
            "integration@le.example"
        ),
        "data_licence": Licence.CC_BY_4,
        "data_attribution": "Stadt Leinfelden-Echterdingen",
    }


def _privacy(controller: str, officer_email: str) -> str:
    return (
        f"{DEMO_NOTE} – keine echte Datenschutzerklärung.\n\n"
        f"Verantwortlich: {controller}, Anschrift siehe Impressum.\n"
        f"Datenschutzbeauftragte: {officer_email}\n\n"
        "Die Seiten laden keine Schriften, Skripte oder Bilder von fremden Servern.\n\n"
        "Wenn Sie uns über die Erklärung zur Barrierefreiheit schreiben, speichern wir Ihre "
        "Nachricht, die betroffene Seite und – nur wenn Sie sie angeben – Ihren Namen und Ihre "
        "E-Mail-Adresse. Die Nachricht geht an die Koordination des Integrationsplans. Wir "
        "nutzen die Angaben nur, um Ihre Rückmeldung zu bearbeiten und Ihnen zu antworten. "
        f"Bearbeitete Rückmeldungen löschen wir nach {feedback_retention_days()} Tagen.\n\n"
        "Sie haben das Recht auf Auskunft, Berichtigung, Löschung und Einschränkung der "
        "Verarbeitung und können sich bei der Datenschutz-Aufsichtsbehörde beschweren, in "
        "Baden-Württemberg beim Landesbeauftragten für den Datenschutz und die "
        "Informationsfreiheit."
    )


def _enforcement_body() -> str:
    return (
        f"{DEMO_NOTE}: Hier trägt die Organisation Name, Anschrift und Internetadresse der "
        "für sie zuständigen Stelle ein.\n\n"
        "In Baden-Württemberg: Schlichtungsstelle beim Landeszentrum Barrierefreiheit "
        "(LZ-BARR), bei der Beauftragten der Landesregierung für die Belange von Menschen mit "
        "Behinderungen, Stuttgart."
    )


DEMO_PROFILES = {
    "landkreis-boeblingen": _boeblingen,
    "leinfelden-echterdingen": _leinfelden_echterdingen,
}


def create_demo_portal_profiles() -> None:
    today = dt.date.today()
    for organization in Organization.objects.filter(slug__in=DEMO_PROFILES):
        portal_profile_update(
            organization=organization,
            by=None,
            version=None,
            **DEMO_PROFILES[organization.slug](today),
        )


def load_portal_demo() -> TranslationResult:
    """Called at the end of teilhabe.demo.load.load_demo."""
    result = apply_demo_translations()
    create_demo_portal_profiles()
    return result
