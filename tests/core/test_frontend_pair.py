"""nhsuk-frontend-jinja and the npm nhsuk-frontend must be the matched pair the Jinja port documents."""

import json
import re
from importlib.metadata import metadata, version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_npm_and_python_nhsuk_packages_are_a_matched_pair():
    jinja_version = version("nhsuk-frontend-jinja")
    table = dict(
        re.findall(
            r"^\|\s*([\d.]+)\s*\|\s*([\d.]+)\s*\|$", metadata("nhsuk-frontend-jinja").get_payload(), re.M
        )
    )
    expected_frontend = {jinja: frontend for frontend, jinja in table.items()}[jinja_version]
    declared = json.loads((ROOT / "package.json").read_text())["dependencies"]["nhsuk-frontend"]
    installed = json.loads((ROOT / "node_modules/nhsuk-frontend/package.json").read_text())["version"]
    assert declared == installed == expected_frontend


def test_the_compiled_assets_are_in_static():
    vendor = ROOT / "lived/static/vendor/nhsuk"
    assert (vendor / "nhsuk-frontend.min.css").stat().st_size > 10_000
    assert (vendor / "nhsuk-frontend.min.js").stat().st_size > 10_000
