"""Where the person is visited (issue 14, item 2): the postcode travel between visits is worked out
from, set by seniors and managers at the person's service on the person's *Who supports* page,
audited, with a clear error for a postcode that is not one and nothing saved."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lived.core.models import AuditEvent
from lived.rota import services
from lived.rota.models import Postcode, VisitPlace
from lived.rota.travel import locations_for

pytestmark = pytest.mark.django_db


def _page(person):
    return f"/people/{person.public_id}/who-supports-me/visit-place/"


def test_a_senior_sets_it_normalised_and_audited_then_changes_it(senior, person):
    place = services.save_visit_place(actor=senior, person=person, postcode=" mb2 4tn ")
    assert place.postcode == "MB2 4TN"
    services.save_visit_place(actor=senior, person=person, postcode="MB3 7HR")
    assert VisitPlace.objects.get(person=person).postcode == "MB3 7HR"
    rows = AuditEvent.objects.filter(person_public_id=person.public_id, object_type="rota.VisitPlace")
    assert [(r.before, r.after) for r in rows.order_by("at", "pk")] == [
        (None, {"postcode": "MB2 4TN"}),
        ({"postcode": "MB2 4TN"}, {"postcode": "MB3 7HR"}),
    ]


@pytest.mark.parametrize("bad", ["", "nowhere", "MB2", "12345", "MB2 4TNX"])
def test_something_that_is_not_a_postcode_is_refused_and_nothing_saved(senior, person, bad):
    with pytest.raises(ValidationError, match="Enter a real postcode"):
        services.save_visit_place(actor=senior, person=person, postcode=bad)
    assert not VisitPlace.objects.exists() and not AuditEvent.objects.filter(object_type="rota.VisitPlace")


def test_a_support_worker_or_a_manager_elsewhere_cannot_set_it(support_worker, outsider, person):
    for actor in (support_worker, outsider):
        with pytest.raises(PermissionDenied):
            services.save_visit_place(actor=actor, person=person, postcode="MB2 4TN")
    assert not VisitPlace.objects.exists()


def test_the_page_saves_it_and_the_who_supports_page_says_whether_travel_is_counted(client, manager, person):
    client.force_login(manager)
    bad = client.post(_page(person), {"postcode": "nowhere"})
    assert bad.status_code == 400 and "Enter a real postcode, like MB2 4TN" in bad.content.decode()
    assert client.post(_page(person), {"postcode": "mb9 9zz"}).status_code == 302
    page = client.get(f"/people/{person.public_id}/who-supports-me/").content.decode()
    assert "At MB9 9ZZ." in page and "Lived does not know where this postcode is yet" in page
    Postcode.objects.create(postcode="MB9 9ZZ", latitude=51.5, longitude=-0.1)
    page = client.get(f"/people/{person.public_id}/who-supports-me/").content.decode()
    assert "At MB9 9ZZ." in page and "does not know where" not in page


def test_the_persons_own_page_does_not_show_staff_the_form(client, person, person_user, senior):
    services.save_visit_place(actor=senior, person=person, postcode="MB2 4TN")
    client.force_login(person_user)
    assert "Where visits happen" not in client.get("/me/who-supports-me/").content.decode()
    assert client.get(_page(person)).status_code == 403


def test_a_visit_is_at_the_postcode_set_here(senior, person):
    Postcode.objects.create(postcode="MB2 4TN", latitude=51.52, longitude=-0.11)
    services.save_visit_place(actor=senior, person=person, postcode="MB2 4TN")

    class Visit:
        pk, person_id, service_id = 1, person.pk, person.service_id

    places, _ = locations_for([Visit()], [])
    assert places == {"1": (51.52, -0.11)}
