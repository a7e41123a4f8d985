from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "lived.demo"
    label = "demo"
