from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "lived.people"
    label = "people"
