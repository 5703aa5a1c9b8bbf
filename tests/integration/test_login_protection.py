"""Lockout, rate limits, two-factor authentication and re-authentication."""

import time

import pyotp
import pytest
from sqlalchemy import select

from app.models import AuditEntry, User
from tests.integration.conftest import PASSWORD


def login(client, user, password=PASSWORD):
    return client.post("/login", data={"email": user.email, "password": password})


def test_five_failures_lock_the_account_even_for_the_right_password(client, session, lawyer):
    for _ in range(5):
        assert b"E-mail or password is wrong" in login(client, lawyer, "wrong password 1").data
    locked = login(client, lawyer)
    assert locked.status_code == 429
    assert "this account is locked until" in locked.get_data(as_text=True)
    assert client.get("/").status_code == 302  # not logged in
    session.refresh(lawyer)
    assert lawyer.locked_until is not None


def test_a_success_resets_the_failure_count(client, session, lawyer):
    for _ in range(4):
        login(client, lawyer, "wrong password 1")
    assert login(client, lawyer).status_code == 302
    session.refresh(lawyer)
    assert lawyer.failed_logins == 0 and lawyer.locked_until is None


def test_login_attempts_are_rate_limited_per_address(app, client, lawyer, monkeypatch):
    from app.extensions import limiter

    monkeypatch.setitem(app.config, "LOGIN_RATE_LIMIT", "3 per minute")
    limiter.reset()
    try:
        statuses = [client.post("/login", data={"email": f"nobody{i}@example.org", "password": "x" * 12},
                                environ_base={"REMOTE_ADDR": "203.0.113.9"}).status_code for i in range(5)]
        other_address = client.post("/login", data={"email": "a@example.org", "password": "x" * 12},
                                    environ_base={"REMOTE_ADDR": "203.0.113.10"}).status_code
    finally:
        limiter.reset()
    assert statuses[:3] == [422, 422, 422] and statuses[3:] == [429, 429]
    assert other_address == 422


@pytest.fixture
def two_factor_required(app, monkeypatch):
    monkeypatch.setitem(app.config, "REQUIRE_2FA_ROLES", ("supervisor", "admin"))


def test_a_supervisor_must_enrol_before_anything_else(two_factor_required, client, session, make_user):
    supervisor = make_user("supervisor")
    login(client, supervisor)
    assert client.get("/dashboard").headers["Location"] == "/account/two-factor"
    page = client.get("/account/two-factor").get_data(as_text=True)
    assert 'src="data:image/svg+xml;base64,' in page
    session.refresh(supervisor)
    secret = supervisor.totp_secret
    assert client.post("/account/two-factor", data={"code": "000000"}).status_code == 200
    assert client.post("/account/two-factor", data={"code": pyotp.TOTP(secret).now()}).status_code == 302
    assert client.get("/dashboard").status_code == 200
    assert "totp_secret" not in str([e.details for e in session.scalars(select(AuditEntry))])


def test_login_with_two_factor_needs_a_fresh_code_once(two_factor_required, client, session, make_user):
    supervisor = make_user("supervisor")
    supervisor.totp_secret = pyotp.random_base32()
    supervisor.totp_enabled = True
    session.commit()
    response = login(client, supervisor)
    assert response.headers["Location"] == "/login/code"
    assert client.get("/dashboard").status_code == 302  # the password alone is not enough
    code = pyotp.TOTP(supervisor.totp_secret).now()
    assert client.post("/login/code", data={"code": "123456"}).status_code == 200
    assert client.post("/login/code", data={"code": code}).status_code == 302
    assert client.get("/dashboard").status_code == 200
    client.post("/logout")
    login(client, supervisor)
    replay = client.post("/login/code", data={"code": code})
    assert "already used" in replay.get_data(as_text=True)


def test_sensitive_actions_ask_for_the_password_again(client, session, make_user):
    admin = make_user("admin")
    login(client, admin)
    assert client.get("/admin/users/new").status_code == 200
    with client.session_transaction() as flask_session:
        flask_session["authenticated_at"] = time.time() - 3600
    response = client.get("/admin/users/new")
    assert response.status_code == 302 and response.headers["Location"].startswith("/reauth?next=")
    assert b"That is not your password" in client.post(response.headers["Location"],
                                                       data={"password": "wrong password 1"}).data
    confirmed = client.post(response.headers["Location"], data={"password": PASSWORD})
    assert confirmed.headers["Location"].startswith("/admin/users/new")
    assert client.get("/admin/users/new").status_code == 200


def test_passwords_are_stored_as_argon2id(session, lawyer):
    stored = session.scalar(select(User.password_hash).where(User.id == lawyer.id))
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_passwords_never_reach_the_logs(app, client, lawyer, caplog):
    import logging

    caplog.set_level(logging.DEBUG)
    login(client, lawyer, "wrong password 1")
    login(client, lawyer)
    client.post("/reauth", data={"password": PASSWORD})
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert PASSWORD not in logged and "wrong password 1" not in logged
