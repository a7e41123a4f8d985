from django.apps import AppConfig


class RiskConfig(AppConfig):
    name = "lived.risk"
    label = "risk"
