"""Where jobs keep the files they make (plan PDF packs): a private folder, never served as static or
media files. Only lived.jobs.views.DownloadJobFile hands one out, after checking who asks. The web
and worker processes must share this folder (one machine, or a shared volume: docs/deployment.md).

Stored names are the job's public id: never a person's name."""

from lived.core.conf import lived_settings
from lived.core.storage import AtomicFileSystemStorage


def job_files() -> AtomicFileSystemStorage:
    # Atomic: a full disk mid-write leaves no half-written pack under the job's name.
    return AtomicFileSystemStorage(location=lived_settings().job_files_dir, base_url=None)


def file_name_for(job) -> str:
    return f"{job.public_id}.pdf"
