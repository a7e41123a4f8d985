"""The fictional demo data: one provider, its services, staff, the people it supports and their records.

Everything here is invented. Names, dates of birth, addresses and stories belong to no one. Phone
numbers use Ofcom's drama ranges (01632 960xxx, 07700 900xxx), email addresses use reserved example
domains, and NHS numbers (made by the loader) start 999, a range never issued to anyone.

The content is plain data. `lived.demo.loader.load_demo` turns it into records through the people
services, so every record arrives with a real audit trail.

Conventions used below:
- `entry(section, text, by=...)` is one About me entry. `by` is a staff username, or "self" for the
  person writing on their own account; left out, it is the person's key worker, who helped them
  write it in their words. `own_words=False` marks a staff summary.
- `say(...)` joins a wrapped paragraph into one line, so prose can be written readably here.
- Circle members and sharing are added by the person when they have an account, otherwise by their
  key worker (or, where the key worker is not senior, by whoever opens records at the service).
"""

from lived.accounts.models import Role
from lived.organisations.models import Service
from lived.people.models import AboutMeSection as S
from lived.people.models import CircleMember, SharedSection

Rel = CircleMember.Relationship
Carers = CircleMember.CarersAssessment

PASSWORD = "lived-demo-2026"
NHS_NUMBER_SEED = 2026
# Dates of birth below are written as at 2026. Loaded in a later year they move forward by the same
# number of years, so everyone keeps the age their story was written for (19 to 75).
DATES_OF_BIRTH_AS_AT_YEAR = 2026


def say(text: str) -> str:
    return " ".join(text.split())


def entry(section: str, text: str, by: str | None = None, own_words: bool = True) -> dict:
    return {"section": section, "text": say(text), "by": by, "own_words": own_words}


ORGANISATION = {
    "name": "Brightwater Support CIC",
    "address": "Unit 3, Brightwater Yard\n14 Canal Street\nMillbridge\nMB1 4QX",
    "phone": "01632 960100",
    "email": "hello@brightwater.example",
    "website": "https://brightwater.example",
    "cqc_provider_id": "",
}

SERVICES = [
    {
        "ref": "riverside",
        "records_opened_by": "daniel",  # who opens new records here
        "name": "Riverside Supported Living",
        "type": Service.Type.SUPPORTED_LIVING,
        "address": "Riverside Court\n2 Towpath Lane\nMillbridge\nMB2 7RL",
        "teams": ["Riverside Day Team", "Riverside Night Team"],
    },
    {
        "ref": "harbour",
        "records_opened_by": "daniel",  # who opens new records here
        "name": "Harbour House",
        "type": Service.Type.SUPPORTED_ACCOMMODATION,
        "address": "Harbour House\n41 Quayside Road\nMillbridge\nMB3 1HH",
        "teams": ["Harbour House Team"],
    },
    {
        "ref": "northfield",
        "records_opened_by": "nadia",  # who opens new records here
        "name": "Northfield Community Mental Health Team",
        "type": Service.Type.COMMUNITY_MENTAL_HEALTH_TEAM,
        "address": "Northfield Health Centre\n9 Orchard Road\nMillbridge\nMB5 2NF",
        "teams": ["Northfield East Team", "Northfield West Team"],
    },
    {
        "ref": "oakwood",
        "records_opened_by": "carys",  # who opens new records here
        "name": "Oakwood Recovery College",
        "type": Service.Type.RECOVERY_COLLEGE,
        "address": "Oakwood Community Campus\n60 Beech Avenue\nMillbridge\nMB4 8OC",
        "teams": ["Oakwood Tutors"],
    },
]

ALL_SERVICES = ["riverside", "harbour", "northfield", "oakwood"]

# Django model permissions the administrator holds for the admin site; nothing about people.
ADMINISTRATOR_PERMISSIONS = [
    ("organisations", "organisation"),
    ("organisations", "service"),
    ("organisations", "team"),
    ("accounts", "user"),
    ("accounts", "servicerole"),
    ("rota", "skill"),  # the skills sessions need and managers record for workers
]
ADMINISTRATOR_ACTIONS = ["view", "add", "change"]

# roles: (service ref, role, team name or None)
STAFF = [
    {
        "username": "tom",
        "first_name": "Tom",
        "last_name": "Okafor",
        "roles": [("riverside", Role.SUPPORT_WORKER, "Riverside Day Team")],
        "try": "Start with Shift briefing. Record Ada Kowalski's morning on Daily notes (tap 'Done as "
        "agreed'); open Marcus Bell's crisis plan in one tap; read Leon Baptiste's consent profile "
        "before offering him a choice.",
    },
    {
        "username": "hannah",
        "first_name": "Hannah",
        "last_name": "Reid",
        "roles": [
            ("riverside", Role.SENIOR, "Riverside Day Team"),
            ("harbour", Role.SENIOR, "Harbour House Team"),
        ],
        "try": "Read Sam Carter's About me, written in Sam's words with you, then open his draft "
        "support plan and rewrite 'Promote independence with budgeting' with him. Look at John "
        "Adeyemi's advance wishes, in force since two days ago.",
    },
    {
        "username": "daniel",
        "first_name": "Daniel",
        "last_name": "Mensah",
        "roles": [("riverside", Role.MANAGER, None), ("harbour", Role.MANAGER, None)],
        "try": "Open Risk and incidents: 12-month trends, the restrictive-practice register and risk "
        "reviews due. Open Jenny Osei's crisis plan and advance wishes; see who has read Ada "
        "Kowalski's agreed support plan, and who not.",
    },
    {
        "username": "farah",
        "first_name": "Farah",
        "last_name": "Qureshi",
        "roles": [(ref, Role.QUALITY_LEAD, None) for ref in ALL_SERVICES],
        "try": "See people across all four services. Count the words flagged in notes at "
        "/notes/language/; see whose plans are not in use at /notes/plans-in-use/; open Sam Carter's "
        "audit trail and find the withdrawn sharing agreement.",
    },
    {
        "username": "lee",
        "first_name": "Lee",
        "last_name": "Morgan",
        "roles": [(ref, Role.ADMINISTRATOR, None) for ref in ALL_SERVICES],
        "is_staff": True,
        "admin_permissions": True,
        "try": "Sign in at /admin/ to manage services, teams and staff roles. You cannot open "
        "anyone's record.",
    },
    {
        "username": "grace",
        "first_name": "Grace",
        "last_name": "Ellis",
        "roles": [("harbour", Role.SUPPORT_WORKER, "Harbour House Team")],
        "try": "You work at Harbour House only: the list shows Harbour House people and no one from "
        "Riverside.",
    },
    {
        "username": "nadia",
        "first_name": "Nadia",
        "last_name": "Brooks",
        "roles": [("northfield", Role.SENIOR, "Northfield East Team")],
        "try": "Open Graham Holt: his wife Carol is a carer who has been offered a carer's assessment.",
    },
    {
        "username": "megan",
        "first_name": "Megan",
        "last_name": "Price",
        "roles": [("riverside", Role.SUPPORT_WORKER, "Riverside Night Team")],
        "try": "Read Marcus Bell's About me: what helps when he is distressed, and what to avoid. "
        "Ada Kowalski's agreed support plan is waiting for you to confirm you have read it.",
    },
    {
        "username": "chris",
        "first_name": "Chris",
        "last_name": "Doran",
        "roles": [("riverside", Role.SUPPORT_WORKER, "Riverside Day Team")],
        "try": "Read Ada Kowalski's morning: tea first, quiet time, then personal care.",
    },
    {
        "username": "ellie",
        "first_name": "Ellie",
        "last_name": "Shaw",
        "roles": [("harbour", Role.SUPPORT_WORKER, "Harbour House Team")],
        "try": "Read what matters most to Jenny Osei before anything else.",
    },
    {
        "username": "ravi",
        "first_name": "Ravi",
        "last_name": "Chauhan",
        "roles": [("northfield", Role.SUPPORT_WORKER, "Northfield West Team")],
        "try": "Open Mo Rahimi: his record says how to book a Dari interpreter and how he likes to meet.",
    },
    {
        "username": "carys",
        "first_name": "Carys",
        "last_name": "Lowe",
        "roles": [("oakwood", Role.SENIOR, "Oakwood Tutors")],
        "try": "Open Outcomes: the Oakwood autumn term compares social isolation and unscheduled visits "
        "at the start and end of term. Open Femi Lawal, who is training as a peer tutor.",
    },
    {
        "username": "owen",
        "first_name": "Owen",
        "last_name": "Pryce",
        "roles": [("oakwood", Role.SUPPORT_WORKER, "Oakwood Tutors")],
        "try": "See the Oakwood Recovery College students and what each of them wants from the term.",
    },
]


# ---------------------------------------------------------------------------------------------------
# People. Scenario people first (see /work/shared/product/scenarios.md), then everyone else.
# ---------------------------------------------------------------------------------------------------

SAM = {
    "ref": "sam",
    "service": "riverside",
    "key_worker": "hannah",
    "account": {
        "username": "sam",
        "first_name": "Sam",
        "last_name": "Carter",
        "try": "See your own record as Sam: your About me, and who you share what with "
        "(Bea sees your About me; daily notes were shared once and then withdrawn).",
    },
    "details": {
        "given_name": "Samuel",
        "family_name": "Carter",
        "preferred_name": "Sam",
        "pronouns": "he/him",
        "date_of_birth": "1994-03-12",
        "on_cpa": True,
        "communication_needs": say("""Likes important things said and then sent as a text, because he
            loses track of spoken plans. Goes quiet to think; give him time to answer."""),
        "preferred_language": "English",
        "food_and_drink": say("""Cooks a big pot of chilli on Sundays and shares it round. Strong
            coffee in the morning. Does not drink alcohol."""),
        "faith_and_spirituality": "Not religious. Says being near water settles him.",
        "identity_and_culture": "Born and raised in Millbridge. Follows Millbridge Town home and away.",
        "privacy": say("""Knock and wait to be asked in. Staff do not go into his bedroom unless he
            invites them."""),
        "relationships": "Close to his sister Bea. Friends with Dev from the community bike project.",
        "lifestyle": say("""Volunteers at the community bike project on Tuesdays and Thursdays. A night
            owl by nature; mornings are slow."""),
    },
    "about_me": [
        entry(
            S.MOST_IMPORTANT,
            """My flat being my own place and not a branch of the office. Getting back to working on
            bikes properly, and maybe getting paid for it one day. Staying close to Bea.""",
        ),
        entry(
            S.IMPORTANT_PEOPLE,
            """Bea, my big sister. She is the one person who tells me straight and I still like her
            afterwards. Dev at the bike project, who never makes a fuss when I turn up late. My nan,
            who died three years ago. I go and talk to her at the cemetery sometimes and that is a
            good thing, not something to worry about.""",
            by="self",
        ),
        entry(
            S.COMMUNICATION,
            """Talk to me the way you would talk to anyone else. If it matters, text it to me after,
            because I lose track of what was said. If I go quiet I am thinking, not ignoring you.""",
        ),
        entry(
            S.WELLNESS,
            """I stay well when I go to bed at roughly the same time, eat one hot meal a day and get
            out of the flat. My tablets help. I want to be able to talk about the side effects
            without being told to just keep taking them.""",
        ),
        entry(
            S.GOOD_DAY,
            """I am up before ten, toast and strong coffee, and at the bike project by eleven.
            Someone brings in a rusty wreck and by the afternoon it rolls again. I come home tired in
            the good way, cook something, put the football on and text Bea about nothing much.""",
            by="self",
        ),
        entry(
            S.BAD_DAY,
            """Curtains shut, phone on silent, still in bed at three. Even a shower feels like
            climbing a hill. It is not laziness. It is like walking through wet sand.""",
        ),
        entry(
            S.EARLY_WARNING_SIGNS,
            """I stop going to the bike project and come up with reasons. I am awake until four or
            five in the morning. I stop cooking and live on cereal. I snap at Bea on the phone. If I
            start saying people on the estate are talking about me, things have gone further than I
            want them to, and I would rather you said so kindly than pretended not to notice.""",
        ),
        entry(
            S.WHEN_DISTRESSED,
            """Sit down with me, don't stand over me. Ask if I want to walk down by the canal, because
            moving helps more than talking. A cup of tea, not a lecture. Let me ring Bea if I want
            to. You don't have to fill the silence.""",
            by="self",
        ),
        entry(
            S.INTRUSIVE,
            """Being asked if I have taken my tablets in front of other people. Staff opening my
            fridge or looking in my bin to see if I am eating. Turning up unannounced 'just to
            check'. Someone writing down every word I say while I am still saying it.""",
        ),
        entry(
            S.DO_AND_DONT,
            """Please do knock and wait. Please do tell me if a plan changes, even a small one. Please
            don't talk about me to other staff in the corridor where I can hear.""",
            by="self",
        ),
        entry(
            S.HOW_AND_WHEN,
            """Afternoons work better than mornings. Mondays and Wednesdays after two for planned
            support. If I haven't answered a text for two days, ring once, then come and knock.""",
        ),
        entry(
            S.STRENGTHS,
            """I can fix nearly any bike. I am good with people who are new at the project because I
            remember how it felt. I am a decent cook, and I am honest even when it is awkward.""",
            by="self",
        ),
        entry(
            S.ALSO_WORTH_KNOWING,
            """Sam moved to Riverside after a hospital stay in 2023. He has been clear that he wants
            his plan to be about work and running his own flat, not only about medication. Sam went
            through this page with Hannah, changed the wording in three places, and asked for his
            About me to be shared with his sister Bea.""",
            own_words=False,
        ),
    ],
    "communication": {
        "shows_yes": "Says 'yeah, that works' and usually asks a follow-up question about it.",
        "shows_no": "Says 'I'll think about it'. From Sam that nearly always means no.",
        "shows_not_sure": "Goes quiet and looks at his phone. Leave it with him and text later.",
        "shows_overload": "Starts tapping his foot and gives one-word answers. Time to stop.",
        "pause_words": "I need a breather",
        "preferred_phrasing": "Plain and direct. 'What do you reckon?' works better than a long explanation.",
        "phrasing_to_avoid": "'Compliance', 'engagement', and being called 'mate' in a put-on way.",
        "trusted_staff": ["hannah", "tom"],
        "consent_check_required": False,
        "staged_choices": "Appointments: this afternoon / tomorrow afternoon / Monday after two.",
        "in_persons_words": True,
    },
    "circle": [
        {
            "ref": "bea",
            "name": "Beatrice Carter",
            "relationship": Rel.FAMILY,
            "relationship_detail": "Sister",
            "phone": "07700 900214",
            "email": "bea.carter@example.com",
            "account": {
                "username": "bea",
                "first_name": "Beatrice",
                "last_name": "Carter",
                "try": "Sign in as Sam's sister: you see Sam's About me, because Sam shares it with "
                "you. Daily notes are no longer shared.",
            },
        },
        {
            "ref": "dev",
            "name": "Dev Malhotra",
            "relationship": Rel.FRIEND,
            "relationship_detail": "Friend from the bike project",
            "phone": "07700 900388",
        },
    ],
    "sharing": [
        {
            "member": "bea",
            "section": SharedSection.ABOUT_ME,
            "starts_days_ago": 120,
            "persons_words": "Bea knows me better than anyone. She can read all of this.",
        },
        {
            "member": "bea",
            "section": SharedSection.DAILY_NOTES,
            "starts_days_ago": 120,
            "persons_words": "Bea can see how my week is going.",
            "withdrawn": {
                "by": "self",
                "reason": "I would rather tell Bea about my week myself than have her read about it.",
            },
        },
    ],
}

ADA = {
    "ref": "ada",
    "service": "riverside",
    "key_worker": "hannah",
    "account": {
        "username": "ada",
        "first_name": "Ada",
        "last_name": "Kowalski",
        "try": "Rate how anxious you feel today on Outcomes and health, then see your chart of the "
        "last six weeks.",
    },
    "details": {
        "given_name": "Ada",
        "family_name": "Kowalski",
        "preferred_name": "Ada",
        "pronouns": "she/her",
        "date_of_birth": "1968-09-02",
        "communication_needs": say("""English is Ada's second language. When she is anxious she can lose
            her English words; use short sentences, give time, and offer her traffic-light card."""),
        "preferred_language": "Polish and English",
        "food_and_drink": say("""Tea with lemon, in her own blue cup, before anything else happens in
            the morning. Rye bread from the Polish shop. Not hungry until late morning."""),
        "faith_and_spirituality": say("""Catholic. Goes to the Polish Mass at St Casimir's on Sunday
            afternoons when she feels able to."""),
        "identity_and_culture": "Came to England from Gdańsk in 2005. Likes it when staff try some Polish.",
        "privacy": "Personal care from women staff only. The bathroom door stays closed.",
        "relationships": "Her daughter Marta lives in Leeds and rings every Sunday evening.",
        "lifestyle": "Word searches, Polish radio online, and a slow walk to the shops on good mornings.",
    },
    "about_me": [
        entry(
            S.MOST_IMPORTANT,
            """My mornings to begin slowly, in my own way. My daughter Marta. Going to Mass when I
            can.""",
        ),
        entry(
            S.IMPORTANT_PEOPLE,
            """Marta, my daughter. Father Tomasz at church. My friend Grażyna, who I met at the bus
            stop and who now brings me pierogi on Fridays.""",
        ),
        entry(
            S.GOOD_DAY,
            """I wake up on my own, with nobody waiting for me. Tea with lemon in my blue cup, by the
            window, quiet. After that I am ready. Maybe washing, maybe a walk to the Polish shop for
            bread. In the evening I talk to Marta.""",
        ),
        entry(
            S.BAD_DAY,
            """Somebody is at my door at eight o'clock saying 'shower now'. My heart goes fast, my
            English goes, and the whole day is spoiled before it starts.""",
        ),
        entry(
            S.EARLY_WARNING_SIGNS,
            """I pick at the skin on my hands. I check the lock on the door again and again. I stop
            answering when Marta rings.""",
        ),
        entry(
            S.WHEN_DISTRESSED,
            """Speak quietly and slowly. Show me my card, green, amber, red, and let me point. Do not
            stand in the bathroom doorway. When I say 'daj mi chwilę' it means give me a moment.""",
        ),
        entry(
            S.HOW_AND_WHEN,
            """Come any time between eight and quarter to nine, not on the dot. Tea first, then my
            quiet time, then washing. My tablets at half past nine are the one thing that must be on
            time. I agree with this.""",
        ),
        entry(
            S.ALSO_WORTH_KNOWING,
            """Ada's mornings were the hardest part of her week when staff arrived at a set time and
            followed the same routine for everyone. Her morning agreement (tea, quiet time, then
            personal care, with a 45-minute arrival window) was written with her. Her 9:30 medication
            stays fixed, which Ada agreed to. Ada says mornings now feel 'less like being chased'.""",
            own_words=False,
        ),
    ],
    "communication": {
        "shows_yes": "Nods and says 'tak' or 'yes, OK'. Points to green on her card.",
        "shows_no": "Says 'nie' or 'no, not now', and turns towards the window. Points to red.",
        "shows_not_sure": "Points to amber, or says 'maybe later'. Give her more time.",
        "shows_overload": "Picks at her hands, loses her English, and repeats 'wait, wait'.",
        "pause_words": "daj mi chwilę (give me a moment)",
        "preferred_phrasing": "Short sentences. 'Tea first?' 'Ready now, or later?'",
        "phrasing_to_avoid": "'Come on, let's get you washed.' Anything that sounds like a countdown.",
        "trusted_staff": ["hannah", "chris"],
        "consent_check_required": True,
        "consent_explain": "Say one thing at a time, slowly. Offer to say it again more simply.",
        "consent_options": "Use the traffic-light card for each option.",
        "consent_confirm": "Ask Ada to point to green for the option she has chosen.",
        "staged_choices": "Washing: after tea / after quiet time / before lunch.",
        "in_persons_words": False,
    },
    "circle": [
        {
            "ref": "marta",
            "name": "Marta Nowak",
            "relationship": Rel.FAMILY,
            "relationship_detail": "Daughter",
            "phone": "07700 900512",
        },
        {
            "ref": "grazyna",
            "name": "Grażyna Zielińska",
            "relationship": Rel.FRIEND,
            "relationship_detail": "Friend from church",
        },
    ],
    "sharing": [
        {
            "member": "marta",
            "section": SharedSection.APPOINTMENTS,
            "starts_days_ago": 200,
            "persons_words": "Marta likes to know when I see the doctor, so she can ring me after.",
        },
    ],
}

LEON = {
    "ref": "leon",
    "service": "riverside",
    "key_worker": "hannah",
    "account": {
        "username": "leon",
        "first_name": "Leon",
        "last_name": "Baptiste",
        "try": "See your communication and consent profile: how you show yes, no and not sure, and "
        "your pause words 'time out'.",
    },
    "details": {
        "given_name": "Leon",
        "family_name": "Baptiste",
        "preferred_name": "Leon",
        "pronouns": "he/him",
        "date_of_birth": "1989-06-21",
        "on_cpa": True,
        "section_117_aftercare": True,
        "legal_context_notes": say("""Entitled to section 117 aftercare after a hospital admission under
            section 3 of the Mental Health Act in 2024."""),
        "communication_needs": say("""Often says yes quickly to bring a conversation to an end. Use the
            three-step consent check and staged choices. Big decisions written on his whiteboard."""),
        "preferred_language": "English",
        "food_and_drink": say("""His mum's saltfish and green fig on Sundays. Lots of blackcurrant
            squash; doesn't like fizzy drinks."""),
        "faith_and_spirituality": "Brought up Catholic, not practising. Loves the hymns his gran sang.",
        "identity_and_culture": "His family are from Dominica. Loves his dad's old cricket stories.",
        "privacy": "Bedroom door stays closed. Ask before bringing anyone else into his flat.",
        "relationships": "His mum Claudette visits on Sundays. Works with an independent advocate, Imani.",
        "lifestyle": "Online football games in the evening. Walks to the library for the computers.",
    },
    "about_me": [
        entry(
            S.MOST_IMPORTANT,
            """Being asked properly, and having time to think about it. Not being talked into things.
            My mum.""",
            by="self",
        ),
        entry(
            S.COMMUNICATION,
            """I say yes a lot because I want the talking to stop. That is not always a real yes. Ask
            me again later, or ask me a different way. When I rub the back of my neck I am getting
            too much.""",
            by="tom",
        ),
        entry(
            S.GOOD_DAY,
            """A lie-in, then a bacon sandwich. The library in the afternoon. Mum rings at six.
            Nobody wants anything from me that I didn't already know about.""",
            by="self",
        ),
        entry(
            S.EARLY_WARNING_SIGNS,
            """I stop going to the library. My curtains stay shut in the day. I agree to everything
            and then I am angry about it later.""",
        ),
        entry(
            S.WHEN_DISTRESSED,
            """If I say 'time out', stop. Leave the room and come back in ten minutes. It is not
            about you.""",
            by="tom",
        ),
        entry(
            S.DO_AND_DONT,
            """Do give me choices one at a time. Do write it down if it is something big. Don't stand
            in my doorway while I decide. Don't tell me it will only take five minutes.""",
            by="self",
        ),
        entry(
            S.INTRUSIVE,
            """Being asked the same question three times in a row until I say yes. That is not me
            agreeing. That is me giving up.""",
            by="self",
        ),
        entry(
            S.HOW_AND_WHEN,
            """Tom and Hannah are the people I find easiest. If something has to happen, like my
            injection or sorting my bills, give me three times to pick from.""",
        ),
        entry(
            S.STRENGTHS,
            """I am good with computers. I helped two people at the library set up their email. I
            know a lot about cricket because of my dad.""",
            by="self",
        ),
    ],
    "communication": {
        "shows_yes": say("""Says 'yeah, go on' and keeps eye contact; may ask when. A fast 'yes' while
            looking away is not a real yes."""),
        "shows_no": "Says 'nah' or 'not really', or changes the subject to football. Sometimes goes quiet.",
        "shows_not_sure": "Says 'I don't mind' or 'whatever you think', and shrugs. He needs more time.",
        "shows_overload": say("""Rubs the back of his neck, turns his body away, and says yes to
            everything very fast."""),
        "pause_words": "time out",
        "preferred_phrasing": say("""'You can say no and that is fine.' 'Do you want to decide now or
            later?' 'What would make this easier?'"""),
        "phrasing_to_avoid": say("""'You need to…', 'It's for your own good', 'Everyone else does it',
            'It'll only take five minutes'."""),
        "trusted_staff": ["tom", "hannah"],
        "consent_check_required": True,
        "consent_explain": say("""Step 1: say what it is, why, and what happens if Leon says no, in two
            or three short sentences. Write it on his whiteboard if it is something big."""),
        "consent_options": say("""Step 2: offer the options one at a time, always including 'not now'.
            Wait for his answer before offering the next one."""),
        "consent_confirm": say("""Step 3: ask Leon to say back in his own words what he is agreeing
            to. If he can't, or says 'whatever', it is not agreed yet: come back later."""),
        "staged_choices": say("""For things that must happen (medication, injection appointment, rent
            forms): now / in 30 minutes / after breakfast. If none of those suit, Leon picks a time
            and writes it on his board."""),
        "in_persons_words": True,
    },
    "circle": [
        {
            "ref": "claudette",
            "name": "Claudette Baptiste",
            "relationship": Rel.FAMILY,
            "relationship_detail": "Mum",
            "phone": "07700 900145",
        },
        {
            "ref": "imani",
            "name": "Imani Scott",
            "relationship": Rel.ADVOCATE,
            "relationship_detail": "Independent advocate, Millbridge Advocacy Hub",
            "phone": "01632 960455",
            "email": "imani.scott@advocacy.example",
        },
    ],
    "sharing": [
        {
            "member": "imani",
            "section": SharedSection.COMMUNICATION,
            "starts_days_ago": 45,
            "persons_words": "Imani can see how I say yes and no, so she can back me up in meetings.",
        },
    ],
}

PRIYA = {
    "ref": "priya",
    "service": "riverside",
    "key_worker": "hannah",
    "details": {
        "given_name": "Priya",
        "family_name": "Nair",
        "preferred_name": "Priya",
        "pronouns": "she/her",
        "date_of_birth": "1957-11-30",
        "communication_needs": say("""Wears a hearing aid in her left ear. Face her when you speak and
            turn the television down first."""),
        "preferred_language": "English and Malayalam",
        "food_and_drink": say("""Vegetarian. Makes her own sambar and likes to cook for visitors. Coffee
            with hot milk, never tea."""),
        "faith_and_spirituality": say("""Hindu. Keeps a small shrine in her living room; lights a lamp
            each morning. Please don't move anything on it."""),
        "identity_and_culture": "Grew up in Kochi, Kerala, and came to Millbridge in 1982.",
        "privacy": "Prefers staff to ring the bell even though they have a key.",
        "relationships": "Son Arjun lives in London. Good friends with Edith next door.",
        "lifestyle": say("""Cryptic crossword every day, in ink. Used to walk everywhere and wants to
            again."""),
    },
    "about_me": [
        entry(
            S.MOST_IMPORTANT,
            """Walking to the corner shop on my own for my paper and milk, like I always did. Being
            trusted with my own legs.""",
        ),
        entry(
            S.STRENGTHS,
            """I was a school cook for twenty-two years, so I can still feed a crowd. I do the
            cryptic crossword in ink and I rarely need the answers.""",
        ),
        entry(
            S.WELLNESS,
            """My knees and my balance are not what they were, and I fell twice last winter. My mood
            drops fast when I am stuck inside for days.""",
        ),
        entry(
            S.GOOD_DAY,
            """Lamp lit, coffee made, crossword half done by ten. A walk to the shop when the
            pavements have dried. Edith pops round in the afternoon and I feed her.""",
        ),
        entry(
            S.DO_AND_DONT,
            """Please do walk beside me, and only take my arm if I ask. Please don't talk to my son
            about me as if I am not sitting right there.""",
        ),
        entry(
            S.HOW_AND_WHEN,
            """Late morning, after eleven, when it is lighter and the pavement is dry. A phone call
            when I get to the shop is fine by me. I would rather that than be followed for ever.""",
        ),
        entry(
            S.IMPORTANT_PEOPLE,
            """Arjun, my son, who worries more than he needs to. Edith next door, who has known me
            thirty years and never fusses.""",
        ),
    ],
    "communication": {
        "shows_yes": "Says 'yes, fine' and gets her coat.",
        "shows_no": "Says 'I don't think so' firmly. She means it.",
        "shows_not_sure": "Says 'let me think about it' and changes the subject to the crossword.",
        "shows_overload": "Turns her hearing aid down and stops answering.",
        "preferred_phrasing": "Speak to her as the person making the decision, because she is.",
        "phrasing_to_avoid": "'Bless you', 'good girl', or anything said to her son instead of to her.",
        "trusted_staff": ["hannah"],
        "consent_check_required": False,
        "in_persons_words": False,
    },
    "circle": [
        {
            "ref": "arjun",
            "name": "Arjun Nair",
            "relationship": Rel.FAMILY,
            "relationship_detail": "Son",
            "phone": "07700 900671",
            "email": "arjun.nair@example.com",
        },
        {
            "ref": "edith",
            "name": "Edith Dunn",
            "relationship": Rel.NEIGHBOUR,
            "relationship_detail": "Next door",
        },
    ],
    "sharing": [
        {
            "member": "arjun",
            "section": SharedSection.APPOINTMENTS,
            "starts_days_ago": 90,
            "persons_words": "Arjun can see my appointments. Not my notes.",
        },
    ],
}

MARCUS = {
    "ref": "marcus",
    "service": "riverside",
    "key_worker": "hannah",
    "details": {
        "given_name": "Marcus",
        "family_name": "Bell",
        "preferred_name": "Marcus",
        "pronouns": "he/him",
        "date_of_birth": "1979-04-08",
        "on_cpa": True,
        "section_117_aftercare": True,
        "legal_context_notes": say("""Entitled to section 117 aftercare after a hospital admission under
            section 3 in 2022. Has asked that police are called only if someone is in immediate
            danger."""),
        "communication_needs": "Calm, low voice. One person talking at a time.",
        "preferred_language": "English",
        "food_and_drink": "Big breakfast, light tea. Ice-cold water when he is stressed.",
        "faith_and_spirituality": "Not religious.",
        "identity_and_culture": "Grew up on a farm outside Millbridge. Ex-forestry worker.",
        "privacy": "Keeps his phone and charger with him at all times.",
        "relationships": "His oldest friend Danny. His brother Neil, with whom things are up and down.",
        "lifestyle": "Walks Danny's greyhound, Biscuit, most afternoons. Listens to audiobooks at night.",
    },
    "about_me": [
        entry(
            S.MOST_IMPORTANT,
            """Staying out of hospital. Keeping my flat. Walking Biscuit, Danny's greyhound, every
            afternoon, because he counts on me.""",
        ),
        entry(
            S.IMPORTANT_PEOPLE,
            """Danny, my oldest mate, since we were eight. My brother Neil, though we don't always
            get on.""",
        ),
        entry(
            S.GOOD_DAY,
            """A fry-up, a long walk with Biscuit round the reservoir, a chat with Danny when I drop
            him back. An audiobook and an early night.""",
        ),
        entry(
            S.EARLY_WARNING_SIGNS,
            """I stop eating proper meals. I pace at night. The TV starts to feel like it is talking
            about me. I get sharp with the people I like most.""",
        ),
        entry(
            S.WHEN_DISTRESSED,
            """Lower your voice. Keep your hands where I can see them. Leave the way to the door
            clear so I don't feel trapped. Offer me a cold glass of water. Ring Danny if I ask for
            him.""",
        ),
        entry(
            S.DO_AND_DONT,
            """Don't tell me to calm down. Don't bring more people into the room. Please don't ring
            the police unless someone is actually in danger. Last time it made everything worse and
            I didn't trust anyone for months.""",
        ),
        entry(
            S.INTRUSIVE,
            """Checks on me every hour through the night. Someone taking my phone charger 'for
            safety'.""",
        ),
        entry(
            S.ALSO_WORTH_KNOWING,
            """Marcus rewrote his crisis plan with Hannah after his last difficult spell. He was clear
            that police attendance frightened him and that he wants it only if someone is in
            immediate danger. Danny Hughes has agreed to be the first person staff ring if Marcus
            asks for him.""",
            own_words=False,
        ),
    ],
    "communication": {
        "shows_yes": "Says 'right, OK' and stands up.",
        "shows_no": "Says 'no' clearly. Respect it the first time.",
        "shows_not_sure": "Rubs his jaw and asks 'what happens if I don't?'",
        "shows_overload": "Starts pacing and looking at the door.",
        "pause_words": "give me space",
        "preferred_phrasing": "Calm, plain words. Tell him what you are going to do before you do it.",
        "phrasing_to_avoid": "'Calm down.' 'We'll have to call someone.'",
        "trusted_staff": ["hannah", "megan"],
        "consent_check_required": True,
        "consent_explain": "Tell him what and why, in a low voice, from a seat rather than standing.",
        "consent_options": "Two or three options at most.",
        "consent_confirm": "Ask Marcus what he'd like to happen next.",
        "in_persons_words": False,
    },
    "circle": [
        {
            "ref": "danny",
            "name": "Danny Hughes",
            "relationship": Rel.FRIEND,
            "relationship_detail": "Oldest friend",
            "phone": "07700 900733",
        },
        {
            "ref": "neil",
            "name": "Neil Bell",
            "relationship": Rel.FAMILY,
            "relationship_detail": "Brother",
        },
    ],
    "sharing": [
        {
            "member": "danny",
            "section": SharedSection.WELLBEING,
            "when_unwell_only": True,
            "starts_days_ago": 30,
            "persons_words": "If I'm going downhill, Danny can know.",
        },
        {
            "member": "danny",
            "section": SharedSection.COMMUNICATION,
            "when_unwell_only": True,
            "starts_days_ago": 30,
            "persons_words": "Danny can know how to talk to me when I'm bad.",
        },
    ],
    "advance_wishes": {
        "by": "hannah",
        "statement": """If I get unwell, Danny can be told I am struggling and how to talk to me. My
            brother Neil can be told I am safe, and that is all. Nobody gets my notes.""",
    },
}

JO = {
    "ref": "jo",
    "service": "riverside",
    "key_worker": "hannah",
    "details": {
        "given_name": "Joanne",
        "family_name": "Whitfield",
        "preferred_name": "Jo",
        "pronouns": "she/her",
        "date_of_birth": "1999-01-17",
        "communication_needs": "Likes the week's plan on paper on Sunday evening so she can think it over.",
        "preferred_language": "English",
        "food_and_drink": "Café breakfast after swimming. Not keen on spicy food.",
        "faith_and_spirituality": "Not religious.",
        "identity_and_culture": "Grew up with her nan in Millbridge.",
        "privacy": "Her sketchbooks are private unless she shows you.",
        "relationships": "Very close to her nan Pauline. Friends with Kerry at the animal sanctuary.",
        "lifestyle": "Early swim, drawing, volunteering at the animal sanctuary, musicals with her nan.",
    },
    "about_me": [
        entry(
            S.MOST_IMPORTANT,
            """Doing things that are mine, not something someone picked off a list of activities.""",
        ),
        entry(
            S.STRENGTHS,
            """Drawing, especially birds. Animals trust me, even the nervous ones at the sanctuary. I
            know every word of every musical my nan likes.""",
        ),
        entry(
            S.GOOD_DAY,
            """The quiet swim at seven, then breakfast at the café by the baths. Afternoon drawing, or
            at the sanctuary with the goats. Film night with Nan.""",
        ),
        entry(
            S.BAD_DAY,
            """Someone says 'we're going bowling' like it is already decided. I say no, and then it
            gets written down that I declined, like I am the problem.""",
        ),
        entry(
            S.HOW_AND_WHEN,
            """Tell me the week on Sunday evening so I can think about it. Two things I really want to
            do, two that can move about, and a plan B for when I'm not up to it.""",
        ),
        entry(
            S.DO_AND_DONT,
            """Do ask me what I would rather do instead. Don't take one no as a no to everything.""",
        ),
        entry(
            S.IMPORTANT_PEOPLE,
            """My nan, Pauline. Kerry at the sanctuary, who lets me look after the new arrivals.""",
        ),
    ],
    "communication": {
        "shows_yes": "Says 'go on then' and starts getting ready.",
        "shows_no": "Says 'not today'. Ask her what she'd like instead.",
        "shows_not_sure": "Says 'maybe' and goes back to her drawing.",
        "shows_overload": "Puts her headphones on.",
        "preferred_phrasing": "'What do you fancy?' rather than 'We're doing…'",
        "phrasing_to_avoid": "'You need to get out more.'",
        "trusted_staff": ["hannah", "chris"],
        "consent_check_required": False,
        "staged_choices": "Activities: this morning / this afternoon / swap for something else this week.",
        "in_persons_words": True,
    },
    "circle": [
        {
            "ref": "pauline",
            "name": "Pauline Whitfield",
            "relationship": Rel.FAMILY,
            "relationship_detail": "Nan",
            "phone": "01632 960812",
        },
        {
            "ref": "kerry",
            "name": "Kerry Lamb",
            "relationship": Rel.OTHER,
            "relationship_detail": "Volunteer coordinator at the animal sanctuary",
        },
    ],
}

JOHN = {
    "ref": "john",
    "service": "riverside",
    "key_worker": "hannah",
    "account": {
        "username": "john",
        "first_name": "John",
        "last_name": "Adeyemi",
        "try": "See your advance wishes (in force since two days ago) and exactly what your mum and "
        "dad may be told while you are unwell.",
    },
    "details": {
        "given_name": "John",
        "family_name": "Adeyemi",
        "preferred_name": "John",
        "pronouns": "he/him",
        "date_of_birth": "2001-07-05",
        "on_cpa": True,
        "communication_needs": "When unwell: short, calm sentences, one thing at a time.",
        "preferred_language": "English",
        "food_and_drink": "Jollof rice, his mum's moin moin, and tea with far too much sugar.",
        "faith_and_spirituality": say("""His family go to a Pentecostal church. John goes with them at
            Christmas and says his faith is his own business."""),
        "identity_and_culture": "British Nigerian; his parents are Yoruba and moved to Millbridge in 1996.",
        "privacy": say("""His parents are told only what John has agreed to share. His notebooks are
            private."""),
        "relationships": "Parents Michael and Ruth. His cousin Tobi, who he makes music with.",
        "lifestyle": "Guitar, songwriting, and the recording studio at the community centre.",
    },
    "about_me": [
        entry(
            S.MOST_IMPORTANT,
            """Music. A place of my own one day. Being treated like a grown man, by my parents and
            by staff.""",
            by="self",
        ),
        entry(
            S.STRENGTHS,
            """I play guitar and a bit of keyboard. I keep a notebook of songs I am writing. I
            remember lyrics, and everyone's birthday.""",
            by="self",
        ),
        entry(
            S.IMPORTANT_PEOPLE,
            """Mum and Dad. We love each other, but they worry loudly. My cousin Tobi, who I make
            music with.""",
            by="self",
        ),
        entry(
            S.COMMUNICATION,
            """When I am well, talk to me normally. When I am not, keep it short and calm, one thing
            at a time. If I say 'give me a minute', give me the minute, then come back.""",
        ),
        entry(
            S.GOOD_DAY,
            """Up by ten, shower, tea with too much sugar. Afternoon at the studio with Tobi. Evening
            writing.""",
            by="self",
        ),
        entry(
            S.EARLY_WARNING_SIGNS,
            """I stop sleeping and write all night. The songs stop making sense, even to me. I start
            thinking the radio is sending me messages.""",
        ),
        entry(
            S.WHEN_DISTRESSED,
            """Put some music on low. Not mine, something old, Fela or Bob Marley. Sit where I can
            see you. Don't touch my notebook.""",
            by="self",
        ),
        entry(
            S.INTRUSIVE,
            """People reading my notebook. Mum ringing the office to ask what I had for tea.""",
            by="self",
        ),
        entry(
            S.DO_AND_DONT,
            """Please do ask me before you talk to my parents. Please don't take sides when we
            argue.""",
            by="self",
        ),
        entry(
            S.HOW_AND_WHEN,
            """Not before ten in the morning. Studio days are Tuesday and Friday, so plan around
            them.""",
        ),
    ],
    "communication": {
        "shows_yes": "Says 'yeah, cool' and nods.",
        "shows_no": "Says 'nah, I'm good'.",
        "shows_not_sure": "Picks up his guitar and plays instead of answering.",
        "shows_overload": "Covers his ears with his hands or pulls his hood up.",
        "pause_words": "give me a minute",
        "preferred_phrasing": "Talk to him as an adult. 'Your call.'",
        "phrasing_to_avoid": "'Your mum said…'",
        "trusted_staff": ["hannah", "tom"],
        "consent_check_required": False,
        "in_persons_words": True,
    },
    "circle": [
        {
            "ref": "michael",
            "name": "Michael Adeyemi",
            "relationship": Rel.FAMILY,
            "relationship_detail": "Dad",
            "phone": "07700 900420",
            "email": "michael.adeyemi@example.com",
            "account": {
                "username": "michael",
                "first_name": "Michael",
                "last_name": "Adeyemi",
                "try": "Sign in as John's dad: while John's wishes are in force you see whether he is "
                "well and how to talk with him, and nothing else.",
            },
        },
        {
            "ref": "ruth",
            "name": "Ruth Adeyemi",
            "relationship": Rel.FAMILY,
            "relationship_detail": "Mum",
            "phone": "07700 900421",
        },
        {
            "ref": "tobi",
            "name": "Tobi Adeyemi",
            "relationship": Rel.FAMILY,
            "relationship_detail": "Cousin",
        },
    ],
    "sharing": [
        {
            "member": "michael",
            "section": SharedSection.WELLBEING,
            "when_unwell_only": True,
            "starts_days_ago": 60,
            "persons_words": "Dad can know if I'm unwell.",
        },
        {
            "member": "michael",
            "section": SharedSection.COMMUNICATION,
            "when_unwell_only": True,
            "starts_days_ago": 60,
            "persons_words": "Dad can know how to talk to me when I'm unwell.",
        },
        {
            "member": "ruth",
            "section": SharedSection.WELLBEING,
            "when_unwell_only": True,
            "starts_days_ago": 60,
            "persons_words": "Mum can know if I'm unwell.",
        },
        {
            "member": "ruth",
            "section": SharedSection.COMMUNICATION,
            "when_unwell_only": True,
            "starts_days_ago": 60,
            "persons_words": "Mum can know how to talk to me when I'm unwell.",
        },
    ],
    "advance_wishes": {
        "by": "self",
        "statement": """If I become unwell, my mum and dad can be told that I am unwell, and they can be
            told how to talk with me so they don't make things harder. They cannot see my daily notes,
            my medication, or anything in my About me. That is mine. When I am well again, stop
            telling them unless I say otherwise.""",
        "in_force": {
            "by": "hannah",
            "days_ago": 2,
            "reason": say("""John has hardly slept for four nights and told Hannah the radio is
                sending him messages again. He agreed these are his early warning signs, and we are
                following his advance statement about what his parents may be told."""),
        },
    },
}

JENNY = {
    "ref": "jenny",
    "service": "harbour",
    "key_worker": "hannah",
    "details": {
        "given_name": "Jennifer",
        "family_name": "Osei",
        "preferred_name": "Jenny",
        "pronouns": "she/her",
        "date_of_birth": "1991-10-14",
        "on_cpa": True,
        "legal_context_notes": say("""Has been assessed under the Mental Health Act before (2021). Her
            advance wishes and the plan for her children should be read before any assessment."""),
        "communication_needs": "Wants to be spoken to directly and included in every decision.",
        "preferred_language": "English and Twi",
        "food_and_drink": "Light soup and fufu when she can get it; peppermint tea at night.",
        "faith_and_spirituality": "Methodist. Her church family matter a great deal to her.",
        "identity_and_culture": "British Ghanaian. Grew up in Millbridge; her parents are from Kumasi.",
        "privacy": "Her children's details are shared only with people who need to know.",
        "relationships": say("""Mother of Ama (8) and Kojo (5), who are living with Jenny's sister Abena
            while Jenny is at Harbour House. Sees them every weekend."""),
        "lifestyle": "Gospel choir on Thursdays. Braids her daughter's hair at weekends.",
    },
    "about_me": [
        entry(
            S.MOST_IMPORTANT,
            """The safety of my two children, Ama and Kojo. Everything else comes second. If anything
            is happening with me, the first question has to be who is looking after them, and the
            answer should be Abena.""",
        ),
        entry(
            S.IMPORTANT_PEOPLE,
            """Ama and Kojo. My sister Abena, who has them with her for now and who I trust with my
            life. Auntie Comfort from church, who always rings on a Sunday.""",
        ),
        entry(
            S.EARLY_WARNING_SIGNS,
            """I start cleaning in the middle of the night. I forget to eat because I am too busy. I
            get frightened about the children's safety in ways that don't make sense when I say them
            out loud.""",
        ),
        entry(
            S.WHEN_DISTRESSED,
            """Tell me the children are safe and tell me who is with them. Let me ring Abena. Talk to
            me like a mother, not like a problem to be solved.""",
        ),
        entry(
            S.DO_AND_DONT,
            """Please do include me in every decision about my children. Please don't hold meetings
            about me without telling me they are happening.""",
        ),
        entry(
            S.HOW_AND_WHEN,
            """Weekday mornings are best, after the school run call with Abena. Weekends are for the
            children, so please don't book things then.""",
        ),
        entry(
            S.GOOD_DAY,
            """A video call with the children before school. Choir practice, or a long walk along the
            quay. Church friends popping round. Cooking for the weekend.""",
        ),
    ],
    "communication": {
        "shows_yes": "Says 'OK, yes' and asks what happens next.",
        "shows_no": "Says 'no' and gives a reason. Listen to the reason.",
        "shows_not_sure": "Asks lots of questions. Answer them all; she's weighing it up.",
        "shows_overload": "Keeps asking where the children are.",
        "pause_words": "let me call Abena",
        "preferred_phrasing": "Start by saying the children are safe. Then the rest.",
        "phrasing_to_avoid": "'Social services' without explaining why they are being mentioned.",
        "trusted_staff": ["hannah", "grace"],
        "consent_check_required": True,
        "consent_explain": "Explain what is happening and what it means for the children.",
        "consent_options": "Give her every option, including what happens if she says no.",
        "consent_confirm": "Ask Jenny what she understands will happen next for her and the children.",
        "in_persons_words": False,
    },
    "circle": [
        {
            "ref": "abena",
            "name": "Abena Osei",
            "relationship": Rel.FAMILY,
            "relationship_detail": "Sister, looking after Ama and Kojo",
            "phone": "07700 900902",
            "email": "abena.osei@example.com",
        },
        {
            "ref": "comfort",
            "name": "Comfort Boateng",
            "relationship": Rel.FRIEND,
            "relationship_detail": "Friend from church",
        },
    ],
    "sharing": [
        {
            "member": "abena",
            "section": SharedSection.WELLBEING,
            "when_unwell_only": True,
            "starts_days_ago": 75,
            "persons_words": "Abena needs to know if I'm unwell, for the children's sake.",
        },
        {
            "member": "abena",
            "section": SharedSection.CRISIS_PLAN,
            "when_unwell_only": True,
            "starts_days_ago": 75,
            "persons_words": "Abena should see my crisis plan so she knows the plan for the children.",
        },
    ],
    "advance_wishes": {
        "by": "hannah",
        "statement": """If I become unwell and anyone is thinking about an assessment, first make sure
            Ama and Kojo are with Abena and that they are told something kind and true. Abena can be
            told I am unwell and what the plan is for the children. Read my wishes to me before
            anything is decided, and ask me what I want, even if I am struggling to say it.""",
    },
}

SCENARIO_PEOPLE = [SAM, ADA, LEON, PRIYA, MARCUS, JO, JOHN, JENNY]


# --- Everyone else at Riverside Supported Living -----------------------------------------------------

RIVERSIDE_OTHERS = [
    {
        "ref": "kieran",
        "service": "riverside",
        "key_worker": "hannah",
        "details": {
            "given_name": "Kieran",
            "family_name": "Doyle",
            "pronouns": "he/him",
            "date_of_birth": "1985-02-26",
            "preferred_language": "English",
            "food_and_drink": "A proper Sunday roast. Builder's tea, two sugars.",
            "faith_and_spirituality": "Catholic; goes to Mass at Easter and Christmas with his uncle.",
            "identity_and_culture": "Irish family, from Cork originally.",
            "lifestyle": "Snooker on Wednesdays, fishing with his uncle when the weather allows.",
        },
        "about_me": [
            entry(
                S.MOST_IMPORTANT,
                """Getting my rod licence sorted so I can go out on the canal with Uncle Pat again.""",
            ),
            entry(
                S.WHEN_DISTRESSED,
                """Leave me be for an hour. Then knock with a brew and don't mention it unless I
                do.""",
                by="tom",
            ),
            entry(
                S.GOOD_DAY,
                """Up early, out on the bank with Pat, a flask and a bacon roll. Nothing biting and I
                still don't care.""",
            ),
        ],
        "communication": {"pause_words": "I'm off for a smoke", "trusted_staff": ["tom"]},
        "circle": [
            {
                "ref": "pat",
                "name": "Pat Doyle",
                "relationship": Rel.FAMILY,
                "relationship_detail": "Uncle",
                "phone": "07700 900266",
            }
        ],
    },
    {
        "ref": "bev",
        "service": "riverside",
        "key_worker": "hannah",
        "details": {
            "given_name": "Beverley",
            "family_name": "Anstey",
            "preferred_name": "Bev",
            "pronouns": "she/her",
            "date_of_birth": "1963-05-19",
            "food_and_drink": "Loves a fish supper on Fridays. Diabetic; manages it herself.",
            "identity_and_culture": "Northern soul girl since she was fifteen.",
            "privacy": "Doesn't want her diabetes discussed in front of visitors.",
            "lifestyle": "All-nighters at the soul club twice a year; hairdresser for 30 years.",
        },
        "about_me": [
            entry(
                S.STRENGTHS,
                """I can cut anybody's hair and I can still dance till two in the morning. I'm good at
                cheering people up, even when I'm not cheery myself.""",
            ),
            entry(
                S.BAD_DAY,
                """I don't get dressed and I don't put my face on. If you see me without my lipstick
                by noon, something's wrong.""",
            ),
            entry(
                S.DO_AND_DONT,
                """Do have a laugh with me. Don't call me 'sweetheart', I'm older than your mum.""",
            ),
        ],
        "circle": [
            {
                "ref": "lynne",
                "name": "Lynne Hargreaves",
                "relationship": Rel.FRIEND,
                "relationship_detail": "Best friend",
            }
        ],
    },
    {
        "ref": "tariq",
        "service": "riverside",
        "key_worker": "hannah",
        "details": {
            "given_name": "Tariq",
            "family_name": "Hussain",
            "pronouns": "he/him",
            "date_of_birth": "1992-12-03",
            "preferred_language": "English and Urdu",
            "food_and_drink": "Halal only. Fasts in Ramadan; support then shifts to after sunset.",
            "faith_and_spirituality": "Muslim. Prays five times a day; Friday prayers at the mosque.",
            "identity_and_culture": "British Pakistani; his family run a car repair garage in town.",
            "privacy": "Knock and wait, especially around prayer times.",
            "lifestyle": "Formula 1, fixing up an old hatchback, and the gym three times a week.",
        },
        "about_me": [
            entry(
                S.MOST_IMPORTANT,
                """My faith, my family and getting my driving licence back.""",
            ),
            entry(
                S.DO_AND_DONT,
                """Do knock and wait. If I am praying I will come to the door after. Don't bring pork
                or alcohol into my kitchen, not even in your lunchbox.""",
            ),
            entry(
                S.STRENGTHS,
                """I know engines. Ask me about any car on the street and I will tell you what is
                wrong with it from the sound.""",
            ),
        ],
        "communication": {
            "preferred_phrasing": "Straight talking. He'll ask if he wants more detail.",
            "trusted_staff": ["tom", "hannah"],
        },
        "circle": [
            {
                "ref": "imran",
                "name": "Imran Hussain",
                "relationship": Rel.FAMILY,
                "relationship_detail": "Older brother",
                "phone": "07700 900310",
            }
        ],
    },
    {
        "ref": "cai",
        "service": "riverside",
        "key_worker": "hannah",
        "details": {
            "given_name": "Cai",
            "family_name": "Lloyd",
            "pronouns": "they/them",
            "date_of_birth": "1997-08-09",
            "preferred_language": "Welsh and English",
            "communication_needs": "Happy in English; Welsh when tired or upset.",
            "food_and_drink": "Vegan.",
            "identity_and_culture": "Non-binary. Grew up in Bala and moved here for university.",
            "privacy": "Their name and pronouns are used everywhere, including on letters.",
            "lifestyle": "Choir, board games, and long walks with their headphones in.",
        },
        "about_me": [
            entry(
                S.COMMUNICATION,
                """Call me Cai and use they/them. If someone gets it wrong, correct yourself and carry
                on. No big apology, it just makes it awkward for both of us.""",
            ),
            entry(
                S.STRENGTHS,
                """I sing, I organise a board game night on the first Friday of the month, and I am
                the one people ring when their laptop breaks.""",
            ),
            entry(
                S.INTRUSIVE,
                """Being asked lots of questions about my gender when I have come about something
                else.""",
            ),
        ],
    },
    {
        "ref": "winston",
        "service": "riverside",
        "key_worker": "hannah",
        "details": {
            "given_name": "Winston",
            "family_name": "Clarke",
            "pronouns": "he/him",
            "date_of_birth": "1953-02-14",
            "food_and_drink": "Ackee and saltfish, hard-dough bread, and a slice of bun with cheese.",
            "faith_and_spirituality": "Seventh-day Adventist. Saturday is his Sabbath; no appointments.",
            "identity_and_culture": "Born in Kingston, Jamaica; came to England with his mother in 1961.",
            "relationships": "Daughter Marcia visits on Sunday afternoons.",
            "lifestyle": "Dominoes at the community centre on Tuesdays. Gardening on his balcony.",
        },
        "about_me": [
            entry(
                S.MOST_IMPORTANT,
                """Keeping the Sabbath. My daughter, Marcia, and my two grandsons.""",
            ),
            entry(
                S.GOOD_DAY,
                """Tomatoes coming on the balcony, a game of dominoes, and winning it.""",
            ),
            entry(
                S.HOW_AND_WHEN,
                """Not on a Saturday. Mornings are best for anything to do with forms or letters.""",
            ),
        ],
        "circle": [
            {
                "ref": "marcia",
                "name": "Marcia Clarke",
                "relationship": Rel.FAMILY,
                "relationship_detail": "Daughter",
                "phone": "07700 900557",
            }
        ],
    },
]


# --- Harbour House -----------------------------------------------------------------------------------

HARBOUR_OTHERS = [
    {
        "ref": "declan",
        "service": "harbour",
        "key_worker": "grace",
        "details": {
            "given_name": "Declan",
            "family_name": "Ryan",
            "pronouns": "he/him",
            "date_of_birth": "1990-07-30",
            "food_and_drink": "Alcohol-free. Lots of coffee. Cooks pasta for the house on Wednesdays.",
            "relationships": "Working on rebuilding contact with his daughter, who is twelve.",
            "lifestyle": "Mutual aid meetings on Mondays and Thursdays. Five-a-side football.",
        },
        "about_me": [
            entry(
                S.MOST_IMPORTANT,
                """Staying sober and earning back my daughter's trust. Seeing her every other
                Saturday and not missing one.""",
                by="grace",
            ),
            entry(
                S.EARLY_WARNING_SIGNS,
                """I stop going to meetings and tell everyone I'm fine. I start hanging round the
                bookies again.""",
                by="grace",
            ),
        ],
        "circle": [
            {
                "ref": "gerry",
                "name": "Gerry Flanagan",
                "relationship": Rel.FRIEND,
                "relationship_detail": "Friend from his Thursday meeting",
            }
        ],
    },
    {
        "ref": "shauna",
        "service": "harbour",
        "key_worker": "grace",
        "details": {
            "given_name": "Shauna",
            "family_name": "McBride",
            "pronouns": "she/her",
            "date_of_birth": "2004-03-03",
            "legal_context_notes": "Care leaver; entitled to support from a leaving care personal adviser.",
            "identity_and_culture": "Grew up in foster care in Millbridge; proud of making it this far.",
            "privacy": "Doesn't want her care history mentioned in front of other residents.",
            "lifestyle": "Hair and beauty course at college three days a week. Nails on Sunday.",
        },
        "about_me": [
            entry(
                S.MOST_IMPORTANT,
                """Finishing my college course and getting my own flat with my name on the door.""",
                by="grace",
            ),
            entry(
                S.DO_AND_DONT,
                """Do treat me like an adult. Don't read my file and think you know me.""",
                by="grace",
            ),
            entry(
                S.STRENGTHS,
                """I'm good at making people feel nice about themselves. I never miss college.""",
                by="grace",
            ),
        ],
        "circle": [
            {
                "ref": "adviser",
                "name": "Naomi Petrie",
                "relationship": Rel.PROFESSIONAL,
                "relationship_detail": "Leaving care personal adviser",
                "phone": "01632 960377",
            }
        ],
    },
    {
        "ref": "abdi",
        "service": "harbour",
        "key_worker": "hannah",
        "details": {
            "given_name": "Abdi",
            "family_name": "Warsame",
            "pronouns": "he/him",
            "date_of_birth": "1998-11-11",
            "preferred_language": "Somali and English",
            "food_and_drink": "Halal. Loves his aunt's bariis iskukaris and spiced tea.",
            "faith_and_spirituality": "Muslim; Friday prayers at the central mosque.",
            "identity_and_culture": "Somali; came to the UK aged nine.",
            "lifestyle": "Coaches an under-10s football team on Saturday mornings.",
        },
        "about_me": [
            entry(
                S.STRENGTHS,
                """The kids I coach listen to me. I stay calm with the ones who are scared of the
                ball, and they come round.""",
            ),
            entry(
                S.WHEN_DISTRESSED,
                """Give me room to pray. Let me call my aunt. Speak to me in plain words, I
                understand everything but I need a bit longer when I'm stressed.""",
            ),
        ],
        "circle": [
            {
                "ref": "hodan",
                "name": "Hodan Farah",
                "relationship": Rel.FAMILY,
                "relationship_detail": "Aunt",
            }
        ],
    },
    {
        "ref": "lorraine",
        "service": "harbour",
        "key_worker": "grace",
        "details": {
            "given_name": "Lorraine",
            "family_name": "Pike",
            "pronouns": "she/her",
            "date_of_birth": "1972-06-06",
            "food_and_drink": "Doesn't eat breakfast. Big fan of a jacket potato.",
            "privacy": "Keeps her room locked; staff knock and wait.",
            "lifestyle": "Looks after the Harbour House garden and a very old cat called Toffee.",
        },
        "about_me": [
            entry(
                S.GOOD_DAY,
                """Out in the garden by nine with Toffee following me about. Weeding, then a
                cuppa on the bench.""",
                by="grace",
            ),
            entry(
                S.INTRUSIVE,
                """People asking 'how are we today?' every time they pass me. Just say hello.""",
                by="grace",
            ),
        ],
    },
    {
        "ref": "ferhat",
        "service": "harbour",
        "key_worker": "hannah",
        "details": {
            "given_name": "Ferhat",
            "family_name": "Demir",
            "pronouns": "he/him",
            "date_of_birth": "1983-09-25",
            "preferred_language": "Kurmanji Kurdish",
            "communication_needs": say("""Needs a Kurmanji interpreter for anything important; not
                Turkish, and not a family member."""),
            "food_and_drink": "Was a chef. Cooks for everyone given half a chance.",
            "identity_and_culture": "Kurdish, from near Diyarbakır. Arrived in the UK in 2019.",
            "lifestyle": "Cooks, plays the saz, and goes to the Kurdish community centre on Sundays.",
        },
        "about_me": [
            entry(
                S.MOST_IMPORTANT,
                """Working in a kitchen again. Hearing my own language.""",
            ),
            entry(
                S.COMMUNICATION,
                """For the big things, get me an interpreter who speaks Kurmanji. Not Turkish. For
                the small things, my English is OK if you speak slowly.""",
            ),
        ],
        "communication": {
            "preferred_phrasing": "Slow, simple English for everyday things; interpreter for anything big.",
            "trusted_staff": ["hannah", "ellie"],
        },
    },
]


# --- Northfield Community Mental Health Team ---------------------------------------------------------

NORTHFIELD = [
    {
        "ref": "graham",
        "service": "northfield",
        "key_worker": "nadia",
        "details": {
            "given_name": "Graham",
            "family_name": "Holt",
            "pronouns": "he/him",
            "date_of_birth": "1960-01-22",
            "on_cpa": True,
            "identity_and_culture": "Retired bus driver. Millbridge born and bred.",
            "relationships": "Married to Carol for 38 years; she supports him day to day.",
            "lifestyle": "Plays cornet in the Northfield brass band.",
        },
        "about_me": [
            entry(
                S.MOST_IMPORTANT,
                """Carol, and not wearing her out. Getting back to band practice.""",
            ),
            entry(
                S.EARLY_WARNING_SIGNS,
                """I stop playing my cornet and I stop shaving. Carol notices before I do.""",
            ),
            entry(
                S.HOW_AND_WHEN,
                """Come to the house on a Tuesday morning. Carol can sit in, but talk to me first.""",
            ),
        ],
        "circle": [
            {
                "ref": "carol",
                "name": "Carol Holt",
                "relationship": Rel.PARTNER,
                "relationship_detail": "Wife",
                "phone": "01632 960284",
                "gives_substantial_care": True,
                "carers_assessment": Carers.OFFERED,
            }
        ],
        "sharing": [
            {
                "member": "carol",
                "section": SharedSection.APPOINTMENTS,
                "starts_days_ago": 150,
                "persons_words": "Carol runs the calendar. She can see my appointments.",
            },
        ],
    },
    {
        "ref": "yasmin",
        "service": "northfield",
        "key_worker": "nadia",
        "details": {
            "given_name": "Yasmin",
            "family_name": "Chowdhury",
            "pronouns": "she/her",
            "date_of_birth": "1987-04-29",
            "preferred_language": "Sylheti and English",
            "food_and_drink": "Halal.",
            "faith_and_spirituality": "Muslim.",
            "privacy": "Prefers appointments at the health centre rather than at home.",
            "lifestyle": "Works part-time at a pharmacy counter; three children at primary school.",
        },
        "about_me": [
            entry(
                S.MOST_IMPORTANT,
                """Keeping my job. Being there at the school gate at three o'clock.""",
                by="ravi",
            ),
            entry(
                S.HOW_AND_WHEN,
                """Between ten and two, at the health centre, please. Text rather than ring, because
                I can't answer at work.""",
                by="ravi",
            ),
        ],
        "circle": [
            {
                "ref": "rafiq",
                "name": "Rafiq Chowdhury",
                "relationship": Rel.PARTNER,
                "relationship_detail": "Husband",
                "gives_substantial_care": True,
                "carers_assessment": Carers.DECLINED,
            }
        ],
    },
    {
        "ref": "alex",
        "service": "northfield",
        "key_worker": "ravi",
        "details": {
            "given_name": "Alex",
            "family_name": "Mercer",
            "pronouns": "they/them",
            "date_of_birth": "2002-10-02",
            "identity_and_culture": "Left university in their second year; hoping to go back.",
            "lifestyle": "Builds computers and streams strategy games. Night owl.",
        },
        "about_me": [
            entry(
                S.MOST_IMPORTANT,
                """Going back to finish my degree, even if it takes longer.""",
                by="ravi",
            ),
            entry(
                S.COMMUNICATION,
                """Message me first. Phone calls out of the blue make my stomach drop.""",
                by="ravi",
            ),
            entry(
                S.STRENGTHS,
                """I can build a PC from parts and explain it to someone who has never seen the
                inside of one.""",
                by="ravi",
            ),
        ],
        "communication": {
            "preferred_phrasing": "Message first, then a call at a time Alex has picked.",
            "trusted_staff": ["ravi"],
        },
    },
    {
        "ref": "dot",
        "service": "northfield",
        "key_worker": "nadia",
        "details": {
            "given_name": "Dorothy",
            "family_name": "Fairweather",
            "preferred_name": "Dot",
            "pronouns": "she/her",
            "date_of_birth": "1951-08-18",
            "on_cpa": True,
            "faith_and_spirituality": "Methodist; chapel on Sunday mornings.",
            "relationships": "Widowed in 2019. Her son Peter lives close by and helps a lot.",
            "lifestyle": "Knitting group on Wednesdays; knits hats for the neonatal unit.",
        },
        "about_me": [
            entry(
                S.IMPORTANT_PEOPLE,
                """Peter, my son. The knitting girls, though the youngest of us is sixty-eight.""",
            ),
            entry(
                S.BAD_DAY,
                """I can't face the knitting group and I let the phone ring. I miss my husband most
                in the evenings.""",
            ),
            entry(
                S.WHEN_DISTRESSED,
                """Sit with me and have a cup of tea. Let me talk about Ron if I want to.""",
            ),
        ],
        "circle": [
            {
                "ref": "peter",
                "name": "Peter Fairweather",
                "relationship": Rel.FAMILY,
                "relationship_detail": "Son",
                "phone": "07700 900618",
                "gives_substantial_care": True,
                "carers_assessment": Carers.COMPLETED,
            }
        ],
    },
    {
        "ref": "mo",
        "service": "northfield",
        "key_worker": "ravi",
        "details": {
            "given_name": "Mohammed",
            "family_name": "Rahimi",
            "preferred_name": "Mo",
            "pronouns": "he/him",
            "date_of_birth": "1976-12-12",
            "preferred_language": "Dari",
            "communication_needs": say("""Book a Dari interpreter for appointments; he prefers a male
                interpreter and the same one each time where possible."""),
            "faith_and_spirituality": "Muslim.",
            "identity_and_culture": "From Herat, Afghanistan. Was a carpenter.",
            "privacy": "Prefers to meet outside his home, at the health centre or a café.",
            "lifestyle": "Volunteers at the repair café, mending furniture.",
        },
        "about_me": [
            entry(
                S.MOST_IMPORTANT,
                """Working with wood again. Bringing my wife and daughters here.""",
                by="ravi",
            ),
            entry(
                S.INTRUSIVE,
                """Questions about what happened to me before I came here, when I have not chosen to
                talk about it.""",
                by="ravi",
            ),
        ],
        "communication": {
            "preferred_phrasing": "Through his interpreter. Look at Mo, not at the interpreter.",
            "trusted_staff": ["ravi", "nadia"],
        },
        "circle": [
            {
                "ref": "mo_advocate",
                "name": "Ahmad Noori",
                "relationship": Rel.ADVOCATE,
                "relationship_detail": "Community advocate, Millbridge Refugee Forum",
                "phone": "01632 960519",
            }
        ],
    },
    {
        "ref": "siobhan",
        "service": "northfield",
        "key_worker": "nadia",
        "details": {
            "given_name": "Siobhan",
            "family_name": "Kelly",
            "pronouns": "she/her",
            "date_of_birth": "1982-03-15",
            "relationships": "Lives with her partner Niamh.",
            "lifestyle": "Park run every Saturday; training for a half marathon.",
        },
        "about_me": [
            entry(
                S.EARLY_WARNING_SIGNS,
                """I stop needing sleep and start signing up for everything. Niamh spots it when I
                start three projects in a weekend.""",
            ),
            entry(
                S.WELLNESS,
                """Running keeps me level. So does a bedtime, annoyingly.""",
            ),
        ],
        "circle": [
            {
                "ref": "niamh",
                "name": "Niamh Walsh",
                "relationship": Rel.PARTNER,
                "relationship_detail": "Partner",
                "phone": "07700 900841",
            }
        ],
        "sharing": [
            {
                "member": "niamh",
                "section": SharedSection.WELLBEING,
                "starts_days_ago": 300,
                "persons_words": "Niamh can always see how I'm doing.",
            },
        ],
    },
]


# --- Oakwood Recovery College ------------------------------------------------------------------------

OAKWOOD = [
    {
        "ref": "femi",
        "service": "oakwood",
        "key_worker": "carys",
        "details": {
            "given_name": "Femi",
            "family_name": "Lawal",
            "pronouns": "he/him",
            "date_of_birth": "1980-05-01",
            "identity_and_culture": "British Nigerian. A former warehouse manager.",
            "lifestyle": "Took three courses last year; now training as a peer tutor.",
        },
        "about_me": [
            entry(
                S.MOST_IMPORTANT,
                """Using what I have been through to help someone else get through theirs.""",
            ),
            entry(
                S.STRENGTHS,
                """I can make a room of strangers feel like they are allowed to talk. I organise
                things, and I listen.""",
            ),
            entry(
                S.ALSO_WORTH_KNOWING,
                """Femi completed 'Understanding Anxiety', 'Sleep Well' and 'Telling Your Story' and
                has started peer tutor training. He will co-facilitate 'Building Confidence' next
                term.""",
                own_words=False,
            ),
        ],
    },
    {
        "ref": "rachel",
        "service": "oakwood",
        "key_worker": "carys",
        "details": {
            "given_name": "Rachel",
            "family_name": "Stone",
            "pronouns": "she/her",
            "date_of_birth": "1970-09-09",
            "lifestyle": "Signed up for 'Mindful Walking' and 'Writing for Wellbeing' this term.",
        },
        "about_me": [
            entry(
                S.MOST_IMPORTANT,
                """Getting out of the house at least three times a week. Meeting people who get it.""",
            ),
            entry(
                S.HOW_AND_WHEN,
                """Morning courses only. My mood dips after four.""",
            ),
        ],
    },
    {
        "ref": "connor",
        "service": "oakwood",
        "key_worker": "owen",
        "details": {
            "given_name": "Connor",
            "family_name": "Blake",
            "pronouns": "he/him",
            "date_of_birth": "2005-06-30",
            "lifestyle": "Skateboarding and music production. First term at the college.",
        },
        "about_me": [
            entry(
                S.DO_AND_DONT,
                """Do let me sit near the door in the first few sessions. Don't make me read out
                loud.""",
                by="owen",
            ),
            entry(
                S.STRENGTHS,
                """I make beats. I'm good at spotting when someone is about to bail and talking
                them round.""",
                by="owen",
            ),
        ],
    },
    {
        "ref": "huimin",
        "service": "oakwood",
        "key_worker": "carys",
        "details": {
            "given_name": "Hui Min",
            "family_name": "Tan",
            "pronouns": "she/her",
            "date_of_birth": "1993-02-07",
            "preferred_language": "English and Mandarin",
            "food_and_drink": "Vegetarian. Brings home-made buns to share on the last day of term.",
            "faith_and_spirituality": "Buddhist; meditates each morning.",
            "identity_and_culture": "Grew up in Singapore; has lived in Millbridge for eight years.",
        },
        "about_me": [
            entry(
                S.GOOD_DAY,
                """Meditation, a long walk, a course in the afternoon, then baking in the evening.""",
            ),
            entry(
                S.STRENGTHS,
                """I bake, I notice small things, and I am very good at keeping to time.""",
            ),
        ],
    },
    {
        "ref": "gareth",
        "service": "oakwood",
        "key_worker": "owen",
        "details": {
            "given_name": "Gareth",
            "family_name": "Powell",
            "pronouns": "he/him",
            "date_of_birth": "1966-10-27",
            "preferred_language": "English",
            "identity_and_culture": "Welsh; worked at the steelworks for 25 years until it closed.",
            "lifestyle": "Male voice choir and the 'Men's Shed' woodwork group.",
        },
        "about_me": [
            entry(
                S.MOST_IMPORTANT,
                """Having somewhere to be and something useful to do with my hands.""",
                by="owen",
            ),
            entry(
                S.BAD_DAY,
                """I sit in the car outside the college and can't make myself go in. A text saying
                'we've saved you a seat' helps more than you'd think.""",
                by="owen",
            ),
        ],
    },
]

PEOPLE = SCENARIO_PEOPLE + RIVERSIDE_OTHERS + HARBOUR_OTHERS + NORTHFIELD + OAKWOOD


def demo_accounts() -> list[dict]:
    """Every demo sign-in, for print_demo_accounts and the tests: staff, people, then circle members."""
    service_names = {s["ref"]: s["name"] for s in SERVICES}
    rows = []
    for staff in STAFF:
        roles: dict[str, list[str]] = {}
        for service_ref, role, _team in staff["roles"]:
            roles.setdefault(Role(role).label, []).append(service_names[service_ref])
        if len(ALL_SERVICES) > 1 and all(len(v) == len(ALL_SERVICES) for v in roles.values()):
            where = "; ".join(f"{label}, all services" for label in roles)
        else:
            where = "; ".join(f"{label}, {' and '.join(names)}" for label, names in roles.items())
        rows.append(
            {
                "username": staff["username"],
                "who": f"{staff['first_name']} {staff['last_name']}",
                "role": where,
                "try": staff["try"],
                "kind": "staff",
            }
        )
    for person in PEOPLE:
        account = person.get("account")
        if account:
            rows.append(
                {
                    "username": account["username"],
                    "who": f"{account['first_name']} {account['last_name']}",
                    "role": f"Person supported, {service_names[person['service']]}",
                    "try": account["try"],
                    "kind": "person",
                }
            )
    for person in PEOPLE:
        for member in person.get("circle", []):
            account = member.get("account")
            if account:
                known_as = person["details"].get("preferred_name") or person["details"]["given_name"]
                rows.append(
                    {
                        "username": account["username"],
                        "who": f"{account['first_name']} {account['last_name']}",
                        "role": f"Circle of support: {known_as}'s {member['relationship_detail'].lower()}",
                        "try": account["try"],
                        "kind": "circle",
                    }
                )
    return rows
