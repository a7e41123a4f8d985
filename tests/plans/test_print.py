"""The person's version, the agency summary and the PDFs: real PDFs, first person for the person,
readability for staff only, nothing fetched from the network, and the usual 404/403 scoping."""

import re
import uuid

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lived.core import pdf
from lived.core.models import AuditEvent
from lived.people import services as people_services
from lived.plans import services
from lived.plans.presenters import staff_plan_context
from lived.plans.queries import current_version
from lived.plans.readability import clock
from tests.plans.factories import agree, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(person, senior):
    return make_plan(person, senior)


PDF_URLS = {
    "plan_pdf": (lambda p, o: f"/people/{p.public_id}/plan/pdf/", "support-plan.pdf"),
    "person_version_pdf": (
        lambda p, o: f"/people/{p.public_id}/plan/easy-read/pdf/",
        "support-plan-easy-read.pdf",
    ),
    "routine_pdf": (
        lambda p, o: f"/people/{p.public_id}/plan/routines/{o.routine.public_id}/pdf/",
        "routine.pdf",
    ),
    "prompt_card_pdf": (
        lambda p, o: f"/people/{p.public_id}/plan/prompt-cards/{o.card.public_id}/pdf/",
        "prompt-card.pdf",
    ),
}


def page(client, user, path, status=200):
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == status, response.content[:500]
    return (
        response.content.decode()
        if status == 200 and response["Content-Type"].startswith("text/")
        else response
    )


# --- PDFs ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(PDF_URLS))
def test_each_pdf_url_returns_a_real_pdf(client, senior, person, plan, name):
    build, filename = PDF_URLS[name]
    client.force_login(senior)
    response = client.get(build(person, plan))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert len(response.content) > 1000
    assert response["Content-Disposition"] == f'inline; filename="{filename}"'
    assert (
        "Sam" not in response["Content-Disposition"] and "Testperson" not in response["Content-Disposition"]
    )
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    "template",
    ["plans/print_plan.jinja", "plans/print_routine.jinja", "plans/print_prompt_card.jinja"],
)
def test_weasyprint_lays_out_pages_for_each_staff_printout(senior, person, plan, template):
    request = RequestFactory().get("/")
    request.user = senior
    version = current_version(person)
    context = staff_plan_context(version)
    card, blocks = context["cards"][0]
    context.update(
        person=person,
        clock=clock,
        printed_on=timezone.localdate(),
        routine=context["routines"][0],
        card=card,
        blocks=blocks,
    )
    document = pdf.render_document(request, template, context)
    assert len(document.pages) >= 1


def test_weasyprint_lays_out_the_persons_version(senior, person, plan):
    from lived.plans.readability import person_version

    request = RequestFactory().get("/")
    request.user = senior
    context = {
        "person": person,
        "content": person_version(current_version(person)),
        "printed_on": timezone.localdate(),
    }
    assert "What I want" in pdf.render_html(request, "plans/print_person_version.jinja", context)
    assert len(pdf.render_document(request, "plans/print_person_version.jinja", context).pages) >= 1


def test_the_pdf_fetcher_serves_static_files_from_disk_and_nothing_else():
    fetcher = pdf.StaticFilesOnly("http://testserver/")
    response = fetcher.fetch("http://testserver/static/lived/print.css")
    assert b".lived-easy-read" in response.read()
    assert response.content_type == "text/css"
    for url in [
        "https://example.com/tracker.png",
        "http://example.com/static/lived/print.css",
        "http://testserver/people/",
        "http://testserver/static/../../lived/config/settings/base.py",
        "http://testserver/static/%2e%2e/%2e%2e/manage.py",
        "file:///etc/passwd",
        "http://testserver/static/lived/does-not-exist.css",
    ]:
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_a_pdf_with_an_outside_link_still_renders_without_fetching_it(senior, monkeypatch):
    import weasyprint

    request = RequestFactory().get("/")
    request.user = senior
    monkeypatch.setattr(
        pdf,
        "render_html",
        lambda *a, **k: '<html><body><p>Hi</p><img src="https://example.com/x.png"></body></html>',
    )

    def no_network(*args, **kwargs):
        raise AssertionError("PDF rendering must not use the network")

    monkeypatch.setattr(weasyprint.urls.URLFetcher, "open", no_network)
    assert pdf.render_pdf(request, "unused", {}).startswith(b"%PDF")


# --- The person's version ------------------------------------------------------------------------


def test_the_person_sees_their_plan_in_the_first_person(client, person, person_user, plan):
    html = page(client, person_user, f"/people/{person.public_id}/plan/easy-read/")
    for heading in [
        "My support plan",
        "What I want",
        "What staff will do to help",
        "How we will know it is working",
        "When we will look at it again",
        "My routines",
        "My prompt cards",
    ]:
        assert heading in html
    assert "I want slower mornings, with tea before anything else." in html
    assert "Make tea with me before personal care." in html  # "with Sam" read by Sam
    assert "Senior Tester will do this." in html
    assert "When: Every morning." in html
    assert "Between 8am and 8:45am." in html and "This needs to stay the same." in html
    assert (
        "Green: I am OK" in html
        and "Amber: things are getting harder" in html
        and "Red: I need help now" in html
    )
    assert "lived-easy-read" in html
    assert f'href="/people/{person.public_id}/plan/easy-read/pdf/"' in html and "Print this page" in html
    assert "How easy this is to read" not in html  # the readability score is for staff
    assert "Draft: not agreed yet" in html


def test_staff_see_the_readability_score_against_the_target_above_the_content(
    client, person, support_worker, plan
):
    html = page(client, support_worker, f"/people/{person.public_id}/plan/easy-read/")
    assert "How easy this is to read" in html
    assert "The target is 60 or more (plain English)" in html
    assert re.search(r"Reading ease score: <strong>\d+</strong> out of 100", html)
    assert html.index("How easy this is to read") < html.index("What I want")


def test_an_agreed_plan_shows_the_agreement_not_the_draft_notice(client, person, person_user, plan):
    agree(plan.draft, person_user)
    html = page(client, person_user, f"/people/{person.public_id}/plan/easy-read/")
    assert "Draft: not agreed yet" not in html
    assert "I agreed this plan on" in html and "Yes, that&#39;s me" in html


def test_the_agreed_version_is_shown_while_a_new_draft_is_written(client, person, senior, person_user, plan):
    agreed = agree(plan.draft, person_user)
    new_draft = services.start_new_draft(actor=senior, plan=agreed.plan, reason="More walks")
    outcome = new_draft.outcomes.first()
    services.update_part(
        actor=senior, part=outcome, data={"in_persons_words": "I want walks."}, opened_version=outcome.version
    )
    html = page(client, person_user, f"/people/{person.public_id}/plan/easy-read/")
    assert "I want slower mornings" in html and "I want walks." not in html


def test_no_plan_yet(client, person, person_user, support_worker):
    html = page(client, person_user, f"/people/{person.public_id}/plan/easy-read/")
    assert "There is no plan yet" in html
    assert "How easy this is to read" not in page(
        client, support_worker, f"/people/{person.public_id}/plan/easy-read/"
    )
    response = page(client, person_user, f"/people/{person.public_id}/plan/easy-read/pdf/")
    assert response.content.startswith(b"%PDF")


def test_viewing_the_persons_version_is_audited(client, person, support_worker, plan):
    page(client, support_worker, f"/people/{person.public_id}/plan/easy-read/")
    assert AuditEvent.objects.filter(
        action="view",
        actor=support_worker,
        person_public_id=person.public_id,
        what="Support plan (person's version)",
    ).exists()


def test_the_persons_version_takes_the_same_queries_for_a_bigger_plan(client, person, senior):
    from tests.factories import person_data

    make_plan(person, senior)
    bigger = people_services.create_person(
        actor=senior, data=person_data(person.service, given_name="Ada", nhs_number="")
    )
    make_plan(bigger, senior, outcomes=5)
    client.force_login(senior)
    with CaptureQueriesContext(connection) as one:
        assert client.get(f"/people/{person.public_id}/plan/easy-read/").status_code == 200
    with CaptureQueriesContext(connection) as five:
        assert client.get(f"/people/{bigger.public_id}/plan/easy-read/").status_code == 200
    assert len(one) == len(five)


# --- Agency summary ------------------------------------------------------------------------------


def test_the_agency_summary_is_readable_in_a_minute(client, person, support_worker, plan):
    html = page(client, support_worker, f"/people/{person.public_id}/plan/agency-summary/")
    assert "Summary for agency staff" in html
    assert "Samira Testperson" in html and "Sam" in html and "she/her" in html
    assert "Hang on" in html  # pause words
    assert "Nods and says yeah" in html and "Looks away" in html and "Covers ears" in html
    assert "You need to" in html  # words to avoid
    assert "three-step consent check" in html and "Say what and why" in html
    assert "Tea first, quiet time, then personal care." in html
    assert "Morning tablets" in html and "Needs a boundary" in html and "9am to 9:15am" in html
    assert "Green: going well" in html and "Pause and offer tea" in html
    assert f"/plan/routines/{plan.routine.public_id}/pdf/" in html
    assert f"/plan/prompt-cards/{plan.card.public_id}/pdf/" in html


def test_the_person_and_their_circle_cannot_open_the_agency_summary(
    client, person, person_user, circle_user, circle_member, plan
):
    page(client, person_user, f"/people/{person.public_id}/plan/agency-summary/", status=403)
    page(client, circle_user, f"/people/{person.public_id}/plan/agency-summary/", status=403)


# --- Scope ---------------------------------------------------------------------------------------

ALL_PATHS = [
    lambda p, o: f"/people/{p.public_id}/plan/easy-read/",
    lambda p, o: f"/people/{p.public_id}/plan/agency-summary/",
    *[build for build, _ in PDF_URLS.values()],
]


@pytest.mark.parametrize("build", ALL_PATHS)
def test_someone_elses_person_is_not_found(
    client, outsider, manager, person, other_person, senior, plan, build
):
    other_plan = make_plan(other_person, outsider)
    page(client, outsider, build(person, plan), status=404)
    page(client, manager, build(other_person, other_plan), status=404)


def test_a_routine_or_card_not_in_the_current_plan_is_not_found(client, person, senior, person_user, plan):
    agreed = agree(plan.draft, person_user)
    new_draft = services.start_new_draft(actor=senior, plan=agreed.plan, reason="")
    draft_routine = new_draft.routines.get()
    draft_card = new_draft.prompt_cards.get()
    p = person.public_id
    page(client, senior, f"/people/{p}/plan/routines/{draft_routine.public_id}/pdf/", status=404)
    page(client, senior, f"/people/{p}/plan/prompt-cards/{draft_card.public_id}/pdf/", status=404)
    page(client, senior, f"/people/{p}/plan/routines/{uuid.uuid4()}/pdf/", status=404)
    page(client, senior, f"/people/{p}/plan/prompt-cards/{plan.routine.public_id}/pdf/", status=404)
    assert page(client, senior, f"/people/{p}/plan/routines/{plan.routine.public_id}/pdf/").status_code == 200


# --- Language and markup -------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["easy-read/", "agency-summary/"])
def test_pages_use_person_first_words_and_no_inline_styles(client, person, senior, plan, path):
    html = page(client, senior, f"/people/{person.public_id}/plan/{path}")
    text = re.sub(r"<[^>]+>", " ", html).lower()
    for word in ["service user", "patient", "client"]:
        assert word not in text
    assert "style=" not in html


def test_printouts_use_person_first_words(senior, person, plan):
    request = RequestFactory().get("/")
    request.user = senior
    context = staff_plan_context(current_version(person))
    context.update(person=person, clock=clock, printed_on=timezone.localdate())
    html = pdf.render_html(request, "plans/print_plan.jinja", context)
    text = re.sub(r"<[^>]+>", " ", html).lower()
    assert "service user" not in text and "patient" not in text and "client" not in text
    assert "style=" not in html
    assert "Morning support agreement" in html and "How we decided" not in html
