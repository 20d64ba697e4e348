"""Public participation pages: portal/urls.py includes them (no app_name, namespace portal) at
/<organisation>/plan/<plan>/beteiligung/."""

from django.urls import path

from .views_portal import ideas, prioritization, processes, recommendations

_base = "<slug:process_slug>/priorisierung/<int:prioritization_id>/"
urlpatterns = [
    # Processes, formats, group members, registrations
    path("", processes.portal_process_list, name="process_list"),
    path("meine-daten/<str:token>/", processes.my_data, name="my_data"),
    path("meine-daten/<str:token>/daten.json", processes.my_data_download, name="my_data_download"),
    path("meine-daten/<str:token>/loeschen/", processes.my_data_delete, name="my_data_delete"),
    path("abmeldung/<str:token>/", processes.event_cancel, name="event_cancel"),
    path("<slug:process_slug>/", processes.portal_process, name="process"),
    path(
        "<slug:process_slug>/veranstaltung/<int:event_id>/anmeldung/",
        processes.event_register,
        name="event_register",
    ),
    # Ideas
    path("<slug:process_slug>/ideen/", ideas.idea_list, name="idea_list"),
    path("<slug:process_slug>/ideen/neu/", ideas.idea_submit, name="idea_submit"),
    path("<slug:process_slug>/ideen/danke/<str:token>/", ideas.idea_thanks, name="idea_thanks"),
    path("<slug:process_slug>/ideen/<int:idea_id>/", ideas.idea_detail, name="idea_detail"),
    path(
        "<slug:process_slug>/ideen/<int:idea_id>/zustimmen/",
        ideas.idea_support,
        name="idea_support",
    ),
    path(
        "<slug:process_slug>/ideen/<int:idea_id>/kommentieren/",
        ideas.idea_comment,
        name="idea_comment",
    ),
    # Recommendations
    path(
        "<slug:process_slug>/empfehlungen/",
        recommendations.portal_recommendation_list,
        name="recommendation_list",
    ),
    path(
        "<slug:process_slug>/empfehlungen/<int:recommendation_id>/",
        recommendations.portal_recommendation_detail,
        name="recommendation_detail",
    ),
    # Prioritisations
    path(_base, prioritization.prioritization_page, name="prioritization"),
    # Two fixed file names rather than a format parameter: the draft walker knows only the
    # parameter names the portal agreed on.
    path(
        _base + "prioritaetenliste.csv",
        prioritization.prioritization_download,
        {"fmt": "csv"},
        name="prioritization_csv",
    ),
    path(
        _base + "prioritaetenliste.xlsx",
        prioritization.prioritization_download,
        {"fmt": "xlsx"},
        name="prioritization_xlsx",
    ),
    path(_base + "stimmzettel/", prioritization.ballot_signed_in, name="ballot_signed_in"),
    path(_base + "stimmzettel/<str:token>/", prioritization.ballot, name="ballot"),
]
