"""Every page is behind sign-in; staff must pass two-factor when LIVED_REQUIRE_TWO_FACTOR is on."""

import time

from django.shortcuts import redirect
from django.urls import reverse

from lived.accounts.devices import may_set_up_device
from lived.core.conf import lived_settings
from lived.core.outbox import not_signed_in, wants_json

# /sw.js is the service worker for reading crisis plans offline: one file for everyone, no data in it.
# The health endpoints are for load balancers and say only whether each check passed.
HEALTH = ("/health/live", "/health/ready")
OPEN_PREFIXES = (
    "/static/",
    "/accounts/sign-in/",
    "/accounts/password-reset/",
    "/favicon.ico",
    "/sw.js",
    # A worker's calendar feed: calendar apps cannot sign in; the secret in the address is the key.
    "/rota/calendar/",
    *HEALTH,
)


REFRESHED_AT = "_lived_refreshed_at"


def stamp_session(request) -> None:
    session = getattr(request, "session", None)
    if session is not None:
        session[REFRESHED_AT] = int(time.time())


class SessionRefreshMiddleware:
    """Renews a session's idle clock (its expiry in the session table) at most once every
    LIVED_SESSION_REFRESH_SECONDS, instead of Django's SESSION_SAVE_EVERY_REQUEST writing the session
    row on every request. A session that was changed anyway is saved as usual and its clock noted.
    Sessions that hold nothing (a visitor who never signed in) are never created here."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or response.status_code >= 500:
            return response  # Django does not save the session after a server error either
        if not session.accessed and not session.modified:
            return response  # not loaded on this request (static files, health checks)
        if session.is_empty():
            return response
        now = int(time.time())
        last = session.get(REFRESHED_AT)
        every = lived_settings().session_refresh_seconds
        if session.modified or not isinstance(last, int) or now - last >= every or now < last:
            session[REFRESHED_AT] = now  # marks it modified: SessionMiddleware saves it, expiry renewed
        return response


class SignInRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.user.is_authenticated and not request.path.startswith(OPEN_PREFIXES):
            if request.path.startswith("/admin/"):
                return self.get_response(request)  # the admin has its own sign-in
            if wants_json(request):
                # The phone's outbox: a redirect to the sign-in page would look like a page that
                # loaded, so it is told plainly, and keeps what it was sending (ADR 0008, HAZ-032).
                return not_signed_in("Sign in again to send what is saved on this phone")
            return redirect(f"{reverse('accounts:sign_in')}?next={request.path}")
        return self.get_response(request)


# Open to a signed-in user who has not passed two-factor. The set-up and verify pages are not here:
# which of the two is open depends on whether the user already has an authenticator app.
TWO_FACTOR_OPEN = ("/static/", "/accounts/sign-out/", "/sw.js", *HEALTH)


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            lived_settings().require_two_factor
            and user.is_authenticated
            and (user.roles_by_service or user.is_staff)
            and not user.is_verified()
            and not request.path.startswith(TWO_FACTOR_OPEN)
        ):
            if wants_json(request):
                return not_signed_in("Finish signing in (two-factor) to send what is saved on this phone")
            setup, verify = reverse("accounts:two_factor_setup"), reverse("accounts:two_factor_verify")
            if may_set_up_device(user):  # no authenticator app yet: set one up first
                if request.path != setup:
                    return redirect(setup)
            elif request.path != verify:
                return redirect(f"{verify}?next={request.path}")
        return self.get_response(request)
