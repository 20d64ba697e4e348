"""Council services: unique references, versioned edits, links within the organisation only,
attachments within limits, and cache refresh of the pages that show a paper."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from teilhabe.core.errors import ConflictError, ServiceError
from teilhabe.council import services
from teilhabe.council.models import Consultation, Paper
from teilhabe.plans.models import Plan

pytestmark = pytest.mark.django_db


def test_reference_is_unique_per_organization(council_world):
    by = council_world["people"]["coordinator"]
    with pytest.raises(ServiceError) as error:
        services.paper_create(
            organization=council_world["organization"],
            reference=" 234/2014 ",
            title="Doppelt",
            by=by,
        )
    assert "„234/2014“ ist in dieser Organisation schon vergeben" in error.value.message
    # Another organisation may use the same number.
    other = council_world["other_plan"].organization
    services.paper_create(organization=other, reference="234/2014", title="Andere", by=by)
    assert Paper.objects.filter(reference="234/2014").count() == 2


def test_reference_change_to_a_taken_one_is_refused(council_world):
    paper = council_world["secret_paper"]
    with pytest.raises(ServiceError, match="schon vergeben"):
        services.paper_update(paper=paper, version=paper.version, reference="234/2014", by=None)


def test_versioned_edit_detects_a_concurrent_change(council_world):
    paper = council_world["paper"]
    first, second = council_world["people"]["admin"], council_world["people"]["coordinator"]
    stale = paper.version
    saved = services.paper_update(paper=paper, version=stale, title="Neuer Betreff", by=first)
    assert saved.version == stale + 1
    with pytest.raises(ConflictError) as conflict:
        services.paper_update(paper=paper, version=stale, title="Überschrieben?", by=second)
    assert conflict.value.current.title == "Neuer Betreff"
    paper.refresh_from_db()
    assert paper.title == "Neuer Betreff"
    assert paper.history.first().history_user == first


def test_links_only_within_the_organization(council_world):
    paper = council_world["paper"]
    foreign_measure = council_world["other_plan"].fields.first().measures.first()
    with pytest.raises(ServiceError, match="derselben Organisation"):
        services.paper_link(paper=paper, kind="measure", target_id=foreign_measure.pk, by=None)
    with pytest.raises(ServiceError):
        services.paper_link(paper=paper, kind="unbekannt", target_id=1, by=None)
    for kind, target in [
        ("plan", council_world["plan"]),
        ("report", council_world["report"]),
        ("recommendation", council_world["recommendation"]),
        ("measure", council_world["measure"]),
        ("milestone", council_world["milestone"]),
    ]:
        services.paper_link(paper=paper, kind=kind, target_id=target.pk, by=None)
    assert list(paper.plans.all()) == [council_world["plan"]]
    assert list(paper.reports.all()) == [council_world["report"]]
    assert list(paper.recommendations.all()) == [council_world["recommendation"]]
    assert list(paper.measures.all()) == [council_world["measure"]]
    assert list(paper.milestones.all()) == [council_world["milestone"]]
    services.paper_unlink(
        paper=paper, kind="measure", target_id=council_world["measure"].pk, by=None
    )
    assert not paper.measures.exists()


def test_link_history_says_what_was_linked(council_world):
    """The paper's change log names the link, not just "geändert", and the reason does not stick
    to the next edit."""
    paper, by = council_world["paper"], council_world["people"]["coordinator"]
    measure = council_world["measure"]
    services.paper_link(paper=paper, kind="measure", target_id=measure.pk, by=by)
    row = paper.history.first()
    assert row.history_change_reason == f"Maßnahme {measure.number} verknüpft"
    assert row.history_user == by
    services.paper_unlink(paper=paper, kind="measure", target_id=measure.pk, by=by)
    assert paper.history.first().history_change_reason == (
        f"Verknüpfung mit Maßnahme {measure.number} entfernt"
    )
    services.paper_link(paper=paper, kind="report", target_id=council_world["report"].pk, by=by)
    assert paper.history.first().history_change_reason.startswith("Bilanz ")
    paper.refresh_from_db()
    services.paper_update(paper=paper, version=paper.version, title="Neu", by=by)
    assert not paper.history.first().history_change_reason


def test_plan_revision_changes_when_a_linked_paper_changes(
    council_world, django_capture_on_commit_callbacks
):
    plan = council_world["plan"]
    services.paper_link(paper=council_world["paper"], kind="plan", target_id=plan.pk, by=None)
    before = Plan.objects.get(pk=plan.pk).revision
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.paper_update(
            paper=council_world["paper"],
            version=council_world["paper"].version,
            public=False,
            by=None,
        )
    assert Plan.objects.get(pk=plan.pk).revision > before
    assert callbacks, "the organisation's public cache generation is bumped after commit"


def test_consultation_meeting_must_belong_to_the_committee(council_world):
    kreistag, bsa = council_world["committees"]["kreistag"], council_world["committees"]["bsa"]
    meeting = services.meeting_create(
        committee=kreistag, starts_at=dt.datetime(2014, 12, 15, 14, tzinfo=dt.UTC), by=None
    )
    with pytest.raises(ServiceError, match="Sitzung von „Kreistag“"):
        services.consultation_create(
            paper=council_world["paper"], committee=bsa, meeting=meeting, by=None
        )
    consultation = services.consultation_create(
        paper=council_world["paper"], meeting=meeting, by=None
    )
    assert consultation.committee == kreistag
    assert consultation.date == dt.date(2014, 12, 15)
    assert consultation.position == 3
    with pytest.raises(ServiceError, match="Gremium"):
        services.consultation_create(paper=council_world["paper"], by=None)


def test_consultation_edit_and_delete(council_world):
    consultation = council_world["paper"].consultations.get(role="decision")
    services.consultation_update(consultation=consultation, result="vertagt", by=None)
    assert Consultation.objects.get(pk=consultation.pk).result == "vertagt"
    services.consultation_delete(consultation=consultation, by=None)
    assert council_world["paper"].consultations.count() == 1


def test_committee_in_a_beratungsfolge_cannot_be_deleted(council_world):
    with pytest.raises(ServiceError, match="nicht gelöscht"):
        services.committee_delete(committee=council_world["committees"]["kreistag"], by=None)
    empty = services.committee_create(
        organization=council_world["organization"], name="Jugendhilfeausschuss", by=None
    )
    services.committee_delete(committee=empty, by=None)
    with pytest.raises(ServiceError, match="schon"):
        services.committee_create(
            organization=council_world["organization"], name="kreistag", by=None
        )


def test_attachments_are_checked(council_world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.TEILHABE_UPLOAD_MAX_BYTES = 1024
    paper = council_world["paper"]
    with pytest.raises(ServiceError, match="Dateityp"):
        services.file_add(
            paper=paper, name="Virus", upload=SimpleUploadedFile("x.exe", b"MZ"), by=None
        )
    with pytest.raises(ServiceError, match="zu groß"):
        services.file_add(
            paper=paper, name="Groß", upload=SimpleUploadedFile("a.pdf", b"%" * 2048), by=None
        )
    with pytest.raises(ServiceError, match="nicht beides"):
        services.file_add(paper=paper, name="Nichts", by=None)
    stored = services.file_add(
        paper=paper, name="Anlage 2", upload=SimpleUploadedFile("a.PDF", b"%PDF-1.4"), by=None
    )
    assert stored.mime_type == "application/pdf" and stored.size == 8
    assert stored.file.name.startswith("council/papers/anlage-")
    linked = services.file_add(
        paper=paper, name="Broschüre", access_url="https://example.org/b.pdf", by=None
    )
    assert linked.position == stored.position + 1
    services.file_delete(attachment=stored, by=None)
    assert list(paper.files.all()) == [linked]


def test_delete_paper_keeps_linked_records(council_world):
    paper = council_world["paper"]
    services.paper_link(paper=paper, kind="measure", target_id=council_world["measure"].pk, by=None)
    services.paper_delete(paper=paper, by=None)
    assert not Paper.objects.filter(pk=paper.pk).exists()
    council_world["measure"].refresh_from_db()
