"""Reading cases from spreadsheets (app/interchange/spreadsheet.py), without a database.

CSV in the encodings and separators Excel writes, XLSX read by content (never by name), dates
at the precision typed or shown, codes by code or English label, and every problem named by
sheet, row and column.
"""

from __future__ import annotations

import codecs
import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from app.interchange import spreadsheet as sheet_module
from app.interchange.format import Problem, dump_document
from app.interchange.spreadsheet import (
    CASE_COLUMNS,
    EVENT_COLUMNS,
    MAX_ROWS,
    Upload,
    amount,
    cell_text,
    convert_uploads,
    date_text,
    decode_text,
    locate,
    sniff_delimiter,
    template_csv,
    template_xlsx,
    yes_no,
)

NOW = datetime(2024, 6, 1, 12, 0)
CASES_HEADER = ["reference", "title", "region", "place_type", "minor", "victim_name", "victim_aliases"]
EVENTS_HEADER = ["reference", "key", "type", "at", "source", "body", "field:to_body", "field:against"]


def csv_bytes(rows: list[list[str]], *, delimiter: str = ";", encoding: str = "utf-8", bom: bool = False) -> bytes:
    text = "\r\n".join(delimiter.join(_quoted(c, delimiter) for c in row) for row in rows) + "\r\n"
    return (codecs.BOM_UTF8 if bom else b"") + text.encode(encoding)


def _quoted(cell: str, delimiter: str) -> str:
    return f'"{cell}"' if delimiter in cell or "\n" in cell else cell


def xlsx_bytes(sheets: dict[str, list[list[object]]]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        worksheet = workbook.create_sheet(title)
        for row in rows:
            worksheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def convert(cases: bytes, events: bytes | None = None, name: str = "cases.csv"):
    return convert_uploads(Upload(name, cases), Upload("events.csv", events) if events is not None else None, now=NOW)


def problems(conversion) -> list[str]:
    return [str(p) for p in conversion.problems]


GOOD_CASES = [CASES_HEADER,
              ["KZ-2021-0001", "Beating at the station", "almaty_city", "police_station", "yes", "Aidos Serikbayev",
               "Айдос Серикбаев; Aidos Serikbaev"],
              ["kz-2021-0002", "Кейс на русском", "Almaty (city)", "", "нет", "", ""]]
GOOD_EVENTS = [EVENTS_HEADER,
               ["KZ-2021-0001", "", "apprehension", "13.01.2021 11:00", "lawyer's file", "police", "", ""],
               ["KZ-2021-0001", "refusal", "registration_refused", "02.2021", "Letter of 01.03.2021", "prosecutor",
                "", ""],
               ["KZ-2021-0001", "", "appeal_filed", "2021", "Appeal", "", "Prosecutor (CPC 105)", "refusal"]]


# --------------------------------------------------------------------------- CSV

@pytest.mark.parametrize(("encoding", "bom", "delimiter"), [
    ("utf-8", True, ";"), ("utf-8", False, ","), ("cp1251", False, ";"), ("utf-8", True, "\t")])
def test_csv_in_the_encodings_and_separators_excel_writes(encoding, bom, delimiter):
    conversion = convert(csv_bytes(GOOD_CASES, encoding=encoding, bom=bom, delimiter=delimiter),
                         csv_bytes(GOOD_EVENTS, encoding=encoding, bom=bom, delimiter=delimiter))
    assert problems(conversion) == []
    document = dump_document(conversion.document)
    first, second = document["cases"]
    assert first["reference"] == "KZ-2021-0001" and first["victim_flags"] == ["minor"]
    assert second["reference"] == "KZ-2021-0002" and second["title"] == "Кейс на русском"
    assert second["region"] == "almaty_city"  # by its English label
    assert document["people"] == [{"key": "row-2", "name": "Aidos Serikbayev",
                                   "aliases": ["Айдос Серикбаев", "Aidos Serikbaev"]}]
    assert first["parties"] == [{"person": "row-2", "role": "victim"}]
    assert [(e["type"], e["at"]) for e in first["events"]] == [
        ("apprehension", "2021-01-13T11:00"), ("registration_refused", "2021-02"), ("appeal_filed", "2021")]
    assert first["events"][2]["fields"] == {"against": 1, "to_body": "prosecutor"}
    assert conversion.case_rows == {"KZ-2021-0001": 2, "KZ-2021-0002": 3}
    assert conversion.event_rows["KZ-2021-0001"] == [2, 3, 4]


def test_utf16_with_bom_is_read():
    data = codecs.BOM_UTF16_LE + "reference\ttitle\r\nKZ-1-001\tЖалоба\r\n".encode("utf-16-le")
    assert decode_text(data, "cases").startswith("reference\ttitle")
    assert problems(convert(data)) == []


def test_text_that_is_neither_utf8_nor_cp1251_is_refused():
    assert problems(convert(b"reference;title\r\n\x98\x98;x\r\n")) == [
        "cases: is neither UTF-8 nor Windows-1251 (Cyrillic) text: save it as CSV UTF-8"]


@pytest.mark.parametrize(("line", "expected"), [
    ("reference;title;region", ";"), ("reference,title,region", ","), ("reference\ttitle", "\t"),
    ('"a, b";c', ";"), ("reference", ";")])
def test_the_separator_is_whichever_splits_the_header(line, expected):
    assert sniff_delimiter(line + "\r\nx") == expected


def test_excels_separator_line_is_obeyed_and_not_a_row():
    data = b"sep=,\r\nreference,title;with a semicolon\r\nKZ-2021-0001,T\r\n"
    assert problems(convert(data)) == ["cases row 1, title;with a semicolon: is not a column of the cases sheet "
                                       "(docs/spreadsheet-import.md)", "cases row 1: no column 'title': the first "
                                       "row must name the columns, and title is required"]
    assert convert(b"sep=,\r\nreference,title\r\nKZ-2021-0001,T;U\r\n").document.cases[0].title == "T;U"


def test_quoted_cells_keep_separators_and_line_breaks():
    rows = [CASES_HEADER, ["KZ-2021-0001", "Title; with a semicolon", "", "", "", "Aidos", "Айдос\nAydos"]]
    document = convert(csv_bytes(rows)).document
    assert document.cases[0].title == "Title; with a semicolon"
    assert document.people[0].aliases == ["Айдос", "Aydos"]


def test_blank_rows_are_skipped_but_rows_keep_their_numbers():
    rows = [CASES_HEADER, ["", "", ""], ["KZ-2021-0001", "T", "nowhere"]]
    assert problems(convert(csv_bytes(rows))) == [
        "cases row 3, region: 'nowhere' is not a region; choose one of " + ", ".join(
            c.code for c in sheet_module.REGIONS)]


# --------------------------------------------------------------------------- headers

def test_headers_match_whatever_the_case_and_accept_english_labels():
    rows = [["Reference*", "TITLE", "Place type", "Minor at the time", "Victim", "Other spellings"],
            ["KZ-2021-0001", "T", "Police station", "x", "A", "B"]]
    case = convert(csv_bytes(rows)).document.cases[0]
    assert case.place_type == "police_station" and case.victim_flags == ["minor"]


def test_an_unknown_or_repeated_column_is_an_error_not_dropped():
    rows = [["reference", "title", "Regoin", "Title", "to_body"], ["KZ-2021-0001", "T", "x", "y", ""]]
    assert problems(convert(csv_bytes(rows))) == [
        "cases row 1, Regoin: is not a column of the cases sheet (docs/spreadsheet-import.md)",
        "cases row 1, Title: is the same column as 'title'",
        "cases row 1, to_body: is not a column of the cases sheet (docs/spreadsheet-import.md)"]
    rows = [["reference", "type", "at", "source", "to_body", "field:nonsense"],
            ["KZ-1", "release", "2020", "s", "", "1"]]
    messages = problems(convert(csv_bytes([["reference", "title"], ["KZ-1", "T"]]), csv_bytes(rows)))
    assert messages == [
        "events row 1, to_body: is not a column of the events sheet (docs/spreadsheet-import.md); "
        "an event type's own field is headed field:to_body",
        "events row 1, field:nonsense: is not a column of the events sheet (docs/spreadsheet-import.md); "
        "no event type has this field"]


def test_missing_required_columns_stop_the_sheet():
    assert problems(convert(csv_bytes([["title", "region"], ["T", "astana"]]))) == [
        "cases row 1: no column 'reference': the first row must name the columns, and reference is required"]


def test_the_events_sheet_given_as_the_cases_sheet_is_pointed_out():
    messages = problems(convert(csv_bytes(GOOD_EVENTS)))
    assert "cases row 1: this looks like the events sheet: give it as the events file, the cases as the " \
           "cases file" in messages


def test_an_empty_file_and_a_header_without_rows():
    assert problems(convert(b"")) == ["cases: the file is empty"]
    assert problems(convert(csv_bytes([CASES_HEADER]))) == ["cases: has no cases below its header row"]


def test_a_value_in_a_column_without_a_header():
    rows = [["reference", "title"], ["KZ-2021-0001", "T", "stray"]]
    assert problems(convert(csv_bytes(rows))) == ["cases row 2, column 3: 'stray' is in a column without a header"]


# --------------------------------------------------------------------------- values

@pytest.mark.parametrize(("typed", "iso"), [
    ("13.01.2022", "2022-01-13"), ("3.1.2022", "2022-01-03"), ("01.2022", "2022-01"), ("1.2022", "2022-01"),
    ("2022", "2022"), ("13.01.2022 11:05", "2022-01-13T11:05"), ("13.01.2022, 9:05", "2022-01-13T09:05"),
    ("13.01.2022 г.", "2022-01-13"), ("2022-01-13", "2022-01-13"), ("2022-01", "2022-01"),
    ("2022-01-13T11:00", "2022-01-13T11:00"), ("2022-01-13 11:00:00", "2022-01-13T11:00"), (" 2022 ", "2022")])
def test_dates_as_lawyers_type_them_keep_their_precision(typed, iso):
    assert date_text(typed) == iso


@pytest.mark.parametrize(("typed", "reason"), [
    ("31.02.2021", "'31.02.2021' is not a real date"),
    ("13.13.2021", "'13.13.2021' is not a real date"),
    ("01/02/2022", "'01/02/2022' is not a date: write 13.01.2022, 01.2022 or 2022 (with a time: 13.01.2022 11:00)"),
    ("13.01.22", "'13.01.22' is not a date: write 13.01.2022, 01.2022 or 2022 (with a time: 13.01.2022 11:00)"),
    ("January 2022", "'January 2022' is not a date: write 13.01.2022, 01.2022 or 2022 (with a time: "
                     "13.01.2022 11:00)"),
    ("01.1850", "'01.1850': the year must be between 1900 and 2200"),
    ("13.01.2022 25:00", "'13.01.2022 25:00' is not a real date")])
def test_dates_that_are_not_are_refused_not_guessed(typed, reason):
    with pytest.raises(ValueError, match="^" + reason.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")):
        date_text(typed)


@pytest.mark.parametrize(("typed", "value"), [
    ("150000", 150000), ("150 000", 150000), ("150\u00a0000,50", 150000.5), ("150,000.50", 150000.5),
    ("150.000,50", 150000.5), ("1.000.000", 1000000), ("150,000", 150000), ("12,5", 12.5), ("0.125", 0.125)])
def test_amounts_with_the_separators_people_use(typed, value):
    assert amount(typed) == value


@pytest.mark.parametrize("typed", ["abc", "-5", "1e5", "12,5,6", ""])
def test_what_is_not_an_amount(typed):
    with pytest.raises(ValueError, match="is not an amount"):
        amount(typed)


@pytest.mark.parametrize(("typed", "value"), [
    ("yes", True), ("Y", True), ("TRUE", True), ("1", True), ("x", True), ("да", True), ("иә", True),
    ("no", False), ("нет", False), ("жоқ", False), ("0", False), ("", None)])
def test_yes_and_no_in_three_languages(typed, value):
    assert yes_no(typed) is value


# --------------------------------------------------------------------------- problems at their cells

def test_every_problem_names_sheet_row_and_column():
    cases = [["Reference", "Title", "Region", "Minor", "Victim aliases"],
             ["KZ-2021-0001", "T", "almaty", "maybe", ""],
             ["KZ-2021-0002", "", "astana", "", "Aydos"],
             ["bad ref!", "T", "", "", ""],
             ["KZ-2021-0001", "Again", "", "", ""]]
    events = [["Reference", "Type", "Date", "Source", "field:to_body", "field:against", "Body"],
              ["KZ-2021-0001", "complaint_filed", "31.02.2021", "s", "", "", ""],
              ["KZ-2021-0001", "no_such_type", "2021", "s", "", "", ""],
              ["KZ-2021-0001", "appeal_filed", "2030", "", "prosecutor", "nothing", "the police"],
              ["KZ-2021-0009", "apprehension", "2021", "s", "", "", ""],
              ["KZ-2021-0002", "apprehension", "2021", "s", "police", "", ""]]
    regions = ", ".join(c.code for c in sheet_module.REGIONS)
    bodies = ", ".join(c.code for c in sheet_module.BODIES)
    assert problems(convert(csv_bytes(cases), csv_bytes(events))) == [
        f"cases row 2, Region: 'almaty' is not a region; choose one of {regions}",
        "cases row 2, Minor: 'maybe' is not yes or no",
        "cases row 3, victim_name: give the victim's name with the other spellings",
        "cases row 3, Title: is required",
        "cases row 4, Reference: must be 3-40 capital letters, digits or '-', e.g. KZ-2021-0007",
        "cases row 5, Reference: KZ-2021-0001 is also on row 2",
        "events row 2, Date: '31.02.2021' is not a real date",  # said once: not also "is required"
        "events row 2, field:to_body: is required",
        "events row 3, Type: 'no_such_type' is not an event type; see the codes sheet of the template or "
        "docs/vocabulary.md",
        f"events row 4, Body: 'the police' is not a body; choose one of {bodies}",
        "events row 4, field:against: 'nothing' is not the key of another event of this case; give the event a "
        "key in the key column",
        "events row 4, Date: 2030 is in the future",
        "events row 4, Source: is required: cite the document and paragraph, or \"lawyer's file\"",
        "events row 5, Reference: KZ-2021-0009 is not a case of the cases sheet (events are imported with "
        "their case)",
        "events row 6, field:to_body: is not a field of apprehension",
    ]


def test_event_keys_link_events_within_their_case_only():
    cases = [["reference", "title"], ["KZ-2021-0001", "A"], ["KZ-2021-0002", "B"]]
    events = [EVENTS_HEADER,
              ["KZ-2021-0001", "d", "registration_refused", "2021", "s", "", "", ""],
              ["KZ-2021-0002", "d", "registration_refused", "2021", "s", "", "", ""],
              ["KZ-2021-0002", "d", "written_off", "2021", "s", "", "", ""],
              ["KZ-2021-0002", "a", "appeal_filed", "2021", "s", "", "prosecutor", "a"]]
    assert problems(convert(csv_bytes(cases), csv_bytes(events))) == [
        "events row 4, key: 'd' is also the key of row 3 of this case",
        "events row 5, field:against: 'a' is not the key of another event of this case (d, d)"]


def test_text_with_control_characters_is_refused_at_its_cell():
    rows = [["reference", "title", "summary"], ["KZ-2021-0001", "T", "bad \x07 bell"]]
    assert problems(convert(csv_bytes(rows))) == ["cases row 2, summary: contains control characters"]


def test_too_many_rows_are_refused_whole():
    rows = [["reference", "title"]] + [[f"KZ-{i:06d}", "T"] for i in range(MAX_ROWS + 1)]
    assert problems(convert(csv_bytes(rows))) == [
        f"cases: has more than {MAX_ROWS:,} rows of data; import it in parts"]
    assert problems(convert(csv_bytes(rows[:-1]))) == []


def test_too_many_events_are_refused_whole():
    events = [["reference", "type", "at", "source"]] + [["KZ-2021-0001", "release", "2021", "s"]] * (
        sheet_module.MAX_EVENT_ROWS + 1)
    assert problems(convert(csv_bytes([["reference", "title"], ["KZ-2021-0001", "T"]]), csv_bytes(events))) == [
        f"events: has more than {sheet_module.MAX_EVENT_ROWS:,} rows of data; import it in parts"]


def test_a_malformed_csv_is_named_by_its_row():
    assert problems(convert(b'reference;title\r\nKZ-2021-0001;"T"x\r\n')) == [
        "cases row 2: cannot be read as CSV: ';' expected after '\"'"]
    assert problems(convert(b"reference;title\r\nKZ-2021-0001;" + b"x" * 200_000 + b"\r\n")) == [
        "cases row 2: has a cell longer than 131,072 characters"]


def test_a_file_wrong_everywhere_is_reported_by_its_first_problems(monkeypatch):
    monkeypatch.setattr(sheet_module, "MAX_PROBLEMS", 3)
    rows = [["reference", "title"]] + [[f"KZ-2021-{i:04d}", ""] for i in range(5)]
    assert problems(convert(csv_bytes(rows))) == [
        "cases row 2, title: is required", "cases row 3, title: is required", "cases row 4, title: is required",
        "file: has more problems: the first 3 are listed"]


def test_a_problem_of_the_whole_document_is_found_at_its_row():
    conversion = convert(csv_bytes(GOOD_CASES), csv_bytes(GOOD_EVENTS))
    assert str(conversion.locate(Problem("case KZ-2021-0002", "reference", "already exists"))) == \
        "cases row 3, reference: already exists"
    assert str(locate(Problem("case KZ-2021-0001, event 2", "fields.against", "wrong"),
                      conversion.case_rows, conversion.event_rows, conversion.headers)) == \
        "events row 4, field:against: wrong"


# --------------------------------------------------------------------------- XLSX

def test_a_workbook_with_its_cases_and_events_sheets():
    data = xlsx_bytes({"Cases": [CASES_HEADER, ["KZ-2021-0001", "Title", "astana", None, True, "Aidos", None]],
                       "notes": [["anything"]],
                       "EVENTS": [EVENTS_HEADER, ["KZ-2021-0001", None, "apprehension", date(2021, 1, 13), "s",
                                                  "police", None, None]]})
    conversion = convert(data, name="register.xlsx")
    assert problems(conversion) == []
    case = conversion.document.cases[0]
    assert case.victim_flags == ["minor"] and case.events[0].at.isoformat() == "2021-01-13"


def test_without_a_sheet_named_cases_the_first_sheet_holds_them():
    data = xlsx_bytes({"Лист1": [["reference", "title"], ["KZ-2021-0001", "T"]]})
    assert convert(data).document.cases[0].reference == "KZ-2021-0001"


def test_events_in_a_second_workbook_and_given_twice():
    cases = xlsx_bytes({"cases": [["reference", "title"], ["KZ-2021-0001", "T"]],
                        "events": [["reference", "type", "at", "source"], ["KZ-2021-0001", "release", "2021", "s"]]})
    events = xlsx_bytes({"Sheet": [["reference", "type", "at", "source"], ["KZ-2021-0001", "release", "2021", "s"]]})
    assert problems(convert_uploads(Upload("a.xlsx", xlsx_bytes({"x": [["reference", "title"], ["KZ-1", "T"]]})),
                                    Upload("b.xlsx", events), now=NOW)) == [
        "events row 2, reference: KZ-2021-0001 is not a case of the cases sheet (events are imported with their "
        "case)"]
    assert problems(convert_uploads(Upload("a.xlsx", cases), Upload("b.xlsx", events), now=NOW)) == [
        "events: the events are both a sheet of the workbook and a second file: give them once"]


@pytest.mark.parametrize(("value", "number_format", "text"), [
    (datetime(2022, 1, 1), "mmm yyyy", "2022-01"),
    (datetime(2022, 1, 1), "[$-419]mmmm yyyy;@", "2022-01"),
    (datetime(2022, 1, 1), "yyyy", "2022"),
    (datetime(2022, 1, 13), "dd.mm.yyyy", "2022-01-13"),
    (datetime(2022, 1, 13), "mm-dd-yy", "2022-01-13"),
    (datetime(2022, 1, 13, 11, 5), "dd.mm.yyyy hh:mm", "2022-01-13T11:05"),
    (datetime(2022, 1, 13, 11, 5), "General", "2022-01-13T11:05"),
    (date(2022, 1, 13), None, "2022-01-13"),
    (2021.0, "General", "2021"), (150000.5, "General", "150000.5"), (7, "General", "7"),
    (True, "General", "yes"), (None, "General", ""), ("  text  ", "@", "text")])
def test_cells_are_read_at_the_precision_their_format_shows(value, number_format, text):
    assert cell_text(value, number_format) == text


def test_a_date_cell_formatted_as_a_month_stays_a_month():
    workbook = Workbook()
    cases = workbook.active
    cases.title = "cases"
    cases.append(["reference", "title"])
    cases.append(["KZ-2021-0001", "T"])
    events = workbook.create_sheet("events")
    events.append(["reference", "type", "at", "source"])
    events.append(["KZ-2021-0001", "release", datetime(2021, 3, 1), "s"])
    events["C2"].number_format = "mmmm yyyy"
    out = io.BytesIO()
    workbook.save(out)
    assert convert(out.getvalue()).document.cases[0].events[0].at.isoformat() == "2021-03"


def test_a_sheet_whose_declared_size_is_wrong_is_read_whole():
    data = xlsx_bytes({"cases": [["reference", "title"], ["KZ-2021-0001", "T"], ["KZ-2021-0002", "U"]]})
    patched = _rewrite(data, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b'<dimension ref="A1:B3"/>',
                                                                                 b'<dimension ref="A1:A1"/>'))
    assert [c.reference for c in convert(patched).document.cases] == ["KZ-2021-0001", "KZ-2021-0002"]


def _rewrite(data: bytes, name: str, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            target.writestr(info, change(content) if info.filename == name else content)
    return out.getvalue()


def _add(data: bytes, name: str, content: bytes) -> bytes:
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a") as archive:
        archive.writestr(name, content)
    return out.getvalue()


WORKBOOK = xlsx_bytes({"cases": [["reference", "title"], ["KZ-2021-0001", "T"]]})


def _docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def _zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (50 * 1024 * 1024))
    return out.getvalue()


@pytest.mark.parametrize(("data", "reason"), [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "a PDF file (application/pdf), not a spreadsheet: "
                                                              "upload XLSX or CSV"),
    (bytes.fromhex("89504e470d0a1a0a0000000d49484452") + b"\0" * 32, "a PNG file (image/png), not a spreadsheet: "
                                                                     "upload XLSX or CSV"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "an old Excel 97-2003 (.xls) workbook: save it as Excel "
                                                        "Workbook (.xlsx) or as CSV"),
    (_docx(), "a ZIP archive but not an Excel workbook: upload XLSX or CSV"),
    (_add(WORKBOOK, "xl/vbaProject.bin", b"macro"), "the workbook contains macros (.xlsm): save it as Excel "
                                                     "Workbook (.xlsx)"),
    (_rewrite(WORKBOOK, "[Content_Types].xml", lambda xml: xml.replace(
        b"sheet.main+xml", b"sheet.macroEnabled.main+xml")), "the workbook contains macros (.xlsm): save it as "
                                                              "Excel Workbook (.xlsx)"),
    (_zip_bomb(), "this archive unpacks to far more than its size (a zip bomb?): refused"),
    (_rewrite(WORKBOOK, "xl/worksheets/sheet1.xml", lambda xml: b'<!DOCTYPE x [<!ENTITY a "aa">]>' + xml),
     "the workbook declares XML entities, which Excel never writes: refused"),
    (WORKBOOK[: len(WORKBOOK) // 2], "a damaged ZIP archive, not a workbook that can be read"),
    (b"reference;title\r\n\0\0\0;x", "is not a text file: upload XLSX or CSV"),
], ids=["pdf", "png", "xls", "docx", "vba", "xlsm", "zip-bomb", "xml-entities", "damaged", "binary"])
def test_what_is_not_a_plain_workbook_or_csv_is_refused_by_its_content(data, reason):
    assert problems(convert(data, name="cases.xlsx")) == [f"cases: {reason}"]


def test_a_workbook_openpyxl_cannot_read_is_a_message_not_a_traceback():
    broken = _rewrite(WORKBOOK, "xl/workbook.xml", lambda xml: b"<not-a-workbook")
    [message] = problems(convert(broken))
    assert message.startswith("cases: cannot be read as an Excel workbook (")


def test_a_sheet_going_on_too_far_is_refused(monkeypatch):
    monkeypatch.setattr(sheet_module, "MAX_SCANNED_ROWS", 50)
    rows: list[list[object]] = [["reference", "title"], ["KZ-2021-0001", "T"]] + [[None]] * 60 + [["KZ-2", "x"]]
    assert problems(convert(xlsx_bytes({"cases": rows}))) == [
        f"cases: goes on past row 50; the limit is {MAX_ROWS:,} rows: import it in parts, and delete the empty "
        "rows below the data"]


# --------------------------------------------------------------------------- templates

def test_the_csv_templates_are_the_documented_headers():
    for sheet, columns in (("cases", CASE_COLUMNS), ("events", EVENT_COLUMNS)):
        data = template_csv(sheet)
        assert data.startswith(codecs.BOM_UTF8)
        assert data.decode("utf-8-sig").rstrip("\r\n").split(";") == [c.key for c in columns]
    assert problems(convert(template_csv("cases"), template_csv("events"))) == [
        "cases: has no cases below its header row"]


def test_the_workbook_template_filled_in_imports():
    workbook = load_workbook(io.BytesIO(template_xlsx()))
    assert workbook.sheetnames == ["cases", "events", "codes", "help"]
    cases, events = workbook["cases"], workbook["events"]
    assert [c.value for c in cases[1]] == [c.key for c in CASE_COLUMNS]
    assert cases.data_validations.dataValidation, "drop-down lists of the code lists"
    assert events["D2"].number_format == "@", "dates typed as text keep their precision"
    cases.append(["KZ-2024-0001", "From the template", "astana", "Almaty", "sizo", "police", "no", "да"])
    events["A2"], events["C2"], events["D2"], events["E2"] = "KZ-2024-0001", "Release", "05.2024", "lawyer's file"
    out = io.BytesIO()
    workbook.save(out)
    conversion = convert(out.getvalue(), name="filled.xlsx")
    assert problems(conversion) == []
    case = conversion.document.cases[0]
    assert (case.place_type, case.victim_flags) == ("sizo", ["woman"])
    assert [(e.type, e.at.isoformat()) for e in case.events] == [("release", "2024-05")]


def test_every_column_is_documented():
    doc = (Path(__file__).resolve().parents[2] / "docs" / "spreadsheet-import.md").read_text(encoding="utf-8")
    for column in (*CASE_COLUMNS, *EVENT_COLUMNS):
        if not column.key.startswith("field:"):
            assert f"`{column.key}`" in doc, f"docs/spreadsheet-import.md does not describe {column.key}"
    assert f"| cases per upload | {MAX_ROWS:,} |" in doc
    assert f"| events per upload | {sheet_module.MAX_EVENT_ROWS:,} |" in doc


def test_the_event_types_of_the_truth_in_the_record_additions_are_read_with_their_fields():
    """DOMAIN.md §3 additions: a step not taken pointing at its start, a resumption at the termination it quashed,
    a placement at the ruling it rests on; every new type and field by code or label."""
    cases = [["reference", "title", "minor"], ["KZ-2021-0001", "A minor held", "yes"]]
    header = ["reference", "key", "type", "at", "source", "field:step", "field:refers_to", "field:against",
              "field:court_ruling", "field:capacity", "field:facility", "field:what", "field:ground",
              "field:place_type", "field:kind", "field:injuries", "field:suspected_of", "field:until"]
    blank = [""] * (len(header) - 5)

    def row(key: str, type_: str, at: str, **fields: str) -> list[str]:
        cells = dict(zip(header[5:], blank, strict=True))
        cells.update({f"field:{name}": value for name, value in fields.items()})
        return ["KZ-2021-0001", key, type_, at, "lawyer's file", *cells.values()]

    events = [header,
              row("arrest", "apprehension", "08.01.2021 03:00", suspected_of="CC 99(1)"),
              row("", "interrogation", "08.01.2021 04:00", until="08.01.2021 11:30"),
              row("", "not_done", "08.01.2021 08:00", step="Relatives notified", refers_to="arrest"),
              row("", "medical_exam", "08.01.2021", kind="admission", injuries="yes", place_type="ivs"),
              row("", "held_with_adults", "21.01.2021", facility="Detention Centre No. 18"),
              row("", "evidence_preservation_requested", "25.01.2021", what="CCTV and body-camera footage"),
              row("closed", "investigation_terminated", "30.04.2021", ground="cpc_35_1_unstated"),
              row("", "investigation_resumed", "20.05.2021", against="closed"),
              row("ruling", "legal_capacity_ruling", "2021", capacity=""),
              row("", "psychiatric_placement", "2021", court_ruling="ruling", facility="Aktas hospital")]
    conversion = convert(csv_bytes(cases), csv_bytes(events))
    assert problems(conversion) == []
    [case] = conversion.document.cases
    by_type = {e.type: e for e in case.events}
    assert by_type["not_done"].fields == {"step": "relatives_notified", "refers_to": 0}
    assert by_type["investigation_resumed"].fields == {"against": 6}
    assert by_type["psychiatric_placement"].fields == {"court_ruling": 8, "facility": "Aktas hospital"}
    assert by_type["medical_exam"].fields == {"kind": "admission", "injuries": True, "place_type": "ivs"}
    assert by_type["evidence_preservation_requested"].fields == {"what": "cctv"}
    assert by_type["interrogation"].fields == {"until": "2021-01-08T11:30"}
    assert by_type["apprehension"].fields == {"suspected_of": "CC 99(1)"}
    assert [e.type for e in case.events][:3] == ["apprehension", "interrogation", "not_done"]  # the sheet's order


def test_the_ground_the_law_does_not_have_is_refused_with_the_codes_it_has():
    cases = [["reference", "title"], ["KZ-2021-0001", "A"]]
    events = [["reference", "type", "at", "source", "field:ground"],
              ["KZ-2021-0001", "investigation_terminated", "30.04.2021", "s", "lack_of_evidence"]]
    [problem] = problems(convert(csv_bytes(cases), csv_bytes(events)))
    assert problem.startswith("events row 2, field:ground: 'lack_of_evidence' is not")
    assert "cpc_35_1_unstated" in problem


def test_a_choices_cell_holds_several_codes_or_labels_separated_by_semicolons():
    cases = csv_bytes([CASES_HEADER, ["KZ-2021-0001", "Views", "", "", "", "", ""]], delimiter=",")
    events = csv_bytes([["reference", "key", "type", "at", "source", "field:violation_found",
                         "field:remedies_requested"],
                        ["KZ-2021-0001", "v", "un_views_adopted", "12.05.2024", "CAT/C/80/D/1234/2023", "yes",
                         "compensation; An impartial and effective investigation;publication"]], delimiter=",")
    conversion = convert(cases, events)
    assert problems(conversion) == []
    [record] = dump_document(conversion.document)["cases"]
    # in the list's order, whatever the order typed
    assert record["events"][0]["fields"]["remedies_requested"] == ["investigation", "compensation", "publication"]


def test_a_choices_cell_with_an_unknown_remedy_is_named_by_row_and_column():
    cases = csv_bytes([CASES_HEADER, ["KZ-2021-0001", "Views", "", "", "", "", ""]], delimiter=",")
    events = csv_bytes([["reference", "key", "type", "at", "source", "field:remedies_requested"],
                        ["KZ-2021-0001", "v", "un_views_adopted", "2024-05-12", "s", "compensation; apology"]],
                       delimiter=",")
    [problem] = problems(convert(cases, events))
    assert "row 2" in problem and "remedies_requested" in problem and "apology" in problem
