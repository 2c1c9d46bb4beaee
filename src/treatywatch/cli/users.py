"""`treatywatch users ...` and `treatywatch audit`: accounts, API tokens and the audit trail."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from treatywatch.cli import app
from treatywatch.cli.options import CsvOption, DbOption, FormatOption, JsonOption, day
from treatywatch.cli.output import pick_format, render

users_app = typer.Typer(help="Accounts: add, list, disable users; make and revoke API tokens.",
                        no_args_is_help=True)
app.add_typer(users_app, name="users")

NameArg = Annotated[str, typer.Argument(help="The user's name.")]


def _open(db: str | None):
    from treatywatch.store import open_database

    return open_database(db)


def _read_password() -> str:
    """From the terminal (asked twice, not echoed), or the first line of standard input."""
    if sys.stdin.isatty():
        return typer.prompt("password", hide_input=True, confirmation_prompt=True)
    line = sys.stdin.readline()
    return line.rstrip("\r\n")


@users_app.command("add")
def users_add(
    name: NameArg,
    role: Annotated[str, typer.Option("--role", help="viewer, analyst or admin.")] = "viewer",
    db: DbOption = None,
) -> None:
    """Add a user; the password is read from the terminal, or from standard input."""
    from treatywatch.accounts import add_user

    password = _read_password()
    with _open(db) as database:
        user = add_user(database, name, role, password)
    typer.echo(f"added {user['name']} ({user['role']})")


@users_app.command("list")
def users_list(db: DbOption = None, fmt: FormatOption = None, as_json: JsonOption = False,
               as_csv: CsvOption = False) -> None:
    """Every user, with role and whether disabled."""
    from treatywatch.accounts import list_users

    with _open(db) as database:
        rows = list_users(database)
    render(rows, ["name", "role", "disabled", "created_at"], pick_format(fmt, as_json, as_csv),
           title="users")


@users_app.command("disable")
def users_disable(name: NameArg, db: DbOption = None) -> None:
    """Disable a user: its sessions and tokens stop working at once."""
    from treatywatch.accounts import disable_user

    with _open(db) as database:
        disable_user(database, name)
    typer.echo(f"disabled {name}")


@users_app.command("token")
def users_token(name: NameArg, db: DbOption = None) -> None:
    """Make an API token for a user; it is shown this once (only its digest is kept)."""
    from treatywatch.accounts import create_token

    with _open(db) as database:
        made = create_token(database, name)
    typer.echo(f"token {made['id']} for {name} (shown once; send it as "
               "'Authorization: Bearer TOKEN'):", err=True)
    typer.echo(made["token"])


@users_app.command("tokens")
def users_tokens(name: NameArg, db: DbOption = None, fmt: FormatOption = None,
                 as_json: JsonOption = False, as_csv: CsvOption = False) -> None:
    """A user's tokens: id, first characters, made when, revoked or not."""
    from treatywatch.accounts.tokens import tokens_of

    with _open(db) as database:
        rows = tokens_of(database, name)
    render(rows, ["id", "prefix", "created_at", "revoked"], pick_format(fmt, as_json, as_csv),
           title=f"tokens of {name}")


@users_app.command("revoke")
def users_revoke(
    token_id: Annotated[int, typer.Argument(help="The token's id (see `users tokens NAME`).")],
    db: DbOption = None,
) -> None:
    """Revoke an API token: it stops working at once."""
    from treatywatch.accounts import revoke_token

    with _open(db) as database:
        revoke_token(database, token_id)
    typer.echo(f"revoked token {token_id}")


@app.command()
def audit(
    since: Annotated[str | None, typer.Option("--since", help="From this day, YYYY-MM-DD.")]
    = None,
    user: Annotated[str | None, typer.Option("--user", help="Only this user's entries.")] = None,
    target: Annotated[str | None, typer.Option("--target", help="Only entries on this, e.g. "
                                               "finding:12.")] = None,
    db: DbOption = None, fmt: FormatOption = None, as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """The audit trail (append-only): reviews, account changes, logins, token writes."""
    from treatywatch.review.audit import entries

    with _open(db) as database:
        rows = entries(database, since=day(since, "--since"), user=user, target=target)
    render(rows, ["id", "at", "user", "via", "action", "target", "details"],
           pick_format(fmt, as_json, as_csv), title="audit")
