"""Back office of participation, mounted by config/urls.py at /verwaltung/beteiligung/ (namespace
participation)."""

from django.urls import path

from .views_backoffice import ideas, prioritization, processes, recommendations

app_name = "participation"
urlpatterns = [
    # Processes, formats, group members, registrations
    path("plaene/<slug:slug>/prozesse/", processes.process_list, name="process_list"),
    path("plaene/<slug:slug>/prozesse/neu/", processes.process_create, name="process_create"),
    path("prozesse/<int:pk>/", processes.process_detail, name="process_detail"),
    path("prozesse/<int:pk>/bearbeiten/", processes.process_edit, name="process_edit"),
    path(
        "prozesse/<int:pk>/formate/neu/<str:kind>/", processes.format_create, name="format_create"
    ),
    path("formate/<int:pk>/", processes.format_detail, name="format_detail"),
    path("formate/<int:pk>/bearbeiten/", processes.format_edit, name="format_edit"),
    path("formate/<int:pk>/loeschen/", processes.format_delete, name="format_delete"),
    path("formate/<int:pk>/mitglieder/neu/", processes.member_create, name="member_create"),
    path("mitglieder/<int:pk>/bearbeiten/", processes.member_edit, name="member_edit"),
    path("mitglieder/<int:pk>/entfernen/", processes.member_delete, name="member_delete"),
    path("formate/<int:pk>/anmeldungen/", processes.registration_list, name="registration_list"),
    path(
        "formate/<int:pk>/anmeldungen.<str:fmt>",
        processes.registration_export,
        name="registration_export",
    ),
    path(
        "anmeldungen/<int:pk>/teilnahme/",
        processes.registration_attendance,
        name="registration_attendance",
    ),
    # Ideas
    path(
        "prozesse/<int:process_id>/ideen/",
        ideas.backoffice_idea_list,
        name="backoffice_idea_list",
    ),
    path(
        "prozesse/<int:process_id>/ideen/moderation/",
        ideas.idea_moderation,
        name="idea_moderation",
    ),
    path("prozesse/<int:process_id>/ideen/karten/", ideas.idea_cards, name="idea_cards"),
    path("ideen/<int:idea_id>/", ideas.backoffice_idea_detail, name="backoffice_idea_detail"),
    path("ideen/<int:idea_id>/moderieren/", ideas.idea_moderate, name="idea_moderate"),
    path("ideen/<int:idea_id>/bearbeiten/", ideas.idea_edit, name="idea_edit"),
    # Recommendations
    path(
        "prozesse/<int:pk>/empfehlungen/",
        recommendations.recommendation_list,
        name="recommendation_list",
    ),
    path(
        "prozesse/<int:pk>/empfehlungen/neu/",
        recommendations.recommendation_create,
        name="recommendation_create",
    ),
    path(
        "prozesse/<int:pk>/empfehlungen/ideen-zuordnen/",
        recommendations.recommendation_group,
        name="recommendation_group",
    ),
    path(
        "prozesse/<int:pk>/empfehlungen/neu-nummerieren/",
        recommendations.recommendations_renumber,
        name="recommendations_renumber",
    ),
    path(
        "empfehlungen/<int:pk>/",
        recommendations.recommendation_detail,
        name="recommendation_detail",
    ),
    path(
        "empfehlungen/<int:pk>/bearbeiten/",
        recommendations.recommendation_edit,
        name="recommendation_edit",
    ),
    path(
        "empfehlungen/<int:pk>/loeschen/",
        recommendations.recommendation_delete,
        name="recommendation_delete",
    ),
    path(
        "empfehlungen/<int:pk>/verschieben/",
        recommendations.recommendation_move,
        name="recommendation_move",
    ),
    path(
        "empfehlungen/<int:pk>/versionen/",
        recommendations.recommendation_versions,
        name="recommendation_versions",
    ),
    path(
        "empfehlungen/<int:pk>/ideen/<int:idea_id>/entfernen/",
        recommendations.recommendation_idea_remove,
        name="recommendation_idea_remove",
    ),
    path(
        "empfehlungen/<int:pk>/massnahmen/",
        recommendations.recommendation_measure_add,
        name="recommendation_measure_add",
    ),
    path(
        "empfehlungen/<int:pk>/massnahme-anlegen/",
        recommendations.recommendation_measure_create,
        name="recommendation_measure_create",
    ),
    path(
        "empfehlungen/<int:pk>/massnahmen/<int:measure_id>/entfernen/",
        recommendations.recommendation_measure_remove,
        name="recommendation_measure_remove",
    ),
    # Prioritisations
    path(
        "gruppen/<int:group_id>/priorisierung/neu/",
        prioritization.prioritization_create,
        name="prioritization_create",
    ),
    path(
        "priorisierung/<int:pk>/",
        prioritization.prioritization_detail,
        name="prioritization_detail",
    ),
    path(
        "priorisierung/<int:pk>/bearbeiten/",
        prioritization.prioritization_edit,
        name="prioritization_edit",
    ),
    path(
        "priorisierung/<int:pk>/abschliessen/",
        prioritization.prioritization_close,
        name="prioritization_close",
    ),
    path(
        "priorisierung/<int:pk>/massnahmen/",
        prioritization.prioritization_measures,
        name="prioritization_measures",
    ),
    path(
        "priorisierung/<int:pk>/oeffnen/",
        prioritization.prioritization_reopen,
        name="prioritization_reopen",
    ),
    path(
        "priorisierung/<int:pk>/stimmzettel-senden/",
        prioritization.prioritization_send,
        name="prioritization_send",
    ),
    path(
        "priorisierung/<int:pk>/papier-stimmzettel/",
        prioritization.prioritization_record,
        name="prioritization_record",
    ),
    path(
        "priorisierung/<int:pk>/eintrag/<int:option_id>/<str:direction>/",
        prioritization.prioritization_option_move,
        name="prioritization_option_move",
    ),
    path(
        "priorisierung/<int:pk>/prioritaetenliste.<str:fmt>",
        prioritization.prioritization_export,
        name="prioritization_export",
    ),
]
