"""A worker's own week on a phone ("My week"), and their private calendar feed (C13). Thin views:
the reads and the feed's services are in lived/rota/my_week.py."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from lived.core.permissions import PermissionView
from lived.core.weeks import week_start
from lived.rota import my_week


def _start(request) -> datetime.date:
    """The Monday of `?start=YYYY-MM-DD`'s week; this week when it is missing or not a date."""
    try:
        day = datetime.date.fromisoformat(request.GET.get("start", ""))
    except ValueError:
        day = timezone.localdate()
    return week_start(day)


def _week_url(start: datetime.date) -> str:
    return reverse("rota:my_week") + "?" + urlencode({"start": start.isoformat()})


class MyWeekPage(PermissionView):
    """The signed-in worker's own sessions on the published rotas, day by day: only ever their own."""

    permission = "rota.view_own_week"

    def get(self, request):
        start = _start(request)
        week = my_week.my_week(request.user, start)
        this_monday = week_start(timezone.localdate())
        seven = datetime.timedelta(days=7)
        return render(
            request,
            "rota/my_week.jinja",
            {
                "week": week,
                "start": week.start,
                "end": week.start + datetime.timedelta(days=6),
                "today": timezone.localdate(),
                "is_this_week": week.start == this_monday,
                "previous_url": _week_url(week.start - seven),
                "next_url": _week_url(week.start + seven),
                "this_week_url": reverse("rota:my_week"),
            },
        )


class FeedForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("new", "Make a new calendar address"), ("off", "Turn off my calendar address")],
        error_messages={"required": "Choose what to do", "invalid_choice": "Choose what to do"},
    )


class CalendarFeedPage(PermissionView):
    """Where the worker makes a private calendar address for their own sessions (shown once), makes
    a new one (the old one stops working) or turns it off."""

    permission = "rota.view_own_week"

    def show(self, request, *, secret_url="", form=None, status=200):
        return render(
            request,
            "rota/my_week_calendar.jinja",
            {
                "feed": my_week.live_feed(request.user),
                "secret_url": secret_url,
                "form": form,
                "my_week_url": reverse("rota:my_week"),
            },
            status=status,
        )

    def get(self, request):
        return self.show(request)

    def post(self, request):
        form = FeedForm(request.POST)
        if not form.is_valid():
            return self.show(request, form=form, status=400)
        if form.cleaned_data["action"] == "off":
            if my_week.turn_off_feed(actor=request.user) is None:
                messages.info(request, "Your calendar address was already off")
            else:
                messages.success(request, "Your calendar address is turned off: it no longer works")
            return redirect("rota:calendar_feed")
        _feed, secret = my_week.make_feed(actor=request.user)
        url = request.build_absolute_uri(reverse("rota:calendar_file", args=[secret]))
        # Shown once, on this answer only (pages are never stored by the browser: Cache-Control no-store).
        return self.show(request, secret_url=url)


class CalendarFile(View):
    """The feed itself, for calendar apps, which cannot sign in: the secret in the address is the
    key. An unknown, old or turned-off address is not found."""

    http_method_names = ["get", "head"]

    def get(self, request, secret):
        feed = my_week.feed_for_secret(secret)
        if feed is None:
            raise Http404("No such calendar")
        my_week.note_use(feed)
        response = HttpResponse(my_week.feed_text(feed.user), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="my-week.ics"'
        response["X-Robots-Tag"] = "noindex"
        return response
