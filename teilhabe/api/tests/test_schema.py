"""The OpenAPI document validates without warnings, speaks German, and its documentation page
loads Swagger UI from our own static files under the Content-Security-Policy."""

import re

import pytest
import yaml
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def document(tmp_path_factory):
    path = tmp_path_factory.mktemp("schema") / "openapi.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(path))
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_document_is_valid_and_describes_the_api(document):
    info = document["info"]
    assert info["title"] == "Teilhabe – Schnittstelle für Integrationspläne"
    assert info["license"]["name"] == "EUPL-1.2"
    assert "veröffentlichten" in info["description"]
    assert set(document["paths"]) == {
        "/api/v1/organizations/",
        "/api/v1/organizations/{slug}/",
        "/api/v1/plans/",
        "/api/v1/plans/{slug}/",
        "/api/v1/plans/{slug}/draft-entries/",
        "/api/v1/fields/",
        "/api/v1/fields/{id}/",
        "/api/v1/goals/",
        "/api/v1/goals/{id}/",
        "/api/v1/measures/",
        "/api/v1/measures/{id}/",
        "/api/v1/reports/",
        "/api/v1/reports/{id}/",
        "/api/v1/reports/{report_id}/entries/",
        "/api/v1/milestones/",
        "/api/v1/milestones/{id}/",
        "/api/v1/indicators/",
        "/api/v1/indicators/{id}/",
        "/api/v1/indicators/{indicator_id}/observations/",
        "/api/v1/indicators/{indicator_id}/jsonstat/",
    }


def operations(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


def test_every_operation_is_documented_in_german_with_its_errors(document):
    for path, method, operation in operations(document):
        where = f"{method.upper()} {path}"
        assert operation.get("summary"), where
        assert operation.get("description"), where
        assert not re.search(r"\b(Anyone|without|the)\b", operation["description"]), where
        assert operation["tags"], where
        for code in ("400", "401", "429"):
            error = operation["responses"][code]
            assert error["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/Error"
            }, where
        if method == "get":
            assert "lang" in {p["name"] for p in operation["parameters"]}, where
            assert "404" in operation["responses"], where


def test_writes_need_a_key_reads_do_not(document):
    draft = document["paths"]["/api/v1/plans/{slug}/draft-entries/"]
    assert draft["patch"]["security"] == [{"apiSchluessel": []}]
    assert {"403", "409"} <= set(draft["patch"]["responses"])
    assert {} in document["paths"]["/api/v1/measures/"]["get"]["security"]
    scheme = document["components"]["securitySchemes"]["apiSchluessel"]
    assert scheme == {**scheme, "type": "http", "scheme": "bearer"}


def test_schema_endpoint_is_german_whatever_the_browser_says(client):
    response = client.get("/api/schema/?format=json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Die offene Schnittstelle" in response.json()["info"]["description"]


def test_a_wrong_key_does_not_hide_the_documentation(client):
    response = client.get("/api/schema/", HTTP_AUTHORIZATION="Bearer falsch")
    assert response.status_code == 200


def test_docs_page_loads_swagger_ui_from_our_static_files(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    # No inline script: the start script is a file of its own (the policy forbids inline ones).
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>\s*\S", html)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    script = re.search(r'<script src="([^"]*\?script=[^"]*)"', html)
    assert script, html
    start = client.get(script.group(1).replace("&amp;", "&"))
    assert start.status_code == 200
    assert "javascript" in start["Content-Type"]
    assert "/api/schema/" in start.content.decode()
