from django.apps import AppConfig
from django.core import checks

from lived.people import parts


class PeopleConfig(AppConfig):
    name = "lived.people"
    label = "people"

    def ready(self):
        # A part people's pages ask for that no app provides stops start-up, not a page.
        checks.register(parts.check_parts, "lived")
