"""The import page: a preview first, then all rows or none; bad rows named in German."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from teilhabe.offers.models import Offer

pytestmark = pytest.mark.django_db

TABLE = "Titel;Träger;Sprachen;Zielgruppen\nNähcafé;Neuer Verein;Deutsch, Arabisch;Frauen\n"


def _upload(client, url, text):
    return client.post(url, {"table": SimpleUploadedFile("angebote.csv", text.encode())})


def test_preview_then_import(client, offers_world):
    client.force_login(offers_world["people"]["coordinator"])
    url = reverse("offers:offer_import", args=[offers_world["organization"].slug])
    before = Offer.objects.count()
    preview = _upload(client, url, TABLE)
    html = preview.content.decode()
    assert "1 Angebote können übernommen werden" in html and "Neuer Verein" in html
    assert Offer.objects.count() == before
    key = preview.context["key"]
    done = client.post(url, {"confirm": key})
    assert done.status_code == 302 and "stand=draft" in done["Location"]
    assert Offer.objects.get(title="Nähcafé").state == "draft"
    # The same confirmation again imports nothing: the preview is used up.
    client.post(url, {"confirm": key})
    assert Offer.objects.filter(title="Nähcafé").count() == 1


def test_a_table_with_a_bad_row_shows_the_row_and_offers_no_import(client, offers_world):
    client.force_login(offers_world["people"]["coordinator"])
    url = reverse("offers:offer_import", args=[offers_world["organization"].slug])
    html = _upload(client, url, TABLE + ";Ohne Titel;Klingonisch;\n").content.decode()
    assert "Zeile 3: „Titel“ fehlt; „Sprachen“: „Klingonisch“ ist unbekannt" in html
    assert 'name="confirm"' not in html
    html = _upload(client, url, "kein;Kopf\n1;2\n").content.decode()
    assert "fehlt die Spalte" in html
