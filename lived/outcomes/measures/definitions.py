"""The validated measures Lived includes, as data. Nothing here is code: scoring.py turns each entry
into a `Measure`. Item codes are stable forever — answers are stored by code, never by position — so
wording may be corrected without touching stored answers. Sources: docs/measures.md.

Licences (docs/adr/0011-measures-as-data-and-licences.md):
- PHQ-9 and GAD-7: developed by Drs Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and
  colleagues, with an educational grant from Pfizer Inc. No permission is required to reproduce,
  translate, display or distribute them.
- DIALOG: developed by Stefan Priebe and colleagues (Unit for Social and Community Psychiatry, Queen
  Mary University of London) and made freely available for use in care; reproduced with attribution.
- SWEMWBS / WEMWBS are NOT included: their licence needs registration with Warwick Medical School
  for each user, which an open-source product cannot grant on behalf of every service that runs it.
"""

FREQUENCY = [
    (0, "Not at all"),
    (1, "Several days"),
    (2, "More than half the days"),
    (3, "Nearly every day"),
]

SATISFACTION = [
    (1, "Totally dissatisfied"),
    (2, "Very dissatisfied"),
    (3, "Fairly dissatisfied"),
    (4, "In the middle"),
    (5, "Fairly satisfied"),
    (6, "Very satisfied"),
    (7, "Totally satisfied"),
]

PHQ_GAD_LICENCE = (
    "Developed by Drs Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an "
    "educational grant from Pfizer Inc. No permission required to reproduce, translate, display or "
    "distribute."
)

MEASURE_DATA = [
    {
        "code": "phq9",
        "name": "PHQ-9",
        "title": "PHQ-9: questions about low mood",
        "about": "Nine questions about low mood over the last 2 weeks.",
        "stem": "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
        "items": [
            ("phq9_1", "Little interest or pleasure in doing things"),
            ("phq9_2", "Feeling down, depressed, or hopeless"),
            ("phq9_3", "Trouble falling or staying asleep, or sleeping too much"),
            ("phq9_4", "Feeling tired or having little energy"),
            ("phq9_5", "Poor appetite or overeating"),
            (
                "phq9_6",
                "Feeling bad about yourself, or that you are a failure or have let yourself or your "
                "family down",
            ),
            (
                "phq9_7",
                "Trouble concentrating on things, such as reading the newspaper or watching television",
            ),
            (
                "phq9_8",
                "Moving or speaking so slowly that other people could have noticed, or the opposite: "
                "being so fidgety or restless that you have been moving around a lot more than usual",
            ),
            ("phq9_9", "Thoughts that you would be better off dead, or of hurting yourself in some way"),
        ],
        "options": FREQUENCY,
        "rule": "sum",
        "bands": [
            (0, 4, "Minimal"),
            (5, 9, "Mild"),
            (10, 14, "Moderate"),
            (15, 19, "Moderately severe"),
            (20, 27, "Severe"),
        ],
        # Missing items: refused (see docs/measures.md — we did not verify a published prorating rule).
        "missing": "refuse",
        "modes": ["own_account", "with_staff"],
        "urgent_items": ["phq9_9"],
        "caseness": 10,
        "reliable_change": 6,
        "higher_is_better": False,
        "chime": "",
        "source": "Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression severity "
        "measure. J Gen Intern Med 2001;16(9):606-613.",
        "licence": PHQ_GAD_LICENCE,
    },
    {
        "code": "gad7",
        "name": "GAD-7",
        "title": "GAD-7: questions about anxiety",
        "about": "Seven questions about anxiety over the last 2 weeks.",
        "stem": "Over the last 2 weeks, how often have you been bothered by the following problems?",
        "items": [
            ("gad7_1", "Feeling nervous, anxious or on edge"),
            ("gad7_2", "Not being able to stop or control worrying"),
            ("gad7_3", "Worrying too much about different things"),
            ("gad7_4", "Trouble relaxing"),
            ("gad7_5", "Being so restless that it is hard to sit still"),
            ("gad7_6", "Becoming easily annoyed or irritable"),
            ("gad7_7", "Feeling afraid as if something awful might happen"),
        ],
        "options": FREQUENCY,
        "rule": "sum",
        "bands": [(0, 4, "Minimal"), (5, 9, "Mild"), (10, 14, "Moderate"), (15, 21, "Severe")],
        "missing": "refuse",
        "modes": ["own_account", "with_staff"],
        "urgent_items": [],
        "caseness": 8,
        "reliable_change": 4,
        "higher_is_better": False,
        "chime": "",
        "source": "Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized "
        "anxiety disorder: the GAD-7. Arch Intern Med 2006;166(10):1092-1097.",
        "licence": PHQ_GAD_LICENCE,
    },
    {
        "code": "dialog",
        "name": "DIALOG",
        "title": "DIALOG scale",
        "about": "How satisfied you are with eight parts of your life and three parts of your support.",
        "stem": "How satisfied are you with…",
        "items": [
            ("dialog_mental_health", "your mental health?"),
            ("dialog_physical_health", "your physical health?"),
            ("dialog_job", "your job situation?"),
            ("dialog_accommodation", "your accommodation?"),
            ("dialog_leisure", "your leisure activities?"),
            ("dialog_partner_family", "your relationship with your partner or family?"),
            ("dialog_friendships", "your friendships?"),
            ("dialog_safety", "your personal safety?"),
            ("dialog_medication", "your medication?"),
            ("dialog_practical_help", "the practical help you receive?"),
            ("dialog_meetings", "your meetings with mental health professionals?"),
        ],
        "options": SATISFACTION,
        "rule": "dialog",
        "subscales": {
            "quality_of_life": [
                "dialog_mental_health",
                "dialog_physical_health",
                "dialog_job",
                "dialog_accommodation",
                "dialog_leisure",
                "dialog_partner_family",
                "dialog_friendships",
                "dialog_safety",
            ],
            "treatment_satisfaction": ["dialog_medication", "dialog_practical_help", "dialog_meetings"],
        },
        "dissatisfied_below": 4,
        # Each item also asks "Do you want more help with this?" (yes / no).
        "more_help": True,
        "bands": [],
        "missing": "refuse",
        "modes": ["own_account", "with_staff"],
        "urgent_items": [],
        "caseness": None,
        "reliable_change": None,
        "higher_is_better": True,
        "chime": "",
        "source": "Priebe S, Golden E, McCabe R, Reininghaus U. Patient-reported outcome data generated in "
        "a clinical intervention in community mental health care - psychometric properties. BMC "
        "Psychiatry 2012;12:113. Priebe S et al. Structured patient-clinician communication and 1-year "
        "outcome in community mental healthcare (DIALOG). Br J Psychiatry 2007;191:420-426.",
        "licence": "DIALOG scale: Priebe S and colleagues, Queen Mary University of London. Freely "
        "available for use in care; reproduced with attribution.",
    },
]
