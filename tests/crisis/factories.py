"""Crisis plans for tests: a crisis plan's fields, written with the person."""

CRISIS = {
    "early_signs": "Stops answering the phone.",
    "what_helps": "Speak slowly. Offer the garden.",
    "contacts": [{"name": "Delroy Green", "relationship": "brother", "phone": "07700 900123"}],
    "avoid": "Do not say calm down.",
    "emergency_when": "Call 999 if someone is hurt.",
    "alternatives_to_admission": "Crisis house.",
    "dependants_and_pets": "Biscuit the cat: Delroy feeds her.",
    "wishes": "Tell Delroy.",
    "written_with_person": True,
}
