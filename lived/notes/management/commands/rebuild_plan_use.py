"""manage.py rebuild_plan_use: make the plan-use rollup (notes.PlanUseDaily) again from the daily notes.

Record_note keeps the rollup up to date as notes arrive; run this after loading notes any other way
(a bulk import, a benchmark's data, a restore of only some tables), or with --check to see whether the
rollup and the notes still agree. Safe to run at any time: notes saved meanwhile wait a moment."""

from django.core.management.base import BaseCommand, CommandError

from lived.notes import rollups
from lived.notes.models import PlanUseDaily


class Command(BaseCommand):
    help = "Rebuild the plan-use rollup from the daily notes (or, with --check, only compare them)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Change nothing; fail if the rollup and the notes disagree.",
        )

    def handle(self, *args, **options):
        if options["check"]:
            expected = {(p, d): (n, u) for p, d, n, u in rollups.from_notes()}
            held = {
                (p, d): (n, u)
                for p, d, n, u in PlanUseDaily.objects.values_list(
                    "person_id", "day", "notes", "notes_naming_plan"
                )
                if n or u  # a day whose only note was corrected away may stay as a row of zeros
            }
            differ = {k for k in expected.keys() | held.keys() if expected.get(k) != held.get(k)}
            if differ:
                raise CommandError(
                    f"The plan-use rollup disagrees with the notes on {len(differ)} person-days. "
                    "Run manage.py rebuild_plan_use to rebuild it."
                )
            self.stdout.write(f"The plan-use rollup agrees with the notes ({len(expected)} person-days).")
            return
        rows = rollups.rebuild()
        self.stdout.write(f"Rebuilt the plan-use rollup: {rows} person-days.")
