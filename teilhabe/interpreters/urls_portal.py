"""Public pages of interpreters; teilhabe/portal/urls.py includes them at /<organisation>/sprachmittlung/ in the
namespace portal. The interpreter pool's pages are opened by personal links only."""

from django.urls import path

from .views_portal import pool

urlpatterns = [
    path("m/<str:token>/", pool.mediator_page, name="interpreters_mediator"),
    path("m/<str:token>/daten.json", pool.mediator_data, name="interpreters_mediator_data"),
    path("m/<str:token>/loeschen/", pool.mediator_delete, name="interpreters_mediator_delete"),
    path("angebot/<str:token>/", pool.offer_page, name="interpreters_offer"),
    path("e/<str:token>/", pool.requester_page, name="interpreters_requester"),
    path(
        "e/<str:token>/anfrage/<int:pk>/",
        pool.requester_request,
        name="interpreters_requester_request",
    ),
]
