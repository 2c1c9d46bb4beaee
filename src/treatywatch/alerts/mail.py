"""A finding by e-mail, over SMTP, with the settings from the environment:

- `TREATYWATCH_SMTP_HOST` (required for e-mail alerts), `TREATYWATCH_SMTP_PORT` (default 587,
  or 465 with `ssl`);
- `TREATYWATCH_SMTP_SECURITY`: `starttls` (the default: the message is not sent unless the
  server offers STARTTLS), `ssl` (TLS from the start), or `none` (a relay on this machine);
- `TREATYWATCH_SMTP_USER` / `TREATYWATCH_SMTP_PASSWORD` (optional; refused over `none`);
- `TREATYWATCH_SMTP_FROM` (default `treatywatch@<host name>`).
"""

from __future__ import annotations

import os
import smtplib
import socket
import ssl
from dataclasses import dataclass
from email.message import EmailMessage

from treatywatch.errors import BadInput

PREFIX = "TREATYWATCH_SMTP_"


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: str
    user: str | None
    password: str | None
    sender: str

    @classmethod
    def from_env(cls, env=None) -> SmtpSettings:
        env = os.environ if env is None else env
        host = env.get(PREFIX + "HOST", "").strip()
        if not host:
            raise BadInput(f"e-mail alerts need {PREFIX}HOST (and maybe {PREFIX}PORT, "
                           f"{PREFIX}SECURITY, {PREFIX}USER, {PREFIX}PASSWORD, {PREFIX}FROM)")
        security = env.get(PREFIX + "SECURITY", "starttls").strip().lower()
        if security not in ("starttls", "ssl", "none"):
            raise BadInput(f"{PREFIX}SECURITY={security!r}: give starttls, ssl or none")
        port_text = env.get(PREFIX + "PORT", "465" if security == "ssl" else "587").strip()
        if not port_text.isdigit() or not 0 < int(port_text) < 65536:
            raise BadInput(f"{PREFIX}PORT={port_text!r}: give a port number")
        user = env.get(PREFIX + "USER") or None
        password = env.get(PREFIX + "PASSWORD") or None
        if user and security == "none":
            raise BadInput(f"{PREFIX}USER is set but {PREFIX}SECURITY=none would send the "
                           "password in clear; use starttls or ssl")
        sender = env.get(PREFIX + "FROM") or f"treatywatch@{socket.getfqdn()}"
        return cls(host, int(port_text), security, user, password, sender)


def _line(text: str) -> str:
    return " ".join(str(text).split())[:200]


def message(settings: SmtpSettings, to: str, payload: dict) -> EmailMessage:
    f, a = payload["finding"], payload["article"]
    msg = EmailMessage()
    msg["From"] = settings.sender
    msg["To"] = to
    msg["Subject"] = _line(f"[treatywatch] {f['kind']} · {f['treaty']} · {f['state']}"
                           + (f" · {f['modality']}" if f.get("modality") else ""))
    msg["X-Treatywatch-Delivery"] = str(payload["delivery"])
    evidence = "\n".join(f"  > {_line(e.get('text', ''))}" for e in f.get("evidence") or [])
    msg.set_content(
        f"{f['explanation']}\n\n"
        f"treaty: {f['treaty']}  article: {f.get('treaty_article') or '-'}  state: "
        f"{f['state']}\nkind: {f['kind']}  modality: {f.get('modality') or '-'}  status: "
        f"{f['status']}  judged on: {f.get('on_date') or '-'}\nrule: {f['rule']}\n\n"
        f"evidence:\n{evidence or '  (none)'}\n\n"
        f"article: {_line(a.get('title') or '')}\n{a.get('url') or ''}\n"
    )
    return msg


def send(settings: SmtpSettings, to: str, payload: dict, timeout: float = 20.0) -> None:
    msg = message(settings, to, payload)
    context = ssl.create_default_context()
    if settings.security == "ssl":
        client: smtplib.SMTP = smtplib.SMTP_SSL(settings.host, settings.port, timeout=timeout,
                                               context=context)
    else:
        client = smtplib.SMTP(settings.host, settings.port, timeout=timeout)
    with client:
        client.ehlo()
        if settings.security == "starttls":
            if not client.has_extn("starttls"):
                raise smtplib.SMTPException(
                    f"{settings.host} does not offer STARTTLS; set {PREFIX}SECURITY=none "
                    "only for a relay on this machine")
            client.starttls(context=context)
            client.ehlo()
        if settings.user:
            client.login(settings.user, settings.password or "")
        client.send_message(msg)
