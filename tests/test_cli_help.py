"""Docs that cannot rot: every command, group, option and argument of the CLI says what it is."""

from __future__ import annotations

import re

import typer

from treatywatch.cli import app


def _commands(command, path: str = "treatywatch"):
    """(path, command) for the app and every group and command below it."""
    yield path, command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from _commands(sub, f"{path} {name}")


def _lacking_help() -> list[str]:
    lacking = []
    for path, command in _commands(typer.main.get_command(app)):
        if not (command.help or "").strip():
            lacking.append(path)
        for param in command.params:
            if not (getattr(param, "help", None) or "").strip():
                lacking.append(f"{path} {param.opts[0] if param.opts else param.name}")
    return lacking


def test_every_command_and_parameter_has_help():
    assert _lacking_help() == []


def test_the_tree_reaches_every_group():
    paths = {path for path, _ in _commands(typer.main.get_command(app))}
    for expected in ("treatywatch analyze", "treatywatch status", "treatywatch db upgrade",
                     "treatywatch articles search", "treatywatch treaty show",
                     "treatywatch serve", "treatywatch digest"):
        assert expected in paths


def test_no_help_text_holds_brackets_that_rich_would_take_for_markup():
    # Rich reads "[default: x]" as a style tag and drops it from the rendered help.
    marked = [
        f"{path} {param.opts[0] if param.opts else param.name}"
        for path, command in _commands(typer.main.get_command(app))
        for param in command.params
        if re.search(r"\[[a-z/]", getattr(param, "help", None) or "")
    ]
    assert marked == []
