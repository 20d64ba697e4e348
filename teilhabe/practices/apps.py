from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "teilhabe.practices"
    label = "practices"
    verbose_name = "Gute Beispiele und Broschüre"

    def ready(self):
        from teilhabe.plans import contributions

        from . import (
            panels,
            reports,
            rules,  # noqa: F401  (rules registers the permissions)
        )

        contributions.register_organization_link(panels.organization_link)

        contributions.register_field_panel(panels.field_panel)
        contributions.register_report_kind("practices", reports.write_brochure)
