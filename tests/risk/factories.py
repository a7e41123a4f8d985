"""Risk plans for tests: the form data of a staged positive risk-taking plan."""

STAGES = [
    {"title": "Walk together", "to_progress": "Two walks with no stumbles", "check_in": ""},
    {"title": "Follow at a distance", "to_progress": "Four trips", "check_in": "Ring when back"},
    {"title": "Alone with a check-in call", "to_progress": "", "check_in": "Ring the office when back"},
]


def plan_data(**overrides):
    data = {
        "goal": "I want to walk to the shop on my own.",
        "risk": "Falls on the kerb.",
        "options": [
            {"option": "Staff fetch shopping", "reason": "Removes the goal"},
            {"option": "Walk together always", "reason": "Feels watched"},
            {"option": "Staged plan", "reason": "Builds confidence"},
        ],
        "chosen_option": 2,
        "why_proportionate": "Short route; she has capacity; small steps.",
        "safety_strategies": "Good shoes, phone charged.",
        "contingency": "Ring after 30 minutes.",
        "review_triggers": "Change in mobility; confusion; missed check-in.",
        "escalation": "Shift lead, then senior.",
        "stages": STAGES,
    }
    data.update(overrides)
    return data
