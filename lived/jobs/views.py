"""Jobs pages: the list for administrators, a job's progress page, and its file. What a job is about
(a plan pack, its people) is the owning app's: the job's result says what the pages show, and its
spec's `on_download` writes what handing out its file means (lived.jobs.queue.JobSpec). Asking for a
plan pack is a plans page (lived/plans/views/pack.py), though its path is /jobs/plan-pack/."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Value, When
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views import View

from lived.core.permissions import PermissionView
from lived.jobs import presenters
from lived.jobs.files import job_files
from lived.jobs.models import Job
from lived.jobs.queue import spec_for

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
    """The file a job made. The job's own `on_download` runs first: for a plan pack, each person in
    it gets an access row, as this is a look at their plan. If that fails, no file is sent."""

    permission = "jobs.download_job_file"

    def get(self, request, job_id):
        result = self.job.result if isinstance(self.job.result, dict) else {}
        name = result.get("file")
        storage = job_files()
        if self.job.status != Job.Status.SUCCEEDED or not name or not storage.exists(name):
            raise Http404("This file has been removed, or is not ready")
        on_download = spec_for(self.job).on_download
        if on_download is not None:
            on_download(request.user, self.job)
        response = FileResponse(storage.open(name, "rb"), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{result.get("download_name", "plans.pdf")}"'
        response["Cache-Control"] = "private, no-store"
        return response
