from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "teilhabe.practices"
    label = "practices"
    verbose_name = "Good Practice"
