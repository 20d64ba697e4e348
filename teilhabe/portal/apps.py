from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "teilhabe.portal"
    verbose_name = "Öffentliches Portal"
