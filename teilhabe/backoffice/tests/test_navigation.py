"""The back office's main navigation offers every section a person may use and nothing else:
each link it shows opens (200), and each section page that would open is shown."""

import re

import pytest
from django.urls import reverse

from teilhabe.plans.tests.test_access_table import ROLES, build_world, client_for

pytestmark = pytest.mark.django_db

SECTION_PAGES = {
    "Übersicht": lambda w: reverse("backoffice:home"),
    "Integrationsplan": lambda w: reverse("plans:plan_dashboard", args=[w["plan"].slug]),
    "Bilanzen": lambda w: reverse("plans:plan_dashboard", args=[w["plan"].slug]) + "#bilanzen",
    "Beteiligung": lambda w: reverse("participation:process_list", args=[w["plan"].slug]),
    "Zeitplan": lambda w: reverse("plans:milestone_list", args=[w["plan"].slug]),
    "Drucksachen": lambda w: reverse("council:paper_list", args=[w["plan"].organization.slug]),
    "Sprachmittlung": lambda w: reverse(
        "interpreters:pool_list", args=[w["plan"].organization.slug]
    ),
    "Angebote": lambda w: reverse("offers:offer_list", args=[w["plan"].organization.slug]),
    "Organisation": lambda w: reverse(
        "backoffice:organization_detail", args=[w["plan"].organization.slug]
    ),
    "Sprachkompetenzen": lambda w: reverse("interpreters:survey_list"),
    "API-Schlüssel": lambda w: reverse("api_tokens:list"),
}


def navigation(html: str) -> dict[str, str]:
    nav = html.split('aria-label="Hauptnavigation"', 1)[1].split("</nav>", 1)[0]
    return {
        label: href
        for href, label in re.findall(r'<a class="kern-link" href="([^"]+)"[^>]*>([^<]+)</a>', nav)
    }


@pytest.mark.parametrize("role", [r for r in ROLES if r not in ("anonymous", "stranger")])
def test_the_navigation_shows_exactly_the_sections_a_person_may_open(role):
    world = build_world()
    client = client_for(world, role)
    plan_page = reverse("plans:plan_dashboard", args=[world["plan"].slug])
    # On a page of the plan, the sections are the plan's and its organisation's.
    shown = navigation(client.get(plan_page).content.decode())
    for label, page in SECTION_PAGES.items():
        url = page(world)
        opens = client.get(url.split("#")[0]).status_code == 200
        assert (label in shown) == opens, (
            f"{role}: {label} gezeigt={label in shown}, öffnet={opens}"
        )
        if label in shown:
            assert shown[label] == url


def test_the_current_section_is_marked():
    world = build_world()
    client = client_for(world, "coordinator")
    html = client.get(reverse("plans:milestone_list", args=[world["plan"].slug])).content.decode()
    nav = html.split('aria-label="Hauptnavigation"', 1)[1].split("</nav>", 1)[0]
    assert re.search(r'aria-current="page">Zeitplan<', nav)
    html = client.get(reverse("plans:report_detail", args=[world["report"].pk])).content.decode()
    nav = html.split('aria-label="Hauptnavigation"', 1)[1].split("</nav>", 1)[0]
    assert re.search(r'aria-current="true">Bilanzen<', nav)


def test_a_person_of_no_organisation_sees_only_what_is_theirs():
    world = build_world()
    client = client_for(world, "superuser")
    shown = navigation(client.get(reverse("backoffice:home")).content.decode())
    assert set(shown) == {"Übersicht", "Sprachkompetenzen", "API-Schlüssel", "Systemverwaltung"}
