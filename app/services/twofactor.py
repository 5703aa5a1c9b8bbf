"""Two-factor authentication with time-based one-time passwords (RFC 6238, pyotp).

Any authenticator app works (FreeOTP, Aegis, Google Authenticator). A code is accepted
once: the time step it belongs to is remembered, so an observed code cannot be replayed.
"""

from __future__ import annotations

import base64
import io
import time

import pyotp
import qrcode
import qrcode.image.svg

from app.models import User

ISSUER = "Qorgau"
STEP_SECONDS = 30


def start_enrolment(user: User) -> str:
    """A new secret for the user (not yet enabled until a code proves the app has it)."""
    user.totp_secret = pyotp.random_base32()
    user.totp_enabled = False
    return user.totp_secret


def provisioning_uri(user: User) -> str:
    return pyotp.TOTP(user.totp_secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def qr_data_uri(user: User) -> str:
    """The provisioning URI as an SVG QR code in a data: URI (allowed by the CSP's img-src)."""
    image = qrcode.make(provisioning_uri(user), image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    out = io.BytesIO()
    image.save(out)
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode()


def verify(user: User, code: str, *, now: float | None = None) -> bool:
    """Check a code (the current step or one either side, for clock drift), once only."""
    code = "".join(ch for ch in (code or "") if ch.isdigit())
    if not user.totp_secret or len(code) != 6:
        return False
    now = time.time() if now is None else now
    totp = pyotp.TOTP(user.totp_secret)
    current = int(now // STEP_SECONDS)
    for step in (current - 1, current, current + 1):
        if pyotp.utils.strings_equal(totp.at(step * STEP_SECONDS), code):
            if user.totp_last_step is not None and step <= user.totp_last_step:
                return False  # already used: a replay
            user.totp_last_step = step
            return True
    return False


def confirm_enrolment(user: User, code: str, *, now: float | None = None) -> bool:
    if verify(user, code, now=now):
        user.totp_enabled = True
        return True
    return False
