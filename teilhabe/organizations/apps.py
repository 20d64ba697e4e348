from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "teilhabe.organizations"
    label = "organizations"
