from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "lived.plans"
    label = "plans"

    def ready(self):
        # What people's pages show from plans (lived/people/parts.py): people never imports plans.
        from lived.plans import parts

        parts.register()
