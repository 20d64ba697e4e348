from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "teilhabe.funding"
    label = "funding"
    verbose_name = "Integrationsfonds und Förderung"

    def ready(self):
        from teilhabe.plans import contributions

        from . import contributions as ours
        from . import rules  # noqa: F401  (rules registers the permissions)

        contributions.register_organization_link(ours.organization_link)

        contributions.register_measure_panel(ours.measure_panel)
        contributions.register_bilanz_sections(ours.bilanz_sections)
