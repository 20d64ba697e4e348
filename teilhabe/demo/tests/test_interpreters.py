"""The demo's pool: twelve languages, requests in every state, last month's statement, and
personal links that open."""

import pytest
from django.test import Client
from django.urls import reverse

from teilhabe.demo.interpreters import DEMO_LINKS
from teilhabe.interpreters.models.pool import (
    InterpreterPool,
    LanguageSkill,
    RequestStatus,
)

pytestmark = pytest.mark.django_db


def test_demo_pool(demo_loaded):
    pool = InterpreterPool.objects.get(organization__slug="landkreis-boeblingen")
    assert pool.measure is not None and "Dolmetscher-Pool" in pool.measure.title
    languages = set(
        LanguageSkill.objects.filter(mediator__pool=pool).values_list("language", flat=True)
    )
    assert len(languages) >= 12
    assert set(pool.requests.values_list("status", flat=True)) == set(RequestStatus.values)
    statement = pool.statements.get()
    assert statement.lines.count() == 5 and statement.total > 0
    client = Client()
    for name, key in [
        ("interpreters_mediator", "mediator"),
        ("interpreters_requester", "requester"),
    ]:
        url = reverse(f"portal:{name}", args=["landkreis-boeblingen", DEMO_LINKS[key]])
        assert client.get(url).status_code == 200, url
