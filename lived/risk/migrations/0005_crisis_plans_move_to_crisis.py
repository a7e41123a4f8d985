"""Crisis plans now belong to lived.crisis (crisis 0001): risk forgets the models, the tables and their
rows stay as they are. The content types move with them, so admin history and permissions follow."""

from django.db import migrations

MOVED = ["crisisplan", "crisisplanversion"]
TO = "crisis"


def _move(apps, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not ContentType.objects.filter(app_label=target, model=model).exists():
            ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def move_content_types(apps, schema_editor):
    _move(apps, "risk", TO)


def move_content_types_back(apps, schema_editor):
    _move(apps, TO, "risk")


class Migration(migrations.Migration):
    dependencies = [
        ("risk", "0004_idempotency_keys"),
        ("crisis", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name="crisisplanversion",
                    name="plan",
                ),
                migrations.RemoveField(
                    model_name="crisisplanversion",
                    name="saved_by",
                ),
                migrations.DeleteModel(
                    name="CrisisPlan",
                ),
                migrations.DeleteModel(
                    name="CrisisPlanVersion",
                ),
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
