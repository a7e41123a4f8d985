"""A full disk while a file is being written (a PDF pack, an export) gives a clear error and leaves
nothing half-written: no truncated file under the real name, no temporary file behind.

The full disk is a file-size limit (RLIMIT_FSIZE) in a subprocess: a write past it fails with
EFBIG, as one on a full disk fails with ENOSPC."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

WRITE_PAST_THE_LIMIT = r"""
import json, os, resource, signal, sys
import django
django.setup()
from django.core.files.base import ContentFile
from lived.jobs.files import job_files

signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead of killing us
resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))
storage = job_files()
try:
    storage.save("pack.pdf", ContentFile(b"%PDF-1.7 " + b"x" * (1024 * 1024)))
    outcome = "saved"
except OSError as error:
    outcome = f"{type(error).__name__}: {error.strerror}"
print(json.dumps({"outcome": outcome, "files": sorted(os.listdir(storage.location))}))
"""


def test_a_job_file_written_onto_a_full_disk_fails_clearly_and_leaves_nothing(tmp_path):
    env = {
        "DJANGO_SETTINGS_MODULE": "lived.config.settings.test",
        "LIVED_JOB_FILES_DIR": str(tmp_path),
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(ROOT),
    }
    result = subprocess.run(
        [sys.executable, "-c", WRITE_PAST_THE_LIMIT], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["outcome"] == "OSError: File too large"
    assert seen["files"] == []


def test_a_job_file_that_fits_is_saved_whole(tmp_path, settings):
    from django.core.files.base import ContentFile

    from lived.jobs.files import job_files

    settings.LIVED_JOB_FILES_DIR = str(tmp_path)
    storage = job_files()
    name = storage.save("pack.pdf", ContentFile(b"%PDF-1.7 whole"))
    assert name == "pack.pdf"
    assert (tmp_path / "pack.pdf").read_bytes() == b"%PDF-1.7 whole"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack.pdf"]
    # A second file of the same name gets a name of its own; the first is not overwritten.
    other = storage.save("pack.pdf", ContentFile(b"%PDF-1.7 second"))
    assert other != "pack.pdf" and (tmp_path / "pack.pdf").read_bytes() == b"%PDF-1.7 whole"
