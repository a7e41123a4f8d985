"""The themes supervisors start with (issue 15). Quality leads add and retire themes in the admin."""

from django.db import migrations

from lived.supervision.starting_themes import ensure

def seed(apps, schema_editor):
    ensure(apps.get_model("supervision", "Theme"))


def unseed(apps, schema_editor):
    pass  # themes may be on records by now: they are kept


class Migration(migrations.Migration):
    dependencies = [("supervision", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
