"""The pool's portal pages by personal link, as a matrix: each link opens only its holder's own
pages. A mediator's link does not open an institution's page, an offer's link is not a
mediator's link, another institution's link does not reach this institution's request, and being
signed in (even as the pool's coordinator) opens nothing without the link. GET only; the pages'
POST actions go through the same holder check."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

# Route → the token it needs (a key of pool_setup["tokens"]) and extra URL keywords.
ROUTES = {
    "interpreters_mediator": ("amal", {}),
    "interpreters_mediator_data": ("amal", {}),
    "interpreters_offer": ("offer_amal", {}),
    "interpreters_requester": ("requester", {}),
    "interpreters_requester_request": ("requester", {"pk": "offered"}),
}
# Who asks: which token they hold (None: no valid token) and whether they are signed in.
HOLDERS = {
    "holder": "own",
    "other_mediator": "omar",
    "other_offer": "offer_omar",
    "other_institution": "other_requester",
    "mediator_as_institution": "amal",
    "no_link": "falsch",
    "coordinator_without_link": "falsch",
}


def _status(route, holder):
    own, _extra = ROUTES[route]
    token = HOLDERS[holder]
    if token == "own":
        return 200
    # A link opens the pages of its own kind only (mediator, offer, institution): the URL
    # carries nothing but the token, so another mediator's link opens that mediator's own page,
    # never a page of another kind.
    kind = {"amal": "m", "omar": "m", "offer_amal": "o", "offer_omar": "o"}.get(own, "e")
    held = {
        "amal": "m",
        "omar": "m",
        "offer_amal": "o",
        "offer_omar": "o",
        "requester": "e",
        "other_requester": "e",
    }.get(token)
    if route == "interpreters_requester_request" and token == "other_requester":
        return 404  # the request belongs to another institution
    return 200 if held == kind else 404


@pytest.mark.parametrize("holder", list(HOLDERS))
def test_links_open_only_their_holders_pages(pool_setup, holder):
    setup = pool_setup
    client = Client()
    if holder == "coordinator_without_link":
        client.force_login(setup["world"].people["coordinator"])
    failures = []
    for route, (own, extra) in ROUTES.items():
        token = (
            setup["tokens"][own]
            if HOLDERS[holder] == "own"
            else setup["tokens"].get(HOLDERS[holder], HOLDERS[holder])
        )
        kwargs = {"org_slug": setup["world"].organization.slug, "token": token}
        kwargs |= {key: setup[value].pk for key, value in extra.items()}
        response = client.get(reverse(f"portal:{route}", kwargs=kwargs))
        expected = _status(route, holder)
        if response.status_code != expected:
            failures.append(f"{route} as {holder}: {response.status_code} statt {expected}")
        if response.status_code == 200:
            assert "no-store" in response["Cache-Control"], route
    assert not failures, "\n".join(failures)
