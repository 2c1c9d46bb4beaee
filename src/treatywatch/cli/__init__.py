"""The `treatywatch` command: thin wrappers that parse, call the library, and render.

Each command group lives in its own module and registers itself on `app`.
Errors from the library (`TreatywatchError`) become one line on stderr and an exit code here,
and only here.
"""

from __future__ import annotations

import sys

import typer

from treatywatch.errors import TreatywatchError

app = typer.Typer(
    name="treatywatch",
    help="Watch the news for what it means to the Mine Ban Convention and the Convention on "
    "Cluster Munitions.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _register() -> None:
    # Imported for their side effect: each module adds its commands to `app`.
    for optional in ("registry", "analyze", "evaluate", "store", "web", "users", "sources",
                     "watch", "alerts", "rules"):
        try:
            __import__(f"treatywatch.cli.{optional}")
        except ModuleNotFoundError as exc:  # a command group not built yet
            if exc.name != f"treatywatch.cli.{optional}":
                raise


_register()


def main() -> None:
    try:
        # Not standalone, click hands back a command's `typer.Exit` code instead of exiting.
        code = app(standalone_mode=False)
        if isinstance(code, int) and code:
            sys.exit(code)
    except TreatywatchError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo("aborted", err=True)
        sys.exit(130)
    except Exception as exc:  # usage errors come here in non-standalone mode
        if _is_usage_error(exc):
            exc.show()  # one "Error: ..." line after the usage and the --help pointer
            sys.exit(exc.exit_code)
        raise


def _is_usage_error(exc: Exception) -> bool:
    """A click-style usage error, whether raised by click or by the click Typer vendors."""
    import click

    if isinstance(exc, click.ClickException):
        return True
    return isinstance(exc, typer.TyperException) and callable(getattr(exc, "show", None))
