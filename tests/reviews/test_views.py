"""Review pages: the person asks for a review and sets the agenda in their words; staff complete it and
land on the new draft; junk gets a clear 400 and saves nothing; the service list costs the same
number of queries whatever the caseload."""

import datetime

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lived.core.models import AuditEvent
from lived.people import services as people_services
from lived.plans.models import PlanVersion
from lived.reviews import services
from lived.reviews.models import AgendaItem, CheckIn, Review
from tests.factories import person_data
from tests.reviews.factories import agreed_plan, at

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 4)  # a Wednesday
MONDAY = datetime.date(2026, 3, 2)


def reviews_url(person, suffix=""):
    return f"/people/{person.public_id}/reviews/{suffix}"


def review_url(review, suffix=""):
    return f"/people/{review.person.public_id}/reviews/{review.public_id}/{suffix}"


@pytest.fixture
def review(person):
    return services.raise_review(person=person, trigger="person_asks", details="I want to talk about work")


def test_the_person_asks_for_a_review_and_sets_the_agenda_in_their_words(client, person, person_user, senior):
    client.force_login(person_user)
    page = client.get(reviews_url(person))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Your reviews" in html and "Ask for a review" in html
    assert 'name="trigger"' not in html  # the person does not choose a trigger: they are asking

    response = client.post(
        reviews_url(person, "ask/"), {"details": "I'd like to talk about going back to work"}
    )
    review = Review.objects.get()
    assert response.status_code == 302 and response.url == review_url(review)
    assert review.trigger == Review.Trigger.PERSON_ASKS and review.raised_by == person_user

    response = client.post(review_url(review, "agenda/"), {"text": "Whether I can have fewer visits"})
    assert response.status_code == 302
    item = AgendaItem.objects.get()
    assert item.in_persons_words and item.added_by == person_user
    html = client.get(review_url(review)).content.decode()
    assert "Whether I can have fewer visits" in html and "In your own words" in html

    client.force_login(senior)
    html = client.get(review_url(review)).content.decode()
    assert "Whether I can have fewer visits" in html
    assert "In Sam&#39;s own words" in html or "In Sam's own words" in html
    assert "Complete the review" in html


def test_asking_again_adds_to_the_open_review(client, person, person_user, review):
    client.force_login(person_user)
    response = client.post(reviews_url(person, "ask/"), {"details": "Also my money"})
    assert response.url == review_url(review)
    assert Review.objects.count() == 1
    assert review.agenda_items.get().text == "Also my money"


def test_staff_choose_the_trigger(client, person, support_worker):
    client.force_login(support_worker)
    assert 'name="trigger"' in client.get(reviews_url(person)).content.decode()
    response = client.post(
        reviews_url(person, "ask/"), {"trigger": "change_in_circumstances", "details": "Sam's mum is ill"}
    )
    assert response.status_code == 302
    review = Review.objects.get()
    assert review.trigger == "change_in_circumstances" and review.raised_by == support_worker


def test_staff_complete_the_review_and_land_on_the_new_draft(client, person, senior, person_user, review):
    agreed = agreed_plan(person=person, senior=senior, person_user=person_user)
    client.force_login(senior)
    assert client.get(review_url(review, "complete/")).status_code == 200
    response = client.post(
        review_url(review, "complete/"),
        {
            "what_is_working": "Cooking",
            "what_is_not_working": "Evenings",
            "decisions": "Add an evening call",
            "seen_version": review.version,
        },
    )
    assert response.status_code == 302
    assert response.url == f"/people/{person.public_id}/plan/"
    review.refresh_from_db()
    assert review.status == Review.Status.COMPLETED
    draft = review.resulting_version
    assert draft.status == PlanVersion.Status.DRAFT and draft.based_on == agreed
    assert "Add an evening call" in draft.reason_for_change
    html = client.get(review_url(review)).content.decode()
    assert "What the review found" in html and "Add an evening call" in html


def test_a_support_worker_cannot_complete_or_cancel_a_review(client, person, support_worker, review):
    client.force_login(support_worker)
    assert "Complete the review" not in client.get(review_url(review)).content.decode()
    response = client.post(review_url(review, "complete/"), {"decisions": "Support worker decides"})
    assert response.status_code == 403
    assert client.post(review_url(review, "cancel/"), {"reason": "No"}).status_code == 403
    review.refresh_from_db()
    assert review.status == Review.Status.OPEN and review.decisions == ""


def test_the_person_cannot_complete_their_own_review(client, person_user, review):
    client.force_login(person_user)
    assert client.post(review_url(review, "complete/"), {"decisions": "x"}).status_code == 403


def test_a_finished_review_takes_no_more_agenda_items(client, senior, review):
    services.complete_review(
        actor=senior,
        review=review,
        seen_version=review.version,
        what_is_working="",
        what_is_not_working="",
        decisions="Done",
    )
    client.force_login(senior)
    response = client.post(review_url(review, "agenda/"), {"text": "Late", "in_persons_words": "true"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and "already been completed" in html
    assert not AgendaItem.objects.exists()
    assert client.get(review_url(review, "agenda/")).status_code == 302
    assert client.get(review_url(review, "complete/")).status_code == 302


def test_cancelling_a_review(client, manager, person, review):
    client.force_login(manager)
    response = client.post(
        review_url(review, "cancel/"), {"reason": "Raised by mistake", "seen_version": review.version}
    )
    assert response.status_code == 302 and response.url == reviews_url(person)
    review.refresh_from_db()
    assert review.status == Review.Status.CANCELLED


def test_weekly_check_in_in_the_persons_words_and_once_a_week(client, person, person_user):
    client.force_login(person_user)
    with at(TODAY):
        html = client.get(f"/people/{person.public_id}/check-ins/add/").content.decode()
        assert "What worked for me this week?" in html and "What didn" in html
        data = {"week_starting": MONDAY.isoformat(), "what_worked": "Cooking", "what_didnt": "The bus"}
        response = client.post(f"/people/{person.public_id}/check-ins/add/", data)
        assert response.status_code == 302
        again = client.post(f"/people/{person.public_id}/check-ins/add/", data)
    assert again.status_code == 400
    assert "This week&#39;s check-in is already recorded" in again.content.decode()
    check_in = CheckIn.objects.get()
    assert check_in.week_starting == MONDAY and check_in.in_persons_words and check_in.with_staff is None


def test_staff_record_a_check_in_with_the_person(client, person, support_worker):
    client.force_login(support_worker)
    with at(TODAY):
        html = client.get(f"/people/{person.public_id}/check-ins/add/").content.decode()
        assert "What worked for Sam this week?" in html
        response = client.post(
            f"/people/{person.public_id}/check-ins/add/",
            {"week_starting": MONDAY.isoformat(), "what_worked": "Swimming", "in_persons_words": "true"},
        )
    assert response.status_code == 302
    check_in = CheckIn.objects.get()
    assert check_in.with_staff == support_worker and check_in.in_persons_words
    with at(TODAY):
        html = client.get(reviews_url(person)).content.decode()
    assert "Swimming" in html and "written with Support_Worker Tester" in html


def test_viewing_reviews_writes_an_access_row(client, senior, person, review):
    client.force_login(senior)
    client.get(reviews_url(person))
    client.get(review_url(review))
    whats = set(
        AuditEvent.objects.filter(person_public_id=person.public_id, action="view").values_list(
            "what", flat=True
        )
    )
    assert {"Reviews and check-ins", "A review"} <= whats


# Junk --------------------------------------------------------------------------------------------

JUNK = [
    {},
    {"trigger": "nonsense", "details": "", "text": "", "decisions": "", "reason": "", "week_starting": "x"},
    {
        "trigger": "scheduled",
        "details": "d" * 5000,
        "text": "t" * 5000,
        "in_persons_words": "maybe",
        "what_is_working": "w" * 5000,
        "decisions": "z" * 5000,
        "reason": "r" * 5000,
        "week_starting": "1999-01-04",
        "what_worked": "",
        "what_didnt": "",
    },
]


def _counts():
    return {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if m._meta.app_label in {"reviews", "plans", "people"}
    }


@pytest.mark.parametrize("junk", JUNK, ids=["empty", "wrong-types", "tampered-and-oversized"])
@pytest.mark.parametrize("who", ["manager", "person_user"])
def test_junk_to_every_reviews_form_is_a_clear_400_and_saves_nothing(
    client, request, person, review, junk, who
):
    client.force_login(request.getfixturevalue(who))
    before = _counts()
    for path in [
        reviews_url(person, "ask/"),
        review_url(review, "agenda/"),
        review_url(review, "complete/"),
        review_url(review, "cancel/"),
        f"/people/{person.public_id}/check-ins/add/",
    ]:
        response = client.post(path, junk)
        assert response.status_code in {400, 403}, f"{path} answered {response.status_code}"
        if response.status_code == 400:
            assert "There is a problem" in response.content.decode(), path
    assert _counts() == before
    review.refresh_from_db()
    assert review.status == Review.Status.OPEN


# The service list --------------------------------------------------------------------------------


def _people_with_reviews(n, service, senior):
    for i in range(n):
        p = people_services.create_person(
            actor=senior,
            data=person_data(service, given_name=f"Person{i}", family_name=f"Test{i}", nhs_number=""),
        )
        services.raise_review(person=p, trigger="incident", details=f"Incident {i}", actor=senior)


def test_the_service_list_shows_overdue_reviews_and_open_triggers(
    client, person, senior, other_person, agreed_version
):
    services.raise_review(person=person, trigger="crisis", details="A hard night", actor=senior)
    services.raise_review(person=other_person, trigger="incident", details="Somewhere else")
    services.schedule_due_reviews(today=datetime.date(2026, 7, 1))  # scheduled, not yet overdue
    client.force_login(senior)
    with at(datetime.date(2026, 7, 1)):
        html = client.get("/reviews/").content.decode()
        assert "A hard night" in html
        assert "Somewhere else" not in html  # another service's person
        assert "whole plan is due" not in html  # not overdue yet
        assert "whole plan is due" in client.get("/reviews/?show=all").content.decode()
    with at(datetime.date(2026, 7, 20)):
        client.force_login(senior)  # a fresh session in the future
        html = client.get("/reviews/").content.decode()
    assert "whole plan is due" in html and "Overdue" in html


def test_the_service_filter(client, person, senior, service, other_service):
    services.raise_review(person=person, trigger="crisis", details="A hard night", actor=senior)
    client.force_login(senior)
    assert "A hard night" in client.get(f"/reviews/?service={service.public_id}").content.decode()
    assert "A hard night" in client.get("/reviews/?service=all").content.decode()
    # A service the user does not work at is not found: never a page that seems to be that service.
    assert client.get(f"/reviews/?service={other_service.public_id}").status_code == 404
    assert client.get("/reviews/?service=junk").status_code == 404
    assert client.get("/reviews/?page=999&show=x").status_code == 200


def test_the_service_list_costs_the_same_queries_for_3_or_30_open_reviews(client, service, senior):
    client.force_login(senior)
    _people_with_reviews(3, service, senior)
    client.get("/reviews/")  # warm caches (session, organisation)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/reviews/").status_code == 200
    _people_with_reviews(27, service, senior)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/reviews/")
    assert response.content.decode().count("Incident ") == 30
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_pages_never_use_words_we_avoid(client, person, person_user, senior, review):
    for user in [person_user, senior]:
        client.force_login(user)
        for path in [reviews_url(person), review_url(review), f"/people/{person.public_id}/check-ins/add/"]:
            html = client.get(path).content.decode().lower()
            for word in ["service user", "patient", "client"]:
                assert word not in html, (path, word)


def test_the_persons_reviews_page_costs_the_same_queries_however_many_reviews(
    client, person, senior, person_user
):
    def add(n, start):
        for i in range(start, start + n):
            review = services.raise_review(person=person, trigger="incident", details=f"Incident {i}")
            services.add_agenda_item(actor=person_user, review=review, text=f"Item {i}")
            review.refresh_from_db()  # completed on the agenda as it is now
            services.complete_review(
                actor=senior,
                review=review,
                seen_version=review.version,
                what_is_working="",
                what_is_not_working="",
                decisions="Ok",
            )
            services.record_check_in(
                actor=person_user,
                person=person,
                what_worked=f"Week {i}",
                what_didnt="",
                week_starting=MONDAY - datetime.timedelta(weeks=i),
            )
        services.raise_review(person=person, trigger="person_asks", details="Open one", actor=person_user)

    client.force_login(senior)
    add(2, 0)
    client.get(reviews_url(person))
    with CaptureQueriesContext(connection) as few:
        assert client.get(reviews_url(person)).status_code == 200
    Review.objects.filter(status="open").update(status="cancelled")
    add(10, 2)
    with CaptureQueriesContext(connection) as many:
        assert client.get(reviews_url(person)).status_code == 200
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
