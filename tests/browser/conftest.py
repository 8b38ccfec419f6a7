import shutil

import pytest
from playwright.sync_api import sync_playwright

from ..conftest import GRAPH, TINY
from ..livesrv import live_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    with live_server(GRAPH, tmp_path_factory.mktemp("srv") / "server.log") as url:
        yield url


@pytest.fixture(scope="session")
def tiny_server(tmp_path_factory):
    with live_server(TINY, tmp_path_factory.mktemp("srv") / "tiny.log") as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--disable-sync"])
        yield browser
        browser.close()


def wait_until(page, expression: str, timeout: float = 15.0):
    """Poll a JavaScript expression from Python: Playwright's wait_for_function evaluates
    strings inside the page, which our CSP (no 'unsafe-eval') rightly refuses."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(f"() => {{ try {{ return {expression}; }} catch (e) {{ return null; }} }}")
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {expression}")
        page.wait_for_timeout(50)


class PageWatch:
    """Collects console errors, page errors, dialogs and requests that leave 127.0.0.1."""

    def __init__(self, page):
        self.console_errors, self.page_errors, self.dialogs, self.foreign = [], [], [], []
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("request", lambda r: r.url.startswith(("http://127.0.0.1", "data:", "blob:"))
                or self.foreign.append(r.url))


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.watch = PageWatch(page)
    yield page
    context.close()


@pytest.fixture(scope="session")
def default_kb():
    from careergraph.kb import KnowledgeBase

    return KnowledgeBase.load(GRAPH)
