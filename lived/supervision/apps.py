from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    """Supervision records, agreed actions, the worker's reflection, sign-off and themes (C14)."""

    name = "lived.supervision"
    label = "supervision"

    def ready(self):
        # What reviews' pages show from supervision (lived/people/parts.py): reviews never imports it.
        from lived.supervision import parts

        parts.register()
