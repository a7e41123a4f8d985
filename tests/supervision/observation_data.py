"""The answers a senior gives when recording an observation of practice, shared by the observation
tests and the supervision permission matrix."""

import datetime


def answers(**overrides) -> dict:
    data = {
        "observed_on": datetime.date.today() - datetime.timedelta(days=1),
        "person_agreed": True,
        "how_agreed": "Said yes when I asked at the door",
        "words": "yes",
        "order": "yes",
        "window": "yes",
        "boundaries": "not_applicable",
        "choices_offered": "yes",
        "consent_checked": "partly",
        "consent_note": "Asked before personal care but not before the tablets",
        "in_persons_words": "He let me have my tea first. That was nice.",
        "feedback": "Good pace. Ask before the tablets too.",
    }
    data.update(overrides)
    return data
