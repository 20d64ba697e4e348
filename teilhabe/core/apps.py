from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "teilhabe.core"
    label = "core"
