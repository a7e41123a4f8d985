from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "lived.outcomes"
    label = "outcomes"

    def ready(self):
        # What people's pages show from outcomes (lived/people/parts.py): people never imports outcomes.
        from lived.outcomes import parts

        parts.register()
