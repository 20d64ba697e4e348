"""Malformed input answers a German 4xx, never 500; versioned edits need their version; bidi
controls never reach what is stored (issue 10, hardening)."""

import pytest
from django.urls import reverse

from teilhabe.core.forms import strip_bidi_controls

pytestmark = pytest.mark.django_db


def test_nul_in_a_public_query_parameter_is_a_german_400(client, plan_setup):
    response = client.get(
        reverse("portal:paper_list", args=[plan_setup["organization"].slug]), {"q": "a\x00b"}
    )
    assert response.status_code == 400
    assert "Ungültige Anfrage" in response.content.decode()


def test_nul_in_a_back_office_query_parameter_and_in_a_form_field(client, plan_setup):
    client.force_login(plan_setup["people"]["coordinator"])
    url = reverse("plans:measure_list", args=[plan_setup["plan"].slug])
    assert client.get(url, {"q": "\x00"}).status_code == 400
    assert client.get(url, {"\x00": "x"}).status_code == 400
    response = client.post(reverse("login"), {"username": "a\x00@b.de", "password": "x"})
    assert response.status_code == 400
    assert "Ungültige Anfrage" in response.content.decode()


def test_json_nested_100000_deep_is_a_400_not_a_500(rf):
    from teilhabe.core.middleware import MalformedInputMiddleware

    deep = "[" * 100_000 + "]" * 100_000
    # A parser anywhere that runs out of recursion on such input: a German 400.
    response = MalformedInputMiddleware(lambda request: None).process_exception(
        rf.post("/", data=deep, content_type="application/json"), RecursionError()
    )
    assert response.status_code == 400
    assert "Ungültige Anfrage" in response.content.decode()
    # The JSON upload of the progress table says what is wrong.
    from teilhabe.documents.errors import DocumentError
    from teilhabe.documents.spreadsheet import parse

    with pytest.raises(DocumentError, match="zu tief verschachtelt"):
        parse(b'{"rows": ' + deep.encode() + b"}", "x.json")


def test_an_over_long_post_is_a_german_413(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post(reverse("login"), {"username": "x" * 2000, "password": "y"})
    assert response.status_code == 413
    assert "Zu viele Daten" in response.content.decode()


def test_a_get_on_a_post_only_route_is_a_german_405(client):
    response = client.get(reverse("logout"))
    assert response.status_code == 405
    assert "Aktion nicht möglich" in response.content.decode()
    assert response["Allow"]


def test_an_edit_posted_without_its_version_saves_nothing(plan_setup):
    from teilhabe.plans.forms import FieldOfActionForm

    field = plan_setup["plan"].fields.get(number=1)
    data = {"number": field.number, "title": "Neu", "motto": "", "introduction": ""}
    form = FieldOfActionForm(data, instance=field, plan=plan_setup["plan"])
    assert not form.is_valid()
    assert "ohne seinen Bearbeitungsstand" in str(form.non_field_errors())
    form = FieldOfActionForm(
        {**data, "version": field.version}, instance=field, plan=plan_setup["plan"]
    )
    assert form.is_valid(), form.errors


def test_bidi_controls_are_stripped_from_typed_text(plan_setup):
    from teilhabe.plans.forms import FieldOfActionForm

    assert strip_bidi_controls("a\u202eb\u2066c\u2069d\u202a") == "abcd"
    assert strip_bidi_controls("عربي \u200f Deutsch") == "عربي \u200f Deutsch"
    field = plan_setup["plan"].fields.get(number=1)
    form = FieldOfActionForm(
        {"number": field.number, "title": "Sprache\u202e gnuldnaH", "version": field.version},
        instance=field,
        plan=plan_setup["plan"],
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["title"] == "Sprache gnuldnaH"
    assert form.instance.title == "Sprache gnuldnaH"
