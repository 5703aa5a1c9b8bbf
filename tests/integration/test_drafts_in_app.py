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
            "provisions": provisions or ["ICCPR-7", "ICCPR-14(3)(g)", "ICCPR-24(1)"]}
    return client.post(f"/cases/{case.reference}/drafts/new?committee={committee}", data=data)


def test_the_check_and_the_suggested_provisions_come_before_drafting(logged_in, kazantsev):
    page = logged_in.get(f"/cases/{kazantsev.reference}/drafts/new?committee=HRC").get_data(as_text=True)
    assert "No written consent of a parent or the guardian to a communication to the Human Rights Committee" in page
    assert "More than five years have passed since the last domestic decision" in page
    assert "draft to the CAT instead" in page
    checked = set(re.findall(r'checked id="provisions-\d+" name="provisions" type="checkbox" value="([^"]+)"', page))
    assert {"ICCPR-7", "ICCPR-24(1)"} <= checked  # ill-treatment of a minor
    assert "ICCPR-14(3)(g)" not in checked  # the record cannot show a statement used in evidence
    assert "Why these provisions" in page and "(Alleged ill-treatment (incident))" in page


def test_generating_a_draft_keeps_a_first_version_and_shows_a_preview(logged_in, session, kazantsev):
    response = generate(logged_in, kazantsev)
    assert response.status_code == 302
    draft = session.scalar(select(Draft))
    assert (draft.committee, draft.language, draft.provisions) == (
        "HRC", "en", ["ICCPR-7", "ICCPR-14(3)(g)", "ICCPR-24(1)"])
    assert [v.kind for v in draft.versions] == ["generated"]
    page = logged_in.get(f"/drafts/{draft.id}").get_data(as_text=True)
    assert "Communication under the Optional Protocol" in page
    assert "At around 3 a.m. on 8 January 2021 a police patrol saw Mikhail Kazantsev" in page
    assert 'id="note-1"' in page  # the footnotes with the sources
    assert '<mark class="question">[which statement obtained under torture was used as evidence' in page
    assert "Representative: " in page and "not given under &#39;My details&#39;" in page


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
    assert headings[0] == "I. Информация об авторе"
    assert "30 апреля 2021 г." in [c.text for c in document.tables[0].columns[0].cells]


def test_edits_are_new_versions_and_regenerating_asks_first(logged_in, session, kazantsev, lawyer):
    generate(logged_in, kazantsev)
    draft = session.scalar(select(Draft))
    form = logged_in.get(f"/drafts/{draft.id}/edit").get_data(as_text=True)
    assert "[[NGO Coalition of Kazakhstan against Torture" in form
    assert ".txt" not in form
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

    record_event(session, kazantsev, {"type": "consent_given", "at": "2026-11-20", "source": "lawyer's file",
                                      "fields": {"scope": "file", "by": "parent", "committee": "HRC"}}, user=lawyer)
    session.commit()
    logged_in.post(f"/drafts/{draft.id}/regenerate", data={"edits": "keep"})
    session.refresh(draft)
    kept = draft.latest
    assert kept.kind == "regenerated" and kept.texts["facts"] == texts["facts"]
    assert "the consent is recorded, but the signed document is not linked to its event" in logged_in.get(
        f"/drafts/{draft.id}").get_data(as_text=True)
    logged_in.post(f"/drafts/{draft.id}/regenerate", data={"edits": "replace"})
    session.refresh(draft)
    assert draft.latest.texts["facts"].startswith("At around 3 a.m. on 8 January 2021 a police patrol saw")
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


def test_the_draft_names_the_assigned_lawyer_and_cites_the_linked_document_first(logged_in, session, kazantsev,
                                                                                 lawyer, app):
    from app.models import Event
    from app.services.files import Vault, describe, store

    lawyer.bar, lawyer.organisation, lawyer.postal_address = "Almaty City Bar", "KIBHR", "Almaty, Abay av. 1"
    termination = session.scalar(select(Event).where(Event.case_id == kazantsev.id,
                                                     Event.type == "investigation_terminated"))
    stored = store(session, Vault.from_config(app.config["FILES_DIR"], app.config["FILE_KEY"]), kazantsev,
                   filename="termination.pdf", data=b"%PDF-1.4\ntermination", description=None, user=lawyer,
                   max_size=1024)
    describe(session, kazantsev, stored, description="Decision of the Anti-Corruption Agency to terminate the "
             "investigation", event_uid=termination.uid, language="ru", translation="needed")
    session.commit()
    generate(logged_in, kazantsev, committee="CAT", provisions=["CAT-1", "CAT-12"])
    draft = session.scalar(select(Draft))
    document = docx.Document(io.BytesIO(logged_in.get(f"/drafts/{draft.id}/docx").data))
    texts = [p.text for p in document.paragraphs]
    assert f"Representative: {lawyer.full_name}" in texts
    assert "Bar membership: Almaty City Bar" in texts and "Organisation: KIBHR" in texts
    assert ("Annex 1. Decision of the Anti-Corruption Agency to terminate the investigation (30 April 2021; "
            "original in Russian; translation needed)") in texts
    assert "[a translation of annex 1 into an official UN language]" in texts
    from app.drafts.docx_renderer import footnotes_of

    notes = footnotes_of(logged_in.get(f"/drafts/{draft.id}/docx").data)
    assert any(n.startswith("Annex 1: Decision of the Anti-Corruption Agency to terminate the investigation; ")
               for n in notes)


def test_drafts_build_on_the_command_line_refuses_an_inadmissible_case_unless_forced(app, session, kazantsev,
                                                                                     tmp_path):
    runner = app.test_cli_runner()
    out = tmp_path / "kazantsev.docx"
    refused = runner.invoke(args=["drafts", "build", "KZ-2021-KAZANTSEV", "--committee", "HRC", "--lang", "ru",
                                  "-o", str(out)])
    assert refused.exit_code == 1 and not out.exists()
    assert "blocker:" in refused.output and "draft to the CAT instead" not in refused.output  # said in Russian
    assert "Комитет против пыток" in refused.output or "КПП" in refused.output
    forced = runner.invoke(args=["drafts", "build", "KZ-2021-KAZANTSEV", "--committee", "CAT", "--lang", "ru",
                                 "-o", str(out), "--force"])
    assert forced.exit_code == 0, forced.output
    document = docx.Document(str(out))
    assert document.paragraphs[1].text.startswith("В НЫНЕШНЕМ ВИДЕ НЕПРИЕМЛЕМО.")
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"][0] == "I. Информация о заявителе"
    missing = runner.invoke(args=["drafts", "build", "KZ-2099-0000", "--committee", "CAT", "--lang", "en",
                                  "-o", str(out)])
    assert missing.exit_code == 1 and "No case KZ-2099-0000" in missing.output


def test_an_admin_corrects_and_verifies_a_case_law_entry(client, session, make_user, kazantsev):
    from app.models import CaseLaw

    admin = make_user("admin")
    client.post("/login", data={"email": admin.email, "password": PASSWORD})
    page = client.get("/admin/case-law").get_data(as_text=True)
    assert "Gerasimov v. Kazakhstan" in page and "to be checked" in page
    entry = session.scalar(select(CaseLaw).where(CaseLaw.key == "gerasimov-v-kazakhstan"))
    form = {"committee": "CAT", "kind": "decision", "title_en": entry.title_en, "title_ru": entry.title_ru,
            "symbol": entry.symbol, "adopted": "2012-05-24", "holding_en": entry.holding_en,
            "holding_ru": entry.holding_ru, "provisions": ["CAT-1", "CAT-2(1)"], "rules": [], "verified": "y",
            "verified_from": "Read CAT/C/48/D/433/2010, paras 12.2-12.3", "active": "y"}
    assert client.post(f"/admin/case-law/{entry.id}", data=form).status_code == 302
    session.refresh(entry)
    assert entry.verified and entry.note.startswith("Read CAT/C/48")
    bad = client.post(f"/admin/case-law/{entry.id}", data={**form, "adopted": "24.05.2012", "provisions": ["CAT-99"]})
    assert bad.status_code == 422
    text = bad.get_data(as_text=True)
    assert "write the date as YYYY-MM-DD" in text
    session.refresh(entry)
    assert entry.adopted.isoformat() == "2012-05-24"  # nothing half-written
