"""The content security policy carries a real per-request nonce, and the page's inline script has it.

If the nonce in the header and the one on the script differ (or the header says the literal word
'nonce'), the browser blocks the script and the NHS.UK components never start.
"""

import re

import pytest

pytestmark = pytest.mark.django_db

NONCE_IN_HEADER = re.compile(r"'nonce-([A-Za-z0-9+/=]+)'")


def script_src(response) -> str:
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if " " in part.strip())
    return directives["script-src"]


def inline_script_nonces(html: str) -> list[str]:
    return re.findall(r'<script nonce="([^"]+)">', html)


def test_the_script_src_has_a_real_nonce_and_not_the_word_nonce(client, organisation):
    response = client.get("/accounts/sign-in/")
    source = script_src(response)
    assert "'nonce'" not in source
    assert NONCE_IN_HEADER.search(source), source


def test_the_layouts_inline_script_carries_the_nonce_from_the_header(client, organisation):
    response = client.get("/accounts/sign-in/")
    header_nonce = NONCE_IN_HEADER.search(script_src(response)).group(1)
    html = response.content.decode()
    assert inline_script_nonces(html) == [header_nonce]
    # Every inline script on the page has the nonce: none is left to be blocked.
    assert html.count("<script>") == 0


def test_every_request_gets_a_new_nonce(client, organisation):
    first = NONCE_IN_HEADER.search(script_src(client.get("/accounts/sign-in/"))).group(1)
    second = NONCE_IN_HEADER.search(script_src(client.get("/accounts/sign-in/"))).group(1)
    assert first != second


def test_a_signed_in_page_carries_the_nonce_too(client, support_worker):
    client.force_login(support_worker)
    response = client.get("/")
    if response.status_code == 302:
        response = client.get(response.url)
    assert response.status_code == 200
    header_nonce = NONCE_IN_HEADER.search(script_src(response)).group(1)
    assert inline_script_nonces(response.content.decode()) == [header_nonce]


def test_the_sign_in_redirect_also_has_a_policy(client):
    response = client.get("/people/")
    assert response.status_code == 302
    assert "Content-Security-Policy" in response


def test_no_stylesheet_asks_another_server_for_anything():
    """The policy is 'self' for fonts and images: a stylesheet pointing elsewhere (the NHS typeface on
    assets.nhs.uk) is blocked and logged on every page. `make setup` strips those @font-face rules."""
    from pathlib import Path

    static = Path(__file__).resolve().parents[2] / "lived" / "static"
    for stylesheet in [static / "vendor" / "nhsuk" / "nhsuk-frontend.min.css", *static.glob("lived/*.css")]:
        urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", stylesheet.read_text())
        elsewhere = [u for u in urls if re.match(r"([a-z]+:)?//", u) and not u.startswith("data:")]
        assert not elsewhere, f"{stylesheet.name} refers to {elsewhere}"
