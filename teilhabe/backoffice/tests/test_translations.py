"""Translating a plan's texts: who may, what is written (only the language's column), conflicts,
right-to-left fields, and pages whose query count does not grow with the plan."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from teilhabe.core.errors import ConflictError, ServiceError
from teilhabe.organizations.models import Role
from teilhabe.organizations.services import membership_set
from teilhabe.plans import services, translations
from teilhabe.plans.models import Measure, Plan, ProgressEntry, PublishedDocument
from teilhabe.plans.services import translations as translation_services
from teilhabe.testing import make_plan, make_user
from teilhabe.testing.roles import ROLES

pytestmark = pytest.mark.django_db


# plans.manage: admins and coordinators; other members may see the plan (403), others not (404).
EXPECTED = {
    "anonymous": 302,
    "admin": 200,
    "coordinator": 200,
    "editor_own": 403,
    "editor_other": 403,
    "reader": 403,
    "stranger": 404,
    "superuser": 200,
}


def login(client, world, role):
    return world.login(client, role)


def edit_url(plan, language="en", group="massnahmen", query=""):
    url = reverse("plans:translation_edit", args=[plan.slug, language, group])
    return f"{url}?{query}" if query else url


def form_data(response) -> dict:
    """What the browser would send back for the rendered form, unchanged."""
    form = response.context["form"]
    return {name: form[name].value() or "" for name in form.fields}


def text_key(obj, field="title"):
    return f"t-{obj.pk}-{field}"


# Who may ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_get_matrix(client, world, role):
    plan = world.plan
    client = login(client, world, role)
    urls = [
        reverse("plans:translation_overview", args=[plan.slug]),
        reverse("plans:translation_language", args=[plan.slug, "ar"]),
        *(edit_url(plan, "tr", group.key) for group in translations.GROUPS),
    ]
    failures = []
    for url in urls:
        response = client.get(url)
        if response.status_code != EXPECTED[role]:
            failures.append(f"{url}: {response.status_code} statt {EXPECTED[role]}")
        if EXPECTED[role] == 302:
            assert "/anmelden/" in response["Location"]
    assert not failures, failures


@pytest.mark.parametrize("role", ROLES)
def test_post_matrix(client, world, role):
    plan, measure = world.plan, world.measure
    client = login(client, world, role)
    data = {text_key(measure): "Translated title", f"s-{measure.pk}-title": ""}

    response = client.post(edit_url(plan), data)

    allowed = EXPECTED[role] == 200
    assert response.status_code == (302 if allowed else EXPECTED[role])
    measure.refresh_from_db()
    assert (measure.title_en == "Translated title") == allowed


@pytest.mark.parametrize("role", ROLES)
def test_read_only_pages_refuse_post(client, world, role):
    plan = world.plan
    client = login(client, world, role)
    for url in (
        reverse("plans:translation_overview", args=[plan.slug]),
        reverse("plans:translation_language", args=[plan.slug, "en"]),
    ):
        # Access is decided before the method: who may not see the page learns nothing more.
        refused = {
            "anonymous": 302,
            "editor_own": 403,
            "editor_other": 403,
            "reader": 403,
            "stranger": 404,
        }
        assert client.post(url).status_code == refused.get(role, 405)


def test_unknown_language_and_group_are_not_found(client, world):
    client.force_login(world.people["coordinator"])
    plan = world.plan
    assert client.get(edit_url(plan, "de")).status_code == 404
    assert client.get(edit_url(plan, "fr")).status_code == 404
    assert client.get(edit_url(plan, "en", "unbekannt")).status_code == 404
    assert (
        client.get(reverse("plans:translation_language", args=[plan.slug, "de"])).status_code == 404
    )


def test_dashboard_links_translations_for_managers_only(client, world):
    plan = world.plan
    link = reverse("plans:translation_overview", args=[plan.slug])
    dashboard = reverse("plans:plan_dashboard", args=[plan.slug])
    client.force_login(world.people["coordinator"])
    assert link in client.get(dashboard).content.decode()
    client.force_login(world.people["reader"])
    assert link not in client.get(dashboard).content.decode()


# What is written --------------------------------------------------------------------------------


def test_overview_counts_texts_per_language(client, world):
    plan, measure = world.plan, world.measure
    total = translations.progress_total(translations.translation_progress(plan)["en"]).total
    translation_services.content_translate(
        obj=measure, language="en", values={"title": "A measure"}, by=None
    )
    client.force_login(world.people["admin"])

    page = client.get(reverse("plans:translation_overview", args=[plan.slug]))
    content = page.content.decode()

    rows = {language.code: progress for language, progress in page.context["languages"]}
    assert rows["en"] == translations.Progress(1, total)
    assert rows["ar"] == translations.Progress(0, total)
    assert list(rows) == ["de-x-ls", "en", "tr", "ar", "uk"]
    assert ">Englisch</a>" in content
    assert f"1 von {total} Texten" in content
    assert f"0 von {total} Texten" in content


def test_total_counts_every_german_text_of_the_plan(world):
    plan = world.plan
    # Plan title; 2 fields × (title, motto); 6 measures' titles; the report's title; 6 entries'
    # descriptions (the builder writes one for every measure).
    progress = translations.translation_progress(plan)["uk"]
    assert progress["plan"] == translations.Progress(0, 1)
    assert progress["handlungsfelder"] == translations.Progress(0, 4)
    assert progress["massnahmen"] == translations.Progress(0, 6)
    assert progress["bilanzen"] == translations.Progress(0, 1)
    assert progress["umsetzungsstaende"] == translations.Progress(0, 6)


def test_saving_writes_only_that_language(client, world):
    plan, measure = world.plan, world.measure
    translation_services.content_translate(
        obj=measure, language="tr", values={"title": "Türkçe başlık"}, by=None
    )
    measure.refresh_from_db()
    before = {
        "title_de": measure.title_de,
        "title": Measure.objects.filter(pk=measure.pk).values_list("title", flat=True).get(),
        "description_de": measure.description_de,
        "version": measure.version,
        "revision": Plan.objects.get(pk=plan.pk).revision,
    }
    coordinator = world.people["coordinator"]
    client.force_login(coordinator)
    data = form_data(client.get(edit_url(plan)))
    data[text_key(measure)] = "  English title\r\n"

    response = client.post(edit_url(plan), data)

    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.title_en == "English title"
    assert measure.title_de == before["title_de"]
    assert (
        Measure.objects.filter(pk=measure.pk).values_list("title", flat=True).get()
        == before["title"]
    )
    assert measure.title_tr == "Türkçe başlık"
    assert measure.title_ar is None and measure.title_de_x_ls is None
    # German forms lock on the version: translating must not make them conflict.
    assert measure.version == before["version"]
    assert Plan.objects.get(pk=plan.pk).revision > before["revision"]
    latest = measure.history.order_by("-history_date", "-history_id").first()
    assert latest.history_user == coordinator
    assert latest.title_en == "English title"
    assert latest.title == before["title_de"]
    # Only the one typed text changed: the other measures on the page were sent back unchanged.
    assert Measure.objects.filter(field__plan=plan).exclude(title_en=None).count() == 1


def test_public_pages_in_the_language_show_the_new_translation(
    client, world, real_cache, django_capture_on_commit_callbacks
):
    from django.test import Client

    plan, measure = world.plan, world.measure
    with translation.override("en"):
        public = reverse(
            "portal:measure",
            kwargs={"org_slug": plan.organization.slug, "plan_slug": plan.slug, "pk": measure.pk},
        )
    reader = Client()
    assert public.startswith("/en/")
    assert measure.title_de in reader.get(public).content.decode()
    client.force_login(world.people["coordinator"])
    data = form_data(client.get(edit_url(plan)))
    data[text_key(measure)] = "Office for integration"

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(edit_url(plan), data).status_code == 302

    assert "Office for integration" in reader.get(public).content.decode()


def test_german_editing_after_a_translation_keeps_it(world):
    measure = world.measure
    translation_services.content_translate(
        obj=measure, language="en", values={"title": "Old"}, by=None
    )
    measure.refresh_from_db()
    services.measure_update(measure=measure, version=measure.version, title="Neu", by=None)
    measure.refresh_from_db()
    assert measure.title_de == "Neu"
    assert measure.title_en == "Old"


def test_a_published_reports_texts_can_be_translated_and_the_published_files_stay(client, world):
    from teilhabe.plans.services.publication import bilanz_publish

    report = bilanz_publish(report=world.report, by=None)
    stored = {d.format: bytes(d.content) for d in PublishedDocument.objects.filter(report=report)}
    assert stored
    entry = ProgressEntry.objects.filter(report=report).order_by("pk").first()
    german = entry.description_de
    client.force_login(world.people["coordinator"])
    plan = world.plan

    page = client.get(edit_url(plan, "en", "umsetzungsstaende"))
    data = form_data(page)
    data[text_key(entry, "description")] = "What was done"
    assert client.post(edit_url(plan, "en", "umsetzungsstaende"), data).status_code == 302
    data = form_data(client.get(edit_url(plan, "en", "bilanzen")))
    data[text_key(report)] = "Report 2017"
    assert client.post(edit_url(plan, "en", "bilanzen"), data).status_code == 302

    entry.refresh_from_db()
    report.refresh_from_db()
    assert entry.description_en == "What was done"
    assert entry.description_de == german
    assert report.title_en == "Report 2017"
    assert report.title_de == "Bilanz 2017"
    assert report.status == "published"
    after = {d.format: bytes(d.content) for d in PublishedDocument.objects.filter(report=report)}
    assert after == stored


def test_the_page_shows_german_next_to_the_translation(client, world):
    measure = world.measure
    client.force_login(world.people["coordinator"])
    content = client.get(edit_url(world.plan)).content.decode()
    assert measure.title_de in content
    assert f'id="de-{measure.pk}-title"' in content
    assert 'aria-describedby="de-' in content
    assert "Titel auf Englisch" in content


@pytest.mark.parametrize(
    ("language", "direction", "label"),
    [
        ("ar", "rtl", "Titel auf Arabisch"),
        ("en", "ltr", "Titel auf Englisch"),
        ("de-x-ls", "ltr", "Titel in Leichter Sprache"),
    ],
)
def test_fields_carry_language_and_direction(client, world, language, direction, label):
    measure = world.measure
    client.force_login(world.people["coordinator"])
    response = client.get(edit_url(world.plan, language))
    field = response.context["form"][text_key(measure)]
    html = str(field)
    assert f'lang="{language}"' in html
    assert f'dir="{direction}"' in html
    assert field.label == label
    assert label in response.content.decode()


def test_only_missing_shows_untranslated_objects(client, world):
    plan = world.plan
    measures = list(Measure.objects.filter(field__plan=plan).order_by("pk"))
    for measure in measures[:-1]:
        translation_services.content_translate(
            obj=measure, language="en", values={"title": "T"}, by=None
        )
    client.force_login(world.people["coordinator"])
    response = client.get(edit_url(plan, query="fehlend=1"))
    shown = [item.obj.pk for item in response.context["items"]]
    assert shown == [measures[-1].pk]


def test_too_long_translation_is_a_form_error(client, world):
    plan, measure = world.plan, world.measure
    client.force_login(world.people["coordinator"])
    data = form_data(client.get(edit_url(plan)))
    data[text_key(measure)] = "x" * 501
    response = client.post(edit_url(plan), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    measure.refresh_from_db()
    assert measure.title_en is None


# Conflicts ------------------------------------------------------------------------------------------


def test_conflict_keeps_the_input_and_shows_what_is_saved(client, world):
    plan, measure = world.plan, world.measure
    client.force_login(world.people["coordinator"])
    data = form_data(client.get(edit_url(plan)))
    # Somebody else saves a translation of the same text meanwhile.
    translation_services.content_translate(
        obj=measure, language="en", values={"title": "Their title"}, by=world.people["admin"]
    )
    data[text_key(measure)] = "My title"

    response = client.post(edit_url(plan), data)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Einige Übersetzungen wurden inzwischen von einer anderen Person geändert" in content
    assert "Their title" in content
    assert response.context["form"][text_key(measure)].value() == "My title"
    measure.refresh_from_db()
    assert measure.title_en == "Their title"

    # Having seen it, the person saves again on purpose: now their text replaces it.
    again = form_data(response)
    assert again[text_key(measure)] == "My title"
    assert client.post(edit_url(plan), again).status_code == 302
    measure.refresh_from_db()
    assert measure.title_en == "My title"


def test_a_conflict_saves_nothing_of_the_page(client, world):
    plan = world.plan
    first, second = Measure.objects.filter(field__plan=plan).order_by("pk")[:2]
    client.force_login(world.people["coordinator"])
    data = form_data(client.get(edit_url(plan)))
    translation_services.content_translate(
        obj=first, language="en", values={"title": "Theirs"}, by=None
    )
    data[text_key(first)] = "Mine"
    data[text_key(second)] = "Also mine"

    assert client.post(edit_url(plan), data).status_code == 200

    second.refresh_from_db()
    assert second.title_en is None


def test_an_untouched_field_does_not_overwrite_a_newer_translation(client, world):
    plan = world.plan
    first, second = Measure.objects.filter(field__plan=plan).order_by("pk")[:2]
    client.force_login(world.people["coordinator"])
    data = form_data(client.get(edit_url(plan)))
    translation_services.content_translate(
        obj=first, language="en", values={"title": "Theirs"}, by=None
    )
    data[text_key(second)] = "Mine"

    assert client.post(edit_url(plan), data).status_code == 302

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.title_en == "Theirs"
    assert second.title_en == "Mine"


def test_same_text_typed_by_both_is_no_conflict(world):
    measure = world.measure
    seen = translations.fingerprint("")
    translation_services.content_translate(
        obj=measure, language="en", values={"title": "Same"}, by=None
    )
    changed = translation_services.content_translate(
        obj=measure, language="en", values={"title": "Same"}, by=None, seen={"title": seen}
    )
    assert changed == 0


def test_service_conflict_names_the_texts(world):
    measure = world.measure
    seen = translations.fingerprint("")
    translation_services.content_translate(
        obj=measure, language="en", values={"title": "A"}, by=None
    )
    with pytest.raises(ConflictError) as raised:
        translation_services.content_translate(
            obj=measure, language="en", values={"title": "B"}, by=None, seen={"title": seen}
        )
    [conflict] = raised.value.current
    assert (conflict.pk, conflict.field, conflict.current) == (measure.pk, "title", "A")


# Refusals --------------------------------------------------------------------------------------


def test_service_refuses_german_unknown_languages_and_fields(world):
    measure = world.measure
    with pytest.raises(ServiceError, match="Ausgangssprache"):
        translation_services.content_translate(
            obj=measure, language="de", values={"title": "X"}, by=None
        )
    with pytest.raises(ServiceError, match="keine Sprache"):
        translation_services.content_translate(
            obj=measure, language="fr", values={"title": "X"}, by=None
        )
    with pytest.raises(ServiceError, match="kein übersetzbarer Text"):
        translation_services.content_translate(
            obj=measure, language="en", values={"partners": "X"}, by=None
        )
    measure.refresh_from_db()
    assert measure.title_de != "X"


def test_service_refuses_objects_of_another_plan(world):
    other = Measure.objects.exclude(field__plan=world.plan).first()
    with pytest.raises(ServiceError, match="gibt es in diesem Plan nicht"):
        translation_services.contents_translate(
            plan=world.plan,
            language="en",
            changes=[translation_services.TranslationChange(Measure, other.pk, "title", "X")],
            by=None,
        )
    other.refresh_from_db()
    assert other.title_en is None


def test_posting_another_plans_object_changes_nothing(client, world):
    other = Measure.objects.exclude(field__plan=world.plan).first()
    client.force_login(world.people["coordinator"])
    response = client.post(edit_url(world.plan), {text_key(other): "X"})
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.title_en is None


# Scale ------------------------------------------------------------------------------------------


def page_urls(plan, report):
    return {
        "overview": reverse("plans:translation_overview", args=[plan.slug]),
        "language": reverse("plans:translation_language", args=[plan.slug, "ar"]),
        **{group.key: edit_url(plan, "ar", group.key) for group in translations.GROUPS},
        "measures, missing only": edit_url(plan, "ar", "massnahmen", "fehlend=1"),
        "entries, page 2": edit_url(plan, "ar", "umsetzungsstaende", "seite=2"),
    }


def count_queries(client, urls):
    counts = {}
    for name, url in urls.items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        counts[name] = len(queries)
    return counts


def test_query_count_does_not_grow_with_the_plan(client):
    small_plan, small_report, _ = make_plan(fields=2, measures_per_field=30)
    big_plan, big_report, _ = make_plan(fields=8, measures_per_field=25, units=6)
    services.report_publish(report=big_report, by=None)
    services.report_create(
        plan=big_plan, as_of=big_report.as_of.replace(year=2019), title="B", by=None
    )
    person = make_user(small_plan.organization, Role.COORDINATOR)
    membership_set(user=person, organization=big_plan.organization, role=Role.COORDINATOR)
    client.force_login(person)

    small = count_queries(client, page_urls(small_plan, small_report))
    big = count_queries(client, page_urls(big_plan, big_report))

    assert small == big
