"""Lived's home-care routing solver against the UHHC benchmark, checked by the authors' validator.

    .venv/bin/python benchmarks/uhhc.py [--time-limit 60] [--only i-116]

Creates once (cached) benchmarks/.uhhc-venv with the authors' uhhc-toolbox, solves each of the six
instances in ../shared/oracles/uhhc/ with `python -m lived.rota.solver.uhhc`, validates each
solution there (check_validity, compute_costs) and prints a Markdown table beside the published
simulated-annealing and CP-SAT objectives.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ORACLE = (ROOT / ".." / "shared" / "oracles" / "uhhc").resolve()
VENV = ROOT / "benchmarks" / ".uhhc-venv"
INSTANCES = ["i-116", "i-134", "i-247", "i-083", "i-414", "i-054"]

# Run inside the validator's venv: prints one JSON line with validity, red messages and the total.
VALIDATE = r"""
import io, json, sys, contextlib, re
import click
from uhhc.models import Instance, Solution
inst = Instance.model_validate_json(open(sys.argv[1]).read())
buf = io.StringIO()
red = []
orig = click.secho
def secho(msg=None, *a, **k):
    if k.get("fg") == "red":
        red.append(str(msg))
    print(msg, file=buf)
click.secho = secho
import uhhc.models.solution_models as sm
sm.click.secho = secho
with contextlib.redirect_stdout(buf):
    try:
        sol = Solution.model_validate_json(open(sys.argv[2]).read())
        sol.check_validity(inst)
        ok = not red
        costs = sol.compute_costs(inst)  # its own red lines only compare our stated components
        total = float(costs["Total"].split()[0])
        err = None
    except Exception as e:  # an assertion in the validator
        ok, total, costs, err = False, None, None, repr(e)
out = {"valid": ok and not err, "objective": total, "red": red[:10], "error": err, "costs": costs}
print(json.dumps(out))
"""


def ensure_venv() -> Path:
    py = VENV / "bin" / "python"
    if not py.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    probe = subprocess.run([str(py), "-c", "import uhhc.models"], capture_output=True)
    if probe.returncode:
        subprocess.run([str(py), "-m", "pip", "install", "-q", str(ORACLE / "toolbox")], check=True)
    return py


def validate(py: Path, instance: Path, solution: Path) -> dict:
    out = subprocess.run(
        [str(py), "-W", "ignore", "-c", VALIDATE, str(instance), str(solution)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def published(py: Path, name: str, method: str) -> int | None:
    """The published solution's objective as the same validator computes it (the CP-SAT files
    carry no cost of their own; the README's table agrees with these)."""
    f = ORACLE / "solutions" / f"{name}.{method}.json"
    if not f.exists():
        return None
    v = validate(py, ORACLE / "instances" / f"{name}.json", f)
    return None if v["objective"] is None else int(v["objective"])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--time-limit", type=float, default=60.0)
    ap.add_argument("--only", nargs="*", default=INSTANCES)
    args = ap.parse_args()
    py = ensure_venv()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.only:
            inst = ORACLE / "instances" / f"{name}.json"
            data = json.loads(inst.read_text())
            sol = Path(tmp) / f"{name}.json"
            t0 = time.monotonic()
            subprocess.run(
                [sys.executable, "-m", "lived.rota.solver.uhhc", str(inst)]
                + ["--time-limit", str(args.time_limit), "--output", str(sol)],
                check=True,
                cwd=ROOT,
            )
            secs = time.monotonic() - t0
            v = validate(py, inst, sol)
            ours = json.loads(sol.read_text())["cost"]["objective"]
            sa, cp = published(py, name, "simulated-annealing"), published(py, name, "cp-sat")
            obj = v["objective"]
            gap = f"{100 * (obj - sa) / sa:+.1f}" if obj is not None and sa else "—"
            rows.append(
                f"| {name} | {len(data['patients'])} | {len(data['caregivers'])} | "
                f"{obj if obj is None else int(obj)} | {sa} | {cp if cp is not None else '—'} | {gap} | "
                f"{'yes' if v['valid'] else 'no'} | {secs:.1f} |"
            )
            if obj is not None and int(obj) != ours:
                rows[-1] += f" ours said {ours}"
            if not v["valid"]:
                print(name, v["error"], v["red"], file=sys.stderr)
    print(f"Time limit {args.time_limit:g} s per instance.\n")
    print(
        "| instance | patients | caregivers | our objective (validator) | published SA | "
        "published CP-SAT | gap to SA % | valid | solve time s |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
