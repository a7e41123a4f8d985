"""manage.py print_demo_accounts: a plain-text table of the demo sign-ins and what to try with each."""

import textwrap

from django.core.management.base import BaseCommand

from lived.demo import data
from lived.organisations.models import Organisation

GROUPS = [
    ("staff", "Staff at Brightwater Support CIC"),
    ("person", "People we support (their own sign-in)"),
    ("circle", "Circle of support (family and friends the person has invited)"),
]
COLUMNS = [("username", "Username", 9), ("password", "Password", 15), ("who", "Who", 16)]
TRY_INDENT = 4
WIDTH = 100


class Command(BaseCommand):
    help = "Print the demo sign-ins: username, password, who they are, role and service, what to try."

    def handle(self, *args, **options):
        out = self.stdout
        out.write("Lived demo sign-ins. Everyone and everything here is fictional.")
        out.write(f"Every demo account uses the password: {data.PASSWORD}")
        if not Organisation.objects.filter(name=data.ORGANISATION["name"]).exists():
            out.write("Note: the demo data is not loaded yet. Run 'manage.py load_demo' first.")
        rows = data.demo_accounts()
        for kind, title in GROUPS:
            group = [row for row in rows if row["kind"] == kind]
            if not group:
                continue
            out.write("")
            out.write(title)
            out.write("=" * len(title))
            out.write(self._line({key: label for key, label, _ in COLUMNS}, "Role and service"))
            out.write(self._line({key: "-" * width for key, _, width in COLUMNS}, "-" * 40))
            for row in group:
                out.write(self._line({**row, "password": data.PASSWORD}, row["role"]))
                for line in textwrap.wrap(
                    f"Try first: {row['try']}",
                    width=WIDTH,
                    initial_indent=" " * TRY_INDENT,
                    subsequent_indent=" " * (TRY_INDENT + 11),
                ):
                    out.write(line)
        out.write("")
        out.write("Everyone signs in at /accounts/sign-in/. Lee (administrator) can also use /admin/.")

    @staticmethod
    def _line(values: dict, last: str) -> str:
        cells = [str(values[key]).ljust(width) for key, _, width in COLUMNS]
        return "  ".join([*cells, last]).rstrip()
