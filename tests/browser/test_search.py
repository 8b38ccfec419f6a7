"""The header search box in a real browser: suggestions as you type, keyboard and mouse; plus the
assessment and planner pages at phone width and in print."""
import pytest

from .conftest import wait_until

BOX = "#site-search-q"


def suggestions(page, query: str) -> list[str]:
    """The suggestions shown for `query` (not for a prefix of it typed a moment before)."""
    wait_until(page, f"window.careergraphSearch && window.careergraphSearch.open && "
                     f"window.careergraphSearch.query === {query!r}")
    return page.locator("#site-search-list [role=option] .suggestion-name").all_inner_texts()


def test_type_a_typo_choose_with_the_keyboard(page, server):
    page.goto(server + "/citations")
    page.locator(BOX).press_sequentially("kubernets", delay=20)
    assert suggestions(page, "kubernets")[0] == "Kubernetes"
    box = page.locator(BOX)
    assert box.get_attribute("role") == "combobox" and box.get_attribute("aria-expanded") == "true"
    page.keyboard.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == "site-search-list-0"
    assert page.locator("#site-search-list-0").get_attribute("aria-selected") == "true"
    page.keyboard.press("Enter")
    page.wait_for_url("**/skills/kubernetes")
    assert page.locator("h1").inner_text() == "Kubernetes"
    assert page.watch.console_errors == [] and page.watch.page_errors == [] and page.watch.foreign == []


def test_click_a_suggestion_escape_closes_and_enter_searches(page, server):
    page.goto(server + "/skills/mlops")
    page.locator(BOX).press_sequentially("ml platform", delay=20)
    assert suggestions(page, "ml platform")[0] == "ML Platform Engineer"
    page.keyboard.press("Escape")
    assert page.locator("#site-search-list").is_hidden()
    assert page.locator(BOX).get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")  # no suggestion chosen: the form submits to /search
    page.wait_for_url("**/search?q=ml+platform")
    assert page.locator(".search-group h2").first.inner_text().startswith("Careers")
    page.locator(BOX).press_sequentially("ml platf", delay=20)
    suggestions(page, "ml platf")
    page.locator("#site-search-list [role=option]").first.click()
    page.wait_for_url("**/careers/ml-platform-engineer")
    assert page.watch.console_errors == [] and page.watch.page_errors == []


def test_hostile_names_in_suggestions_stay_text(page, tiny_server):
    page.goto(tiny_server + "/")
    page.locator(BOX).press_sequentially("script", delay=20)
    names = suggestions(page, "script")
    assert "<script>alert(1)</script> Engineer \"quoted\" 'single'" in names
    assert page.locator("#site-search-list script").count() == 0 and page.watch.dialogs == []


MY_PAGES = ["/search?q=data", "/assessment", "/assessment/data-scientist",
            "/assessment/result?career=data-scientist&python=senior&pandas=mid&sql=mid",
            "/transition?from=data-scientist&to=ml-platform-engineer"]


def test_no_sideways_scroll_at_375px_and_clean_print(browser, server):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    try:
        for path in MY_PAGES:
            page.goto(server + path)
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, (path, overflow)
        page.goto(server + MY_PAGES[3])
        page.emulate_media(media="print")
        hidden = page.evaluate("""() => ['.site-header', '.breadcrumbs', '.site-footer', '.no-print']
            .map(s => getComputedStyle(document.querySelector(s)).display)""")
        assert hidden == ["none"] * 4
        assert page.locator(".not-validated").is_visible() and page.locator(".fit-table").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/transition?from=data-scientist&to=ml-platform-engineer"])
def test_planner_picture_draws_the_path(page, server, path):
    page.goto(server + path)
    wait_until(page, "window.careergraphPictures && window.careergraphPictures.transition && "
                     "window.careergraphPictures.transition.loads === 1")
    nodes = page.evaluate("window.careergraphPictures.transition.nodes.getIds()")
    assert {"careers/data-scientist", "careers/ml-platform-engineer", "careers/machine-learning-engineer"} <= set(nodes)
    assert page.watch.console_errors == [] and page.watch.foreign == []
