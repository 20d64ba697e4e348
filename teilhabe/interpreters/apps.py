from django.apps import AppConfig


class InterpretersConfig(AppConfig):
    name = "teilhabe.interpreters"
    label = "interpreters"
    verbose_name = "Sprachmittlung und Sprachkompetenzen"
