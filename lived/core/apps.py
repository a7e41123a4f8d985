from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "lived.core"
    label = "core"
