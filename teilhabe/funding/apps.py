from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "teilhabe.funding"
    label = "funding"
    verbose_name = "Integrationsfonds und Förderung"
