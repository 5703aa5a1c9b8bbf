import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.models import CaseFlag, CaseDeadline
from app.services.calendar_feed import issue_token
from app.services.cases import add_party, assign_lawyer, create_case
from app.services.drafts import create_draft
from app.services.people import create_person
from app.services.timeline import local_now, record_event
from tests.integration.conftest import PASSWORD


def test_probe(app, session, make_user, client):
    t = time.perf_counter()
    lawyer, other_lawyer, sup, admin = (make_user(r) for r in ("lawyer", "lawyer", "supervisor", "admin"))
    now = local_now()
    day = lambda n: (now - timedelta(days=n)).strftime("%Y-%m-%d")
    own = create_case(session, reference="KZ-2024-0101", created_by=lawyer, data={"title": "Beating at the Almaty precinct", "incident": "zhanaozen-2022"})
    oth = create_case(session, reference="KZ-2024-0202", created_by=other_lawyer, data={"title": "Taraz colony Quillfeather", "incident": "zhanaozen-2022"})
    quiet = create_case(session, reference="KZ-2024-0303", created_by=other_lawyer, data={"title": "Shymkent Marrowdale"})
    for c in (own, oth):
        record_event(session, c, {"type": "reprisal", "at": day(3), "source": "s", "fields": {"kind": "threat"}}, user=lawyer)
        record_event(session, c, {"type": "asylum_refused", "at": day(25), "source": "s"}, user=lawyer)
        record_event(session, c, {"type": "asylum_refused", "at": day(40), "source": "s"}, user=lawyer)
    p = create_person(session, {"name": "Yerlan Zhaksylykov"})
    add_party(session, oth, p, "victim", None)
    d = create_draft(session, oth, committee="CAT", language="en", provisions=["CAT-1"] , user=lawyer, now=now) if False else None
    session.commit()
    print("build", time.perf_counter() - t)
    for f in session.scalars(select(CaseFlag)):
        print(f.case_id, f.rule, f.severity, f.active_from, f.active_until)
    for dl in session.scalars(select(CaseDeadline)):
        print(dl.case_id, dl.rule, dl.due, dl.latest_due, dl.outcome)
    from app.drafts.provisions import BY_COMMITTEE
    print([p.code for p in BY_COMMITTEE["CAT"]])
