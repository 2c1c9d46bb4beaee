"""Who may do what: users with a role, passwords hashed with argon2, API tokens and login
sessions kept only as SHA-256 digests. Every change is appended to the audit trail
(`treatywatch.review.audit`) in the same transaction."""

from treatywatch.accounts.principal import ROLES, Forbidden, Principal, Unauthorized, require
from treatywatch.accounts.sessions import end_session, principal_for_session, start_session
from treatywatch.accounts.tokens import create_token, principal_for_token, revoke_token
from treatywatch.accounts.users import add_user, authenticate, disable_user, list_users

__all__ = [
    "ROLES", "Forbidden", "Principal", "Unauthorized", "add_user", "authenticate",
    "create_token", "disable_user", "end_session", "list_users", "principal_for_session",
    "principal_for_token", "require", "revoke_token", "start_session",
]
