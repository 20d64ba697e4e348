"""The back office's matrix: every /verwaltung/ route, discovered from the URLconf, declares its
access in one line (`core.access.rule`) and has a row in a role table — so a new route without
a table fails here, before anybody can reach it untested. The tables themselves (route → URL
keywords → expected status per role) live next to each app's rules in tests/test_access_table.py;
this test only proves that none is missing and that no table names a route that is gone.

The API's views are checked the same way: each declares an `Access` (a rule and a loader)."""

from django.urls import URLPattern, URLResolver, get_resolver

from teilhabe.backoffice.tests import test_access_table as shell
from teilhabe.core.access import access_of
from teilhabe.council.tests import test_access_table as council
from teilhabe.funding.tests import test_access_table as funding
from teilhabe.indicators.tests import test_access_table as indicators
from teilhabe.interpreters.tests import test_pool_access_table as interpreters_pool
from teilhabe.interpreters.tests import test_survey_access_table as interpreters_survey
from teilhabe.offers.tests import test_access_table as offers
from teilhabe.participation.tests import test_access_table as participation
from teilhabe.plans.tests import test_access_table as plans
from teilhabe.practices.tests import test_access_table as practices

TABLES = {
    "plans": plans.TABLE,
    "council": council.TABLE,
    "indicators": indicators.TABLE,
    "participation": participation.TABLE,
    "interpreters": {**interpreters_pool.TABLE, **interpreters_survey.TABLE},
    "offers": offers.TABLE,
    "funding": funding.TABLE,
    "practices": practices.TABLE,
    **shell.TABLES,
}
# The API's description is public by design and has no object to load.
API_WITHOUT_ACCESS = {"schema", "docs"}


def routes(patterns=None, prefix="", namespace=""):
    """(path, "namespace:name", view) of every named route below `patterns`."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if entry.namespace else namespace
            yield from routes(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield (
                prefix + str(entry.pattern),
                f"{namespace.strip(':')}:{entry.name}",
                entry.callback,
            )


def backoffice_routes():
    return [(path, name, view) for path, name, view in routes() if path.startswith("verwaltung/")]


def test_the_discovery_finds_the_back_office():
    names = {name for _, name, _ in backoffice_routes()}
    assert {"plans:measure_edit", "council:paper_list", "backoffice:home"} <= names
    assert len(names) > 100


def test_every_back_office_route_declares_its_access():
    undeclared = [
        f"{name} ({path})" for path, name, view in backoffice_routes() if not access_of(view)
    ]
    assert not undeclared, "Ohne @rule: " + ", ".join(undeclared)


def test_every_back_office_route_has_a_role_table():
    missing = []
    for path, name, _ in backoffice_routes():
        namespace, _, route = name.rpartition(":")
        if route not in TABLES.get(namespace, {}):
            missing.append(f"{name} ({path})")
    assert not missing, "Ohne Rollentabelle: " + ", ".join(missing)


def test_no_role_table_names_a_route_that_is_gone():
    names = {name for _, name, _ in backoffice_routes()}
    stale = [
        f"{ns}:{route}"
        for ns, table in TABLES.items()
        for route in table
        if f"{ns}:{route}" not in names
    ]
    assert not stale, "Tabelle nennt unbekannte Route: " + ", ".join(stale)


def test_every_api_view_declares_its_access():
    undeclared = [
        f"{name} ({path})"
        for path, name, view in routes()
        if path.startswith("api/")
        and name.rpartition(":")[2] not in API_WITHOUT_ACCESS
        and not access_of(view)
    ]
    assert not undeclared, "API ohne Access: " + ", ".join(undeclared)
