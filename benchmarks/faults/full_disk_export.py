"""Fault: the disk fills up while a PDF pack is being written. There must be a clear error and
nothing half-written: no truncated PDF under the job's file name, no temporary file left behind.

    .venv/bin/python benchmarks/faults/full_disk_export.py

The job-files folder is a 64 KB tmpfs (mounted here, unmounted at the end; needs root), or, where
mounting is not allowed, a file-size limit (RLIMIT_FSIZE) in a subprocess. A real PDF (WeasyPrint,
fictional text) larger than the space left is saved through `lived.jobs.files.job_files()`, the
storage the plan-pack job uses, and, for contrast, through Django's plain FileSystemStorage.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

WRITE = r"""
import json, os, resource, signal, sys
import django
django.setup()
import weasyprint
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from lived.jobs.files import job_files

folder, limit = sys.argv[1], int(sys.argv[2])
step = "<p>Step {}: tea first, then a quiet half hour, then the walk to the shop.</p>"
rows = "".join(step.format(i) for i in range(4000))
pdf = weasyprint.HTML(string=f"<h1>Support plans (fictional)</h1>{rows}").write_pdf()
if limit:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails, as on a full disk
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
out = {"pdf_bytes": len(pdf)}
storages = {"job_files()": job_files(), "plain FileSystemStorage": FileSystemStorage(folder)}
for label, storage in storages.items():
    try:
        name = storage.save(f"pack-{len(out)}.pdf", ContentFile(pdf))
        result = f"saved as {name}"
    except OSError as error:
        result = f"{type(error).__name__}: {error.strerror}"
    left = {n: os.path.getsize(os.path.join(folder, n)) for n in sorted(os.listdir(folder))}
    out[label] = {"result": result, "files left (bytes)": left}
    for n in left:  # the next storage starts with an empty folder
        os.unlink(os.path.join(folder, n))
print(json.dumps(out))
"""


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="lived-full-disk-"))
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)]).returncode == 0
    try:
        env = {
            "DJANGO_SETTINGS_MODULE": "lived.config.settings.test",
            "LIVED_JOB_FILES_DIR": str(folder),
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "PYTHONPATH": str(ROOT),
        }
        limit = "0" if mounted else str(64 * 1024)
        result = subprocess.run(
            [sys.executable, "-c", WRITE, str(folder), limit],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise SystemExit(result.stderr)
        seen = json.loads(result.stdout.strip().splitlines()[-1])
    finally:
        if mounted:
            subprocess.run(["umount", str(folder)], check=True)
        folder.rmdir() if not any(folder.iterdir()) else None
    how = "a 64 KB tmpfs" if mounted else "RLIMIT_FSIZE of 64 KB"
    print(f"Full disk: {how}; the PDF is {seen['pdf_bytes']} bytes.\n")
    print("| Storage | Result | Files left in the folder |")
    print("|---|---|---|")
    for label in ("job_files()", "plain FileSystemStorage"):
        print(f"| {label} | {seen[label]['result']} | {seen[label]['files left (bytes)'] or 'none'} |")


if __name__ == "__main__":
    main()
