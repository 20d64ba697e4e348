from django.apps import AppConfig


class OffersConfig(AppConfig):
    name = "teilhabe.offers"
    label = "offers"
    verbose_name = "Angebote und Netzwerke (IST-Stand)"
