"""Readability of the person's version: plain words score above the target, dense jargon below, and
the score is for exactly the sentences the person's version shows."""

import datetime

import pytest

from lived.plans import readability as readability_module
from lived.plans import services
from lived.plans.models import Action, Outcome, PromptCard, Routine, RoutineStep
from lived.plans.readability import (
    TARGET,
    Readability,
    clock,
    first_person,
    person_version,
    readability,
    score_text,
    sentence,
)

PLAIN = (
    "I want to cook my own tea. Staff will shop with me on Mondays. "
    "We will look at it again in six weeks. I will say if it is not working."
)
JARGON = (
    "The multidisciplinary practitioner will facilitate holistic psychosocial interventions, "
    "optimising therapeutic engagement and maximising functional independence through "
    "person-centred biopsychosocial formulation and comprehensive interdisciplinary collaboration."
)


def test_plain_text_scores_above_the_target():
    result = score_text(PLAIN)
    assert isinstance(result, Readability)
    assert result.target == TARGET == 60
    assert result.score > TARGET
    assert result.meets_target is True
    assert result.label in {"Easy to read", "Fairly easy"}


def test_dense_jargon_scores_below_the_target():
    result = score_text(JARGON)
    assert result.score < TARGET
    assert result.meets_target is False
    assert result.label == "Hard to read"


def test_scores_stay_between_0_and_100():
    assert 0 <= score_text("Go.").score <= 100
    assert 0 <= score_text(JARGON).score <= 100


def test_nothing_to_read_is_not_scored_as_hard():
    result = score_text("   ")
    assert result.meets_target is False
    assert result.label == "Nothing to score yet"


def test_the_score_never_downloads_anything(monkeypatch):
    import nltk

    def refuse(*args, **kwargs):
        raise AssertionError("readability must not download anything")

    monkeypatch.setattr(nltk, "download", refuse)
    assert score_text("A brand new sentence about my garden and the bees in it.").score > 0


def test_bands_are_in_plain_words():
    assert [label for _, label in readability_module.BANDS] == ["Easy to read", "Fairly easy", "Hard to read"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("shop for one meal with Sam", "Shop for one meal with me."),
        ("Ask Sam if she wants tea", "Ask me if she wants tea."),
        ("Put Sam's tablets out", "Put my tablets out."),
        ("Sam's key is on the hook", "My key is on the hook."),
        ("Sam chooses the film", "I choose the film."),
        ("Samuel is the neighbour", "Samuel is the neighbour."),
    ],
)
def test_staff_words_are_turned_to_the_first_person(text, expected):
    assert sentence(first_person(text, ["Sam"])) == expected


def test_times_are_shown_the_nhs_way():
    assert clock(datetime.time(8, 0)) == "8am"
    assert clock(datetime.time(8, 30)) == "8:30am"
    assert clock(datetime.time(12, 0)) == "12pm"
    assert clock(datetime.time(17, 45)) == "5:45pm"


def set_window(step, start, end):
    """Times are set directly: lived/core/audit.py cannot yet snapshot a datetime.time, so
    services.add_part fails for a step with a time window (reported; not this module's file)."""
    RoutineStep.objects.filter(pk=step.pk).update(window_start=start, window_end=end)


@pytest.fixture
def plain_plan(person, senior):
    draft = services.start_plan(actor=senior, person=person)
    outcome = services.add_part(
        actor=senior,
        model=Outcome,
        parent=draft,
        data={
            "in_persons_words": "I want to cook my own tea twice a week.",
            "life_area": "home",
            "chime_domain": "empowerment",
            "evidence": "The meals I cook",
            "review_owner": senior,
            "review_frequency_weeks": 6,
        },
    )
    services.add_part(
        actor=senior,
        model=Action,
        parent=outcome,
        data={"what": "Shop for one meal with Sam", "owner": senior, "frequency": "Mondays"},
    )
    routine = services.add_part(actor=senior, model=Routine, parent=draft, data={"name": "My morning"})
    step = services.add_part(actor=senior, model=RoutineStep, parent=routine, data={"what": "Tea first"})
    set_window(step, datetime.time(8, 0), datetime.time(8, 45))
    services.add_part(
        actor=senior,
        model=PromptCard,
        parent=draft,
        data={
            "title": "When I feel worried",
            "green_looks_like": "I chat",
            "green_staff_do": "Chat back",
            "amber_looks_like": "I go quiet",
            "amber_staff_do": "Give me time",
            "red_looks_like": "I shout",
            "red_staff_do": "Step back and wait",
        },
    )
    return draft


@pytest.mark.django_db
def test_a_plain_plan_meets_the_target(plain_plan):
    result = readability(plain_plan)
    assert result.meets_target, result


@pytest.mark.django_db
def test_the_score_is_for_the_sentences_the_person_sees(plain_plan):
    content = person_version(plain_plan)
    sentences = content.sentences()
    assert "I want to cook my own tea twice a week." in sentences
    assert "Shop for one meal with me." in sentences
    assert "Senior Tester will do this." in sentences
    assert "When: Mondays." in sentences
    assert "Between 8am and 8:45am." in sentences
    assert "We will look at this again every 6 weeks." in sentences
    assert readability(plain_plan).score == score_text(" ".join(sentences)).score


@pytest.mark.django_db
def test_jargon_in_the_plan_pulls_the_score_below_the_target(person, senior):
    draft = services.start_plan(actor=senior, person=person)
    outcome = services.add_part(
        actor=senior,
        model=Outcome,
        parent=draft,
        data={
            "in_persons_words": JARGON,
            "life_area": "health",
            "chime_domain": "empowerment",
            "evidence": JARGON,
        },
    )
    services.add_part(
        actor=senior,
        model=Action,
        parent=outcome,
        data={"what": JARGON, "owner": senior, "frequency": "Weekly"},
    )
    assert not readability(draft).meets_target


def test_no_plan_has_nothing_to_score():
    assert readability(None).label == "Nothing to score yet"
    assert person_version(None) is None
