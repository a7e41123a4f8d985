"""manage.py generate_sessions --service NAME --days 7: make the support sessions the agreed plans give
at a service, from today (or --start) for that many days. Safe to run as often as you like: a session
already made is never made twice (lived/rota/services.py, make_sessions_from_plans). The audit rows
name "Lived (automatic)" as who made them."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lived.organisations.models import Service
from lived.rota.services import MOST_DAYS, generate_sessions


class Command(BaseCommand):
    help = "Make a service's support sessions from its people's agreed plans. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--service", required=True, help="The service's name, as in the admin.")
        parser.add_argument("--days", type=int, default=7, help=f"How many days (1 to {MOST_DAYS}).")
        parser.add_argument("--start", help="The first day (YYYY-MM-DD); today if not given.")

    def handle(self, *args, **options):
        services = list(Service.objects.filter(name=options["service"]))
        if not services:
            raise CommandError(f"There is no service called {options['service']!r}")
        if len(services) > 1:
            raise CommandError(f"More than one service is called {options['service']!r}")
        start = timezone.localdate()
        if options.get("start"):
            try:
                start = datetime.date.fromisoformat(options["start"])
            except ValueError:
                raise CommandError("--start must be a date like 2027-03-01") from None
        if not 1 <= options["days"] <= MOST_DAYS:
            raise CommandError(f"--days must be between 1 and {MOST_DAYS}")
        result = generate_sessions(None, services[0], start, options["days"])
        self.stdout.write(f"{services[0].name}: {result.sentence()}")
        for skipped in result.skipped:
            self.stdout.write(f"Not made (times spread over more than one visit; add by hand): {skipped}")
