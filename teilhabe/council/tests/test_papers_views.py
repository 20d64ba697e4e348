"""Paper pages: the back office's flows (create, duplicate number, conflict, Beratungsfolge,
attachments, links) and what the portal shows of papers (public ones only, non-public
consultations without their result, links only to public things)."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from teilhabe.council import services
from teilhabe.council.models import Paper
from teilhabe.plans import services as plan_services

from .test_papers_fixtures import SECRET

pytestmark = pytest.mark.django_db


def login(client, council_world, role="coordinator"):
    client.force_login(council_world["people"][role])
    return client


# Back office ------------------------------------------------------------------------------------


def test_create_paper_and_duplicate_number_keeps_input(client, council_world):
    login(client, council_world)
    url = reverse("council:paper_create", kwargs={"org_slug": council_world["organization"].slug})
    data = {
        "reference": "234/2014",
        "title": "Mein langer Betreff",
        "paper_type": "decision",
        "proposal": "Antragstext bleibt erhalten",
        "public": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    text = response.content.decode()
    assert "„234/2014“ ist in dieser Organisation schon vergeben" in text
    assert "Antragstext bleibt erhalten" in text
    response = client.post(url, {**data, "reference": "235/2014"})
    paper = Paper.objects.get(organization=council_world["organization"], reference="235/2014")
    assert response.status_code == 302
    assert response["Location"] == reverse("council:paper_detail", kwargs={"pk": paper.pk})
    assert paper.history.first().history_user == council_world["people"]["coordinator"]


def test_edit_conflict_shows_saved_state_and_keeps_input(client, council_world):
    paper = council_world["paper"]
    stale = paper.version
    services.paper_update(paper=paper, version=stale, title="Von jemand anderem", by=None)
    login(client, council_world)
    response = client.post(
        reverse("council:paper_edit", kwargs={"pk": paper.pk}),
        {
            "reference": paper.reference,
            "title": "Meine Fassung",
            "paper_type": "decision",
            "version": stale,
        },
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Zwischenzeitlich geändert" in text and "Meine Fassung" in text
    paper.refresh_from_db()
    assert paper.title == "Von jemand anderem"


def test_paper_page_shows_everything_to_members(client, council_world):
    login(client, council_world, "reader")
    paper = council_world["paper"]
    services.paper_link(paper=paper, kind="measure", target_id=council_world["measure"].pk, by=None)
    response = client.get(reverse("council:paper_detail", kwargs={"pk": paper.pk}))
    text = response.content.decode()
    assert response.status_code == 200
    assert SECRET in text  # members see non-public results
    assert "Beschlussfassung" in text and "nichtöffentlich" in text
    assert council_world["measure"].title in text
    assert "Verknüpfen" not in text  # no management for readers
    assert (
        client.get(
            reverse("council:paper_detail", kwargs={"pk": council_world["secret_paper"].pk})
        ).status_code
        == 200
    )


def test_consultation_link_and_file_flow(client, council_world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    login(client, council_world)
    paper = council_world["paper"]
    detail = reverse("council:paper_detail", kwargs={"pk": paper.pk})
    response = client.post(
        reverse("council:consultation_create", kwargs={"pk": paper.pk}),
        {
            "committee": council_world["committees"]["kreistag"].pk,
            "date": "2015-01-20",
            "role": "notice",
            "public": "on",
            "result": "zur Kenntnis genommen",
        },
    )
    assert response.status_code == 302
    assert paper.consultations.filter(role="notice", date=dt.date(2015, 1, 20)).exists()

    response = client.post(
        reverse("council:link_add", kwargs={"pk": paper.pk}),
        {"target": f"milestone:{council_world['milestone'].pk}"},
    )
    assert response.status_code == 302 and paper.milestones.count() == 1
    client.post(
        reverse("council:link_remove", kwargs={"pk": paper.pk}),
        {"kind": "milestone", "target_id": council_world["milestone"].pk},
    )
    assert paper.milestones.count() == 0
    foreign = council_world["other_plan"]
    response = client.post(
        reverse("council:link_add", kwargs={"pk": paper.pk}), {"target": f"plan:{foreign.pk}"}
    )
    assert paper.plans.count() == 0  # not among the choices: refused

    response = client.post(
        reverse("council:file_add", kwargs={"pk": paper.pk}),
        {"name": "Anlage 1", "upload": SimpleUploadedFile("plan.exe", b"MZ")},
    )
    assert response.status_code == 400
    assert "Dieser Dateityp wird nicht unterstützt" in response.content.decode()
    response = client.post(
        reverse("council:file_add", kwargs={"pk": paper.pk}),
        {"name": "Anlage 1", "upload": SimpleUploadedFile("plan.pdf", b"%PDF-1.4 demo")},
    )
    assert response.status_code == 302
    attachment = paper.files.get()
    download = client.get(reverse("council:file_download", kwargs={"pk": attachment.pk}))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 demo"
    assert "Anlage 1" in client.get(detail).content.decode()


def test_paper_list_search_and_filters(client, council_world):
    login(client, council_world, "reader")
    url = reverse("council:paper_list", kwargs={"org_slug": council_world["organization"].slug})
    text = client.get(url).content.decode()
    assert "234/2014" in text and "999/2014" in text
    text = client.get(url, {"q": "999"}).content.decode()
    assert "999/2014" in text and "234/2014" not in text
    bsa = council_world["committees"]["bsa"]
    text = client.get(url, {"committee": bsa.pk}).content.decode()
    assert "234/2014" in text and "999/2014" not in text
    text = client.get(url, {"year": "2013"}).content.decode()
    assert "Keine Drucksachen gefunden" in text


def test_measure_page_shows_the_decision_behind_it(client, council_world):
    # Through the measure's recommendation, not linked directly.
    services.paper_link(
        paper=council_world["paper"],
        kind="recommendation",
        target_id=council_world["recommendation"].pk,
        by=None,
    )
    login(client, council_world, "reader")
    text = client.get(
        reverse("plans:measure_detail", kwargs={"pk": council_world["measure"].pk})
    ).content.decode()
    assert "Drucksache 234/2014" in text
    assert "Beschlussfassung im Kreistag am 15.12.2014: beschlossen" in text
    assert "über Empfehlung 1" in text


# Portal -----------------------------------------------------------------------------------------


def portal(council_world, name, **kwargs):
    return reverse(
        f"portal:{name}", kwargs={"org_slug": council_world["organization"].slug, **kwargs}
    )


def test_portal_shows_public_papers_only(client, council_world):
    text = client.get(portal(council_world, "paper_list")).content.decode()
    assert "234/2014" in text and "999/2014" not in text and "GEHEIME-VORLAGE" not in text
    assert (
        client.get(
            portal(council_world, "paper_detail", paper_id=council_world["secret_paper"].pk)
        ).status_code
        == 404
    )
    # A paper of another organisation is not found under this one.
    other = services.paper_create(
        organization=council_world["other_plan"].organization,
        reference="1/2020",
        title="x",
        by=None,
    )
    assert client.get(portal(council_world, "paper_detail", paper_id=other.pk)).status_code == 404


def test_portal_paper_hides_non_public_consultation_results(client, council_world):
    response = client.get(portal(council_world, "paper_detail", paper_id=council_world["paper"].pk))
    text = response.content.decode()
    assert response.status_code == 200
    assert SECRET not in text
    assert "nichtöffentliche Beratung" in text
    assert "beschlossen" in text and "Beschlussfassung" in text
    assert 'lang="de" dir="ltr">Ergebnisse des Beteiligungsprozesses' in text


def test_portal_paper_keeps_german_text_left_to_right_in_arabic(client, council_world):
    """Papers exist in German only: on an Arabic page their text must not take the page's
    right-to-left direction (full stops and quotes would jump to the wrong end)."""
    from django.utils import translation

    with translation.override("ar"):
        url = portal(council_world, "paper_detail", paper_id=council_world["paper"].pk)
    assert url.startswith("/ar/")
    text = client.get(url).content.decode()
    assert 'dir="rtl"' in text
    assert 'lang="de" dir="ltr">Ergebnisse des Beteiligungsprozesses' in text


def test_portal_paper_links_only_public_things(client, council_world):
    paper, plan = council_world["paper"], council_world["plan"]
    draft_report = plan_services.report_create(
        plan=plan, as_of=dt.date(2019, 1, 1), title="ENTWURFSBILANZ", by=None
    )
    hidden = council_world["recommendation"].process
    hidden.public = False
    hidden.save()
    for kind, target in [
        ("plan", plan),
        ("report", council_world["report"]),
        ("report", draft_report),
        ("recommendation", council_world["recommendation"]),
        ("measure", council_world["measure"]),
        ("milestone", council_world["milestone"]),
    ]:
        services.paper_link(paper=paper, kind=kind, target_id=target.pk, by=None)
    text = client.get(portal(council_world, "paper_detail", paper_id=paper.pk)).content.decode()
    assert "ENTWURFSBILANZ" not in text
    assert "Dolmetscher" not in text
    assert council_world["report"].title in text
    assert council_world["measure"].title in text and "Stand" in text
    assert "Meilenstein erfüllt" in text
    assert (
        reverse("portal:plan", kwargs={"org_slug": plan.organization.slug, "plan_slug": plan.slug})
        in text
    )


def test_portal_measure_and_plan_pages_show_public_papers(client, council_world):
    paper, plan = council_world["paper"], council_world["plan"]
    services.paper_link(paper=paper, kind="measure", target_id=council_world["measure"].pk, by=None)
    services.paper_link(paper=paper, kind="plan", target_id=plan.pk, by=None)
    services.paper_link(
        paper=council_world["secret_paper"],
        kind="measure",
        target_id=council_world["measure"].pk,
        by=None,
    )
    services.paper_link(
        paper=council_world["secret_paper"], kind="plan", target_id=plan.pk, by=None
    )
    org_slug = plan.organization.slug
    text = client.get(
        reverse(
            "portal:measure",
            kwargs={
                "org_slug": org_slug,
                "plan_slug": plan.slug,
                "pk": council_world["measure"].pk,
            },
        )
    ).content.decode()
    assert "Drucksache 234/2014" in text and "999/2014" not in text
    text = client.get(
        reverse("portal:plan", kwargs={"org_slug": org_slug, "plan_slug": plan.slug})
    ).content.decode()
    assert "Drucksache 234/2014" in text and "999/2014" not in text


def test_portal_attachment_download(client, council_world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    attachment = services.file_add(
        paper=council_world["paper"],
        name="Anlage",
        upload=SimpleUploadedFile("a.pdf", b"%PDF"),
        by=None,
    )
    secret = services.file_add(
        paper=council_world["secret_paper"],
        name="Geheim",
        upload=SimpleUploadedFile("b.pdf", b"%PDF"),
        by=None,
    )
    url = portal(council_world, "paper_file", paper_id=council_world["paper"].pk)
    assert client.get(url, {"datei": attachment.pk}).status_code == 200
    assert client.get(url, {"datei": secret.pk}).status_code == 404
    assert client.get(url).status_code == 404
    secret_url = portal(council_world, "paper_file", paper_id=council_world["secret_paper"].pk)
    assert client.get(secret_url, {"datei": secret.pk}).status_code == 404


def test_portal_cache_refreshes_when_a_paper_changes(
    client, council_world, real_cache, django_capture_on_commit_callbacks
):
    url = portal(council_world, "paper_detail", paper_id=council_world["paper"].pk)
    assert "Ergebnisse des Beteiligungsprozesses" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.paper_update(
            paper=council_world["paper"],
            version=council_world["paper"].version,
            title="Neuer Betreff",
            by=None,
        )
    assert "Neuer Betreff" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.paper_update(
            paper=council_world["paper"],
            version=council_world["paper"].version + 1,
            public=False,
            by=None,
        )
    assert client.get(url).status_code == 404


def test_portal_paper_shows_its_oparl_relations_but_no_secret_paper(
    client, council_world, django_assert_max_num_queries
):
    """Related, super- and subordinated papers link when they are here and public; the bodies
    behind the paper are named; a non-public related paper is not even mentioned."""
    paper, secret = council_world["paper"], council_world["secret_paper"]
    sibling = services.paper_create(
        organization=paper.organization, reference="235/2014", title="Nachtrag", by=None
    )
    Paper.objects.filter(pk=sibling.pk).update(oparl_id="https://ris.example/paper/235")
    Paper.objects.filter(pk=secret.pk).update(oparl_id="https://ris.example/paper/999")
    Paper.objects.filter(pk=paper.pk).update(
        related_oparl_ids=["https://ris.example/paper/235", "https://ris.example/paper/999"],
        subordinated_oparl_ids=["https://ris.example/paper/235"],
        originator_oparl_ids=["https://ris.example/org/fraktion"],
    )
    source = paper.organization.oparl_sources.create(
        system_url="https://ris.example/oparl",
        body_names={"https://ris.example/org/fraktion": "Fraktion Beispiel"},
    )
    url = portal(council_world, "paper_detail", paper_id=paper.pk)
    with django_assert_max_num_queries(16):
        text = client.get(url).content.decode()
    assert "Eingebracht von" in text and "Fraktion Beispiel" in text
    assert text.count("235/2014 Nachtrag") == 2  # related and subordinated
    assert "999/2014" not in text and "GEHEIME-VORLAGE" not in text
    source.delete()
