"""Lived serves pages with production settings: collectstatic under the manifest storage, gunicorn,
WhiteNoise with hashed, compressed, long-cached static files, and the 404 and 500 pages."""

import re

import pytest

from tests.deploy.processes import Browser, gunicorn, manage

pytestmark = [pytest.mark.xdist_group("processes"), pytest.mark.processes]


@pytest.fixture(scope="module")
def server(production_site):
    with gunicorn(production_site.env) as base:
        yield base


def test_collectstatic_gives_every_file_a_hashed_name_and_compressed_copies(production_site):
    vendor = production_site.static_root / "vendor/nhsuk"
    hashed = [p.name for p in vendor.glob("nhsuk-frontend.min.*.css")]
    assert hashed and all(re.fullmatch(r"nhsuk-frontend\.min\.[0-9a-f]{12}\.css", n) for n in hashed)
    assert (vendor / f"{hashed[0]}.br").exists() and (vendor / f"{hashed[0]}.gz").exists()


def test_the_sign_in_page_is_served_with_hashed_assets_and_hardened_headers(server):
    response = Browser().get(f"{server}/accounts/sign-in/")
    assert response.status_code == 200
    page = response.text
    assert "Sign in" in page
    assert re.search(r'href="/static/vendor/nhsuk/nhsuk-frontend\.min\.[0-9a-f]{12}\.css"', page)
    assert re.search(r'href="/static/lived/favicon\.[0-9a-f]{12}\.svg"', page)
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "no-store" in response.headers["Cache-Control"]
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    csrf_cookie = next(c for c in response.raw.headers.getlist("Set-Cookie") if c.startswith("csrftoken="))
    assert "Secure" in csrf_cookie and "HttpOnly" in csrf_cookie


def test_plain_http_is_sent_to_https(server):
    response = Browser().get(f"{server}/accounts/sign-in/", headers={"X-Forwarded-Proto": "http"})
    assert response.status_code == 301
    assert response.headers["Location"].startswith("https://")


def test_a_static_file_is_compressed_and_cached_for_a_year_under_its_hashed_name(server):
    page = Browser().get(f"{server}/accounts/sign-in/").text
    stylesheet = re.search(r'href="(/static/vendor/nhsuk/nhsuk-frontend\.min\.[0-9a-f]{12}\.css)"', page)[1]
    for asked, given in (("br, gzip", "br"), ("gzip", "gzip")):
        response = Browser().get(f"{server}{stylesheet}", headers={"Accept-Encoding": asked}, stream=True)
        assert response.status_code == 200
        assert response.headers["Content-Encoding"] == given
        assert "max-age=315360000" in response.headers["Cache-Control"]
        assert "immutable" in response.headers["Cache-Control"]
        assert "no-store" not in response.headers["Cache-Control"]
        response.close()


def test_an_unknown_address_gets_lived_s_own_not_found_page(server):
    response = Browser().get(f"{server}/static/no-such-file.css")
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.text
    assert re.search(r"nhsuk-frontend\.min\.[0-9a-f]{12}\.css", response.text)


RENDER_500 = """
from django.test import RequestFactory
from lived.core.views import server_error
response = server_error(RequestFactory().get("/people/"))
print(response.status_code)
print(response.content.decode())
"""


def test_the_server_error_page_renders_with_production_settings(production_site):
    output = manage(production_site.env, "shell", "--no-imports", "-c", RENDER_500)
    assert output.startswith("500\n")
    assert "Sorry, there is a problem with the service" in output
    assert re.search(r"nhsuk-frontend\.min\.[0-9a-f]{12}\.css", output)
