"""`treatywatch status | parties | deadlines | treaty show`: the registry as tables, JSON, CSV."""

from __future__ import annotations

import sys
from datetime import date, timedelta
from typing import Annotated, Any

import typer

from treatywatch import treaties
from treatywatch.cli import app
from treatywatch.cli.options import CsvOption, JsonOption, day_or_today
from treatywatch.cli.output import Format, columns_for, pick_format, render
from treatywatch.model import DeadlineState, Treaty

STATUS_COLUMNS = [
    "treaty", "iso3", "name", "label", "signature_date", "consent_date", "consent_type",
    "in_force_since", "withdrawal_notified_date", "withdrawal_effective_date",
    "registry_known_through",
]
PARTIES_COLUMNS = [
    "iso3", "name", "signature_date", "consent_date", "consent_type", "eif_date",
    "withdrawal_notified_date", "withdrawal_effective_date", "source",
]
# The terminal table: one line a state (the sources are long; CSV and JSON carry them).
PARTIES_TABLE = [
    "iso3", "name", "signature_date", "consent_date", "consent_type", "eif_date",
    "withdrawal_effective_date",
]
# Tables are read on a terminal: fewer columns there; JSON and CSV carry them all.
STATUS_TABLE = ["treaty", "iso3", "name", "label", "consent_date", "in_force_since",
                "withdrawal_effective_date"]
DEADLINE_TABLE = ["treaty", "iso3", "name", "article", "current_deadline", "extensions",
                  "completed_date", "state", "known_through"]
DEADLINE_COLUMNS = [
    "treaty", "iso3", "name", "article", "obligation", "original_deadline", "extensions",
    "current_deadline", "completed_date", "state", "days_late", "known_through", "note",
    "registry_known_through", "warnings",
]

TreatyOpt = Annotated[
    str | None, typer.Option("--treaty", "-t", help="apmbc or ccm (default: both).")
]
OnOpt = Annotated[
    str | None, typer.Option("--on", help="The day to look at, YYYY-MM-DD (default: today).")
]

treaty_app = typer.Typer(help="What a treaty says.", no_args_is_help=True)
app.add_typer(treaty_app, name="treaty")


def _treaties(value: str | None) -> list[Treaty]:
    return [treaties.parse_treaty(value)] if value else list(Treaty)


def _currency(chosen: list[Treaty]) -> dict[str, dict[str, str]]:
    return {t.value: {k: d.isoformat() for k, d in treaties.registry_known_through(t).items()}
            for t in chosen}


def _known_through_lines(chosen: list[Treaty]) -> list[str]:
    lines = []
    for t in chosen:
        known = treaties.registry_known_through(t)
        said = ", ".join(f"{kind} {day.isoformat()}" for kind, day in known.items())
        lines.append(f"{treaties.pack(t).short_name}: registry known through "
                     f"{said or 'no recorded day'}")
    return lines


def _say_currency(chosen: list[Treaty], warnings: list[str], fmt: Format) -> None:
    """How current the registry is: a line per treaty under a table; every warning (the day
    asked for is after it) on stderr, whatever the format."""
    if fmt is Format.TABLE:
        for line in _known_through_lines(chosen):
            typer.echo(line)
    for warning in dict.fromkeys(warnings):
        typer.echo(f"warning: {warning}", err=True)


def _counts_line(counts: treaties.Counts) -> str:
    name = treaties.pack(counts.treaty).short_name
    pending = f" ({counts.withdrawal_pending} withdrawing)" if counts.withdrawal_pending else ""
    return (
        f"{name} on {counts.on.isoformat()}: {counts.states_parties} States Parties{pending}, "
        f"{counts.joined_not_in_force} joined (not yet in force), "
        f"{counts.signatories} signatories, {counts.withdrawn} withdrawn"
    )


@app.command()
def status(
    state: Annotated[
        str | None, typer.Argument(help="A state: ISO code (UKR, UA) or name (Ukraine).")
    ] = None,
    treaty: TreatyOpt = None,
    on: OnOpt = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Where one state, or every state that signed or joined, stands on a day."""
    fmt = pick_format(None, as_json, as_csv)
    day, chosen = day_or_today(on, "--on"), _treaties(treaty)
    warnings = [w for t in chosen for w in treaties.currency_warnings(t, day)]
    if state:
        found = [treaties.status_on(state, t, day) for t in chosen]
        rows = [s.to_dict() for s in found]
        render(rows, columns_for(fmt, STATUS_TABLE, STATUS_COLUMNS), fmt,
               payload=rows[0] if treaty else rows)
        if fmt is Format.TABLE:
            for s in found:
                for note in s.notes:
                    typer.echo(f"  {s.treaty.value}: {note}")
        _say_currency(chosen, warnings, fmt)
        return
    rows = [s.to_dict() for t in chosen for s in treaties.statuses_on(t, day)]
    counts = [treaties.counts_on(t, day) for t in chosen]
    payload = {"on": day.isoformat(), "counts": [c.to_dict() for c in counts],
               "known_through": _currency(chosen), "warnings": warnings, "states": rows}
    if fmt is not Format.TABLE:
        render(rows, STATUS_COLUMNS, fmt, payload=payload)
        _say_currency(chosen, warnings, fmt)
        return
    for t, c in zip(chosen, counts, strict=True):
        mine = [r for r in rows if r["treaty"] == t.value]
        render(mine, STATUS_TABLE[1:], fmt, title=f"{treaties.pack(t).short_name} — {day}")
        typer.echo(_known_through_lines([t])[0])
        typer.echo(_counts_line(c))
    _say_currency(chosen, warnings, Format.CSV)  # the known-through lines are out already


@app.command()
def parties(
    treaty: Annotated[str, typer.Option("--treaty", "-t", help="apmbc or ccm.")],
    fmt: Annotated[
        Format | None, typer.Option("--format", "-f", help="table (default), csv or json.")
    ] = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """The membership table: every state that signed or joined, with computed dates. The day
    the registry is known through follows the table (on stderr for CSV and JSON)."""
    chosen = treaties.parse_treaty(treaty)
    rows = [m.to_dict() for m in treaties.parties(chosen)]
    picked = pick_format(fmt, as_json, as_csv)
    render(rows, columns_for(picked, PARTIES_TABLE, PARTIES_COLUMNS), picked)
    if picked is not Format.TABLE:
        for line in _known_through_lines([chosen]):
            typer.echo(line, err=True)
    _say_currency([chosen], treaties.currency_warnings(chosen, date.today()), picked)


def _pick_deadlines(
    found: list[Any], on: date, missed: bool, upcoming: int | None, unconfirmed: bool = False
) -> list[Any]:
    if not missed and upcoming is None and not unconfirmed:
        return found
    until = on + timedelta(days=upcoming or 0)
    return [
        d for d in found
        if (missed and d.state is DeadlineState.MISSED)
        or (unconfirmed and d.state is DeadlineState.UNCONFIRMED)
        or (upcoming is not None and d.state is DeadlineState.RUNNING
            and on <= d.current_deadline <= until)
    ]


@app.command()
def deadlines(
    treaty: TreatyOpt = None,
    on: OnOpt = None,
    missed: Annotated[
        bool, typer.Option(
            "--missed",
            help="Only deadlines missed by then (a source dated after the deadline confirms it).",
        )
    ] = False,
    unconfirmed: Annotated[
        bool, typer.Option(
            "--unconfirmed",
            help="Only deadlines passed after our latest source: a later extension or "
            "completion may exist, so they are not reported as missed.",
        )
    ] = False,
    upcoming: Annotated[
        int | None,
        typer.Option("--upcoming", min=0, help="Only running deadlines due within DAYS days."),
    ] = None,
    state: Annotated[str | None, typer.Option("--state", "-s", help="Only this state.")] = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Stockpile-destruction and clearance deadlines: met, running, missed or unconfirmed
    (passed after our latest source) on a day."""
    day = day_or_today(on, "--on")
    found = [d for t in _treaties(treaty) for d in treaties.deadlines_on(t, day, state)]
    found = _pick_deadlines(found, day, missed, upcoming, unconfirmed)
    fmt = pick_format(None, as_json, as_csv)
    rows = []
    for d in found:
        row = d.to_dict()
        if fmt is not Format.JSON:
            row["extensions"] = len(d.extensions)
        rows.append(row)
    render(rows, columns_for(fmt, DEADLINE_TABLE, DEADLINE_COLUMNS), fmt,
           title=f"Deadlines on {day}")
    chosen = _treaties(treaty)
    _say_currency(chosen, [w for t in chosen
                           for w in treaties.currency_warnings(t, day, ("depositary", "meetings"))],
                  fmt)


def _treaty_text(p: treaties.TreatyPack) -> list[str]:
    eif, wd = p.entry_into_force_rule, p.withdrawal
    lines = [
        p.full_name,
        f"Also: {', '.join(p.short_names)}. Depositary: {p.depositary} ({p.untc}).",
        f"Adopted {p.adopted}; opened for signature {p.opened_for_signature}; "
        f"in force {p.entry_into_force}.",
        "",
        f"Entry into force (Art. {eif.article}): {eif.text}",
        "",
        "Each State Party undertakes:",
    ]
    lines += [f"  Art. {r.article}: {r.text}" for r in p.prohibited_acts]
    lines += [f"  Art. {r.article}: {r.text}" for r in p.obligations]
    lines += ["", "Deadlines:"]
    lines += [f"  Art. {r.article} — {r.title}: {r.text}" for r in p.deadlines]
    lines += ["", f"Withdrawal (Art. {wd.article}): {wd.text}", ""]
    scope = ", ".join(f"{w.value} ({v})" for w, v in p.weapons.items())
    lines.append(f"Weapons in scope: {scope}.")
    return lines


@treaty_app.command("show")
def treaty_show(
    treaty: Annotated[str, typer.Argument(help="apmbc or ccm.")],
    as_json: JsonOption = False,
) -> None:
    """The treaty's obligations in plain words, with article numbers."""
    p = treaties.pack(treaty)
    if as_json:
        render([], [], Format.JSON, payload=p.to_dict())
        return
    typer.echo("\n".join(_treaty_text(p)))


# --- treatywatch registry check ---------------------------------------------------------------

registry_app = typer.Typer(help="Keep the registry current against the depositary's record.",
                           no_args_is_help=True)
app.add_typer(registry_app, name="registry")

CHECK_COLUMNS = ["treaty", "iso3", "name", "field", "page", "registry", "what", "explained",
                 "level"]
CHECK_TABLE = ["iso3", "name", "field", "page", "registry", "what", "explained"]


@registry_app.command("check")
def registry_check(
    page: Annotated[str, typer.Argument(
        help="A saved UN Treaty Collection status page (XXVI-5 APMBC or XXVI-6 CCM), as HTML.")],
    treaty: Annotated[str | None, typer.Option(
        "--treaty", "-t", help="apmbc or ccm (default: read from the page).")] = None,
    show_info: Annotated[bool, typer.Option(
        "--info", help="Also list end notes that are no treaty act (territorial application, "
        "pointers to the historical notes).")] = False,
    as_json: JsonOption = False,
) -> None:
    """Compare a saved depositary status page with the registry and list every difference:
    states missing, dates or instrument kinds that differ, withdrawals and end notes not in the
    data. Exits 1 when there is a difference the data does not explain."""
    from treatywatch.treaties.check import check_page, unexplained
    from treatywatch.treaties.untc import read_status_page

    read = read_status_page(page, treaties.parse_treaty(treaty) if treaty else None)
    found = check_page(read)
    bad = unexplained(found)
    differences = [d for d in found if d.level == "difference"]
    info = [d for d in found if d.level == "info"]
    summary = {
        "page": str(page),
        "treaty": read.treaty.value,
        "as_at": read.as_at.isoformat() if read.as_at else None,
        "participants": len(read.rows),
        "signatories": read.signatories,
        "parties": read.parties,
        "differences": len(differences),
        "explained": len(differences) - len(bad),
        "unexplained": len(bad),
    }
    if as_json:
        render([], [], Format.JSON, payload={
            **summary,
            "found": [d.to_dict() for d in differences],
            "info": [d.to_dict() for d in info],
        })
    else:
        name = treaties.pack(read.treaty).short_name
        as_at = summary["as_at"] or "no 'status as at' date on the page"
        typer.echo(f"{name} depositary page {page} (status as at {as_at}): "
                   f"{len(read.rows)} participants, {read.signatories} signatories, "
                   f"{read.parties} parties on the page")
        rows = [d.to_dict() for d in differences + (info if show_info else [])]
        if rows:
            render(rows, CHECK_TABLE, Format.TABLE, title="Differences from the registry")
        if read.as_at is None:
            typer.echo("warning: the page carries no 'STATUS AS AT' date; acts saved after it "
                       "cannot be told apart", err=True)
        typer.echo(
            f"{len(differences)} difference(s): {len(bad)} unexplained, "
            f"{len(differences) - len(bad)} explained (untc_explained.csv); "
            f"{len(info)} end note(s) with no treaty act" + ("" if show_info else " (--info)")
        )
    if bad:
        sys.exit(1)  # (a typer.Exit is returned, not raised, by the non-standalone app)
