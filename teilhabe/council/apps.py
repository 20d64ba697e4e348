from django.apps import AppConfig


class CouncilConfig(AppConfig):
    name = "teilhabe.council"
    label = "council"
    verbose_name = "Gremien und Drucksachen"
