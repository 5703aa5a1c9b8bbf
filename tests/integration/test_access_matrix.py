"""Need-to-know access, walked exhaustively (app/services/access.py).

Every rule of ``app.url_map`` × every role × three targets × every method the rule accepts:

- "own": a case the user is assigned to, furnished with an event, a person, a draft, a
  red flag (a reprisal), and the records hanging off it;
- "other": a case assigned to somebody else, furnished alike;
- "missing": a reference and ids that do not exist.

Seeing a case one may not see must look exactly like a case that does not exist: the same
404 and the same page. A rule that is not in the table below fails the test, so a new page
cannot escape the matrix. The public endpoints (login, static files, the calendar feed
behind its token) are checked separately, and so is content that could leak through lists:
case list and search, people list and search, the add-person candidates, the dashboard
and its CSV, the calendar feed, the linked-case checkboxes of the event form.

Every request of the walk runs in a savepoint rolled back after it, so each one sees the
same untouched world (a supervisor's unassign or a regeneration does not change the next
request's answer).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.models import CalendarToken, CaseAssignment, CaseFlag, CaseLaw, CaseParty, DraftVersion, Event
from app.services.approvals import request_approval
from app.services.assignments import assign_lawyer
from app.services.calendar_feed import issue_token
from app.services.cases import add_party, create_case
from app.services.drafts import create_draft
from app.services.files import Vault, store
from app.services.people import create_person
from app.services.person_details import add_relation
from app.services.timeline import local_now, record_event
from app.views.auth import PUBLIC_ENDPOINTS
from tests.integration.conftest import PASSWORD, row_counts

ROLES = ("lawyer", "supervisor", "admin")
TARGETS = ("own", "other", "missing")
MAX_ID = 2**31 - 1
MISSING_REFERENCE = "KZ-2099-9999"  # well-formed, never created
CSRF_TOKEN = re.compile(rb'name="csrf_token" value="[^"]*"')

# Public endpoints: no login; checked by the tests at the end of this file.
PUBLIC = frozenset({"auth.login", "auth.login_code", "static", "calendar.feed_ics", "language.switch"})

# Query strings some rules need to reach their real work (the event form of one type).
QUERY = {"events.new": {"type": "reprisal"}}

# The expected status of every (rule, method) for each role and target; POSTs send an empty
# form (CSRF is off in tests). "·" marks a rule without a record in its URL: it is asked
# once. 422 is a refused form, 302 a redirect after a write or a flash, 403 a page the role
# may not use whatever the record (the same for every target, so it tells nothing either).
# The target of calendar.revoke is a calendar token (own: the user's, other: another
# lawyer's); the user_id of admin.unassign, admin.deactivate and audit.user_trail is the case's lawyer;
# the approval_id is a closure the case's lawyer requested.
MATRIX = """
# endpoint               method  |  lawyer          |  supervisor      |  admin
#                                |  own other miss  |  own other miss  |  own other miss
cases.index              GET        200   ·    ·       200   ·    ·       200   ·    ·
cases.new                GET        200   ·    ·       200   ·    ·       200   ·    ·
cases.new                POST       422   ·    ·       422   ·    ·       422   ·    ·
cases.show               GET        200  404  404      200  200  404      200  404  404
cases.edit               GET        200  404  404      200  200  404      200  404  404
cases.edit               POST       422  404  404      422  422  404      422  404  404
cases.add_person         GET        200  404  404      200  200  404      200  404  404
cases.add_person         POST       422  404  404      422  422  404      422  404  404
events.new               GET        200  404  404      200  200  404      200  404  404
events.new               POST       422  404  404      422  422  404      422  404  404
events.edit              GET        200  404  404      200  200  404      200  404  404
events.edit              POST       422  404  404      422  422  404      422  404  404
events.history           GET        200  404  404      200  200  404      200  404  404
events.retract           GET        200  404  404      200  200  404      200  404  404
events.retract           POST       422  404  404      422  422  404      422  404  404
events.move              POST       400  404  404      400  400  404      400  404  404
events.confirm_absence   POST       302  404  404      302  302  404      302  404  404
dashboard.acknowledge    POST       403  403  403      302  302  404      302  404  404
drafts.new               GET        200  404  404      200  200  404      200  404  404
drafts.new               POST       422  404  404      422  422  404      422  404  404
drafts.show              GET        200  404  404      200  200  404      200  404  404
drafts.docx              GET        200  404  404      200  200  404      200  404  404
drafts.edit              GET        200  404  404      200  200  404      200  404  404
drafts.edit              POST       422  404  404      422  422  404      422  404  404
drafts.regenerate_view   POST       302  404  404      302  302  404      302  404  404
people.index             GET        200   ·    ·       200   ·    ·       200   ·    ·
people.show              GET        200  404  404      200  200  404      200  404  404
people.edit              GET        200  404  404      200  200  404      200  404  404
people.edit              POST       422  404  404      422  422  404      422  404  404
people.relate            POST       422  404  404      422  422  404      422  404  404
people.unrelate          POST       302  404  404      302  302  404      302  404  404
dashboard.index          GET        200   ·    ·       200   ·    ·       200   ·    ·
dashboard.export_csv     GET        200   ·    ·       200   ·    ·       200   ·    ·
dashboard.catalogue      GET        200   ·    ·       200   ·    ·       200   ·    ·
calendar.index           GET        200   ·    ·       200   ·    ·       200   ·    ·
calendar.new_token       POST       200   ·    ·       200   ·    ·       200   ·    ·
calendar.revoke          POST       302  404  404      302  404  404      302  404  404
admin.assignments        GET        403   ·    ·       200   ·    ·       200   ·    ·
admin.assign             POST       403  403  403      302  302  404      302  302  404
admin.unassign           POST       403  403  403      302  302  404      302  302  404
admin.users              GET        403   ·    ·       403   ·    ·       200   ·    ·
admin.new_user           GET        403   ·    ·       403   ·    ·       200   ·    ·
admin.new_user           POST       403   ·    ·       403   ·    ·       422   ·    ·
admin.procedures         GET        403   ·    ·       403   ·    ·       200   ·    ·
admin.procedures         POST       403   ·    ·       403   ·    ·       302   ·    ·
files.upload             POST       302  404  404      302  302  404      302  404  404
files.download           GET        200  404  404      200  200  404      200  404  404
files.archive_file       POST       302  404  404      302  302  404      302  404  404
files.details            GET        200  404  404      200  200  404      200  404  404
files.details            POST       302  404  404      302  302  404      302  404  404
audit.users              GET        403   ·    ·       200   ·    ·       403   ·    ·
audit.case_trail         GET        403  403  403      200  200  404      403  403  403
audit.user_trail         GET        403  403  403      200  200  404      403  403  403
dossier.download         GET        200  404  404      200  200  404      200  404  404
vocabularies.index       GET        403   ·    ·       403   ·    ·       200   ·    ·
vocabularies.add         POST       403   ·    ·       403   ·    ·       422   ·    ·
vocabularies.edit        POST       403   ·    ·       403   ·    ·       404   ·    ·
vocabularies.activate    POST       403   ·    ·       403   ·    ·       404   ·    ·
caselaw.index            GET        403   ·    ·       403   ·    ·       200   ·    ·
caselaw.edit             GET        403  403  403      403  403  403      200  200  404
caselaw.edit             POST       403  403  403      403  403  403      422  422  404
statistics.overview      GET        200   ·    ·       200   ·    ·       200   ·    ·
statistics.export_csv    GET        200   ·    ·       200   ·    ·       200   ·    ·
statistics.vocabularies  GET        200   ·    ·       200   ·    ·       200   ·    ·
imports.upload           GET        200   ·    ·       200   ·    ·       200   ·    ·
imports.upload           POST       422   ·    ·       422   ·    ·       422   ·    ·
imports.confirm          POST       302   ·    ·       302   ·    ·       302   ·    ·
imports.cancel           POST       302   ·    ·       302   ·    ·       302   ·    ·
imports.template_csv_file GET       200   ·    ·       200   ·    ·       200   ·    ·
imports.template_xlsx_file GET      200   ·    ·       200   ·    ·       200   ·    ·
supervision.request_view POST       422  404  404      422  422  404      422  404  404
supervision.decide_view  POST       403  404  404      422  422  404      403  404  404
supervision.cancel_view  POST       302  404  404      403  403  404      403  404  404
supervision.reopen       POST       403  404  404      302  302  404      403  404  404
supervision.queue        GET        403   ·    ·       200   ·    ·       403   ·    ·
un.index                 GET        200   ·    ·       200   ·    ·       200   ·    ·
un.export_csv            GET        200   ·    ·       200   ·    ·       200   ·    ·
reminders.mine           GET        200   ·    ·       200   ·    ·       200   ·    ·
admin.handover           GET        403   ·    ·       200   ·    ·       200   ·    ·
admin.handover           POST       403   ·    ·       422   ·    ·       422   ·    ·
admin.deactivate         POST       403  403  403      403  403  403      302  302  404
law.index                GET        403   ·    ·       403   ·    ·       200   ·    ·
law.term_value           POST       403   ·    ·       403   ·    ·       422   ·    ·
law.calendar_day         POST       403   ·    ·       403   ·    ·       422   ·    ·
law.remove_day           POST       403   ·    ·       403   ·    ·       302   ·    ·
auth.logout              POST       302   ·    ·       302   ·    ·       302   ·    ·
auth.two_factor          GET        200   ·    ·       200   ·    ·       200   ·    ·
auth.two_factor          POST       200   ·    ·       200   ·    ·       200   ·    ·
auth.reauth              GET        200   ·    ·       200   ·    ·       200   ·    ·
auth.reauth              POST       200   ·    ·       200   ·    ·       200   ·    ·
auth.representative      GET        200   ·    ·       200   ·    ·       200   ·    ·
auth.representative      POST       302   ·    ·       302   ·    ·       302   ·    ·
"""


def _parse(table: str) -> dict[tuple[str, str], dict[tuple[str, str], int | None]]:
    matrix = {}
    for line in table.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        endpoint, method, *cells = line.split()
        assert len(cells) == len(ROLES) * len(TARGETS), f"malformed matrix row: {line!r}"
        assert (endpoint, method) not in matrix, f"duplicate matrix row: {endpoint} {method}"
        values = iter(None if c == "·" else int(c) for c in cells)
        matrix[endpoint, method] = {(role, target): next(values) for role in ROLES for target in TARGETS}
    return matrix


EXPECTED = _parse(MATRIX)

# Cells the app does not meet yet. The walk leaves them to test_known_defects (a strict
# xfail), so the rest of the matrix stays green and a fix is noticed: delete its line then.
KNOWN_DEFECTS: dict[tuple[str, str], str] = {}


def _methods(rule) -> list[str]:
    return sorted(rule.methods - {"HEAD", "OPTIONS"})


# --------------------------------------------------------------------------- the world

@dataclass(frozen=True)
class World:
    """Plain values only: every request of the walk ends with the session emptied."""

    emails: dict[str, str]  # lawyer, other_lawyer, supervisor, admin
    user_ids: dict[str, int]
    tokens: dict[str, str]  # calendar feed tokens, by the same keys
    token_ids: dict[str, int]
    records: dict[str, dict[str, object]]  # "own"/"other": url argument -> value
    shared_person_id: int

    def url_values(self, role: str, target: str) -> dict[str, object]:
        if target == "missing":
            return {"reference": MISSING_REFERENCE, "event_id": MAX_ID, "person_id": MAX_ID, "draft_id": MAX_ID,
                    "flag_id": MAX_ID, "user_id": MAX_ID, "token_id": MAX_ID, "file_id": MAX_ID,
                    "approval_id": MAX_ID, "relation_id": MAX_ID, "entry_id": MAX_ID}
        token_owner = role if target == "own" else "other_lawyer"
        return {**self.records[target], "token_id": self.token_ids[token_owner]}


URL_ARGUMENTS = frozenset({"reference", "event_id", "person_id", "draft_id", "flag_id", "user_id", "token_id",
                           "file_id", "approval_id", "relation_id", "entry_id"})

OWN, OTHER = "KZ-2024-0101", "KZ-2024-0202"
OWN_QUIET, OTHER_QUIET = "KZ-2024-0104", "KZ-2024-0204"
INCIDENT = "zhanaozen-2022"
OWN_TITLE, OTHER_TITLE = "Beating at the Almaty precinct", "Quillfeather colony transfer"
OTHER_QUIET_TITLE = "Marrowdale remand silence"
OWN_VICTIM, OTHER_VICTIM, SHARED = "Aigerim Bekova", "Yerlan Zhaksylykov", "Daulet Ospanov"

# What a lawyer or an admin who is not assigned must never read, anywhere.
SECRETS = (OTHER, OTHER_QUIET, OTHER_TITLE, OTHER_QUIET_TITLE, OTHER_VICTIM)


@pytest.fixture
def world(app, session, make_user) -> World:
    """The lawyer, the admin and the supervisor are assigned to the own case, another lawyer
    to the other case (and the lawyer and the admin to an own quiet case). Both main cases
    share an incident (linked cases) and a witness, carry a reprisal (a critical flag), an
    overdue and a soon-due asylum appeal, a victim and a draft; each side also has a case
    without events (the dashboard's quiet cases)."""
    users = {"lawyer": make_user("lawyer"), "other_lawyer": make_user("lawyer"),
             "supervisor": make_user("supervisor"), "admin": make_user("admin")}
    now = local_now()

    def days_ago(n: int) -> str:
        return (now - timedelta(days=n)).strftime("%Y-%m-%d")

    shared = create_person(session, {"name": SHARED})
    entry = CaseLaw(key="gerasimov", committee="CAT", kind="decision", title_en="Gerasimov v. Kazakhstan",
                    title_ru="Герасимов против Казахстана", symbol="CAT/C/48/D/433/2010", holding_en="h",
                    holding_ru="х", provisions=["CAT-1"], rules=[])
    session.add(entry)
    records = {}
    for target, reference, title, victim, owner in (
            ("own", OWN, OWN_TITLE, OWN_VICTIM, users["lawyer"]),
            ("other", OTHER, OTHER_TITLE, OTHER_VICTIM, users["other_lawyer"])):
        case = create_case(session, reference=reference, created_by=owner,
                           data={"title": title, "incident": INCIDENT, "region": "almaty_city"})
        event = record_event(session, case, {"type": "reprisal", "at": days_ago(3), "source": "s",
                                             "fields": {"kind": "threat"}}, user=owner)
        for age in (22, 25, 28, 40):  # the asylum appeal month: due within the week (whatever the
            # month lengths and holidays of today's date), and overdue
            record_event(session, case, {"type": "asylum_refused", "at": days_ago(age), "source": "s"}, user=owner)
        record_event(session, case, {"type": "un_case_registered", "at": days_ago(10), "source": "s",
                                     "fields": {"committee": "CAT", "case_number": f"{reference[-4:]}/2026"}},
                     user=owner)  # the /un page's communications
        person = create_person(session, {"name": victim})
        add_party(session, case, person, "victim", None)
        add_party(session, case, shared, "witness", None)
        relation = add_relation(session, person, "sibling", shared)
        draft = create_draft(session, case, committee="CAT", language="en", provisions=["CAT-1", "CAT-16"],
                             user=owner, now=now)
        flag = session.scalar(select(CaseFlag).where(CaseFlag.case_id == case.id, CaseFlag.rule == "reprisal"))
        assert flag is not None, "a reprisal raises a flag"
        evidence = store(session, Vault.from_config(app.config["FILES_DIR"], app.config["FILE_KEY"]), case,
                         filename=f"{victim}.pdf", data=b"%PDF-1.4\n" + victim.encode(), description=None,
                         user=owner, max_size=1024)
        approval = request_approval(session, case, "close_case", "The victim asked to stop", owner)
        records[target] = {"reference": reference, "event_id": event.id, "person_id": person.id,
                           "draft_id": draft.id, "flag_id": flag.id, "user_id": owner.id, "file_id": evidence.id,
                           "approval_id": approval.id, "relation_id": relation.id, "entry_id": entry.id}
        if target == "own":
            for role in ("supervisor", "admin"):
                assign_lawyer(session, case, users[role])
    quiet = create_case(session, reference=OWN_QUIET, created_by=users["lawyer"], data={"title": "Karaganda quiet"})
    assign_lawyer(session, quiet, users["admin"])
    create_case(session, reference=OTHER_QUIET, created_by=users["other_lawyer"], data={"title": OTHER_QUIET_TITLE})
    tokens = {key: issue_token(session, user) for key, user in users.items()}
    session.commit()
    token_ids = {key: session.scalar(select(CalendarToken.id).where(CalendarToken.user_id == user.id))
                 for key, user in users.items()}
    world = World(emails={k: u.email for k, u in users.items()}, user_ids={k: u.id for k, u in users.items()},
                  tokens=tokens, token_ids=token_ids, records=records, shared_person_id=shared.id)
    session.commit()
    return world


def login(client, world: World, role: str):
    client.post("/logout")
    response = client.post("/login", data={"email": world.emails[role], "password": PASSWORD})
    assert response.status_code == 302, f"{role} could not log in"
    return client


@contextmanager
def rolled_back(session) -> Iterator[None]:
    """Run one request inside a savepoint of the test's connection and roll it back."""
    session.rollback()  # the session holds no savepoint of its own: ours is the outer one
    savepoint = session.get_bind().begin_nested()
    try:
        yield
    finally:
        session.rollback()
        session.expunge_all()
        savepoint.rollback()


def _page(response) -> bytes:
    """The page without its CSRF tokens, which carry the second they were made in."""
    return CSRF_TOKEN.sub(b'name="csrf_token" value=""', response.data)


def _drop_flashes(client) -> None:
    """A message flashed by the previous request must not make two 404 pages differ."""
    with client.session_transaction() as cookie_session:
        cookie_session.pop("_flashes", None)


def _world_counts(session) -> dict[str, int]:
    counts = row_counts(session)
    for model in (CalendarToken, CaseAssignment, DraftVersion):
        counts[model.__tablename__] = session.scalar(select(func.count()).select_from(model))
    counts["revoked tokens"] = session.scalar(select(func.count(CalendarToken.id))
                                              .where(CalendarToken.revoked_at.is_not(None)))
    return counts


# --------------------------------------------------------------------------- the matrix

def test_every_rule_of_the_url_map_is_in_the_matrix(app):
    rules = {(rule.endpoint, method) for rule in app.url_map.iter_rules() if rule.endpoint not in PUBLIC
             for method in _methods(rule)}
    missing = sorted(rules - set(EXPECTED))
    assert not missing, f"add these rules to MATRIX (expected status per role and target): {missing}"
    stale = sorted(set(EXPECTED) - rules)
    assert not stale, f"MATRIX names rules the app no longer has: {stale}"
    assert set(PUBLIC_ENDPOINTS) <= PUBLIC, (
        f"newly public, review and test them: {sorted(set(PUBLIC_ENDPOINTS) - PUBLIC)}")
    gone = PUBLIC - {rule.endpoint for rule in app.url_map.iter_rules()}
    assert not gone, f"public endpoints that went away: update PUBLIC and its tests: {sorted(gone)}"
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC:
            continue
        unknown = rule.arguments - URL_ARGUMENTS
        assert not unknown, f"{rule.rule}: teach World.url_values the argument(s) {sorted(unknown)}"
        targeted = bool(rule.arguments)
        for method in _methods(rule):
            cells = EXPECTED[rule.endpoint, method]
            for role in ROLES:
                assert cells[role, "own"] is not None, f"{rule.endpoint} {method}: no status for {role}"
                for target in ("other", "missing"):
                    assert (cells[role, target] is not None) == targeted, (
                        f"{rule.endpoint} {method} {role}/{target}: a rule with a record in its URL needs "
                        "all three targets, one without takes '·'")


def _walk(app, client, session, world: World, role: str, *, defects: bool = False) -> tuple[int, list[str]]:
    """Ask every (rule, method, target) as ``role``; the known defects only, or all but them."""
    adapter = app.url_map.bind("localhost")
    checked, failures = 0, []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.rule, r.endpoint)):
        if rule.endpoint in PUBLIC:
            continue
        for method in _methods(rule):
            if ((rule.endpoint, method) in KNOWN_DEFECTS) != defects:
                continue
            expected = EXPECTED[rule.endpoint, method]
            bodies = {}
            for target in TARGETS if rule.arguments else ("own",):
                values = world.url_values(role, target)
                url = adapter.build(rule.endpoint, {**{a: values[a] for a in rule.arguments},
                                                    **QUERY.get(rule.endpoint, {})})
                _drop_flashes(client)
                want = expected[role, target]
                checked += 1
                try:
                    with rolled_back(session):
                        response = client.open(url, method=method, data={})
                except Exception as exc:  # noqa: BLE001 - TESTING propagates errors: report, walk on
                    failures.append(f"{role:10} {target:7} {method:4} {url}: raised {exc!r}, expected {want}")
                    continue
                bodies[target] = _page(response)
                if response.status_code != want:
                    failures.append(f"{role:10} {target:7} {method:4} {url}: {response.status_code}, expected {want}")
            if rule.endpoint == "auth.logout":
                login(client, world, role)
            # "Not yours" must read exactly like "not there": same status, same page.
            if rule.arguments and expected[role, "other"] == expected[role, "missing"] >= 400 \
                    and bodies.get("other") != bodies.get("missing"):
                failures.append(f"{role:10} {rule.endpoint} {method}: the page for another's record differs "
                                "from the page for a missing one")
    return checked, failures


@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(app, client, session, world, role):
    login(client, world, role)
    before = _world_counts(session)
    checked, failures = _walk(app, client, session, world, role)
    assert not failures, "access matrix mismatches:\n" + "\n".join(failures)
    assert _world_counts(session) == before, "a request of the walk changed the world it shares"
    combinations = sum(len(TARGETS) if rule.arguments else 1
                       for rule in app.url_map.iter_rules() if rule.endpoint not in PUBLIC
                       for method in _methods(rule) if (rule.endpoint, method) not in KNOWN_DEFECTS)
    assert checked == combinations


@pytest.mark.xfail(strict=True, reason="; ".join(KNOWN_DEFECTS.values()) or "no known defect")
@pytest.mark.parametrize("role", ROLES)
def test_known_defects(app, client, session, world, role):
    if not KNOWN_DEFECTS:
        pytest.skip("no known defect")
    login(client, world, role)
    checked, failures = _walk(app, client, session, world, role, defects=True)
    assert checked, f"KNOWN_DEFECTS names cells the url map does not have: {sorted(KNOWN_DEFECTS)}"
    assert not failures, "\n".join(failures)


def test_records_of_another_case_under_ones_own_reference_are_404(client, world):
    """The parent in the URL is checked, and so is that the child belongs to it."""
    own, other = world.records["own"], world.records["other"]
    login(client, world, "lawyer")
    for url in (f"/cases/{own['reference']}/events/{other['event_id']}/edit",
                f"/cases/{own['reference']}/events/{other['event_id']}/history"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/cases/{own['reference']}/events/{other['event_id']}/edit", data={}).status_code == 404
    login(client, world, "admin")
    url = f"/cases/{own['reference']}/flags/{other['flag_id']}/acknowledge"
    assert client.post(url, data={"comment": "seen"}).status_code == 404
    login(client, world, "supervisor")
    assert client.post(url, data={"comment": "seen"}).status_code == 404
    assert client.post(f"/admin/assignments/{own['reference']}/{other['user_id']}/remove").status_code == 404


def test_an_event_is_never_written_into_an_invisible_linked_case(client, session, world):
    count = select(func.count(Event.id)).where(Event.case.has(reference=OTHER))
    other_case_events = session.scalar(count)
    login(client, world, "lawyer")
    response = client.post(f"/cases/{OWN}/events/new?type=reprisal",
                           data={"at": "2026-01-05", "source": "s", "f_kind": "threat", "also_cases": [OTHER]})
    assert response.status_code == 302
    assert session.scalar(count) == other_case_events


@pytest.mark.parametrize("role", ["lawyer", "admin"])
def test_a_person_of_an_invisible_case_cannot_be_attached_by_id(client, session, world, role):
    """Found by this matrix: add_person loaded the chosen person_id with an unfiltered
    db.session.get, so a lawyer could attach anyone by id and then read their name, aliases and
    notes (and a hidden id answered 302 where a missing one answered 422). It now loads the
    person as person_or_404 does, through person_visible."""
    login(client, world, role)
    hidden = world.records["other"]["person_id"]
    parties = session.scalar(select(func.count(CaseParty.id)))
    missing = client.post(f"/cases/{OWN}/people/new", data={"role": "witness", "person_id": str(MAX_ID)})
    assert missing.status_code == 422
    response = client.post(f"/cases/{OWN}/people/new", data={"role": "witness", "person_id": str(hidden)})
    session.expire_all()
    assert session.scalar(select(func.count(CaseParty.id))) == parties, "the hidden person was attached"
    assert response.status_code == missing.status_code
    assert OTHER_VICTIM not in response.get_data(as_text=True)
    assert client.get(f"/people/{hidden}").status_code == 404


# --------------------------------------------------------------------------- lists

def _sees(role: str) -> bool:
    return role == "supervisor"


def _assert_no_secrets(page: str, where: str) -> None:
    leaked = [s for s in SECRETS if s in page]
    assert not leaked, f"{where} shows {leaked}"


# Search words are lower-case fragments: the search box echoes them, the page must not add more.
LIST_PAGES = (
    ("/", OTHER_TITLE),
    ("/?q=quillfeath", OTHER_TITLE),
    ("/?q=zhaksyl", OTHER_TITLE),  # a case is found by the names of its people
    (f"/?incident={INCIDENT}", OTHER_TITLE),
    ("/?lawyer={other_lawyer}", OTHER_TITLE),
    ("/people/", OTHER_VICTIM),
    ("/people/?q=zhaksyl", OTHER_VICTIM),
    (f"/cases/{OWN}/people/new?q=zhaksyl", OTHER_VICTIM),
    (f"/cases/{OWN}/events/new?type=reprisal", f"{OTHER} · {OTHER_TITLE}"),  # linked-case checkboxes
    ("/people/{shared}", OTHER_TITLE),  # a person in both cases: only the visible case is listed
    ("/dashboard?severity=high", OTHER),
    ("/dashboard?severity=info", OTHER),
    ("/dashboard?lawyer={other_lawyer}", OTHER),
    ("/un", OTHER_TITLE),
    ("/un?committee=CAT&attention=due", OTHER_TITLE),
    ("/un.csv", OTHER_TITLE),
)


@pytest.mark.parametrize("role", ROLES)
def test_lists_and_searches_show_only_visible_cases(client, world, role):
    login(client, world, role)
    for template, shown_to_supervisor in LIST_PAGES:
        url = template.format(other_lawyer=world.user_ids["other_lawyer"], shared=world.shared_person_id)
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.get_data(as_text=True)
        if _sees(role):
            assert shown_to_supervisor in page, f"the supervisor should see {shown_to_supervisor!r} on {url}"
        else:
            _assert_no_secrets(page, f"{url} for the {role}")
    # and what is visible is there: the pages above are not merely empty
    assert OWN_TITLE in client.get(f"/?incident={INCIDENT}").get_data(as_text=True)
    assert OWN_TITLE in client.get("/?q=bekova").get_data(as_text=True)
    assert OWN_VICTIM in client.get("/people/?q=bekova").get_data(as_text=True)
    assert OWN_VICTIM in client.get(f"/cases/{OWN}/people/new?q=bekova").get_data(as_text=True)
    assert OWN in client.get(f"/people/{world.shared_person_id}").get_data(as_text=True)
    assert OWN_TITLE in client.get("/un").get_data(as_text=True)


SECTIONS = ("overdue", "soon", "flags", "quiet")


def _sections(page: str) -> dict[str, str]:
    parts = {}
    for name, following in zip(SECTIONS, (*SECTIONS[1:], None), strict=True):
        body = page.split(f'id="{name}"', 1)[1]
        parts[name] = body.split(f'id="{following}"', 1)[0] if following else body
    return parts


@pytest.mark.parametrize("role", ROLES)
def test_every_dashboard_section_and_the_csv_show_only_visible_cases(client, world, role):
    login(client, world, role)
    sections = _sections(client.get("/dashboard").get_data(as_text=True))
    rows = list(csv.reader(io.StringIO(client.get("/dashboard.csv").get_data(as_text=True))))
    by_section = {name: {row[1] for row in rows[1:] if row[0] == name}
                  for name in ("overdue", "due-soon", "flag", "quiet")}
    expected_own = {"overdue": OWN, "soon": OWN, "flags": OWN, "quiet": OWN_QUIET}
    expected_other = {"overdue": OTHER, "soon": OTHER, "flags": OTHER, "quiet": OTHER_QUIET}
    for name, csv_name in zip(SECTIONS, ("overdue", "due-soon", "flag", "quiet"), strict=True):
        assert expected_own[name] in sections[name], f"{role}: {name} lacks {expected_own[name]}"
        assert expected_own[name] in by_section[csv_name], f"{role}: CSV {csv_name} lacks {expected_own[name]}"
        if _sees(role):
            assert expected_other[name] in sections[name], f"the supervisor's {name} lacks {expected_other[name]}"
            assert expected_other[name] in by_section[csv_name]
        else:
            _assert_no_secrets(sections[name], f"the dashboard's {name} section for the {role}")
    if not _sees(role):
        _assert_no_secrets(client.get("/dashboard.csv").get_data(as_text=True), f"the CSV for the {role}")


def test_admins_manage_assignments_by_reference_only(client, world):
    """An admin lists every case to assign it, but reads no title and no name."""
    login(client, world, "admin")
    page = client.get("/admin/assignments").get_data(as_text=True)
    assert OTHER in page
    for secret in (OTHER_TITLE, OTHER_QUIET_TITLE, OTHER_VICTIM, OWN_TITLE, OWN_VICTIM):
        assert secret not in page


# --------------------------------------------------------------------------- public endpoints

@pytest.mark.parametrize("role", ("lawyer", "admin", "supervisor", "other_lawyer"))
def test_a_calendar_feed_lists_only_the_cases_its_owner_may_see(client, world, role):
    body = client.get(f"/calendar/feed/{world.tokens[role]}.ics").get_data(as_text=True)  # no login: the token
    assert "BEGIN:VCALENDAR" in body
    visible = {"lawyer": {OWN}, "admin": {OWN}, "other_lawyer": {OTHER}, "supervisor": {OWN, OTHER}}[role]
    for reference in (OWN, OTHER):
        assert (reference in body) == (reference in visible), f"the {role}'s calendar and {reference}"
    for text in (OTHER_TITLE, OTHER_VICTIM, OWN_TITLE, OWN_VICTIM, SHARED):
        assert text not in body  # a feed names references and rules, never titles or people


def test_a_calendar_feed_needs_a_live_token(client, session, world):
    assert client.get("/calendar/feed/not-a-token.ics").status_code == 404
    assert client.get(f"/calendar/feed/{'x' * 101}.ics").status_code == 404
    login(client, world, "lawyer")
    assert client.post(f"/calendar/tokens/{world.token_ids['lawyer']}/revoke").status_code == 302
    client.post("/logout")
    assert client.get(f"/calendar/feed/{world.tokens['lawyer']}.ics").status_code == 404


def test_the_login_pages_and_static_files_are_public(client, world):
    assert client.get("/login").status_code == 200
    response = client.get("/login/code")  # no password given first: back to the login page
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    assert client.get("/static/qorgau.css").status_code == 200
    assert client.get("/static/no-such-file.css").status_code == 404
    for role in ROLES:
        login(client, world, role)
        assert client.get("/login").status_code == 302  # already logged in: off to the cases
        assert client.get("/static/qorgau.css").status_code == 200
