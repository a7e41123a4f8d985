"""Real Chromium (Debian's /usr/bin/chromium) driven by Playwright against a live server and a real
database, with axe-core run on every page a test visits, and any console error, uncaught script error
or content-security-policy violation on any page failing the test.

Without Chromium the browser tests are skipped with the reason, except in CI (CI=true), where a
missing browser is a failure: CI must never pass by skipping them.
"""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.servers.basehttp import WSGIServer
from playwright.sync_api import Error as PlaywrightError

CHROMIUM = Path("/usr/bin/chromium")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

# Runs before any page script: a blocked script or style is recorded even when nothing logs it.
RECORD_CSP_VIOLATIONS = """
window.__livedCspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__livedCspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "an inline script or style"}` +
      ` (${event.sourceFile || "page"}:${event.lineNumber})`
  );
});
"""
# Only a test that takes the phone offline on purpose sees this; it is the point of that test.
DELIBERATELY_OFFLINE = "net::ERR_INTERNET_DISCONNECTED"
# Chrome logs a page's own 4xx status (a form with errors is 400, an edit conflict 409) as a console
# error. That status is the product working; a 5xx page, or any sub-resource that fails, still counts.
PAGE_OWN_4XX = re.compile(r"^Failed to load resource: the server responded with a status of 4\d\d")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is not installed (apt-get install chromium chromium-driver)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"Browser tests cannot run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


# What a template slip looks like once rendered (escaped or not).
TEMPLATE_SLIPS = re.compile(r"(?:&lt;|<)Macro ['\"]|\bUndefined\b|jinja2\.runtime")


class Visitor:
    """One person in one browser: signs in, moves around, and checks every page with axe and for a
    clean console (no errors, no uncaught exceptions, nothing blocked by the security policy)."""

    axe = Axe()

    def __init__(self, browser, base_url):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.add_init_script(RECORD_CSP_VIOLATIONS)
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.base_url = base_url
        self.checked: list[str] = []
        self.console_problems: list[str] = []
        self.pages_loaded: set[str] = set()
        self.page.on("console", self._on_console)
        self.page.on(
            "response",
            lambda response: (
                response.request.resource_type == "document" and self.pages_loaded.add(response.url)
            ),
        )
        self.page.on("pageerror", lambda error: self.console_problems.append(f"{self.page.url}: {error}"))

    def _on_console(self, message):
        if message.type != "error" or DELIBERATELY_OFFLINE in message.text:
            return
        where = message.location.get("url") or self.page.url
        if where in self.pages_loaded and PAGE_OWN_4XX.match(message.text):
            return
        self.console_problems.append(f"{where}: {message.text}")

    def goto(self, path):
        self.page.goto(self.base_url + path)
        self.check_accessibility()

    def check_accessibility(self):
        self.page.wait_for_load_state("load")
        try:
            results = self.axe.run(self.page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        except PlaywrightError as error:
            # A page's own script can navigate after "load" (sign-out clears saved copies, then
            # submits): axe was reading the page being left. Check the page arrived at instead.
            if "Execution context was destroyed" not in str(error):
                raise
            self.page.wait_for_load_state("load")
            results = self.axe.run(self.page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        self.checked.append(self.page.url)
        assert results.violations_count == 0, (
            f"axe found problems on {self.page.url}:\n{results.generate_report()}"
        )
        self.check_rendering()
        self.check_width()
        self.check_console()

    def check_width(self):
        """On a phone nothing runs off the side of the screen: a page wider than a 390 px viewport
        makes a worker scroll sideways to read a table or press a button."""
        viewport = self.page.viewport_size
        if viewport is None or viewport["width"] > 480:
            return
        width = self.page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"] + 1, (
            f"{self.page.url} is {width} px wide on a {viewport['width']} px phone screen"
        )

    def check_rendering(self):
        """A template slip shows on the page as a macro's repr ("<Macro 'button'>") or an undefined
        value's name: neither may reach a reader."""
        html = self.page.content()
        slips = TEMPLATE_SLIPS.findall(html)
        assert not slips, f"{self.page.url} shows template internals: {slips[:3]}"

    def check_console(self):
        """Fails on anything the browser complained about since the last check, on any page."""
        violations = self.page.evaluate("window.__livedCspViolations || []")
        problems = self.console_problems + [f"{self.page.url}: CSP {v}" for v in violations]
        self.console_problems = []
        self.page.evaluate("window.__livedCspViolations = []")
        assert not problems, "the browser reported problems:\n" + "\n".join(problems)

    def sign_in(self, username, password="lived-demo-2026"):
        self.goto("/accounts/sign-in/")
        self.page.get_by_label("Username").fill(username)
        self.page.get_by_label("Password").fill(password)
        self.page.get_by_role("button", name="Sign in").click()
        self.check_accessibility()

    def click(self, **locator):
        """Click what a person would click. A header link that did not fit the width (the NHS.UK
        header moves those behind "More" once its fonts have loaded) is reached through "More"."""
        target = self.page.get_by_role(**locator).first
        more = self.page.locator(".nhsuk-header__menu-toggle")
        if locator.get("role") == "link" and not target.is_visible() and more.is_visible():
            more.click()
        target.click()
        self.check_accessibility()

    def close(self):
        self.context.close()


class _OneRequestAtATime(WSGIServer):
    """The live server, answering one request at a time. With SQLite in memory every request thread
    shares the test's one connection, and two requests at once (a page and the scripts it starts:
    the outbox, the crisis-plan cache) then collide in it ("cannot start a transaction within a
    transaction"). Production never shares a connection; PostgreSQL runs keep the threaded server."""

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)


@pytest.fixture(scope="session", autouse=True)
def _live_server_one_request_at_a_time_on_sqlite():
    from django.db import connection
    from django.test.testcases import LiveServerThread

    if connection.vendor != "sqlite":  # the test database is in memory
        yield
        return
    threaded = LiveServerThread.server_class
    LiveServerThread.server_class = _OneRequestAtATime
    yield
    LiveServerThread.server_class = threaded


class _DemoSnapshot:
    """The demo, loaded through Lived's own services once a day per test process, then copied back
    table by table for each browser test. On PostgreSQL `load_demo` makes about 9,000 queries (some
    9 seconds, more on a busy CI machine), which was a quarter of the browser tests' time; a binary
    COPY of every table takes well under a second. SQLite loads the demo each time (3 seconds).

    The copy is exactly what `load_demo` left: every table the test database's flush empties
    (content types and permissions included, so their keys match), then the sequences moved past
    the copied rows, as `loaddata` does. Foreign keys are deferred in Django's PostgreSQL schema, so
    the tables go in any order inside one transaction. A new day loads the demo afresh, because its
    dates are relative to today."""

    day = None
    tables: dict[str, bytes] = {}

    @classmethod
    def load(cls):
        from django.core.management import call_command
        from django.db import connection
        from django.utils import timezone

        today = timezone.localdate()
        if connection.vendor != "postgresql":
            call_command("load_demo", verbosity=0)
        elif cls.day == today:
            cls._restore(connection)
        else:
            call_command("load_demo", verbosity=0)
            cls.tables = cls._dump(connection)
            cls.day = today

    @staticmethod
    def _names(connection):
        return sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))

    @classmethod
    def _dump(cls, connection):
        tables = {}
        with connection.cursor() as cursor:
            for name in cls._names(connection):
                with cursor.cursor.copy(f'COPY "{name}" TO STDOUT (FORMAT BINARY)') as copy:
                    tables[name] = b"".join(bytes(block) for block in copy)
        return tables

    @classmethod
    def _restore(cls, connection):
        from django.apps import apps
        from django.contrib.contenttypes.models import ContentType
        from django.core.management.color import no_style
        from django.db import transaction

        with transaction.atomic(), connection.cursor() as cursor:
            names = ", ".join(f'"{name}"' for name in cls._names(connection))
            cursor.execute(f"TRUNCATE {names} CASCADE")
            for name, data in cls.tables.items():
                with cursor.cursor.copy(f'COPY "{name}" FROM STDIN (FORMAT BINARY)') as copy:
                    copy.write(data)
            models = apps.get_models(include_auto_created=True)
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
        ContentType.objects.clear_cache()


@pytest.fixture
def demo(transactional_db):
    _DemoSnapshot.load()


@pytest.fixture
def visit(chromium, live_server, demo):
    visitors = []

    def make():
        visitor = Visitor(chromium, live_server.url)
        visitors.append(visitor)
        return visitor

    yield make
    problems = []
    for visitor in visitors:
        # Whatever happened after the last page check (a click the test did not check) counts too.
        problems += visitor.console_problems
        visitor.close()
    assert not problems, "the browser reported problems:\n" + "\n".join(problems)
