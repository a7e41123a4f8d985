from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "lived.plans"
    label = "plans"
