from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "teilhabe.participation"
    label = "participation"
    verbose_name = "Beteiligung"
