"""The engine in the app: derived rows, case page, dashboard, CSV, calendar feed, catalogue."""

import csv
import io
import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.models import CalendarToken, CaseDeadline, CaseFlag, FlagAcknowledgement
from app.procedure.law import RULES
from app.services.timeline import correct_event, local_now, record_event
from tests.integration.conftest import PASSWORD

SEED = Path(__file__).resolve().parents[2] / "seed"


def login(client, user):
    client.post("/logout")
    assert client.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 302
    return client


@pytest.fixture
def terminated(session, case, lawyer):
    """A case terminated 'for lack of evidence' five days ago and never served."""
    day = (local_now() - timedelta(days=5)).strftime("%Y-%m-%d")
    event = record_event(session, case, {"type": "investigation_terminated", "at": day, "source": "s",
                                         "fields": {"ground": "cpc_35_1_unstated"}}, user=lawyer)
    session.commit()
    return event


def test_an_event_write_refreshes_the_derived_rows_in_the_same_transaction(session, terminated, case, lawyer):
    rules = set(session.scalars(select(CaseFlag.rule).where(CaseFlag.case_id == case.id)))
    assert {"terminated-lack-of-evidence", "decision-not-served"} <= rules
    judge = session.scalar(select(CaseDeadline).where(CaseDeadline.rule == "appeal-to-investigating-judge-15d"))
    assert judge.due is None and judge.outcome == "cannot-compute"
    served_on = (local_now() - timedelta(days=4)).strftime("%Y-%m-%d")
    record_event(session, case, {"type": "decision_served", "at": served_on, "source": "s",
                                 "fields": {"decision": terminated.uid}}, user=lawyer)
    judge = session.scalar(select(CaseDeadline).where(CaseDeadline.rule == "appeal-to-investigating-judge-15d"))
    assert judge.outcome is None and judge.due is not None
    assert judge.status_at(local_now()) == "running"
    # served the day after the decision, within the 3 days: no flag at all
    assert session.scalar(select(CaseFlag).where(CaseFlag.rule == "decision-not-served")) is None


def test_correcting_an_event_recomputes(session, terminated, case, lawyer):
    correct_event(session, terminated, {"at": terminated.when.isoformat(), "source": "s",
                                        "fields": {"ground": "amnesty"}},
                  user=lawyer, reason="the decision cites the amnesty law", expected_version=terminated.version)
    rules = set(session.scalars(select(CaseFlag.rule).where(CaseFlag.case_id == case.id)))
    assert "terminated-lack-of-evidence" not in rules


def test_case_page_shows_flags_with_basis_and_deadlines(logged_in, terminated, case):
    page = logged_in.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert "Terminated for lack of evidence" in page
    assert "Legal basis: CPC 35(1); CAT arts. 12-13" in page
    assert "the decision was never served, so the 15 days cannot be counted" in page
    assert "Acknowledge with a comment" not in page  # lawyers do not acknowledge


def test_only_supervisors_acknowledge_and_the_comment_survives_recomputation(
        app, client, session, terminated, case, lawyer, make_user):
    flag = session.scalar(select(CaseFlag).where(CaseFlag.rule == "terminated-lack-of-evidence"))
    url = f"/cases/{case.reference}/flags/{flag.id}/acknowledge"
    login(client, lawyer)
    assert client.post(url, data={"comment": "seen"}).status_code == 403
    supervisor = make_user("supervisor")
    login(client, supervisor)
    assert client.post(url, data={"comment": ""}).status_code == 302
    assert session.scalar(select(FlagAcknowledgement)) is None
    client.post(url, data={"comment": "complaint to the judge drafted"})
    result = app.test_cli_runner().invoke(args=["flags", "recompute"])
    assert "Recomputed 1 case(s)" in result.output
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert f"Acknowledged by {supervisor.full_name}" in page
    assert "complaint to the judge drafted" in page


def test_dashboard_lists_overdue_soon_flags_and_quiet_cases_with_filters(logged_in, session, case, lawyer):
    now = local_now()
    # Hour terms never move, so the sections do not depend on today's weekday or holidays.
    minute = "%Y-%m-%dT%H:%M"
    record_event(session, case, {"type": "complaint_filed", "at": (now - timedelta(hours=30)).strftime(minute),
                                 "source": "s", "fields": {"to_body": "prosecutor"}}, user=lawyer)
    from app.services.cases import create_case

    other = create_case(session, reference="KZ-2026-0002", data={"title": "Soon", "region": "zhambyl"},
                        created_by=lawyer)
    record_event(session, other, {"type": "complaint_filed", "at": (now - timedelta(hours=2)).strftime(minute),
                                  "source": "s", "fields": {"to_body": "prosecutor"}}, user=lawyer)
    session.commit()
    page = logged_in.get("/dashboard").get_data(as_text=True)
    overdue = page.split('id="overdue"')[1].split('id="soon"')[0]
    soon = page.split('id="soon"')[1].split('id="flags"')[0]
    assert case.reference in overdue and other.reference not in overdue
    assert other.reference in soon
    assert case.reference in page.split('id="flags"')[1]  # the critical unregistered-complaint flag
    filtered = logged_in.get("/dashboard?region=zhambyl").get_data(as_text=True)
    assert case.reference not in filtered.split('id="overdue"')[1].split('id="quiet"')[0]
    by_rule = logged_in.get("/dashboard?rule=vcf-application-3y").get_data(as_text=True)  # no such deadline here
    assert "No term has passed without its step on record." in by_rule


def test_dashboard_csv_guards_against_formulas(logged_in, session, lawyer):
    from app.services.cases import create_case

    evil = create_case(session, reference="KZ-2026-0666", data={"title": "=HYPERLINK(\"http://x\")"},
                       created_by=lawyer)
    record_event(session, evil, {"type": "reprisal", "at": "2026-01-05", "source": "s",
                                 "fields": {"kind": "threat"}}, user=lawyer)
    session.commit()
    response = logged_in.get("/dashboard.csv")
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0][:3] == ["section", "case", "title"]
    row = next(r for r in rows if r[1] == "KZ-2026-0666")
    assert row[2] == "'=HYPERLINK(\"http://x\")"


def test_calendar_feed_needs_a_live_token(client, session, logged_in, terminated, case, lawyer):
    record_event(session, case, {"type": "asylum_refused", "at": local_now().strftime("%Y-%m-%d"), "source": "s"},
                 user=lawyer)
    session.commit()
    page = logged_in.post("/calendar/tokens").get_data(as_text=True)
    url = page.split('<code class="secret">')[1].split("</code>")[0]
    path = url.split("localhost", 1)[1]
    logged_in.post("/logout")
    feed = client.get(path)
    assert feed.status_code == 200 and feed.mimetype == "text/calendar"
    body = feed.get_data(as_text=True)
    assert "BEGIN:VCALENDAR" in body and f"{case.reference}: Asylum appeal to court" in body
    assert client.get("/calendar/feed/not-a-token.ics").status_code == 404
    login(client, lawyer)
    token_id = session.scalar(select(CalendarToken.id))
    assert client.post(f"/calendar/tokens/{token_id}/revoke").status_code == 302
    client.post("/logout")
    assert client.get(path).status_code == 404


def test_rule_catalogue_lists_every_rule_with_basis_and_verify_marks(logged_in):
    page = logged_in.get("/rules").get_data(as_text=True)
    for rule in RULES:
        assert f'id="{rule.id}"' in page
        assert rule.basis.split(";")[0].replace("'", "&#39;") in page
    assert page.count('class="verify"') >= 5


def test_evaluate_command_follows_its_contract(app, tmp_path):
    result = app.test_cli_runner().invoke(args=["cases", "evaluate", str(SEED / "zhilin.json"),
                                                "--as-of", "2022-12-03T12:00", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) >= {"stages", "deadlines", "flags"}
    assert data["stages"] == ["asylum"]
    asylum = next(d for d in data["deadlines"] if d["rule"] == "asylum-appeal-1m")
    assert asylum == {"rule": "asylum-appeal-1m", "from_event": 1, "due": "2022-12-30", "status": "running"}
    # the expulsion ordered with the conviction of 2 December 2022 (event 3), within the month to appeal
    assert [(f["rule"], f["severity"], f["basis"], f["events"]) for f in data["flags"]] == [
        ("refoulement-risk", "critical", "record", [1, 3])]


def test_seeded_cases_raise_the_flags_the_sources_describe(app, session):
    app.test_cli_runner().invoke(args=["seed"])
    now = datetime(2026, 11, 23, 12, 0)

    def rules(reference):
        return set(session.scalars(
            select(CaseFlag.rule).join(CaseFlag.case).where(CaseFlag.case.has(reference=reference))
            .where((CaseFlag.active_from.is_(None)) | (CaseFlag.active_from <= now))))

    assert {"minor-without-representative", "no-medical-care", "decision-not-served",
            "terminated-lack-of-evidence", "reprisal"} <= rules("KZ-2021-KAZANTSEV")
    assert {"unofficial-place-of-detention", "forwarded-to-implicated-body", "evidence-ignored",
            "terminated-lack-of-evidence"} <= rules("KZ-2022-AYNIYAZOV")
    assert "refoulement-risk" in rules("KZ-2022-ZHILIN")
    for name in ("ANAFIYAEV", "RAKHMETOV", "OTEPBAEV", "MUKASHEV", "ZHOTABAEV", "KALIEV"):
        assert "death-in-custody" in rules(f"KZ-2022-{name}")
    for name in ("SERZHAN", "SHARIPOV", "ZHAPISHEVA", "ABILSEITOVA"):
        assert "forwarded-to-implicated-body" in rules(f"KZ-2021-{name}")


def test_someone_elses_calendar_token_cannot_be_revoked(logged_in, session, make_user):
    from app.services.calendar_feed import issue_token

    other = make_user("lawyer")
    issue_token(session, other)
    session.commit()
    token_id = session.scalar(select(CalendarToken.id).where(CalendarToken.user_id == other.id))
    assert logged_in.post(f"/calendar/tokens/{token_id}/revoke").status_code == 404
    assert session.get(CalendarToken, token_id).revoked_at is None


def test_each_event_write_keeps_the_day_of_the_cases_latest_event(session, case, lawyer):
    from datetime import date

    from app.models import Case
    from app.services.timeline import record_event

    assert case.last_event_on is None
    record_event(session, case, {"type": "complaint_filed", "at": "2024-03-01", "source": "s",
                                 "fields": {"to_body": "prosecutor"}}, user=lawyer)
    record_event(session, case, {"type": "incident", "at": "2023-01", "source": "s"}, user=lawyer)
    session.commit()
    session.expire_all()
    assert session.get(Case, case.id).last_event_on == date(2024, 3, 1)
