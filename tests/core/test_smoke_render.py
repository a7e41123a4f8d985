import pytest

pytestmark = pytest.mark.django_db


def test_a_signed_out_visitor_is_sent_to_sign_in(client):
    response = client.get("/people/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/sign-in/")


def test_the_sign_in_page_renders_with_lived_branding_and_no_nhs_logo(client, organisation):
    response = client.get("/accounts/sign-in/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sign in to Lived" in html
    assert 'alt="Lived"' in html
    assert "Testwater Support" in html
    assert "nhsuk-header__logo" not in html  # the NHS lozenge SVG is never shown
    assert "NHS England" not in html
