import pytest

from lived.outcomes import services


@pytest.fixture
def scale(service, senior):
    return services.define_scale(
        actor=senior,
        service=service,
        data={
            "name": "Anxiety",
            "question": "How anxious have you felt this week?",
            "low": 0,
            "high": 10,
            "low_anchor": "not at all",
            "high_anchor": "extremely",
            "higher_is_better": False,
            "chime_domain": "hope",
        },
    )


@pytest.fixture
def key_worked_person(person, support_worker):
    type(person).objects.filter(pk=person.pk).update(key_worker=support_worker)
    person.refresh_from_db()
    return person
