"""How many SQL statements each main page sends: the same for a small and a large record.

Not a timing test. Each test builds a small and a large version of the same thing (a case
with 2 events and one of 20; a list with 1 case and one with 10; ...), fetches the page for
both and asserts that the number of statements is the same and at most an explicit bound,
so that a query per row (an "N+1") cannot come back unnoticed. Transaction control
(BEGIN, SAVEPOINT, RELEASE) is not counted: it differs between SQLite and PostgreSQL.

A bound is the page's count today: when a change adds a statement on purpose, raise the
bound in the same change and say why.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from sqlalchemy import select

from app.drafts.provisions import BY_COMMITTEE
from app.models import CaseAssignment, CaseFlag, Event, FlagAcknowledgement, User
from app.services.cases import add_party, create_case
from app.services.drafts import create_draft
from app.services.people import create_person
from app.services.timeline import correct_event, local_now, record_event
from tests.integration.conftest import PASSWORD, recorded_statements

# The number of statements of each page (supervisor's view), whatever the size of the record.
BOUNDS = {
    "dashboard": 9,
    "dashboard_filtered": 9,
    "case_list": 4,
    "case_search": 4,
    "case_page": 14,
    "people_search": 2,
    "people_index": 2,
    "draft_page": 16,  # + the linked files, the family ties, the case-law library, the representative
}

# A timeline of 20 events in procedural order; a case gets its first n.
TIMELINE = (
    ("complaint_filed", {"to_body": "prosecutor", "by": "lawyer"}),
    ("registered_urpti", {"qualification": "CC 146(2)"}),
    ("apprehension", {"place_type": "police_station", "place": "Almaty District police station"}),
    ("detention_recorded", {}),
    ("medical_exam", {"kind": "admission", "injuries": True}),
    ("interrogation", {"with_lawyer": False}),
    ("incident", {"place": "interrogation room"}),
    ("forwarded_without_registration", {"to_body": "dis", "implicated": True}),
    ("investigation_opened", {"form": "full_investigation", "investigating_body": "police"}),
    ("forensic_exam_ordered", {"kind": "forensic_fme"}),
    ("forensic_exam_result", {"kind": "forensic_fme", "finding": "consistent"}),
    ("victim_status_recognized", {}),
    ("reprisal", {"kind": "threat"}),
    ("investigation_terminated", {"ground": "no_event"}),
    ("decision_served", {}),
    ("appeal_filed", {"to_body": "investigating_judge"}),
    ("appeal_decided", {"outcome": "rejected"}),
    ("appeal_filed", {"to_body": "regional_court"}),
    ("appeal_decided", {"outcome": "rejected"}),
    ("un_communication_submitted", {"committee": "CAT"}),
)
ROLES = ("victim", "complainant", "alleged_perpetrator", "witness", "counsel", "official")


def statements_of(app, session, client, path: str) -> int:
    """Statements of one request, with an empty identity map as every real request starts with
    (the tests share one session with the requests they make)."""
    first = client.get(path)  # anything done once per process is done now
    assert first.status_code == 200, path
    session.expunge_all()
    with recorded_statements(app) as statements:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(statements)


@pytest.fixture
def supervisor(make_user):
    return make_user("supervisor")


@pytest.fixture
def as_supervisor(app, supervisor):
    client = app.test_client()
    response = client.post("/login", data={"email": supervisor.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


@pytest.fixture
def make_case(session, lawyer):
    """A case with ``events`` events of TIMELINE, ``people`` people and more lawyers (ids)."""
    made = []
    lawyer_id = lawyer.id

    def make(*, events: int, people: int = 1, lawyers=(), region: str = "almaty_city",
             name: str = "Айниязов Куаныш", corrections: int = 0):
        author = session.get(User, lawyer_id)
        case = create_case(session, reference=f"KZ-2021-{len(made) + 1:04d}", created_by=author,
                           data={"title": f"Beating in custody {len(made) + 1}", "region": region,
                                 "perpetrator_agency": "police"})
        for other in lawyers:
            case.assignments.append(CaseAssignment(user_id=other))
        for index in range(people):
            person = create_person(session, {"name": f"{name} {index}" if index else name,
                                             "aliases": ["Ayniyazov Kuanysh", "Ainiyazov Kuanysh"]})
            add_party(session, case, person, ROLES[index % len(ROLES)], None)
        recorded: list[Event] = []
        for index, (kind, fields) in enumerate(TIMELINE[:events]):
            fields = dict(fields)
            if kind == "decision_served":
                fields["decision"] = next(e.uid for e in recorded if e.type == "investigation_terminated")
            if kind == "incident":
                fields["description"] = "beaten during the interrogation"
            recorded.append(record_event(session, case, {
                "type": kind, "at": f"2021-01-{index + 1:02d}", "source": "lawyer's file",
                "body": "investigating_judge" if kind == "appeal_decided" else None, "fields": fields}, user=author))
        for event_ in recorded[:corrections]:
            correct_event(session, event_, {**event_.snapshot(), "notes": "date checked against the file"},
                          user=author, reason="checked", expected_version=event_.version)
        session.commit()
        made.append(case.id)
        return case.reference, case.id

    return make


def acknowledge_all(session, cases, users) -> None:
    """Acknowledge every flag of these cases (ids): each case's by the next of ``users`` (ids)."""
    for index, (_, case_id) in enumerate(cases):
        for flag in session.scalars(select(CaseFlag).where(CaseFlag.case_id == case_id).order_by(CaseFlag.id)):
            session.add(FlagAcknowledgement(case_id=case_id, flag_key=flag.key, rule=flag.rule, comment="seen",
                                            user_id=users[index % len(users)]))
    session.commit()


def assert_same(small: int, large: int, page: str) -> None:
    assert small == large, f"{page}: {small} statements for the small record, {large} for the large one"
    assert large <= BOUNDS[page], f"{page}: {large} statements, more than the bound of {BOUNDS[page]}"


def test_dashboard_same_for_1_and_10_cases(app, session, as_supervisor, make_case, make_user):
    other = make_user("supervisor").id
    first = make_case(events=1)
    acknowledge_all(session, [first], [other])
    small = statements_of(app, session, as_supervisor, "/dashboard")
    more = [make_case(events=1) for _ in range(9)]
    acknowledge_all(session, more, [other])
    large = statements_of(app, session, as_supervisor, "/dashboard")
    assert_same(small, large, "dashboard")


def test_dashboard_filtered_same_for_1_and_10_cases(app, session, as_supervisor, make_case, lawyer):
    query = f"lawyer={lawyer.id}&severity=critical&region="
    make_case(events=1, region="abai")
    for _ in range(10):
        make_case(events=1, region="astana")
    small = statements_of(app, session, as_supervisor, f"/dashboard?{query}abai")
    large = statements_of(app, session, as_supervisor, f"/dashboard?{query}astana")
    assert_same(small, large, "dashboard_filtered")


def test_dashboard_same_for_1_and_3_acknowledging_users(app, session, as_supervisor, make_case, make_user):
    users = [make_user("supervisor").id for _ in range(3)]
    cases = [make_case(events=1) for _ in range(3)]
    acknowledge_all(session, cases, users[:1])
    small = statements_of(app, session, as_supervisor, "/dashboard")
    session.execute(FlagAcknowledgement.__table__.delete())
    acknowledge_all(session, cases, users)
    large = statements_of(app, session, as_supervisor, "/dashboard")
    assert_same(small, large, "dashboard")


def test_case_list_same_for_1_and_10_cases(app, session, as_supervisor, make_case):
    make_case(events=2, region="abai")
    for _ in range(10):
        make_case(events=2, region="astana")
    small = statements_of(app, session, as_supervisor, "/?region=abai&stage=investigation")
    large = statements_of(app, session, as_supervisor, "/?region=astana&stage=investigation")
    assert_same(small, large, "case_list")


def test_case_list_search_same_for_1_and_10_cases(app, session, as_supervisor, make_case):
    make_case(events=2, people=2, name="Калиев Ерлан")
    for _ in range(10):
        make_case(events=2, people=2, name="Отепбаев Бауыржан")
    small = statements_of(app, session, as_supervisor, "/?q=" + quote("калиев"))
    large = statements_of(app, session, as_supervisor, "/?q=" + quote("отепбаев"))
    assert_same(small, large, "case_search")


def test_case_page_same_for_2_and_20_events(app, session, as_supervisor, make_case, make_user):
    small_case, _ = make_case(events=2, people=1)
    others = [make_user("lawyer").id, make_user("lawyer").id]
    large_case, _ = make_case(events=20, people=6, lawyers=others, corrections=3)
    small = statements_of(app, session, as_supervisor, f"/cases/{small_case}")
    large = statements_of(app, session, as_supervisor, f"/cases/{large_case}")
    assert_same(small, large, "case_page")


def test_person_search_same_for_1_and_10_people(app, session, as_supervisor, make_case):
    make_case(events=1, people=1, name="Калиев Ерлан")
    make_case(events=1, people=10, name="Отепбаев Бауыржан")
    small = statements_of(app, session, as_supervisor, "/people/?q=" + quote("калиев"))
    large = statements_of(app, session, as_supervisor, "/people/?q=otepbaev")  # Latin finds the Cyrillic name
    assert_same(small, large, "people_search")


def test_people_index_same_for_1_and_10_people(app, session, as_supervisor, make_case):
    make_case(events=1, people=1)
    small = statements_of(app, session, as_supervisor, "/people/")
    make_case(events=1, people=9)
    large = statements_of(app, session, as_supervisor, "/people/")
    assert_same(small, large, "people_index")


def test_draft_page_same_for_small_and_large_case(app, session, as_supervisor, make_case, lawyer):
    from app.models import Case

    provisions = [BY_COMMITTEE["CAT"][0].code]
    author = lawyer.id
    draft_ids = []
    for _, case_id in (make_case(events=2, people=1), make_case(events=20, people=6)):
        case = session.get(Case, case_id)
        draft = create_draft(session, case, committee="CAT", language="en", provisions=provisions,
                             user=session.get(User, author), now=local_now())
        session.commit()
        draft_ids.append(draft.id)
    small = statements_of(app, session, as_supervisor, f"/drafts/{draft_ids[0]}")
    large = statements_of(app, session, as_supervisor, f"/drafts/{draft_ids[1]}")
    assert_same(small, large, "draft_page")
