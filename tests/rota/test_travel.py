"""Travel between visits in the app (issue 14, items 2 and 4): postcodes held locally, loaded from an
ONS-style file by `manage.py load_postcodes` (idempotent, in batches); where each session happens and
where each worker starts from, in a fixed number of queries; and a domiciliary week where two visits
too far apart for the time between them never go to the same worker, with the reason in words."""

import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import override_settings

from lived.accounts.models import Role
from lived.organisations.models import Service
from lived.people.services import create_person
from lived.rota import allocation, services
from lived.rota.models import Postcode, Shortfall, StaffProfile, VisitPlace, normalise_postcode
from lived.rota.travel import locations_for, postcode_of_address
from tests.factories import make_user, person_data
from tests.rota.week import MONDAY, _override, _run, _times, _visit, _who

pytestmark = pytest.mark.django_db

DEMO_FILE = Path(__file__).resolve().parents[2] / "lived" / "demo" / "data" / "postcodes.csv"
HERE = (53.80, -1.55)
TEN_KM_NORTH = (round(53.80 + 10 / 111.2, 6), -1.55)  # 39 minutes at 20 km/h with the 1.3 detour


def _load(tmp_path, text, *args) -> str:
    path = tmp_path / "postcodes.csv"
    path.write_text(text, encoding="utf-8")
    out = StringIO()
    call_command("load_postcodes", str(path), *args, stdout=out)
    return out.getvalue()


def test_postcodes_are_upper_case_with_one_space():
    assert normalise_postcode(" mb24tn ") == "MB2 4TN"
    assert normalise_postcode("MB2   4TN") == "MB2 4TN"
    assert normalise_postcode("") == ""
    assert postcode_of_address("Riverside Court\n2 Towpath Lane\nMillbridge\nmb2 7rl\n") == "MB2 7RL"
    assert postcode_of_address("") == ""


def test_the_demo_file_of_invented_postcodes_loads_and_loading_again_changes_nothing():
    assert "FICTIONAL" in DEMO_FILE.read_text()
    call_command("load_postcodes", str(DEMO_FILE), stdout=StringIO())
    count = Postcode.objects.count()
    assert count >= 8 and Postcode.objects.filter(postcode="MB2 4TN").exists()  # Tom's home in the demo
    call_command("load_postcodes", str(DEMO_FILE), stdout=StringIO())
    assert Postcode.objects.count() == count


def test_an_ons_style_file_loads_in_batches_updates_what_is_held_and_skips_rows_without_a_place(tmp_path):
    Postcode.objects.create(postcode="MB1 1AA", latitude=1.0, longitude=1.0)
    text = (
        "pcd,pcd2,pcds,doterm,lat,long\n"
        "MB1 1AA,MB1  1AA,MB1 1AA,,53.8,-1.55\n"
        "MB11AB,MB1  1AB,mb1 1ab,,53.81,-1.56\n"
        "MB11AC,MB1  1AC,MB1 1AC,,99.999999,0.000000\n"  # no grid reference
        "MB11AD,MB1  1AD,MB1 1AD,,53.82,-1.57\n"
        "MB11AD,MB1  1AD,MB1 1AD,,53.83,-1.58\n"  # the same postcode twice in a batch: the last wins
        ",,,,53.8,-1.5\n"
        "MB11AE,MB1  1AE,MB1 1AE,,53.84,-1.59\n"
    )
    out = _load(tmp_path, text, "--batch", "2")
    assert "4 postcodes loaded" in out and "2 rows skipped" in out
    assert {p.postcode: (p.latitude, p.longitude) for p in Postcode.objects.all()} == {
        "MB1 1AA": (53.8, -1.55),
        "MB1 1AB": (53.81, -1.56),
        "MB1 1AD": (53.83, -1.58),
        "MB1 1AE": (53.84, -1.59),
    }
    _load(tmp_path, text)
    assert Postcode.objects.count() == 4


def test_a_file_without_the_columns_or_not_there_is_refused_with_what_is_accepted(tmp_path):
    with pytest.raises(CommandError, match="no latitude column. Accepted headers: lat, latitude"):
        _load(tmp_path, "postcode,easting,northing\nMB1 1AA,400000,430000\n")
    with pytest.raises(CommandError, match="There is no file"):
        call_command("load_postcodes", str(tmp_path / "missing.csv"))
    with pytest.raises(CommandError, match="needs a header row"):
        _load(tmp_path, "")
    assert not Postcode.objects.exists()


# --- where sessions happen and workers start from ------------------------------------------------


@pytest.fixture
def places(db):
    Postcode.objects.create(postcode="MB1 1AA", latitude=HERE[0], longitude=HERE[1])
    Postcode.objects.create(postcode="MB9 9ZZ", latitude=TEN_KM_NORTH[0], longitude=TEN_KM_NORTH[1])
    Postcode.objects.create(postcode="MB5 5EE", latitude=53.7, longitude=-1.6)


@pytest.fixture
def branch(organisation):
    return Service.objects.create(
        organisation=organisation,
        name="Millbridge Home Care",
        type=Service.Type.DOMICILIARY_CARE,
        address="Millbridge Home Care\n1 Mill Street\nMillbridge\nmb5 5ee",
    )


def _home(worker, postcode):
    StaffProfile.objects.update_or_create(user=worker, defaults={"home_postcode": postcode})


def test_visits_are_at_the_persons_place_or_the_services_and_workers_start_from_home(
    manager, service, person, tom, megan, places, django_assert_num_queries
):
    service.address = "Elm House\nMillbridge\nMB5 5EE"
    service.save()
    other = create_person(actor=manager, data=person_data(service, given_name="Leon"))
    VisitPlace.objects.create(person=person, postcode="mb11aa")
    _home(tom, "MB9 9ZZ")
    _home(megan, "MB0 0XX")  # not in the postcodes held: no place
    visits = [_visit(manager, service, p, MONDAY) for p in (person, other)]
    visits.append(_visit(manager, service, None, MONDAY, start=datetime.time(12)))  # the house's shift
    sessions = allocation.week_sessions_of(service, MONDAY)
    with django_assert_num_queries(4):
        at, homes = locations_for(sessions, [tom, megan])
    assert at == {str(visits[0].pk): HERE, str(visits[1].pk): (53.7, -1.6), str(visits[2].pk): (53.7, -1.6)}
    assert homes == {str(tom.pk): TEN_KM_NORTH, str(megan.pk): None}
    with django_assert_num_queries(4):  # however many sessions
        locations_for(sessions * 20, [tom, megan])


# --- the allocation -------------------------------------------------------------------------------


@pytest.fixture
def branch_manager(branch):
    return make_user("branch_manager", roles=[Role.MANAGER], service=branch)


@pytest.fixture
def two_homes(branch_manager, branch, places, person_user):
    """Ada at MB1 1AA and Leon 10 km north at MB9 9ZZ, each with a 45-minute visit on Monday, Leon's
    starting 15 minutes after Ada's ends; both chose Tom. Tom and Megan work all day."""
    manager = branch_manager
    ada = create_person(actor=manager, data=person_data(branch, given_name="Ada", user=person_user))
    leon = create_person(actor=manager, data=person_data(branch, given_name="Leon"))
    VisitPlace.objects.create(person=ada, postcode="MB1 1AA")
    VisitPlace.objects.create(person=leon, postcode="MB9 9ZZ")
    tom = allocation_worker("tom", branch, manager)
    megan = allocation_worker("megan", branch, manager)
    _home(tom, "MB1 1AA")
    for who in (ada, leon):
        services.save_preferences(
            actor=manager,
            person=who,
            preferred=[tom],
            data={"preferred_gender": "", "preferred_language": "", "small_team": False},
            opened_version=1,
        )
    first = _visit(manager, branch, ada, MONDAY, start=datetime.time(8))
    second = _visit(manager, branch, leon, MONDAY, start=datetime.time(9))
    return first, second, tom, megan


def allocation_worker(username, service, manager):
    worker = make_user(username, roles=[Role.SUPPORT_WORKER], service=service)
    _times(manager, worker)
    return worker


def test_two_visits_too_far_apart_for_the_time_between_never_go_to_the_same_worker(
    branch_manager, branch, two_homes
):
    manager = branch_manager
    first, second, tom, megan = two_homes
    built = allocation.build_problem(branch, MONDAY)
    assert built.problem.travel_speed_kmh == 20
    assert {s.location for s in built.problem.sessions} == {HERE, TEN_KM_NORTH}
    run = _run(manager, branch)
    assert _who(run, first) == ["tom"] and _who(run, second) == ["megan"]
    (shortfall,) = Shortfall.objects.filter(allocation=run)
    assert shortfall.session == second
    assert (
        shortfall.reason
        == "Tom could not travel in time between this and another of their visits, so Megan is coming."
    )
    # Sending Tom to both by hand is refused, and says why.
    with pytest.raises(ValidationError, match="Tom cannot get there in time from their other visit"):
        _override(manager, run, second, megan, tom, reason="Leon asked for Tom")


@override_settings(LIVED_TRAVEL_SPEED_KMH=60)
def test_at_a_faster_configured_speed_the_same_worker_can_do_both(branch_manager, branch, two_homes):
    manager = branch_manager
    first, second, tom, _ = two_homes
    assert allocation.build_problem(branch, MONDAY).problem.travel_speed_kmh == 60
    run = _run(manager, branch)
    assert _who(run, first) == ["tom"] and _who(run, second) == ["tom"]  # 13 minutes' travel: in time
