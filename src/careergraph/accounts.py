"""Editor accounts: names, roles, scrypt password hashes and API tokens, in the instance folder.

`users.json` lives in the instance folder (never in git), readable by its owner only.
Passwords are stored as scrypt hashes with a random salt; API tokens are random and only
their SHA-256 is stored, so the file alone lets nobody in.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import json
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from .atomicfile import atomic_write, locked

ROLES = ("editor", "admin")
USERS_FILE = "users.json"
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
MIN_PASSWORD = 8
TOKEN_PREFIX = "cg_"
# scrypt cost: 16 MiB and about 50 ms per check, which makes guessing offline expensive
SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1}


class AccountError(ValueError):
    """A request about accounts that cannot be met; the message says why."""


@dataclass(frozen=True)
class Account:
    name: str
    role: str

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, dklen=32, **SCRYPT)
    b64 = lambda b: base64.b64encode(b).decode()  # noqa: E731
    return f"scrypt${SCRYPT['n']}${SCRYPT['r']}${SCRYPT['p']}${b64(salt)}${b64(digest)}"


def check_password(stored: str, password: str) -> bool:
    scheme, n, r, p, salt, digest = stored.split("$")
    if scheme != "scrypt":
        return False
    expected = base64.b64decode(digest)
    actual = hashlib.scrypt(password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
                            dklen=len(expected))
    return hmac.compare_digest(actual, expected)


@functools.cache
def _dummy_hash() -> str:
    return hash_password(secrets.token_hex(8))


def _token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Accounts:
    """The accounts of one instance folder. Every call reads the file afresh, so an account
    added with the CLI is seen by running servers at once."""

    def __init__(self, instance_dir: str | Path):
        self.folder = Path(instance_dir)
        self.path = self.folder / USERS_FILE

    def _read(self) -> dict:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}

    def _update(self, change) -> object:
        self.folder.mkdir(parents=True, exist_ok=True)
        with locked(self.folder / ".users.lock"):
            users = self._read()
            result = change(users)
            atomic_write(self.path, (json.dumps(users, indent=2, sort_keys=True) + "\n").encode(), mode=0o600)
        return result

    # --- questions ---------------------------------------------------------------------------
    def get(self, name: str) -> Account | None:
        entry = self._read().get(name)
        return Account(name, entry["role"]) if entry else None

    def names(self) -> list[Account]:
        return [Account(name, entry["role"]) for name, entry in sorted(self._read().items())]

    def authenticate(self, name: str, password: str) -> Account | None:
        entry = self._read().get(name)
        if entry is None:
            check_password(_dummy_hash(), password)  # same cost whether or not the name exists
            return None
        return Account(name, entry["role"]) if check_password(entry["password"], password) else None

    def for_token(self, token: str) -> Account | None:
        if not token.startswith(TOKEN_PREFIX):
            return None
        digest = _token_digest(token)
        for name, entry in self._read().items():
            if digest in entry.get("tokens", {}):
                return Account(name, entry["role"])
        return None

    # --- changes -----------------------------------------------------------------------------
    def add(self, name: str, password: str, role: str, replace: bool = False) -> Account:
        if not NAME.match(name):
            raise AccountError(f"user name {name!r} is not valid: use letters, digits, '.', '_' or '-' "
                               "(up to 64, starting with a letter or digit)")
        if role not in ROLES:
            raise AccountError(f"role {role!r} is not one of {', '.join(ROLES)}")
        if len(password) < MIN_PASSWORD:
            raise AccountError(f"the password is too short: at least {MIN_PASSWORD} characters")

        def change(users):
            if name in users and not replace:
                raise AccountError(f"user {name!r} exists; pass --reset to set a new password and role")
            tokens = users.get(name, {}).get("tokens", {})
            users[name] = {"role": role, "password": hash_password(password), "tokens": tokens}

        self._update(change)
        return Account(name, role)

    def new_token(self, name: str) -> str:
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)

        def change(users):
            if name not in users:
                raise AccountError(f"no user {name!r}; add one with `careergraph users add`")
            users[name].setdefault("tokens", {})[_token_digest(token)] = time.strftime("%Y-%m-%dT%H:%M:%SZ",
                                                                                       time.gmtime())

        self._update(change)
        return token

    def revoke_tokens(self, name: str) -> int:
        def change(users):
            if name not in users:
                raise AccountError(f"no user {name!r}")
            count = len(users[name].get("tokens", {}))
            users[name]["tokens"] = {}
            return count

        return self._update(change)
