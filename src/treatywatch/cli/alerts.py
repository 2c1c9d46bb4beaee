"""`treatywatch alerts add|list|remove|deliveries`: where findings are announced."""

from __future__ import annotations

from typing import Annotated

import typer

from treatywatch.cli import app
from treatywatch.cli.options import CsvOption, DbOption, FormatOption, JsonOption
from treatywatch.cli.output import pick_format, render

alerts_app = typer.Typer(help="Announce new findings to a webhook or by e-mail, once each.",
                         no_args_is_help=True)
app.add_typer(alerts_app, name="alerts")


def _open(db: str | None):
    from treatywatch.store import open_database

    return open_database(db)


@alerts_app.command("add")
def add(
    channel: Annotated[str, typer.Argument(help="webhook or email.")],
    target: Annotated[str, typer.Argument(help="The webhook's URL, or the e-mail address.")],
    state: Annotated[str | None, typer.Option(help="Only findings about this state.")] = None,
    treaty: Annotated[str | None, typer.Option(help="Only this treaty: apmbc or ccm.")] = None,
    kind: Annotated[str | None, typer.Option(
        help="Only this kind: prohibited_act, deadline_missed, non_party_act, ...")] = None,
    secret: Annotated[str | None, typer.Option(
        help="The webhook's HMAC secret (default: one is made and printed once).")] = None,
    allow_private: Annotated[bool, typer.Option(
        "--allow-private", help="Allow a webhook on a loopback or private address.")] = False,
    db: DbOption = None,
) -> None:
    """Announce the findings stored from now on that match the filters."""
    from treatywatch.alerts import subscriptions

    with _open(db) as database:
        alert, made = subscriptions.add(database, channel.lower(), target, state=state,
                                        treaty=treaty, kind=kind, secret=secret,
                                        allow_private=allow_private)
    filters = ", ".join(f"{k}={v}" for k, v in (("state", alert.state),
                                                ("treaty", alert.treaty),
                                                ("kind", alert.kind)) if v) or "every finding"
    typer.echo(f"added alert {alert.id}: {alert.channel} {alert.target} ({filters})")
    if made and secret is None:
        typer.echo(f"secret: {made}")
        typer.echo("(shown once: the body of each POST is signed with it, header "
                   "X-Treatywatch-Signature: sha256=HMAC-SHA256(secret, body))", err=True)


@alerts_app.command("list")
def list_(
    db: DbOption = None, fmt: FormatOption = None, as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """The alerts, with how many deliveries were sent, are pending or failed."""
    from treatywatch.alerts import subscriptions

    with _open(db) as database:
        rows = subscriptions.listing(database)
    render(rows, ["id", "channel", "target", "state", "treaty", "kind", "active", "sent",
                  "pending", "failed", "created_at"], pick_format(fmt, as_json, as_csv),
           title=f"alerts ({len(rows)})")


@alerts_app.command("remove")
def remove(
    alert_id: Annotated[int, typer.Argument(help="The alert's id (see alerts list).")],
    db: DbOption = None,
) -> None:
    """Remove an alert and its record of deliveries."""
    from treatywatch.alerts import subscriptions

    with _open(db) as database:
        target = subscriptions.remove(database, alert_id)
    typer.echo(f"removed alert {alert_id} ({target})")


@alerts_app.command("deliveries")
def deliveries(
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", help="At most this many.")] = 100,
    fmt: FormatOption = None, as_json: JsonOption = False, as_csv: CsvOption = False,
) -> None:
    """Every delivery tried, newest first: status, attempts, the receiver's answer."""
    from treatywatch.alerts import subscriptions

    with _open(db) as database:
        rows = subscriptions.deliveries(database, limit)
    render(rows, ["id", "alert_id", "finding_id", "status", "attempts", "response_status",
                  "last_error", "created_at", "delivered_at"],
           pick_format(fmt, as_json, as_csv), title="deliveries")
