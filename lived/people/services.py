"""Every change to person data goes through these functions. Each runs in one transaction, validates,
writes, and writes its audit row with the values before and after. Callers never write any other way."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from lived.core.audit import record_change, snapshot
from lived.core.concurrency import StaleEdit, check_version
from lived.core.models import AuditEvent
from lived.core.updates import locked_for_change
from lived.people.models import (
    AboutMeEntry,
    AdvanceSharingWishes,
    CircleMember,
    CommunicationProfile,
    Person,
    SharingAgreement,
)

A = AuditEvent.Action


def _apply(instance, data: dict) -> None:
    for name, value in data.items():
        if name != "trusted_staff":
            setattr(instance, name, value)


# What archiving changes. Archive, never delete; the version moves on (locked_for_change, or
# _mark_archived) so an edit opened before archiving cannot save over it.
ARCHIVE_FIELDS = ["archived_at", "archived_by", "archived_reason"]


def _stamp_archived(current, actor, reason: str) -> None:
    current.archived_at = timezone.now()
    current.archived_by = actor
    current.archived_reason = reason


def _mark_archived(current, actor, reason: str) -> None:
    """Archive a row the caller has locked and audits itself (an About me version being replaced)."""
    _stamp_archived(current, actor, reason)
    current.version += 1
    current.save(update_fields=[*ARCHIVE_FIELDS, "version", "updated_at"])


def create_person(*, actor, data: dict) -> Person:
    with transaction.atomic():
        person = Person(created_by=actor, updated_by=actor)
        _apply(person, data)
        person.full_clean()
        person.save()
        CommunicationProfile.objects.create(person=person, created_by=actor, updated_by=actor)
        AdvanceSharingWishes.objects.create(person=person, created_by=actor, updated_by=actor)
        record_change(
            actor=actor,
            action=A.CREATE,
            obj=person,
            person_public_id=person.public_id,
            what="Record created",
            after=snapshot(person, Person.DETAIL_FIELDS),
        )
    return person


def update_person_details(*, actor, person: Person, data: dict, opened_version: int) -> Person:
    with locked_for_change(
        Person,
        person.pk,
        actor=actor,
        person=person,
        fields=Person.DETAIL_FIELDS,
        what="Personal details",
        opened_version=opened_version,
        submitted=data,
        clean=True,
    ) as change:
        _apply(change.obj, data)
    return change.obj


def archive_person(*, actor, person: Person, reason: str) -> Person:
    if not reason.strip():
        raise ValueError("A reason is required to archive a record.")
    with locked_for_change(
        Person,
        person.pk,
        actor=actor,
        person=person,
        action=A.ARCHIVE,
        what="Record archived",
        set_updated_by=False,
        update_fields=ARCHIVE_FIELDS,
    ) as change:
        if change.obj.archived_at:
            return change.unchanged()  # archiving twice is a no-op, not an error
        _stamp_archived(change.obj, actor, reason)
        change.after = {"reason": reason}
    return change.obj


ABOUT_ME_KEY_REUSED = (
    "This was already saved with different words. Nothing new was saved. "
    "Go back to About me to see what is there, then add or change it again."
)
REPLACED = "Replaced by a newer version"


def _is_the_person(actor, person: Person) -> bool:
    return person.user_id is not None and person.user_id == actor.pk


def _already_saved(key, *, person: Person, actor, section: str, text: str, replaces=None):
    """The entry already saved with this form's key, if it holds exactly what was posted again (a
    double click, or a retry after the signal dropped). The same key with anything else is refused."""
    if key is None:
        return None
    existing = AboutMeEntry.objects.filter(idempotency_key=key).first()
    if existing is None:
        return None
    same = (
        existing.person_id == person.pk
        and existing.written_by_id == actor.pk
        and existing.section == section
        and existing.text == text
        and existing.replaces_id == (replaces.pk if replaces is not None else None)
    )
    if not same:
        raise ValidationError(ABOUT_ME_KEY_REUSED)
    return existing


def add_about_me_entry(
    *, actor, person: Person, section: str, text: str, in_persons_words: bool, idempotency_key=None
) -> AboutMeEntry:
    """Add an entry, written by `actor`. The person writing on their own account is always in their
    own words. Staff may record the person's own words only as a new entry, written with the person
    (`supported_by` is the staff member); otherwise what staff write is a staff summary.

    Idempotent on `idempotency_key`: the same key and words return the entry already saved; the same
    key with other words is refused (ValidationError) and nothing is saved."""
    is_person = _is_the_person(actor, person)
    in_persons_words = True if is_person else bool(in_persons_words)
    return _save_about_me(
        actor,
        person,
        section=section,
        text=text.strip(),
        idempotency_key=idempotency_key,
        in_persons_words=in_persons_words,
        supported_by=actor if in_persons_words and not is_person else None,
    )


def latest_version(entry: AboutMeEntry) -> AboutMeEntry:
    """The version that replaced this one, and so on, to the one in About me now."""
    while True:
        newer = AboutMeEntry.objects.filter(replaces=entry).first()
        if newer is None:
            return entry
        entry = newer


def update_about_me_entry(
    *, actor, entry: AboutMeEntry, data: dict, opened_version: int, idempotency_key=None
) -> AboutMeEntry:
    """Change an entry by saving a new version, written by `actor`, that replaces it. Nothing is
    written over: the earlier version is archived as replaced and kept, linked by `replaces`.

    Only the person, on their own account, writes a version in their own words. Anyone else's
    version is a staff summary, whatever the form says; when the entry held the person's own words,
    the staff version keeps them (`persons_words`) so they are still shown, as theirs, beside it.
    To record new words the person says, staff add a new entry with them.

    Refused with StaleEdit when the entry changed since `opened_version` (the newest version is the
    one shown). Idempotent on `idempotency_key`, like `add_about_me_entry`."""
    return _save_about_me(
        actor,
        None,  # the replaced entry's person, read with its lock
        section=data.get("section"),
        text=data["text"].strip(),
        idempotency_key=idempotency_key,
        replacing=entry,
        opened_version=opened_version,
        submitted=data,
    )


def _save_about_me(
    actor,
    person: Person | None,
    *,
    section: str | None,
    text: str,
    idempotency_key,
    in_persons_words: bool = False,
    supported_by=None,
    replacing: AboutMeEntry | None = None,
    opened_version: int | None = None,
    submitted: dict | None = None,
) -> AboutMeEntry:
    """The one path that writes About me: a new entry, or a new version `replacing` one (locked,
    checked still current, then archived as replaced and kept). One transaction, one audit row
    (added, or changed with the replaced version as before). The same form saved twice, one after
    the other or at the same moment, saves once."""
    try:
        with transaction.atomic():
            replaces = None
            if replacing is not None:
                replaces = (
                    AboutMeEntry.objects.select_for_update().select_related("person").get(pk=replacing.pk)
                )
                person = replaces.person
                section = section or replaces.section
            existing = _already_saved(
                idempotency_key, person=person, actor=actor, section=section, text=text, replaces=replaces
            )
            if existing is not None:
                return existing
            persons_words = None
            if replaces is not None:
                newest = latest_version(replaces)
                if newest.pk != replaces.pk:
                    raise StaleEdit(current=newest, submitted=submitted, opened_version=opened_version or 0)
                if replaces.archived_at:
                    raise ValidationError(
                        "This entry was removed from About me. Add it again if it is still right."
                    )
                check_version(replaces, opened_version, submitted)
                in_persons_words = _is_the_person(actor, person)
                if not in_persons_words:
                    persons_words = replaces if replaces.in_persons_words else replaces.persons_words
            entry = AboutMeEntry(
                person=person,
                section=section,
                text=text,
                in_persons_words=in_persons_words,
                written_by=actor,
                supported_by=supported_by,
                replaces=replaces,
                persons_words=persons_words,
                idempotency_key=idempotency_key,
                created_by=actor,
                updated_by=actor,
            )
            entry.full_clean()
            before = None
            if replaces is not None:
                before = snapshot(replaces, AboutMeEntry.AUDIT_FIELDS)
                _mark_archived(replaces, actor, REPLACED)
            entry.save()
            record_change(
                actor=actor,
                action=A.CREATE if replaces is None else A.UPDATE,
                obj=entry,
                person_public_id=person.public_id,
                what=_about_me_what(entry),
                before=before,
                after=snapshot(entry, AboutMeEntry.AUDIT_FIELDS),
            )
    except IntegrityError:
        # The same form arrived twice at the same moment: the first one won.
        if replacing is None:
            existing = _already_saved(idempotency_key, person=person, actor=actor, section=section, text=text)
            if existing is None:
                raise
            return existing
        existing = (
            AboutMeEntry.objects.filter(idempotency_key=idempotency_key).first() if idempotency_key else None
        )
        if existing is not None and existing.replaces_id == replacing.pk and existing.text == text:
            return existing
        raise StaleEdit(
            current=latest_version(replacing), submitted=submitted, opened_version=opened_version or 0
        ) from None
    return entry


def _about_me_what(entry: AboutMeEntry) -> str:
    return f"About me: {entry.get_section_display()}"


def archive_about_me_entry(*, actor, entry: AboutMeEntry, reason: str) -> AboutMeEntry:
    with locked_for_change(
        AboutMeEntry.objects.select_related("person"),
        entry.pk,
        actor=actor,
        action=A.ARCHIVE,
        fields=AboutMeEntry.AUDIT_FIELDS,
        what=_about_me_what,
        set_updated_by=False,
        update_fields=ARCHIVE_FIELDS,
    ) as change:
        if change.obj.archived_at:
            return change.unchanged()
        _stamp_archived(change.obj, actor, reason)
        change.after = {"reason": reason}
    return change.obj


STAFF_SUMMARY_ONLY = "Your own words are always shared. This choice is only for what staff wrote."
ONLY_THE_PERSON = "Only you can choose this, signed in to your own account."


def share_staff_summary(*, actor, entry: AboutMeEntry, shared: bool) -> AboutMeEntry:
    """The person chooses whether one staff summary in their About me is shown to the people they
    share About me with. Only the person, on their own account, may choose (PermissionDenied for
    anyone else), only for a current staff summary (ValidationError for their own words, which are
    always shared, or a version no longer current). Audited; choosing the same again writes nothing."""
    with locked_for_change(
        AboutMeEntry.objects.select_related("person"),
        entry.pk,
        actor=actor,
        fields=AboutMeEntry.AUDIT_FIELDS,
        what=_about_me_what,
        bump_version=False,
        update_fields=["shared_with_circle"],
    ) as change:
        current = change.obj
        if not _is_the_person(actor, current.person):
            raise PermissionDenied(ONLY_THE_PERSON)
        if current.in_persons_words:
            raise ValidationError(STAFF_SUMMARY_ONLY)
        if current.archived_at:
            raise ValidationError("This is no longer in your About me. Go back to see what is there now.")
        if current.shared_with_circle == shared:
            return change.unchanged()
        current.shared_with_circle = shared
    return change.obj


def save_communication_profile(
    *, actor, person: Person, data: dict, opened_version: int
) -> CommunicationProfile:
    """Save the profile, writing it first if the person has none yet (pages show a blank one and never
    write it): a create or an update, each with its audit row, in one transaction."""
    with locked_for_change(
        CommunicationProfile,
        lookup={"person": person},
        create={"created_by": actor, "updated_by": actor},
        actor=actor,
        person=person,
        fields=CommunicationProfile.AUDIT_FIELDS,
        what="Communication and consent profile",
        opened_version=opened_version,
        submitted=data,
        clean=True,
    ) as change:
        _apply(change.obj, data)
        if "trusted_staff" in data:
            change.obj.trusted_staff.set(data["trusted_staff"])
    return change.obj


def add_circle_member(*, actor, person: Person, data: dict) -> CircleMember:
    with transaction.atomic():
        member = CircleMember(person=person, created_by=actor, updated_by=actor)
        _apply(member, data)
        member.full_clean()
        member.save()
        record_change(
            actor=actor,
            action=A.CREATE,
            obj=member,
            person_public_id=person.public_id,
            what="Circle of support: member added",
            after=snapshot(member, CircleMember.AUDIT_FIELDS),
        )
    return member


def update_circle_member(*, actor, member: CircleMember, data: dict, opened_version: int) -> CircleMember:
    with locked_for_change(
        CircleMember.objects.select_related("person"),
        member.pk,
        actor=actor,
        fields=CircleMember.AUDIT_FIELDS,
        what="Circle of support: member changed",
        opened_version=opened_version,
        submitted=data,
        clean=True,
    ) as change:
        _apply(change.obj, data)
    return change.obj


def archive_circle_member(*, actor, member: CircleMember, reason: str) -> CircleMember:
    """Removing someone from the circle also withdraws everything shared with them."""
    with locked_for_change(
        CircleMember.objects.select_related("person"),
        member.pk,
        actor=actor,
        action=A.ARCHIVE,
        fields=CircleMember.AUDIT_FIELDS,
        what="Circle of support: member removed",
        set_updated_by=False,
        update_fields=ARCHIVE_FIELDS,
    ) as change:
        current = change.obj
        if current.archived_at:
            return change.unchanged()
        _stamp_archived(current, actor, reason)
        for agreement in current.sharing_agreements.filter(withdrawn_at__isnull=True):
            withdraw_sharing(actor=actor, agreement=agreement, reason=f"Removed from circle: {reason}")
        change.after = {"reason": reason}
    return change.obj


def agree_sharing(*, actor, person: Person, data: dict) -> SharingAgreement:
    with transaction.atomic():
        agreement = SharingAgreement(person=person, created_by=actor, updated_by=actor)
        _apply(agreement, data)
        if agreement.member.person_id != person.pk:
            raise ValueError("That member is not in this person's circle.")
        agreement.full_clean()
        agreement.save()
        record_change(
            actor=actor,
            action=A.CREATE,
            obj=agreement,
            person_public_id=person.public_id,
            what=f"Sharing: {agreement.get_section_display()} with {agreement.member}",
            after=snapshot(agreement, SharingAgreement.AUDIT_FIELDS),
        )
    return agreement


def withdraw_sharing(*, actor, agreement: SharingAgreement, reason: str) -> SharingAgreement:
    with locked_for_change(
        SharingAgreement.objects.select_related("person", "member"),
        agreement.pk,
        actor=actor,
        action=A.WITHDRAW,
        what=lambda current: f"Sharing withdrawn: {current.get_section_display()} with {current.member}",
    ) as change:
        current = change.obj
        if current.withdrawn_at:
            return change.unchanged()
        current.withdrawn_at = timezone.now()
        current.withdrawn_by = actor
        current.withdrawn_reason = reason
        change.after = {"reason": reason}
    return change.obj


def save_advance_wishes(
    *, actor, person: Person, statement: str, opened_version: int
) -> AdvanceSharingWishes:
    """Save the wishes, writing them first if the person has none yet (pages never write them)."""
    with _locked_wishes(
        actor,
        person,
        "Advance wishes about sharing",
        opened_version=opened_version,
        submitted={"statement": statement},
    ) as change:
        change.obj.statement = statement.strip()
    return change.obj


def _locked_wishes(actor, person: Person, what: str, **options):
    return locked_for_change(
        AdvanceSharingWishes,
        lookup={"person": person},
        create={"created_by": actor, "updated_by": actor},
        actor=actor,
        person=person,
        fields=AdvanceSharingWishes.AUDIT_FIELDS,
        what=what,
        **options,
    )


def set_wishes_in_force(*, actor, person: Person, in_force: bool, reason: str) -> AdvanceSharingWishes:
    if not reason.strip():
        raise ValueError("Say why the wishes are being put in force or stood down.")
    what = "Advance wishes put in force" if in_force else "Advance wishes stood down"
    with _locked_wishes(actor, person, what) as change:
        current = change.obj
        now = timezone.now()
        current.in_force = in_force
        current.in_force_since = now if in_force else None
        current.in_force_reason = reason.strip()
        current.in_force_changed_by = actor
        current.in_force_changed_at = now
        transaction.on_commit(lambda: _tell_the_person_wishes_changed(person, in_force))
    return change.obj


def _tell_the_person_wishes_changed(person: Person, in_force: bool) -> None:
    """An email saying only that something changed, never what or why: email is not the place for
    health details. The page (/me/) says who decided, when, why and what it means."""
    user = person.user
    if user is None or not user.email:
        return
    change = "are now being followed" if in_force else "have stopped being followed"
    send_mail(
        "Something has changed in your Lived record",
        f"Hello {user.first_name or person.known_as},\n\nYour wishes for when you are unwell {change}. "
        "Sign in to Lived to read who decided this, why, and what it means for you.",
        None,
        [user.email],
        # The decision is saved and the page says it; a mail server being down must not undo that.
        fail_silently=True,
    )
