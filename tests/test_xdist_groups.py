"""The suite relies on pytest-xdist's `xdist_group` (with `--dist loadgroup`, as the Makefile runs it)
to keep the browser tests on one test process and the tests that start real processes against one
scratch database on one process. pytest 9.2 silently broke it (the group no longer reaches the
node's id), so two processes dropped each other's scratch database in CI. This fails if it breaks
again: four tests in one group must all run on the same worker."""

import re
import subprocess
import sys

GROUPED = """
import pytest
pytestmark = pytest.mark.xdist_group("together")
def test_a(): pass
def test_b(): pass
def test_c(): pass
def test_d(): pass
"""


def test_tests_in_one_xdist_group_run_on_one_worker(tmp_path):
    (tmp_path / "test_grouped.py").write_text(GROUPED)
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:django", "-p", "no:cacheprovider", "-n", "2"]
        + ["--dist", "loadgroup", "-v", "test_grouped.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    workers = set(re.findall(r"\[(gw\d+)\] \[\s*\d+%\] PASSED", run.stdout))
    assert len(re.findall(r"PASSED", run.stdout)) == 4 and len(workers) == 1, run.stdout
