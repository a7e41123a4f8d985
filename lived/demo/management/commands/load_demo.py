"""manage.py load_demo: load the fictional Brightwater Support CIC demo data, once, never in production."""

from django.core.management.base import BaseCommand

from lived.demo.loader import load_demo, refuse_if_production


class Command(BaseCommand):
    help = (
        "Load the fictional demo data (Brightwater Support CIC, its services, staff and the people it "
        "supports). Safe to run twice; refuses to run where LIVED_IS_PRODUCTION is True."
    )

    def handle(self, *args, **options):
        refuse_if_production()
        result = load_demo()
        if not result.created:
            self.stdout.write("The demo data is already loaded. Nothing was changed.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded the demo data: {result.people} people, {result.about_me_entries} About me "
                f"entries, {result.plans} support plans ({result.agreed_plans} agreed) and "
                f"{result.users} sign-ins. Run 'manage.py print_demo_accounts' to see them."
            )
        )
