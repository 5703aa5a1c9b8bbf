"""Importing cases from a spreadsheet through the web: upload, preview, confirm (app/views/imports.py).

The preview writes nothing; the confirmation writes every case or none; a preview's token is
good once, for its own user, for an hour; every problem is named by sheet, row and column.
"""

from __future__ import annotations

import codecs
import html
import io
import os
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from app.models import AuditEntry, Case, CaseAssignment, Person, VocabularyTerm
from app.services import spreadsheet as service
from app.services.cases import create_case
from tests.integration.conftest import PASSWORD, row_counts

TOKEN = re.compile(r'name="token" value="([^"]+)"')
CASES = [["reference", "title", "region", "place_type", "woman", "victim_name", "victim_aliases"],
         ["KZ-2024-0101", "Beating in the Taraz station", "zhambyl", "police_station", "да", "Aigerim Bekova",
          "Айгерим Бекова"],
         ["KZ-2024-0102", "Кейс: избиение в СИЗО", "Almaty (city)", "sizo", "нет", "Серик Ахметов", ""]]
EVENTS = [["reference", "key", "type", "at", "source", "body", "field:to_body", "field:against"],
          ["KZ-2024-0101", "", "apprehension", "13.01.2024 11:00", "lawyer's file", "police", "", ""],
          ["KZ-2024-0101", "refusal", "registration_refused", "02.2024", "Letter of the prosecutor", "prosecutor",
           "", ""],
          ["KZ-2024-0101", "", "appeal_filed", "03.2024", "Appeal", "", "prosecutor", "refusal"],
          ["KZ-2024-0102", "", "complaint_filed", "2024", "Complaint", "", "prosecutor", ""]]


def csv_bytes(rows, *, encoding="utf-8", bom=False, delimiter=";") -> bytes:
    lines = [delimiter.join(f'"{c}"' if delimiter in c else c for c in row) for row in rows]
    return (codecs.BOM_UTF8 if bom else b"") + ("\r\n".join(lines) + "\r\n").encode(encoding)


def xlsx_bytes(cases=CASES, events=EVENTS) -> bytes:
    workbook = Workbook()
    workbook.active.title = "cases"
    for row in cases:
        workbook["cases"].append(row)
    if events is not None:
        sheet = workbook.create_sheet("events")
        for row in events:
            sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def login(client, user) -> None:
    client.post("/logout")
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 302


def upload(client, cases: bytes, name: str = "register.xlsx", events: bytes | None = None,
           events_name: str = "events.csv", **extra):
    data = {"cases": (io.BytesIO(cases), name), **extra}
    if events is not None:
        data["events"] = (io.BytesIO(events), events_name)
    return client.post("/import", data=data, content_type="multipart/form-data")


def token_of(response) -> str:
    assert response.status_code == 200, text(response)
    return TOKEN.search(response.get_data(as_text=True)).group(1)


def text(response) -> str:
    """The page as read: entities decoded, white space collapsed."""
    return " ".join(html.unescape(response.get_data(as_text=True)).split())


def imported(session) -> list[str]:
    session.expire_all()
    return list(session.scalars(select(Case.reference).where(Case.reference.like("KZ-2024-01%"))
                                .order_by(Case.reference)))


def audit_count(session) -> int:
    return session.scalar(select(func.count(AuditEntry.id)))


@pytest.fixture(autouse=True)
def imports_dir(app, tmp_path, monkeypatch) -> Path:
    """Where uploads wait for their confirmation: this test's own folder."""
    folder = tmp_path / "imports"
    monkeypatch.setitem(app.config, "IMPORTS_DIR", str(folder))
    return folder


@pytest.fixture
def lawyer_client(client, lawyer):
    login(client, lawyer)
    return client


# --------------------------------------------------------------------------- the whole way

def test_a_workbook_is_previewed_without_writing_then_imported_whole(lawyer_client, session, lawyer):
    before, trail = row_counts(session), audit_count(session)
    response = upload(lawyer_client, xlsx_bytes())
    page = text(response)
    assert "2 cases</strong>, 4 events and 2 people" in page
    for shown in ("KZ-2024-0101", "Кейс: избиение в СИЗО", "Aigerim Bekova", "Almaty (city)",
                  "Appeal / complaint against a decision", "2024-01-13T11:00", "You will be assigned"):
        assert shown in page
    token = token_of(response)
    session.expire_all()
    assert row_counts(session) == before and audit_count(session) == trail, "the preview wrote something"

    response = lawyer_client.post("/import/confirm", data={"token": token})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert "Imported 2 cases: KZ-2024-0101, KZ-2024-0102." in text(lawyer_client.get("/"))
    assert imported(session) == ["KZ-2024-0101", "KZ-2024-0102"]
    case = session.scalar(select(Case).where(Case.reference == "KZ-2024-0101"))
    assert (case.region, case.place_type, case.victim_flags) == ("zhambyl", "police_station", ["woman"])
    assert [(e.type, e.when.isoformat()) for e in case.events] == [
        ("apprehension", "2024-01-13T11:00"), ("registration_refused", "2024-02"), ("appeal_filed", "2024-03")]
    refusal = next(e for e in case.events if e.type == "registration_refused")
    assert next(e for e in case.events if e.type == "appeal_filed").fields["against"] == refusal.uid
    victim = case.parties[0]
    assert (victim.role, victim.person.name, victim.person.aliases) == ("victim", "Aigerim Bekova", ["Айгерим Бекова"])
    assert [a.user_id for a in case.assignments] == [lawyer.id], "who imports a case works on it"
    assert lawyer_client.get("/cases/KZ-2024-0102").status_code == 200
    entries = session.scalars(select(AuditEntry).where(AuditEntry.action == "import")).all()
    assert sorted(e.object_id for e in entries) == ["KZ-2024-0101", "KZ-2024-0102"]
    assert {e.user_id for e in entries} == {lawyer.id}
    details = next(e.details for e in entries if e.object_id == "KZ-2024-0101")
    assert details["from"] == "spreadsheet" and details["row"] == 2 and details["events"] == 3
    assert details["files"][0]["name"] == "register.xlsx" and len(details["files"][0]["sha256"]) == 64


def test_csv_in_cp1251_with_events_in_utf8_with_bom_and_semicolons(lawyer_client, session):
    cases = csv_bytes(CASES, encoding="cp1251")
    events = csv_bytes(EVENTS, bom=True)
    token = token_of(upload(lawyer_client, cases, "cases.csv", events, "events.csv"))
    assert lawyer_client.post("/import/confirm", data={"token": token}).status_code == 302
    assert imported(session) == ["KZ-2024-0101", "KZ-2024-0102"]
    case = session.scalar(select(Case).where(Case.reference == "KZ-2024-0102"))
    assert case.title == "Кейс: избиение в СИЗО" and case.parties[0].person.name == "Серик Ахметов"
    assert [e.type for e in case.events] == ["complaint_filed"]


def test_a_supervisor_imports_and_is_not_assigned(client, session, make_user):
    supervisor = make_user("supervisor")
    login(client, supervisor)
    token = token_of(upload(client, xlsx_bytes(events=None)))
    assert client.post("/import/confirm", data={"token": token}).status_code == 302
    assert imported(session) == ["KZ-2024-0101", "KZ-2024-0102"]
    assert session.scalar(select(func.count()).select_from(CaseAssignment).join(Case)
                          .where(Case.reference.like("KZ-2024-01%"))) == 0


# --------------------------------------------------------------------------- refused uploads

def assert_refused(response, *messages: str) -> None:
    assert response.status_code == 422, response.status_code
    page = text(response)
    assert "Nothing was imported" in page and TOKEN.search(page) is None
    for message in messages:
        assert message in page, f"{message!r} not in the page"


def test_every_problem_is_named_by_sheet_row_and_column(lawyer_client, session):
    before = row_counts(session)
    cases = [CASES[0], CASES[1], ["KZ-2024-0103", "Third", "almaty", "", "perhaps", "", ""]]
    events = [EVENTS[0], ["KZ-2024-0101", "", "complaint_filed", "31.02.2024", "s", "", "", ""],
              ["KZ-2024-0103", "", "release", "2024", "", "", "", ""]]
    assert_refused(upload(lawyer_client, xlsx_bytes(cases, events)),
                   "cases row 3, region: 'almaty' is not a region; choose one of astana, almaty_city,",
                   "cases row 3, woman: 'perhaps' is not yes or no",
                   "events row 2, at: '31.02.2024' is not a real date",
                   "events row 2, field:to_body: is required",
                   "events row 3, source: is required")
    assert row_counts(session) == before


def test_a_reference_that_exists_or_repeats_is_refused(lawyer_client, session, lawyer):
    create_case(session, reference="KZ-2024-0102", created_by=lawyer, data={"title": "Already here"})
    session.commit()
    before = row_counts(session)
    assert_refused(upload(lawyer_client, xlsx_bytes(events=None)),
                   "cases row 3, reference: KZ-2024-0102 already exists: an import never changes a case")
    twice = [CASES[0], CASES[1], [*CASES[1][:1], "Twice", "", "", "", "", ""]]
    assert_refused(upload(lawyer_client, xlsx_bytes(twice, None)),
                   "cases row 3, reference: KZ-2024-0101 is also on row 2")
    assert row_counts(session) == before


@pytest.mark.parametrize(("data", "reason"), [
    (b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", "cases: a PDF file (application/pdf), not a spreadsheet"),
    (bytes.fromhex("89504e470d0a1a0a0000000d49484452") + b"\0" * 32, "cases: a PNG file (image/png)"),
    (b"PK\x03\x04 not really a zip", "cases: a damaged ZIP archive"),
])
def test_a_file_disguised_as_xlsx_is_refused_by_its_content(lawyer_client, session, data, reason):
    before = row_counts(session)
    assert_refused(upload(lawyer_client, data, "register.xlsx"), reason)
    assert row_counts(session) == before


def test_a_workbook_with_macros_is_refused(lawyer_client):
    out = io.BytesIO(xlsx_bytes())
    with zipfile.ZipFile(out, "a") as archive:
        archive.writestr("xl/vbaProject.bin", b"Attribute VB_Name")
    assert_refused(upload(lawyer_client, out.getvalue(), "register.xlsm"), "contains macros")


def test_an_unknown_huridocs_code_is_refused_until_it_is_a_term(lawyer_client, session):
    events = [[*EVENTS[0], "field:methods"], ["KZ-2024-0101", "", "incident", "2024", "s", "", "", "", "03.01.04"]]
    assert_refused(upload(lawyer_client, xlsx_bytes(CASES[:2], events)),
                   "events row 2, field:methods: 03.01.04: not an active term of Methods of violence")
    session.add(VocabularyTerm(vocabulary="methods_of_torture", code="03.01.04", label_en="Beating",
                               label_ru="Избиение"))
    session.commit()
    token = token_of(upload(lawyer_client, xlsx_bytes(CASES[:2], events)))
    assert lawyer_client.post("/import/confirm", data={"token": token}).status_code == 302
    assert imported(session) == ["KZ-2024-0101"]


def test_no_file_and_a_file_over_the_limit(lawyer_client, app, monkeypatch):
    response = lawyer_client.post("/import", data={}, content_type="multipart/form-data")
    assert_refused(response, "Choose the spreadsheet of cases (XLSX or CSV).")
    monkeypatch.setitem(app.config, "MAX_UPLOAD_BYTES", 1024 * 1024)
    big = csv_bytes([["reference", "title"]] + [["KZ-2024-0101", "x" * 1000]] * 1100)
    assert_refused(upload(lawyer_client, big, "big.csv"), "big.csv: the file is over 1 MB")
    assert upload(lawyer_client, big * 3, "huge.csv").status_code == 413


def test_the_upload_checks_the_csrf_token_after_allowing_large_files(client, app, lawyer, monkeypatch):
    login(client, lawyer)
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    assert upload(client, xlsx_bytes()).status_code == 400  # no token
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/import").get_data(as_text=True)).group(1)
    rows = [[f"KZ-2024-{i:04d}", "Big", "word " * 3200] for i in range(200)]  # over the site's 2 MB form limit
    big = csv_bytes([["reference", "title", "summary"], *rows])
    assert len(big) > app.config["MAX_CONTENT_LENGTH"]
    response = upload(client, big, "big.csv", csrf_token=csrf)
    assert token_of(response)
    confirm = client.post("/import/confirm", data={"token": token_of(response)})
    assert confirm.status_code == 400, "the confirmation needs its CSRF token too"


# --------------------------------------------------------------------------- the token

def refused(client, token: str) -> None:
    response = client.post("/import/confirm", data={"token": token})
    assert response.status_code == 302 and response.headers["Location"] == "/import"
    assert "this preview is no longer available" in text(client.get("/import"))


def test_a_token_is_good_for_its_own_user_only(client, session, lawyer, make_user):
    others = (make_user("lawyer"), make_user("supervisor"), make_user("admin"))
    login(client, lawyer)
    token = token_of(upload(client, xlsx_bytes()))
    before = row_counts(session)
    for other in others:
        login(client, other)
        refused(client, token)
        client.post("/import/cancel", data={"token": token})  # nor can they drop it
    assert row_counts(session) == before
    login(client, lawyer)
    assert client.post("/import/confirm", data={"token": token}).status_code == 302
    assert imported(session) == ["KZ-2024-0101", "KZ-2024-0102"]


def test_a_token_is_good_once(lawyer_client, session):
    token = token_of(upload(lawyer_client, xlsx_bytes()))
    assert lawyer_client.post("/import/confirm", data={"token": token}).status_code == 302
    counts = row_counts(session)
    refused(lawyer_client, token)
    assert row_counts(session) == counts


def test_a_cancelled_or_expired_or_made_up_token_imports_nothing(lawyer_client, session, monkeypatch, imports_dir):
    before = row_counts(session)
    token = token_of(upload(lawyer_client, xlsx_bytes()))
    assert lawyer_client.post("/import/cancel", data={"token": token}).status_code == 302
    refused(lawyer_client, token)
    token = token_of(upload(lawyer_client, xlsx_bytes()))
    now = service._clock()
    monkeypatch.setattr(service, "_clock", lambda: now + service.PENDING_SECONDS + 1)
    refused(lawyer_client, token)
    monkeypatch.undo()
    refused(lawyer_client, token)  # an expired one is deleted, not kept
    for made_up in ("", "x" * 43, "../" * 15, token[:-1], "A" * 1000):
        refused(lawyer_client, made_up)
    assert row_counts(session) == before
    assert not list(imports_dir.iterdir()), "a cancelled or expired upload leaves nothing behind"


def test_the_waiting_upload_is_encrypted_and_named_without_its_token(lawyer_client, imports_dir):
    token = token_of(upload(lawyer_client, xlsx_bytes()))
    files = list(imports_dir.iterdir())
    assert len(files) == 1 and token not in files[0].name
    assert b"Aigerim" not in files[0].read_bytes() and b"KZ-2024-0101" not in files[0].read_bytes()
    lawyer_client.post("/import/cancel", data={"token": token})


def test_an_old_upload_is_swept_by_the_next_one(lawyer_client, monkeypatch, imports_dir):
    first = token_of(upload(lawyer_client, xlsx_bytes()))
    [old] = imports_dir.iterdir()
    long_ago = service._clock() - service.PENDING_SECONDS - 1
    os.utime(old, (long_ago, long_ago))
    second = token_of(upload(lawyer_client, xlsx_bytes()))
    assert old not in list(imports_dir.iterdir()) and len(list(imports_dir.iterdir())) == 1
    monkeypatch.undo()
    refused(lawyer_client, first)
    lawyer_client.post("/import/cancel", data={"token": second})


def test_the_confirmation_asks_for_the_password_again_when_it_is_old(lawyer_client, session):
    token = token_of(upload(lawyer_client, xlsx_bytes()))
    with lawyer_client.session_transaction() as cookie:
        cookie["authenticated_at"] = 0
    response = lawyer_client.post("/import/confirm", data={"token": token})
    assert response.status_code == 302 and "/reauth" in response.headers["Location"]
    assert imported(session) == []
    assert lawyer_client.get("/import").status_code == 302  # the upload page too


# --------------------------------------------------------------------------- all or nothing

def test_a_reference_taken_between_preview_and_confirmation_imports_nothing(lawyer_client, session, lawyer):
    token = token_of(upload(lawyer_client, xlsx_bytes()))
    create_case(session, reference="KZ-2024-0102", created_by=lawyer, data={"title": "Meanwhile"})
    session.commit()
    before = row_counts(session)
    response = lawyer_client.post("/import/confirm", data={"token": token})
    assert_refused(response, "cases row 3, reference: KZ-2024-0102 already exists")
    assert imported(session) == ["KZ-2024-0102"] and row_counts(session) == before


def test_a_failure_while_writing_leaves_no_case_written_before_it(lawyer_client, session, monkeypatch):
    token = token_of(upload(lawyer_client, xlsx_bytes()))
    before, people = row_counts(session), session.scalar(select(func.count(Person.id)))
    calls = []

    def failing(*args, **kwargs):
        calls.append(kwargs["case"].reference)
        if len(calls) == 2:
            raise service.ImportRefused([service.SheetProblem("cases", 3, "title", "the disk is full")])

    monkeypatch.setattr(service, "record_read", failing)
    assert_refused(lawyer_client.post("/import/confirm", data={"token": token}), "cases row 3, title: the disk is full")
    assert calls == ["KZ-2024-0101", "KZ-2024-0102"], "the first case had been written when the second failed"
    session.expire_all()
    assert imported(session) == [] and row_counts(session) == before
    assert session.scalar(select(func.count(Person.id))) == people


# --------------------------------------------------------------------------- templates

def test_the_templates_download(lawyer_client):
    response = lawyer_client.get("/import/template.xlsx")
    assert response.status_code == 200 and response.mimetype.endswith("spreadsheetml.sheet")
    assert load_workbook(io.BytesIO(response.data)).sheetnames == ["cases", "events", "codes", "help"]
    cases = lawyer_client.get("/import/template.csv")
    assert cases.data.startswith(codecs.BOM_UTF8 + b"reference;title;region")
    assert lawyer_client.get("/import/template.csv?sheet=events").data.startswith(
        codecs.BOM_UTF8 + b"reference;key;type;at;source")
    assert "attachment" in cases.headers["Content-Disposition"]


def test_the_cases_page_links_to_the_import(lawyer_client):
    assert 'href="/import"' in lawyer_client.get("/").get_data(as_text=True)
