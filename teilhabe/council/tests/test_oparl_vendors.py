"""The sync against fixtures modelled on real vendor systems (tests/fixtures/oparl/README.md):
for each vendor a full and an incremental sync complete, and each vendor quirk is read as
meant."""

from datetime import date

import pytest
from django.db import IntegrityError

from teilhabe.council.models import (
    AgendaItem,
    Committee,
    CommitteeKind,
    Consultation,
    Meeting,
    MeetingFile,
    OParlSource,
    Paper,
    PaperFile,
    PaperType,
    SyncStatus,
)
from teilhabe.council.oparl import sync as sync_module
from teilhabe.council.oparl.client import OParlClient
from teilhabe.council.oparl.sync import sync_source
from teilhabe.council.selectors import paper_relations

from .oparl_server import FixtureServer

pytestmark = pytest.mark.django_db


def client():
    return OParlClient(timeout=2, retries=0, backoff=0, sleep=lambda seconds: None)


def run_sync(source, **kwargs):
    run = sync_source(source, client=client(), **kwargs)
    source.refresh_from_db()
    return run


@pytest.fixture
def vendor(request, plan_setup):
    with FixtureServer(request.param) as server:
        source = OParlSource.objects.create(
            organization=plan_setup["organization"], system_url=server.system_url
        )
        yield server, source


@pytest.mark.parametrize("vendor", ["sessionnet", "sdnet", "allris"], indirect=True)
def test_full_and_incremental_sync_complete_for_each_vendor(vendor):
    server, source = vendor
    first = run_sync(source)
    assert first.status == SyncStatus.DONE, first.error
    org = source.organization
    assert Paper.objects.filter(organization=org).count() == first.counts["papers"]["created"]
    assert (
        Committee.objects.filter(organization=org).count()
        == (first.counts["committees"]["created"])
    )
    assert Meeting.objects.filter(committee__organization=org).count() > 0

    second = run_sync(source)
    assert second.status == SyncStatus.DONE, second.error
    assert second.modified_since is not None
    assert any("modified_since=" in path for path in server.requests)

    server.stage("later")
    third = run_sync(source)
    assert third.status == SyncStatus.DONE, third.error
    full = run_sync(source, full=True)
    assert full.status == SyncStatus.DONE, full.error


# -- Somacos SessionNet ---------------------------------------------------------------------


@pytest.mark.parametrize("vendor", ["sessionnet"], indirect=True)
def test_sessionnet_duplicates_councils_documents_results_and_vanished_objects(vendor):
    server, source = vendor
    org = source.organization
    run = run_sync(source)
    assert run.status == SyncStatus.DONE, run.error

    committees = Committee.objects.filter(organization=org)
    # the Fraktion and the Hauptamt are no Gremien; the Gemeinderat is the council
    assert committees.count() == 3
    council = committees.get(name="Gemeinderat")
    assert council.kind == CommitteeKind.COUNCIL
    assert council.start_date == date(2019, 7, 1)
    dissolved = committees.get(name="Technischer Ausschuss")
    assert dissolved.kind == CommitteeKind.COMMITTEE and dissolved.end_date == date(2023, 12, 31)

    meeting = Meeting.objects.get(oparl_id__endswith="meetings.asp?id=101")
    assert meeting.ends_at is not None and meeting.ends_at > meeting.starts_at
    assert Meeting.objects.get(oparl_id__endswith="meetings.asp?id=103").cancelled
    documents = {f.role: f for f in MeetingFile.objects.filter(meeting=meeting)}
    assert set(documents) == {"invitation", "results_protocol", "auxiliary"}
    assert documents["invitation"].file_name == "Einladung_GR_2024-03-12.pdf"
    assert documents["invitation"].download_url.endswith("download=1")
    agenda = AgendaItem.objects.get(oparl_id__endswith="agendaitems.asp?id=1001")
    assert agenda.resolution_text.startswith("Der Gemeinderat beschließt")

    # the consultation embedded twice is one, with what both copies said
    paper = Paper.objects.get(organization=org, reference="GR 12/2024")
    assert paper.paper_type == PaperType.DECISION
    assert paper.paper_type_text == "Beschlussvorlage"
    decision = paper.consultations.get(oparl_id__endswith="consultations.asp?id=3002")
    assert decision.agenda_item == agenda and decision.result == "ungeändert beschlossen"
    assert paper.consultations.count() == 2
    # the main file listed again among the auxiliary files is one file
    files = list(PaperFile.objects.filter(paper=paper).order_by("position"))
    assert [f.file_name for f in files] == [
        "Vorlage_GR_12_2024.pdf",
        "Anlage1_Integrationskonzept.pdf",
    ]
    assert files[0].date == date(2024, 2, 1) and files[0].download_url
    notice = Paper.objects.get(organization=org, reference="GR 13/2024")
    assert notice.paper_type_text == "Mitteilungsvorlage öffentlich"

    # relatedPaper, super-/subordinatedPaper, originatorOrganization, underDirectionOf: the
    # papers that are here, the bodies by name (the Fraktion and the office are no Gremien);
    # a link that is no address is left out and reported, the paper is kept
    relations = paper_relations(paper, public=True)
    assert relations.related == [notice] and relations.subordinated == [notice]
    assert relations.originators == ["Fraktion Bürgerliste Musterbach"]
    assert relations.under_direction_of == ["Hauptamt"]
    assert paper_relations(notice, public=True).superordinated == [paper]
    assert any("relatedPaper" in failed["reason"] for failed in run.counts["failed"])
    # the decision as a file; a broken resolutionFile costs its link, not the agenda item
    assert agenda.resolution_file_name == "Beschluss TOP 3"
    assert agenda.resolution_file_url.endswith("download=1")
    assert (
        AgendaItem.objects.get(oparl_id__endswith="agendaitems.asp?id=1002").resolution_file_url
        == ""
    )
    # the files' text is searchable, without its control characters
    assert files[0].text.startswith("Vorlage zum Integrationskonzept: Sprachcafé und Lotsen")
    assert list(Paper.objects.filter(organization=org).matching("lotsenprogramm")) == [paper]
    assert notice.consultations.get().result == "vertagt"

    # upstream only the agenda item's result changes (the meeting is modified, the paper not)
    linked = Paper.objects.get(organization=org, reference="GR 15/2024")
    linked.measures.add(org.plans.first().fields.first().measures.first())
    server.stage("later")
    incremental = run_sync(source)
    assert incremental.status == SyncStatus.DONE, incremental.error
    assert notice.consultations.get().result == "beschlossen"

    # the second page of papers is empty now, without deletion markers: --full removes them
    full = run_sync(source, full=True)
    assert full.status == SyncStatus.DONE, full.error
    assert not Paper.objects.filter(organization=org, reference="GR 14/2024").exists()
    linked.refresh_from_db()
    assert linked.upstream_deleted and not linked.public
    assert full.counts["papers"]["deleted"] == 1 and full.counts["papers"]["kept"] == 1
    assert Paper.objects.filter(organization=org, reference="GR 12/2024").exists()


# -- STERNBERG SD.NET -----------------------------------------------------------------------


@pytest.mark.parametrize("vendor", ["sdnet"], indirect=True)
def test_sdnet_stubs_without_type_empty_filtered_lists_and_a_broken_consultation(vendor):
    server, source = vendor
    org = source.organization
    run = run_sync(source)
    assert run.status == SyncStatus.DONE, run.error
    assert set(Paper.objects.filter(organization=org).values_list("reference", flat=True)) == {
        "KT/2024/017",
        "KT/2024/021",
        "KT/2024/023",
    }
    assert Committee.objects.get(organization=org, name="Kreistag").kind == CommitteeKind.COUNCIL
    assert Committee.objects.filter(organization=org).count() == 2
    # the consultation with a number for its organisation is left out, the paper is there
    paper = Paper.objects.get(organization=org, reference="KT/2024/021")
    assert paper.consultations.count() == 1
    assert any(paper.oparl_id in entry["id"] for entry in run.counts["failed"])
    assert any("consultations/3" in note for note in run.counts["notes"])

    # nothing changed: SD.NET answers 404 (and [] for meetings); the run completes
    incremental = run_sync(source)
    assert incremental.status == SyncStatus.DONE, incremental.error
    assert incremental.counts["papers"]["created"] == 0
    # the paper with the broken consultation was asked for again by its id
    assert any(path.endswith("/papers/1003") for path in server.requests)

    server.stage("later")
    later = run_sync(source)
    assert later.status == SyncStatus.DONE, later.error
    assert not Paper.objects.filter(organization=org, reference="KT/2024/017").exists()
    assert Paper.objects.get(reference="KT/2024/023").title == (
        "Anfrage zur Versorgung mit Sprachkursen"
    )


# -- CC e-gov ALLRIS ------------------------------------------------------------------------


@pytest.mark.parametrize("vendor", ["allris"], indirect=True)
def test_allris_control_characters_broken_web_links_hauptorgan_and_a_retried_paper(vendor):
    server, source = vendor
    org = source.organization
    run = run_sync(source)
    assert run.status == SyncStatus.DONE, run.error

    council = Committee.objects.get(organization=org, name="Stadtrat")
    assert council.kind == CommitteeKind.COUNCIL
    assert council.web_url == ""  # relative: dropped
    assert Committee.objects.get(name="Integrationsbeirat").kind == CommitteeKind.COMMITTEE
    assert Committee.objects.filter(organization=org).count() == 3
    assert Meeting.objects.filter(committee=council).count() == 1
    assert Meeting.objects.get(oparl_id__endswith="/meeting/302").web_url == ""
    assert MeetingFile.objects.get().role == "verbatim_protocol"

    report = Paper.objects.get(organization=org, reference="VO/2024/0042")
    assert report.title == "Integrationsbericht 2023 der Stadt Beispielstadt"
    assert report.paper_type == PaperType.REPORT
    assert report.web_url == ""
    assert [c.result for c in report.consultations.order_by("position")] == [
        "empfohlen",
        "zur Kenntnis genommen",
    ]
    motion = Paper.objects.get(organization=org, reference="AN/2024/0007")
    assert motion.title == "Antrag: Mehrsprachige Bürgerinformation im Rathaus"

    # the paper with an impossible date is skipped alone, reported with its id
    assert not Paper.objects.filter(reference="VO/2024/0051").exists()
    assert run.counts["papers"]["skipped"] == 1
    broken = server.url("/allris/oparl/paper/6002")
    assert [entry["id"] for entry in run.counts["failed"]] == [broken]
    note = next(n for n in run.counts["notes"] if broken in n)
    assert "Die Drucksache" in note and "kein gültiges Datum" in note and "Übersprungen" in note

    # fixed upstream without a new `modified`: the next run asks for it by id
    server.stage("later")
    again = run_sync(source)
    assert again.status == SyncStatus.DONE, again.error
    assert Paper.objects.get(reference="VO/2024/0051").date == date(2024, 2, 29)
    assert again.counts["failed"] == []


# -- the database refuses one object ------------------------------------------------------


@pytest.mark.parametrize("vendor", ["sessionnet"], indirect=True)
def test_an_object_the_database_refuses_is_skipped_alone_and_counts_match(vendor, monkeypatch):
    _server, source = vendor
    original = sync_module._apply_paper

    def refuse(paper, item, by_reference, counts):
        if item.reference == "GR 13/2024":
            raise IntegrityError("duplicate key value violates unique constraint")
        original(paper, item, by_reference, counts)

    monkeypatch.setattr(sync_module, "_apply_paper", refuse)
    run = run_sync(source)
    assert run.status == SyncStatus.DONE, run.error
    org = source.organization
    assert Paper.objects.filter(organization=org).count() == 3
    assert run.counts["papers"]["created"] == 3
    assert run.counts["papers"]["skipped"] == 1
    note = next(n for n in run.counts["notes"] if "papers.asp?id=2002" in n)
    assert "konnte nicht gespeichert werden" in note and "duplicate" not in note
    assert Consultation.objects.filter(paper__organization=org).count() == 2
