from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in


def _stamp_session(sender, request, user, **kwargs):
    """Signing in saves a new session: its idle clock starts now (SessionRefreshMiddleware)."""
    from lived.accounts.middleware import stamp_session  # noqa: PLC0415 (apps load before models)

    stamp_session(request)


class AccountsConfig(AppConfig):
    name = "lived.accounts"
    label = "accounts"

    def ready(self):
        user_logged_in.connect(_stamp_session, dispatch_uid="lived.accounts.stamp_session")
