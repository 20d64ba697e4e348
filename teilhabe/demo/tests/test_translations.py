"""The demo's translations and portal details (teilhabe.demo.portal, teilhabe.demo.translations)."""

import pytest
from django.conf import settings
from modeltranslation.utils import build_localized_fieldname

from teilhabe.demo import load as demo
from teilhabe.demo.portal import DEMO_NOTE, load_portal_demo
from teilhabe.demo.translations import KINDS, apply_translations, load_translations
from teilhabe.plans.models import Plan, ProgressEntry, ProgressReport, PublishedDocument
from teilhabe.plans.translations import translated_fields
from teilhabe.portal.models import PortalProfile

BOEBLINGEN = "landkreis-boeblingen"
PUBLISHED = f"{BOEBLINGEN}/2017-02-20"
FIELD_TITLES_DE = [
    "Aufbrechen und Ankommen",
    "Wohnen",
    "Sprache",
    "Bildung und Arbeit",
    "Gesundheit",
    "Gesellschaft",
    "Religion",
    "Leben und Freizeit",
]
LS = "de-x-ls"


def col(field: str, language: str) -> str:
    return build_localized_fieldname(field, language)


def texts_in_file(data: dict) -> int:
    return sum(
        len(texts)
        for kind, entries in data.items()
        if not kind.startswith("_")
        for languages in entries.values()
        for texts in languages.values()
    )


def untranslated_state() -> dict:
    """Every column of every translatable object except the translations (and the plans'
    cache revision, which translating bumps on purpose)."""
    state = {}
    foreign = {
        col(name, code)
        for kind in KINDS.values()
        for name in translated_fields(kind.model)
        for code, _ in settings.LANGUAGES
        if code != settings.LANGUAGE_CODE
    }
    for name, kind in KINDS.items():
        columns = [
            f.attname
            for f in kind.model._meta.concrete_fields
            if f.attname not in foreign and f.attname != "revision"
        ]
        rows = kind.model.objects.rewrite(False).order_by("pk").values_list(*columns)
        state[name] = list(rows)
    return state


def published_documents() -> dict:
    return {
        (doc.report_id, doc.format): (bytes(doc.content), doc.created_at)
        for doc in PublishedDocument.objects.all()
    }


@pytest.fixture
def demo_in_german(demo_loaded_without_portal):
    """The demo as `teilhabe demo` loads it, but without translations and portal details."""


@pytest.mark.django_db
def test_make_run_shows_the_plan_and_the_published_bilanz_in_arabic():
    demo.load_demo()
    data = load_translations()
    plan = Plan.objects.get(slug=BOEBLINGEN)
    assert plan.title_ar == data["plan"][BOEBLINGEN]["ar"]["title"]
    assert plan.title_de == "Integrationsplan des Landkreises Böblingen"

    fields = list(plan.fields.order_by("number"))
    assert [f.title_de for f in fields] == FIELD_TITLES_DE
    assert [f.title_ar for f in fields] == [
        data["field"][f"{BOEBLINGEN}/{n}"]["ar"]["title"] for n in range(1, 9)
    ]
    assert all(f.motto_ar and f.introduction_ar for f in fields)

    report = ProgressReport.objects.get(plan=plan, status="published")
    assert report.title_de == "Bilanz 2017"
    assert report.title_ar and report.introduction_ar and report.outlook_ar
    entries = ProgressEntry.objects.filter(report=report, measure__field__number__in=[1, 2])
    assert entries.count() == 8
    assert all(entry.description_ar and entry.description_en for entry in entries)

    le = Plan.objects.get(slug="leinfelden-echterdingen")
    assert le.status == "draft"
    assert le.title_ar  # translated for when it is adopted, but not public now
    assert not Plan.objects.public().filter(pk=le.pk).exists()
    assert not le.reports.exists()

    profiles = {
        p.organization.slug: p for p in PortalProfile.objects.select_related("organization")
    }
    assert set(profiles) == {BOEBLINGEN, "leinfelden-echterdingen"}


@pytest.mark.django_db
def test_translating_changes_neither_german_texts_nor_published_documents(
    demo_in_german, django_assert_max_num_queries
):
    german, documents = untranslated_state(), published_documents()
    assert {fmt for _, fmt in documents} == {"pdf", "docx", "html"}
    revision = Plan.objects.get(slug=BOEBLINGEN).revision

    # A few queries per plan, language and kind of object (the translation service locks,
    # updates in bulk, writes history, touches the plan), none per object: 7 × ~18 here.
    with django_assert_max_num_queries(140):
        result = load_portal_demo()

    assert result.unmatched == []
    assert result.without_german == []
    assert sum(result.written.values()) == texts_in_file(load_translations())
    assert set(result.written) == {"en", "ar", "tr", "uk", LS}
    assert untranslated_state() == german
    assert published_documents() == documents
    assert Plan.objects.get(slug=BOEBLINGEN).revision > revision  # cached pages are renewed
    report = ProgressReport.objects.get(plan__slug=BOEBLINGEN, status="published")
    assert report.title == "Bilanz 2017"  # the German reading is still German
    assert report.history.filter(history_change_reason__startswith="Übersetzung").exists()

    again = apply_translations()
    assert sum(again.written.values()) == 0
    assert untranslated_state() == german


@pytest.mark.django_db
def test_the_file_covers_what_the_portal_promises(demo_in_german):
    apply_translations()
    plan = Plan.objects.get(slug=BOEBLINGEN)
    for language in ("en", "ar", "tr", "uk", LS):
        assert getattr(plan, col("title", language)), language
        assert getattr(plan, col("introduction", language)), language
    for field in plan.fields.all():
        for language in ("en", "ar"):
            for name in ("title", "motto", "introduction"):
                assert getattr(field, col(name, language)), (field.number, language, name)
        for language in ("tr", "uk"):
            assert getattr(field, col("title", language)) and getattr(field, col("motto", language))
        assert getattr(field, col("title", LS)), field.number
    measures = plan.fields.values_list("measures__title_en", "measures__title_ar")
    assert len(measures) == 34
    assert all(en and ar for en, ar in measures)
    report = ProgressReport.objects.get(plan=plan, status="published")
    for language in ("en", "ar"):
        for name in ("title", "introduction", "outlook"):
            assert getattr(report, col(name, language)), (language, name)
    assert report.title_tr and report.title_uk and getattr(report, col("title", LS))
    assert not report.entries.filter(description_ar="").exists()
    assert not report.examples.filter(text_ar="").exists()
    draft = ProgressReport.objects.get(plan=plan, status="draft")
    assert not draft.title_ar  # "Bilanz <this year>" changes every year: not in the file


@pytest.mark.django_db
def test_portal_details_are_marked_as_demo_and_name_the_known_barriers(demo_in_german):
    load_portal_demo()
    profiles = {
        p.organization.slug: p for p in PortalProfile.objects.select_related("organization")
    }
    boeblingen = profiles[BOEBLINGEN]
    for profile in profiles.values():
        for text in (profile.imprint, profile.privacy, profile.accessibility_known_issues):
            assert DEMO_NOTE in text
        assert profile.feedback_email.endswith(".example")
        assert profile.easy_language_text.startswith("Das sind Beispiel-Angaben für die Demo.")
        assert profile.accessibility_conformance == "partial"
        assert profile.accessibility_reviewed_on is not None
    assert boeblingen.feedback_email.endswith("@lrabb.example")
    assert profiles["leinfelden-echterdingen"].feedback_email.endswith("@le.example")
    issues = boeblingen.accessibility_known_issues
    assert "PDF" in issues and "Diagramme" in issues and "Handys" in issues
    assert boeblingen.data_attribution == "Landratsamt Böblingen"


@pytest.mark.django_db
def test_a_key_that_matches_nothing_is_reported():
    from teilhabe.testing import make_plan

    plan, _report, _units = make_plan()
    measure = plan.fields.get(number=1).measures.order_by("position").first()
    result = apply_translations(
        {
            "measure": {
                f"{plan.slug}/{measure.number}": {"en": {"title": "A measure"}},
                f"{plan.slug}/9.9": {"en": {"title": "Nothing"}},
            },
            "plan": {"no-such-plan": {"ar": {"title": "لا شيء"}}},
        }
    )
    assert result.unmatched == [f"measure {plan.slug}/9.9", "plan no-such-plan"]
    measure.refresh_from_db()
    assert measure.title_en == "A measure"


@pytest.mark.django_db
def test_a_translation_of_an_empty_german_text_is_skipped_and_reported():
    from teilhabe.testing import make_plan

    plan, _report, _units = make_plan()
    Plan.objects.filter(pk=plan.pk).update(introduction_de="", introduction="")
    result = apply_translations({"plan": {plan.slug: {"en": {"introduction": "Text"}}}})
    assert result.without_german == [f"plan {plan.slug} en/introduction"]
    assert Plan.objects.get(pk=plan.pk).introduction_en in ("", None)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"goal": {}}, "unbekannte Art"),
        ({"plan": {"{slug}": {"fr": {"title": "Plan"}}}}, "unbekannte Sprache"),
        ({"plan": {"{slug}": {"de": {"title": "Plan"}}}}, "unbekannte Sprache"),
        ({"plan": {"{slug}": {"en": {"slug": "plan"}}}}, "nicht übersetzbar"),
        ({"plan": {"{slug}": {"en": {"title": ""}}}}, "kein Text"),
        ({"plan": {"{slug}": {"en": {"title": "x" * 301}}}}, "länger als 300"),
    ],
)
def test_mistakes_in_the_file_are_refused(data, message):
    from teilhabe.testing import make_plan

    plan, _report, _units = make_plan()
    for entries in data.values():
        for key in list(entries):
            entries[key.replace("{slug}", plan.slug)] = entries.pop(key)
    with pytest.raises(ValueError, match=message):
        apply_translations(data)


def test_duplicate_keys_in_the_file_are_refused(tmp_path):
    path = tmp_path / "translations.json"
    path.write_text('{"plan": {"a": {}, "a": {}}}', encoding="utf-8")
    with pytest.raises(ValueError, match="doppelte Schlüssel a"):
        load_translations(path)
