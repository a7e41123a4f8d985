"""The README's table of demo sign-ins lists every account `make run` prints, and no other."""

import re
from pathlib import Path

from lived.demo import data

README = Path(__file__).resolve().parents[2] / "README.md"


def _readme_usernames() -> list[str]:
    text = README.read_text()
    section = text.split("## Demo sign-ins", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([a-z]+)` \|", section, flags=re.MULTILINE)


def test_the_readme_lists_every_demo_account_once():
    printed = [row["username"] for row in data.demo_accounts()]
    listed = _readme_usernames()
    assert len(listed) == len(set(listed)), "an account is listed twice"
    assert sorted(listed) == sorted(printed)
