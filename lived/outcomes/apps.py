from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "lived.outcomes"
    label = "outcomes"
