"""The fictional demo support plans: outcomes in each person's words, what staff will do, routines and
prompt cards. Everything here is invented.

The loader (`lived.demo.loader`) writes every plan through `lived.plans.services`, so each part arrives
with the audit row a real change would write. `PLANS` is keyed by the person's `ref` in
`lived.demo.data`; people with no entry have no plan yet (about a third of everyone).

Conventions used below:
- `written_by` is the senior who sat down with the person and wrote the draft with them.
- `outcome(...)`'s review owner is the person's key worker unless `review_owner` names someone.
- `action(...)` has either `owner` (a staff username) or `role` (for example, any support worker on
  shift). Every action in an agreed plan needs one of the two.
- `agreed` records the person's agreement in their words. `by` is "self" when the person agrees on
  their own account, otherwise the senior who recorded it with them. No `agreed` leaves a draft.
- `read_by` lists staff who have confirmed they have read and understood the agreed version.
"""

from __future__ import annotations

import datetime

from lived.demo.data import say
from lived.plans.models import ChimeDomain as C
from lived.plans.models import LifeArea as L

ON_SHIFT = "Any support worker on shift"
FLEX = "flexible"
BOUNDARY = "boundary"


def action(
    what: str, *, owner: str = "", role: str = "", when: str, prompts: str = "", adjustments: str = ""
):
    if bool(owner) == bool(role):
        raise ValueError(f"Give an action an owner or a role, not both or neither: {what}")
    return {
        "what": say(what),
        "owner": owner,
        "owner_role": role,
        "frequency": when,
        "prompts": say(prompts),
        "adjustments": say(adjustments),
    }


def outcome(
    words: str,
    life_area: str,
    chime_domain: str,
    *,
    evidence: str,
    actions: list[dict],
    review_weeks: int = 12,
    review_owner: str | None = None,
    funded_by: str = "",
    limit: str = "",
) -> dict:
    return {
        "in_persons_words": say(words),
        "life_area": life_area,
        "chime_domain": chime_domain,
        "evidence": say(evidence),
        "review_frequency_weeks": review_weeks,
        "review_owner": review_owner,
        "funded_by": funded_by,
        "is_limited": bool(limit),
        "limit_explained": say(limit),
        "actions": actions,
    }


def conversation(
    *, days_ago: int, participants: str, options: str, agreed: str, why: str, disagreement: str = ""
) -> dict:
    return {
        "days_ago": days_ago,
        "participants": say(participants),
        "options_considered": say(options),
        "agreed": say(agreed),
        "why": say(why),
        "disagreement": say(disagreement),
    }


def step(
    what: str,
    *,
    language: str = "",
    flexibility: str = FLEX,
    window: tuple[datetime.time, datetime.time] | None = None,
    boundary_reason: str = "",
) -> dict:
    start, end = window if window else (None, None)
    return {
        "what": say(what),
        "agreed_language": say(language),
        "flexibility": flexibility,
        "window_start": start,
        "window_end": end,
        "boundary_reason": say(boundary_reason),
    }


# ---------------------------------------------------------------------------------------------------
# Scenario 1. Sam's first plan, still a draft. One action is written vaguely on purpose: the plan
# quality check flags "Promote independence with budgeting", and the walkthrough rewrites it with Sam.
# ---------------------------------------------------------------------------------------------------

SAM = {
    "written_by": "hannah",
    "review_weeks": 12,
    "outcomes": [
        outcome(
            """I want to get back to working on bikes properly, more than two days a week, and one day
            get paid for it.""",
            L.WORK,
            C.MEANING,
            evidence="""The days Sam spends at the bike project, from his own diary. Whether the
                mechanics course application has gone in. Sam's own score out of ten for how work is
                going, asked at each review.""",
            funded_by="Supported living hours (Millbridge Council)",
            actions=[
                action(
                    """Look up the evening bike mechanics course at Millbridge College with Sam and help
                    with the application form if he wants a hand.""",
                    owner="hannah",
                    when="One Monday or Wednesday afternoon session this month",
                ),
                action(
                    """Ask Dev, with Sam's say-so, whether the project could take Sam on a third day,
                    and what it would take to get paid work there later.""",
                    owner="hannah",
                    when="Before the first review",
                ),
                action(
                    """On bike project days, if Sam is not up by ten, knock once and ask if he still
                    wants to go. If he says no, leave it there and note it; no second knock.""",
                    role=ON_SHIFT,
                    when="Tuesdays and Thursdays",
                    adjustments="""If Sam has missed two project days in a row, tell Hannah: it is one
                        of his early signs.""",
                ),
            ],
        ),
        outcome(
            """I want to manage my own money, so I am not asking the office for my own cash.""",
            L.MONEY,
            C.EMPOWERMENT,
            evidence="""Bills paid on time without reminders from the office. Sam's own score out of
                ten for how confident he feels with money, at each review.""",
            actions=[
                action(
                    "Promote independence with budgeting.",
                    role=ON_SHIFT,
                    when="Weekly",
                ),
                action(
                    """Go through the week's bills and the banking app with Sam, with Sam holding the
                    phone and doing the tapping. Staff do not keep his bank card or PIN.""",
                    owner="tom",
                    when="Mondays after two",
                ),
            ],
        ),
        outcome(
            """I want to see Bea more, every other weekend, and not only when things have gone
            wrong.""",
            L.RELATIONSHIPS,
            C.CONNECTEDNESS,
            evidence="""How often Sam sees Bea, as Sam tells us (we do not ask Bea to report back).
                What Sam and Bea both say at the review, if Bea comes.""",
            actions=[
                action(
                    """Help Sam plan the bus to Bea's on the Friday before a visit weekend, and text
                    him the times afterwards.""",
                    role=ON_SHIFT,
                    when="Every other Friday afternoon",
                ),
                action(
                    "Help Sam renew his bus pass before it runs out in the spring.",
                    owner="hannah",
                    when="By the end of March",
                ),
            ],
        ),
    ],
    "conversations": [
        conversation(
            days_ago=6,
            participants="""Sam Carter; Hannah Reid (key worker); Bea Carter (Sam's sister), who joined
                by phone for the last half hour because Sam asked her to.""",
            options="""Starting with medication, as Sam's last plan did, or starting with what Sam
                wants his weeks to look like. For money: staff holding Sam's cash and handing it out
                weekly; Sam managing it all alone straight away; or Sam managing it with a weekly
                sit-down while he gets used to the banking app. For Bea: staff ringing Bea each week
                with an update, or Sam keeping in touch with her himself.""",
            agreed="""The plan starts with work, money and Bea, in that order, because that is Sam's
                order. Sam runs his own money with a weekly sit-down on Monday afternoons. Sam keeps in
                touch with Bea himself; staff help with bus times if he wants. Medication stays in his
                About me and health notes, not as a goal of its own.""",
            why="""Sam said his last plan read like a list of what was wrong with him. He wants this
                one to be about the life he is building. Handing his own money back to him matters to
                him more than anything else on the list.""",
            disagreement="""Bea wanted staff to check Sam's fridge every week so she would know he is
                eating. Sam said no: fridge checks are on his list of things that feel intrusive, and
                he would rather tell Bea himself how he is doing. Hannah agreed with Sam, so there are
                no fridge checks in the plan. Bea said she understood but is still worried, and Sam
                agreed to ring her on Sundays.""",
        ),
    ],
}


# ---------------------------------------------------------------------------------------------------
# Scenario 2. Ada's morning support agreement, agreed with her. Tom has confirmed he has read it;
# Megan has not yet, so managers can see who still needs to.
# ---------------------------------------------------------------------------------------------------

ADA = {
    "written_by": "hannah",
    "review_weeks": 12,
    "outcomes": [
        outcome(
            """I want my mornings slow, in my own order, with nobody waiting at the door for me.""",
            L.HOME,
            C.EMPOWERMENT,
            evidence="""Ada's own green, amber or red for each morning, recorded in the daily note.
                Which steps of the morning agreement were used. Difficult mornings and incidents
                falling over six weeks. Ada's anxiety score out of ten at each review.""",
            funded_by="Supported living hours (Millbridge Council)",
            limit="""The morning visit has to fit the rota, so staff arrive some time between 8:00 and
                8:45 rather than whenever Ada wakes. Her tablets need to be taken between 9:15 and
                9:45 to work properly. Ada knows both of these and chose them with Hannah.""",
            actions=[
                action(
                    """Arrive between 8:00 and 8:45 and follow Ada's morning support agreement in her
                    order: tea first, then quiet time, then personal care. Women staff only for
                    personal care.""",
                    role="Morning support worker on shift (a woman)",
                    when="Every morning",
                    prompts="'Dzień dobry, Ada. Tea first?'",
                ),
                action(
                    """Write in the daily note which steps of the morning agreement were used, what
                    moved, and the colour Ada gave her morning.""",
                    role="Morning support worker on shift (a woman)",
                    when="Every morning, before leaving",
                ),
                action(
                    """Go through the last fortnight's mornings with Ada and change the agreement
                    with her if something is not working.""",
                    owner="hannah",
                    when="Every two weeks, on a good morning of Ada's choosing",
                ),
            ],
        ),
        outcome(
            """I want to get to my art class at the church hall on Thursdays. I like to paint the
            sea, like at home in Gdańsk.""",
            L.COMMUNITY,
            C.CONNECTEDNESS,
            evidence="""Thursday classes Ada gets to, from her own calendar on the fridge. The pictures
                she brings home, if she chooses to show them.""",
            actions=[
                action(
                    """On Thursdays, keep to the morning agreement but mention the class over tea, so
                    Ada can decide how long her quiet time is and still catch the 10:40 bus.""",
                    role="Morning support worker on shift (a woman)",
                    when="Thursdays",
                ),
                action(
                    "Walk with Ada to the bus stop if she would like company.",
                    owner="chris",
                    when="Thursdays, 10:25",
                ),
            ],
        ),
        outcome(
            """I want to go to Mass on Sundays when I feel able, and talk to Marta every Sunday
            evening.""",
            L.IDENTITY,
            C.IDENTITY,
            evidence="""Sundays Ada gets to Mass, as she tells us. Ada saying she has spoken to Marta;
                staff do not listen in or ask for details.""",
            review_weeks=26,
            actions=[
                action(
                    """Ask Ada at Sunday lunchtime if she wants a taxi booked for the 3pm Polish Mass
                    at St Casimir's, and book it if she does.""",
                    role=ON_SHIFT,
                    when="Sundays, around 12:30",
                ),
                action(
                    """Make sure Ada's tablet is charged before Marta's call; leave the room once it
                    connects.""",
                    role="Evening support worker on shift",
                    when="Sundays, before 7pm",
                ),
            ],
        ),
    ],
    "conversations": [
        conversation(
            days_ago=40,
            participants="""Ada Kowalski; Hannah Reid (key worker); Chris Doran (support worker); Marta
                Nowak (Ada's daughter), on a video call, putting things into Polish where Ada asked
                her to.""",
            options="""Keeping the 8:00 visit as it was. Moving the whole visit to 9:30, with the
                tablets. An arrival window of 8:00 to 8:45 with Ada choosing the order of things.
                Moving her tablets to lunchtime.""",
            agreed="""Staff arrive between 8:00 and 8:45. Tea first, in her blue cup, then quiet time,
                then personal care when Ada is ready. Her tablets stay at 9:30, any time between 9:15
                and 9:45. A green, amber and red card for mornings when her anxiety rises.""",
            why="""Ada's anxiety was worst when staff arrived on the dot and started with the shower.
                A window lets the rota work and lets Ada set the pace. A 9:30 visit could not be
                staffed every day. The pharmacist advised that her tablets work best taken at the same
                time each morning, so Ada chose to keep that part fixed.""",
            disagreement="""Ada first wanted no set time for her tablets at all. After hearing the
                pharmacist's advice she agreed to the half-hour window, and asked for it to be written
                down as her choice and not as a rule staff hold over her.""",
        ),
    ],
    "routines": [
        {
            "name": "Morning support agreement",
            "in_persons_words": say("""Tea first. Before anybody asks me anything, I want my tea with
                lemon in my blue cup, by the window. After tea I am ready to talk about the rest."""),
            "arrival_window": "8:00 to 8:45",
            "when_distress_rises": say("""Stop and step back out of the doorway. Offer Ada her card and
                let her point. Offer more quiet time, or washing later (after quiet time, or before
                lunch). If she says 'daj mi chwilę', give her the moment and wait in the kitchen. Only
                the tablets keep their time; everything else can wait or move to tomorrow."""),
            "agency_summary": say("""Arrive between 8:00 and 8:45, knock and wait. Make tea with lemon
                in Ada's blue cup first and let her drink it by the window. Then quiet time: wait in
                the kitchen until Ada says she is ready. Personal care only when she is ready, women
                staff only, bathroom door closed. Tablets at 9:30 (between 9:15 and 9:45), with her
                tea or water at the window. Short sentences, no countdowns. If she picks at her hands
                or says 'wait, wait', use the traffic-light card."""),
            "steps": [
                step(
                    "Tea first: tea with lemon in her blue cup, by the window",
                    language="""'Dzień dobry, Ada. Tea first?' Make it, put it by her chair at the
                        window, and leave personal care out of the conversation until she has finished
                        it.""",
                    window=(datetime.time(8, 0), datetime.time(8, 45)),
                ),
                step(
                    "Quiet time",
                    language="""'I'll be in the kitchen. Tell me when you're ready.' Polish radio on if
                        she wants it. No questions, no jobs.""",
                ),
                step(
                    "Personal care, when Ada is ready",
                    language="""'Wash now, after your quiet time, or before lunch?' Let Ada choose, and
                        point to green on her card for the one she wants. Women staff only. The
                        bathroom door stays closed and staff wait outside unless Ada asks.""",
                ),
                step(
                    "Medication at 9:30 (any time between 9:15 and 9:45)",
                    language="""'Tablets now, Ada, with your tea or with water?' Offer them at the
                        window, not on the way to the bathroom.""",
                    flexibility=BOUNDARY,
                    window=(datetime.time(9, 15), datetime.time(9, 45)),
                    boundary_reason="""Ada's tablets work best taken at the same time every morning,
                        and missing them makes her days much harder. She chose 9:30 with Hannah and
                        the pharmacist, with a quarter of an hour either side. Everything else in the
                        morning can move; this one cannot. If she says no, do not keep asking: write
                        it down and ring the senior on shift.""",
                ),
            ],
        },
    ],
    "prompt_cards": [
        {
            "title": "When anxiety rises in the morning",
            "green_looks_like": say("""Ada is at the window with her tea. She answers in English, may
                hum along to the radio, and tells you what she wants next."""),
            "green_staff_do": say("""Follow the morning agreement in Ada's order. Short sentences. Let
                her lead."""),
            "amber_looks_like": say("""Ada picks at the skin on her hands, checks the door lock again,
                says 'wait, wait' or answers in Polish. She stops looking at you."""),
            "amber_staff_do": say("""Stop what you are doing and step out of the doorway. Show her the
                card and let her point. Offer more quiet time, or move washing to before lunch. Speak
                slowly and quietly. Tablets stay at 9:30: offer them at the window with her tea."""),
            "red_looks_like": say("""Ada cannot find her English, breathes fast, may cry, and asks you
                to go or holds the door shut."""),
            "red_staff_do": say("""Tell her you are going to the kitchen and will come back in ten
                minutes, and do exactly that. No personal care this morning unless Ada asks for it.
                Offer her tablets once, at the window, before 9:45; if she says no, do not ask again,
                write it down and ring the senior on shift. Offer to ring her daughter Marta if Ada
                wants."""),
        },
    ],
    "agreed": {
        "by": "hannah",
        "words": say("""Tak, yes. Tea first, then quiet, then washing. This is my morning now. The
            tablets at half past nine, I agree, because I choose it."""),
    },
    "read_by": ["tom"],
}


# ---------------------------------------------------------------------------------------------------
# Scenario 7. Jo's co-produced weekly rhythm: two priorities, two flexible options, agreed alternatives.
# ---------------------------------------------------------------------------------------------------

JO = {
    "written_by": "hannah",
    "review_weeks": 12,
    "outcomes": [
        outcome(
            """I want to keep my early swim on Tuesdays and Fridays. It is the best bit of my week.""",
            L.HEALTH,
            C.HOPE,
            evidence="""Swims Jo chose to go to, recorded as her choice in daily notes. What Jo says
                about the week on Sunday evening.""",
            actions=[
                action(
                    """Keep the quiet swim at Millbridge Baths on the rota as one of Jo's two priority
                    activities, with a support worker free to go with her if she wants.""",
                    owner="hannah",
                    when="When the rota is written, every week",
                ),
                action(
                    """Go with Jo to the quiet swim and breakfast at the café after, if she wants
                    company. If she would rather go alone, that is fine.""",
                    role="Early support worker on shift",
                    when="Tuesdays and Fridays, 6:45",
                ),
            ],
        ),
        outcome(
            """I want to keep volunteering at the animal sanctuary and look after the new
            arrivals.""",
            L.WORK,
            C.MEANING,
            evidence="""Wednesday afternoons at the sanctuary, from daily notes. What Kerry says, with
                Jo's say-so, at the review.""",
            actions=[
                action(
                    "Drive Jo to Hollybank animal sanctuary and collect her at four.",
                    owner="chris",
                    when="Wednesdays, leaving at 12:45",
                ),
            ],
        ),
        outcome(
            """I want my week planned with me, not for me: two things I really want to do, two that
            can move about, and a plan B for when I am not up to it.""",
            L.COMMUNITY,
            C.EMPOWERMENT,
            evidence="""Entries that say what Jo chose instead of 'declined', and 'declined' entries
                falling. How many of the week's chosen activities Jo took part in. Jo's own view at
                each review.""",
            actions=[
                action(
                    """Sit down with Jo and write the coming week on paper: the two priorities, the two
                    flexible options she picks this week, and the alternatives if she is not up to
                    it.""",
                    role="Evening support worker on shift",
                    when="Sunday evenings",
                    prompts="'What do you fancy this week?'",
                ),
                action(
                    """When Jo says 'not today', ask what she would rather do instead, and write down
                    the choice she made. Do not write 'declined'.""",
                    role=ON_SHIFT,
                    when="Whenever Jo changes her plans",
                    adjustments="A no to one thing is not a no to everything.",
                ),
            ],
        ),
    ],
    "conversations": [
        conversation(
            days_ago=30,
            participants="Jo Whitfield; Hannah Reid (key worker); Pauline Whitfield (Jo's nan).",
            options="""Keeping the house activity list (bowling, the cinema trip, the cooking group);
                Jo choosing everything on the day; or a weekly rhythm with two fixed priorities, two
                things that can move, and agreed alternatives.""",
            agreed="""A weekly rhythm, planned with Jo on Sunday evening. Priorities: the early swim
                and the sanctuary. Flexible: the library art group and a musical night with Nan.
                Alternatives: drawing at home, a short walk to feed the ducks, or swapping the day.""",
            why="""Jo's notes said 'declined' again and again, but the things were ones she had never
                chosen. Jo said she is not against doing things, only against being told.""",
        ),
    ],
    "routines": [
        {
            "name": "My week",
            "in_persons_words": say("""Tell me the week on Sunday so I can think about it. Two things
                I really want, two that can move about, and a plan B for when I am not up to it."""),
            "when_distress_rises": say("""If Jo puts her headphones on, stop planning and come back
                later. Ask what she would rather do; do not write 'declined'."""),
            "agency_summary": say("""Jo's two priorities are the early swim (Tuesday and Friday) and
                the animal sanctuary (Wednesday afternoon): protect them. Ask 'What do you fancy?', not
                'We're doing...'. If she says 'not today', ask what she would like instead and write
                down what she chose."""),
            "steps": [
                step(
                    "Priority: quiet swim at Millbridge Baths, Tuesday and Friday at 7:00, then the café",
                    language="'Swim tomorrow? Want company or going solo?'",
                    window=(datetime.time(7, 0), datetime.time(8, 30)),
                ),
                step(
                    "Priority: the animal sanctuary, Wednesday afternoon, 1:00 to 4:00",
                    window=(datetime.time(13, 0), datetime.time(16, 0)),
                ),
                step(
                    "Flexible: the library art group, Monday or Thursday afternoon, whichever Jo picks",
                    language="'Art group Monday or Thursday this week, or give it a miss?'",
                ),
                step(
                    "Flexible: a musical night with Nan, any evening Jo and Pauline choose",
                ),
                step(
                    """Agreed alternatives when Jo is not up to it: drawing at home, a short walk to feed
                    the ducks, or swapping the activity to another day""",
                    language="'What would you rather do instead?'",
                ),
            ],
        },
    ],
    "agreed": {"by": "hannah", "words": "Go on then. That's my week, not someone else's."},
}


# --- The other scenario people -----------------------------------------------------------------------

PRIYA = {
    "written_by": "hannah",
    "review_weeks": 12,
    "outcomes": [
        outcome(
            """I want to walk to the corner shop on my own for my paper and milk, like I always
            did.""",
            L.COMMUNITY,
            C.EMPOWERMENT,
            evidence="""Walks to the shop and which stage Priya is at, from daily notes. Check-in calls
                made and answered. Priya's own score out of ten for how confident she feels walking,
                at each review.""",
            limit="""Priya fell twice last winter, so the walks build up in stages she agreed to: with
                someone beside her for two weeks, then followed at a distance for two weeks, then alone
                with a check-in call. She sets the pace, and a missed call means a review with her,
                not a step back.""",
            actions=[
                action(
                    """Weeks 1 and 2: walk to the shop beside Priya after eleven, when the pavement is
                    dry. Take her arm only if she asks.""",
                    role="Late morning support worker on shift",
                    when="Monday, Wednesday and Friday, after 11:00",
                ),
                action(
                    """Weeks 3 and 4: follow at a distance Priya is happy with. From week 5: Priya goes
                    alone and staff ring her when she expects to reach the shop.""",
                    role="Late morning support worker on shift",
                    when="Monday, Wednesday and Friday, after 11:00",
                ),
                action(
                    """If a check-in call is missed, ring again, then go and find Priya. Then review
                    the walk with her that week; do not stop the walks.""",
                    owner="hannah",
                    when="After any missed check-in call",
                ),
            ],
        ),
        outcome(
            """I want my knees and my balance looked at properly, so I stop being frightened of
            falling.""",
            L.HEALTH,
            C.HOPE,
            evidence="Falls clinic appointment attended; exercises Priya chooses to keep up.",
            actions=[
                action(
                    """Ask the GP with Priya for a falls clinic referral, and go with her to the
                    appointment if she wants.""",
                    owner="hannah",
                    when="This month",
                ),
            ],
        ),
        outcome(
            """I want to cook for people again. I fed four hundred children a day once.""",
            L.HOME,
            C.IDENTITY,
            evidence="Meals Priya cooks for visitors, as she tells us.",
            review_weeks=26,
            actions=[
                action(
                    """Carry the heavy shopping home from the market on Saturdays so Priya can cook
                    for her visitors and Edith next door.""",
                    role=ON_SHIFT,
                    when="Saturday mornings",
                ),
            ],
        ),
    ],
    "agreed": {"by": "hannah", "words": "Yes, that is right. I am the one deciding, and it says so."},
}

MARCUS = {
    "written_by": "hannah",
    "review_weeks": 12,
    "outcomes": [
        outcome(
            """I want to stay well at home, keep my flat, and not end up back in hospital.""",
            L.HEALTH,
            C.HOPE,
            evidence="""Nights in hospital (none is the aim). Early signs spotted and acted on, from
                daily notes. Marcus's own view at each review of how well he is keeping.""",
            funded_by="Section 117 aftercare",
            actions=[
                action(
                    """Have a short chat with Marcus when he gets back from walking Biscuit, over a
                    cold drink, sitting down. No checklist.""",
                    role="Afternoon support worker on shift",
                    when="Every afternoon",
                ),
                action(
                    """If Marcus shows his early signs (not eating proper meals, pacing at night, the
                    TV seeming to talk about him), offer extra visits at times he picks and tell
                    Hannah the same day.""",
                    role=ON_SHIFT,
                    when="Whenever early signs are noticed",
                ),
                action(
                    "Go through the crisis plan with Marcus after any difficult spell; change it with him.",
                    owner="hannah",
                    when="Within a week of any crisis",
                ),
            ],
        ),
        outcome(
            """I want to keep walking Biscuit every afternoon, because Danny counts on me.""",
            L.COMMUNITY,
            C.MEANING,
            evidence="Afternoon walks, as Marcus tells us.",
            actions=[
                action(
                    "Keep Marcus's afternoons free of appointments; book things in the morning.",
                    owner="hannah",
                    when="Whenever something is booked",
                ),
            ],
        ),
        outcome(
            """I want to sleep at night without someone checking on me every hour.""",
            L.HOME,
            C.EMPOWERMENT,
            evidence="Marcus's sleep, as he reports it; no hourly checks in the night log.",
            actions=[
                action(
                    """One knock at eleven to say goodnight, without opening the door unless Marcus
                    asks. No other checks unless he asks for them or his early signs are showing.""",
                    role="Night support worker on shift",
                    when="Every night, 11pm",
                ),
            ],
        ),
    ],
    "agreed": {"by": "hannah", "words": "Right, OK. That's fair. That's how I want it."},
}

LEON = {
    "written_by": "hannah",
    "review_weeks": 12,
    "outcomes": [
        outcome(
            """I want to be asked properly and have time to think, not talked into things.""",
            L.SAFETY,
            C.EMPOWERMENT,
            evidence="""Daily notes that show the three-step consent check and Leon's choice. Leon's
                answer each month to 'Did you feel pushed into anything?'. Complaints about pressure
                falling.""",
            funded_by="Section 117 aftercare",
            actions=[
                action(
                    """Before anything that needs Leon's agreement, use his consent check. Explain:
                    what it is, why, and what happens if he says no. Offer options: one at a time,
                    always including 'not now'. Confirm: ask Leon to say back in his own words what
                    he is agreeing to. If he says 'whatever', it is not agreed yet.""",
                    role=ON_SHIFT,
                    when="Every time something needs Leon's agreement",
                ),
                action(
                    """For things that must happen (medication, the injection appointment, rent
                    forms), offer staged choices: now, in 30 minutes, or after breakfast.""",
                    role=ON_SHIFT,
                    when="Whenever something must happen",
                ),
                action(
                    "If Leon says 'time out', stop, leave the room and come back in ten minutes.",
                    role=ON_SHIFT,
                    when="Every time",
                ),
                action(
                    """Ask Leon whether he felt pushed into anything this month, and write down what
                    he says in his words.""",
                    owner="hannah",
                    when="Monthly check-in",
                ),
            ],
        ),
        outcome(
            """I want to sort my own bills, with someone there if I ask.""",
            L.MONEY,
            C.EMPOWERMENT,
            evidence="Rent and bills paid on time; Leon's own view of how it is going.",
            actions=[
                action(
                    """Offer Leon three times to sit down with his bills, and write the one he picks on
                    his whiteboard.""",
                    owner="tom",
                    when="First week of each month",
                ),
            ],
        ),
        outcome(
            """I want to help people with computers, maybe at the library to start with.""",
            L.WORK,
            C.MEANING,
            evidence="Sessions Leon helps at, as he tells us.",
            review_weeks=26,
            actions=[
                action(
                    """Find out with Leon about volunteering at the library's digital help sessions,
                    and go with him to the first one if he wants.""",
                    owner="tom",
                    when="Before the next review",
                ),
            ],
        ),
    ],
    "agreed": {"by": "self", "words": "Yeah, go on. I read it twice and that is what I want."},
}

JENNY = {
    "written_by": "hannah",
    "review_weeks": 12,
    "outcomes": [
        outcome(
            """I want Ama and Kojo to be safe, and with Abena, whenever I am unwell. I want to be part
            of every decision about them.""",
            L.RELATIONSHIPS,
            C.CONNECTEDNESS,
            evidence="""Jenny saying she knew where the children were and who was with them, asked at
                each review and after any crisis. Jenny is invited to every meeting about her or the
                children.""",
            actions=[
                action(
                    """If Jenny becomes unwell, ring Abena first to check the children are with Abena,
                    then tell Jenny who is with them before anything else.""",
                    role="Senior on shift",
                    when="At the first sign Jenny is becoming unwell",
                ),
                action(
                    """Read Jenny's advance wishes with her before any Mental Health Act assessment,
                    and make sure the assessing team has them.""",
                    owner="hannah",
                    when="Before any assessment",
                ),
                action(
                    """Tell Jenny about every meeting about her or the children, in good time, and
                    help her get there or join by phone.""",
                    owner="hannah",
                    when="Whenever a meeting is arranged",
                ),
            ],
        ),
        outcome(
            """I want the children to stay over with me at weekends again.""",
            L.RELATIONSHIPS,
            C.HOPE,
            evidence="Weekend visits and, in time, overnight stays, as Jenny tells us.",
            actions=[
                action(
                    """Keep Jenny's weekends free of appointments, and help her plan the visits with
                    Abena on Friday mornings.""",
                    owner="ellie",
                    when="Fridays",
                ),
            ],
        ),
        outcome(
            """I want to keep singing with the gospel choir on Thursdays.""",
            L.IDENTITY,
            C.IDENTITY,
            evidence="Thursday choir practices, as Jenny tells us.",
            review_weeks=26,
            actions=[
                action(
                    "Book nothing for Jenny on Thursday evenings.",
                    role="Senior on shift",
                    when="Whenever something is booked",
                ),
            ],
        ),
    ],
    "agreed": {"by": "hannah", "words": "OK, yes. The children come first in it, and that is right."},
}

JOHN = {
    "written_by": "hannah",
    "review_weeks": 26,
    "outcomes": [
        outcome(
            """I want to keep making music, Tuesdays and Fridays at the studio with Tobi.""",
            L.COMMUNITY,
            C.MEANING,
            evidence="Studio days, as John tells us; songs finished, if he wants to share them.",
            actions=[
                action(
                    "Book nothing else for John on Tuesdays and Fridays.",
                    owner="hannah",
                    when="Whenever something is booked",
                ),
                action(
                    """While John is unwell, ask him on studio days if he wants to go, and offer to
                    walk there with him.""",
                    role=ON_SHIFT,
                    when="Tuesdays and Fridays",
                ),
            ],
        ),
        outcome(
            """I want a place of my own one day.""",
            L.HOME,
            C.HOPE,
            evidence="Housing application made; the skills John chooses to practise.",
            actions=[
                action(
                    "Fill in the housing register application with John.",
                    owner="hannah",
                    when="Before the next review",
                ),
                action(
                    """Practise the things John picks for running his own flat, such as cooking or
                    paying bills.""",
                    owner="tom",
                    when="Wednesday afternoons, after ten",
                ),
            ],
        ),
        outcome(
            """I want to be treated like a grown man. Nobody talks to my parents about me without
            asking me first.""",
            L.RELATIONSHIPS,
            C.EMPOWERMENT,
            evidence="John saying he was asked first; no sharing outside his advance statement.",
            actions=[
                action(
                    """Ask John before telling his parents anything. While his advance statement is
                    in force, tell them only what it allows.""",
                    role="Any staff member",
                    when="Every time",
                ),
            ],
        ),
    ],
    # Agreed today: the shift briefing shows John's plan as changed, not yet read by most staff.
    "agreed": {"by": "self", "words": "Yeah, cool. It's my plan, it sounds like me.", "days_ago": 0},
}


# --- Other people: short plans so lists look like a real service ---------------------------------------


def short_plan(written_by: str, agreed_words: str, *outcomes: dict, review_weeks: int = 26) -> dict:
    return {
        "written_by": written_by,
        "review_weeks": review_weeks,
        "outcomes": list(outcomes),
        "agreed": {"by": written_by, "words": say(agreed_words)},
    }


OTHERS = {
    "kieran": short_plan(
        "hannah",
        "Sound. That'll do me.",
        outcome(
            "I want to get my rod licence sorted so I can fish the canal with Uncle Pat again.",
            L.COMMUNITY,
            C.CONNECTEDNESS,
            evidence="Rod licence bought; fishing trips with Pat, as Kieran tells us.",
            actions=[
                action("Help Kieran buy his rod licence online.", owner="tom", when="This month"),
            ],
        ),
        outcome(
            "I want to be left be when I'm wound up, and then have a brew.",
            L.HOME,
            C.EMPOWERMENT,
            evidence="Kieran's own view at the review of whether staff give him the hour.",
            actions=[
                action(
                    "Give Kieran an hour on his own, then knock with a brew and don't bring it up.",
                    role=ON_SHIFT,
                    when="Whenever Kieran is wound up",
                ),
            ],
        ),
    ),
    "bev": short_plan(
        "hannah",
        "Yes love, that's me to a tee.",
        outcome(
            "I want to go to the soul all-nighters again, twice a year, with Lynne.",
            L.COMMUNITY,
            C.CONNECTEDNESS,
            evidence="All-nighters Bev gets to; how she felt the day after, as she tells us.",
            actions=[
                action(
                    "Help Bev book tickets and a taxi home, and plan a quiet next day.",
                    owner="chris",
                    when="When the dates are announced",
                ),
            ],
        ),
        outcome(
            "I want to keep managing my diabetes myself, without a fuss in front of visitors.",
            L.HEALTH,
            C.EMPOWERMENT,
            evidence="Diabetes check-ups attended; Bev's own view.",
            actions=[
                action(
                    "Remind Bev of her diabetes check-ups by text, never in front of visitors.",
                    role=ON_SHIFT,
                    when="A week before each appointment",
                ),
            ],
        ),
    ),
    "tariq": short_plan(
        "hannah",
        "Yes, that's right. Thank you.",
        outcome(
            "I want to get my driving licence back.",
            L.WORK,
            C.HOPE,
            evidence="Forms sent to the DVLA; the doctor's letter in hand.",
            actions=[
                action(
                    "Go through the DVLA medical form with Tariq and ask his GP for the letter.",
                    owner="hannah",
                    when="Before the next review",
                ),
            ],
        ),
        outcome(
            "I want support to fit round my prayers and Friday prayers at the mosque.",
            L.IDENTITY,
            C.IDENTITY,
            evidence="No support booked over prayer times; Tariq's own view.",
            actions=[
                action(
                    "Book visits away from prayer times and Friday lunchtime; after sunset in Ramadan.",
                    owner="hannah",
                    when="When the rota is written",
                ),
            ],
        ),
    ),
    "winston": short_plan(
        "hannah",
        "Yes, that is good. And no Saturdays.",
        outcome(
            "I want to keep my Sabbath. Nothing on a Saturday.",
            L.IDENTITY,
            C.IDENTITY,
            evidence="Nothing booked on a Saturday.",
            actions=[
                action("Book nothing for Winston on Saturdays.", owner="hannah", when="Always"),
            ],
        ),
        outcome(
            "I want help with letters and forms in the morning, when my head is clearest.",
            L.MONEY,
            C.EMPOWERMENT,
            evidence="Letters answered on time; Winston's own view.",
            actions=[
                action(
                    "Sit with Winston to go through his post.",
                    role="Morning support worker on shift",
                    when="Tuesday mornings, before dominoes",
                ),
            ],
        ),
    ),
    "declan": short_plan(
        "hannah",
        "Yeah. That's what I'm working for.",
        outcome(
            "I want to stay sober and see my daughter every other Saturday without missing one.",
            L.RELATIONSHIPS,
            C.CONNECTEDNESS,
            evidence="Saturdays with his daughter, as Declan tells us; meetings he goes to.",
            actions=[
                action(
                    "Ask Declan on Friday how he is feeling about Saturday, and listen.",
                    owner="grace",
                    when="Every other Friday",
                ),
            ],
        ),
        outcome(
            "I want to keep going to my meetings on Mondays and Thursdays.",
            L.HEALTH,
            C.HOPE,
            evidence="Meetings Declan goes to, as he tells us.",
            actions=[
                action(
                    "If Declan says he is skipping meetings, tell him you noticed, kindly, once.",
                    role=ON_SHIFT,
                    when="Whenever it comes up",
                ),
            ],
        ),
    ),
    "shauna": short_plan(
        "hannah",
        "Yes. Just don't go reading my file and thinking you know me.",
        outcome(
            "I want to finish my hair and beauty course.",
            L.WORK,
            C.MEANING,
            evidence="College attendance and assignments handed in, as Shauna tells us.",
            actions=[
                action(
                    "Help Shauna plan the week around college on Sunday evenings, if she wants.",
                    owner="ellie",
                    when="Sunday evenings",
                ),
            ],
        ),
        outcome(
            "I want my own flat with my name on the door.",
            L.HOME,
            C.HOPE,
            evidence="Housing application made; move-on plan agreed with Naomi.",
            actions=[
                action(
                    "Meet with Shauna and her personal adviser Naomi about moving on.",
                    owner="grace",
                    when="Every eight weeks",
                ),
            ],
        ),
    ),
    "abdi": short_plan(
        "hannah",
        "Yes, this is good.",
        outcome(
            "I want to keep coaching the under-10s on Saturday mornings.",
            L.COMMUNITY,
            C.MEANING,
            evidence="Saturdays coaching, as Abdi tells us.",
            actions=[
                action("Keep Saturday mornings free of support visits.", owner="hannah", when="Always"),
            ],
        ),
        outcome(
            "When I am stressed I want room to pray and to call my aunt.",
            L.HEALTH,
            C.CONNECTEDNESS,
            evidence="Abdi's own view at the review of whether he got the room he needed.",
            actions=[
                action(
                    "Give Abdi space to pray and call Hodan. Speak plainly and give him time.",
                    role=ON_SHIFT,
                    when="Whenever Abdi is stressed",
                ),
            ],
        ),
    ),
    "ferhat": short_plan(
        "hannah",
        "Yes. Thank you. The interpreter read it to me in Kurmanji.",
        outcome(
            "I want to work in a kitchen again.",
            L.WORK,
            C.MEANING,
            evidence="Food hygiene certificate; kitchen trial shifts.",
            actions=[
                action(
                    "Book Ferhat on the food hygiene course and find a kitchen trial shift with him.",
                    owner="ellie",
                    when="Before the next review",
                ),
            ],
        ),
        outcome(
            "I want to hear my own language, and have an interpreter for the big things.",
            L.IDENTITY,
            C.IDENTITY,
            evidence="A Kurmanji interpreter booked for every review and appointment.",
            actions=[
                action(
                    "Book a Kurmanji interpreter (not Turkish, not family) for anything important.",
                    owner="hannah",
                    when="A week before each appointment",
                ),
            ],
        ),
    ),
    "graham": short_plan(
        "nadia",
        "Yes, that covers it. Carol will be pleased about the band.",
        outcome(
            "I want to get back to band practice on Wednesday nights.",
            L.COMMUNITY,
            C.CONNECTEDNESS,
            evidence="Band practices Graham gets to, as he and Carol tell us.",
            actions=[
                action(
                    "Talk with Graham about getting to practice, at his Tuesday visit.",
                    owner="nadia",
                    when="Tuesday mornings",
                ),
            ],
        ),
        outcome(
            "I want Carol to get some rest, and not wear herself out looking after me.",
            L.RELATIONSHIPS,
            C.CONNECTEDNESS,
            evidence="Carol's carer's assessment done; Carol's own view at the review.",
            actions=[
                action(
                    "Follow up Carol's carer's assessment with her and the council.",
                    owner="nadia",
                    when="This month",
                ),
            ],
        ),
    ),
    "alex": short_plan(
        "nadia",
        "Yes, that works. Thanks for messaging first.",
        outcome(
            "I want to go back and finish my degree, even if it takes longer.",
            L.WORK,
            C.HOPE,
            evidence="Conversation with the university held; a return date set, if Alex chooses.",
            actions=[
                action(
                    "Help Alex write to the university about coming back part-time.",
                    owner="ravi",
                    when="Before the next review",
                ),
            ],
        ),
        outcome(
            "I want people to message me first, not ring out of the blue.",
            L.HEALTH,
            C.EMPOWERMENT,
            evidence="Alex's own view at the review.",
            actions=[
                action(
                    "Message Alex first and only ring at a time Alex has picked.",
                    role="Any member of the team",
                    when="Every time",
                ),
            ],
        ),
    ),
    "dot": short_plan(
        "nadia",
        "Yes dear, that's right.",
        outcome(
            "I want to keep going to the knitting group on Wednesdays.",
            L.COMMUNITY,
            C.CONNECTEDNESS,
            evidence="Wednesdays at the knitting group, as Dot tells us.",
            actions=[
                action(
                    "Ring Dot on Tuesday evenings to see if she would like a lift on Wednesday.",
                    owner="nadia",
                    when="Tuesday evenings",
                ),
            ],
        ),
        outcome(
            "I want someone to sit with me in the evenings when I miss Ron.",
            L.RELATIONSHIPS,
            C.CONNECTEDNESS,
            evidence="Evenings Dot says felt less lonely.",
            actions=[
                action(
                    "Tell Dot about the bereavement group and go with her to the first one if she wants.",
                    owner="nadia",
                    when="This month",
                ),
            ],
        ),
    ),
    "mo": short_plan(
        "nadia",
        "Yes. The interpreter read it all to me. It is right.",
        outcome(
            "I want to work with wood again.",
            L.WORK,
            C.MEANING,
            evidence="Sessions at the repair café; any paid carpentry work.",
            actions=[
                action(
                    "Help Mo find a carpentry course or paid bench work, with his interpreter.",
                    owner="ravi",
                    when="Before the next review",
                ),
            ],
        ),
        outcome(
            "I want to bring my wife and daughters here.",
            L.RELATIONSHIPS,
            C.HOPE,
            evidence="Family reunion application made with the advocate's help.",
            actions=[
                action(
                    "Go with Mo and Ahmad to the immigration advice service about family reunion.",
                    owner="ravi",
                    when="This month",
                ),
            ],
        ),
    ),
}


PLANS: dict[str, dict] = {
    "sam": SAM,
    "ada": ADA,
    "jo": JO,
    "priya": PRIYA,
    "marcus": MARCUS,
    "leon": LEON,
    "jenny": JENNY,
    "john": JOHN,
    **OTHERS,
}
