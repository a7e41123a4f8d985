"""Complaint themes get a public id, so forms offer them by UUID and never by database key.

Added in three steps so existing themes (seeded in 0002 or added in the admin) each get their own id."""

import uuid

from django.db import migrations, models


def give_each_theme_a_public_id(apps, schema_editor):
    ComplaintTheme = apps.get_model("risk", "ComplaintTheme")
    for theme in ComplaintTheme.objects.filter(public_id__isnull=True):
        theme.public_id = uuid.uuid4()
        theme.save(update_fields=["public_id"])


class Migration(migrations.Migration):
    dependencies = [("risk", "0002_complaint_themes")]

    operations = [
        migrations.AddField(
            model_name="complainttheme",
            name="public_id",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(give_each_theme_a_public_id, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="complainttheme",
            name="public_id",
            field=models.UUIDField(default=uuid.uuid4, unique=True, editable=False),
        ),
    ]
