"""The public pages: what they show, that drafts stay hidden, languages, bad addresses."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from teilhabe.organizations.models import Role
from teilhabe.portal.models import Feedback, PortalProfile
from teilhabe.testing import make_plan, make_user

from .conftest import DRAFT_MARKERS

pytestmark = pytest.mark.django_db


def page_urls(plan, report, language="de"):
    org, slug = plan.organization.slug, plan.slug
    field = plan.fields.order_by("number").first()
    measure = field.measures.order_by("position").first()
    with translation.override(language):
        return {
            "home": reverse("portal:home"),
            "organization": reverse("portal:organization", args=[org]),
            "plan": reverse("portal:plan", args=[org, slug]),
            "field": reverse("portal:field", args=[org, slug, field.number]),
            "measure": reverse("portal:measure", args=[org, slug, measure.pk]),
            "report": reverse("portal:report", args=[org, slug, report.pk]),
            "milestones": reverse("portal:milestones", args=[org, slug]),
            "accessibility": reverse("portal:accessibility", args=[org]),
            "imprint": reverse("portal:imprint", args=[org]),
            "privacy": reverse("portal:privacy", args=[org]),
            "easy_language": reverse("portal:easy_language", args=[org]),
            "site_accessibility": reverse("portal:site_accessibility"),
            "site_imprint": reverse("portal:site_imprint"),
            "site_privacy": reverse("portal:site_privacy"),
            "site_easy_language": reverse("portal:site_easy_language"),
        }


@pytest.mark.parametrize("language", ["de", "en", "tr", "ar", "uk", "de-x-ls"])
def test_every_page_type_answers_in_every_language(client, public_setup, language):
    urls = page_urls(public_setup["plan"], public_setup["report"], language)
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, (name, url)
        html = response.content.decode()
        assert f'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}">' in html
        assert html.count("<h1") == 1, name
        for marker in DRAFT_MARKERS:
            assert marker not in html, (name, marker)


def test_urls_carry_the_language_prefix(public_setup):
    urls = page_urls(public_setup["plan"], public_setup["report"], "ar")
    assert urls["home"] == "/ar/"
    assert urls["plan"].startswith("/ar/")
    assert page_urls(public_setup["plan"], public_setup["report"])["home"] == "/"


def test_language_switcher_and_hreflang(client, public_setup):
    url = page_urls(public_setup["plan"], public_setup["report"])["field"]
    html = client.get(url).content.decode()
    for code in ("de", "en", "tr", "ar", "uk", "de-x-ls"):
        assert f'hreflang="{code}"' in html
    assert 'hreflang="x-default"' in html
    assert f'href="/ar{url}" hreflang="ar" lang="ar" dir="rtl"' in html
    assert 'aria-current="true">Deutsch<' in html


def test_plan_page_shows_published_progress_not_the_draft(client, public_setup):
    plan = public_setup["plan"]
    html = client.get(reverse("portal:plan", args=[plan.organization.slug, plan.slug])).content
    html = html.decode()
    assert "Bilanz 2017" in html
    assert "Zwischenbericht an den Kreistag" in html
    # All entries of the draft are "done"; the published Bilanz has a mix, so not 100 %.
    assert "100,0 %" not in html and "100.0 %" not in html


def test_measure_page_shows_the_published_timeline_only(client, public_setup):
    plan, report = public_setup["plan"], public_setup["report"]
    entry = report.entries.filter(status="in_progress").select_related("measure").first()
    url = reverse("portal:measure", args=[plan.organization.slug, plan.slug, entry.measure_id])
    html = client.get(url).content.decode()
    assert "in Umsetzung" in html
    assert f"Beschreibung zu {entry.measure_id}" in html
    assert DRAFT_MARKERS[2] not in html


@pytest.mark.parametrize(
    "kind",
    [
        "draft_plan_org",
        "draft_plan",
        "draft_report",
        "unknown_org",
        "unknown_field",
        "unknown_measure",
        "foreign_measure",
        "draft_plan_measure",
    ],
)
def test_unknown_or_unpublished_is_404_in_the_readers_language(client, public_setup, kind):
    plan, draft_plan = public_setup["plan"], public_setup["draft_plan"]
    org, slug = plan.organization.slug, plan.slug
    other_plan, _, _ = make_plan()
    with translation.override("ar"):
        url = {
            "draft_plan_org": reverse("portal:organization", args=[draft_plan.organization.slug]),
            "draft_plan": reverse(
                "portal:plan", args=[draft_plan.organization.slug, draft_plan.slug]
            ),
            "draft_report": reverse(
                "portal:report", args=[org, slug, public_setup["draft_report"].pk]
            ),
            "unknown_org": "/ar/gibt-es-nicht/",
            "unknown_field": reverse("portal:field", args=[org, slug, 99]),
            "unknown_measure": reverse("portal:measure", args=[org, slug, 999999]),
            "foreign_measure": reverse(
                "portal:measure", args=[org, slug, other_plan.fields.first().measures.first().pk]
            ),
            "draft_plan_measure": reverse(
                "portal:measure",
                args=[
                    draft_plan.organization.slug,
                    draft_plan.slug,
                    draft_plan.fields.first().measures.first().pk,
                ],
            ),
        }[kind]
    response = client.get(url)
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert 'href="/ar/"' in html  # the way back stays in the reader's language
    for marker in DRAFT_MARKERS:
        assert marker not in html


def test_draft_report_download_is_404(client, public_setup):
    plan = public_setup["plan"]
    url = reverse(
        "portal:report_download",
        args=[plan.organization.slug, plan.slug, public_setup["draft_report"].pk, "pdf"],
    )
    assert client.get(url).status_code == 404


def test_published_report_download_is_the_stored_document(client, public_setup):
    from teilhabe.plans.services.publication import published_document

    plan, report = public_setup["plan"], public_setup["report"]
    url = reverse(
        "portal:report_download", args=[plan.organization.slug, plan.slug, report.pk, "pdf"]
    )
    response = client.get(url)
    assert response.status_code == 200
    assert response.content == published_document(report, "pdf")


def test_untranslated_content_falls_back_to_german_with_a_note(client, public_setup):
    plan = public_setup["plan"]
    field = plan.fields.order_by("number").first()
    field.title_ar = "السكن"
    field.save()
    measure = field.measures.order_by("position").first()
    url = reverse("portal:field", args=[plan.organization.slug, plan.slug, field.number])
    html = client.get("/ar" + url).content.decode()
    assert "السكن" in html
    # The measure has no Arabic title: German, marked as German for screen readers.
    assert f'lang="de" dir="ltr">{measure.title}</a>' in html
    with translation.override("de"):
        measure_url = reverse(
            "portal:measure", args=[plan.organization.slug, plan.slug, measure.pk]
        )
    html = client.get("/ar" + measure_url).content.decode()
    assert "fallback-note" in html
    html = client.get(measure_url).content.decode()
    assert "fallback-note" not in html


def query_count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", ["plan", "field", "measure", "report", "milestones"])
def test_query_count_does_not_grow_with_the_plan(client, name):
    from teilhabe.plans.services.publication import bilanz_publish

    counts = []
    for fields, measures in ((1, 2), (4, 12)):
        plan, report, _ = make_plan(fields=fields, measures_per_field=measures)
        bilanz_publish(report=report, by=None)
        urls = page_urls(plan, report)
        client.get(urls[name])  # warm up per-process caches (content types, translations)
        counts.append(query_count(client, urls[name]))
    assert counts[0] == counts[1], counts


def test_feedback_is_stored_and_mailed_to_the_coordinators(
    client, public_setup, django_capture_on_commit_callbacks
):
    organization = public_setup["organization"]
    PortalProfile.objects.create(organization=organization, feedback_email="barrieren@example.org")
    url = reverse("portal:accessibility", args=[organization.slug])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en" + url,
            {"message": "Die Tabelle ist mit dem Screenreader schwer lesbar.", "page_url": "/x/"},
        )
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert feedback.organization == organization and feedback.language == "en"
    # One mail to each recipient (core.mail.deliver): no one sees the others' addresses.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [public_setup["coordinator"].email, "barrieren@example.org"]
    )
    assert all("Screenreader" in m.body for m in mail.outbox)


def test_empty_feedback_gets_a_message_and_keeps_the_input(client, public_setup):
    url = reverse("portal:accessibility", args=[public_setup["organization"].slug])
    response = client.post(url, {"message": "  ", "name": "Aylin"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Aylin"' in html
    assert "Pflichtfeld" in html or "erforderlich" in html or "ausfüllen" in html
    assert not Feedback.objects.exists()
    assert not mail.outbox


def test_readers_see_no_back_office_data(client, public_setup):
    """Nothing internal leaks: office email addresses and people are not on public pages."""
    plan = public_setup["plan"]
    unit_email = plan.organization.units.first().email
    make_user(plan.organization, Role.EDITOR, unit=plan.organization.units.first())
    for url in page_urls(plan, public_setup["report"]).values():
        html = client.get(url).content.decode()
        assert unit_email not in html
        assert public_setup["coordinator"].email not in html
