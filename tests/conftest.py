"""Named people and roles for tests: two services, staff in every role at the first, and a person
at each service, so every test can ask "as whom, about whom?"."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from lived.accounts.models import Role
from lived.organisations.models import Organisation, Service
from lived.people import services
from lived.people.models import CircleMember, SharedSection

# Fixtures shared by the tests of risk, crisis, incidents and complaints (and a few elsewhere).
pytest_plugins = ["tests.risk_fixtures"]

# The shared factories hold a few checks (assert_plausible_ages, measure): pytest explains their
# failures as it does a test's.
pytest.register_assert_rewrite(
    "tests.factories",
    *(f"tests.{path.parent.name}.factories" for path in Path(__file__).parent.glob("*/factories.py")),
)
# After the line above, so that pytest rewrites the factories' asserts when it imports them.
from tests.factories import make_user, person_data  # noqa: E402


@pytest.fixture
def organisation(db):
    return Organisation.objects.create(
        name="Testwater Support", address="1 Test Street", phone="01632 960000"
    )


@pytest.fixture
def service(organisation):
    return Service.objects.create(
        organisation=organisation, name="Elm House", type=Service.Type.SUPPORTED_LIVING
    )


@pytest.fixture
def other_service(organisation):
    return Service.objects.create(organisation=organisation, name="Ash Court", type=Service.Type.RESIDENTIAL)


@pytest.fixture
def support_worker(service):
    return make_user("support_worker", roles=[Role.SUPPORT_WORKER], service=service)


@pytest.fixture
def senior(service):
    return make_user("senior", roles=[Role.SENIOR], service=service)


@pytest.fixture
def manager(service):
    return make_user("manager", roles=[Role.MANAGER], service=service)


@pytest.fixture
def quality_lead(service):
    return make_user("quality_lead", roles=[Role.QUALITY_LEAD], service=service)


@pytest.fixture
def administrator(service):
    return make_user("administrator", roles=[Role.ADMINISTRATOR], service=service, is_staff=True)


@pytest.fixture
def outsider(other_service):
    """A manager at another service."""
    return make_user("outsider", roles=[Role.MANAGER], service=other_service)


@pytest.fixture
def person_user(db):
    return make_user("person_user")


@pytest.fixture
def person(service, senior, person_user):
    created = services.create_person(actor=senior, data=person_data(service, user=person_user))
    services.add_about_me_entry(
        actor=senior,
        person=created,
        section="good_day",
        text="Tea in the garden and a walk.",
        in_persons_words=True,
    )
    return created


@pytest.fixture
def other_person(other_service, outsider):
    return services.create_person(
        actor=outsider,
        data=person_data(other_service, given_name="Olu", family_name="Elsewhere", nhs_number=""),
    )


@pytest.fixture
def circle_user(db):
    return make_user("circle_user")


@pytest.fixture
def circle_member(person, senior, circle_user) -> CircleMember:
    member = services.add_circle_member(
        actor=senior,
        person=person,
        data={"name": "Pat Tester", "relationship": "family", "user": circle_user},
    )
    services.agree_sharing(
        actor=senior,
        person=person,
        data={
            "member": member,
            "section": SharedSection.COMMUNICATION,
            "starts_on": datetime.date(2020, 1, 1),
        },
    )
    return member


@pytest.fixture
def users(support_worker, senior, manager, quality_lead, administrator, outsider, person_user, circle_user):
    return {
        "support_worker": support_worker,
        "senior": senior,
        "manager": manager,
        "quality_lead": quality_lead,
        "administrator": administrator,
        "outsider": outsider,
        "person": person_user,
        "circle": circle_user,
    }


ROLE_FIXTURES = ["support_worker", "senior", "manager", "quality_lead", "administrator", "outsider"]


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


@pytest.fixture(autouse=True)
def _seeded_rows_after_a_flush(request):
    """Rows the data migrations seed (complaint themes, supervision themes) are gone once a browser or
    process test on this test process has emptied the database (TransactionTestCase flushes it), so a
    later test that expects them would pass or fail by the order tests were shared out. Put back here,
    before the test, for every test that uses the database in a transaction."""
    marker = request.node.get_closest_marker("django_db")
    names = request.fixturenames
    transactional = "transactional_db" in names or "live_server" in names
    if marker is not None and marker.kwargs.get("transaction"):
        transactional = True
    if transactional or ("db" not in names and marker is None):
        return
    from lived.complaints.models import ComplaintTheme  # noqa: PLC0415 (models load after Django is set up)
    from lived.supervision import starting_themes  # noqa: PLC0415
    from lived.supervision.models import Theme  # noqa: PLC0415

    request.getfixturevalue("db")
    if not ComplaintTheme.objects.exists():
        for order, name in enumerate(COMPLAINT_THEMES):
            ComplaintTheme.objects.get_or_create(name=name, defaults={"order": order})
    if not Theme.objects.exists():
        starting_themes.ensure(Theme)
    from lived.supervision import starting_prompts  # noqa: PLC0415
    from lived.supervision.models import Prompt  # noqa: PLC0415

    if not Prompt.objects.exists():
        starting_prompts.ensure(Prompt)


# As lived/risk/migrations/0002_complaint_themes.py seeds them.
COMPLAINT_THEMES = [
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
