"""Nobody but an editor writes: logins, CSRF on every form, throttling, cookies, logout."""
import json
import os

from careergraph.web import create_app
from careergraph.web.auth import SECRET_FILE

from .editkit import (PASSWORD, admin, anon, csrf_token, edit_app, editor, form_values, instance,  # noqa: F401
                      login, submit)

WRITES = [  # (method, path) of every kind of write the HTML editor offers
    ("post", "/edit/career/new"), ("post", "/edit/career/plain-career"),
    ("post", "/edit/career/plain-career/add/skill"), ("post", "/edit/skill/skill-a/add/adjacent"),
    ("post", "/edit/career/plain-career/add/neighbour"), ("post", "/edit/citation/tiny-source/add/claim"),
    ("post", "/edit/career/hostile-career/add/link-claim?link=skill-a"), ("post", "/edit/skill/skill-c/delete"),
    ("post", "/history/20260101-000000-abcdef/revert"),
]


def snapshot(folder):
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_anonymous_html_writes_redirect_to_login(anon, graph_copy):
    before = snapshot(graph_copy)
    token = csrf_token(anon.get("/login").get_data(as_text=True))  # a valid token: only the login is missing
    for method, path in WRITES:
        response = getattr(anon, method)(path, data={"csrf_token": token, "name": "Pwned"})
        assert response.status_code == 302, path
        assert response.location.startswith("/login?next="), path
    for path in ("/edit", "/edit/career/plain-career", "/history", "/edit/lookup?kind=skill&q=a"):
        assert anon.get(path).status_code == 302, path
    assert snapshot(graph_copy) == before


def test_anonymous_api_writes_are_401(anon, editor, graph_copy):
    before = snapshot(graph_copy)
    calls = [("post", "/api/edit/skill", {"id": "x", "document": {"name": "X", "description": "d"}}),
             ("put", "/api/edit/skill/skill-a", {"version": "v", "document": {}}),
             ("delete", "/api/edit/skill/skill-a", {"version": "v"}),
             ("post", "/api/edit/career/plain-career/add/neighbour", {"version": "v", "item": "cafe-career"}),
             ("post", "/api/edit/history/x/revert", {}), ("get", "/api/edit/skill/skill-a", None)]
    for client, headers in ((anon, {}), (anon, {"Authorization": "Bearer cg_not-a-token"}),
                            (anon, {"Authorization": "Basic ZWQ6cGFzc3dvcmQ="}),
                            (editor, {})):  # a logged-in session cookie does not open the API
        for method, path, body in calls:
            response = getattr(client, method)(path, json=body, headers=headers)
            assert response.status_code == 401, (method, path, headers)
            assert response.headers["WWW-Authenticate"].startswith("Bearer")
            assert response.get_json()["error"] == "unauthorized"
    assert snapshot(graph_copy) == before


def test_a_form_without_its_csrf_token_is_400(editor, anon, graph_copy):
    before = snapshot(graph_copy)
    values = form_values(editor.get("/edit/career/plain-career").get_data(as_text=True))
    values["name"] = "Changed"
    for forged in ({k: v for k, v in values.items() if k != "csrf_token"}, {**values, "csrf_token": "forged"}):
        response = editor.post("/edit/career/plain-career", data=forged)
        assert response.status_code == 400
        assert "CSRF" in response.get_data(as_text=True) and "Traceback" not in response.get_data(as_text=True)
    assert anon.post("/login", data={"username": "ed", "password": PASSWORD}).status_code == 400
    assert editor.post("/logout").status_code == 400
    assert snapshot(graph_copy) == before
    assert submit(editor, "/edit/career/plain-career", {"name": "Changed"}).status_code == 302  # with it: saved


def test_repeated_wrong_passwords_are_throttled(anon, edit_app):
    for _ in range(5):
        response = login(anon, "ed", "wrong password")
        assert response.status_code == 200 and "Wrong user name or password" in response.get_data(as_text=True)
    refused = login(anon, "ed", PASSWORD)  # even the right password, while throttled
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert "Too many failed attempts" in refused.get_data(as_text=True)
    assert anon.get("/edit").status_code == 302  # not logged in
    other_address = edit_app.test_client()
    assert login(other_address, "ed", PASSWORD, environ_base={"REMOTE_ADDR": "10.9.9.9"}).status_code == 302
    assert login(edit_app.test_client(), "ada", PASSWORD).status_code == 302  # another user name


def test_session_cookies_are_httponly_and_samesite_lax(edit_app):
    client = edit_app.test_client()
    response = login(client, "ed")
    cookie = next(v for k, v in response.headers.items() if k == "Set-Cookie" and v.startswith("session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    for prefix in ("SESSION_COOKIE", "REMEMBER_COOKIE"):
        assert edit_app.config[f"{prefix}_HTTPONLY"] is True and edit_app.config[f"{prefix}_SAMESITE"] == "Lax"


def test_logout_ends_the_session(editor):
    assert editor.get("/edit").status_code == 200
    token = csrf_token(editor.get("/edit").get_data(as_text=True))
    response = editor.post("/logout", data={"csrf_token": token})
    assert response.status_code == 302 and response.location.endswith("/login")
    assert editor.get("/edit").status_code == 302


def test_wrong_user_name_and_open_redirects(anon):
    assert "Wrong user name" in login(anon, "nobody").get_data(as_text=True)
    token = csrf_token(anon.get("/login").get_data(as_text=True))
    for target in ("//evil.example/x", "https://evil.example/", "javascript:alert(1)"):
        response = anon.post("/login", data={"csrf_token": token, "username": "ed", "password": PASSWORD,
                                             "next": target})
        assert response.status_code == 302 and response.location == "/edit", target
        anon.post("/logout", data={"csrf_token": csrf_token(anon.get("/edit").get_data(as_text=True))})


def test_only_an_admin_deletes(editor, admin):
    assert editor.get("/edit/skill/skill-c/delete").status_code == 403
    assert admin.get("/edit/skill/skill-c/delete").status_code == 200


def test_secret_key_is_generated_once_into_the_instance_folder(graph_copy, tmp_path):
    folder = tmp_path / "fresh-instance"
    first = create_app({"GRAPH_DIR": str(graph_copy), "INSTANCE_DIR": str(folder)})
    second = create_app({"GRAPH_DIR": str(graph_copy), "INSTANCE_DIR": str(folder)})
    assert len(first.secret_key) >= 64 and first.secret_key == second.secret_key
    assert oct(os.stat(folder / SECRET_FILE).st_mode & 0o777) == "0o600"
    configured = create_app({"GRAPH_DIR": str(graph_copy), "INSTANCE_DIR": str(folder), "SECRET_KEY": "given"})
    assert configured.secret_key == "given"
    assert not list(folder.glob(".cg-*"))  # no temp file left behind


def test_accounts_file_holds_no_password(edit_app, instance):
    text = (instance / "users.json").read_text()
    assert PASSWORD not in text and set(json.loads(text)) == {"ed", "ada"}
