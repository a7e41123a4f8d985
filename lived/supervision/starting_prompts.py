"""The prompts supervision starts with (issue 15, items 3 and 4), in Lived's own words, written once:
the data migration seeds them and the demo makes sure they are there (a test database emptied between
browser tests has lost the migration's rows). Quality leads edit, add and retire prompts at
/supervision/prompts/; the code of a prompt never changes, so lived/supervision/prompts.py can find
the caseload prompts it draws evidence for."""

CASELOAD = "caseload"
JOURNEY = "journey"

# (code, kind, stage, title, wording)
PROMPTS = [
    # --- drawn from the worker's caseload since their last session (lived/supervision/prompts.py) ---
    (
        "plan-changed",
        CASELOAD,
        "",
        "Plans that changed",
        "A plan you work with was agreed again since your last supervision. Have you read the new "
        "version? What changed for the person, and has your support changed with it?",
    ),
    (
        "flex-routine-same-way",
        CASELOAD,
        "",
        "Routines that can flex, done the same way every time",
        "The person's plan says these steps can flex, but your notes show them done the same way "
        "every time. Was that the person's choice each day, or has the routine taken over?",
    ),
    (
        "repeated-declines",
        CASELOAD,
        "",
        "Steps the person often said no to",
        "Your notes record the person saying no to the same step again and again. What is the person "
        "telling us? Does the plan need to change, and who should hear about it?",
    ),
    (
        "consent-check-missing",
        CASELOAD,
        "",
        "Consent checks not recorded",
        "The person asks staff to use the three-step consent check with them, and some of your notes "
        "do not record one. How did you check the person agreed? What gets in the way?",
    ),
    (
        "language-suggestions",
        CASELOAD,
        "",
        "Respectful-language suggestions",
        "The respectful-language check suggested other words in some of your notes. How would the "
        "person feel reading them? What words would they use about themselves?",
    ),
    (
        "restrictive-practice",
        CASELOAD,
        "",
        "Restrictive practice you were involved in",
        "You recorded or authorised restrictive practice since your last supervision. How are you? "
        "What happened before it, what could have been tried first, and what did the person say "
        "afterwards?",
    ),
    # --- the library: one stage of the person's journey through services each ---
    (
        "journey-primary-care-gp",
        JOURNEY,
        "primary_care",
        "Seeing the GP",
        "When the person last saw their GP or practice nurse, who decided what to ask about? How did "
        "we help them say what mattered to them, in their own way?",
    ),
    (
        "journey-primary-care-health",
        JOURNEY,
        "primary_care",
        "Physical health in everyday support",
        "Which health checks or medicines does the person have questions about? How do we make sure "
        "they hear the answers in a way that works for them?",
    ),
    (
        "journey-crisis-early-signs",
        JOURNEY,
        "crisis",
        "Early signs and the crisis plan",
        "Think of a time the person's distress rose. Did we notice the early signs they told us about? "
        "Did we follow their crisis plan, and what would they want done differently next time?",
    ),
    (
        "journey-crisis-home-treatment",
        JOURNEY,
        "crisis",
        "Working alongside home treatment",
        "When a crisis team visits, how do we keep the person's routines and choices going? Who tells "
        "the team what the person has asked for?",
    ),
    (
        "journey-mha-rights",
        JOURNEY,
        "mha",
        "Rights during an assessment",
        "If the person were assessed under the Mental Health Act, do they know their rights, who their "
        "advocate would be, and what they have written in advance? How would we make sure those wishes "
        "are heard?",
    ),
    (
        "journey-mha-after",
        JOURNEY,
        "mha",
        "After an assessment",
        "After an assessment or a stay in hospital, how did we welcome the person back? What did they "
        "tell us about how it felt, and what has changed in their plan because of it?",
    ),
    (
        "journey-community-services-joined-up",
        JOURNEY,
        "community_services",
        "Other services in the person's life",
        "Which other services support the person now? Does each know what matters to them, and does "
        "the person feel they are telling their story once, not over and over?",
    ),
    (
        "journey-community-services-choice",
        JOURNEY,
        "community_services",
        "Choosing services",
        "Did the person choose the services they use, or were they fitted into what was available? "
        "What would they choose if they could?",
    ),
    (
        "journey-care-coordination-review",
        JOURNEY,
        "care_coordination",
        "The person's voice at reviews",
        "At the person's last review, how much of the talking did they do? Was the review held where, "
        "when and with whom they wanted?",
    ),
    (
        "journey-care-coordination-plan",
        JOURNEY,
        "care_coordination",
        "Plans in the person's words",
        "Does the plan still sound like the person? Which parts would they recognise as their own, and "
        "which parts read like ours?",
    ),
    (
        "journey-family-involvement",
        JOURNEY,
        "family",
        "Family and friends, as the person wishes",
        "Who does the person want involved in their support, and in what? Are we sharing only what "
        "they agreed to share, and listening to carers without speaking for the person?",
    ),
    (
        "journey-family-relationships",
        JOURNEY,
        "family",
        "Keeping in touch",
        "Which relationships matter most to the person? What have we done to help them keep in touch, "
        "and what has got in the way?",
    ),
    (
        "journey-community-life-belonging",
        JOURNEY,
        "community_life",
        "Places the person belongs",
        "Where does the person feel they belong outside their home? How did support help them get "
        "there this month, and did the rota or routine ever stop them?",
    ),
    (
        "journey-community-life-roles",
        JOURNEY,
        "community_life",
        "Roles and contributions",
        "What does the person give to others: work, volunteering, faith, a hobby, a friendship? How do "
        "we support those roles rather than fit them around our visits?",
    ),
]


def ensure(prompt_model) -> None:
    """Make the starting prompts that are missing; never change or bring back one a quality lead has
    edited or retired. `prompt_model` is the model (the migration passes its historical one)."""
    for order, (code, kind, stage, title, wording) in enumerate(PROMPTS, start=1):
        prompt_model.objects.get_or_create(
            code=code,
            defaults={"kind": kind, "stage": stage, "title": title, "wording": wording, "order": order},
        )
