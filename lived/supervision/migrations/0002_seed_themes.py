"""The themes supervisors start with (issue 15). Quality leads add and retire themes in the admin."""

from django.db import migrations

THEMES = [
    ("choice-offered", "Choice offered", "Support offered real choices, in the way the person communicates."),
    ("routine-over-preference", "Routine over preference", "The routine or the rota came before what the person wanted."),
    ("positive-risk", "Positive risk", "Supporting the person to do something that matters to them, with the risk thought through."),
    ("communication-profile-used", "Communication profile used", "Support followed how the person communicates and consents."),
    ("pressure-to-comply", "Pressure to comply", "The person was pushed, persuaded or rushed to go along with something."),
    ("carer-involvement", "Carer involvement", "Family, friends or carers were involved as the person wishes."),
]


def seed(apps, schema_editor):
    Theme = apps.get_model("supervision", "Theme")
    for order, (code, name, description) in enumerate(THEMES, start=1):
        Theme.objects.get_or_create(code=code, defaults={"name": name, "description": description, "order": order})


def unseed(apps, schema_editor):
    pass  # themes may be on records by now: they are kept


class Migration(migrations.Migration):
    dependencies = [("supervision", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
