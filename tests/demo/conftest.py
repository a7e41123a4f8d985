import io

import pytest
from django.core.management import call_command


@pytest.fixture(scope="module")
def demo_once(django_db_setup, django_db_blocker):
    """The demo loaded once for a module inside an outer transaction, rolled back at the end; each
    test still runs in its own savepoint. Ask for it with `pytestmark = pytest.mark.usefixtures`."""
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            out = io.StringIO()
            call_command("load_demo", stdout=out)
            yield out.getvalue()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
