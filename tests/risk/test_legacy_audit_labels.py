"""Audit rows written before the risk split name their model as it was labelled then (`risk.Incident`);
audit rows are never changed, so they are read under the label the model has now (ADR 0017,
`lived.core.audit_visibility.LEGACY_KINDS`): every role sees an old row exactly when it sees a new
one, with the same fields, and the row shown carries the new label."""

import pytest
from django.apps import apps

from lived.core.audit_visibility import KIND_PERMISSIONS, LEGACY_KINDS, current_kind, visible_audit_rows
from lived.core.models import AuditEvent

pytestmark = pytest.mark.django_db

ROLES = [
    "support_worker",
    "senior",
    "manager",
    "quality_lead",
    "administrator",
    "outsider",
    "person",
    "circle",
]


def _row(person, object_type, after=None):
    return AuditEvent.objects.create(
        actor_description="Test",
        action=AuditEvent.Action.CREATE,
        object_type=object_type,
        person_public_id=person.public_id,
        what=f"row about {object_type}",
        after=after,
    )


def test_every_model_that_moved_has_its_old_label_mapped_to_a_model_that_exists():
    for old, new in LEGACY_KINDS.items():
        assert old.startswith("risk.") and current_kind(old) == new
        apps.get_model(new)  # raises if the label is wrong
        assert old not in KIND_PERMISSIONS


@pytest.mark.parametrize("role", ROLES)
def test_an_old_row_is_shown_to_exactly_those_who_see_a_new_one(users, person, circle_member, role):
    for old, new in LEGACY_KINDS.items():
        _row(person, old, after={"safeguarding_raised": True, "what_happened": "x"})
        _row(person, new, after={"safeguarding_raised": True, "what_happened": "x"})
    rows = list(
        visible_audit_rows(users[role], person, AuditEvent.objects.filter(what__startswith="row about "))
    )
    old_seen = {current_kind(e.what.removeprefix("row about ")) for e in rows if e.what[10:] in LEGACY_KINDS}
    new_seen = {e.what.removeprefix("row about ") for e in rows if e.what[10:] not in LEGACY_KINDS}
    assert old_seen == new_seen
    for event in rows:
        assert event.object_type == current_kind(event.what.removeprefix("row about "))  # shown as now
    by_label = {}
    for event in rows:
        by_label.setdefault(event.object_type, []).append(event.after)
    for shown in by_label.values():
        assert all(after == shown[0] for after in shown)  # the same fields, old row or new
