from django.apps import AppConfig


class InterpretersConfig(AppConfig):
    name = "teilhabe.interpreters"
    label = "interpreters"
    verbose_name = "Sprachmittlung und Sprachkompetenzen"

    def ready(self):
        # rules.py is found by rules' autodiscovery; the survey's rules live beside it.
        from . import rules_survey  # noqa: F401
