"""Every page has Lived's own icon, never the NHS logo, and /favicon.ico (asked for by pages that name
no icon, such as the admin) is not a 404 logged in the browser's console."""

import pytest

pytestmark = pytest.mark.django_db


def test_pages_name_liveds_own_icon(client, organisation):
    html = client.get("/accounts/sign-in/").content.decode()
    assert '<link rel="icon" href="/static/lived/favicon.svg"' in html
    assert "vendor/nhsuk/assets/images/favicon" not in html


def test_favicon_ico_leads_to_liveds_icon_for_anyone(client):
    response = client.get("/favicon.ico", follow=True)
    assert response.redirect_chain[0][0] == "/static/lived/favicon.svg"
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
