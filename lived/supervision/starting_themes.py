"""The themes supervisors start with (issue 15), written once: the data migration seeds them, and the
demo makes sure they are there (a test database emptied between browser tests has lost the
migration's rows). Quality leads add and retire themes in the admin."""

THEMES = [
    ("choice-offered", "Choice offered", "Support offered real choices, in the way the person communicates."),
    (
        "routine-over-preference",
        "Routine over preference",
        "The routine or the rota came before what the person wanted.",
    ),
    (
        "positive-risk",
        "Positive risk",
        "Supporting the person to do something that matters to them, with the risk thought through.",
    ),
    (
        "communication-profile-used",
        "Communication profile used",
        "Support followed how the person communicates and consents.",
    ),
    (
        "pressure-to-comply",
        "Pressure to comply",
        "The person was pushed, persuaded or rushed to go along with something.",
    ),
    (
        "carer-involvement",
        "Carer involvement",
        "Family, friends or carers were involved as the person wishes.",
    ),
]


def ensure(theme_model) -> None:
    """Make the starting themes that are missing; never change or bring back one a quality lead has
    changed or retired. `theme_model` is the model (the migration passes its historical one)."""
    for order, (code, name, description) in enumerate(THEMES, start=1):
        theme_model.objects.get_or_create(
            code=code, defaults={"name": name, "description": description, "order": order}
        )
