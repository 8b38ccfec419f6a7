"""Logging in and out (Flask-Login), CSRF on every form (Flask-WTF), login throttling.

Sessions are signed with SECRET_KEY; when none is configured one is generated on first run
into the instance folder (every worker process reads the same one). Wrong passwords are
counted per user name and client address in the instance folder, so the limit holds across
worker processes; past LOGIN_MAX_FAILURES in LOGIN_FAILURE_WINDOW seconds logins answer 429.
"""
from __future__ import annotations

import hashlib
import json
import secrets
import time
from pathlib import Path
from urllib.parse import urlsplit

from flask import Blueprint, Flask, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import (
    LoginManager,
    UserMixin,
    current_user,
    login_required,
    login_user,
    logout_user,
)
from flask_wtf.csrf import CSRFProtect

from ..accounts import Account, Accounts
from ..atomicfile import atomic_write, create_once, locked

SECRET_FILE = "secret_key"
FAILURES_FILE = "login-failures.json"

bp = Blueprint("auth", __name__)
csrf = CSRFProtect()
login_manager = LoginManager()


class User(UserMixin):
    def __init__(self, account: Account):
        self.account = account

    @property
    def name(self) -> str:
        return self.account.name

    @property
    def is_admin(self) -> bool:
        return self.account.is_admin

    def get_id(self) -> str:
        return self.account.name


def accounts() -> Accounts:
    return Accounts(current_app.config["INSTANCE_DIR"])


@login_manager.user_loader
def _load_user(name: str) -> User | None:
    account = accounts().get(name)
    return User(account) if account else None


def secret_key(instance_dir: str | Path) -> str:
    folder = Path(instance_dir)
    folder.mkdir(parents=True, exist_ok=True)
    return create_once(folder / SECRET_FILE, secrets.token_hex(32).encode()).decode().strip()


def init_app(app: Flask) -> None:
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = secret_key(app.config["INSTANCE_DIR"])
    for prefix in ("SESSION_COOKIE", "REMEMBER_COOKIE"):  # Flask's own defaults leave SameSite unset
        app.config[f"{prefix}_HTTPONLY"] = True
        app.config[f"{prefix}_SAMESITE"] = app.config.get(f"{prefix}_SAMESITE") or "Lax"
        app.config[f"{prefix}_SECURE"] = bool(app.config.get("SECURE_COOKIES") or app.config.get(f"{prefix}_SECURE"))
    # a form left open for hours must still save: the token lives as long as the session
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Log in to edit the catalogue."
    app.register_blueprint(bp)


# --- throttling -----------------------------------------------------------------------------

class Throttle:
    """Failed logins per (user name, address), in a small JSON file shared by all workers."""

    def __init__(self, instance_dir: str | Path, limit: int, window: int):
        self.path = Path(instance_dir) / FAILURES_FILE
        self.limit, self.window = limit, window

    @staticmethod
    def key(name: str, address: str) -> str:
        return hashlib.sha256(f"{name.casefold()}\0{address}".encode()).hexdigest()

    def _update(self, change):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with locked(self.path.with_suffix(".lock")):
            try:
                failures = json.loads(self.path.read_text())
            except FileNotFoundError:
                failures = {}
            now = time.time()
            failures = {k: [t for t in ts if now - t < self.window] for k, ts in failures.items()}
            result = change(failures, now)
            atomic_write(self.path, json.dumps({k: v for k, v in failures.items() if v}).encode(), mode=0o600)
        return result

    def retry_after(self, key: str) -> int:
        """Seconds until a login may be tried again; 0 when it may be tried now."""
        def change(failures, now):
            recent = failures.get(key, [])
            return int(self.window - (now - recent[-self.limit])) + 1 if len(recent) >= self.limit else 0
        return self._update(change)

    def failed(self, key: str) -> None:
        self._update(lambda failures, now: failures.setdefault(key, []).append(now))

    def clear(self, key: str) -> None:
        self._update(lambda failures, now: failures.pop(key, None))


def _throttle() -> Throttle:
    config = current_app.config
    return Throttle(config["INSTANCE_DIR"], int(config["LOGIN_MAX_FAILURES"]), int(config["LOGIN_FAILURE_WINDOW"]))


def _safe_next(target: str | None) -> str:
    """Only a path on this site: never an open redirect to another host."""
    if not target:
        return url_for("edit.index")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return url_for("edit.index")
    return target


# --- views ----------------------------------------------------------------------------------

def _page(title: str) -> dict:
    return {"title": title, "description": title, "canonical": request.path, "breadcrumbs": []}


@bp.route("/login", methods=["GET", "POST"])
def login():
    target = _safe_next(request.values.get("next"))
    if current_user.is_authenticated:
        return redirect(target)
    name = (request.form.get("username") or "").strip()
    if request.method == "GET":
        return render_template("login.html", page=_page("Log in"), name=name, next=target)
    throttle, key = _throttle(), Throttle.key(name, request.remote_addr or "")
    wait = throttle.retry_after(key)
    if wait:
        response = current_app.make_response((render_template(
            "login.html", page=_page("Log in"), name=name, next=target,
            error=f"Too many failed attempts. Try again in {wait // 60 + 1} minute(s)."), 429))
        response.headers["Retry-After"] = str(wait)
        return response
    account = accounts().authenticate(name, request.form.get("password") or "")
    if account is None:
        throttle.failed(key)
        return render_template("login.html", page=_page("Log in"), name=name, next=target,
                               error="Wrong user name or password.")
    throttle.clear(key)
    login_user(User(account))
    return redirect(target)


@bp.post("/logout")
@login_required
def logout():
    logout_user()
    flash("You are logged out.")
    return redirect(url_for("auth.login"))


def require_admin() -> None:
    if not current_user.is_authenticated or not current_user.is_admin:
        abort(403, description="Only an admin may do this.")
