"""Jobs pages: the list for administrators, a job's progress page, its file, and asking for a pack."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Value, When
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View

from lived.core.audit import record_view
from lived.core.permissions import PermissionView
from lived.jobs import packs, presenters
from lived.jobs.files import job_files
from lived.jobs.forms import PlanPackForm
from lived.jobs.models import Job

PAGE_SIZE = 50


class JobList(PermissionView):
    """Every job, failed ones first, with their last error: for administrators."""

    permission = "jobs.view_jobs"

    def get(self, request):
        S = Job.Status
        jobs = Job.objects.annotate(
            needs_attention=Case(
                When(status=S.FAILED, then=Value(0)),
                When(status=S.RETRYING, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        ).order_by("needs_attention", "-created_at", "-pk")
        page = Paginator(jobs, PAGE_SIZE).get_page(request.GET.get("page"))
        counts = {s: Job.objects.filter(status=s).count() for s in (S.FAILED, S.RETRYING)}
        return render(
            request,
            "jobs/list.jinja",
            {
                "page": page,
                "rows": presenters.job_rows(page),
                "failed": counts[S.FAILED],
                "retrying": counts[S.RETRYING],
            },
        )


class JobView(View):
    """Loads the job by public id (unknown → 404) and checks the permission against it (→ 403)."""

    permission = "jobs.view_job"

    def dispatch(self, request, *args, **kwargs):
        self.job = get_object_or_404(Job.objects.select_related("progress"), public_id=kwargs["job_id"])
        if not request.user.has_perm(self.permission, self.job):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class JobDetail(JobView):
    """How far the job has got, as a progress bar, and its file when it is done."""

    def get(self, request, job_id):
        context = {
            "job": self.job,
            "progress": presenters.progress_of(self.job),
            "may_download": request.user.has_perm("jobs.download_job_file", self.job)
            and bool((self.job.result or {}).get("file")),
            "is_administrator": request.user.has_perm("jobs.view_jobs"),
        }
        return render(request, "jobs/job.jinja", context)


class JobProgressJson(JobView):
    """The same progress for the page's script, which redraws the bar without reloading."""

    def get(self, request, job_id):
        return JsonResponse(presenters.progress_of(self.job))


class DownloadJobFile(JobView):
    """The file a job made. Each person in it gets an access row: this is a look at their plan."""

    permission = "jobs.download_job_file"

    def get(self, request, job_id):
        from lived.people.models import Person

        result = self.job.result if isinstance(self.job.result, dict) else {}
        name = result.get("file")
        storage = job_files()
        if self.job.status != Job.Status.SUCCEEDED or not name or not storage.exists(name):
            raise Http404("This file has been removed, or is not ready")
        people = Person.objects.visible_to(request.user).filter(public_id__in=result.get("people", []))
        for person in people:
            record_view(actor=request.user, person=person, what="Support plan (in a PDF pack of plans)")
        response = FileResponse(storage.open(name, "rb"), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{result.get("download_name", "plans.pdf")}"'
        response["Cache-Control"] = "private, no-store"
        return response


class RequestPlanPack(PermissionView):
    """A manager asks for every plan at one of their services as one PDF, made in the background."""

    permission = "jobs.request_plan_pack"

    def get(self, request):
        return self.show(PlanPackForm(services=packs.managed_services(request.user)))

    def post(self, request):
        form = PlanPackForm(request.POST, services=packs.managed_services(request.user))
        if not form.is_valid():
            return self.show(form, status=400)
        job = packs.request_plan_pack(actor=request.user, service=form.cleaned_data["service"])
        return redirect("jobs:job", job_id=job.public_id)

    def show(self, form, status=200):
        return render(self.request, "jobs/plan_pack_form.jinja", {"form": form}, status=status)
