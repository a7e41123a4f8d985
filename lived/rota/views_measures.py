"""Measured, not claimed (C13): a service's measures of choice, continuity and visits over a period,
for managers and quality leads at the service, and one person's, for staff who may see the person.
The numbers come from lived/rota/measures.py (which says exactly what each counts); each page draws
them as a chart with the same numbers as a table."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from lived.accounts.models import OVERSIGHT, User
from lived.core.permissions import PermissionView
from lived.organisations.choice import choose_service
from lived.people.access import PersonView
from lived.people.models import Person
from lived.rota.forms_measures import PeriodForm
from lived.rota.measures import DEFINITIONS, Figures, measure
from lived.rota.presenters import TABLE_SENTENCE, shares_chart, shares_summary
from lived.rota.queries import short_names


def period_query(form: PeriodForm, start, end) -> str:
    """The query string that shows this period again ("" for the default period)."""
    if not form.asked:
        return ""
    values = {}
    for name, day in (("date_from", start), ("date_to", end)):
        values.update({f"{name}[day]": day.day, f"{name}[month]": day.month, f"{name}[year]": day.year})
    return urlencode(values)


class ServiceMeasures(PermissionView):
    """Everyone at the service with their figures, and the service's totals."""

    permission = "rota.view_service_measures"

    def get(self, request):
        choice = choose_service(request, service_ids=request.user.service_ids_with(*OVERSIGHT))
        if choice.service is None:
            raise Http404("You do not oversee any service")
        service = choice.service
        form = PeriodForm(request.GET, today=timezone.localdate())
        period = form.period()
        context = {"choice": choice, "service": service, "form": form, "definitions": DEFINITIONS}
        if period is None:
            return render(request, "rota/measures_service.jinja", context, status=400)
        start, end = period
        people = Person.objects.visible_to(request.user).filter(service=service)
        result = measure(people, service, start, end)
        query = period_query(form, start, end)
        suffix = f"?{query}" if query else ""
        context.update(
            {
                "result": result,
                "rows": [
                    (person, figures, reverse("rota:person_measures", args=[person.public_id]) + suffix)
                    for person, figures in result.people
                ],
                "chart": shares_chart(
                    f"{service.name}: the measures as percentages",
                    [(f"Everyone at {service.name}", result.totals)],
                    shares_summary(result.totals, f"Everyone at {service.name}") + TABLE_SENTENCE,
                ),
            }
        )
        return render(request, "rota/measures_service.jinja", context)


class PersonMeasures(PersonView):
    """One person's figures beside their service's, and who supported them."""

    audit_what = "Measures of who supports them"
    permission = "rota.view_person_measures"

    def get(self, request, person_id):
        person = self.person
        service = person.service
        form = PeriodForm(request.GET, today=timezone.localdate())
        period = form.period()
        may_see_service = request.user.has_perm("rota.view_service_measures") and (
            service.pk in request.user.service_ids_with(*OVERSIGHT)
        )
        context = {"form": form, "definitions": DEFINITIONS}
        if period is None:
            return self.render("rota/measures_person.jinja", context, status=400)
        start, end = period
        query = period_query(form, start, end)
        people = Person.objects.visible_to(request.user).filter(service=service)
        result = measure(people, service, start, end)
        figures = next((f for p, f in result.people if p.pk == person.pk), Figures())
        workers = list(User.objects.filter(pk__in=list(figures.workers)))
        names = short_names(workers)
        supported_by = sorted(
            ((names[w.pk], figures.workers[w.pk]) for w in workers), key=lambda pair: (-pair[1], pair[0])
        )
        service_url = ""
        if may_see_service:
            service_url = (
                reverse("rota:service_measures")
                + "?"
                + urlencode({"service": service.public_id})
                + (f"&{query}" if query else "")
            )
        context.update(
            {
                "result": result,
                "figures": figures,
                "supported_by": supported_by,
                "service_url": service_url,
                "chart": shares_chart(
                    f"{person.known_as} beside everyone at {service.name}, as percentages",
                    [(person.known_as, figures), (f"Everyone at {service.name}", result.totals)],
                    shares_summary(figures, person.known_as)
                    + " "
                    + shares_summary(result.totals, "Everyone")
                    + TABLE_SENTENCE,
                ),
            }
        )
        return self.render("rota/measures_person.jinja", context)
