from django.apps import AppConfig


class InterpretersConfig(AppConfig):
    name = "teilhabe.interpreters"
    label = "interpreters"
    verbose_name = "Sprachmittlung und Sprachkompetenzen"

    def ready(self) -> None:
        # The pool's statistics on its measure's pages and in the Bilanz; the survey's figures
        # in the Bilanz. rules.py is found by rules' autodiscovery; the survey's rules beside it.
        from teilhabe.plans import contributions

        from . import contributions_pool, rules_survey  # noqa: F401
        from .bilanz_survey import survey_sections

        contributions.register_measure_panel(contributions_pool.measure_panel)
        contributions.register_bilanz_sections(contributions_pool.bilanz_sections)
        contributions.register_bilanz_sections(survey_sections)
