from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    """Complaints and compliments, with their configurable themes
    (docs/adr/0017-risk-split-into-contexts.md)."""

    name = "lived.complaints"
    label = "complaints"
