"""Test modules share helpers through non-test modules (conftest.py, factories.py, tests/rota/week.py
and the like), never by importing another test module: that ties one file's tests to another file's
private helpers, and pytest collects the imported tests' module a second time under another name."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def _names_a_test_module(node: ast.Import | ast.ImportFrom) -> bool:
    if isinstance(node, ast.Import):
        dotted = [alias.name for alias in node.names]
    else:
        # `from tests.x.test_y import z`, `from .test_y import z` and `from tests.x import test_y`.
        dotted = [node.module or ""] + [f"{node.module or ''}.{alias.name}" for alias in node.names]
    return any(part.startswith("test_") for name in dotted for part in name.split("."))


def test_no_test_module_imports_from_another_test_module():
    offending = []
    for path in sorted(TESTS.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom) and _names_a_test_module(node):
                offending.append(f"{path.relative_to(TESTS.parent)}:{node.lineno}: {ast.unparse(node)}")
    assert offending == [], "move the shared helpers into a non-test module:\n" + "\n".join(offending)
