"""An editor in a real browser: log in, add a skill to a career with the picker, then see it on
the drilldown page and in the career's picture."""
import pytest

from careergraph.accounts import Accounts

from ..livesrv import live_server
from .conftest import wait_until

PASSWORD = "browser test password"


@pytest.fixture
def editing_server(graph_copy, tmp_path):
    instance = tmp_path / "instance"
    Accounts(instance).add("ed", PASSWORD, "editor")
    with live_server(graph_copy, tmp_path / "server.log", env={"CAREERGRAPH_INSTANCE": str(instance)}) as url:
        yield url


def goto_when_ready(page, url: str, tries: int = 40):
    """Workers pick up a new graph version within a second; poll until this one has."""
    for _ in range(tries):
        response = page.goto(url)
        if response.status == 200:
            return response
        page.wait_for_timeout(100)
    raise AssertionError(f"{url} answered {response.status}")


def test_log_in_add_a_skill_and_see_it_on_the_drilldown_and_picture(page, editing_server):
    server = editing_server
    page.goto(server + "/edit/career/plain-career/add/skill")
    page.wait_for_url("**/login?next=*")
    page.fill("#username", "ed")
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/edit/career/plain-career/add/skill")

    picker = page.locator("input[name='skills[2].skill']")
    picker.fill("skill")  # the picker asks /edit/lookup and fills its datalist
    wait_until(page, "document.getElementById('f-skills-2--skill-options').options.length === 3")
    assert page.evaluate("document.getElementById('f-skills-2--skill-options').options[0].label") == \
        "Skill A <img src=x onerror=alert(3)>"  # a label is text, never markup
    picker.fill("skill-a")
    page.select_option("select[name='skills[2].importance']", "core")
    page.fill("textarea[name='skills[2].why']", "Typed in a browser.")
    page.locator("fieldset[data-list='skills[2].pairs_with'] button.add-row").click()
    assert page.locator("input[name='skills[2].pairs_with[2]']").count() == 1  # "Add another" made a row
    page.fill("input[name='skills[2].pairs_with[1]']", "skill-c")
    page.get_by_role("button", name="Add", exact=True).click()
    page.wait_for_url("**/edit/career/plain-career")
    assert "Saved" in page.locator(".flashes").inner_text()

    goto_when_ready(page, server + "/careers/plain-career/skills/skill-a")
    assert page.locator("h1").inner_text() == \
        "Skill A <img src=x onerror=alert(3)> for Plain Career: How Important Is It?"
    assert "Typed in a browser." in page.locator("#why ~ p").first.inner_text()

    page.goto(server + "/careers/plain-career")
    wait_until(page, "window.careergraphPictures && window.careergraphPictures.entity"
                     " && window.careergraphPictures.entity.nodes.get('skills/skill-a')")
    assert page.watch.console_errors == [] and page.watch.page_errors == [] and page.watch.foreign == []
    assert page.watch.dialogs == []  # no hostile name ever ran as script
