"""The container recipe runs the same steps CI runs: each RUN that builds Lived is a Makefile target
that `make test` (which .ci/run calls) also runs, and the container starts with `make serve`."""

import re

from tests.deploy.processes import ROOT


def instructions(text: str) -> list[tuple[str, str]]:
    joined = re.sub(r"\\\n\s*", " ", text)
    lines = [line.strip() for line in joined.splitlines() if line.strip() and not line.startswith("#")]
    return [tuple(line.split(None, 1)) for line in lines]


def make_prerequisites(target: str) -> set[str]:
    makefile = (ROOT / "Makefile").read_text()
    match = re.search(rf"^{re.escape(target)}:([^=\n]*)$", makefile, re.M)
    assert match, f"no Makefile target {target}"
    return set(match.group(1).split())


def test_the_containerfile_builds_with_the_makefile_targets_ci_runs():
    steps = instructions((ROOT / "deploy/Containerfile").read_text())
    make_runs = [args for op, args in steps if op == "RUN" and args.startswith("make ")]
    assert make_runs == ["make setup", "make audit"]
    assert "make test" in (ROOT / ".ci/run").read_text()
    # `make test` runs each of them before the suites.
    assert {"setup", "audit"} <= make_prerequisites("test")
    other_runs = [args for op, args in steps if op == "RUN" and not args.startswith("make ")]
    assert all(args.startswith(("apt-get", "useradd")) for args in other_runs), other_runs


def test_the_container_builds_from_the_lock_files_and_serves_with_make_serve():
    text = (ROOT / "deploy/Containerfile").read_text()
    assert re.search(r"^COPY .*requirements\.lock package\.json package-lock\.json", text, re.M)
    assert 'CMD ["make", "serve"]' in text
    assert "gunicorn -c lived/config/gunicorn.conf.py" in (ROOT / "Makefile").read_text()
