"""The OParl client's guard against internal addresses, its reading of vendor answers, and the
organisation kinds in vendor wordings."""

import json

import pytest

from teilhabe.council.models import CommitteeKind, OParlSource, SyncStatus
from teilhabe.council.oparl import mapping
from teilhabe.council.oparl.client import AddressRefused, OParlClient, is_public_address
from teilhabe.council.oparl.sync import sync_source

from .oparl_server import OParlTestServer


def quick():
    return OParlClient(timeout=0.5, retries=0, backoff=0, sleep=lambda seconds: None)


@pytest.fixture
def guarded(settings):
    settings.OPARL_ALLOW_PRIVATE_ADDRESSES = False


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:{open}/oparl/system",
        "http://127.0.0.1:9/oparl/system",
        "http://localhost:{open}/oparl/system",
        "http://[::1]:9/",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.1.2.3:8080/",
        "http://192.168.0.10/",
        "http://172.16.0.1:5432/",
        "http://0.0.0.0:{open}/",
        "http://[::ffff:127.0.0.1]:{open}/",
    ],
)
def test_internal_addresses_are_refused_with_one_message_open_port_or_not(guarded, url):
    with OParlTestServer(papers=1) as server:
        port = server.base.split(":")[2].split("/")[0]
        client = quick()
        with pytest.raises(AddressRefused) as refused:
            client.get(url.format(open=port))
        # nothing was asked of the server, and the words do not depend on the port
        assert server.requests == []
    host = url.split("//")[1].rsplit(":", 1)[0] if "]" not in url else url.split("[")[1]
    assert "ist nicht erlaubt" in refused.value.message
    assert "nicht erreichbar" not in refused.value.message
    assert "HTTP" not in refused.value.message
    assert host.split("/")[0].strip("[]").split("]")[0] in refused.value.message


def test_the_refusal_reads_the_same_for_an_open_and_a_closed_port(guarded):
    with OParlTestServer(papers=1) as server:
        port = server.base.split(":")[2].split("/")[0]
        messages = set()
        for candidate in (port, "9"):
            with pytest.raises(AddressRefused) as refused:
                quick().get(f"http://127.0.0.1:{candidate}/oparl/system")
            messages.add(refused.value.message)
    assert len(messages) == 1


@pytest.mark.django_db
def test_a_sync_of_an_internal_address_fails_with_the_german_refusal(guarded, plan_setup):
    with OParlTestServer(papers=3) as server:
        source = OParlSource.objects.create(
            organization=plan_setup["organization"], system_url=server.system_url
        )
        run = sync_source(source, client=quick())
        assert server.requests == []
    assert run.status == SyncStatus.FAILED
    assert "127.0.0.1 ist nicht erlaubt" in run.error


def test_the_setting_allows_internal_addresses(settings):
    settings.OPARL_ALLOW_PRIVATE_ADDRESSES = True
    with OParlTestServer(papers=1) as server:
        assert quick().get(server.system_url).data["type"].endswith("/System")


def test_public_addresses():
    assert is_public_address("93.184.216.34")
    assert is_public_address("2a00:1450:4001:80b::200e")
    for address in ("127.0.0.1", "10.0.0.1", "169.254.1.1", "::1", "fe80::1", "224.0.0.1", "x"):
        assert not is_public_address(address), address


# -- vendor answers -------------------------------------------------------------------------


def test_control_characters_in_strings_are_read(monkeypatch):
    client = quick()
    body = b'{"data": [{"name": "Bericht\x0b2023\x01"}], "links": {}}'

    class Answer:
        headers = {}

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def read(self, size):
            return body

    from teilhabe.council.oparl import client as client_module

    monkeypatch.setattr(client_module, "check_host", lambda url: None)
    monkeypatch.setattr(client_module._opener, "open", lambda request, timeout: Answer())
    page = client.page("https://ris.example.org/papers")
    assert page.data[0]["name"] == "Bericht\x0b2023\x01"
    assert mapping._text("Paper", page.data[0], "name") == "Bericht 2023"
    assert json.dumps(page.data)  # plain data


# -- organisation kinds in vendor wordings --------------------------------------------------

COUNCIL, COMMITTEE, OTHER = CommitteeKind.COUNCIL, CommitteeKind.COMMITTEE, CommitteeKind.OTHER


@pytest.mark.parametrize(
    ("organization_type", "classification", "name", "kind"),
    [
        ("Hauptorgan", "Stadtrat", "Stadtrat", COUNCIL),
        ("Gremium", "Gremium", "Gemeinderat", COUNCIL),
        ("Gremium", "", "Marktgemeinderat", COUNCIL),
        ("Kreistag", "", "Kreistag", COUNCIL),
        ("Gremium", "Parlament", "Kreistag", COUNCIL),
        ("Gremium", "Rat", "Rat der Stadt", COUNCIL),
        ("Gremium", "", "Stadtverordnetenversammlung", COUNCIL),
        ("Ausschuss", "", "Ausschuss für Soziales", COMMITTEE),
        ("Hilfsorgan", "Ausschuss", "Hauptausschuss", COMMITTEE),
        ("Gremium", "Ausschuss", "Verwaltungsausschuss", COMMITTEE),
        ("Gremium", "Ausschuss des Gemeinderates", "Bauausschuss", COMMITTEE),
        ("Beirat", "", "Integrationsbeirat", COMMITTEE),
        ("Gremium", "", "Jugendgemeinderat", OTHER),
        ("Gremium", "", "Ortschaftsrat Nord", OTHER),
        ("Sonstiges", "", "Ältestenrat", OTHER),
        ("Fraktion", "Fraktion", "CDU-Fraktion", None),
        ("Gremium", "Fraktion", "Fraktion Grüne", None),
        ("Partei", "", "Ortsverband", None),
        ("Verwaltung", "", "Dezernat III", None),
        ("Verwaltungsbereich", "Amt", "Hauptamt", None),
        ("", "", "Fraktion der Freien Wähler", None),
    ],
)
def test_committee_kinds_in_vendor_wordings(organization_type, classification, name, kind):
    assert mapping.committee_kind(organization_type, classification, name) == kind


def test_duplicate_embedded_ids_are_merged_and_stubs_without_type_accepted():
    paper = mapping.parse_paper(
        {
            "id": "https://ris.example.org/paper/1",
            "type": "https://schema.oparl.org/1.0/Paper",
            "reference": "1/2024",
            "web": "vo020.asp?id=1",
            "consultation": [
                {
                    "id": "https://ris.example.org/consultation/1",
                    "type": "https://schema.oparl.org/1.0/Consultation",
                    "meeting": "https://ris.example.org/meeting/1",
                },
                {
                    "id": "https://ris.example.org/consultation/1",
                    "type": "https://schema.oparl.org/1.0/Consultation",
                    "agendaItem": "https://ris.example.org/agendaitem/1",
                },
                {"id": "https://ris.example.org/consultation/2", "deleted": True},
                {"id": "https://ris.example.org/consultation/3", "organization": 5},
            ],
        }
    )
    assert paper.web_url == ""
    first, stub = paper.consultations
    assert first.meeting and first.agenda_item == "https://ris.example.org/agendaitem/1"
    assert stub.deleted
    assert len(paper.problems) == 1 and "consultation/3" in paper.problems[0]
    assert mapping.parse_paper({"id": "https://ris.example.org/paper/2", "deleted": True}).deleted
