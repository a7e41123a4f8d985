"""Notes for tests: a note's form data, and people with agreed plans, handover and notes for the
briefing tests."""

import uuid

from lived.notes import services
from lived.people import services as people_services
from tests.factories import person_data
from tests.plans.factories import agree, make_plan


def note_data(**overrides):
    data = {
        "outcome": "as_agreed",
        "choices_offered": "",
        "chosen": "",
        "alternative_offered": "",
        "what_happened_next": "",
        "adjustments": "",
        "text": "",
        "self_rating": None,
        "steps": [],
        "actions": [],
        "idempotency_key": uuid.uuid4(),
    }
    data.update(overrides)
    return data


def _people(count, service, senior):
    for n in range(count):
        created = people_services.create_person(
            actor=senior, data=person_data(service, given_name=f"P{n}", nhs_number="")
        )
        plan = make_plan(created, senior)
        agree(plan.draft, senior)
        services.add_handover(actor=senior, person=created, text="Fine")
        services.record_note(actor=senior, person=created, data=note_data(text="Tea"))
