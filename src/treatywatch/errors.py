"""One exception family. The CLI turns it into one line and an exit code; the web app into one
JSON shape."""

from __future__ import annotations


class TreatywatchError(Exception):
    """Base of every error a user can cause and fix. The message says what happened and what to
    do."""

    exit_code = 2
    http_status = 400


class UnknownState(TreatywatchError):
    http_status = 404


class UnknownTreaty(TreatywatchError):
    http_status = 404


class InvalidDate(TreatywatchError):
    pass


class BadInput(TreatywatchError):
    """An input (file, record, page, feed) that cannot be read as an article."""


class StoreError(TreatywatchError):
    exit_code = 3
    http_status = 500
