"""Outcomes for tests: a questionnaire's answers, a full health check, and one of every outcomes
object for the permission matrix, shared by the outcomes and notes tests."""

from decimal import Decimal

from django.utils import timezone

from lived.outcomes import services
from lived.outcomes.measures import get_measure

TODAY = timezone.localdate()


def all_answers(code, value=0, **overrides):
    measure = get_measure(code)
    return {c: value for c in measure.item_codes} | overrides


def full_check(**extra):
    data = {
        "checked_on": TODAY,
        "done_by": "Elm Surgery",
        "height_cm": Decimal("170.0"),
        "weight_kg": Decimal("72.3"),
        "systolic": 120,
        "diastolic": 80,
        "glucose_test": "hba1c",
        "glucose_value": Decimal("40.0"),
        "cholesterol": Decimal("4.9"),
        "smoking": "never",
        "alcohol_units": 4,
    }
    return data | extra


class Objects:
    def __init__(self, person, senior, service):
        self.p = person.public_id
        scale = services.define_scale(
            actor=senior,
            service=service,
            data={"name": "Anxiety", "question": "How anxious?", "low": 0, "high": 10},
        )
        self.scale = scale.public_id
        response = services.complete_measure(
            actor=senior,
            person=person,
            measure_code="phq9",
            answers=all_answers("phq9", phq9_9=1),
            mode="with_staff",
        )
        self.alert = response.alert.public_id
        check = services.record_health_check(actor=senior, person=person, data=full_check())
        self.check = check.public_id
        self.follow_up = services.add_follow_up(
            actor=senior,
            person=person,
            health_check=check,
            what="BP again",
            owner=senior,
            due_on=check.checked_on,
        ).public_id
        self.group = services.create_group(
            actor=senior,
            service=service,
            name="Term",
            starts_on=check.checked_on,
            ends_on=check.checked_on,
            members=[person],
        ).public_id
