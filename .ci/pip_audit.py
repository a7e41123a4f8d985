"""pip-audit of requirements.lock for `make audit`: fails on any known vulnerability; says plainly,
never silently, when the vulnerability service cannot be reached or cannot audit some packages.

The service is PyPI's JSON API (pip-audit's default). Where it cannot be reached (a machine without
the internet), the audit is skipped with the reason printed; set LIVED_AUDIT_REQUIRED=true (a
provider's CI with the internet) to make that a failure too.
"""

import json
import os
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

SERVICE = "https://pypi.org/pypi/pip-audit/json"
ROOT = Path(__file__).resolve().parents[1]
PIP_AUDIT = str(Path(sys.executable).with_name("pip-audit"))
REQUIRED = os.environ.get("LIVED_AUDIT_REQUIRED", "").lower() in {"1", "true", "yes", "on"}


def skipped(reason: str) -> int:
    print(f"pip-audit: SKIPPED, NOT AUDITED: {reason}", file=sys.stderr)
    return 1 if REQUIRED else 0


def main() -> int:
    try:
        urllib.request.urlopen(SERVICE, timeout=15).close()  # noqa: S310 (a fixed https address)
    except OSError as error:
        return skipped(f"the vulnerability service {SERVICE} cannot be reached ({error}).")
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.json"
        # The lock pins every package, so nothing is resolved or installed (--no-deps --disable-pip).
        run = subprocess.run(  # noqa: S603 (our own pip-audit, fixed arguments)
            [PIP_AUDIT, "-r", str(ROOT / "requirements.lock"), "--no-deps", "--disable-pip",
             "--progress-spinner", "off", "--desc", "on", "-f", "json", "-o", str(report)],
            capture_output=True, text=True,
        )  # fmt: skip
        if not report.exists():
            print(run.stdout + run.stderr, file=sys.stderr)
            print("pip-audit: FAILED to run (above).", file=sys.stderr)
            return 1
        dependencies = json.loads(report.read_text())["dependencies"]
    vulnerable = [d for d in dependencies if d.get("vulns")]
    unaudited = [d for d in dependencies if "skip_reason" in d]
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions", [])) or "no fixed version yet"
            print(f"pip-audit: {dependency['name']} {dependency['version']}: {vuln['id']} (fixed in {fixed})")
    audited, total = len(dependencies) - len(unaudited), len(dependencies)
    print(f"pip-audit: {audited} of {total} pinned packages audited; {len(vulnerable)} vulnerable.")
    if unaudited:
        names = ", ".join(f"{d['name']}" for d in unaudited)
        print(
            f"pip-audit: NOT AUDITED ({len(unaudited)}): the service does not know these versions: {names}",
            file=sys.stderr,
        )
        if REQUIRED:
            return 1
    return 1 if vulnerable or run.returncode not in (0, 1) else 0


if __name__ == "__main__":
    sys.exit(main())
