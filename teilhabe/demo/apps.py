from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The top floor: demo data from the seed documents, through the apps' own services."""

    name = "teilhabe.demo"
    verbose_name = "Demodaten"
