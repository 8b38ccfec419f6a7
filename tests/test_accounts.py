"""Accounts: scrypt-hashed passwords and hashed API tokens in the instance folder, via the CLI."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from careergraph.accounts import AccountError, Accounts, check_password, hash_password

ROOT = Path(__file__).resolve().parents[1]


def test_passwords_are_salted_scrypt_hashes():
    first, second = hash_password("open sesame"), hash_password("open sesame")
    assert first.startswith("scrypt$16384$8$1$") and first != second  # a fresh salt each time
    assert check_password(first, "open sesame") and not check_password(first, "open sesamE")


def test_add_authenticate_and_roles(tmp_path):
    accounts = Accounts(tmp_path)
    accounts.add("ada", "long enough", "admin")
    assert accounts.authenticate("ada", "long enough").is_admin
    assert accounts.authenticate("ada", "wrong one") is None and accounts.authenticate("nobody", "x") is None
    assert oct(os.stat(accounts.path).st_mode & 0o777) == "0o600"
    assert "long enough" not in accounts.path.read_text()
    for name, password, role, message in (("ada", "long enough", "editor", "exists"), ("bad name", "long enough",
                                          "editor", "not valid"), ("bo", "short", "editor", "too short"),
                                          ("bo", "long enough", "root", "not one of")):
        with pytest.raises(AccountError, match=message):
            accounts.add(name, password, role)
    accounts.add("ada", "another one", "editor", replace=True)
    assert accounts.authenticate("ada", "another one").role == "editor"


def test_tokens_are_stored_hashed_and_can_be_revoked(tmp_path):
    accounts = Accounts(tmp_path)
    accounts.add("ed", "long enough", "editor")
    token = accounts.new_token("ed")
    assert token.startswith("cg_") and token not in accounts.path.read_text()
    assert accounts.for_token(token).name == "ed"
    assert accounts.for_token(token + "x") is None and accounts.for_token("") is None
    assert accounts.revoke_tokens("ed") == 1 and accounts.for_token(token) is None
    with pytest.raises(AccountError):
        accounts.new_token("nobody")


def cli(*args, stdin=""):
    return subprocess.run([sys.executable, "-m", "careergraph.cli", "users", *args], input=stdin,
                          capture_output=True, text=True, timeout=30)


def test_users_cli_reads_the_password_from_stdin(tmp_path):
    folder = str(tmp_path / "inst")
    made = cli("--instance", folder, "add", "eve", "--role", "admin", "--password-stdin", stdin="a good password\n")
    assert made.returncode == 0, made.stderr
    assert Accounts(folder).authenticate("eve", "a good password").role == "admin"
    again = cli("--instance", folder, "add", "eve", "--password-stdin", stdin="a good password\n")
    assert again.returncode == 1 and "exists" in again.stderr and "Traceback" not in again.stderr
    token = cli("--instance", folder, "token", "eve").stdout.strip()
    assert Accounts(folder).for_token(token).name == "eve"
    assert cli("--instance", folder, "list").stdout == "eve\tadmin\n"
    assert json.loads((tmp_path / "inst" / "users.json").read_text())["eve"]["role"] == "admin"


def test_the_instance_folder_is_never_in_git():
    assert "instance/" in (ROOT / ".gitignore").read_text().split()
