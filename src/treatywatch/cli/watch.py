"""`treatywatch watch`: poll the store's sources, read what is new, announce the findings."""

from __future__ import annotations

import json
import logging
import signal
import sys
from datetime import UTC, datetime
from typing import Annotated

import typer

from treatywatch.cli import app
from treatywatch.cli.options import AsOfOption, DbOption, day


class LogFormat:
    TEXT, JSON = "text", "json"


def _emit(fmt: str, record: dict, text: str) -> None:
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    if fmt == LogFormat.JSON:
        line = json.dumps({"ts": stamp, **record}, ensure_ascii=False)
    else:
        line = f"{stamp} {text}"
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


@app.command()
def watch(
    once: Annotated[bool, typer.Option(
        "--once", help="Poll every source that is due, then exit (for cron and tests).")
    ] = False,
    force: Annotated[bool, typer.Option(
        "--force", help="Poll every active source now, due or not (a server's Retry-After "
        "is still honoured).")] = False,
    log_format: Annotated[str, typer.Option(
        "--log-format", help="text or json: one line per poll on stderr.")] = "text",
    host_interval: Annotated[float, typer.Option(
        "--host-interval", help="Seconds between two requests to one host.")] = 1.0,
    timeout: Annotated[float, typer.Option(help="Seconds to wait on a server.")] = 20.0,
    max_items: Annotated[int, typer.Option(
        "--max-items", help="Items read from one source in one poll (the rest wait).")] = 200,
    keep_all: Annotated[bool, typer.Option(
        "--keep-all", help="Keep every article read, also those the prefilter screens out.")
    ] = False,
    as_of: AsOfOption = None,
    db: DbOption = None,
) -> None:
    """Poll the sources when due, read what is new, announce the findings.

    Runs until stopped (SIGTERM or Ctrl-C finish the item in hand). Exit status with --once:
    0 all went well, 4 some polls or items failed, 5 all failed, 75 another watch holds the
    store. See docs/watch.md."""
    from treatywatch.alerts.dispatch import deliver_due
    from treatywatch.errors import BadInput
    from treatywatch.runner import EXIT_ALL_FAILED, EXIT_SOME_FAILED, mark_dead_runs
    from treatywatch.store import open_database
    from treatywatch.watch.lock import watch_lock
    from treatywatch.watch.service import Watcher, WatchOptions

    if log_format not in (LogFormat.TEXT, LogFormat.JSON):
        raise BadInput(f"--log-format {log_format!r}: give text or json")
    if host_interval < 0 or max_items < 1:
        raise BadInput("--host-interval must be >= 0 and --max-items >= 1")
    options = WatchOptions(host_interval=host_interval, timeout=timeout, max_items=max_items,
                           keep_all=keep_all, as_of=day(as_of, "--as-of"))
    logging.getLogger("treatywatch").setLevel(logging.WARNING)
    database = open_database(db)
    try:
        with watch_lock(database):
            with database.write() as s:
                dead = mark_dead_runs(s)
            for run_id in dead:
                _emit(log_format, {"event": "interrupted_run", "run_id": run_id},
                      f"run {run_id} had been killed; marked interrupted")
            watcher = Watcher(database, options, notify=lambda: deliver_due(database),
                              on_result=lambda r: _emit(log_format, {"event": "poll",
                                                                     **r.to_dict()}, r.line()))

            def stop(signum, frame):
                if watcher.stopping:  # a second Ctrl-C: stop now
                    raise KeyboardInterrupt
                watcher.stopping = True
                _emit(log_format, {"event": "stopping", "signal": signum},
                      "stopping after the item in hand")

            signal.signal(signal.SIGTERM, stop)
            signal.signal(signal.SIGINT, stop)
            totals = {"polls": 0, "failed": 0, "stored": 0, "findings": 0, "failures": 0,
                      "read": 0, "requests": 0, "delivered": 0, "delivery_failures": 0}

            def count(report) -> None:
                totals["polls"] += len(report.polls)
                totals["failed"] += report.failed
                for p in report.polls:
                    for key in ("stored", "findings", "failures", "read", "requests"):
                        totals[key] += getattr(p, key)
                totals["delivered"] += report.deliveries.get("sent", 0)
                totals["delivery_failures"] += report.deliveries.get("failed", 0)
                if report.deliveries.get("sent") or report.deliveries.get("failed"):
                    _emit(log_format, {"event": "alerts", **report.deliveries},
                          "alerts " + " ".join(f"{k}={v}" for k, v in
                                               report.deliveries.items()))

            if once:
                count(watcher.poll(force=force))
            else:
                _emit(log_format, {"event": "start"}, "watching; SIGTERM or Ctrl-C to stop")
                if force:
                    count(watcher.poll(force=True))
                watcher.serve(on_cycle=count)
    except KeyboardInterrupt:
        raise typer.Exit(130) from None
    finally:
        database.close()
    summary = (f"watch: {totals['polls']} polls, {totals['failed']} failed, "
               f"{totals['read']} items read, {totals['stored']} stored, "
               f"{totals['findings']} findings, {totals['failures']} item failures, "
               f"{totals['requests']} requests, {totals['delivered']} alerts sent"
               + (f", {totals['delivery_failures']} alerts failed"
                  if totals["delivery_failures"] else ""))
    _emit(log_format, {"event": "summary", **totals}, summary)
    attempts = totals["polls"] + totals["read"]
    failures = totals["failed"] + totals["failures"]
    if failures and failures >= attempts:
        raise typer.Exit(EXIT_ALL_FAILED)
    if failures:
        raise typer.Exit(EXIT_SOME_FAILED)
