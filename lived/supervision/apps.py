from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    """Supervision records, agreed actions, the worker's reflection, sign-off and themes (C14)."""

    name = "lived.supervision"
    label = "supervision"
