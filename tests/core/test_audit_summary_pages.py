"""The restore drill's audit summary reads the trail in pages of 2,000 by id (lived/core/backups.py):
every row counted and hashed once, in id order, across page boundaries."""

import hashlib
import json

import pytest

from lived.core.backups import _canonical, audit_summary
from lived.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_a_trail_longer_than_a_page_is_summarised_whole_and_in_order():
    AuditEvent.objects.bulk_create(
        AuditEvent(action=AuditEvent.Action.VIEW, object_type="test.page", what=f"row {n}")
        for n in range(4501)
    )
    fields = [f.attname for f in AuditEvent._meta.concrete_fields]
    expected = hashlib.sha256()
    rows = list(AuditEvent.objects.order_by("id").values_list(*fields))
    for row in rows:
        expected.update(
            json.dumps([_canonical(v) for v in row], sort_keys=True, default=str).encode() + b"\n"
        )
    summary = audit_summary("default")
    assert summary.count == len(rows) >= 4501
    assert summary.max_id == rows[-1][fields.index("id")]
    assert summary.sha256 == expected.hexdigest()
    cut = rows[2500][fields.index("id")]
    assert audit_summary("default", up_to_id=cut).count == 2501
