"""The audit trail records every write with before and after, and the reads that matter."""

from sqlalchemy import select

from app.models import AuditEntry
from app.services.timeline import correct_event, record_event
from tests.integration.conftest import PASSWORD


def entries(session, **where):
    query = select(AuditEntry).order_by(AuditEntry.id)
    for key, value in where.items():
        query = query.where(getattr(AuditEntry, key) == value)
    return list(session.scalars(query))


def test_writes_are_recorded_with_who_before_and_after(logged_in, session, case, lawyer):
    logged_in.post(f"/cases/{case.reference}/events/new?type=release", data={"at": "2021-01-18", "source": "s"})
    created = entries(session, object_type="Event", action="create")
    assert len(created) == 1
    assert created[0].user_id == lawyer.id and created[0].actor == lawyer.email
    assert created[0].case_id == case.id and created[0].details["after"]["type"] == "release"
    event = session.get(type(case).events.property.mapper.class_, int(created[0].object_id))
    correct_event(session, event, {"at": "2021-01-19", "source": "s"}, user=lawyer, reason="stamp",
                  expected_version=event.version)
    session.commit()
    update = entries(session, object_type="Event", action="update")[-1]
    assert update.details["before"]["occurred_on"] == "2021-01-18"
    assert update.details["after"]["occurred_on"] == "2021-01-19"
    assert update.actor == "system"  # written outside a request


def test_secrets_never_reach_the_trail(session, make_user):
    make_user("lawyer")
    for entry in entries(session, object_type="User"):
        assert "password_hash" not in entry.details["after"]
        assert PASSWORD not in str(entry.details)


def test_views_exports_and_downloads_are_recorded(app, logged_in, session, case, lawyer):
    logged_in.get(f"/cases/{case.reference}")
    logged_in.get("/dashboard.csv")
    app.test_cli_runner().invoke(args=["cases", "export", case.reference])
    actions = [(e.action, e.actor) for e in entries(session) if e.action in ("view", "export")]
    assert ("view", lawyer.email) in actions
    assert ("export", lawyer.email) in actions
    assert ("export", "cli") in actions


def test_only_supervisors_read_the_trail(logged_in, client, session, case, make_user):
    record_event(session, case, {"type": "release", "at": "2021-01-18", "source": "s"}, user=None)
    session.commit()
    assert logged_in.get(f"/audit/cases/{case.reference}").status_code == 403
    supervisor = make_user("supervisor")
    client.post("/logout")
    client.post("/login", data={"email": supervisor.email, "password": PASSWORD})
    page = client.get(f"/audit/cases/{case.reference}").get_data(as_text=True)
    assert "Event" in page and "create" in page
    assert client.get(f"/audit/users/{supervisor.id}").status_code == 200
    assert client.get("/audit/cases/KZ-0000-NONE").status_code == 404
