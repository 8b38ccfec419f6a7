"""A visitor clicks from the home page down to a drilldown; no page scrolls sideways."""
import pytest

PAGES = ["/", "/hubs/career-discovery", "/careers/ml-platform-engineer", "/careers/ml-platform-engineer/skills",
         "/careers/ml-platform-engineer/skills/mlops", "/skills", "/skills/mlops", "/citations",
         "/citations/noy-zhang-2023", "/careers/nope"]


def test_click_from_home_to_a_drilldown(page, server):
    page.goto(server + "/")
    page.get_by_role("link", name="Career Discovery").first.click()
    page.wait_for_url("**/hubs/career-discovery")
    page.get_by_role("heading", name="ML Platform Engineer").get_by_role("link").click()
    page.wait_for_url("**/careers/ml-platform-engineer")
    page.get_by_role("link", name="All 6 skills for ML Platform Engineer").click()
    page.wait_for_url("**/careers/ml-platform-engineer/skills")
    page.get_by_role("link", name="MLOps (ML Operations)").click()
    page.wait_for_url("**/careers/ml-platform-engineer/skills/mlops")
    assert page.locator("h1").inner_text() == "MLOps (ML Operations) for ML Platform Engineer: How Important Is It?"
    assert page.locator(".stat-card").count() == 3
    assert page.watch.console_errors == [] and page.watch.page_errors == [] and page.watch.foreign == []


def test_keyboard_reaches_content_via_skip_link(page, server):
    page.goto(server + "/careers/ml-platform-engineer/skills/mlops")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


@pytest.mark.parametrize("width", [375, 1280])
def test_no_page_scrolls_sideways(browser, server, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        for path in PAGES:
            page.goto(server + path)
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, (path, width, overflow)
    finally:
        context.close()
