"""manage.py raise_due_reviews: raise the scheduled reviews falling due, now. The workers already do
this every day at 06:00 (lived/reviews/tasks.py, lived/jobs/schedule.py); this command is for catching
up by hand. Safe to run as often as you like; a review already raised is never raised twice."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from lived.reviews.services import SCHEDULE_AHEAD_DAYS, schedule_due_reviews


class Command(BaseCommand):
    help = (
        f"Raise scheduled reviews for every plan and outcome due within {SCHEDULE_AHEAD_DAYS} days. "
        "Idempotent: running it twice raises nothing new."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Treat this date (YYYY-MM-DD) as today, for catching up.")

    def handle(self, *args, **options):
        today = None
        if options.get("today"):
            try:
                today = datetime.date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError("--today must be a date like 2026-03-02") from None
        raised = schedule_due_reviews(today=today)
        if raised == 1:
            self.stdout.write("Raised 1 scheduled review.")
        else:
            self.stdout.write(f"Raised {raised} scheduled reviews.")
