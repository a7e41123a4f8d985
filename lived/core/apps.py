from django.apps import AppConfig
from django.core import checks
from django.core.signals import setting_changed

from lived.core import conf
from lived.core.checks import check_lived_settings


class CoreConfig(AppConfig):
    name = "lived.core"
    label = "core"

    def ready(self):
        # A bad LIVED_* setting fails `manage.py check` and start-up, not the first page that needs it.
        checks.register(check_lived_settings, "lived")
        # Settings changed by override_settings (tests) are read again.
        setting_changed.connect(conf.forget, dispatch_uid="lived.core.conf.forget")
