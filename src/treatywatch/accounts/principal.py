"""The one acting: a user, how they came in, and what their role lets them do."""

from __future__ import annotations

from dataclasses import dataclass

from treatywatch.errors import TreatywatchError

ROLES = ("viewer", "analyst", "admin")  # each may do what the ones before it may


class Unauthorized(TreatywatchError):
    """No (valid) session or token."""

    http_status = 401
    hint = "Log in at /login, or send 'Authorization: Bearer TOKEN' (treatywatch users token)."


class Forbidden(TreatywatchError):
    http_status = 403
    hint = "Ask an admin for a role that allows it (treatywatch users add NAME --role analyst)."


@dataclass(frozen=True)
class Principal:
    id: int | None  # None: the command line, acting for the machine's operator
    name: str
    role: str
    via: str  # cli | session | token
    token_id: int | None = None

    def can(self, role: str) -> bool:
        return ROLES.index(self.role) >= ROLES.index(role)


def require(principal: Principal | None, role: str, what: str) -> Principal:
    """The principal, if it may act as `role`; else Unauthorized (nobody) or Forbidden."""
    if principal is None:
        raise Unauthorized(f"{what} needs a login or an API token")
    if not principal.can(role):
        raise Forbidden(f"{what} needs the role {role}; {principal.name}'s role is "
                        f"{principal.role}")
    return principal


CLI = Principal(None, "cli", "admin", "cli")
