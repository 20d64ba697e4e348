"""The Redis cache backend against the project's Redis (127.0.0.1:6379)."""

import pytest
from django.core.cache.backends.redis import RedisCache

from teilhabe.core.cache import PooledRedisCache

LOCATION = "redis://127.0.0.1:6379/13"


def test_one_client_serves_every_call_and_values_round_trip():
    cache = PooledRedisCache(LOCATION, {"KEY_PREFIX": "teilhabe-test-cache"})
    cache.set("seite", (b"<html>", "text/html"), 30)
    assert cache.get("seite") == (b"<html>", "text/html")
    assert cache.get_many(["seite", "fehlt"]) == {"seite": (b"<html>", "text/html")}
    assert cache.add("seite", "anders") is False
    cache.delete("seite")
    assert cache.get("seite") is None
    assert cache._cache.get_client() is cache._cache.get_client(write=True)
    # Django's own backend would build a new client each time.
    assert (
        RedisCache(LOCATION, {})._cache.get_client()
        is not RedisCache(LOCATION, {})._cache.get_client()
    )


@pytest.mark.parametrize("write", [False, True])
def test_clients_belong_to_their_pool(write):
    cache = PooledRedisCache(LOCATION, {})
    client = cache._cache.get_client(write=write)
    assert client.connection_pool is cache._cache._get_connection_pool(write)
