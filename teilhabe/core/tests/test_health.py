import pytest
from django.core.cache import cache
from django.db import DatabaseError, connection


@pytest.fixture
def real_cache(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "hz"}
    }
    yield
    cache.clear()


@pytest.mark.django_db
def test_healthz_reports_database_cache_and_queue(client, real_cache):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert {body[part]["status"] for part in ("database", "cache", "tasks")} == {"ok"}
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_healthz_answers_503_naming_the_database_when_it_fails(client, real_cache, monkeypatch):
    def broken(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["database"] == {"status": "error", "error": "DatabaseError"}
    assert body["cache"]["status"] == "ok"


@pytest.mark.django_db
def test_healthz_answers_503_when_the_cache_loses_values(client, monkeypatch, real_cache):
    monkeypatch.setattr(cache, "get", lambda *args, **kwargs: None)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"]["status"] == "error"


@pytest.mark.django_db
def test_healthz_tells_a_stalled_queue_without_failing_the_server(client, real_cache):
    import datetime as dt

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from teilhabe.core.tests.health_task import noop

    result = noop.enqueue()
    DBTaskResult.objects.filter(id=result.id).update(
        enqueued_at=timezone.now() - dt.timedelta(hours=1)
    )
    response = client.get("/healthz")
    assert response.status_code == 200
    tasks = response.json()["tasks"]
    assert tasks["note"] == "verzögert"
    assert tasks["oldest_waiting_seconds"] >= 3500


@pytest.mark.django_db
def test_healthz_answers_a_head_request_too(client, real_cache):
    assert client.head("/healthz").status_code == 200


def test_the_browsers_favicon_request_finds_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.svg")
