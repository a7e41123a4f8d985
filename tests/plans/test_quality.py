"""Plan quality checks: vague statements flagged with a reason, innocent uses left alone, gaps in the
plan found and located in plain words, in a fixed number of queries."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lived.plans import services
from lived.plans.models import Action, Outcome, PromptCard, Routine, RoutineStep
from lived.plans.quality import RULES_FILE, Finding, check_plan, check_text, quote, rules

# (text, the rule codes it should raise). Empty set: nothing to flag.
TEXT_EXAMPLES = [
    ("Promote independence", {"independence"}),
    ("Staff will promote Sam\u2019s independence.", {"independence"}),
    ("Promote\nindependence", {"independence"}),
    ("Encourage her independence", {"independence"}),
    (
        "I want to make my own breakfast. Staff stay nearby in the kitchen on weekday mornings "
        "and only help if I ask.",
        set(),
    ),
    ("Encourage Sam to go to the group", {"encourage"}),
    ("Staff encouraged her to shower", {"encourage"}),
    ("Encouraging healthy eating", {"encourage"}),
    ("ENCOURAGES", {"encourage"}),
    ("I have the courage to try", set()),
    ("Help with shopping as required", {"as_required"}),
    ("Records are kept as required by law.", set()),
    ("Paracetamol PRN", {"as_required"}),
    ("Paracetamol PRN when I say my back hurts, up to 4 times a day.", set()),
    ("Offer a lift if needed, for example when it rains.", set()),
    ("Support with personal care", {"support_with"}),
    ("I write the shopping list. Staff carry the heavy bags.", set()),
    ("Monitor mood", {"monitor"}),
    ("Mood is monitored daily", {"monitor"}),
    ("I check my blood pressure monitor on Sundays.", set()),
    ("Maintain tenancy", {"maintain"}),
    ("Ensure Sam takes medication", {"ensure"}),
    ("Insure my phone", set()),
    ("Engage with services", {"engage"}),
    ("Improve engagement", {"engage"}),
    ("I got engaged last year.", set()),
    ("Offer choices when appropriate", {"when_appropriate"}),
    ("Check in regularly", {"regularly"}),
    ("My regular caf\u00e9 is on the corner.", set()),
    ("Every Tuesday and Friday at 10am.", set()),
    ("Encourage and monitor as needed", {"encourage", "monitor", "as_required"}),
    ("", set()),
]


@pytest.mark.parametrize(("text", "codes"), TEXT_EXAMPLES)
def test_check_text(text, codes):
    assert {f.code for f in check_text(text)} == codes


def _rule_examples():
    data = json.loads(RULES_FILE.read_text(encoding="utf-8"))
    for rule in data["phrases"]:
        for text in rule["examples"].get("flagged", []):
            yield rule["code"], text, True
        for text in rule["examples"].get("not_flagged", []):
            yield rule["code"], text, False


@pytest.mark.parametrize(("code", "text", "flagged"), list(_rule_examples()))
def test_the_examples_in_the_rules_file_hold(code, text, flagged):
    codes = {f.code for f in check_text(text)}
    if flagged:
        assert code in codes
    else:
        assert not codes


def test_a_finding_says_what_why_where_and_what_to_write_instead():
    [finding] = check_text("Promote independence", where="Outcome 1: \u201cPromote independence\u201d")
    assert finding.message == "\u201cPromote independence\u201d is vague"
    assert "Independence means something different" in finding.reason
    assert finding.where == "Outcome 1: \u201cPromote independence\u201d"
    assert finding.suggestion.startswith("Name the thing")
    assert json.dumps(finding.as_dict())


def test_every_rule_has_a_plain_reason_and_suggestion():
    for rule in rules()["phrases"]:
        assert rule.reason and rule.suggestion and rule.message
        assert rule.examples.get("flagged"), rule.code
    for code, text in rules()["structure"].items():
        assert text["message"] and text["reason"] and text["suggestion"], code


def test_quotes_are_short_and_cut_at_a_word():
    assert quote("I want to cook") == "\u201cI want to cook\u201d"
    long = quote("I want to cook my own tea twice a week with my sister and her children on Sundays")
    assert long.endswith("\u2026\u201d") and len(long) <= 53 and " " in long


# --- Whole plans ---------------------------------------------------------------------------------


def outcome_data(**overrides):
    data = {
        "in_persons_words": "I want to cook my own tea twice a week.",
        "life_area": "home",
        "chime_domain": "empowerment",
        "evidence": "Meals I cook, written in my daily notes",
        "review_frequency_weeks": 6,
    }
    data.update(overrides)
    return data


def action_data(owner, **overrides):
    data = {"what": "Shop for one meal with Sam", "owner": owner, "frequency": "Mondays after lunch"}
    data.update(overrides)
    return data


@pytest.fixture
def draft(person, senior):
    return services.start_plan(actor=senior, person=person)


def add_outcome(draft, senior, with_action=True, **overrides):
    outcome = services.add_part(
        actor=senior, model=Outcome, parent=draft, data=outcome_data(review_owner=senior, **overrides)
    )
    if with_action:
        services.add_part(actor=senior, model=Action, parent=outcome, data=action_data(senior))
    return outcome


def codes_for(version):
    return [(f.code, f.where) for f in check_plan(version)]


@pytest.mark.django_db
def test_a_specific_plan_has_no_findings(draft, senior):
    add_outcome(draft, senior)
    assert check_plan(draft) == []


@pytest.mark.django_db
def test_an_empty_plan_is_flagged(draft):
    assert codes_for(draft) == [("no_outcomes", "The whole plan")]


@pytest.mark.django_db
def test_promote_independence_is_flagged_until_it_is_rewritten(draft, senior):
    outcome = add_outcome(draft, senior, in_persons_words="Promote Sam's independence")
    findings = check_plan(draft)
    assert ("independence", "Outcome 1: \u201cPromote Sam's independence\u201d") in [
        (f.code, f.where) for f in findings
    ]
    services.update_part(
        actor=senior,
        part=outcome,
        data={"in_persons_words": "I want to make my own breakfast on weekdays."},
        opened_version=outcome.version,
    )
    assert check_plan(draft) == []


@pytest.mark.django_db
def test_an_outcome_with_no_actions_is_flagged(draft, senior):
    add_outcome(draft, senior, with_action=False)
    assert codes_for(draft) == [
        ("outcome_no_actions", "Outcome 1: \u201cI want to cook my own tea twice a week.\u201d")
    ]


@pytest.mark.django_db
def test_an_action_with_no_owner_or_frequency_is_flagged(draft, senior):
    outcome = add_outcome(draft, senior, with_action=False)
    services.add_part(
        actor=senior,
        model=Action,
        parent=outcome,
        data={"what": "Walk to the shop together", "owner_role": "", "frequency": ""},
    )
    where = "Outcome 1, action 1: \u201cWalk to the shop together\u201d"
    assert codes_for(draft) == [("action_no_owner", where), ("action_no_frequency", where)]


@pytest.mark.django_db
def test_a_role_counts_as_an_owner(draft, senior):
    outcome = add_outcome(draft, senior, with_action=False)
    services.add_part(
        actor=senior,
        model=Action,
        parent=outcome,
        data={
            "what": "Walk to the shop together",
            "owner_role": "Any support worker on shift",
            "frequency": "Fridays",
        },
    )
    assert check_plan(draft) == []


@pytest.mark.django_db
def test_vague_action_wording_is_flagged_where_it_is(draft, senior):
    outcome = add_outcome(draft, senior, with_action=False)
    services.add_part(
        actor=senior,
        model=Action,
        parent=outcome,
        data=action_data(senior, what="Encourage cooking", frequency="As needed"),
    )
    findings = check_plan(draft)
    assert [(f.code, f.where) for f in findings] == [
        ("encourage", "Outcome 1, action 1: \u201cEncourage cooking\u201d"),
        ("as_required", "Outcome 1, action 1: \u201cEncourage cooking\u201d"),
    ]


@pytest.mark.django_db
def test_an_outcome_with_no_evidence_measure_is_flagged(draft, senior):
    add_outcome(draft, senior, evidence="")
    assert [c for c, _ in codes_for(draft)] == ["outcome_no_evidence"]


@pytest.mark.django_db
def test_review_owner_comes_from_the_outcome_or_the_whole_plan(draft, senior):
    outcome = services.add_part(actor=senior, model=Outcome, parent=draft, data=outcome_data())
    services.add_part(actor=senior, model=Action, parent=outcome, data=action_data(senior))
    assert [c for c, _ in codes_for(draft)] == ["outcome_no_review_owner"]
    services.update_plan_settings(
        actor=senior, plan=draft.plan, review_frequency_weeks=12, review_owner=senior
    )
    draft.plan.refresh_from_db()
    assert check_plan(draft) == []


@pytest.mark.django_db
def test_review_frequency_falls_back_to_the_whole_plan(draft, senior):
    add_outcome(draft, senior, review_frequency_weeks=None)
    assert check_plan(draft) == []  # the plan is reviewed every 26 weeks by default
    draft.plan.review_frequency_weeks = 0
    draft.plan.save()
    assert [c for c, _ in codes_for(draft)] == ["outcome_no_review_frequency"]


@pytest.mark.parametrize(
    ("words", "written_by_person", "code"),
    [
        ("I want to swim on Saturdays.", False, "outcome_not_persons_words"),
        ("Sam will go swimming on Saturdays.", True, "outcome_third_person"),
        ("Samira needs to swim more.", True, "outcome_third_person"),
        ("She should go swimming.", True, "outcome_third_person"),
        ("They are to attend the pool.", True, "outcome_third_person"),
        # Also a respectful-language finding: the plan check shares lived.core.language.
        ("The service user swims weekly.", True, ("outcome_third_person", "language_service_user")),
        ("Client to go swimming.", True, "outcome_third_person"),
        ("I want to be more patient with my kids.", True, None),
        ("I want to swim with my sister.", True, None),
    ],
)
@pytest.mark.django_db
def test_outcomes_not_in_the_persons_words_are_flagged(draft, senior, words, written_by_person, code):
    add_outcome(draft, senior, in_persons_words=words, written_by_person=written_by_person)
    expected = list(code) if isinstance(code, tuple) else ([code] if code else [])
    assert sorted(c for c, _ in codes_for(draft)) == sorted(expected)


@pytest.mark.django_db
def test_a_limit_must_be_explained(draft, senior):
    outcome = add_outcome(draft, senior, is_limited=True)
    assert [c for c, _ in codes_for(draft)] == ["outcome_limit_not_explained"]
    services.update_part(
        actor=senior,
        part=outcome,
        data={"limit_explained": "The budget pays for two cooking sessions a week, not three."},
        opened_version=outcome.version,
    )
    assert check_plan(draft) == []


@pytest.mark.django_db
def test_where_names_the_outcome_by_number_and_its_words(draft, senior):
    add_outcome(draft, senior)
    add_outcome(
        draft,
        senior,
        in_persons_words="I want to go back to the allotment and grow beans this summer",
        evidence="",
    )
    [finding] = check_plan(draft)
    assert finding.where == "Outcome 2: \u201cI want to go back to the allotment and grow beans\u2026\u201d"


@pytest.mark.django_db
def test_routines_and_prompt_cards_are_checked(draft, senior):
    add_outcome(draft, senior)
    routine = services.add_part(actor=senior, model=Routine, parent=draft, data={"name": "Morning"})
    services.add_part(
        actor=senior, model=RoutineStep, parent=routine, data={"what": "Tablets", "flexibility": "boundary"}
    )
    services.add_part(actor=senior, model=Routine, parent=draft, data={"name": "Evening"})
    services.add_part(
        actor=senior,
        model=PromptCard,
        parent=draft,
        data={
            "title": "Mornings",
            "green_looks_like": "Chatty",
            "green_staff_do": "Carry on",
            "amber_looks_like": "Quiet",
            "amber_staff_do": "Monitor her",
            "red_looks_like": "Shouting",
            "red_staff_do": "Step back and give space",
        },
    )
    assert codes_for(draft) == [
        ("step_boundary_not_explained", "Routine \u201cMorning\u201d, step 1: \u201cTablets\u201d"),
        ("routine_no_steps", "Routine \u201cEvening\u201d"),
        ("monitor", "Prompt card \u201cMornings\u201d, amber: what staff do"),
    ]


@pytest.mark.django_db
def test_check_plan_takes_the_same_number_of_queries_for_any_size_of_plan(draft, senior):
    add_outcome(draft, senior)
    routine = services.add_part(actor=senior, model=Routine, parent=draft, data={"name": "Routine"})
    services.add_part(actor=senior, model=RoutineStep, parent=routine, data={"what": "Tea"})
    with CaptureQueriesContext(connection) as small:
        check_plan(draft)
    for _ in range(4):
        outcome = add_outcome(draft, senior, evidence="")
        services.add_part(actor=senior, model=Action, parent=outcome, data=action_data(senior, frequency=""))
        routine = services.add_part(actor=senior, model=Routine, parent=draft, data={"name": "Routine"})
        services.add_part(actor=senior, model=RoutineStep, parent=routine, data={"what": "Tea"})
    with CaptureQueriesContext(connection) as large:
        findings = check_plan(draft)
    assert findings
    assert len(large) == len(small)


def test_findings_are_dataclasses_with_the_agreed_fields():
    finding = Finding(code="x", message="m", reason="r", where="w")
    assert (finding.code, finding.message, finding.reason, finding.where) == ("x", "m", "r", "w")


def test_plan_text_gets_the_shared_respectful_language_suggestions():
    findings = check_text(
        "Staff will make sure Ada is not allowed to wander; she refused her tablets.", "Action 1"
    )
    codes = [f.code for f in findings]
    assert "language_allowed" in codes and "language_refused" in codes
    refused = next(f for f in findings if f.code == "language_refused")
    assert refused.where == "Action 1" and "declined" in refused.message and refused.reason
    assert not [f for f in check_text("Put the refuse bin out on Tuesday.") if f.code.startswith("language_")]


@pytest.mark.django_db
def test_the_persons_own_words_are_never_reworded_for_language(draft, senior):
    add_outcome(draft, senior, in_persons_words="I refused to go back there and I was right.")
    assert not [c for c, _ in codes_for(draft) if c.startswith("language_")]
