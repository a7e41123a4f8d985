"""Authenticator apps (TOTP devices) for two-factor sign-in: who may add one, and adding or removing
one with an audit row and an email to the account's owner."""

from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from lived.accounts.models import User
from lived.core.audit import record_change
from lived.core.models import AuditEvent

# The unconfirmed device this browser session is setting up. Bound to the session so that a key shown
# in a set-up someone abandoned (or watched over a shoulder) is never the key confirmed later.
PENDING_DEVICE_SESSION_KEY = "lived_pending_device_id"


def confirmed_devices(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id")


def may_set_up_device(user) -> bool:
    """Set-up is open before the first authenticator app is confirmed, or once this session has been
    verified with one the user already has. Otherwise a password alone could add a second factor."""
    return user.is_verified() or not confirmed_devices(user).exists()


def pending_device(request) -> TOTPDevice:
    """The unconfirmed device for this session, made fresh (with a new key) when there is none.
    Making one clears the user's other unconfirmed devices: they are never 'enrolled'."""
    user = request.user
    device_id = request.session.get(PENDING_DEVICE_SESSION_KEY)
    device = TOTPDevice.objects.filter(user=user, confirmed=False, id=device_id).first()
    if device is None:
        with transaction.atomic():
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
        request.session[PENDING_DEVICE_SESSION_KEY] = device.id
    return device


def _tell_the_user(user: User, subject: str, body: str) -> None:
    if user.email:
        send_mail(subject, f"Hello {user.first_name or user.username},\n\n{body}", None, [user.email])


def add_device(*, user: User, device: TOTPDevice, verified: bool) -> TOTPDevice:
    """Confirm the user's pending device, once its code has been checked. Refused unless set-up is open
    to them (`verified`: this session passed two-factor with a device they already had), checked again
    here with the user's row locked, so two set-ups racing cannot both confirm without the first
    device. Writes the audit row and, after commit, emails the user."""
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        already = confirmed_devices(user).count()
        if already and not verified:
            raise PermissionDenied("Verify with an authenticator app you already have first.")
        if device.user_id != user.pk or device.confirmed:
            raise PermissionDenied("This is not a set-up in progress for you.")
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        ordinal = "A second" if already == 1 else "Another" if already else "An"
        record_change(
            actor=user,
            action=AuditEvent.Action.CREATE,
            obj=device,
            what=f"{ordinal} authenticator app added for two-factor sign-in",
            after={"user": str(user.public_id), "device": device.name, "apps_now": already + 1},
        )
        when = timezone.localtime().strftime("%d %B %Y at %H:%M")
        transaction.on_commit(
            lambda: _tell_the_user(
                user,
                "An authenticator app was added to your Lived sign-in",
                f"{ordinal} authenticator app was added to your Lived sign-in on {when}. "
                f"You now have {already + 1}.\n\n"
                "If this was not you, tell your manager straight away: someone may know your password.",
            )
        )
    return device


def remove_device(*, user: User, device: TOTPDevice) -> None:
    """Remove one of the user's confirmed authenticator apps (only from a verified session: the view
    is behind two-factor). Writes the audit row and, after commit, emails the user."""
    with transaction.atomic():
        if device.user_id != user.pk or not device.confirmed:
            raise PermissionDenied("This is not one of your authenticator apps.")
        left = confirmed_devices(user).count() - 1
        record_change(
            actor=user,
            action=AuditEvent.Action.ARCHIVE,
            obj=device,
            what="Authenticator app removed from two-factor sign-in",
            before={"user": str(user.public_id), "device": device.name, "apps_now": left + 1},
            after={"user": str(user.public_id), "apps_now": left},
        )
        device.delete()
        when = timezone.localtime().strftime("%d %B %Y at %H:%M")
        transaction.on_commit(
            lambda: _tell_the_user(
                user,
                "An authenticator app was removed from your Lived sign-in",
                f"An authenticator app was removed from your Lived sign-in on {when}. "
                f"You now have {left}.\n\n"
                "If this was not you, tell your manager straight away: someone may know your password.",
            )
        )
