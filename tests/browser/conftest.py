"""Browser-test harness: Playwright (sync API) drives Debian's Chromium against pytest-django's live server.

What this file gives the tests in tests/browser:

- every test here is marked ``browser`` and is skipped when /usr/bin/chromium is missing;
- ``browser``: one headless Chromium for all the browser tests (see the fixture for why not the session);
- ``page``: a fresh context and page per test, its base URL the live server, the demo data loaded;
- ``login_as(username, password="demo-2023")``: logs in through the login form like a person would;
- ``screenshot(name)``: saves test-artifacts/screenshots/<name>.png for humans to look at;
- console errors, uncaught page errors and Content-Security-Policy violations fail the test that caused them
  (the portal forbids inline scripts and styles, so any violation is a bug); a test that provokes an
  error page on purpose says so with ``console_monitor.allow(r"status of 403")``;
- a failed test leaves test-artifacts/screenshots/FAILED-<test id>.png.
"""

import io
import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from organization.demo import DEMO_PASSWORD

ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
HERE = Path(__file__).resolve().parent
VIEWPORT = {"width": 1280, "height": 900}  # wide enough for the expanded navbar (Bootstrap's lg breakpoint)
DEFAULT_TIMEOUT_MS = 10_000


# --- Marking and skipping ---


def pytest_collection_modifyitems(config, items):
    # This hook sees every item of the session, not only those under this folder: pick ours by path.
    skip = pytest.mark.skip(reason=f"browser tests need Chromium at {CHROMIUM}, which does not exist")
    for item in items:
        if HERE not in Path(item.path).resolve().parents:
            continue
        item.add_marker(pytest.mark.browser)
        if not CHROMIUM.exists():
            item.add_marker(skip)


# --- Failing a test on console errors and CSP violations ---


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """After a test passes, fail it if its page logged console errors, page errors or CSP violations."""
    monitor = item.funcargs.get("console_monitor")
    try:
        result = yield
    finally:
        if monitor is not None:
            monitor.flush()
            if monitor.problems:
                item.add_report_section("call", "browser console", "\n".join(monitor.problems))
    # Reached only when the test itself passed: an exception from the test propagates through the finally.
    if monitor is not None and monitor.problems:
        raise AssertionError(
            "The browser reported errors (console errors, page errors or CSP violations):\n  "
            + "\n  ".join(monitor.problems)
        )
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    # Let fixtures know how the test went (the page fixture screenshots failures).
    setattr(item, f"report_{report.when}", report)
    return report


class ConsoleMonitor:
    """Collects what the browser reports as wrong on a page: console errors, uncaught errors, CSP violations.

    A test that provokes an error on purpose declares it, e.g. a page that must answer 403:
    ``console_monitor.allow(r"status of 403")``. CSP violations can never be allowed.
    """

    def __init__(self):
        self.problems: list[str] = []
        self.allowed: list[re.Pattern] = []
        self.page = None

    def allow(self, *patterns: str) -> None:
        """Ignore console errors whose text matches one of the regular expressions ``patterns``."""
        self.allowed.extend(re.compile(pattern) for pattern in patterns)

    def attach(self, page):
        self.page = page
        page.on("console", self._on_console)
        page.on("pageerror", self._on_pageerror)
        # Belt and braces: CSP violations also reach the page as DOM events. The init script and the binding
        # are injected by the DevTools protocol, so the page's own CSP does not block them.
        page.expose_function("__portalReportCsp", self._on_csp_event)
        page.add_init_script(
            """
            document.addEventListener("securitypolicyviolation", (event) => {
              window.__portalReportCsp(
                `${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`
                + ` at ${event.sourceFile || event.documentURI}:${event.lineNumber}`
              );
            });
            """
        )

    def _on_console(self, message):
        text = message.text
        is_csp = "Content Security Policy" in text or "Content-Security-Policy" in text
        if is_csp or (message.type == "error" and not any(p.search(text) for p in self.allowed)):
            where = message.location.get("url", "") if message.location else ""
            self.problems.append(f"console {message.type}: {text}" + (f" ({where})" if where else ""))

    def _on_pageerror(self, error):
        self.problems.append(f"page error: {error}")

    def _on_csp_event(self, description):
        self.problems.append(f"CSP violation: {description}")

    def flush(self):
        """Let events the browser already sent reach the listeners (the sync API dispatches them on calls)."""
        if self.page is not None and not self.page.is_closed():
            try:
                self.page.evaluate("0")
            except Exception:  # a crashed or navigating page must not hide the real result
                pass


# --- Fixtures ---


@pytest.fixture(scope="package")
def browser():
    """One headless Debian Chromium for all the browser tests (never a downloaded browser).

    Playwright's sync API leaves an asyncio loop "running" in the main thread for as long as it is started,
    and that changes two things in Django, which this fixture takes care of:

    - Django refuses ORM calls from a thread with a running loop: DJANGO_ALLOW_ASYNC_UNSAFE=true is set (with
      setdefault) before Playwright starts, so before any browser test touches the database. It is removed
      again when the browser tests are done, so it never reaches the other tests: ``manage.py check --deploy``
      in a subprocess reports the variable as an error (async.E001).
    - Django's per-thread connections switch to per-context storage, i.e. to new connection objects, which
      lack the test database's serialized contents (so serialized rollback silently restores nothing). The
      test thread's connections are put back into that storage so the same objects serve before and after.

    The scope is the tests/browser package rather than the session for the same reason: the loop must stop
    before the other tests run. pytest-django runs all live-server tests together, so Chromium is still
    launched once.
    """
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need Chromium at {CHROMIUM}, which does not exist")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    we_set_async_unsafe = ASYNC_UNSAFE not in os.environ
    os.environ.setdefault(ASYNC_UNSAFE, "true")
    thread_connections = {alias: connections[alias] for alias in connections}
    playwright = sync_playwright().start()
    try:
        for alias, connection in thread_connections.items():
            connections[alias] = connection
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()
    finally:
        playwright.stop()
        if we_set_async_unsafe:
            os.environ.pop(ASYNC_UNSAFE, None)


@pytest.fixture
def demo_data(transactional_db, django_db_serialized_rollback):
    """The demo department, visible to the live server's thread (hence a transactional database).

    Serialized rollback restores what the migrations created (the role groups and their permissions) after
    each test's flush; without it seed_demo would give the demo accounts no roles from the second test on.
    """
    call_command("seed_demo", "--without-year", stdout=io.StringIO())


@pytest.fixture
def console_monitor():
    return ConsoleMonitor()


@pytest.fixture
def screenshot_dir(request):
    directory = Path(request.config.rootpath) / "test-artifacts" / "screenshots"
    directory.mkdir(parents=True, exist_ok=True)
    return directory


@pytest.fixture
def context(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
        viewport=VIEWPORT,
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def page(request, context, demo_data, console_monitor, screenshot_dir):
    """A fresh page on the live server with the demo data loaded; console problems fail the test."""
    page = context.new_page()
    console_monitor.attach(page)
    yield page
    # A failed test leaves FAILED-<test id>.png; a passing run removes the one an earlier failure left.
    failure_shot = screenshot_dir / f"FAILED-{_safe_name(request.node.nodeid)}.png"
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed and not page.is_closed():
        try:
            page.screenshot(path=str(failure_shot), full_page=True)
        except Exception:  # a failure screenshot is a courtesy, never a second error
            pass
    elif report is not None and report.passed:
        failure_shot.unlink(missing_ok=True)


@pytest.fixture
def screenshot(page, screenshot_dir):
    """``screenshot(name)`` saves the page as test-artifacts/screenshots/<name>.png and returns the path."""

    def _screenshot(name: str, *, target=None, full_page: bool = True) -> Path:
        path = screenshot_dir / f"{_safe_name(name)}.png"
        (target or page).screenshot(path=str(path), full_page=full_page)
        return path

    return _screenshot


@pytest.fixture
def login_as(page):
    """Log in through the login form, typing into the fields and clicking the button.

    Stays on the current page when it already is the login page (so its ``next`` is kept), else opens /login/,
    logging out first through the user menu when someone is signed in.
    With ``expect_success`` (the default) it checks that the browser left the login page. Returns the page.
    """

    def _login_as(username: str, password: str = DEMO_PASSWORD, *, expect_success: bool = True):
        if not _is_login_page(page.url):
            page.goto("/login/")
            if not _is_login_page(page.url):  # someone is signed in: they log out first, as a person would
                page.locator("#user-menu").click()
                page.locator('#nav-main form[action="/logout/"] button[type="submit"]').click()
                page.wait_for_url(re.compile(r"/login/"))
        form = page.locator('form[action="/login/"]')
        for field, value in (("#id_username", username), ("#id_password", password)):
            form.locator(field).click()
            form.locator(field).clear()  # after a failed attempt the username is still there
            form.locator(field).press_sequentially(value)
        with page.expect_navigation():
            form.locator('button[type="submit"]').click()
        if expect_success:
            assert not _is_login_page(page.url), f"{username} did not get past the login page: {page.url}"
        return page

    return _login_as


def _is_login_page(url: str) -> bool:
    return re.search(r"^https?://[^/]+/login/(\?|$)", url) is not None


def _safe_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("_") or "screenshot"
