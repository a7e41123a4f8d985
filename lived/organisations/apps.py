from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "lived.organisations"
    label = "organisations"
