from django.apps import AppConfig


class OffersConfig(AppConfig):
    name = "teilhabe.offers"
    label = "offers"
    verbose_name = "Angebote und Netzwerke (IST-Stand)"

    def ready(self):
        from teilhabe.plans import contributions

        from . import panels, rules  # noqa: F401  (rules registers the permissions)

        contributions.register_organization_link(panels.organization_link)

        contributions.register_measure_panel(panels.measure_panel)
