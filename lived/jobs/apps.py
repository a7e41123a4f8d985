from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "lived.jobs"
    label = "jobs"
    verbose_name = "Background jobs"
