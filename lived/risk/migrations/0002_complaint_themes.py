from django.db import migrations

THEMES = [
    "felt pressured",
    "staff control",
    "choice not respected",
    "communication",
    "dignity and respect",
    "staff attitude",
    "timekeeping",
    "activities",
    "food",
    "other",
]


def seed(apps, schema_editor):
    ComplaintTheme = apps.get_model("risk", "ComplaintTheme")
    for order, name in enumerate(THEMES):
        ComplaintTheme.objects.get_or_create(name=name, defaults={"order": order})


class Migration(migrations.Migration):
    dependencies = [("risk", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
