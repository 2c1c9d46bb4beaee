"""Accounts through the CLI: add, list, disable, tokens shown once and kept hashed, the audit
trail of every change; on SQLite and (when set) PostgreSQL."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select, text
from typer.testing import CliRunner

from tests.storekit import BACKENDS, fresh_url, migrated
from treatywatch.accounts import authenticate, principal_for_token
from treatywatch.cli import app
from treatywatch.errors import BadInput
from treatywatch.store import open_database
from treatywatch.store.tables import ApiToken, User

PASSWORD = "correct horse battery"


@pytest.fixture(params=BACKENDS)
def url(request, tmp_path):
    return migrated(fresh_url(request.param, tmp_path))


def _run(*args: str, input: str | None = None):
    return CliRunner().invoke(app, list(args), input=input)


def _ok(*args: str, input: str | None = None) -> str:
    result = _run(*args, input=input)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_add_reads_the_password_from_stdin_and_keeps_only_an_argon2_hash(url):
    assert "added ana (analyst)" in _ok("users", "add", "ana", "--role", "analyst", "--db", url,
                                        input=PASSWORD + "\n")
    with open_database(url) as db:
        with db.session() as s:
            stored = s.execute(select(User.password_hash)).scalar_one()
        assert stored.startswith("$argon2id$") and PASSWORD not in stored
        assert authenticate(db, "ana", PASSWORD).role == "analyst"
        assert authenticate(db, "ana", PASSWORD + "x") is None
        assert authenticate(db, "nobody", PASSWORD) is None
    users = json.loads(_ok("users", "list", "--json", "--db", url))
    assert [(u["name"], u["role"], u["disabled"]) for u in users] == [("ana", "analyst", False)]


@pytest.mark.parametrize("args, message", [
    (["users", "add", "ana", "--role", "editor"], "unknown role 'editor'"),
    (["users", "add", "<b>x</b>"], "invalid user name"),
    (["users", "disable", "ghost"], "no user 'ghost'"),
    (["users", "token", "ghost"], "no user 'ghost'"),
])
def test_bad_input_is_one_clear_error(url, args, message):
    result = _run(*args, "--db", url, input=PASSWORD + "\n")
    assert isinstance(result.exception, BadInput)
    assert message in str(result.exception)


def test_a_short_password_is_refused_and_nothing_is_stored(url):
    result = _run("users", "add", "ana", "--db", url, input="short\n")
    assert isinstance(result.exception, BadInput) and "too short" in str(result.exception)
    assert json.loads(_ok("users", "list", "--json", "--db", url)) == []


def test_a_token_is_shown_once_stored_hashed_and_stops_when_revoked_or_disabled(url):
    _ok("users", "add", "ana", "--role", "analyst", "--db", url, input=PASSWORD + "\n")
    token = _ok("users", "token", "ana", "--db", url).strip()
    second = _ok("users", "token", "ana", "--db", url).strip()
    assert token.startswith("tw_") and len(token) > 40 and token != second
    with open_database(url) as db:
        with db.session() as s:
            hashes = s.execute(select(ApiToken.token_hash)).scalars().all()
        assert token not in hashes and len(hashes) == 2
        assert principal_for_token(db, token).name == "ana"
        _ok("users", "revoke", "1", "--db", url)
        assert principal_for_token(db, token) is None
        assert principal_for_token(db, second).via == "token"
        _ok("users", "disable", "ana", "--db", url)
        assert principal_for_token(db, second) is None
        assert authenticate(db, "ana", PASSWORD) is None
    tokens = json.loads(_ok("users", "tokens", "ana", "--json", "--db", url))
    assert [t["revoked"] for t in tokens] == [True, False]


def test_every_account_change_is_in_the_audit_trail_which_refuses_changes(url):
    _ok("users", "add", "ana", "--role", "analyst", "--db", url, input=PASSWORD + "\n")
    _ok("users", "token", "ana", "--db", url)
    _ok("users", "disable", "ana", "--db", url)
    entries = json.loads(_ok("audit", "--json", "--db", url))
    assert [e["action"] for e in entries] == ["user.add", "token.create", "user.disable"]
    assert all(e["via"] == "cli" and e["target"] == "user:1" for e in entries)
    assert PASSWORD not in json.dumps(entries)
    assert json.loads(_ok("audit", "--json", "--since", "2999-01-01", "--db", url)) == []
    with open_database(url) as db:
        for statement in ("UPDATE audit SET action = 'x'", "DELETE FROM audit"):
            with pytest.raises(Exception, match="append-only"):
                with db.engine.begin() as conn:
                    conn.execute(text(statement))
    assert len(json.loads(_ok("audit", "--json", "--db", url))) == 3
