"""Fictional demo data for risk. `load(context)` is called once, inside the demo's transaction,
after people and support plans exist. `context` is a `lived.demo.loader.DemoContext`.

Everything is created through the services of lived.risk, lived.crisis, lived.incidents and
lived.complaints (so audit rows exist); dates are relative to context.today and a fixed random seed
keeps the trends the same on every load."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from lived.complaints import services as complaints_services
from lived.complaints.models import ComplaintTheme
from lived.crisis import services as crisis_services
from lived.incidents import services as incidents_services
from lived.incidents.models import Incident
from lived.reviews.models import Review
from lived.reviews.services import cancel_review
from lived.risk import services
from lived.risk.models import CapacityAssessment, RiskDecision, RiskPlan, StageCheckIn

SEED = 2026
DEFAULT_THEMES = [
    "felt pressured",
    "staff control",
    "choice not respected",
    "communication",
    "dignity and respect",
    "staff attitude",
    "timekeeping",
    "activities",
    "food",
    "other",
]


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _incident(actor, person, when, **extra):
    data = {
        "type": Incident.Type.DISTRESS,
        "severity": Incident.Severity.LOW,
        "is_crisis": False,
        "occurred_at": when,
        "place": "the kitchen",
        "who_involved": "",
        "what_happened": "Became upset; staff gave time and space, and things settled.",
        "crisis_plan_used": Incident.PlanUsed.YES,
        "crisis_plan_why": "",
        "police_involved": False,
        "police_details": "",
        "restrictive_practice_used": False,
        "safeguarding_raised": False,
        "learning": "",
        "risk_plan": None,
    }
    restrictive = extra.pop("restrictive", None)
    safeguarding = extra.pop("safeguarding", None)
    data.update(extra)
    return incidents_services.record_incident(
        actor=actor, person=person, data=data, restrictive=restrictive, safeguarding=safeguarding
    )


def _priya(context) -> None:
    priya, tom, hannah, daniel = (
        context.people["priya"],
        context.users["tom"],
        context.users["hannah"],
        context.users["daniel"],
    )
    today = context.today
    plan = services.save_risk_plan(
        actor=tom,
        person=priya,
        data={
            "goal": "I want to walk to the shop on my own again, like I used to.",
            "risk": "Priya has fallen twice in the last year, once on the kerb outside the shop. A fall "
            "on her own could mean she is hurt and no one knows.",
            "options": [
                {
                    "option": "Priya does not go to the shop; staff fetch what she needs",
                    "reason": "Removes the fall risk but takes away something that matters to her.",
                },
                {
                    "option": "Staff always walk with Priya",
                    "reason": "Safe, but it makes her feel watched and stops her building confidence.",
                },
                {
                    "option": "A staged return: walk together, then staff follow at a distance, then alone "
                    "with a check-in call",
                    "reason": "Builds confidence and shows what she can do, with a safety net at each step.",
                },
                {
                    "option": "Priya goes alone from now on",
                    "reason": "Least restrictive, but she has not walked the route alone since the falls.",
                },
            ],
            "chosen_option": 2,
            "why_proportionate": "The route is short and well lit. Priya has capacity for this decision and "
            "wants to try. Each stage is a small step and can be paused after a review.",
            "safety_strategies": "Priya wears her trainers with the good grip, takes her stick, crosses at "
            "the zebra crossing, and keeps her phone charged in her coat pocket.",
            "contingency": "If Priya has not called within 30 minutes, staff ring her; if there is no "
            "answer, a staff member walks the route. If she falls, she presses her pendant alarm.",
            "review_triggers": "A change in mobility; any sign of confusion; a fall; a missed check-in call.",
            "escalation": "Shift lead first, then Hannah (senior). Out of hours: the on-call manager.",
            "stages": [
                {
                    "title": "Weeks 1 to 2: walk together",
                    "to_progress": "Priya walks there and back twice "
                    "with no stumbles and says she feels ready",
                    "check_in": "",
                },
                {
                    "title": "Weeks 3 to 4: staff follow at a distance",
                    "to_progress": "Four trips with staff "
                    "behind her, crossing at the zebra crossing each time",
                    "check_in": "Priya rings the office when she gets back",
                },
                {
                    "title": "Week 5 onwards: alone, with a check-in call",
                    "to_progress": "",
                    "check_in": "Priya rings the office when she gets back",
                },
            ],
        },
    )
    services.record_capacity(
        actor=hannah,
        person=priya,
        plan=plan,
        seen_version=plan.version,
        data={
            "decision": "Whether to walk to the local shop on her own, following a staged plan",
            "impairment": False,
            "impairment_evidence": "",
            "understand": "yes",
            "understand_evidence": "Priya explained the risk of falling in her own words and what the "
            "stages are for.",
            "retain": "yes",
            "retain_evidence": "A week later she remembered the plan and the check-in call.",
            "weigh": "yes",
            "weigh_evidence": "She said: “I might fall, but I'd rather risk it than never go out on my own.”",
            "communicate": "yes",
            "communicate_evidence": "She told us clearly and chose the staged plan herself.",
            "outcome": CapacityAssessment.Outcome.HAS,
            "wishes_and_feelings": "",
            "consulted": "",
            "least_restrictive": "",
            "assessed_on": today - datetime.timedelta(days=40),
        },
    )
    plan.refresh_from_db()
    approval = services.approve_risk_plan(
        actor=hannah,
        plan=plan,
        seen_version=plan.version,
        why="Priya has capacity for this decision and chose the staged plan; it balances her goal and "
        "the fall risk.",
        with_whom="Priya; Tom (key worker); her sister by phone; the community physiotherapist",
        next_review_on=today + datetime.timedelta(days=12),
    )
    plan.refresh_from_db()
    stage_decision = services.progress_stage(
        actor=hannah,
        plan=plan,
        seen_version=plan.version,
        evidence="Three walks together with no stumbles; Priya said “I'm ready for you to hang back.”",
        why="What was needed for stage 1 has been shown.",
        with_whom="Priya and Tom",
    )
    plan.refresh_from_db()
    review = services.manager_review(
        actor=daniel,
        plan=plan,
        seen_version=plan.version,
        what="Carry on with stage 2. No falls since the plan began.",
        why="Monthly manager review of risk decisions.",
        with_whom="Priya, Tom and Hannah",
        next_review_on=today + datetime.timedelta(days=12),
    )
    # In order: capacity assessed 40 days ago, the plan approved 35 days ago, stage 2 begun 25 days
    # ago, the monthly manager review 18 days ago.
    approved_at, stage_at = (
        _at(today - datetime.timedelta(days=35), 15),
        _at(today - datetime.timedelta(days=25), 12),
    )
    last_month = _at(today - datetime.timedelta(days=18), 11)
    RiskDecision.objects.filter(pk=approval.pk).update(decided_at=approved_at)
    RiskDecision.objects.filter(pk=stage_decision.pk).update(decided_at=stage_at)
    RiskDecision.objects.filter(pk=review.pk).update(decided_at=last_month)
    RiskPlan.objects.filter(pk=plan.pk).update(approved_at=approved_at, last_manager_review_at=last_month)
    # Recent check-ins from stage 2's practice calls (the call is also used while staff follow).
    for days, status in (
        (9, StageCheckIn.Status.MADE),
        (6, StageCheckIn.Status.MADE),
        (2, StageCheckIn.Status.MADE),
    ):
        StageCheckIn.objects.create(
            plan=plan,
            person=priya,
            stage=2,
            due_at=_at(today - datetime.timedelta(days=days), 10, 30),
            status=status,
            notes="Rang the office from the shop doorway.",
            recorded_by=tom,
            created_by=tom,
            updated_by=tom,
        )


def _marcus(context) -> None:
    marcus, hannah, tom = context.people["marcus"], context.users["hannah"], context.users["tom"]
    crisis_services.save_crisis_plan(
        actor=hannah,
        person=marcus,
        data={
            "early_signs": "Marcus stops answering his phone, sleeps in the day and paces at night. He "
            "says the TV is talking about him.",
            "what_helps": "Speak calmly and slowly. Offer a walk round the block or sitting in the garden. "
            "Give him time to answer. Music (reggae, low volume) helps him settle. Offer his PRN only if "
            "he asks for it.",
            "contacts": [
                {
                    "name": "Danny Hughes",
                    "relationship": "oldest friend: ring him if Marcus asks for him",
                    "phone": "07700 900733",
                },
                {
                    "name": "Riverside crisis team",
                    "relationship": "community mental health",
                    "phone": "01632 960321",
                },
            ],
            "avoid": "Do not crowd him or stand in the doorway. Do not say “calm down” or talk about "
            "hospital unless he raises it. Do not touch him without asking.",
            "emergency_when": "Call 999 if Marcus says he wants to end his life and has a plan, if he is "
            "hurt, or if someone is in immediate danger.",
            "alternatives_to_admission": "The crisis house at Elm Road; home treatment visits twice a day.",
            "dependants_and_pets": "No dependants. Marcus walks Biscuit, his friend Danny's greyhound, "
            "every afternoon: if Marcus is unwell, let Danny know so someone else can walk her.",
            "wishes": "Danny can be told I am struggling and how to talk to me. My brother Neil can be "
            "told I am safe, and that is all. Nobody gets my notes.",
            "written_with_person": True,
        },
    )
    incident = _incident(
        tom,
        marcus,
        _at(context.today - datetime.timedelta(days=95), 22, 15),
        type=Incident.Type.CRISIS,
        severity=Incident.Severity.HIGH,
        is_crisis=True,
        place="his flat",
        who_involved="Marcus, Tom, the crisis team on the phone",
        what_happened="Marcus had not slept for two nights and was frightened by voices. Tom followed "
        "the crisis plan: sat with him in the garden and called Delroy.",
        learning="Calling Delroy early helped. Add the crisis house number to the plan.",
    )
    for review in Review.objects.filter(person=marcus, trigger="crisis", status="open"):
        cancel_review(
            actor=hannah,
            review=review,
            seen_version=review.version,
            reason=f"Post-crisis review held with Marcus after the crisis of "
            f"{incident.occurred_at:%-d %B}; the crisis plan was updated then.",
        )


def _jenny(context) -> None:
    jenny, hannah = context.people["jenny"], context.users["hannah"]
    crisis_services.save_crisis_plan(
        actor=hannah,
        person=jenny,
        data={
            "early_signs": "Jenny stops eating, checks the locks again and again, and worries that "
            "someone will take the children.",
            "what_helps": "Tell her first that Ama and Kojo are safe with Abena. Talk quietly, one person "
            "at a time. Let her ring the children.",
            "contacts": [
                {
                    "name": "Abena Osei",
                    "relationship": "sister, looks after the children",
                    "phone": "07700 900456",
                },
                {"name": "Harbour House office", "relationship": "support team", "phone": "01632 960654"},
            ],
            "avoid": "Do not talk about the children's social worker in front of her without warning. "
            "Do not raise your voice.",
            "emergency_when": "Call 999 if Jenny is at risk of serious harm or has left the house at night "
            "without her phone.",
            "alternatives_to_admission": "Home treatment team; a stay with Abena with daily visits.",
            "dependants_and_pets": "Ama (8) and Kojo (5). Abena, Jenny's sister, looks after them and "
            "takes them to school. Abena has a key.",
            "wishes": "Make sure the children are with Abena first. Read my wishes to me before anything "
            "is decided.",
            "written_with_person": True,
        },
    )


def _ada(context) -> None:
    ada, tom, megan = context.people["ada"], context.users["tom"], context.users["megan"]
    start = context.today - datetime.timedelta(days=42)
    # Morning incidents: several in weeks 1–2, fewer once the agreed morning routine settled.
    offsets = [0, 1, 3, 4, 6, 8, 9, 12, 17, 24, 36]
    for n, days in enumerate(offsets):
        _incident(
            tom if n % 2 else megan,
            ada,
            _at(start + datetime.timedelta(days=days), 7 + n % 2, 40),
            place="her bedroom" if n % 3 else "the bathroom",
            what_happened="Ada became distressed when woken; staff used her prompt card and gave her time.",
            crisis_plan_used=Incident.PlanUsed.YES,
        )


def _register_and_safeguarding(context) -> None:
    hannah, grace, daniel = context.users["hannah"], context.users["grace"], context.users["daniel"]
    declan, shauna = context.people["declan"], context.people["shauna"]
    # Declan's plan for the Saturday football: approved six weeks ago, its monthly review now overdue.
    plan = services.save_risk_plan(
        actor=grace,
        person=declan,
        data={
            "goal": "I want to go to the Saturday football with my mates, without staff.",
            "risk": "Crowds and noise have led to fights before; Declan sometimes drinks more at matches.",
            "options": [
                {"option": "No football", "reason": "Takes away the thing he looks forward to most."},
                {
                    "option": "Staff go with him",
                    "reason": "He says it embarrasses him in front of his mates.",
                },
                {
                    "option": "He goes with two named friends and texts at half time",
                    "reason": "His friends know his signs and he keeps his independence.",
                },
            ],
            "chosen_option": 2,
            "why_proportionate": "Declan has capacity for this decision, his friends agreed; he chose it.",
            "safety_strategies": "Leaves at any sign of trouble; two pints at most; texts at the break.",
            "contingency": "No text by 4pm: staff ring him, then his friend Ray.",
            "review_triggers": "Any fight or police contact; a missed text.",
            "escalation": "Shift lead, then Hannah; out of hours the on-call manager.",
            "stages": [],
        },
    )
    services.approve_risk_plan(
        actor=hannah,
        plan=plan,
        seen_version=plan.version,
        why="Declan chose it; his friends agreed to the plan.",
        with_whom="Declan, Ray and Jamal (friends), Grace",
        next_review_on=context.today - datetime.timedelta(days=10),
    )
    _incident(
        grace,
        declan,
        _at(context.today - datetime.timedelta(days=20), 19, 5),
        type=Incident.Type.AGGRESSION,
        severity=Incident.Severity.HIGH,
        place="the lounge",
        who_involved="Declan, Grace, another resident",
        what_happened="Declan struck out at another resident. Staff guided him away holding his arms for "
        "about two minutes.",
        crisis_plan_used=Incident.PlanUsed.PARTLY,
        crisis_plan_why="There was no time to offer the quiet room first.",
        restrictive_practice_used=True,
        restrictive={
            "type": "physical",
            "duration_minutes": 2,
            "authorised_by": hannah,
            "debrief_with_person": "Declan said he was scared and wanted the hold to stop sooner; next time "
            "staff will offer the quiet room and step back first.",
        },
        learning="Offer the quiet room earlier when the lounge gets loud.",
    )
    _incident(
        grace,
        shauna,
        _at(context.today - datetime.timedelta(days=60), 14, 0),
        type=Incident.Type.OTHER,
        severity=Incident.Severity.MODERATE,
        place="the front door",
        what_happened="A visitor pressed Shauna to hand over her bank card.",
        safeguarding_raised=True,
        safeguarding={
            "category": "financial",
            "details": "Visitor asking for her bank card.",
            "referred_on": context.today - datetime.timedelta(days=59),
            "reference": "LA-SG-20417",
        },
    )
    concern = shauna.safeguarding_concerns.first()
    incidents_services.close_safeguarding(
        actor=daniel,
        concern=concern,
        outcome="Local authority enquiry completed. The visitor is no longer allowed in; Shauna chose a "
        "new bank card and a weekly budget check with her key worker.",
    )
    _incident(
        hannah,
        context.people["abdi"],
        _at(context.today - datetime.timedelta(days=5), 16, 30),
        type=Incident.Type.OTHER,
        severity=Incident.Severity.MODERATE,
        place="the garden",
        what_happened="Abdi said a family member had been taking his benefits.",
        safeguarding_raised=True,
        safeguarding={
            "category": "financial",
            "details": "Possible financial abuse by a relative.",
            "referred_on": None,
            "reference": "",
        },
    )


def _trends(context, rng: random.Random) -> None:
    staff = {"riverside": context.users["tom"], "harbour": context.users["grace"]}
    pools = {
        "riverside": ["sam", "leon", "jo", "john", "kieran", "bev", "tariq", "cai", "winston"],
        "harbour": ["declan", "shauna", "lorraine", "ferhat"],
    }
    types = [
        Incident.Type.DISTRESS,
        Incident.Type.FALL,
        Incident.Type.AGGRESSION,
        Incident.Type.MISSING,
        Incident.Type.MEDICATION,
    ]
    for service, refs in pools.items():
        for month in range(1, 12):
            for _ in range(rng.randint(1, 5)):
                day = context.today - datetime.timedelta(days=month * 30 + rng.randint(0, 27))
                police = rng.random() < 0.12
                _incident(
                    staff[service],
                    context.people[rng.choice(refs)],
                    _at(day, rng.randint(8, 21), rng.choice([0, 15, 30, 45])),
                    type=rng.choice(types),
                    severity=rng.choice(list(Incident.Severity.values)),
                    place=rng.choice(["the kitchen", "the lounge", "the garden", "town centre"]),
                    police_involved=police,
                    police_details="Police attended and left without action." if police else "",
                )


def _complaints(context, rng: random.Random) -> None:
    # Seeded by the data migration; made again here when a test database was flushed after migrating.
    for order, name in enumerate(DEFAULT_THEMES):
        ComplaintTheme.objects.get_or_create(name=name, defaults={"order": order})
    themes = {t.name: t for t in ComplaintTheme.objects.all()}
    leon, tom, daniel = context.people["leon"], context.users["tom"], context.users["daniel"]
    # Leon's "felt pressured" complaints fall as the consent profile and three-step check take hold.
    for months_ago, count in ((10, 3), (8, 2), (6, 2), (4, 1), (1, 0)):
        for n in range(count):
            received = context.today - datetime.timedelta(days=months_ago * 30 + n * 5)
            complaint = complaints_services.record_complaint(
                actor=tom,
                person=leon,
                data={
                    "kind": "complaint",
                    "raised_by": "person",
                    "received_on": received,
                    "summary": "I said yes but I didn't really want to go. I felt I had to.",
                },
                themes=[themes["felt pressured"], themes["choice not respected"]],
            )
            complaints_services.respond_to_complaint(
                actor=daniel,
                complaint=complaint,
                close=True,
                response="Sorry. We talked about your pause word and how we ask.",
                outcome="Leon's consent profile was updated with him.",
            )
    pool = ["sam", "jo", "kieran", "declan", "lorraine"]
    other = ["communication", "timekeeping", "food", "activities", "staff attitude"]
    for months_ago in range(0, 12):
        if rng.random() < 0.6:
            person = context.people[rng.choice(pool)]
            complaints_services.record_complaint(
                actor=context.users["hannah"],
                person=person,
                data={
                    "kind": "complaint",
                    "raised_by": rng.choice(["person", "family"]),
                    "received_on": context.today
                    - datetime.timedelta(days=months_ago * 30 + rng.randint(0, 20)),
                    "summary": "Visits were late and no one rang to say.",
                },
                themes=[themes[rng.choice(other)]],
            )
    complaints_services.record_complaint(
        actor=tom,
        person=context.people["sam"],
        data={
            "kind": "compliment",
            "raised_by": "family",
            "raised_by_name": "Sam's mum",
            "received_on": context.today - datetime.timedelta(days=12),
            "summary": "Thank you for helping Sam cook for the family on Sunday.",
        },
    )


def load(context) -> None:
    rng = random.Random(SEED)  # noqa: S311 (fictional demo data, not security)
    _priya(context)
    _marcus(context)
    _jenny(context)
    _ada(context)
    _register_and_safeguarding(context)
    _trends(context, rng)
    _complaints(context, rng)
