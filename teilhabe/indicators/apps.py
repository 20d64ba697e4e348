from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "teilhabe.indicators"
    label = "indicators"
    verbose_name = "Kennzahlen und Abstimmung über Ebenen"
