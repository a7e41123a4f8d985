"""Sign-ins, roles and account changes. Each function runs in one transaction and writes its audit
row (actor, action, object, before/after); emails go after commit.

Giving people we support and circle members their own sign-in, and everything the administration
site changes about who may sign in and what they may see: accounts, roles (with a manager's
confirmation for any role that reads records), password reset links and two-factor devices.
"""

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp import devices_for_user

from lived.accounts.models import CARE_ROLES, Role, RoleGrantRequest, ServiceRole, User
from lived.core.audit import record_change, snapshot
from lived.core.models import AuditEvent
from lived.core.updates import locked_for_change

A = AuditEvent.Action
# What an account's audit rows show before and after a change made in the administration site.
ACCOUNT_FIELDS = ["username", "first_name", "last_name", "email", "is_active", "is_staff", "is_superuser"]
ROLE_FIELDS = ["user", "service", "team", "role"]


def _send_set_password_link(user: User, base_url: str) -> None:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = base_url + reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    send_mail(
        "Your Lived sign-in",
        f"Hello {user.first_name},\n\nYou can now sign in to Lived with the username {user.username}.\n"
        f"Open this link to choose your password:\n\n{link}\n\nThe link works once.",
        None,
        [user.email],
    )


def give_sign_in(
    *, actor, person, first_name: str, last_name: str, username: str, email: str, member=None, base_url: str
) -> User:
    """Create a sign-in for the person (or, with `member`, for someone in their circle), link it to
    the record and email a link to set a password. Runs in one transaction; the email goes after commit."""
    with transaction.atomic():
        user = User(username=username, email=email, first_name=first_name, last_name=last_name)
        user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
        target = member if member is not None else person
        target.__class__.objects.filter(pk=target.pk).update(user=user)
        record_change(
            actor=actor,
            action=AuditEvent.Action.UPDATE,
            obj=target,
            person_public_id=person.public_id,
            what=f"Sign-in given to {member.name if member else person.name}",
            after={"username": username, "email": email},
        )
        transaction.on_commit(lambda: _send_set_password_link(user, base_url))
    return user


# --- Accounts changed in the administration site ---------------------------------------------------


def create_user_account(*, actor, user: User, base_url: str) -> User:
    """Create an account from the administration site. It never has a password anyone else knows and
    is never a superuser: a link to choose a password goes to the account's own email address."""
    with transaction.atomic():
        user.is_superuser = False
        user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
        record_change(
            actor=actor,
            action=A.CREATE,
            obj=user,
            what=f"Account created for {user.display_name}",
            after=snapshot(user, ACCOUNT_FIELDS),
        )
        if user.email:
            transaction.on_commit(lambda: _send_set_password_link(user, base_url))
    return user


def update_user_account(*, actor, user: User) -> User:
    """Save changes made to an account in the administration site, with the values before and after.

    Nobody changes their own access (active, staff), superuser status never changes here, and only a
    superuser changes a superuser's account. When the email address changes, the old address is told,
    so a reset link sent to a new address cannot go unnoticed."""
    # Not locked_for_change: the administration form's own instance is saved, and audited only if changed.
    with transaction.atomic():
        current = User.objects.select_for_update().get(pk=user.pk)
        if current.is_superuser and not actor.is_superuser:
            raise PermissionDenied("Only a superuser changes a superuser's account.")
        if actor.pk == user.pk and (user.is_active, user.is_staff) != (current.is_active, current.is_staff):
            raise ValidationError("You cannot change your own access. Ask another administrator.")
        user.is_superuser = current.is_superuser
        before = snapshot(current, ACCOUNT_FIELDS)
        user.full_clean(exclude=["password"])
        user.save()
        after = snapshot(user, ACCOUNT_FIELDS)
        if before != after:
            record_change(
                actor=actor,
                action=A.UPDATE,
                obj=user,
                what=f"Account changed for {user.display_name}",
                before=before,
                after=after,
            )
        if current.email and current.email != user.email:
            old, new = current.email, user.email
            transaction.on_commit(lambda: _tell_old_address(user, old, new, actor))
    return user


def _tell_old_address(user: User, old: str, new: str, actor) -> None:
    send_mail(
        "Your Lived email address was changed",
        f"Hello {user.first_name},\n\n{actor.display_name} changed the email address of your Lived "
        f"sign-in ({user.username}) to {new or 'none'}.\n\nIf you did not expect this, tell your "
        "manager straight away.",
        None,
        [old],
    )


def send_password_reset_link(*, actor, user: User, base_url: str) -> None:
    """An administrator never sets anyone's password: they send a link to the account's own email
    address, and the person chooses a new password. Audited."""
    if not user.email:
        raise ValidationError(f"{user.display_name} has no email address to send a link to.")
    if user.is_superuser and not actor.is_superuser:
        raise PermissionDenied("Only a superuser resets a superuser's password.")
    with transaction.atomic():
        record_change(
            actor=actor,
            action=A.UPDATE,
            obj=user,
            what=f"Password reset link sent to {user.display_name}",
            after={"sent_to": user.email},
        )
        transaction.on_commit(lambda: _send_set_password_link(user, base_url))


def reset_two_factor(*, actor, user: User) -> int:
    """Remove every two-factor device of another user (a lost phone): they set up a new one at their
    next sign-in, with their own password. Nobody resets their own. Audited; returns how many."""
    if actor.pk == user.pk:
        raise ValidationError("You cannot reset your own two-factor sign-in. Ask another administrator.")
    if user.is_superuser and not actor.is_superuser:
        raise PermissionDenied("Only a superuser resets a superuser's two-factor sign-in.")
    with transaction.atomic():
        devices = list(devices_for_user(user, confirmed=None))
        names = sorted(device.name for device in devices)
        for device in devices:
            device.delete()
        record_change(
            actor=actor,
            action=A.UPDATE,
            obj=user,
            what=f"Two-factor sign-in reset for {user.display_name}",
            before={"two_factor_devices": names},
            after={"two_factor_devices": []},
        )
        if user.email:
            transaction.on_commit(lambda: _tell_two_factor_reset(user, actor))
    return len(devices)


def _tell_two_factor_reset(user: User, actor) -> None:
    send_mail(
        "Your Lived two-factor sign-in was reset",
        f"Hello {user.first_name},\n\n{actor.display_name} removed the authenticator app from your "
        "Lived sign-in. You will set up a new one the next time you sign in.\n\nIf you did not ask "
        "for this, tell your manager straight away.",
        None,
        [user.email],
    )


# --- Roles ---------------------------------------------------------------------------------------


def needs_confirmation(*, actor, user: User, role: str) -> bool:
    """Every role that reads records needs a manager's confirmation, and so does any role an
    administrator asks for themself."""
    return role in CARE_ROLES or actor.pk == user.pk


def check_role_grant(*, actor, user: User, service, role: str, team=None) -> None:
    """Raise ValidationError (with a message for the administrator) if this role cannot be asked for."""
    if role not in Role.values:
        raise ValidationError("Choose a role.")
    if team is not None and team.service_id != service.pk:
        raise ValidationError(f"{team.name} is not a team at {service.name}.")
    label = Role(role).label
    if ServiceRole.objects.filter(user=user, service=service, role=role).exists():
        raise ValidationError(f"{user.display_name} is already {label} at {service.name}.")
    if RoleGrantRequest.objects.pending().filter(user=user, service=service, role=role).exists():
        raise ValidationError(
            f"{label} at {service.name} for {user.display_name} is already waiting for a manager."
        )
    if user.is_superuser and not actor.is_superuser:
        raise PermissionDenied("Only a superuser changes a superuser's roles.")


def grant_role(*, actor, user: User, service, role: str, team=None, base_url: str):
    """Give a role, or ask for it. A role that reads records (or one an administrator asks for
    themself) becomes a pending RoleGrantRequest, and the service's managers are emailed; it takes
    effect only when one of them confirms it. Any other role takes effect at once. Both are audited.
    Returns the RoleGrantRequest or the ServiceRole."""
    check_role_grant(actor=actor, user=user, service=service, role=role, team=team)
    if needs_confirmation(actor=actor, user=user, role=role):
        return _request_role_grant(
            actor=actor, user=user, service=service, role=role, team=team, base_url=base_url
        )
    with transaction.atomic():
        service_role = ServiceRole.objects.create(
            user=user, service=service, team=team, role=role, created_by=actor, updated_by=actor
        )
        _record_role_given(actor, service_role)
    return service_role


def _record_role_given(actor, service_role: ServiceRole) -> None:
    """The audit row for a role that has just taken effect (given directly or on confirmation)."""
    record_change(
        actor=actor,
        action=A.CREATE,
        obj=service_role,
        what=f"Role given: {service_role}"[:200],
        after=snapshot(service_role, ROLE_FIELDS),
    )


def _request_role_grant(*, actor, user, service, role, team, base_url) -> RoleGrantRequest:
    with transaction.atomic():
        grant_request = RoleGrantRequest.objects.create(
            user=user,
            service=service,
            team=team,
            role=role,
            requested_by=actor,
            requested_at=timezone.now(),
            created_by=actor,
            updated_by=actor,
        )
        record_change(
            actor=actor,
            action=A.CREATE,
            obj=grant_request,
            what=f"Role asked for, waiting for a manager: {grant_request}"[:200],
            after=_request_snapshot(grant_request),
        )
        transaction.on_commit(lambda: _tell_managers(grant_request, base_url))
    return grant_request


def _request_snapshot(grant_request: RoleGrantRequest) -> dict:
    data = snapshot(grant_request, [*ROLE_FIELDS, "requested_by", "confirmed_by", "declined_by"])
    data["status"] = str(grant_request.status)
    return data


def managers_of(service):
    return User.objects.filter(
        service_roles__service=service, service_roles__role=Role.MANAGER, is_active=True
    ).distinct()


def _tell_managers(grant_request: RoleGrantRequest, base_url: str) -> None:
    link = base_url + reverse("accounts:role_request", kwargs={"request_id": grant_request.public_id})
    reads = " It would let them read people's records there." if grant_request.role in CARE_ROLES else ""
    for manager in managers_of(grant_request.service):
        if not manager.email or not may_decide(manager, grant_request):
            continue
        send_mail(
            "A role is waiting for you to confirm",
            f"Hello {manager.first_name},\n\n{grant_request.requested_by.display_name} has asked for "
            f"{grant_request.user.display_name} to be {grant_request.get_role_display()} at "
            f"{grant_request.service.name}.{reads}\n\n"
            f"Nothing changes until a manager of {grant_request.service.name} confirms it. Confirm or "
            f"decline it here:\n\n{link}",
            None,
            [manager.email],
        )


def may_decide(user, grant_request: RoleGrantRequest) -> bool:
    """A manager of the request's service who is neither the person who asked nor the person it is for."""
    return (
        user.is_authenticated
        and user.is_active
        and user.has_role(Role.MANAGER, service_id=grant_request.service_id)
        and user.pk != grant_request.requested_by_id
        and user.pk != grant_request.user_id
    )


def _decide(actor, grant_request: RoleGrantRequest) -> RoleGrantRequest:
    current = RoleGrantRequest.objects.select_for_update().get(pk=grant_request.pk)
    if not may_decide(actor, current):
        raise PermissionDenied("Only another manager of this service can decide this.")
    if not current.is_pending:
        raise ValidationError("This request has already been decided.")
    return current


def confirm_role_grant(*, actor, grant_request: RoleGrantRequest) -> ServiceRole:
    """A second person confirms the role: only now does the ServiceRole exist. Audited."""
    with transaction.atomic():
        with _decided(actor, grant_request, "Role confirmed", ["confirmed_by", "confirmed_at"]) as change:
            current = change.obj
            current.confirmed_by, current.confirmed_at = actor, timezone.now()
            service_role, _created = ServiceRole.objects.get_or_create(
                user=current.user,
                service=current.service,
                role=current.role,
                defaults={"team": current.team, "created_by": current.requested_by, "updated_by": actor},
            )
        _record_role_given(actor, service_role)
    return service_role


def _decided(actor, grant_request: RoleGrantRequest, what: str, update_fields: list[str]):
    """The decision on a request, by a manager who may take it, with its audit row."""
    return locked_for_change(
        _decide(actor, grant_request),
        actor=actor,
        person=None,
        fields=_request_snapshot,
        what=lambda current: f"{what}: {current}",
        update_fields=update_fields,
    )


def decline_role_grant(*, actor, grant_request: RoleGrantRequest, reason: str) -> RoleGrantRequest:
    """Decline a role: it never takes effect. Audited with the reason."""
    fields = ["declined_by", "declined_at", "declined_reason"]
    with transaction.atomic(), _decided(actor, grant_request, "Role declined", fields) as change:
        current = change.obj
        current.declined_by, current.declined_at = actor, timezone.now()
        current.declined_reason = reason
        change.after = {**_request_snapshot(current), "declined_reason": reason}
    return change.obj


def remove_role(*, actor, service_role: ServiceRole) -> None:
    """Take a role away at once (removing access is always safe), with the role in the audit row.
    Nobody removes their own roles."""
    if actor.pk == service_role.user_id:
        raise ValidationError("You cannot change your own roles. Ask another administrator.")
    if service_role.user.is_superuser and not actor.is_superuser:
        raise PermissionDenied("Only a superuser changes a superuser's roles.")
    with transaction.atomic():
        before = snapshot(service_role, ROLE_FIELDS)
        what = f"Role removed: {service_role}"[:200]
        record_change(actor=actor, action=A.WITHDRAW, obj=service_role, what=what, before=before)
        service_role.delete()
