"""Daily digests, end to end: `flask reminders send` talks to a real SMTP server started here
(aiosmtpd on localhost) and the test reads what arrives."""

from __future__ import annotations

import socket
from email import message_from_bytes
from email.message import Message

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from app.models import ReminderDelivery
from app.services.approvals import decide, request_approval
from app.services.cases import add_party
from app.services.people import create_person
from app.services.timeline import record_event
from tests.integration.conftest import PASSWORD

VICTIM = "Aigerim Bekova"


class Inbox:
    """An SMTP handler keeping every message it accepts."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.port = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append(message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Message]:
        return [m for m in self.messages if m["To"] == address]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def inbox(app, monkeypatch):
    handler = Inbox()
    handler.port = port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    for key, value in {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": port, "MAIL_SECURITY": "none",
                       "MAIL_SENDER": "qorgau@coalition.example", "MAIL_TIMEOUT": 5,
                       "PUBLIC_URL": "https://qorgau.coalition.example"}.items():
        monkeypatch.setitem(app.config, key, value)
    yield handler
    controller.stop()


def send(app, as_of: str):
    return app.test_cli_runner().invoke(args=["reminders", "send", "--as-of", as_of])


def body(message: Message) -> str:
    return message.get_payload(decode=True).decode()


@pytest.fixture
def world(session, case, lawyer, make_user):
    """An appeal term due Mon 24 Jun 2024 (decision served Fri 7 Jun), a reprisal (a critical
    flag), a named victim, and a closure waiting for a supervisor."""
    supervisor = make_user("supervisor")
    terminated = record_event(session, case, {"type": "investigation_terminated", "at": "2024-06-05", "source": "s",
                                              "fields": {"ground": "cpc_35_1_unstated"}}, user=lawyer)
    record_event(session, case, {"type": "decision_served", "at": "2024-06-07", "source": "s",
                                 "fields": {"decision": terminated.uid}}, user=lawyer)
    record_event(session, case, {"type": "reprisal", "at": "2024-06-10", "source": "s",
                                 "fields": {"kind": "threat"}}, user=lawyer)
    add_party(session, case, create_person(session, {"name": VICTIM}), "victim", None)
    approval = request_approval(session, case, "close_case", "The victim moved abroad", lawyer)
    session.commit()
    return supervisor, approval


def test_each_user_gets_their_digest_once_and_by_working_days(app, session, inbox, case, lawyer, world):
    supervisor, _ = world
    result = send(app, "2024-06-19")  # Wed: Thu 20, Fri 21, Mon 24 → 3 working days
    assert result.exit_code == 0, result.output
    assert "2 new digest(s); sent 2, failed 0" in result.output
    [mail] = inbox.to(lawyer.email)
    assert mail["From"] == "qorgau@coalition.example"
    assert mail["Subject"] == "Qorgau: 2 reminders for 19.06.2024"
    text = body(mail)
    assert ("KZ-2021-0001: Complaint to the investigating judge due in 3 working days: Mon 24 Jun 2024 (CPC 106(5))"
            in text)
    assert "KZ-2021-0001: Critical flag (recorded breach): Reprisal." in text
    assert "https://qorgau.coalition.example/cases/KZ-2021-0001#deadlines" in text
    assert VICTIM not in text, "no victim's name leaves the server by e-mail"
    [to_supervisor] = inbox.to(supervisor.email)
    assert "Waiting for your decision: Close the case" in body(to_supervisor)

    again = send(app, "2024-06-19")
    assert again.exit_code == 0 and "0 new digest(s); sent 0" in again.output
    assert len(inbox.messages) == 2, "the same reminder is never sent twice"

    send(app, "2024-06-21")  # Fri: Mon 24 is the next working day → the 1-day reminder, and only it
    later = inbox.to(lawyer.email)[-1]
    assert len(inbox.to(lawyer.email)) == 2
    assert "due in 1 working day: Mon 24 Jun 2024" in body(later) and "Critical flag" not in body(later)


def test_a_seven_day_reminder_counts_working_days_not_calendar_days(app, inbox, lawyer, world):
    send(app, "2024-06-14")  # Fri: Mon 17 … Fri 21, Mon 24 → 6 working days, within the 7-day reminder
    assert "due in 6 working days: Mon 24 Jun 2024" in body(inbox.to(lawyer.email)[0])


def test_a_failed_send_is_reported_retried_and_never_lost(app, session, inbox, client, lawyer, world, monkeypatch):
    supervisor, approval = world
    send(app, "2024-06-19")
    decide(session, approval, approve=False, comment="An appeal is still possible", user=supervisor)
    session.commit()
    monkeypatch.setitem(app.config, "MAIL_PORT", free_port())  # nobody listens there
    failed = send(app, "2024-06-19")
    assert failed.exit_code == 1
    assert "1 new digest(s); sent 0, failed 1" in failed.output and "will be retried" in failed.output
    delivery = session.scalar(select(ReminderDelivery).where(ReminderDelivery.status == "failed"))
    assert delivery.attempts == 1 and "ConnectionRefusedError" in delivery.last_error
    client.post("/login", data={"email": lawyer.email, "password": PASSWORD})
    assert "ConnectionRefusedError" in client.get("/reminders").get_data(as_text=True)

    monkeypatch.setitem(app.config, "MAIL_PORT", inbox.port)  # the server is reachable again
    retried = send(app, "2024-06-19")
    assert retried.exit_code == 0 and "0 new digest(s); sent 1, failed 0" in retried.output
    decisions = [m for m in inbox.to(lawyer.email) if "Your request was rejected" in body(m)]
    assert len(decisions) == 1 and "An appeal is still possible" in body(decisions[0])
    session.expire_all()
    assert (delivery.status, delivery.attempts) == ("sent", 2)


def test_without_an_smtp_server_the_command_says_so_and_the_page_still_lists(app, client, lawyer, world, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SERVER", None)
    result = send(app, "2024-06-19")
    assert result.exit_code != 0 and "no SMTP server configured" in result.output
    client.post("/login", data={"email": lawyer.email, "password": PASSWORD})
    page = client.get("/reminders").get_data(as_text=True)
    assert "E-mail is not configured" in page and "Critical flag (recorded breach): Reprisal." in page
