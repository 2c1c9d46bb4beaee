"""`treatywatch rules list [--json]`: every reading rule (frame rules and vetoes) with its id,
version, what it does and its example sentences with the frames they must give."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from treatywatch.cli import app

rules_app = typer.Typer(help="The extraction rules: frames and vetoes, with their examples.")
app.add_typer(rules_app, name="rules")


def _frame_text(frame: dict) -> str:
    return ", ".join(f"{k}={v}" for k, v in frame.items())


@rules_app.command("list")
def list_rules(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per rule.")] = False,
    act: Annotated[
        str | None, typer.Option("--act", help="Only the rules of one act (use, clear...).")
    ] = None,
) -> None:
    """List every rule with its examples (frames: rules/frames/<act>.toml; vetoes.toml)."""
    from treatywatch.errors import BadInput
    from treatywatch.extract.frames import all_rules, frames

    rules = all_rules()
    if act is not None:
        if act not in frames():
            raise BadInput(f"--act {act!r}: not an act; one of {', '.join(sorted(frames()))}")
        rules = [r for r in rules if r.act == act]
    if as_json:
        for rule in rules:
            typer.echo(json.dumps(rule.to_dict(), ensure_ascii=False))
        return
    for rule in rules:
        typer.echo(f"{rule.id}  [{rule.kind}{' ' + rule.act if rule.act else ''}]")
        typer.echo(f"    {rule.doc}")
        if not rule.examples:
            typer.echo("    (no example yet)")
        for ex in rule.examples:
            frames_given = ex.get("frames") or []
            typer.echo(f"    e.g. {ex['text']}")
            if not frames_given:
                typer.echo("         -> no event")
            for frame in frames_given:
                typer.echo(f"         -> {_frame_text(frame)}")
    typer.echo(f"{len(rules)} rules")
