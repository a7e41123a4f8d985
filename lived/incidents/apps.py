from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    """Incidents, the restrictive-practice register and safeguarding concerns
    (docs/adr/0017-risk-split-into-contexts.md)."""

    name = "lived.incidents"
    label = "incidents"
