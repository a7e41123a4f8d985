"""Every change to person data goes through these functions. Each runs in one transaction, validates,
writes, and writes its audit row with the values before and after. Callers never write any other way."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from lived.core.audit import record_change, snapshot
from lived.core.concurrency import check_version
from lived.core.models import AuditEvent
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


def _mark_archived(current, actor, reason: str) -> None:
    """Archive, never delete. The version moves on so an edit opened before archiving cannot save over it."""
    current.archived_at = timezone.now()
    current.archived_by = actor
    current.archived_reason = reason
    current.version += 1
    current.save(update_fields=["archived_at", "archived_by", "archived_reason", "version", "updated_at"])


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
    with transaction.atomic():
        current = Person.objects.select_for_update().get(pk=person.pk)
        check_version(current, opened_version, data)
        before = snapshot(current, Person.DETAIL_FIELDS)
        _apply(current, data)
        current.version += 1
        current.updated_by = actor
        current.full_clean()
        current.save()
        record_change(
            actor=actor,
            action=A.UPDATE,
            obj=current,
            person_public_id=current.public_id,
            what="Personal details",
            before=before,
            after=snapshot(current, Person.DETAIL_FIELDS),
        )
    return current


def archive_person(*, actor, person: Person, reason: str) -> Person:
    if not reason.strip():
        raise ValueError("A reason is required to archive a record.")
    with transaction.atomic():
        current = Person.objects.select_for_update().get(pk=person.pk)
        if current.archived_at:
            return current  # archiving twice is a no-op, not an error
        _mark_archived(current, actor, reason)
        record_change(
            actor=actor,
            action=A.ARCHIVE,
            obj=current,
            person_public_id=current.public_id,
            what="Record archived",
            after={"reason": reason},
        )
    return current


def add_about_me_entry(
    *, actor, person: Person, section: str, text: str, in_persons_words: bool
) -> AboutMeEntry:
    """The person writing on their own account is always in their own words; staff writing the
    person's words are recorded as having supported them."""
    is_person = person.user_id is not None and person.user_id == actor.pk
    with transaction.atomic():
        entry = AboutMeEntry(
            person=person,
            section=section,
            text=text.strip(),
            in_persons_words=True if is_person else in_persons_words,
            written_by=actor,
            supported_by=None if is_person or not in_persons_words else actor,
            created_by=actor,
            updated_by=actor,
        )
        entry.full_clean()
        entry.save()
        record_change(
            actor=actor,
            action=A.CREATE,
            obj=entry,
            person_public_id=person.public_id,
            what=f"About me: {entry.get_section_display()}",
            after=snapshot(entry, AboutMeEntry.AUDIT_FIELDS),
        )
    return entry


def update_about_me_entry(*, actor, entry: AboutMeEntry, data: dict, opened_version: int) -> AboutMeEntry:
    with transaction.atomic():
        current = AboutMeEntry.objects.select_for_update().select_related("person").get(pk=entry.pk)
        check_version(current, opened_version, data)
        before = snapshot(current, AboutMeEntry.AUDIT_FIELDS)
        is_person = current.person.user_id is not None and current.person.user_id == actor.pk
        current.text = data["text"].strip()
        current.section = data.get("section", current.section)
        if is_person:
            current.in_persons_words = True
            current.written_by = actor
            current.supported_by = None
        else:
            current.in_persons_words = data.get("in_persons_words", current.in_persons_words)
            if current.in_persons_words:
                current.supported_by = actor
        current.written_on = timezone.localdate()
        current.version += 1
        current.updated_by = actor
        current.full_clean()
        current.save()
        record_change(
            actor=actor,
            action=A.UPDATE,
            obj=current,
            person_public_id=current.person.public_id,
            what=f"About me: {current.get_section_display()}",
            before=before,
            after=snapshot(current, AboutMeEntry.AUDIT_FIELDS),
        )
    return current


def archive_about_me_entry(*, actor, entry: AboutMeEntry, reason: str) -> AboutMeEntry:
    with transaction.atomic():
        current = AboutMeEntry.objects.select_for_update().select_related("person").get(pk=entry.pk)
        if current.archived_at:
            return current
        _mark_archived(current, actor, reason)
        record_change(
            actor=actor,
            action=A.ARCHIVE,
            obj=current,
            person_public_id=current.person.public_id,
            what=f"About me: {current.get_section_display()}",
            before=snapshot(current, AboutMeEntry.AUDIT_FIELDS),
            after={"reason": reason},
        )
    return current


def save_communication_profile(
    *, actor, person: Person, data: dict, opened_version: int
) -> CommunicationProfile:
    with transaction.atomic():
        current, _ = CommunicationProfile.objects.select_for_update().get_or_create(
            person=person, defaults={"created_by": actor, "updated_by": actor}
        )
        check_version(current, opened_version, data)
        before = snapshot(current, CommunicationProfile.AUDIT_FIELDS)
        _apply(current, data)
        current.version += 1
        current.updated_by = actor
        current.full_clean()
        current.save()
        if "trusted_staff" in data:
            current.trusted_staff.set(data["trusted_staff"])
        record_change(
            actor=actor,
            action=A.UPDATE,
            obj=current,
            person_public_id=person.public_id,
            what="Communication and consent profile",
            before=before,
            after=snapshot(current, CommunicationProfile.AUDIT_FIELDS),
        )
    return current


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
    with transaction.atomic():
        current = CircleMember.objects.select_for_update().select_related("person").get(pk=member.pk)
        check_version(current, opened_version, data)
        before = snapshot(current, CircleMember.AUDIT_FIELDS)
        _apply(current, data)
        current.version += 1
        current.updated_by = actor
        current.full_clean()
        current.save()
        record_change(
            actor=actor,
            action=A.UPDATE,
            obj=current,
            person_public_id=current.person.public_id,
            what="Circle of support: member changed",
            before=before,
            after=snapshot(current, CircleMember.AUDIT_FIELDS),
        )
    return current


def archive_circle_member(*, actor, member: CircleMember, reason: str) -> CircleMember:
    """Removing someone from the circle also withdraws everything shared with them."""
    with transaction.atomic():
        current = CircleMember.objects.select_for_update().select_related("person").get(pk=member.pk)
        if current.archived_at:
            return current
        _mark_archived(current, actor, reason)
        for agreement in current.sharing_agreements.filter(withdrawn_at__isnull=True):
            withdraw_sharing(actor=actor, agreement=agreement, reason=f"Removed from circle: {reason}")
        record_change(
            actor=actor,
            action=A.ARCHIVE,
            obj=current,
            person_public_id=current.person.public_id,
            what="Circle of support: member removed",
            before=snapshot(current, CircleMember.AUDIT_FIELDS),
            after={"reason": reason},
        )
    return current


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
    with transaction.atomic():
        current = (
            SharingAgreement.objects.select_for_update()
            .select_related("person", "member")
            .get(pk=agreement.pk)
        )
        if current.withdrawn_at:
            return current
        current.withdrawn_at = timezone.now()
        current.withdrawn_by = actor
        current.withdrawn_reason = reason
        current.updated_by = actor
        current.save()
        record_change(
            actor=actor,
            action=A.WITHDRAW,
            obj=current,
            person_public_id=current.person.public_id,
            what=f"Sharing withdrawn: {current.get_section_display()} with {current.member}",
            after={"reason": reason},
        )
    return current


def save_advance_wishes(
    *, actor, person: Person, statement: str, opened_version: int
) -> AdvanceSharingWishes:
    with transaction.atomic():
        current, _ = AdvanceSharingWishes.objects.select_for_update().get_or_create(
            person=person, defaults={"created_by": actor, "updated_by": actor}
        )
        check_version(current, opened_version, {"statement": statement})
        before = snapshot(current, AdvanceSharingWishes.AUDIT_FIELDS)
        current.statement = statement.strip()
        current.version += 1
        current.updated_by = actor
        current.save()
        record_change(
            actor=actor,
            action=A.UPDATE,
            obj=current,
            person_public_id=person.public_id,
            what="Advance wishes about sharing",
            before=before,
            after=snapshot(current, AdvanceSharingWishes.AUDIT_FIELDS),
        )
    return current


def set_wishes_in_force(*, actor, person: Person, in_force: bool, reason: str) -> AdvanceSharingWishes:
    if not reason.strip():
        raise ValueError("Say why the wishes are being put in force or stood down.")
    with transaction.atomic():
        current, _ = AdvanceSharingWishes.objects.select_for_update().get_or_create(
            person=person, defaults={"created_by": actor, "updated_by": actor}
        )
        before = snapshot(current, AdvanceSharingWishes.AUDIT_FIELDS)
        current.in_force = in_force
        current.in_force_since = timezone.now() if in_force else None
        current.in_force_reason = reason.strip()
        current.version += 1
        current.updated_by = actor
        current.save()
        record_change(
            actor=actor,
            action=A.UPDATE,
            obj=current,
            person_public_id=person.public_id,
            what="Advance wishes put in force" if in_force else "Advance wishes stood down",
            before=before,
            after=snapshot(current, AdvanceSharingWishes.AUDIT_FIELDS),
        )
    return current
