"""The UN panel of the case page and ``/un`` across cases (docs/un-case-file.md): the seeded
decisions, a communication walked from submission to follow-up, a breach of interim measures,
and the CSV in words."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from app.interchange.format import parse_document
from app.services.assignments import assign_lawyer
from app.services.interchange import import_document
from app.services.timeline import local_now, record_event

SEED = Path(__file__).resolve().parents[2] / "seed"


def seeded(session, lawyer, name: str):
    document = parse_document(json.loads((SEED / name).read_text(encoding="utf-8")), now=local_now())
    [case] = import_document(session, document, user=lawyer)
    assign_lawyer(session, case, lawyer)
    session.commit()
    return case


def panel(page: str) -> str:
    return page.split('id="un"', 1)[1].split("</section>", 1)[0]


def test_bayramovs_panel_shows_the_decision_and_the_award_as_the_sources_give_them(logged_in, session, lawyer):
    seeded(session, lawyer, "bayramov.json")
    page = panel(logged_in.get("/cases/KZ-2012-BAYRAMOV").get_data(as_text=True))
    assert "Committee against Torture · No. 497/2012" in page
    assert '<li class="current" aria-current="step">Follow-up</li>' in page
    assert "2014-05 · UN Views adopted" in page
    # the award is evidence of the compensation remedy; nothing says it was paid, or that it was not
    assert "100,000 tenge" in page and "no payment recorded" in page and "Not implemented" not in page
    assert "The remedies the committee requested are not recorded" in page
    # the follow-up term from May 2014 has passed with nothing recorded: said as such
    assert "State follow-up to CAT Views" in page and "passed, nothing recorded" in page


def test_a_case_without_a_un_step_has_no_un_panel(logged_in, case, lawyer, session):
    assign_lawyer(session, case, lawyer)
    session.commit()
    assert 'id="un"' not in logged_in.get(f"/cases/{case.reference}").get_data(as_text=True)


@pytest.fixture
def walked(session, case, lawyer):
    """A communication from submission to follow-up, with interim measures breached by a removal."""
    assign_lawyer(session, case, lawyer)
    for raw in (
            {"type": "un_communication_submitted", "at": "2024-02-05", "fields": {"committee": "CAT"}},
            {"type": "un_interim_measures_requested", "at": "2024-02-06"},
            {"type": "un_case_registered", "at": "2024-04-10", "fields": {"committee": "CAT",
                                                                          "case_number": "1234/2024"}},
            {"type": "deported", "at": "2024-05-02"},
            {"type": "un_views_adopted", "at": "2025-05-12",
             "fields": {"kind": "views", "violation_found": True,
                        "remedies_requested": ["investigation", "compensation"]}},
            {"type": "implementation", "at": "2025-09-01",
             "fields": {"remedy": "investigation", "status": "partly", "what": "Reinvestigation opened"}}):
        record_event(session, case, {**raw, "source": "lawyer's file"}, user=lawyer)
    session.commit()
    return case


def test_the_walked_communication_shows_its_stage_breach_and_checklist(logged_in, walked):
    page = panel(logged_in.get(f"/cases/{walked.reference}").get_data(as_text=True))
    assert "No. 1234/2024" in page
    assert '<li class="current" aria-current="step">Follow-up</li>' in page
    assert "Breached:" in page and "Deported / extradited" in page
    assert "Partly implemented" in page and "Reinvestigation opened" in page
    assert "no status recorded" in page  # compensation: requested, nothing recorded


def test_the_un_page_filters_and_the_csv_speaks_words(logged_in, walked, session, lawyer):
    seeded(session, lawyer, "bayramov.json")
    everything = logged_in.get("/un").get_data(as_text=True)
    assert walked.reference in everything and "KZ-2012-BAYRAMOV" in everything
    breached = logged_in.get("/un?attention=breached").get_data(as_text=True)
    assert walked.reference in breached and "KZ-2012-BAYRAMOV" not in breached
    assert "Interim measures breached" in breached
    remedies = logged_in.get("/un?attention=remedies").get_data(as_text=True)
    assert walked.reference in remedies and "KZ-2012-BAYRAMOV" not in remedies
    assert "KZ-2012-BAYRAMOV" in logged_in.get("/un?stage=follow_up&committee=CAT").get_data(as_text=True)
    assert "No communication matches." in logged_in.get("/un?committee=HRC").get_data(as_text=True)
    assert "KZ-2012-BAYRAMOV" in logged_in.get("/un?committee=nonsense").get_data(as_text=True)  # ignored

    body = logged_in.get("/un.csv?attention=breached").get_data(as_text=True)
    assert body.startswith("\ufeff")
    header, *rows = list(csv.reader(io.StringIO(body[1:])))
    assert header[0] == "Case" and len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert (row["Case"], row["Committee"], row["Stage"]) == (walked.reference, "Committee against Torture", "Follow-up")
    assert row["Remedies not shown as implemented"] == ("An impartial and effective investigation; "
                                                        "Fair and adequate compensation")
    assert row["Interim measures breached"] == "2024-05-02"


def test_the_csv_in_russian_is_separated_by_semicolons(logged_in, walked):
    logged_in.post("/language", data={"language": "ru", "next": "/un"})
    body = logged_in.get("/un.csv").get_data(as_text=True)
    header, row = list(csv.reader(io.StringIO(body[1:]), delimiter=";"))
    assert header[0] == "Дело" and row[0] == walked.reference
    assert "Комитет против пыток" in row
