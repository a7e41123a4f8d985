"""Limits on guessing: sign-in lockout with a limit per parameter set, and a rate limit on password
reset requests. The design is explained beside the AXES_* settings in lived/config/settings/base.py."""

from hashlib import sha256

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.core.cache import cache
from django.db.models import Sum

from lived.core.conf import lived_settings


def client_address(request) -> str | None:
    """The address the request came from. Behind LIVED_TRUSTED_PROXIES reverse proxies, each of which
    appends the address it saw to X-Forwarded-For, that is the entry the outermost proxy added: entries
    to its left were written by the client and are not to be trusted."""
    proxies = lived_settings().trusted_proxies
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


class SignInLimitsHandler(AxesDatabaseHandler):
    """django-axes counts failures for every set in AXES_LOCKOUT_PARAMETERS but compares them all with
    the one AXES_FAILURE_LIMIT. Here each set has its own limit (LIVED_SIGN_IN_LIMITS): the count
    handed back to axes is each set's failures scaled to AXES_FAILURE_LIMIT, rounded down, so it
    reaches AXES_FAILURE_LIMIT exactly when some set reaches its own limit."""

    def get_failures(self, request, credentials=None) -> int:
        base = settings.AXES_FAILURE_LIMIT
        scaled = [0]
        for attempts, (_, limit) in zip(
            self.get_user_attempts(request, credentials), lived_settings().sign_in_limits, strict=True
        ):
            failures = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            scaled.append(failures * base // limit)
        return max(scaled)

    def reset_user_attempts(self, request, credentials=None) -> int:
        """A successful sign-in clears only that username's failures from that address. Axes would clear
        every set, so anyone with an account of their own could wipe their address's count (and the
        failures against someone else's account) just by signing in between guesses."""
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(
            username=username, ip_address=request.axes_ip_address
        ).delete()
        return count


def _window_count(key: str, minutes: int) -> int:
    """Count one more request in a fixed window of `minutes`, and return the count so far."""
    cache.add(key, 0, timeout=minutes * 60)
    try:
        return cache.incr(key)
    except ValueError:  # the window ended between add and incr
        cache.add(key, 1, timeout=minutes * 60)
        return 1


def password_reset_allowed(request, email: str) -> bool:
    """Count a password reset request from this address for this email and say whether it may go
    ahead. Requests are counted whether or not the email belongs to an account, so being limited tells
    nobody whether an account exists."""
    minutes = lived_settings().password_reset_window_minutes
    # Hashed: the cache never holds an email address, and every key is safe for any cache backend.
    address = sha256(str(client_address(request)).encode()).hexdigest()
    mailbox = sha256(email.strip().lower().encode()).hexdigest()
    by_address = _window_count(f"lived-reset-address:{address}", minutes)
    by_email = _window_count(f"lived-reset-email:{mailbox}", minutes)
    return (
        by_address <= lived_settings().password_reset_per_address
        and by_email <= lived_settings().password_reset_per_email
    )
