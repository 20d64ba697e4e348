"""The public portal's interface is complete in English, Turkish, Arabic and Ukrainian.

Three things keep it so:

- every message of the catalogues has a reviewed (non-fuzzy, non-empty) translation, in every
  plural form the language has;
- the compiled .mo files on disk are what the .po files say (a fresh machine runs `make run`
  without gettext, so the .mo files are committed and must not go stale);
- the catalogues hold exactly the messages the sources ask for: `makemessages` run into a
  temporary directory, with the ignore patterns of the Makefile's `messages` target, gives the
  same set of messages (needs xgettext; CI installs gettext).

And the pages themselves: rendered in each language, no German interface word is left outside
an element marked `lang="de"` (German content the authority has not translated is marked so), and
`<html>` carries the language and direction. Published documents stay German whatever language
the person publishing reads the site in.
"""

import datetime as dt
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import to_locale

from teilhabe.testing.state import shared_fixture

LOCALE_DIR = Path(settings.BASE_DIR) / "teilhabe" / "locale"
COMPLETE_LANGUAGES = ["en", "tr", "ar", "uk"]
PLURAL_FORMS = {"en": 2, "tr": 2, "ar": 6, "uk": 3}


@pytest.fixture(autouse=True)
def _german_afterwards():
    """The test client leaves the last request's language active in the thread; later tests in
    the same worker expect German."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def _po(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE_DIR / to_locale(language) / "LC_MESSAGES" / "django.po"))


def _key(entry) -> tuple:
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def test_leichte_sprache_lives_where_django_looks_for_it():
    assert to_locale("de-x-ls") == "de_X-ls"
    assert (LOCALE_DIR / "de_X-ls" / "LC_MESSAGES" / "django.mo").is_file()


@pytest.mark.parametrize("language", COMPLETE_LANGUAGES)
def test_every_message_is_translated(language):
    catalogue = _po(language)
    assert f"nplurals={PLURAL_FORMS[language]};" in catalogue.metadata["Plural-Forms"]
    assert not catalogue.metadata_is_fuzzy
    problems = []
    for entry in catalogue:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid!r}")
        elif entry.msgid_plural:
            forms = [entry.msgstr_plural.get(i, "") for i in range(PLURAL_FORMS[language])]
            if not all(form.strip() for form in forms):
                problems.append(f"plural form missing: {entry.msgid!r}")
        elif not entry.msgstr.strip():
            problems.append(f"untranslated: {entry.msgid!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", [*COMPLETE_LANGUAGES, "de-x-ls"])
def test_compiled_catalogue_matches_its_source(language):
    source = _po(language)
    compiled = polib.mofile(str(LOCALE_DIR / to_locale(language) / "LC_MESSAGES" / "django.mo"))

    def translations(catalogue, *, skip_fuzzy):
        result = {}
        for entry in catalogue:
            if entry.obsolete or (skip_fuzzy and "fuzzy" in entry.flags):
                continue
            if entry.msgid_plural:
                forms = tuple(sorted(entry.msgstr_plural.items()))
                value = forms if any(form for _index, form in forms) else None
            else:
                value = entry.msgstr
            if value:
                result[_key(entry)] = value
        return result

    assert translations(compiled, skip_fuzzy=False) == translations(source, skip_fuzzy=True), (
        "The .mo file is stale: run `make messages`."
    )
    assert compiled.metadata.get("Plural-Forms") == source.metadata.get("Plural-Forms")


def _makefile_options() -> tuple[list[str], list[str]]:
    """The ignore patterns and file extensions of the Makefile's `messages` target."""
    makefile = (Path(settings.BASE_DIR) / "Makefile").read_text(encoding="utf-8")
    patterns = re.findall(r"--ignore=(\S+)", makefile)
    extensions = re.findall(r"--extension=(\S+)", makefile)
    assert patterns and extensions, "The Makefile's messages target lost its options"
    return patterns, extensions[0].split(",")


def test_catalogues_hold_what_the_sources_ask_for(tmp_path, monkeypatch, settings):
    # .ci/run installs gettext; a machine without it must say so rather than pass silently.
    assert shutil.which("xgettext"), "GNU gettext fehlt (Debian-Paket gettext)"
    # makemessages would write into any `locale` directory it walks past, so the real one is
    # ignored and the temporary directory is the only place left to write to.
    settings.LOCALE_PATHS = [str(tmp_path)]
    monkeypatch.chdir(settings.BASE_DIR)
    patterns, extensions = _makefile_options()
    call_command(
        "makemessages",
        locale=["en"],
        extensions=extensions,
        ignore_patterns=[*patterns, "teilhabe/locale"],
        keep_pot=True,
        verbosity=0,
    )
    template = polib.pofile(str(tmp_path / "django.pot"))
    wanted = {_key(entry) for entry in template if not entry.obsolete}
    for language in [*COMPLETE_LANGUAGES, "de-x-ls"]:
        present = {_key(entry) for entry in _po(language) if not entry.obsolete}
        missing, stale = wanted - present, present - wanted
        assert not missing and not stale, (
            f"{language}: run `make messages` and translate.\n"
            f"missing: {sorted(missing)[:20]}\nstale: {sorted(stale)[:20]}"
        )


# The pages ---------------------------------------------------------------------------------

# Words of the portal's interface that must not be left in German. The test data's own texts
# ("Handlungsfeld 1", "Maßnahme 1.1", "Bilanz 2017") contain none of them.
GERMAN_INTERFACE_WORDS = [
    "Handlungsfelder",
    "Maßnahmen",
    "Bilanzen",
    "Suche",
    "Umsetzungsstand",
    "Fortschritt",
    "umgesetzt",
    "Umsetzung",
    "Meilenstein",
    "Zeitplan",
    "Barrierefreiheit",
    "Datenschutz",
    "Impressum",
    "Herunterladen",
    "Startseite",
    "Überblick",
    "Ausblick",
    "Stand ",
    "keine Angabe",
    "Zuständig",
    # Participation and council pages. The test data's texts are German content ("Fachtag",
    # "Mehr Sprachcafés", "Dolmetscher-Pool", "Kreistag") and contain none of these either.
    "Beteiligung",
    "Empfehlung",
    "Idee",
    "Veranstaltung",
    "Anmeldung",
    "Warteliste",
    "Kommentar",
    "Zustimmung",
    "Stimmzettel",
    "Abstimmung",
    "Punkte",
    "Drucksache",
    "Gremien",
    "Beschluss",
    "Ratsinformationssystem",
    "E-Mail-Adresse",
    "Ihre ",
    "Sie ",
]
CHECKED_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder", "content")
VOID_ELEMENTS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr", "circle", "rect", "line", "polyline", "path",
}  # fmt: skip


class _InterfaceText(HTMLParser):
    """Collects the body's text and labelling attributes outside elements marked as German."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.in_body = False
        self.texts: list[str] = []

    @property
    def german(self) -> bool:
        return any(is_german for _tag, is_german in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "body":
            self.in_body = True
        is_german = (attrs.get("lang") or "").startswith("de")
        if self.in_body and not (self.german or is_german):
            self.texts.extend(
                f"[{name}] {attrs[name]}" for name in CHECKED_ATTRIBUTES if attrs.get(name)
            )
        if tag not in VOID_ELEMENTS:
            self.stack.append((tag, is_german))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if self.in_body and not self.german and data.strip():
            self.texts.append(data.strip())


def german_left_over(html: str) -> list[str]:
    parser = _InterfaceText()
    parser.feed(html)
    return [
        text
        for text in parser.texts
        if any(re.search(rf"(?<!\w){re.escape(word)}", text) for word in GERMAN_INTERFACE_WORDS)
    ]


def build_published(get):
    from teilhabe.organizations.models import Role
    from teilhabe.plans import services
    from teilhabe.plans.services.publication import bilanz_publish
    from teilhabe.testing import make_plan, make_user

    plan, report, _units = make_plan()
    coordinator = make_user(plan.organization, Role.COORDINATOR)
    bilanz_publish(report=report, by=coordinator)
    services.milestone_create(
        plan=plan,
        kind="interim_report",
        title="Zwischenbericht",
        due_on=dt.date.today() + dt.timedelta(days=30),
        by=coordinator,
    )
    measure = plan.fields.order_by("number").first().measures.order_by("position").first()
    return {"plan": plan, "report": report, "measure": measure}


published = shared_fixture(build_published, name="published")


def _portal_paths(published: dict) -> dict[str, str]:
    plan, report, measure = published["plan"], published["report"], published["measure"]
    org = plan.organization.slug
    base = f"/{org}/plan/{plan.slug}/"
    return {
        "home": "/",
        "organisation": f"/{org}/",
        "field": f"{base}handlungsfeld/1/",
        "measure": f"{base}massnahme/{measure.pk}/",
        "report": f"{base}bilanz/{report.pk}/",
        "milestones": f"{base}zeitplan/",
        "accessibility": f"/{org}/barrierefreiheit/",
        "imprint": f"/{org}/impressum/",
        "privacy": f"/{org}/datenschutz/",
        "search": f"/suche/?q=Ma%C3%9Fnahme&organisation={org}",
        "not found": "/gibt-es-nicht/",
    }


@pytest.mark.parametrize("language", COMPLETE_LANGUAGES)
def test_portal_pages_have_no_german_interface_left(client, published, language):
    problems = {}
    for name, path in _portal_paths(published).items():
        response = client.get(f"/{language}{path}")
        assert response.status_code == (404 if name == "not found" else 200), (name, path)
        html = response.content.decode()
        assert re.search(rf'<html lang="{language}" dir="(ltr|rtl)">', html), name
        left = german_left_over(html)
        if left:
            problems[name] = left
    assert not problems, problems


@pytest.mark.parametrize(
    ("language", "direction"),
    [("ar", "rtl"), ("en", "ltr"), ("tr", "ltr"), ("uk", "ltr"), ("de-x-ls", "ltr")],
)
def test_html_element_names_language_and_direction(client, published, language, direction):
    html = client.get(f"/{language}/").content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in html


def test_german_stays_the_default_without_a_prefix(client, published):
    html = client.get("/").content.decode()
    assert '<html lang="de" dir="ltr">' in html
    assert "Integrationspläne der Kommunen" in html


def test_leichte_sprache_explains_the_start_page(client, published):
    html = client.get("/de-x-ls/").content.decode()
    assert "Integrations-Pläne von Städten und Gemeinden" in html
    assert "Haupt-Menü" in html


def test_arabic_chart_runs_right_to_left(client, published):
    plan = published["plan"]
    html = client.get(f"/ar/{plan.organization.slug}/plan/{plan.slug}/").content.decode()
    chart = re.search(r"<svg[^>]*>", html[html.index('id="umsetzungsstand-title"') - 2000 :])
    assert chart and 'direction="rtl"' in chart.group(0)
    assert "مجال العمل" in html


def test_documents_published_from_another_language_are_german(published):
    from teilhabe.organizations.models import Role
    from teilhabe.plans import services
    from teilhabe.plans.models import PublishedDocument
    from teilhabe.plans.services.publication import bilanz_publish
    from teilhabe.testing import make_user

    plan = published["plan"]
    coordinator = make_user(plan.organization, Role.COORDINATOR)
    report = services.report_create(
        plan=plan, as_of=dt.date(2018, 2, 20), title="Bilanz 2018", by=coordinator
    )
    with translation.override("ar"):
        bilanz_publish(report=report, by=coordinator)
    html = bytes(PublishedDocument.objects.get(report=report, format="html").content).decode()
    assert '<html lang="de" dir="ltr">' in html
    assert "Überblick" in html and "Umsetzungsstand der Maßnahmen je Handlungsfeld" in html
    assert "20. Februar 2018" in html
    assert not re.search(r"[\u0600-\u06ff]", html), "Arabic text in a German document"


# Participation and council pages -----------------------------------------------------------


@pytest.fixture
def participation_pages(participation_setup):
    """participation_setup (a public process with an event, a project group, an online phase
    running now, a published idea, a recommendation and a public paper) plus what the remaining
    page types need: an event with free places, a published comment, a named idea, a paper
    that was discussed in public and links to a recommendation and a measure, and a closed
    dot vote of the project group whose Prioritätenliste is public."""
    from teilhabe.council.models import Consultation
    from teilhabe.participation.models import GroupMember, Idea, IdeaComment, ParticipationFormat
    from teilhabe.participation.services import prioritization as prioritization_services
    from teilhabe.plans.models import Measure

    setup = participation_setup
    plan, coordinator = setup["plan"], setup["coordinator"]
    process = setup["processes"][0]
    fachtag, group, phase = setup["formats"]
    workshop = ParticipationFormat.objects.create(
        process=process,
        kind="workshop",
        title="Werkstatt",
        starts_at=dt.datetime.now(dt.UTC) + dt.timedelta(days=20),
        capacity=20,
        registration_open=True,
    )
    idea = setup["ideas"][0]
    IdeaComment.objects.create(idea=idea, text="Gute Sache", status="published")
    Idea.objects.create(
        process=process,
        phase=phase,
        title="Lernpatenschaften",
        text="Ehrenamtliche begleiten Kinder",
        status="published",
        author_name="Aylin",
        show_name=True,
    )
    measure = Measure.objects.filter(field__plan=plan).order_by("pk").first()
    recommendation = setup["recommendations"][0]
    recommendation.measures.add(measure)
    paper = setup["papers"][0]
    paper.recommendations.add(recommendation)
    paper.measures.add(measure)
    Consultation.objects.create(
        paper=paper,
        committee=setup["committees"][0],
        role="decision",
        date=dt.date(2014, 7, 21),
        result="einstimmig beschlossen",
    )
    members = [
        GroupMember.objects.create(group=group, name=f"Mitglied {n}", email=f"m{n}@example.org")
        for n in range(1, 4)
    ]
    prioritization = prioritization_services.prioritization_create(
        group=group,
        title="Prioritätenliste 2014",
        method="dots",
        options=[recommendation, measure],
        points_per_member=5,
        by=coordinator,
    )
    options = [o.pk for o in prioritization_services.options_of(prioritization)]
    for n, member in enumerate(members):
        prioritization_services.ballot_submit(
            prioritization=prioritization,
            member=member,
            values={options[0]: 3, options[1]: n % 2 + 1},
        )
    prioritization_services.prioritization_close(prioritization=prioritization, by=coordinator)
    return {
        **setup,
        "process": process,
        "event": workshop,
        "full_event": fachtag,
        "idea": idea,
        "recommendation": recommendation,
        "paper": paper,
        "prioritization": prioritization,
    }


def _participation_paths(pages: dict) -> dict[str, str]:
    plan, process = pages["plan"], pages["process"]
    org = plan.organization.slug
    base = f"/{org}/plan/{plan.slug}/beteiligung/"
    process_base = f"{base}{process.slug}/"
    return {
        "process list": base,
        "process": process_base,
        "event registration": f"{process_base}veranstaltung/{pages['event'].pk}/anmeldung/",
        "event registration (full)": (
            f"{process_base}veranstaltung/{pages['full_event'].pk}/anmeldung/"
        ),
        "idea list": f"{process_base}ideen/",
        "idea detail": f"{process_base}ideen/{pages['idea'].pk}/",
        "idea submit": f"{process_base}ideen/neu/",
        "recommendations": f"{process_base}empfehlungen/",
        "recommendation": f"{process_base}empfehlungen/{pages['recommendation'].pk}/",
        "prioritisation result": f"{process_base}priorisierung/{pages['prioritization'].pk}/",
        "paper list": f"/{org}/gremien/drucksachen/",
        "paper": f"/{org}/gremien/drucksachen/{pages['paper'].pk}/",
        "measure": f"/{org}/plan/{plan.slug}/massnahme/{pages['recommendation'].measures.get().pk}/",
        "plan": f"/{org}/plan/{plan.slug}/",
        "personal data, unknown link": f"{base}meine-daten/gibt-es-nicht/",
    }


@pytest.mark.parametrize("language", COMPLETE_LANGUAGES)
def test_participation_and_council_pages_have_no_german_interface_left(
    client, participation_pages, language
):
    problems = {}
    for name, path in _participation_paths(participation_pages).items():
        response = client.get(f"/{language}{path}")
        expected = 404 if name.startswith("personal data") else 200
        assert response.status_code == expected, (name, path, response.status_code)
        html = response.content.decode()
        assert re.search(rf'<html lang="{language}" dir="(ltr|rtl)">', html), name
        left = german_left_over(html)
        if left:
            problems[name] = left
    assert not problems, problems


def test_participation_pages_check_what_they_should(client, participation_pages):
    """The German pages do carry the words the check looks for, so a page that silently lost
    its content (an empty list, an error page) cannot pass the check above."""
    for name, path in _participation_paths(participation_pages).items():
        if name.startswith("personal data"):
            continue
        html = client.get(path).content.decode()
        # Everything inside <html lang="de"> counts as German content; unmark the root so
        # that the interface text is looked at.
        html = html.replace('<html lang="de"', '<html lang="xx"', 1)
        assert german_left_over(html), name
