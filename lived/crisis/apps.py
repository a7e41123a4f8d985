from django.apps import AppConfig


class CrisisConfig(AppConfig):
    """The person's crisis plan and advance statement, its history, the copy kept on a worker's phone
    and the list of people without one (docs/adr/0017-risk-split-into-contexts.md)."""

    name = "lived.crisis"
    label = "crisis"
