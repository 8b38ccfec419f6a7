"""Shared by the editor's tests: an app on a copy of the tiny graph with accounts, logging in,
and submitting a page's form the way a browser would (every field it offers, CSRF included)."""
import re

import pytest
from bs4 import BeautifulSoup

from careergraph import accounts as accounts_module
from careergraph.accounts import Accounts
from careergraph.web import create_app, state

PASSWORD = "correct horse battery"


@pytest.fixture
def instance(tmp_path):
    return tmp_path / "instance"


@pytest.fixture
def edit_app(graph_copy, instance, monkeypatch):
    monkeypatch.setattr(state, "RELOAD_CHECK_SECONDS", 0)  # pages follow each save at once
    monkeypatch.setitem(accounts_module.SCRYPT, "n", 2 ** 8)  # cheap hashes keep the tests fast
    people = Accounts(instance)
    people.add("ed", PASSWORD, "editor")
    people.add("ada", PASSWORD, "admin")
    return create_app({"GRAPH_DIR": str(graph_copy), "INSTANCE_DIR": str(instance), "TESTING": True})


@pytest.fixture
def anon(edit_app):
    return edit_app.test_client()


@pytest.fixture
def editor(edit_app):
    client = edit_app.test_client()
    assert login(client, "ed").status_code == 302
    return client


@pytest.fixture
def admin(edit_app):
    client = edit_app.test_client()
    assert login(client, "ada").status_code == 302
    return client


def csrf_token(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def login(client, name: str, password: str = PASSWORD, **kwargs):
    token = csrf_token(client.get("/login").get_data(as_text=True))
    return client.post("/login", data={"csrf_token": token, "username": name, "password": password}, **kwargs)


FORM = "main form[method=post]:not(.logout)"


def form_values(html: str) -> dict:
    """What a browser would submit from the page's form, unchanged."""
    form = BeautifulSoup(html, "html.parser").select(FORM)[-1]
    values = {}
    for el in form.find_all(["input", "textarea", "select"]):
        name = el.get("name")
        if not name:
            continue
        if el.name == "textarea":
            values[name] = el.get_text()
        elif el.name == "select":
            chosen = el.find("option", selected=True)
            values[name] = chosen.get("value", chosen.get_text()) if chosen else ""
        elif el.get("type") == "checkbox":
            if el.has_attr("checked"):
                values[name] = el.get("value", "on")
        else:
            values[name] = el.get("value", "")
    return values


def submit(client, url: str, changes: dict, **kwargs):
    """Open `url`, fill in `changes` over what its form holds, and post it back."""
    page = client.get(url)
    assert page.status_code == 200, (url, page.status_code)
    html = page.get_data(as_text=True)
    values = form_values(html)
    values.update(changes)
    action = BeautifulSoup(html, "html.parser").select(FORM)[-1].get("action") or url
    return client.post(action, data={k: v for k, v in values.items() if v is not None}, **kwargs)


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def field_errors(response, name: str) -> list[str]:
    """The validator's messages shown beside the input named `name`."""
    page = soup(response)
    el = page.find(attrs={"name": name})
    assert el is not None, name
    box = el.find_parent(class_="field") or el.find_parent("fieldset")
    return [p.get_text(" ", strip=True) for p in box.find_all(class_="field-error")]
