"""System checks for Lived's own settings, run by `manage.py check` and at start-up (runserver,
migrate, the workers), so a bad value stops Lived before any page needs it. Registered in
lived.core's AppConfig.ready, tagged "lived" (`manage.py check --tag lived` runs only these).
Ids: lived.E001 LIVED_SHIFTS, lived.E002 a whole number, lived.E003 True or False, lived.E004 text or
a path, lived.E005 LIVED_SIGN_IN_LIMITS (lived/core/conf.py)."""

from __future__ import annotations

from django.core.checks import Error

from lived.core.conf import problems


def check_lived_settings(app_configs=None, **kwargs) -> list[Error]:
    """Every `LIVED_*` setting of the wrong kind, as an error naming the setting and what it must be."""
    return [
        Error(
            f"{name} {message}.",
            hint=f"Fix {name} in the settings or its environment variable, or leave it out for its default.",
            obj=name,
            id=check_id,
        )
        for name, message, check_id in problems()
    ]
