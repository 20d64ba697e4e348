from django.apps import AppConfig


class InterpretersConfig(AppConfig):
    name = "teilhabe.interpreters"
    label = "interpreters"
    verbose_name = "Sprachmittlung und Sprachkompetenzen"

    def ready(self):
        # rules.py is found by rules' autodiscovery; the survey's rules live beside it.
        from teilhabe.plans import contributions

        from . import rules_survey  # noqa: F401
        from .bilanz_survey import survey_sections

        contributions.register_bilanz_sections(survey_sections)
