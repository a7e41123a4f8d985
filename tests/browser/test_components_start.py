"""The NHS.UK components start in a real browser: the layout's inline script runs under the content
security policy (its nonce matches the header), so the body is marked `nhsuk-frontend-supported` and
every component initialises. Without that, the error summary never takes focus after a failed form and
staff using a screen reader are not told what went wrong."""

import pytest
from playwright.sync_api import expect


def test_given_any_page_when_it_loads_then_the_nhs_components_start(visit):
    visitor = visit()
    visitor.goto("/accounts/sign-in/")
    page = visitor.page
    body_classes = page.evaluate("document.body.className").split()
    assert "js-enabled" in body_classes
    assert "nhsuk-frontend-supported" in body_classes
    # initAll marks each component it started; the sign-in button is an nhsuk-button.
    expect(page.locator("[data-module='nhsuk-button'][data-nhsuk-button-init]")).to_have_count(1)


def test_given_a_failed_sign_in_then_the_error_summary_takes_focus(visit):
    visitor = visit()
    visitor.goto("/accounts/sign-in/")
    page = visitor.page
    page.get_by_label("Username").fill("nobody")
    page.get_by_label("Password").fill("not-the-password")
    visitor.click(role="button", name="Sign in")
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()


def test_given_a_page_that_logs_an_error_then_the_console_check_fails(visit):
    """The check every browser test relies on: a console error, an uncaught exception or a blocked
    inline script on any page fails the test."""
    visitor = visit()
    visitor.goto("/accounts/sign-in/")
    page = visitor.page

    page.evaluate("console.error('something broke')")
    with pytest.raises(AssertionError, match="something broke"):
        visitor.check_console()

    page.evaluate("setTimeout(() => { throw new Error('uncaught on purpose') })")
    page.wait_for_timeout(100)
    with pytest.raises(AssertionError, match="uncaught on purpose"):
        visitor.check_console()

    # An inline script without the page's nonce is blocked and reported.
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = '1'; document.body.append(s) }"
    )
    page.wait_for_timeout(100)
    with pytest.raises(AssertionError, match="script-src"):
        visitor.check_console()
    visitor.check_console()  # and each problem is reported once


def test_given_a_page_showing_a_template_slip_then_the_rendering_check_fails(visit):
    """Every page check also fails on a macro's repr or an undefined value shown to the reader (the
    risk decision pages once showed "<Macro 'button'>" where their button text belonged)."""
    visitor = visit()
    visitor.goto("/accounts/sign-in/")
    visitor.check_rendering()
    visitor.page.evaluate("document.querySelector('h1').textContent = \"<Macro 'button'>\"")
    with pytest.raises(AssertionError, match="template internals"):
        visitor.check_rendering()
    visitor.page.evaluate("document.querySelector('h1').textContent = 'Undefined'")
    with pytest.raises(AssertionError, match="template internals"):
        visitor.check_rendering()
