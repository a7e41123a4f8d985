"""Reviews and weekly check-ins. Views are thin: scoped lookup and permission (PersonView or
PermissionView), a form, a service call, a page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from lived.core.concurrency import StaleEdit
from lived.core.nhsuk_forms import add_service_errors
from lived.core.permissions import PermissionView
from lived.core.weeks import week_start
from lived.organisations.choice import choose_service
from lived.organisations.models import Service
from lived.people import parts
from lived.people.access import PersonView
from lived.reviews import forms, queries, services
from lived.reviews.models import Review

PAGE_SIZE = 100


class PersonReviews(PersonView):
    audit_what = "Reviews and check-ins"
    permission = "reviews.view_reviews"

    def get(self, request, person_id):
        today = timezone.localdate()
        reviews = list(queries.reviews_for(self.person).order_by("due_on", "created_at"))
        open_reviews = [r for r in reviews if r.is_open]
        closed = sorted(
            (r for r in reviews if not r.is_open),
            key=lambda r: r.completed_at or r.cancelled_at or r.created_at,
            reverse=True,
        )[:20]
        check_ins = list(queries.check_ins_for(self.person)[:12])
        can_raise = request.user.has_perm("reviews.raise_review", self.person)
        ask_form = (
            forms.AskForReviewForm(person=self.person, viewer_is_person=self.viewer_is_person)
            if can_raise
            else None
        )
        this_week = week_start(today)
        return self.render(
            "reviews/person_reviews.jinja",
            {
                "today": today,
                "open_reviews": open_reviews,
                "closed_reviews": closed,
                "check_ins": check_ins,
                "checked_in_this_week": any(c.week_starting == this_week for c in check_ins),
                "ask_form": ask_form,
            },
        )


class AskForReview(PersonView):
    audit_what = "Reviews (asking for a review)"
    permission = "reviews.raise_review"

    def _form(self, data=None):
        return forms.AskForReviewForm(data, person=self.person, viewer_is_person=self.viewer_is_person)

    def get(self, request, person_id):
        return self.render("reviews/ask_form.jinja", {"form": self._form()})

    def post(self, request, person_id):
        form = self._form(request.POST)
        if form.is_valid():
            trigger = form.trigger_value(self.viewer_is_person)
            open_before = self.person.reviews.filter(
                kind=Review.Kind.TRIGGERED, trigger=trigger, status=Review.Status.OPEN
            ).exists()
            try:
                review = services.raise_review(
                    person=self.person,
                    trigger=trigger,
                    details=form.cleaned_data["details"],
                    actor=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if open_before:
                    messages.success(
                        request,
                        "A review about this is already open, so what you wrote has been added to its agenda",
                    )
                elif self.viewer_is_person:
                    messages.success(
                        request, "You have asked for a review. Add anything else you want to talk about."
                    )
                else:
                    messages.success(request, "Review raised")
                return redirect("reviews:review", person_id=self.person.public_id, review_id=review.public_id)
        return self.render("reviews/ask_form.jinja", {"form": form}, status=400)


class ReviewPage(PersonView):
    """Base for pages about one review of this person (unknown review → 404)."""

    def _review(self, review_id) -> Review:
        return get_object_or_404(queries.reviews_for(self.person), public_id=review_id)

    def _conflict(self, error: StaleEdit, form):
        """Completing or cancelling refused as stale: the agenda now beside the agenda the decider was
        shown, and what they wrote (not saved)."""
        current = error.current
        labels = {"agenda_now": "Agenda", "due_on": "Due"}
        labels.update({name: str(form.fields[name].label) for name in error.submitted if name in form.fields})
        if "cancelled_reason" in error.submitted:
            labels["cancelled_reason"] = str(form.fields["reason"].label)
        shown = {
            "agenda_now": current.agenda_text(up_to_version=error.opened_version),
            "due_on": current.due_on,
        }
        stale = StaleEdit(
            current=current, submitted={**shown, **error.submitted}, opened_version=error.opened_version
        )
        return self.conflict(stale, labels, self.request.path)


class ReviewDetail(ReviewPage):
    audit_what = "A review"
    permission = "reviews.view_reviews"

    def get(self, request, person_id, review_id):
        review = self._review(review_id)
        items = list(review.agenda_items.select_related("added_by"))
        context = {"review": review, "items": items, "today": timezone.localdate()}
        # Reflective prompts from supervision's library on the agenda (lived/supervision/parts.py).
        context["library_prompts"] = parts.get("review_agenda_prompts")(review, request.user)
        seen = {"seen_version": review.version}
        if review.is_open and request.user.has_perm("reviews.add_agenda_item", self.person):
            context["agenda_form"] = forms.AgendaItemForm(
                person=self.person, viewer_is_person=self.viewer_is_person
            )
        if review.is_open and request.user.has_perm("reviews.manage_reviews", self.person):
            context["complete_form"] = forms.CompleteReviewForm(initial=seen)
        return self.render("reviews/review.jinja", context)


class AddAgendaItem(ReviewPage):
    audit_what = "A review (adding to the agenda)"
    permission = "reviews.add_agenda_item"

    def _form(self, data=None):
        return forms.AgendaItemForm(data, person=self.person, viewer_is_person=self.viewer_is_person)

    def get(self, request, person_id, review_id):
        review = self._review(review_id)
        if not review.is_open:
            return redirect("reviews:review", person_id=self.person.public_id, review_id=review.public_id)
        return self.render("reviews/agenda_form.jinja", {"form": self._form(), "review": review})

    def post(self, request, person_id, review_id):
        review = self._review(review_id)
        form = self._form(request.POST)
        if form.is_valid():
            try:
                services.add_agenda_item(
                    actor=request.user,
                    review=review,
                    text=form.cleaned_data["text"],
                    in_persons_words=form.cleaned_data.get("in_persons_words", True),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Added to the agenda")
                return redirect("reviews:review", person_id=self.person.public_id, review_id=review.public_id)
        return self.render("reviews/agenda_form.jinja", {"form": form, "review": review}, status=400)


class CompleteReview(ReviewPage):
    audit_what = "A review (completing)"
    permission = "reviews.manage_reviews"

    def get(self, request, person_id, review_id):
        review = self._review(review_id)
        if not review.is_open:
            return redirect("reviews:review", person_id=self.person.public_id, review_id=review.public_id)
        items = list(review.agenda_items.select_related("added_by"))
        return self.render(
            "reviews/complete_form.jinja",
            {
                "form": forms.CompleteReviewForm(initial={"seen_version": review.version}),
                "review": review,
                "items": items,
            },
        )

    def post(self, request, person_id, review_id):
        review = self._review(review_id)
        form = forms.CompleteReviewForm(request.POST)
        if form.is_valid():
            try:
                done = services.complete_review(actor=request.user, review=review, **form.cleaned_data)
            except StaleEdit as error:
                return self._conflict(error, form)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if done.resulting_version_id:
                    messages.success(
                        request,
                        f"Review completed. Draft version {done.resulting_version.number} of the plan "
                        "has been started from what was decided.",
                    )
                    return redirect("plans:plan", person_id=self.person.public_id)
                messages.success(request, "Review completed")
                return redirect("reviews:person_reviews", person_id=self.person.public_id)
        items = list(review.agenda_items.select_related("added_by"))
        return self.render(
            "reviews/complete_form.jinja", {"form": form, "review": review, "items": items}, status=400
        )


class CancelReview(ReviewPage):
    audit_what = "A review (cancelling)"
    permission = "reviews.manage_reviews"

    def get(self, request, person_id, review_id):
        review = self._review(review_id)
        if not review.is_open:
            return redirect("reviews:review", person_id=self.person.public_id, review_id=review.public_id)
        form = forms.CancelReviewForm(initial={"seen_version": review.version})
        return self.render("reviews/cancel_form.jinja", {"form": form, "review": review})

    def post(self, request, person_id, review_id):
        review = self._review(review_id)
        form = forms.CancelReviewForm(request.POST)
        if form.is_valid():
            try:
                services.cancel_review(
                    actor=request.user,
                    review=review,
                    seen_version=form.cleaned_data["seen_version"],
                    reason=form.cleaned_data["reason"],
                )
            except StaleEdit as error:
                return self._conflict(error, form)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Review cancelled. It is kept in the record with the reason.")
                return redirect("reviews:person_reviews", person_id=self.person.public_id)
        return self.render("reviews/cancel_form.jinja", {"form": form, "review": review}, status=400)


class AddCheckIn(PersonView):
    audit_what = "Weekly check-in (adding)"
    permission = "reviews.record_check_in"

    def _form(self, data=None):
        return forms.CheckInForm(data, person=self.person, viewer_is_person=self.viewer_is_person)

    def get(self, request, person_id):
        return self.render("reviews/check_in_form.jinja", {"form": self._form()})

    def post(self, request, person_id):
        form = self._form(request.POST)
        if form.is_valid():
            try:
                services.record_check_in(
                    actor=request.user,
                    person=self.person,
                    week_starting=form.cleaned_data["week_starting"],
                    what_worked=form.cleaned_data["what_worked"],
                    what_didnt=form.cleaned_data["what_didnt"],
                    in_persons_words=form.cleaned_data.get("in_persons_words", True),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    "Thank you. Your check-in is saved" if self.viewer_is_person else "Check-in saved",
                )
                return redirect("reviews:person_reviews", person_id=self.person.public_id)
        return self.render("reviews/check_in_form.jinja", {"form": form}, status=400)


class ServiceReviews(PermissionView):
    """Overdue reviews and open triggers at every service the user works at."""

    permission = "reviews.view_service_reviews"

    def get(self, request):
        today = timezone.localdate()
        choice = choose_service(request, all_services=True)
        show_all = request.GET.get("show") == "all"
        reviews = queries.service_reviews(
            request.user, today=today, service_ids=choice.ids, include_not_due=show_all
        )
        page = Paginator(reviews, PAGE_SIZE).get_page(request.GET.get("page"))
        groups: list[tuple[Service, list[Review]]] = []
        for review in page:
            service = review.person.service
            if not groups or groups[-1][0].pk != service.pk:
                groups.append((service, []))
            groups[-1][1].append(review)
        return render(
            request,
            "reviews/service_reviews.jinja",
            {
                "page": page,
                "groups": groups,
                "choice": choice,
                "show_all": show_all,
                "today": today,
            },
        )
