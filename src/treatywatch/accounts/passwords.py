"""Password hashing: argon2id through argon2-cffi, with its default (RFC 9106 low-memory)
parameters."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from treatywatch.errors import BadInput

MIN_LENGTH = 10
MAX_LENGTH = 1024  # bounds the work an attacker can ask of the hasher
_HASHER = PasswordHasher()
# Verified when the user does not exist, so that a wrong name takes as long as a wrong password.
_DUMMY = _HASHER.hash("not a password of anyone")


def check_strength(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise BadInput(f"the password is too short: use at least {MIN_LENGTH} characters")
    if len(password) > MAX_LENGTH:
        raise BadInput(f"the password is too long: at most {MAX_LENGTH} characters")


def hash_password(password: str) -> str:
    check_strength(password)
    return _HASHER.hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    if len(password) > MAX_LENGTH:
        return False
    try:
        return _HASHER.verify(stored or _DUMMY, password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False
