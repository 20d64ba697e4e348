"""Back-office pages of offers; config/urls.py mounts them under /verwaltung/angebote/."""

from django.urls import path

from .views_backoffice import imports, networks, offers, providers

app_name = "offers"

urlpatterns = [
    # Offers, their places, the gap view and the import
    path("<slug:org_slug>/", offers.offer_list, name="offer_list"),
    path("<slug:org_slug>/neu/", offers.offer_create, name="offer_create"),
    path("<slug:org_slug>/luecken/", offers.gap_view, name="gap_view"),
    path("<slug:org_slug>/import/", imports.offer_import, name="offer_import"),
    path("angebot/<int:pk>/", offers.offer_detail, name="offer_detail"),
    path("angebot/<int:pk>/bearbeiten/", offers.offer_edit, name="offer_edit"),
    path("angebot/<int:pk>/loeschen/", offers.offer_delete, name="offer_delete"),
    path("angebot/<int:pk>/orte/neu/", offers.place_add, name="place_add"),
    path("ort/<int:pk>/loeschen/", offers.place_delete, name="place_delete"),
    # Providers, their personal links and what they propose
    path("<slug:org_slug>/traeger/", providers.provider_list, name="provider_list"),
    path("<slug:org_slug>/traeger/neu/", providers.provider_create, name="provider_create"),
    path("traeger/<int:pk>/", providers.provider_detail, name="provider_detail"),
    path("traeger/<int:pk>/bearbeiten/", providers.provider_edit, name="provider_edit"),
    path("traeger/<int:pk>/loeschen/", providers.provider_delete, name="provider_delete"),
    path("traeger/<int:pk>/link-senden/", providers.provider_link_send, name="provider_link_send"),
    path("<slug:org_slug>/vorschlaege/", providers.change_list, name="change_list"),
    path("vorschlag/<int:pk>/", providers.change_detail, name="change_detail"),
    path("vorschlag/<int:pk>/uebernehmen/", providers.change_accept, name="change_accept"),
    path("vorschlag/<int:pk>/ablehnen/", providers.change_reject, name="change_reject"),
    # Networks, members, meetings
    path("<slug:org_slug>/netzwerke/", networks.network_list, name="network_list"),
    path("<slug:org_slug>/netzwerke/neu/", networks.network_create, name="network_create"),
    path("netzwerk/<int:pk>/", networks.network_detail, name="network_detail"),
    path("netzwerk/<int:pk>/bearbeiten/", networks.network_edit, name="network_edit"),
    path("netzwerk/<int:pk>/loeschen/", networks.network_delete, name="network_delete"),
    path("netzwerk/<int:pk>/mitglieder/neu/", networks.member_add, name="member_add"),
    path("mitglied/<int:pk>/entfernen/", networks.member_remove, name="member_remove"),
    path("netzwerk/<int:pk>/treffen/neu/", networks.meeting_add, name="meeting_add"),
    path("treffen/<int:pk>/loeschen/", networks.meeting_delete, name="meeting_delete"),
]
