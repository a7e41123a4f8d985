"""Every page of daily notes, risk and outcomes, opened in Chromium by each kind of user who may use it,
with axe on each. The scenario walks go deep; this makes sure no page is left unvisited. The PDFs
are fetched in the same signed-in browser and checked to be PDFs."""

from playwright.sync_api import expect


def _paths():
    from lived.complaints.models import Complaint
    from lived.incidents.models import SafeguardingConcern
    from lived.notes.models import DailyNote
    from lived.outcomes.models import HealthFollowUp, OutcomeGroup, SelfRatingScale
    from lived.people.models import Person

    def person(name):
        return Person.objects.get(preferred_name=name)

    ada, priya, marcus, leon = (person(n) for n in ("Ada", "Priya", "Marcus", "Leon"))
    a, p, m, lp = (f"/people/{x.public_id}" for x in (ada, priya, marcus, leon))
    plan = priya.risk_plans.first()
    incident = marcus.incidents.first()
    complaint = Complaint.objects.filter(person=leon).first()
    concern = SafeguardingConcern.objects.select_related("person").filter(person__service=ada.service).first()
    concern = concern or SafeguardingConcern.objects.select_related("person").first()
    note = DailyNote.objects.filter(person=ada).first()
    follow_up = HealthFollowUp.objects.select_related("person", "health_check").filter(status="open").first()
    check = follow_up.health_check
    scale = SelfRatingScale.objects.filter(service=ada.service).first()
    group = OutcomeGroup.objects.first()
    rp = f"{p}/risk/plans/{plan.public_id}/"
    f = f"/people/{follow_up.person.public_id}"
    return {
        # A support worker: recording, the briefing, risk and outcomes they write.
        "tom": [
            "/briefing/",
            "/briefing/?view=agency",
            f"{a}/notes/",
            f"{a}/notes/record/",
            f"{a}/notes/{note.public_id}/correct/",
            f"{a}/handover/",
            f"{p}/risk/",
            rp,
            f"{p}/risk/plans/new/",
            rp + "edit/",
            rp + "check-in/",
            rp + "capacity/",
            f"{m}/crisis-plan/",
            f"{m}/crisis-plan/edit/",
            f"{m}/incidents/new/",
            f"{m}/incidents/{incident.public_id}/",
            f"{lp}/complaints/new/",
            f"{lp}/complaints/{complaint.public_id}/",
            "/risk/",
            f"{a}/outcomes/",
            f"{a}/outcomes/questionnaires/gad7/",
            f"{a}/outcomes/goals/",
            f"{a}/outcomes/schedules/new/",
            f"{a}/outcomes/health-checks/new/",
            "/outcomes/",
        ],
        # A senior: approving, moving a stage on, safeguarding, follow-ups, groups and scales.
        "hannah": [
            rp + "approve/",
            rp + "stage/",
            f"/people/{concern.person.public_id}/safeguarding/{concern.public_id}/",
            f"{f}/outcomes/health-checks/{check.public_id}/follow-ups/new/",
            f"{f}/outcomes/follow-ups/{follow_up.public_id}/close/",
            "/briefing/handover/",
            "/notes/plans-in-use/",
            "/outcomes/groups/new/",
            "/outcomes/scales/new/",
        ],
        "daniel": [rp + "manager-review/", "/notes/language/", "/risk/"],
        "farah": ["/notes/language/", "/notes/plans-in-use/", "/outcomes/"],
        "carys": [f"/outcomes/groups/{group.public_id}/"],
        # The person, on their own account.
        "ada": [
            f"{a}/notes/",
            f"{a}/risk/",
            f"{a}/crisis-plan/",
            f"{a}/outcomes/",
            f"{a}/outcomes/self-rating/{scale.public_id}/",
        ],
        "leon": [f"{lp}/complaints/new/", f"{lp}/crisis-plan/edit/"],
    }, [f"{m}/crisis-plan/card.pdf", f"{a}/outcomes/summary.pdf"]


def test_every_new_page_passes_axe_for_each_role_that_uses_it(visit):
    pages, pdfs = _paths()
    for username, paths in pages.items():
        visitor = visit()
        visitor.sign_in(username)
        for path in paths:
            response = visitor.page.goto(visitor.base_url + path)
            assert response.status == 200, f"{username} {path}: {response.status}"
            visitor.check_accessibility()
            expect(visitor.page.get_by_role("heading", level=1)).to_be_visible()
        if username == "tom":
            for path in pdfs:
                response = visitor.page.request.get(visitor.base_url + path)
                assert response.status == 200, path
                assert response.body()[:5] == b"%PDF-", path
        visitor.close()
