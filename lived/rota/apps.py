from django.apps import AppConfig


class RotaConfig(AppConfig):
    """Who supports the person (C13, issue 14): staff profiles, the person's own choices of who
    supports them, and (later) sessions, allocation and shortfalls."""

    name = "lived.rota"
    label = "rota"

    def ready(self):
        # The links people's pages show from the rota (lived/people/parts.py): people never imports rota.
        from lived.rota import parts

        parts.register()
