"""Fixtures for the job tests. Running queued jobs in a test is tests/jobs/workers.py."""

import pytest


@pytest.fixture
def job_files_dir(settings, tmp_path):
    settings.LIVED_JOB_FILES_DIR = str(tmp_path / "job-files")
    return tmp_path / "job-files"
