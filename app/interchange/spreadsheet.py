"""Cases from spreadsheets (docs/spreadsheet-import.md): CSV or XLSX rows to an interchange document.

Pure, like the rest of app.interchange: bytes in; out either a validated
:class:`~app.interchange.format.Document` or every problem found, each naming the sheet, the
row number a spreadsheet program shows and the column as the file heads it::

    cases row 7, Region: 'almaty' is not a region; choose one of abai, akmola, …

The rows become an interchange document and go through the same ``parse_document`` as
``flask cases import``, so a spreadsheet, a JSON file and the forms accept the same data. The
database (existing references, HURIDOCS terms) and the writing are app.services.spreadsheet's.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

import filetype
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString as _LazyString

from app.interchange.format import (
    FORMAT_NAME,
    FORMAT_VERSION,
    CaseRecord,
    Document,
    InvalidDocument,
    PersonRecord,
    Problem,
    parse_document,
)
from app.procedure.vocabulary import (
    BODIES,
    EVENT_TYPES,
    EVENT_TYPES_BY_NAME,
    PLACE_TYPES,
    REGIONS,
    VICTIM_FLAGS,
    Choice,
    EventType,
    Kind,
    shown,
)
from app.procedure.vocabulary import (
    Field as FieldSpec,
)
from app.procedure.when import EARLIEST_YEAR, LATEST_YEAR, InvalidWhen, When, almaty_now

CASES, EVENTS = "cases", "events"
# Cases and events per upload: a larger register is imported in parts. Writing takes some 10-15 ms
# a case with its events, so a confirmation stays well inside a web worker's 30 seconds.
MAX_ROWS = 1_000
MAX_EVENT_ROWS = 5_000
MAX_COLUMNS = 100
MAX_SCANNED_ROWS = 100_000  # rows read, blank ones included, before a sheet is given up on
XLSX_MAX_UNPACKED = 100 * 1024 * 1024  # a zip bomb disguised as a workbook stops here
XLSX_MAX_RATIO = 100
XLSX_MAX_MEMBERS = 2_000
MAX_PROBLEMS = 1_000  # a wholly wrong file is reported by its first thousand problems

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIME = "text/csv"


# --------------------------------------------------------------------------- problems

# The reasons and generated column names are lazy strings (flask_babel.lazy_gettext): this module
# needs no Flask application, and a problem is worded in the interface language only when it is
# shown (``str``); without an application, or in English, it reads as written here.
Text = str  # a str or a lazy string that becomes one when shown

# The sheets are named as in the file ("cases", "events"); a problem of the whole file says "file".
FILE = "file"


@dataclass(frozen=True)
class SheetProblem:
    """One thing wrong with an upload: the sheet, the row as numbered in the file, the column
    as headed in the file (either may be missing when the problem is the whole file or row)."""

    sheet: str
    row: int | None
    column: Text | None
    reason: Text

    def __str__(self) -> str:
        sheet = gettext("file") if self.sheet == FILE else self.sheet
        if self.row is not None and self.column:
            return gettext("%(sheet)s row %(row)d, %(column)s: %(reason)s", sheet=sheet, row=self.row,
                           column=self.column, reason=self.reason)
        if self.row is not None:
            return gettext("%(sheet)s row %(row)d: %(reason)s", sheet=sheet, row=self.row, reason=self.reason)
        if self.column:
            return gettext("%(sheet)s, %(column)s: %(reason)s", sheet=sheet, column=self.column, reason=self.reason)
        return gettext("%(sheet)s: %(reason)s", sheet=sheet, reason=self.reason)


def reason_of(exc: ValueError) -> Text:
    """The message of a ValueError raised here, still lazy (a plain str from elsewhere as it is)."""
    return exc.args[0] if len(exc.args) == 1 and isinstance(exc.args[0], str | _LazyString) else str(exc)


class SpreadsheetError(ValueError):
    def __init__(self, problems: list[SheetProblem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


# --------------------------------------------------------------------------- the layout

@dataclass(frozen=True)
class Column:
    key: str  # the header the template writes: "region", "field:to_body"
    labels: tuple[str, ...] = ()  # English headers also accepted
    required: bool = False
    help: str = ""
    example: str = ""
    date: bool = False  # written as text in the template, so that Excel keeps "01.2022" a month


def _flag_column(flag: Choice) -> Column:
    return Column(flag.code, (flag.label,), help="yes or no (empty: no)", example="no")


CASE_COLUMNS: tuple[Column, ...] = (
    Column("reference", ("Case reference",), True, "3-40 capital letters, digits or '-'; unique", "KZ-2021-0007"),
    Column("title", (), True, "up to 300 characters", "Beating at the district police station"),
    Column("region", (), help="a region: its code or its English name (codes sheet)", example="almaty_city"),
    Column("city", ("City or district",), help="city or district", example="Almaty"),
    Column("place_type", ("Type of place",), help="where it happened: a place type (codes sheet)",
           example="police_station"),
    Column("perpetrator_agency", ("Agency",), help="the alleged perpetrators' agency: a body (codes sheet)",
           example="police"),
    *(_flag_column(flag) for flag in VICTIM_FLAGS),
    Column("incident", (), help="a shared label linking the cases of one incident", example="january-2022"),
    Column("summary", (), help="a short account, up to 20,000 characters"),
    Column("victim_name", ("Victim",), help="the victim's full name as the main source spells it",
           example="Aidos Serikbayev"),
    Column("victim_aliases", ("Other spellings",), help="other spellings, separated by ';' or line breaks",
           example="Айдос Серикбаев; Aidos Serikbaev"),
)

FIELD_PREFIX = "field:"
FIELD_NAMES: tuple[str, ...] = tuple(dict.fromkeys(f.name for t in EVENT_TYPES for f in t.fields))

EVENT_COLUMNS: tuple[Column, ...] = (
    Column("reference", ("Case reference",), True, "the case's reference, as in the cases sheet", "KZ-2021-0007"),
    Column("key", ("Event key",), help="a short name for the event, unique within its case, for the "
           "field columns that point at another event (field:against, field:decision)", example="refusal"),
    Column("type", ("Event type",), True, "an event type: its name or its English label (codes sheet)",
           "complaint_filed"),
    Column("at", ("Date", "When"), True, "13.01.2022, 01.2022, 2022, 13.01.2022 11:00 or 2022-01-13",
           "13.01.2022", date=True),
    Column("source", (), True, "the document and paragraph the fact comes from, or \"lawyer's file\"",
           "Complaint of 13.01.2022, para. 2"),
    Column("body", ("Acting body",), help="who acted: a body (codes sheet)", example="prosecutor"),
    Column("document_number", (), help="number of the decision or paper the event produced"),
    Column("document_title", (), help="its title"),
    Column("notes", (), help="free text"),
    *(Column(FIELD_PREFIX + name, help="the event type's own field (docs/vocabulary.md)",
             date=any(f.name == name and f.kind is Kind.WHEN for t in EVENT_TYPES for f in t.fields))
      for name in FIELD_NAMES),
)
LAYOUT = {CASES: CASE_COLUMNS, EVENTS: EVENT_COLUMNS}


def _norm(header: str) -> str:
    """Headers match whatever the case, spacing or underscores, and a trailing '*'."""
    text = header.strip().rstrip("*").strip().lower()
    if text.startswith(FIELD_PREFIX):
        return FIELD_PREFIX + text[len(FIELD_PREFIX):].strip().replace(" ", "_")
    return " ".join(re.split(r"[\s_]+", text))


def _accepted(columns: Sequence[Column]) -> dict[str, str]:
    names: dict[str, str] = {}
    for column in columns:
        for header in (column.key, *column.labels):
            names[_norm(header)] = column.key
    return names


ACCEPTED = {sheet: _accepted(columns) for sheet, columns in LAYOUT.items()}


# --------------------------------------------------------------------------- reading files

@dataclass
class RawSheet:
    """A sheet as read: its role (cases or events), the rows that are not blank, each with the
    number a spreadsheet program shows for it; the first row is the header."""

    name: str
    rows: list[tuple[int, list[str]]] = field(default_factory=list)


@dataclass(frozen=True)
class Upload:
    filename: str
    data: bytes


def read_uploads(cases: Upload, events: Upload | None = None) -> tuple[RawSheet, RawSheet | None]:
    """The cases sheet and, when given, the events sheet; raises SpreadsheetError.

    The cases upload is a CSV or a workbook whose sheet "cases" (or else its first sheet) holds
    the cases and whose sheet "events", if any, the events. The events upload is a CSV or a
    workbook whose sheet "events" (or else its first sheet) holds them.
    """
    problems: list[SheetProblem] = []
    cases_sheet = events_sheet = None
    try:
        cases_sheet, events_sheet = _read(cases, CASES, with_events=True)
    except SpreadsheetError as exc:
        problems += exc.problems
    if events is not None:
        try:
            extra, _ = _read(events, EVENTS, with_events=False)
        except SpreadsheetError as exc:
            problems += exc.problems
        else:
            if events_sheet is not None:
                problems.append(SheetProblem(EVENTS, None, None, _l("the events are both a sheet of the workbook "
                                                                    "and a second file: give them once")))
            events_sheet = extra
    if problems:
        raise SpreadsheetError(problems)
    assert cases_sheet is not None  # noqa: S101 - no problem means it was read
    return cases_sheet, events_sheet


def file_kind(data: bytes) -> str:
    """XLSX_MIME or CSV_MIME judged by the content, never the name; raises SpreadsheetError."""
    if not data:
        raise SpreadsheetError([SheetProblem(FILE, None, None, _l("the file is empty"))])
    if data[:4] == b"PK\x03\x04":
        return XLSX_MIME  # checked as a workbook by _open_workbook
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise SpreadsheetError([SheetProblem(FILE, None, None, _l("an old Excel 97-2003 (.xls) workbook: "
                                                                  "save it as Excel Workbook (.xlsx) or as CSV"))])
    kind = filetype.guess(data)
    if kind is not None:
        raise SpreadsheetError([SheetProblem(FILE, None, None, _l(
            "a %(extension)s file (%(mime)s), not a spreadsheet: upload XLSX or CSV",
            extension=kind.extension.upper(), mime=kind.mime))])
    return CSV_MIME


def _read(upload: Upload, role: str, *, with_events: bool) -> tuple[RawSheet, RawSheet | None]:
    try:
        kind = file_kind(upload.data)
    except SpreadsheetError as exc:
        raise SpreadsheetError([SheetProblem(role, None, None, p.reason) for p in exc.problems]) from None
    if kind == CSV_MIME:
        return read_csv(upload.data, role), None
    return read_xlsx(upload.data, role, with_events=with_events)


# CSV ------------------------------------------------------------------------

def decode_text(data: bytes, sheet: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"), else Windows-1251
    (the Cyrillic code page of Russian Excel's CSV)."""
    try:
        if data.startswith(codecs.BOM_UTF8):
            text = data[len(codecs.BOM_UTF8):].decode("utf-8")
        elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            text = data.decode("utf-16")
        else:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text = data.decode("cp1251")
    except UnicodeDecodeError:
        raise SpreadsheetError([SheetProblem(sheet, None, None, _l("is neither UTF-8 nor Windows-1251 "
                                                                   "(Cyrillic) text: save it as CSV UTF-8"))]) from None
    if "\x00" in text:
        raise SpreadsheetError([SheetProblem(sheet, None, None, _l("is not a text file: upload XLSX or CSV"))])
    return text


def sniff_delimiter(text: str) -> str:
    """';' (Russian Excel), ',' or tab: whichever splits the header line into most cells."""
    line = next((ln for ln in io.StringIO(text) if ln.strip()), "")
    counts = {d: len(next(csv.reader([line], delimiter=d), [])) for d in (";", ",", "\t")}
    return max(counts, key=lambda d: counts[d])  # ties go to the first: ';'


_SEP_LINE = re.compile(r"sep=(.)\r?\n")  # Excel's own hint, which it hides: "sep=;"


def read_csv(data: bytes, sheet: str) -> RawSheet:
    text = decode_text(data, sheet)
    if hint := _SEP_LINE.match(text):
        text, delimiter = text[hint.end():], hint.group(1)
    else:
        delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    raw = RawSheet(sheet)
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            _keep(raw, number, [c.strip() for c in cells])
    except csv.Error as exc:
        reason = (_l("has a cell longer than %(limit)s characters", limit=f"{csv.field_size_limit():,}")
                  if "field limit" in str(exc) else _l("cannot be read as CSV: %(error)s", error=str(exc)))
        raise SpreadsheetError([SheetProblem(sheet, number + 1, None, reason)]) from None
    return raw


def row_limit(sheet: str) -> int:
    return MAX_EVENT_ROWS if sheet == EVENTS else MAX_ROWS


def _keep(raw: RawSheet, number: int, cells: list[str] | None) -> None:
    """Add a row unless blank (None: blank, known without reading it); refuse a sheet over the limits."""
    limit = row_limit(raw.name)
    if number > MAX_SCANNED_ROWS:
        raise SpreadsheetError([SheetProblem(raw.name, None, None, _l(
            "goes on past row %(row)s; the limit is %(limit)s rows: import it in parts, and delete the empty "
            "rows below the data", row=f"{MAX_SCANNED_ROWS:,}", limit=f"{limit:,}"))])
    if not cells or not any(cells):
        return
    raw.rows.append((number, cells))
    if len(raw.rows) > limit + 1:
        raise SpreadsheetError([SheetProblem(raw.name, None, None, _l(
            "has more than %(limit)s rows of data; import it in parts", limit=f"{limit:,}"))])


# XLSX -----------------------------------------------------------------------

def _check_archive(data: bytes, sheet: str) -> None:
    """Refuse before openpyxl reads anything: not a workbook, macros, a zip bomb, XML entities."""
    def refuse(reason: Text) -> SpreadsheetError:
        return SpreadsheetError([SheetProblem(sheet, None, None, reason)])

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            names = {i.filename.lower() for i in infos}
            if len(infos) > XLSX_MAX_MEMBERS:
                raise refuse(_l("this archive has too many parts to be a workbook: refused"))
            unpacked = sum(i.file_size for i in infos)
            if unpacked > XLSX_MAX_UNPACKED or unpacked > XLSX_MAX_RATIO * len(data):
                raise refuse(_l("this archive unpacks to far more than its size (a zip bomb?): refused"))
            if any(n.endswith("vbaproject.bin") for n in names) or b"macroenabled" in _member(
                    archive, "[Content_Types].xml").lower():
                raise refuse(_l("the workbook contains macros (.xlsm): save it as Excel Workbook (.xlsx)"))
            if "xl/workbook.bin" in names:
                raise refuse(_l("a binary workbook (.xlsb): save it as Excel Workbook (.xlsx) or as CSV"))
            if "xl/workbook.xml" not in names:
                raise refuse(_l("a ZIP archive but not an Excel workbook: upload XLSX or CSV"))
            for info in infos:
                if info.filename.lower().endswith((".xml", ".rels")) and _declares_entities(archive, info):
                    raise refuse(_l("the workbook declares XML entities, which Excel never writes: refused"))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError):
        raise refuse(_l("a damaged ZIP archive, not a workbook that can be read")) from None


def _member(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        with archive.open(name) as member:
            return member.read(1024 * 1024)
    except KeyError:
        return b""


def _declares_entities(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    tail = b""
    with archive.open(info) as member:
        while chunk := member.read(256 * 1024):
            if b"<!DOCTYPE" in tail + chunk or b"<!ENTITY" in tail + chunk:
                return True
            tail = chunk[-16:]
    return False


def read_xlsx(data: bytes, role: str, *, with_events: bool) -> tuple[RawSheet, RawSheet | None]:
    """The sheet of ``role`` (by name, else the first) and, ``with_events``, the sheet "events"."""
    _check_archive(data, role)
    import openpyxl  # imported here: only imports need it

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about features it drops (validation, styles)
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
            try:
                titles = {title.strip().lower(): title for title in workbook.sheetnames}
                main_title = titles.get(role) or workbook.sheetnames[0]
                main = _read_worksheet(workbook[main_title], role)
                events = None
                if with_events and EVENTS in titles and titles[EVENTS] != main_title:
                    events = _read_worksheet(workbook[titles[EVENTS]], EVENTS)
            finally:
                workbook.close()
    except SpreadsheetError:
        raise
    except Exception as exc:  # noqa: BLE001 - openpyxl raises anything on a damaged file
        raise SpreadsheetError([SheetProblem(role, None, None, _l(
            "cannot be read as an Excel workbook (%(error)s): save it again as .xlsx, or as CSV",
            error=type(exc).__name__))]) from None
    return main, events


def _read_worksheet(worksheet: Any, role: str) -> RawSheet:
    if not hasattr(worksheet, "reset_dimensions"):
        raise SpreadsheetError([SheetProblem(role, None, None, _l("is a chart, not a sheet of rows"))])
    worksheet.reset_dimensions()  # the size a file declares may be wrong: read what is there
    raw = RawSheet(role)
    for number, cells in enumerate(worksheet.iter_rows(min_row=1, max_col=MAX_COLUMNS + 1), start=1):
        blank = all(c.value is None for c in cells)
        _keep(raw, number, None if blank else [cell_text(c.value, c.number_format) for c in cells])
    return raw


def cell_text(value: Any, number_format: str | None = None) -> str:
    """A cell as the text the import reads: numbers without a spurious '.0', dates at the
    precision the cell's format shows ("mmm yyyy" is a month, not the 1st of it)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime | date):
        return _excel_date(value, number_format)
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, timedelta):
        return str(value)
    return str(value).strip()


def _excel_date(value: date, number_format: str | None) -> str:
    shown_parts = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", (number_format or "").lower())
    moment = value if isinstance(value, datetime) else datetime.combine(value, time(0, 0))
    if "h" in shown_parts or (moment.time() != time(0, 0) and "d" not in shown_parts):
        return moment.strftime("%Y-%m-%dT%H:%M")
    if "d" in shown_parts or not shown_parts.strip():
        return moment.strftime("%Y-%m-%d")
    if "m" in shown_parts:
        return moment.strftime("%Y-%m")
    return moment.strftime("%Y")


# --------------------------------------------------------------------------- values

YES = frozenset({"yes", "y", "true", "1", "x", "+", "да", "д", "иә", "ия", "йә"})
NO = frozenset({"no", "n", "false", "0", "-", "нет", "н", "жоқ"})


def yes_no(text: str) -> bool | None:
    value = text.strip().lower()
    if not value:
        return None
    if value in YES:
        return True
    if value in NO:
        return False
    raise ValueError(_l("%(value)s is not yes or no", value=shown(text)))


_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?)?)?")
_DOTTED = re.compile(r"(?:(\d{1,2})[.])?(\d{1,2})[.](\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::\d{2})?)?")
_YEAR_SUFFIX = re.compile(r"\s*(?:г\.?|года?)\s*$")  # "13.01.2022 г."


def date_text(text: str) -> str:
    """A date as a lawyer types it, at its precision, as interchange text (ISO cut to it):
    13.01.2022 → 2022-01-13, 01.2022 → 2022-01, 2022 → 2022, 13.01.2022 11:00 → 2022-01-13T11:00;
    ISO is read too. Day-first only: 01/02/2022 is refused, not guessed."""
    value = _YEAR_SUFFIX.sub("", text.strip())
    if match := _ISO.fullmatch(value):
        year, month, day, hour, minute = match.groups()
    elif match := _DOTTED.fullmatch(value):
        day, month, year, hour, minute = match.groups()
    else:
        raise ValueError(_l("%(value)s is not a date: write 13.01.2022, 01.2022 or 2022 "
                            "(with a time: 13.01.2022 11:00)", value=shown(text)))
    iso = year + "".join(f"{sep}{int(part):02d}" for sep, part in
                         (("-", month), ("-", day), ("T", hour), (":", minute)) if part is not None)
    try:
        return When.parse(iso).isoformat()
    except InvalidWhen:
        if not EARLIEST_YEAR <= int(year) <= LATEST_YEAR:
            raise ValueError(_l("%(value)s: the year must be between %(earliest)d and %(latest)d",
                                value=shown(text), earliest=EARLIEST_YEAR, latest=LATEST_YEAR)) from None
        raise ValueError(_l("%(value)s is not a real date", value=shown(text))) from None


_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:([,.])\d{3})(?:\1\d{3})*")


def amount(text: str) -> int | float:
    """150000, 150 000, 150 000,50, 150,000.50, 1.000.000: spaces group thousands, and so does a
    ',' or '.' followed by groups of three digits; otherwise ',' or '.' is the decimal point."""
    value = re.sub(r"[\s\u00a0\u202f']", "", text)
    if "," in value and "." in value:
        thousands = "," if value.rfind(",") < value.rfind(".") else "."
        value = value.replace(thousands, "")
    elif _THOUSANDS.fullmatch(value):
        value = re.sub(r"[,.]", "", value)
    value = value.replace(",", ".")
    if not re.fullmatch(r"\d{1,15}(?:\.\d{1,6})?", value):
        raise ValueError(_l("%(value)s is not an amount: write digits, e.g. 150000 or 150 000,50",
                            value=shown(text)))
    number = float(value)
    return int(number) if number.is_integer() else number


def _split(text: str, pattern: str) -> list[str]:
    return [part.strip() for part in re.split(pattern, text) if part.strip()]


class _Codes:
    """A code list matched by code or by English label, whatever the case; ``refusal`` words the
    problem of a value that is neither (given the value shown and the codes)."""

    def __init__(self, choices: Iterable[Choice], refusal: Callable[[str, str], Text]) -> None:
        self.choices = tuple(choices)
        self.refusal = refusal
        self.lookup = {_norm(c.code): c.code for c in self.choices}
        self.lookup.update({_norm(c.label): c.code for c in self.choices})

    def __call__(self, text: str) -> str:
        code = self.lookup.get(_norm(text))
        if code is None:
            raise ValueError(self.refusal(shown(text), ", ".join(c.code for c in self.choices)))
        return code


REGION = _Codes(REGIONS, lambda value, codes: _l(
    "%(value)s is not a region; choose one of %(codes)s", value=value, codes=codes))
PLACE_TYPE = _Codes(PLACE_TYPES, lambda value, codes: _l(
    "%(value)s is not a place type; choose one of %(codes)s", value=value, codes=codes))
BODY = _Codes(BODIES, lambda value, codes: _l(
    "%(value)s is not a body; choose one of %(codes)s", value=value, codes=codes))
EVENT_TYPE = _Codes((Choice(t.name, t.label) for t in EVENT_TYPES), lambda value, _codes: _l(
    "%(value)s is not an event type; see the codes sheet of the template or docs/vocabulary.md", value=value))


# --------------------------------------------------------------------------- rows to a document

@dataclass
class Conversion:
    """The result of reading the sheets: the document when every row is right, else the
    problems; where each case and event came from either way."""

    document: Document | None
    problems: list[SheetProblem]
    case_rows: dict[str, int]  # reference -> its row in the cases sheet
    event_rows: dict[str, list[int]]  # reference -> the rows of its events, in the document's order
    headers: dict[str, dict[str, str]] = field(default_factory=dict)  # sheet -> column key -> header as written

    def locate(self, problem: Problem) -> SheetProblem:
        """An interchange problem of this document back at its sheet, row and column."""
        return locate(problem, self.case_rows, self.event_rows, self.headers)


class _Sheet:
    """A sheet whose header row is understood: cells by column key, problems gathered."""

    def __init__(self, raw: RawSheet, problems: _Problems) -> None:
        self.name = raw.name
        self.problems = problems
        self.index: dict[str, int] = {}
        self.headers: dict[str, str] = {}
        self.rows: list[tuple[int, list[str]]] = raw.rows[1:]
        self.width = 0
        if not raw.rows:
            problems.add(self.name, None, None, _l("is empty: the first row names the columns "
                                                   "(docs/spreadsheet-import.md)"))
            self.ok = False
            return
        header_row, headers = raw.rows[0]
        self.ok = self._read_header(header_row, headers)

    def _read_header(self, number: int, headers: list[str]) -> bool:
        accepted = ACCEPTED[self.name]
        while headers and not headers[-1]:
            headers = headers[:-1]
        self.width = len(headers)
        if self.width > MAX_COLUMNS:
            self.problems.add(self.name, number, None, _l("has more than %(limit)d columns", limit=MAX_COLUMNS))
            return False
        for position, header in enumerate(headers):
            if not header:
                continue
            key = accepted.get(_norm(header))
            if key is None:
                self.problems.add(self.name, number, header, self._unknown(header))
            elif key in self.index:
                self.problems.add(self.name, number, header, _l("is the same column as %(other)s",
                                                                other=repr(self.headers[key])))
            else:
                self.index[key] = position
                self.headers[key] = header
        missing = [c.key for c in LAYOUT[self.name] if c.required and c.key not in self.index]
        for key in missing:
            self.problems.add(self.name, number, None, _l(
                "no column %(quoted)s: the first row must name the columns, and %(key)s is required",
                quoted=repr(key), key=key))
        if self.name == CASES and missing and {"type", "at"} <= self.index.keys() | {
                ACCEPTED[EVENTS].get(_norm(h)) for h in headers}:
            self.problems.add(self.name, number, None, _l("this looks like the events sheet: give it as the "
                                                          "events file, the cases as the cases file"))
        return not missing

    def _unknown(self, header: str) -> Text:
        """A header that is not a column of the sheet, with a hint when one helps."""
        norm = _norm(header)
        if norm.startswith(FIELD_PREFIX):
            return _l("is not a column of the %(sheet)s sheet (docs/spreadsheet-import.md); no event type has "
                      "this field", sheet=self.name)
        if norm.replace(" ", "_") in FIELD_NAMES and self.name == EVENTS:
            return _l("is not a column of the %(sheet)s sheet (docs/spreadsheet-import.md); an event type's own "
                      "field is headed %(header)s", sheet=self.name, header=FIELD_PREFIX + norm.replace(" ", "_"))
        return _l("is not a column of the %(sheet)s sheet (docs/spreadsheet-import.md)", sheet=self.name)

    def cells(self, number: int, cells: list[str]) -> dict[str, str]:
        for position in range(self.width, len(cells)):
            if cells[position]:
                self.problems.add(self.name, number, _l("column %(number)d", number=position + 1),
                                  _l("%(value)s is in a column without a header", value=shown(cells[position])))
                break
        return {key: cells[position] for key, position in self.index.items()
                if position < len(cells) and cells[position]}

    def column(self, key: str) -> str:
        return self.headers.get(key, key)


class _Problems:
    def __init__(self) -> None:
        self.items: dict[tuple[str, int | None, Text | None, Text], SheetProblem] = {}
        self.keys: dict[tuple[str, int], set[str]] = {}
        self.more = False

    def add(self, sheet: str, row: int | None, column: Text | None, reason: Text, *, key: str | None = None) -> None:
        if len(self.items) >= MAX_PROBLEMS:
            self.more = True
            return
        self.items.setdefault((sheet, row, column, reason), SheetProblem(sheet, row, column, reason))
        if row is not None and key is not None:
            self.keys.setdefault((sheet, row), set()).add(key)

    def reported(self, sheet: str, row: int, key: str) -> bool:
        return key in self.keys.get((sheet, row), set())

    def sorted(self) -> list[SheetProblem]:
        order = {CASES: 0, EVENTS: 1}
        found = sorted(self.items.values(), key=lambda p: (order.get(p.sheet, 2), p.row or 0))
        if self.more:
            found.append(SheetProblem(FILE, None, None, _l("has more problems: the first %(count)s are listed",
                                                           count=f"{MAX_PROBLEMS:,}")))
        return found


@dataclass
class _EventRow:
    row: int
    cells: dict[str, str]
    key: str | None = None


def convert(cases: RawSheet, events: RawSheet | None = None, *, now: datetime | None = None) -> Conversion:
    """Validate every row; the document, or every problem with its sheet, row and column."""
    now = now or almaty_now()
    problems = _Problems()
    case_sheet = _Sheet(cases, problems)
    event_sheet = _Sheet(events, problems) if events is not None and events.rows else None
    headers = {CASES: case_sheet.headers, **({EVENTS: event_sheet.headers} if event_sheet else {})}
    if not case_sheet.ok or (event_sheet is not None and not event_sheet.ok):
        return Conversion(None, problems.sorted(), {}, {}, headers)
    if not case_sheet.rows:
        problems.add(CASES, None, None, _l("has no cases below its header row"))
    case_rows: dict[str, int] = {}
    raw_cases: list[tuple[int, dict[str, Any]]] = []
    for number, cells in case_sheet.rows:
        record = _case_row(case_sheet, number, case_sheet.cells(number, cells))
        reference = record.get("reference")
        if isinstance(reference, str):
            if reference in case_rows:
                problems.add(CASES, number, case_sheet.column("reference"),
                             _l("%(reference)s is also on row %(row)d", reference=reference, row=case_rows[reference]),
                             key="reference")
                continue
            case_rows[reference] = number
        raw_cases.append((number, record))
    grouped = _event_rows(event_sheet, case_rows) if event_sheet is not None else {}
    conversion = Conversion(None, [], case_rows, {}, headers)
    people: list[PersonRecord] = []
    records: list[CaseRecord] = []
    for number, record in raw_cases:
        reference = record.get("reference")
        rows = grouped.get(reference, []) if isinstance(reference, str) else []
        conversion.event_rows[reference or f"row {number}"] = [r.row for r in rows]
        record["events"] = [_event(event_sheet, r, rows) for r in rows] if event_sheet is not None else []
        parsed = _validate(record, number, rows, conversion, problems, now)
        if parsed is not None:
            people += parsed.people
            records += parsed.cases
    conversion.problems = problems.sorted()
    if not conversion.problems:
        conversion.document = Document(people=people, cases=records)
    return conversion


def _case_row(sheet: _Sheet, number: int, cells: dict[str, str]) -> dict[str, Any]:
    """A cases row as an interchange case (with its victim as "people"), converting what the
    interchange format writes differently: codes by label, yes/no flags, spellings."""
    record: dict[str, Any] = {}
    problems = sheet.problems

    def bad(key: str, exc: ValueError) -> None:
        problems.add(CASES, number, sheet.column(key), reason_of(exc), key=key)

    for key in ("reference", "title", "city", "incident", "summary"):
        if key in cells:
            record[key] = cells[key].upper() if key == "reference" else cells[key]
    for key, codes in (("region", REGION), ("place_type", PLACE_TYPE), ("perpetrator_agency", BODY)):
        if key in cells:
            try:
                record[key] = codes(cells[key])
            except ValueError as exc:
                bad(key, exc)
    flags = []
    for flag in VICTIM_FLAGS:
        try:
            if yes_no(cells.get(flag.code, "")):
                flags.append(flag.code)
        except ValueError as exc:
            bad(flag.code, exc)
    record["victim_flags"] = flags
    name, aliases = cells.get("victim_name"), _split(cells.get("victim_aliases", ""), r"[;\n]")
    if name:
        key = f"row-{number}"
        record["people"] = [{"key": key, "name": name, **({"aliases": aliases} if aliases else {})}]
        record["parties"] = [{"person": key, "role": "victim"}]
    elif aliases:
        problems.add(CASES, number, sheet.column("victim_name"), _l("give the victim's name with the other "
                                                                    "spellings"), key="victim_name")
    return record


def _event_rows(sheet: _Sheet, case_rows: dict[str, int]) -> dict[str, list[_EventRow]]:
    grouped: dict[str, list[_EventRow]] = {}
    for number, cells in sheet.rows:
        values = sheet.cells(number, cells)
        reference = values.get("reference", "").upper()
        if not reference:
            sheet.problems.add(EVENTS, number, sheet.column("reference"), _l("is required: the case's reference"),
                               key="reference")
            continue
        if reference not in case_rows:
            sheet.problems.add(EVENTS, number, sheet.column("reference"),
                               _l("%(reference)s is not a case of the cases sheet (events are imported with their "
                                  "case)", reference=shown(reference, bare=True)), key="reference")
            continue
        rows = grouped.setdefault(reference, [])
        event = _EventRow(number, values, values.get("key"))
        if event.key is not None:
            twin = next((r for r in rows if r.key == event.key), None)
            if twin is not None:
                sheet.problems.add(EVENTS, number, sheet.column("key"), _l(
                    "%(key)s is also the key of row %(row)d of this case", key=shown(event.key), row=twin.row),
                    key="key")
        rows.append(event)
    return grouped


def _event(sheet: _Sheet, event: _EventRow, siblings: list[_EventRow]) -> dict[str, Any]:
    """An events row as an interchange event: the type by name or label, dates at their
    precision, yes/no, amounts, code lists; an event field names another event by its key."""
    cells = event.cells
    problems = sheet.problems
    record: dict[str, Any] = {}

    def convert_cell(key: str, function) -> Any:
        try:
            return function(cells[key])
        except ValueError as exc:
            problems.add(EVENTS, event.row, sheet.column(key), reason_of(exc), key=key)
            return None

    type_name = convert_cell("type", EVENT_TYPE) if "type" in cells else None
    if "type" not in cells:
        problems.add(EVENTS, event.row, sheet.column("type"), _l("is required"), key="type")
    record["type"] = type_name
    if "at" in cells:
        record["at"] = convert_cell("at", date_text)
    if "body" in cells:
        record["body"] = convert_cell("body", BODY)
    for key in ("source", "notes"):
        record[key] = cells.get(key)
    record["document"] = {"number": cells.get("document_number"), "title": cells.get("document_title")}
    event_type = EVENT_TYPES_BY_NAME.get(type_name) if type_name else None
    fields: dict[str, Any] = {}
    for key in cells:
        if not key.startswith(FIELD_PREFIX) or (type_name is None and "type" in cells):
            continue  # a type that is not known: its fields cannot be read, the type is the problem
        name = key[len(FIELD_PREFIX):]
        spec = event_type.field(name) if event_type else None
        if spec is None:
            fields[name] = cells[key]  # the validator names it: "is not a field of <type>"
            continue
        value = convert_cell(key, lambda text, spec=spec: _field_value(spec, text, event, siblings))
        if value is not None:
            fields[name] = value
    record["fields"] = fields
    return record


def _field_value(spec: FieldSpec, text: str, event: _EventRow, siblings: list[_EventRow]) -> Any:
    kind = spec.kind
    if spec.choices:  # by code or label; a value of neither is left for the validator to name
        lookup = {_norm(c.label): c.code for c in spec.choices} | {_norm(c.code): c.code for c in spec.choices}
        if kind is Kind.CHOICES:  # several, separated by ";" (labels may hold commas)
            return [lookup.get(_norm(part), part) for part in _split(text, r";")]
        return lookup.get(_norm(text), text)
    if kind is Kind.BOOL:
        return yes_no(text)
    if kind is Kind.WHEN:
        return date_text(text)
    if kind is Kind.AMOUNT:
        return amount(text)
    if kind is Kind.TERMS:
        return _split(text, r"[;,\s]+")
    if kind is Kind.EVENT:
        index = next((i for i, r in enumerate(siblings) if r.key == text and r is not event), None)
        if index is None:
            keys = [r.key for r in siblings if r.key and r is not event]
            if keys:
                raise ValueError(_l("%(value)s is not the key of another event of this case (%(keys)s)",
                                    value=shown(text), keys=", ".join(keys[:10])))
            raise ValueError(_l("%(value)s is not the key of another event of this case; give the event a key "
                                "in the key column", value=shown(text)))
        return index
    return text  # text, long text, a choice (checked by the validator), a HURIDOCS code


def _validate(record: dict[str, Any], number: int, rows: list[_EventRow], conversion: Conversion,
              problems: _Problems, now: datetime) -> Document | None:
    """One case through the interchange validator, its problems sent back to their cells."""
    document = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "people": record.pop("people", []),
                "cases": [_drop_none(record)]}
    try:
        return parse_document(document, now=now)
    except InvalidDocument as exc:
        reference = record.get("reference")
        prefix = f"case {shown(reference, bare=True)}" if isinstance(reference, str) else "cases[0]"
        for problem in exc.problems:
            where, key = _place(problem, prefix, number, [r.row for r in rows], conversion.headers)
            if where.row is not None and problems.reported(where.sheet, where.row, key):
                continue  # already said by the conversion (e.g. a date it could not read)
            problems.add(where.sheet, where.row, where.column, where.reason, key=key)
        return None


def _drop_none(record: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in record.items() if v is not None}
    for event in out.get("events", []):
        for key in [k for k, v in event.items() if v is None and k != "type"]:
            del event[key]
        event["document"] = {k: v for k, v in event["document"].items() if v is not None} or None
        if event["document"] is None:
            del event["document"]
    return out


_EVENT_AT = re.compile(r", event (\d+)(?:,|$)")
_CASE_FIELDS = {"parties": "victim_name", "victim_flags": VICTIM_FLAGS[0].code}
_PERSON_FIELDS = {"name": "victim_name", "aliases": "victim_aliases", "description": "victim_name",
                  "key": "victim_name", "notes": "victim_name"}


def _key_of(problem: Problem, rest: str) -> str:
    """The column key an interchange problem is about (``rest``: its place after the case)."""
    name = problem.field
    if problem.where.startswith("people"):
        return _PERSON_FIELDS.get(name, "victim_name")
    if _EVENT_AT.match(rest):
        if name.startswith("fields."):
            return FIELD_PREFIX + name[len("fields."):]
        return {"document.number": "document_number", "document.title": "document_title"}.get(name, name)
    if rest.startswith(", parties"):
        return "victim_name"
    return _CASE_FIELDS.get(name, name)


def _place(problem: Problem, prefix: str, case_row: int | None, events: list[int],
           headers: dict[str, dict[str, str]]) -> tuple[SheetProblem, str]:
    """An interchange problem of one case ("case KZ-1, event 2" / "fields.to_body", the case's
    place being ``prefix``) at its sheet, row and column; and the column's key."""
    rest = problem.where[len(prefix):] if problem.where.startswith(prefix) else ""
    key = _key_of(problem, rest)
    match = _EVENT_AT.match(rest)
    if match and int(match.group(1)) < len(events):
        row = events[int(match.group(1))]
        return SheetProblem(EVENTS, row, headers.get(EVENTS, {}).get(key, key), problem.reason), key
    return SheetProblem(CASES, case_row, headers.get(CASES, {}).get(key, key), problem.reason), key


def locate(problem: Problem, case_rows: dict[str, int], event_rows: dict[str, list[int]],
           headers: dict[str, dict[str, str]] | None = None) -> SheetProblem:
    """Where a problem of a whole document (at confirmation: "case KZ-1: reference: already
    exists") is in the sheets the document came from."""
    reference = problem.where.split(",", 1)[0].removeprefix("case ").strip()
    return _place(problem, f"case {reference}", case_rows.get(reference), event_rows.get(reference, []),
                  headers or {})[0]


def convert_uploads(cases: Upload, events: Upload | None = None, *, now: datetime | None = None) -> Conversion:
    """Read the files and convert their rows; problems reading a file come back the same way."""
    try:
        case_sheet, event_sheet = read_uploads(cases, events)
    except SpreadsheetError as exc:
        return Conversion(None, exc.problems, {}, {})
    return convert(case_sheet, event_sheet, now=now)


# --------------------------------------------------------------------------- templates

def template_csv(sheet: str) -> bytes:
    """The header row of a sheet as CSV: UTF-8 with a BOM (so Excel reads Cyrillic) and ';'
    (the list separator of Russian-language Excel)."""
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerow(c.key for c in LAYOUT[sheet])
    return codecs.BOM_UTF8 + out.getvalue().encode("utf-8")


CODE_LISTS: tuple[tuple[str, tuple[Choice, ...]], ...] = (
    ("region", REGIONS),
    ("place_type", PLACE_TYPES),
    ("body", BODIES),
    ("type", tuple(Choice(t.name, t.label) for t in EVENT_TYPES)),
    ("yes/no", (Choice("yes", "yes"), Choice("no", "no"))),
)


def template_xlsx() -> bytes:
    """A workbook to fill in: the sheets cases and events (headers, drop-down lists of the code
    lists, date columns kept as text so that 01.2022 stays a month), the code lists and help."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheets = {CASES: workbook.active, EVENTS: workbook.create_sheet(EVENTS)}
    sheets[CASES].title = CASES
    codes = workbook.create_sheet("codes")
    ranges = {}
    for position, (name, choices) in enumerate(CODE_LISTS):
        letter, label_letter = get_column_letter(2 * position + 1), get_column_letter(2 * position + 2)
        codes[f"{letter}1"], codes[f"{label_letter}1"] = name, "label"
        for row, choice in enumerate(choices, start=2):
            codes[f"{letter}{row}"], codes[f"{label_letter}{row}"] = choice.code, choice.label
        ranges[name] = f"codes!${letter}$2:${letter}${len(choices) + 1}"
        codes.column_dimensions[label_letter].width = 40
    lists = {"region": "region", "place_type": "place_type", "perpetrator_agency": "body", "body": "body",
             "type": "type", **{f.code: "yes/no" for f in VICTIM_FLAGS}}
    for sheet, worksheet in sheets.items():
        for position, column in enumerate(LAYOUT[sheet], start=1):
            letter = get_column_letter(position)
            worksheet.cell(row=1, column=position, value=column.key).font = Font(bold=True)
            worksheet.column_dimensions[letter].width = max(14, min(40, len(column.key) + 4))
            cells = f"{letter}2:{letter}{row_limit(sheet) + 1}"
            if column.key in lists:
                validation = DataValidation(type="list", formula1=f"={ranges[lists[column.key]]}",
                                            allow_blank=True, showErrorMessage=False)
                validation.add(cells)
                worksheet.add_data_validation(validation)
            if column.date:
                for row in range(2, 201):  # typed dates stay text: "01.2022" must not become 1 January
                    worksheet.cell(row=row, column=position).number_format = "@"
        worksheet.freeze_panes = "A2"
    _help_sheet(workbook.create_sheet("help"), Font(bold=True))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _help_sheet(worksheet: Any, bold: Any) -> None:
    worksheet.append(["sheet", "column", "required", "what", "example"])
    for cell in worksheet[1]:
        cell.font = bold
    for sheet, columns in LAYOUT.items():
        for column in columns:
            if not column.key.startswith(FIELD_PREFIX):
                worksheet.append([sheet, column.key, "yes" if column.required else "",
                                  column.help, column.example])
    worksheet.append([])
    worksheet.append(["event type", "label", "its own fields (columns field:<name>)"])
    for cell in worksheet[worksheet.max_row]:
        cell.font = bold
    for event_type in EVENT_TYPES:
        worksheet.append([event_type.name, event_type.label, _fields_help(event_type)])
    for letter, width in (("A", 28), ("B", 40), ("C", 60), ("D", 70), ("E", 30)):
        worksheet.column_dimensions[letter].width = width


def _fields_help(event_type: EventType) -> str:
    parts = []
    for spec in event_type.fields:
        kind = {Kind.BOOL: "yes/no", Kind.WHEN: "date", Kind.EVENT: "key of another event",
                Kind.AMOUNT: "number", Kind.TERMS: "HURIDOCS codes", Kind.TERM: "HURIDOCS code"}.get(spec.kind, "")
        if spec.choices:
            kind = (" ; " if spec.kind is Kind.CHOICES else " / ").join(c.code for c in spec.choices)
        parts.append(f"{spec.name}{' (required)' if spec.required else ''}{': ' + kind if kind else ''}")
    return "; ".join(parts)


