"""Sending e-mail through the configured SMTP server (the standard library's smtplib)."""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any


class MailNotConfigured(RuntimeError):
    """No MAIL_SERVER: reminders stay in the app."""


@dataclass(frozen=True)
class SmtpMailer:
    host: str
    port: int
    sender: str
    security: str = "starttls"  # starttls / ssl / none
    username: str | None = None
    password: str | None = None
    timeout: float = 30

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> SmtpMailer:
        if not config.get("MAIL_SERVER"):
            raise MailNotConfigured("no SMTP server configured (QORGAU_MAIL_SERVER): reminders are in the app only")
        security = config.get("MAIL_SECURITY", "starttls")
        if security not in ("starttls", "ssl", "none"):
            raise MailNotConfigured(f"QORGAU_MAIL_SECURITY must be starttls, ssl or none, not {security!r}")
        return cls(config["MAIL_SERVER"], int(config.get("MAIL_PORT", 25)),
                   config.get("MAIL_SENDER", "qorgau@localhost"), security, config.get("MAIL_USERNAME"),
                   config.get("MAIL_PASSWORD"), float(config.get("MAIL_TIMEOUT", 30)))

    def send(self, to: str, subject: str, body: str) -> str:
        """Send one plain-text message; returns its Message-ID. Raises on any failure."""
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = self.sender, to, subject
        message["Message-ID"] = make_msgid(domain=self.sender.rpartition("@")[2] or None)
        message.set_content(body)
        context = ssl.create_default_context()
        if self.security == "ssl":
            client: smtplib.SMTP = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=context)
        else:
            client = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        with client:
            if self.security == "starttls":
                client.starttls(context=context)
            if self.username:
                client.login(self.username, self.password or "")
            client.send_message(message)
        return message["Message-ID"]
