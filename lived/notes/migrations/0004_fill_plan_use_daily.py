"""Fill the plan-use rollup from the notes already saved (the same sum as rebuild_plan_use, written
against the historical models so it keeps working as the code moves on)."""

from django.conf import settings
from django.db import migrations
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import TruncDate


def fill(apps, schema_editor):
    import zoneinfo

    DailyNote = apps.get_model("notes", "DailyNote")
    PlanUseDaily = apps.get_model("notes", "PlanUseDaily")
    db = schema_editor.connection.alias
    through_actions = DailyNote.actions.through.objects.using(db).filter(dailynote_id=OuterRef("pk"))
    through_steps = DailyNote.steps.through.objects.using(db).filter(dailynote_id=OuterRef("pk"))
    rows = (
        DailyNote.objects.using(db)
        .filter(correction__isnull=True)
        .annotate(day=TruncDate("occurred_at", tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE)))
        .values("person_id", "day")
        .annotate(
            n=Count("pk"),
            named=Count("pk", filter=Q(Exists(through_actions)) | Q(Exists(through_steps))),
        )
        .values_list("person_id", "day", "n", "named")
        .order_by()
    )
    PlanUseDaily.objects.using(db).all().delete()
    PlanUseDaily.objects.using(db).bulk_create(
        (PlanUseDaily(person_id=p, day=d, notes=n, notes_naming_plan=u) for p, d, n, u in rows.iterator()),
        batch_size=5000,
    )


class Migration(migrations.Migration):
    dependencies = [("notes", "0003_plan_use_daily")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
