"""The public inventory: only published offers and networks of the organisation, nothing
personal, in every portal language; open data and HSDS; the provider's personal link."""

import csv
import io
import json

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from teilhabe.offers.models import Offer, PendingChange
from teilhabe.offers.opendata import HSDS_VERSION

from .worlds import MEMBER_PERSON, PROVIDER_CONTACT

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _german_afterwards():
    """A request in another language leaves it active in the thread; later tests expect German."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


SECRETS = (
    PROVIDER_CONTACT,
    MEMBER_PERSON,
    "Geheimer Entwurf",
    "kontakt@frauentreff",
    "Angebot anderswo",
)


def _public_pages(w):
    slug = w["organization"].slug
    return [
        reverse("portal:offers_directory", args=[slug]),
        reverse("portal:offers_offer", args=[slug, w["offer"].pk]),
        reverse("portal:offers_networks", args=[slug]),
        reverse("portal:offers_network", args=[slug, w["network"].pk]),
        reverse("portal:offers_data", args=[slug, "csv"]),
        reverse("portal:offers_data", args=[slug, "json"]),
        reverse("portal:offers_hsds", args=[slug]),
        reverse("portal:measure", args=[slug, w["plan"].slug, w["measure"].pk]),
    ]


@pytest.mark.parametrize("language", ["de", "en", "ar"])
def test_public_pages_show_no_draft_and_no_personal_data(client, offers_world, language):
    for page in _public_pages(offers_world):
        url = page if language == "de" else f"/{language}{page}"
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        for secret in SECRETS:
            assert secret not in text, (url, secret)


def test_the_measure_page_shows_the_published_offer(client, offers_world):
    w = offers_world
    url = reverse("portal:measure", args=[w["organization"].slug, w["plan"].slug, w["measure"].pk])
    html = client.get(url).content.decode()
    assert "Sprachcafé für Frauen" in html and "Runder Tisch Integration" in html


def test_drafts_and_other_organisations_offers_do_not_exist_here(client, offers_world):
    w = offers_world
    slug = w["organization"].slug
    for offer in (w["draft"], w["stranger_offer"]):
        assert client.get(reverse("portal:offers_offer", args=[slug, offer.pk])).status_code == 404
    assert client.get(reverse("portal:offers_directory", args=["gibt-es-nicht"])).status_code == 404


def test_the_directory_filters_and_searches(client, offers_world):
    slug = offers_world["organization"].slug
    url = reverse("portal:offers_directory", args=[slug])
    assert "Sprachcafé" in client.get(url, {"sprache": "ar"}).content.decode()
    assert "Sprachcafé" not in client.get(url, {"sprache": "uk"}).content.decode()
    assert "Sprachcafé" in client.get(url, {"q": "frauentreff"}).content.decode()
    # Every word counts, in any order; a word the offer lacks excludes it.
    assert "Sprachcafé" in client.get(url, {"q": "Frauen  Sprachcafé"}).content.decode()
    assert "für Frauen" not in client.get(url, {"q": "Sprachcafé Senioren"}).content.decode()
    assert "Sprachcafé" not in client.get(url, {"zielgruppe": "seniors"}).content.decode()
    # Unknown filter values are ignored, not errors.
    assert client.get(url, {"sprache": "xx", "feld": "abc", "kommune": "9" * 20}).status_code == 200


def test_open_data_and_hsds(client, offers_world):
    slug = offers_world["organization"].slug
    table = client.get(reverse("portal:offers_data", args=[slug, "csv"])).content.decode(
        "utf-8-sig"
    )
    rows = list(csv.DictReader(io.StringIO(table), delimiter=";"))
    assert [row["titel"] for row in rows] == ["Sprachcafé für Frauen"]
    assert rows[0]["sprachen"] == "ar, de, tr"
    xlsx = client.get(reverse("portal:offers_data", args=[slug, "xlsx"]))
    assert xlsx.content[:2] == b"PK"
    hsds = json.loads(client.get(reverse("portal:offers_hsds", args=[slug])).content)
    assert hsds["hsds_version"] == HSDS_VERSION
    (service,) = hsds["services"]
    assert service["name"] == "Sprachcafé für Frauen" and service["status"] == "active"
    assert {lang["code"] for lang in service["languages"]} == {"de", "ar", "tr"}
    assert service["organization_id"] == hsds["organizations"][0]["id"]
    (location,) = hsds["locations"]
    assert service["service_at_locations"][0]["location_id"] == location["id"]
    assert location["addresses"][0]["postal_code"] == "70771"
    assert PROVIDER_CONTACT not in json.dumps(hsds)


def test_the_personal_link_opens_only_with_the_right_token(client, offers_world):
    slug = offers_world["organization"].slug
    url = reverse("portal:offers_provider_link", args=[slug, offers_world["token"]])
    assert "Sprachcafé für Frauen" in client.get(url).content.decode()
    wrong = reverse("portal:offers_provider_link", args=[slug, "x" + offers_world["token"]])
    assert client.get(wrong).status_code == 404
    other_org = reverse(
        "portal:offers_provider_link",
        args=[offers_world["stranger_offer"].organization.slug, offers_world["token"]],
    )
    assert client.get(other_org).status_code == 404
    # Another provider's offer cannot be opened with this link.
    assert client.get(url, {"angebot": offers_world["draft"].pk}).status_code == 404


def test_a_provider_update_by_link_waits_for_the_review(client, offers_world):
    w = offers_world
    slug = w["organization"].slug
    url = reverse("portal:offers_provider_link", args=[slug, w["token"]])
    response = client.post(
        url,
        {
            "angebot": w["offer"].pk,
            "title": "Sprachcafé für Frauen und Mädchen",
            "schedule": "dienstags 9–11 Uhr",
            "free_of_charge": "on",
            "target_groups": ["women"],
            "languages": ["de", "ar"],
            "note": "Neu auch für Mädchen",
        },
    )
    assert response.status_code == 302
    change = PendingChange.objects.pending().get(offer=w["offer"])
    assert change.proposed["title"] == "Sprachcafé für Frauen und Mädchen"
    assert Offer.objects.get(pk=w["offer"].pk).title == "Sprachcafé für Frauen"
    directory = client.get(reverse("portal:offers_directory", args=[slug])).content.decode()
    assert "Mädchen" not in directory
    # The coordinator sees the diff and accepts; then it is public.
    client.force_login(w["people"]["coordinator"])
    page = client.get(reverse("offers:change_detail", args=[change.pk])).content.decode()
    assert "Sprachcafé für Frauen und Mädchen" in page and "(geändert)" in page
    client.post(reverse("offers:change_accept", args=[change.pk]))
    client.logout()
    assert (
        "Sprachcafé für Frauen und Mädchen"
        in client.get(reverse("portal:offers_directory", args=[slug])).content.decode()
    )


def test_readers_see_the_inventory_but_not_the_people_behind_it(client, offers_world):
    w = offers_world
    client.force_login(w["people"]["reader"])
    for url in (
        reverse("offers:provider_detail", args=[w["provider"].pk]),
        reverse("offers:network_detail", args=[w["network"].pk]),
    ):
        text = client.get(url).content.decode()
        assert PROVIDER_CONTACT not in text and MEMBER_PERSON not in text, url
    client.force_login(w["people"]["coordinator"])
    assert (
        PROVIDER_CONTACT
        in client.get(reverse("offers:provider_detail", args=[w["provider"].pk])).content.decode()
    )
    assert (
        MEMBER_PERSON
        in client.get(reverse("offers:network_detail", args=[w["network"].pk])).content.decode()
    )


def test_the_back_office_measure_page_shows_linked_offers_and_networks(client, offers_world):
    w = offers_world
    client.force_login(w["people"]["reader"])
    html = client.get(reverse("plans:measure_detail", args=[w["measure"].pk])).content.decode()
    assert "Angebote und Netzwerke (IST-Stand)" in html
    assert reverse("offers:offer_detail", args=[w["offer"].pk]) in html
    assert reverse("offers:network_detail", args=[w["network"].pk]) in html


def test_an_offer_links_to_practices_and_funded_projects(client, offers_world):
    """Issue 14: offers link to good practice and funded projects — published ones only."""
    from teilhabe.offers.models import Offer
    from teilhabe.practices import services as practices

    w = offers_world
    offer = Offer.objects.get(pk=w["offer"].pk)
    texts = {"approach": "A", "cooperation": "B", "added_value": "C", "success_factors": "D"}
    shown = practices.practice_create(
        organization=w["organization"], by=None, title="Sprachpaten", area="language", **texts
    )
    practices.practice_publish(practice=shown, publish=True, by=None)
    hidden = practices.practice_create(
        organization=w["organization"],
        by=None,
        title="Unveröffentlichter Ansatz",
        area="language",
        **texts,
    )
    offer.practices.set([shown, hidden])
    with translation.override("de"):
        url = reverse("portal:offers_offer", args=[w["organization"].slug, offer.pk])
    text = client.get(url).content.decode()
    assert "Sprachpaten" in text and "Unveröffentlichter Ansatz" not in text
