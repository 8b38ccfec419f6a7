"""The query editor: YASGUI loads from our own files, runs a saved query against /sparql and
shows a results table (and a picture for CONSTRUCT); no console errors, nothing leaves 127.0.0.1."""
from .conftest import wait_until

ROWS = "document.querySelectorAll('.yasr table tbody tr').length"


def assert_clean(page):
    assert page.watch.console_errors == [] and page.watch.page_errors == [], (
        page.watch.console_errors, page.watch.page_errors)
    assert page.watch.foreign == [] and page.watch.dialogs == []


def test_saved_query_runs_and_shows_a_table(page, server):
    page.goto(server + "/query?example=shared-skills")
    wait_until(page, f"{ROWS} > 0")
    table = page.locator(".yasr table").first.inner_text()
    assert "Python" in table and "MLflow" in table
    assert page.locator("form.query-form").is_hidden()  # YASGUI replaced the plain form
    assert_clean(page)


def test_run_button_queries_our_endpoint(page, server):
    page.goto(server + "/query")
    editor = page.evaluate("document.querySelector('.CodeMirror').CodeMirror.getValue()")
    assert "PREFIX cg: <http://127.0.0.1:8000/ontology#>" in editor
    with page.expect_request(lambda r: r.url == server + "/sparql" and r.method == "POST"):
        page.locator(".yasqe_queryButton").click()
    wait_until(page, f"{ROWS} >= 16")
    assert "ML Platform Engineer" in page.locator(".yasr table").first.inner_text()
    assert_clean(page)


def test_construct_answer_is_also_a_picture(page, server):
    page.goto(server + "/query?example=ml-platform-neighbourhood")
    wait_until(page, f"{ROWS} > 0")
    page.locator(".yasr .select_Graph").click()
    wait_until(page, "document.querySelector('.query-graph canvas') !== null")
    note = page.locator(".query-graph-note").inner_text()
    assert "nodes" in note and "links" in note
    assert_clean(page)


def test_gallery_links_are_permalinks(page, server):
    page.goto(server + "/query")
    page.get_by_role("link", name="Careers two steps from DevOps Engineer").click()
    page.wait_for_url("**/query?example=two-steps-from-devops")
    wait_until(page, f"{ROWS} > 0")
    assert "Data Engineer" in page.locator(".yasr table").first.inner_text()
    assert_clean(page)
