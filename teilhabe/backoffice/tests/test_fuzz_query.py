"""Fuzzing every route's GET query parameters: no combination of odd keys and values answers
500 (issue 10: `?q=%00` answered 500 on the public paper list and the back-office measure list).

The routes are discovered from the URLconf, as in test_access_matrix: every back-office route
from the apps' role tables (their worlds give the URL keywords), asked as a superuser, who
reaches every page; every public route, asked anonymously, its keywords filled from the plans
world (a route whose object does not exist answers 404 - also not a 500). A few generated
examples per route keep the whole run within seconds."""

import re

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from teilhabe.backoffice.tests import test_access_table as shell
from teilhabe.council.tests import test_access_table as council
from teilhabe.participation.tests import test_access_table as participation
from teilhabe.plans.tests import test_access_table as plans
from teilhabe.testing.hypothesis import examples

from .test_access_matrix import routes

pytestmark = pytest.mark.django_db

# Parameters the pages read, and some they do not.
KEYS = [
    "q",
    "page",
    "sort",
    "status",
    "field",
    "unit",
    "year",
    "from",
    "to",
    "format",
    "lang",
    "kind",
    "next",
    "report",
    "plan",
    "committee",
    "organisation",
    "x",
]
NASTY = [
    "\x00",
    "a\x00b",
    "-1",
    "0",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "2024-13-45",
    "' OR 1=1 --",
    "../../etc/passwd",
    "<script>",
    "%",
    "\u202e",
    "ä" * 300,
    "",
    " ",
    "[]",
    "{}",
    "1,2",
    "\ud7ff",
    "🙂",
]
VALUES = st.one_of(st.sampled_from(NASTY), st.text(max_size=40))
PARAMS = st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), VALUES, max_size=4)
PER_ROUTE = examples(2)


def fuzz(client: Client, urls: list[str]) -> list[str]:
    """GET every url with generated query parameters; the ones that answered 500."""
    errors: list[str] = []

    @settings(
        max_examples=PER_ROUTE,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(params=PARAMS)
    def ask(url, params):
        response = client.get(url, params)
        if response.status_code >= 500:
            errors.append(f"{url} {params!r}: {response.status_code}")

    for url in urls:
        ask(url)
    return errors


def back_office_urls(namespace: str, table: dict, world: dict) -> list[str]:
    return [
        reverse(f"{namespace}:{name}", kwargs=keywords(world))
        for name, (keywords, expected) in table.items()
        if expected.get("superuser") == 200
    ]


def superuser_client(world: dict) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(world["people"]["superuser"])
    return client


@pytest.mark.parametrize("module", [plans, participation], ids=["plans", "participation"])
def test_back_office_pages_of(module):
    world = module.build_world()
    urls = back_office_urls(module.NAMESPACE, module.TABLE, world)
    assert len(urls) > 10
    errors = fuzz(superuser_client(world), urls)
    assert not errors, "\n".join(errors)


def test_back_office_pages_of_the_shell():
    world = shell.build_shell_world()
    urls = [
        url
        for namespace, table in shell.TABLES.items()
        for url in back_office_urls(namespace, table, world)
    ]
    assert len(urls) > 5
    errors = fuzz(superuser_client(world), urls)
    assert not errors, "\n".join(errors)


def test_back_office_pages_of_the_council(settings, tmp_path):
    world = council._world(settings, tmp_path)
    urls = [
        reverse(f"council:{name}", kwargs=keywords(world))
        for name, (method, keywords, _kind) in council.TABLE.items()
        if method == "GET"
    ]
    assert len(urls) > 10
    client = council._client(world, "superuser")
    client.raise_request_exception = False
    errors = fuzz(client, urls)
    assert not errors, "\n".join(errors)


def test_public_pages_anonymously():
    world = plans.build_world()
    plan = world["plan"]
    known = {
        "org_slug": plan.organization.slug,
        "plan_slug": plan.slug,
        "pk": world["measure"].pk,
        "number": 1,
        "report_id": world["report"].pk,
        "fmt": "csv",
        "id": world["measure"].pk,
    }
    urls = []
    for path, name, _view in routes():
        if path.startswith(("verwaltung/", "admin/")) or not name.startswith("portal:"):
            continue
        names = re.findall(r"<(?:\w+:)?(\w+)>", path)
        if not set(names) <= set(known):
            continue
        try:
            urls.append(reverse(name, kwargs={key: known[key] for key in names}))
        except NoReverseMatch:
            continue
    assert len(urls) > 20
    errors = fuzz(Client(raise_request_exception=False), urls)
    assert not errors, "\n".join(errors)
