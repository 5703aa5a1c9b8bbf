"""Drafting a UN communication through the app: check, generate, preview, DOCX, edit, regenerate."""

import io
import re

import docx
import pytest
from sqlalchemy import select

from app.models import Draft, DraftVersion, TreatyProcedure
from app.services.timeline import record_event
from tests.integration.conftest import PASSWORD, row_counts


@pytest.fixture
def kazantsev(app, session, lawyer):
    """The seeded Kazantsev case, assigned to the test's lawyer."""
    from app.models import Case
    from app.services.assignments import assign_lawyer

    app.test_cli_runner().invoke(args=["seed"])
    case = session.scalar(select(Case).where(Case.reference == "KZ-2021-KAZANTSEV"))
    assign_lawyer(session, case, lawyer)
    session.commit()
    return case


def generate(client, case, committee="HRC", language="en", provisions=None):
    data = {"committee": committee, "language": language,
            "provisions": provisions or ["ICCPR-7", "ICCPR-14", "ICCPR-24"]}
    return client.post(f"/cases/{case.reference}/drafts/new?committee={committee}", data=data)


def test_the_check_and_the_suggested_provisions_come_before_drafting(logged_in, kazantsev):
    page = logged_in.get(f"/cases/{kazantsev.reference}/drafts/new?committee=HRC").get_data(as_text=True)
    assert "No signed consent or power of attorney is on file" in page
    assert "More than five years have passed since the last domestic decision" in page
    checked = set(re.findall(r'checked id="provisions-\d+" name="provisions" type="checkbox" value="([^"]+)"', page))
    assert {"ICCPR-7", "ICCPR-14", "ICCPR-24"} <= checked
    assert "ICCPR-24" in checked  # a minor


def test_generating_a_draft_keeps_a_first_version_and_shows_a_preview(logged_in, session, kazantsev):
    response = generate(logged_in, kazantsev)
    assert response.status_code == 302
    draft = session.scalar(select(Draft))
    assert (draft.committee, draft.language, draft.provisions) == ("HRC", "en", ["ICCPR-7", "ICCPR-14", "ICCPR-24"])
    assert [v.kind for v in draft.versions] == ["generated"]
    page = logged_in.get(f"/drafts/{draft.id}").get_data(as_text=True)
    assert "Communication under the Optional Protocol" in page
    assert "On 8 January 2021, 03:00 the victim was apprehended by the police" in page
    assert 'id="note-1"' in page  # the footnotes with the sources


def test_bad_draft_requests_write_nothing(logged_in, session, kazantsev):
    before = row_counts(session)
    response = generate(logged_in, kazantsev, provisions=["CAT-3"])
    assert response.status_code == 422
    assert "choose at least one provision of the committee" in response.get_data(as_text=True)
    assert session.scalar(select(Draft)) is None and row_counts(session) == before
    assert logged_in.get(f"/cases/{kazantsev.reference}/drafts/new?committee=CED").status_code == 404


def test_the_docx_download_is_a_word_document_in_the_chosen_language(logged_in, session, kazantsev):
    generate(logged_in, kazantsev, language="ru")
    draft = session.scalar(select(Draft))
    response = logged_in.get(f"/drafts/{draft.id}/docx")
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert "KZ-2021-KAZANTSEV-HRC-ru-v1.docx" in response.headers["Content-Disposition"]
    document = docx.Document(io.BytesIO(response.data))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "I. Информация об авторе и жертве"
    assert "30 апреля 2021 г." in [c.text for c in document.tables[0].columns[0].cells]


def test_edits_are_new_versions_and_regenerating_asks_first(logged_in, session, kazantsev, lawyer):
    generate(logged_in, kazantsev)
    draft = session.scalar(select(Draft))
    form = logged_in.get(f"/drafts/{draft.id}/edit").get_data(as_text=True)
    assert "[[NGO-coalition-joint-submission" in form
    texts = {key: value for key, value in draft.latest.texts.items()}
    texts["facts"] = "The victim was taken from the street at 3 a.m. [[lawyer's file]]"
    response = logged_in.post(f"/drafts/{draft.id}/edit", data={**texts, "based_on": "1",
                                                                "provisions": ["ICCPR-7"]})
    assert response.status_code == 302
    session.refresh(draft)
    assert [v.kind for v in draft.versions] == ["generated", "edited"]
    assert draft.latest.edited_sections == ["facts"] and draft.latest.created_by_id == lawyer.id
    assert draft.provisions == ["ICCPR-7"]
    stale = logged_in.post(f"/drafts/{draft.id}/edit", data={**texts, "based_on": "1"})
    assert stale.status_code == 422 and "was saved since you opened version 1" in stale.get_data(as_text=True)

    asked = logged_in.post(f"/drafts/{draft.id}/regenerate")
    assert asked.status_code == 409
    assert "Your edits would be replaced" in asked.get_data(as_text=True)
    session.refresh(draft)
    assert len(draft.versions) == 2  # nothing happened without an answer

    record_event(session, kazantsev, {"type": "authorization_signed", "at": "2026-11-20", "source": "lawyer's file",
                                      "fields": {"kind": "power_of_attorney"}}, user=lawyer)
    session.commit()
    logged_in.post(f"/drafts/{draft.id}/regenerate", data={"edits": "keep"})
    session.refresh(draft)
    kept = draft.latest
    assert kept.kind == "regenerated" and kept.texts["facts"] == texts["facts"]
    assert "Power of attorney" in logged_in.get(f"/drafts/{draft.id}").get_data(as_text=True)
    logged_in.post(f"/drafts/{draft.id}/regenerate", data={"edits": "replace"})
    session.refresh(draft)
    assert draft.latest.texts["facts"].startswith("On 8 January 2021, 03:00 the victim was apprehended by the police")
    assert draft.latest.edited_sections == []
    assert session.scalar(select(DraftVersion).where(DraftVersion.number == 2)).texts["facts"] == texts["facts"]
    earlier = logged_in.get(f"/drafts/{draft.id}?version=2").get_data(as_text=True)
    assert "The victim was taken from the street at 3 a.m." in earlier


def test_an_admin_edits_the_procedure_table_and_the_check_follows(client, session, make_user, kazantsev):
    from app.services.assignments import assign_lawyer

    admin = make_user("admin")
    assign_lawyer(session, kazantsev, admin)  # admins see case content only where assigned
    session.commit()
    client.post("/login", data={"email": admin.email, "password": PASSWORD})
    assert "ICCPR OP1 in force" in client.get("/admin/procedures").get_data(as_text=True)
    client.post("/admin/procedures", data={"committee": "HRC", "in_force_since": "2009-09-30",
                                           "note": "withdrawn (test)"})
    row = session.get(TreatyProcedure, "HRC")
    assert row is not None and row.available is False
    assert session.get(TreatyProcedure, "CAT").available is True  # the defaults became rows
    page = client.get(f"/cases/{kazantsev.reference}/drafts/new?committee=HRC").get_data(as_text=True)
    assert "Kazakhstan has not accepted individual communications to HRC (withdrawn (test))" in page
    bad = client.post("/admin/procedures", data={"committee": "HRC", "in_force_since": "30.09.2009"},
                      follow_redirects=True)
    assert "write the date as YYYY-MM-DD" in bad.get_data(as_text=True)
