"""The README and docs/ point only at things that are in this repository, and those things exist.

- A Markdown link (inline, reference or HTML) is relative and resolves to a file or folder in the
  repository. The README has no web links at all; docs/ may cite published sources on the web.
- No link or path leaves the repository (`../shared/...`): what a reader needs is written here.
- A path in backticks that starts with one of the repository's folders (`lived/core/charts.py`,
  `tests/people/`) exists, and a test or function it names (`tests/x.py::test_y`) is defined in that
  file; `::test_y` alone, later on the same line, is defined in one of the files the line names.
- The README's map of the code names every app under lived/.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = sorted([README, *(ROOT / "docs").rglob("*.md")])
TOP_FOLDERS = {".ci", "benchmarks", "deploy", "docs", "lived", "tests"}

FENCE = re.compile(r"^```.*?^```", re.M | re.S)
INLINE_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^)]*)?\)")
REFERENCE_LINK = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
HTML_LINK = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']+)["']""")
CODE_SPAN = re.compile(r"`([^`\n]+)`")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
PATH = re.compile(r"^(?P<path>[\w.-]+(?:/[\w.*-]+)*/?)(?:::(?P<test>\w+)(?:\[[^\]]*\])?)?$")
TEST_ONLY = re.compile(r"^::(?P<test>\w+)(?:\[[^\]]*\])?$")


def _name(doc: Path) -> str:
    return str(doc.relative_to(ROOT))


def _links(text: str) -> list[str]:
    prose = FENCE.sub("", text)
    prose = CODE_SPAN.sub("", prose)
    return [
        match.group(1)
        for pattern in (INLINE_LINK, REFERENCE_LINK, HTML_LINK)
        for match in pattern.finditer(prose)
    ]


def _inside_repository(path: Path) -> bool:
    try:
        path.resolve().relative_to(ROOT)
    except ValueError:
        return False
    return True


def _defines(source: Path, name: str) -> bool:
    pattern = rf"^\s*(?:(?:async\s+)?def {re.escape(name)}\(|class {re.escape(name)}\b)"
    return re.search(pattern, source.read_text(), re.M) is not None


@pytest.mark.parametrize("doc", DOCS, ids=_name)
def test_every_link_is_a_file_in_the_repository(doc):
    problems = []
    for target in _links(doc.read_text()):
        if target.startswith("#"):
            continue
        if SCHEME.match(target):
            if doc == README or not target.startswith(("https://", "http://")):
                problems.append(f"{target}: links outside the repository")
            continue
        path = (doc.parent / target.split("#", 1)[0]).resolve()
        if not _inside_repository(path):
            problems.append(f"{target}: leaves the repository")
        elif not path.exists():
            problems.append(f"{target}: no such file")
    assert not problems, f"{_name(doc)}:\n" + "\n".join(problems)


@pytest.mark.parametrize("doc", DOCS, ids=_name)
def test_every_path_named_in_backticks_exists(doc):
    problems = []
    for number, line in enumerate(doc.read_text().splitlines(), start=1):
        files_on_line: list[Path] = []
        for span in CODE_SPAN.findall(line):
            span = span.strip()
            if "../" in span or span.startswith("/work/"):
                problems.append(f"line {number}: `{span}` leaves the repository")
                continue
            only_test = TEST_ONLY.match(span)
            if only_test and files_on_line:
                if not any(_defines(source, only_test["test"]) for source in files_on_line):
                    problems.append(f"line {number}: `{span}`: not defined in any file the line names")
                continue
            match = PATH.match(span)
            if match is None or "/" not in match["path"] or match["path"].split("/")[0] not in TOP_FOLDERS:
                continue
            matches = list(ROOT.glob(match["path"].rstrip("/")))
            if not matches:
                problems.append(f"line {number}: `{span}`: no such file or folder")
                continue
            source = matches[0] if matches[0].is_file() else None
            if source is not None and source.suffix == ".py":
                files_on_line.append(source)
            if match["test"] and (source is None or not _defines(source, match["test"])):
                problems.append(f"line {number}: `{span}`: not defined there")
    assert not problems, f"{_name(doc)}:\n" + "\n".join(problems)


def _code_map() -> str:
    text = README.read_text()
    section = text.split("## Where things are", 1)[1]
    return FENCE.search(section).group(0)


def test_the_readme_map_names_only_paths_that_exist():
    missing = []
    for line in _code_map().splitlines()[1:-1]:
        if not line or line[0].isspace():
            continue
        for token in line.split("  ", 1)[0].replace(",", " ").split():
            if "/" in token and not (ROOT / token).exists() and not (ROOT / "lived" / token).exists():
                missing.append(token)
    assert not missing, f"README's map of the code names paths that are not there: {missing}"


def test_the_readme_map_lists_every_app():
    apps = sorted(p.parent.name for p in (ROOT / "lived").glob("*/apps.py")) + ["config"]
    code_map = _code_map()
    unlisted = [app for app in apps if not re.search(rf"^lived/{app}/\s", code_map, re.M)]
    assert not unlisted, f"README's map of the code does not list: {unlisted}"
