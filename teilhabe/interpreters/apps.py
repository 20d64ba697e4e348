from django.apps import AppConfig


class InterpretersConfig(AppConfig):
    name = "teilhabe.interpreters"
    label = "interpreters"
    verbose_name = "Sprachmittlung und Sprachkompetenzen"

    def ready(self) -> None:
        # The pool's statistics on its measure's pages and in the Bilanz.
        from teilhabe.plans import contributions

        from . import contributions_pool

        contributions.register_measure_panel(contributions_pool.measure_panel)
        contributions.register_bilanz_sections(contributions_pool.bilanz_sections)
