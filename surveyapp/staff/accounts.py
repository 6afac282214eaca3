"""Staff accounts: password hashing (Argon2id), authentication, roles. No Flask here."""
from __future__ import annotations

from dataclasses import dataclass

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import Membership, Project, User

ROLES = ("staff", "researcher", "facilitator")
ADMINISTRATOR = "administrator"
MIN_PASSWORD_LENGTH = 12

_hasher = PasswordHasher()  # argon2-cffi's defaults follow RFC 9106's recommendations
# a hash to verify against when the e-mail is unknown, so both cases take the same time
_DUMMY_HASH = _hasher.hash("not a real password, only for timing")


class AccountError(ValueError):
    pass


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
    return _hasher.hash(password)


def normalise_email(email: str) -> str:
    return email.strip().lower()


def create_user(session: Session, *, email: str, name: str, password: str, is_admin: bool = False) -> User:
    email = normalise_email(email)
    if "@" not in email:
        raise AccountError("an e-mail address is needed")
    if session.scalar(select(User).where(User.email == email)) is not None:
        raise AccountError(f"{email} already has an account")
    user = User(email=email, name=name.strip() or email, password_hash=hash_password(password), is_admin=is_admin)
    session.add(user)
    session.flush()
    return user


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The active user with this e-mail and password, else None (in constant-ish time)."""
    user = session.scalar(select(User).where(User.email == normalise_email(email)))
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or not user.active:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return user


def set_role(session: Session, user: User, project: Project, role: str | None) -> None:
    """Give ``user`` a role in ``project`` (None removes it)."""
    if role is not None and role not in ROLES:
        raise AccountError(f"unknown role {role!r}: use one of {', '.join(ROLES)}")
    membership = session.get(Membership, (user.id, project.id))
    if role is None:
        if membership is not None:
            session.delete(membership)
        return
    if membership is None:
        session.add(Membership(user_id=user.id, project_id=project.id, role=role))
    else:
        membership.role = role


def role_in(user: User, project_id: int) -> str | None:
    """The user's role in a project: ``administrator`` for admins, else the membership's."""
    if user.is_admin:
        return ADMINISTRATOR
    for membership in user.memberships:
        if membership.project_id == project_id:
            return membership.role
    return None


def roles_of(user: User) -> set[str]:
    roles = {m.role for m in user.memberships}
    if user.is_admin:
        roles.add(ADMINISTRATOR)
    return roles


def visible_projects(session: Session, user: User) -> list[Project]:
    if user.is_admin:
        return list(session.scalars(select(Project).order_by(func.lower(Project.name))))
    ids = [m.project_id for m in user.memberships]
    if not ids:
        return []
    return list(session.scalars(select(Project).where(Project.id.in_(ids)).order_by(func.lower(Project.name))))


# -- second factor ------------------------------------------------------------------------------
@dataclass(frozen=True)
class TotpSetup:
    secret: str
    uri: str


def new_totp(user: User, issuer: str = "Verkosto") -> TotpSetup:
    secret = pyotp.random_base32()
    return TotpSetup(secret, totp_uri(secret, user.email, issuer))


def totp_uri(secret: str, email: str, issuer: str = "Verkosto") -> str:
    """The otpauth:// address an authenticator app reads from a QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=issuer)


def totp_ok(secret: str, code: str) -> bool:
    code = "".join(ch for ch in code if ch.isdigit())
    return len(code) == 6 and pyotp.TOTP(secret).verify(code, valid_window=1)


def needs_second_factor(user: User, required_for: set[str]) -> bool:
    return bool(roles_of(user) & required_for)
