"""The web dashboard and JSON API: `create_app(db_url=None, read_only=True)`."""

from treatywatch.web.app import create_app

__all__ = ["create_app"]
