"""Giving people we support and circle members their own sign-in."""

from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from lived.accounts.models import User
from lived.core.audit import record_change
from lived.core.models import AuditEvent


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
