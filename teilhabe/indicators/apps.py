from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "teilhabe.indicators"
    label = "indicators"
    verbose_name = "Kennzahlen und Abstimmung über Ebenen"

    def ready(self):
        from teilhabe.plans import contributions

        from . import contributions as ours
        from . import rules  # noqa: F401 - registers the permissions

        contributions.register_organization_link(ours.organization_link)

        contributions.register_field_panel(ours.field_panel)
        contributions.register_measure_panel(ours.measure_panel)
        contributions.register_bilanz_sections(ours.bilanz_sections)
