"""The HURIDOCS vocabularies: loading, the admins' edits, the event fields that use them and the
statistics by vocabulary."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil

import pytest
from sqlalchemy import func, select

from app.interchange.format import parse_document
from app.models import Event, VocabularyTerm
from app.services.assignments import assign_lawyer
from app.services.cases import create_case
from app.services.errors import Invalid
from app.services.interchange import export_cases, import_document
from app.services.seed import seed_database
from app.services.timeline import correct_event, record_event
from app.services.vocabularies import (
    VOCABULARY_DIR,
    add_term,
    known_codes,
    load_vocabularies,
    set_active,
    terms,
    update_term,
)
from app.vocabulary_cli import vocabularies_group
from tests.integration.conftest import PASSWORD, row_counts

FILE_TERMS = {path.stem: len(json.loads(path.read_text(encoding="utf-8"))["terms"])
              for path in VOCABULARY_DIR.glob("*.json") if path.name != "mapping.json"}
SOURCE = "lawyer's file"


@pytest.fixture
def loaded(session):
    load_vocabularies(session)
    session.commit()


def term(session, vocabulary: str, code: str) -> VocabularyTerm:
    return session.scalar(select(VocabularyTerm).where(VocabularyTerm.vocabulary == vocabulary,
                                                       VocabularyTerm.code == code))


def term_count(session) -> int:
    return session.scalar(select(func.count(VocabularyTerm.id)))


def login_as(client, user):
    client.post("/logout")
    assert client.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 302
    return client


# --------------------------------------------------------------------------- loading

def test_loading_is_idempotent(session):
    first = load_vocabularies(session)
    assert sorted(first.vocabularies) == sorted(FILE_TERMS)
    assert first.added == sum(FILE_TERMS.values()) == term_count(session) == 218
    second = load_vocabularies(session)
    assert (second.added, second.updated, second.unchanged) == (0, 0, sum(FILE_TERMS.values()))
    assert term_count(session) == 218
    beating = term(session, "methods_of_torture", "03.01.04")
    assert (beating.parent_code, beating.label_en, beating.active) == (
        "03.01", "Falanga - beating of soles of the feet", True)
    assert beating.label_ru.startswith("«Фаланга»")
    codes = [t.code for t in terms(session, "methods_of_torture")]
    assert codes[:3] == ["03", "03.01", "03.01.01"] and codes == sorted(codes)


def test_loading_keeps_terms_added_and_deactivated_by_an_admin(session):
    load_vocabularies(session)
    add_term(session, "methods_of_torture", "03.01.90", "Beating with a plastic bottle of water",
             "Удары пластиковой бутылкой с водой")
    set_active(session, term(session, "methods_of_torture", "03.13"), False)
    update_term(session, term(session, "methods_of_torture", "03.01"), "Beating (any)", "Избиение (любое)")

    kept = load_vocabularies(session, update_labels=False)  # what `flask seed` does
    assert (kept.added, kept.updated, kept.kept_local, kept.kept_inactive) == (0, 0, 1, 1)
    assert term(session, "methods_of_torture", "03.01").label_en == "Beating (any)"
    assert term(session, "methods_of_torture", "03.13").active is False
    assert term(session, "methods_of_torture", "03.01.90").label_en == "Beating with a plastic bottle of water"

    refreshed = load_vocabularies(session)  # `flask vocabularies load`: the files' labels again
    assert (refreshed.added, refreshed.updated, refreshed.kept_local, refreshed.kept_inactive) == (0, 1, 1, 1)
    assert term(session, "methods_of_torture", "03.01").label_en == "Beating"
    assert term(session, "methods_of_torture", "03.13").active is False
    assert term(session, "methods_of_torture", "03.01.90").active is True
    added = [t.code for t in terms(session, "methods_of_torture")]
    assert added.index("03.01.90") == added.index("03.01.04") + 1, "an added term sits under its broader term"


def test_seed_loads_the_vocabularies_once_and_keeps_corrected_labels(session, tmp_path):
    shutil.copytree(VOCABULARY_DIR, tmp_path / "vocabularies")
    report = seed_database(session, tmp_path, demo_users=False, instance_path=tmp_path / "instance")
    assert report.vocabularies.added == 218
    update_term(session, term(session, "place_types", "03.05"), "Police station or post", "Отдел полиции")
    again = seed_database(session, tmp_path, demo_users=False, instance_path=tmp_path / "instance")
    assert (again.vocabularies.added, again.vocabularies.updated) == (0, 0)
    assert term(session, "place_types", "03.05").label_ru == "Отдел полиции"


def test_the_load_command_reports_and_refuses_a_broken_file(app, session, tmp_path):
    runner = app.test_cli_runner()
    result = runner.invoke(vocabularies_group, ["load"])
    assert result.exit_code == 0, result.output
    assert "5 vocabularies: 218 term(s) added, 0 updated, 0 unchanged" in result.output
    again = runner.invoke(vocabularies_group, ["load"])
    assert "0 term(s) added, 0 updated, 218 unchanged" in again.output
    (tmp_path / "broken.json").write_text(json.dumps({"vocabulary": "methods_of_torture", "terms": [
        {"code": "3.1", "parent": None, "en": "x", "ru": "x"}]}))
    broken = runner.invoke(vocabularies_group, ["load", "--directory", str(tmp_path)])
    assert broken.exit_code != 0
    assert "broken.json, term 1: '3.1' is not a HURIDOCS code" in broken.output
    assert term_count(session) == 218


# --------------------------------------------------------------------------- the service's checks

@pytest.mark.parametrize(("code", "label_en", "label_ru", "errors"), [
    ("3.1", "x", "x", {"code": "not a code of the HURIDOCS form"}),
    ("03.01.04.01.01.01.01", "x", "x", {"code": "not a code of the HURIDOCS form"}),
    ("", "", "", {"code": "is required", "label_en": "is required", "label_ru": "is required"}),
    ("03.01.04", "x", "x", {"code": "03.01.04 is already a term"}),
    ("03.77.01", "x", "x", {"code": "its broader term 03.77 is not in this vocabulary"}),
    ("03.91", "x" * 301, "a\x00b", {"label_en": "the limit is 300", "label_ru": "control characters"}),
])
def test_a_bad_term_is_refused_by_field(session, loaded, code, label_en, label_ru, errors):
    with pytest.raises(Invalid) as refused:
        add_term(session, "methods_of_torture", code, label_en, label_ru)
    assert set(refused.value.errors) == set(errors)
    for name, fragment in errors.items():
        assert fragment in refused.value.errors[name]


def test_a_term_of_an_unknown_vocabulary_is_refused(session, loaded):
    with pytest.raises(Invalid) as refused:
        add_term(session, "colours", "01", "Red", "Красный")
    assert refused.value.errors == {"vocabulary": "'colours' is not a vocabulary of this installation"}


def test_a_deactivated_code_is_named_when_added_again(session, loaded):
    set_active(session, term(session, "detention_types", "03"), False)
    with pytest.raises(Invalid) as refused:
        add_term(session, "detention_types", "03", "x", "x")
    assert "deactivated: reactivate it instead" in refused.value.errors["code"]
    assert known_codes(session, "detention_types")["03"] is False


# --------------------------------------------------------------------------- the admin pages

@pytest.fixture
def admin(client, make_user):
    return login_as(client, make_user("admin"))


def test_only_admins_see_or_change_the_vocabularies(client, make_user, loaded):
    for role in ("lawyer", "supervisor"):
        login_as(client, make_user(role))
        assert client.get("/admin/vocabularies").status_code == 403
        assert client.post("/admin/vocabularies/terms", data={"new-vocabulary": "methods_of_torture",
                                                              "new-code": "03.91", "new-label_en": "x",
                                                              "new-label_ru": "x"}).status_code == 403
    login_as(client, make_user("admin"))
    assert client.get("/admin/vocabularies").status_code == 200


def test_the_admin_page_shows_the_tree_with_both_labels(admin, loaded, session):
    set_active(session, term(session, "methods_of_torture", "03.12"), False)
    session.commit()
    page = admin.get("/admin/vocabularies?vocabulary=methods_of_torture").get_data(as_text=True)
    assert "Methods of violence against a person" in page
    row = re.search(r'<tr id="term-03.01.04">(.*?)</tr>', page, re.S).group(1)
    assert "&emsp;&emsp;03.01.04" in row  # two levels under the top term 03
    assert "Falanga - beating of soles of the feet" in row and "«Фаланга»" in row and "active" in row
    row = re.search(r'<tr id="term-03.12" class="muted">(.*?)</tr>', page, re.S).group(1)
    assert "deactivated" in row and "Reactivate" in row
    other = admin.get("/admin/vocabularies?vocabulary=detention_types").get_data(as_text=True)
    assert "Held under administrative detention" in other and "Falanga" not in other


def test_adding_a_term_with_bad_input_re_renders_with_messages_and_keeps_the_input(admin, session, loaded):
    before = term_count(session)
    response = admin.post("/admin/vocabularies/terms", data={
        "new-vocabulary": "methods_of_torture", "new-code": "3.91", "new-label_en": "Beating with a bottle",
        "new-label_ru": ""})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Nothing was saved" in page
    assert "is not a code of the HURIDOCS form" in page and "the Russian label" in page
    assert 'value="3.91"' in page and 'value="Beating with a bottle"' in page
    assert 'name="new-vocabulary" type="hidden" value="methods_of_torture"' in page
    response = admin.post("/admin/vocabularies/terms", data={
        "new-vocabulary": "methods_of_torture", "new-code": "03.01", "new-label_en": "x", "new-label_ru": "y"})
    assert response.status_code == 422 and "03.01 is already a term of this vocabulary (Beating)" in \
        response.get_data(as_text=True)
    response = admin.post("/admin/vocabularies/terms", data={
        "new-vocabulary": "colours", "new-code": "01", "new-label_en": "x", "new-label_ru": "y"})
    assert response.status_code == 422 and "is not a vocabulary of this installation" in \
        response.get_data(as_text=True)
    assert admin.post("/admin/vocabularies/terms", data={}).status_code == 422
    assert term_count(session) == before


def test_adding_a_term(admin, session, loaded):
    response = admin.post("/admin/vocabularies/terms", data={
        "new-vocabulary": "methods_of_torture", "new-code": " 03.01.90 ",
        "new-label_en": "Beating with a bottle", "new-label_ru": "Удары бутылкой"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/admin/vocabularies?vocabulary=methods_of_torture#term-03.01.90")
    added = term(session, "methods_of_torture", "03.01.90")
    assert (added.parent_code, added.label_ru, added.active) == ("03.01", "Удары бутылкой", True)


def test_correcting_labels_with_bad_input_re_renders_with_messages(admin, session, loaded):
    falanga = term(session, "methods_of_torture", "03.01.04")
    page = admin.get(f"/admin/vocabularies?vocabulary=methods_of_torture&term={falanga.id}").get_data(as_text=True)
    assert 'value="Falanga - beating of soles of the feet"' in page
    long = "Фаланга " * 40
    response = admin.post("/admin/vocabularies/terms/labels", data={
        "edit-term_id": str(falanga.id), "edit-label_en": "", "edit-label_ru": long})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "is required: the English label" in page and "the limit is 300" in page
    assert long.strip() in page  # nothing typed is lost
    session.expire_all()
    assert term(session, "methods_of_torture", "03.01.04").label_en == "Falanga - beating of soles of the feet"
    response = admin.post("/admin/vocabularies/terms/labels", data={
        "edit-term_id": str(falanga.id), "edit-label_en": falanga.label_en, "edit-label_ru": falanga.label_ru})
    assert response.status_code == 422 and "nothing was changed" in response.get_data(as_text=True)
    assert admin.post("/admin/vocabularies/terms/labels", data={"edit-term_id": "999999"}).status_code == 404
    assert admin.post("/admin/vocabularies/terms/labels", data={}).status_code == 404
    assert admin.get(f"/admin/vocabularies?vocabulary=detention_types&term={falanga.id}").status_code == 404


def test_correcting_labels(admin, session, loaded):
    falanga = term(session, "methods_of_torture", "03.01.04")
    response = admin.post("/admin/vocabularies/terms/labels", data={
        "edit-term_id": str(falanga.id), "edit-label_en": "Falanga", "edit-label_ru": "Фаланга"})
    assert response.status_code == 302
    session.expire_all()
    assert (falanga.code, falanga.label_en, falanga.label_ru) == ("03.01.04", "Falanga", "Фаланга")


def test_deactivating_and_reactivating(admin, session, loaded):
    rape = term(session, "methods_of_torture", "03.05")
    assert admin.post("/admin/vocabularies/terms/active", data={"term_id": rape.id, "active": "no"}).status_code == 302
    session.expire_all()
    assert rape.active is False
    response = admin.post("/admin/vocabularies/terms/active", data={"term_id": rape.id, "active": "no"},
                          follow_redirects=True)
    assert "03.05: 03.05 is already deactivated" in response.get_data(as_text=True)
    response = admin.post("/admin/vocabularies/terms/active", data={"term_id": rape.id, "active": "maybe"},
                          follow_redirects=True)
    assert "choose to deactivate or to reactivate" in response.get_data(as_text=True)
    assert admin.post("/admin/vocabularies/terms/active", data={"term_id": rape.id, "active": "yes"}).status_code == 302
    session.expire_all()
    assert rape.active is True
    assert admin.post("/admin/vocabularies/terms/active", data={"term_id": "x", "active": "yes"}).status_code == 404


# --------------------------------------------------------------------------- event fields

INCIDENT_URL = "/cases/{}/events/new?type=incident"


def test_the_incident_form_offers_the_huridocs_terms(logged_in, case, loaded, session):
    set_active(session, term(session, "methods_of_torture", "03.13"), False)
    session.commit()
    page = logged_in.get(INCIDENT_URL.format(case.reference)).get_data(as_text=True)
    methods = re.search(r'<select[^>]*name="f_methods"[^>]*>(.*?)</select>', page, re.S)
    assert methods and "multiple" in methods.group(0)
    assert '<option value="03.01">\u2003' \
           '03.01 Beating · Избиение (нанесение ударов)</option>' in methods.group(1)
    assert 'value="03.13"' not in methods.group(1), "a deactivated term is not offered"
    assert methods.group(1).count("<option") == 73
    detention = re.search(r'<select[^>]*name="f_detention"[^>]*>(.*?)</select>', page, re.S).group(1)
    assert '<option value="01">01 Held under administrative detention' in detention
    assert "the account in the victim&#39;s words stays in the description above" in page
    complaint = logged_in.get(f"/cases/{case.reference}/events/new?type=complaint_filed").get_data(as_text=True)
    assert "02.01 Demand for investigation · Требование провести расследование" in complaint


def test_an_empty_vocabulary_says_how_to_fill_it(logged_in, case):
    page = logged_in.get(INCIDENT_URL.format(case.reference)).get_data(as_text=True)
    assert "flask vocabularies load" in page


def _incident(**fields):
    return {"at": "2021-01-18", "source": SOURCE, "f_description": "Beaten on the soles of the feet", **fields}


def test_an_incident_records_its_methods_and_detention(logged_in, session, case, loaded):
    response = logged_in.post(INCIDENT_URL.format(case.reference),
                              data=_incident(f_methods=["03.22.01", "03.01.04"], f_detention="05"))
    assert response.status_code == 302, response.get_data(as_text=True)
    event = session.scalar(select(Event).where(Event.case_id == case.id))
    assert event.fields == {"description": "Beaten on the soles of the feet", "methods": ["03.01.04", "03.22.01"],
                            "detention": "05"}
    page = logged_in.get(f"/cases/{case.reference}/events/{event.id}/edit").get_data(as_text=True)
    assert '<option selected value="03.01.04">' in page and '<option selected value="05">' in page


@pytest.mark.parametrize(("fields", "message"), [
    ({"f_methods": ["03.01", "03.77"]}, "03.77 is not a term of Methods of violence against a person"),
    ({"f_methods": ["03.78", "03.77"]}, "03.77, 03.78 are not terms of Methods of violence"),
    ({"f_methods": ["03.13"]}, "03.13 is deactivated in Methods of violence against a person"),
    ({"f_methods": ["3.1"]}, "&#39;3.1&#39; is not a HURIDOCS code"),
    ({"f_detention": "03.01"}, "03.01 is not a term of Types of detention"),
])
def test_an_unknown_or_deactivated_code_is_refused_and_nothing_written(logged_in, session, case, loaded, fields,
                                                                       message):
    set_active(session, term(session, "methods_of_torture", "03.13"), False)
    session.commit()
    before = row_counts(session)
    response = logged_in.post(INCIDENT_URL.format(case.reference), data=_incident(**fields))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert message in page
    field = next(iter(fields))
    assert re.search(rf'<div class="field has-error">\s*<label for="{field}"', page), "the error is the field's"
    assert "Beaten on the soles of the feet" in page  # nothing typed is lost
    assert row_counts(session) == before


def test_the_service_names_the_field_for_imports_and_scripts(session, case, loaded):
    with pytest.raises(Invalid) as refused:
        record_event(session, case, {"type": "complaint_filed", "at": "2021-02-01", "source": SOURCE,
                                     "fields": {"to_body": "prosecutor", "intervention": "02.09"}}, user=None)
    assert refused.value.errors == {"fields.intervention": "02.09 is not a term of Types of intervention (HURIDOCS)"}
    with pytest.raises(Invalid) as refused:
        record_event(session, case, {"type": "incident", "at": "2021-02-01", "source": SOURCE,
                                     "fields": {"methods": "03.01"}}, user=None)
    assert refused.value.errors == {"fields.methods": "must be a list of codes"}
    event = record_event(session, case, {"type": "appeal_filed", "at": "2021-02-01", "source": SOURCE,
                                         "fields": {"to_body": "prosecutor", "intervention": "02.02"}}, user=None)
    assert event.fields["intervention"] == "02.02"


def test_a_correction_keeps_a_code_deactivated_since(logged_in, session, case, loaded):
    event = record_event(session, case, {"type": "incident", "at": "2021-02-01", "source": SOURCE,
                                         "fields": {"methods": ["03.05", "03.01"]}}, user=None)
    set_active(session, term(session, "methods_of_torture", "03.05"), False)
    session.commit()
    page = logged_in.get(f"/cases/{case.reference}/events/{event.id}/edit").get_data(as_text=True)
    assert '<option selected value="03.05">03.05 Rape · Изнасилование (no longer in the list)</option>' in page
    response = logged_in.post(f"/cases/{case.reference}/events/{event.id}/edit", data={
        "at": "2021-02-01", "source": SOURCE, "f_place": "IVS Almaty", "f_methods": ["03.01", "03.05"],
        "reason": "place added", "version": str(event.version)})
    assert response.status_code == 302, response.get_data(as_text=True)
    session.expire_all()
    assert event.fields == {"methods": ["03.01", "03.05"], "place": "IVS Almaty"}
    event.fields = {**event.fields, "detention": "77"}  # as an import from another installation may hold
    session.commit()
    correct_event(session, event, {"at": "2021-02-01", "source": SOURCE, "fields": {
        "methods": ["03.01", "03.05"], "detention": "77", "place": "IVS Almaty, cell 3"}},
        user=None, reason="cell", expected_version=event.version)
    other = record_event(session, case, {"type": "incident", "at": "2021-02-02", "source": SOURCE}, user=None)
    with pytest.raises(Invalid) as refused:
        correct_event(session, other, {"at": "2021-02-02", "source": SOURCE, "fields": {"methods": ["03.05"]}},
                      user=None, reason="r", expected_version=other.version)
    assert "03.05 is deactivated" in refused.value.errors["fields.methods"]
    with pytest.raises(Invalid) as refused:
        correct_event(session, other, {"at": "2021-02-02", "source": SOURCE, "fields": {"detention": "77"}},
                      user=None, reason="r", expected_version=other.version)
    assert refused.value.errors == {"fields.detention": "77 is not a term of Types of detention (HURIDOCS)"}


# --------------------------------------------------------------------------- statistics

@pytest.fixture
def small_world(session, make_user, loaded):
    """Lawyer A works on KZ-2024-0001/2/4, lawyer B on KZ-2024-0003; the supervisor sees all."""
    a, b = make_user("lawyer"), make_user("lawyer")

    def case_of(owner, reference, **data):
        return create_case(session, reference=reference, created_by=owner, data={"title": reference, **data})

    one = case_of(a, "KZ-2024-0001", perpetrator_agency="police", place_type="ivs")
    two = case_of(a, "KZ-2024-0002", perpetrator_agency="nsc", place_type="sizo")
    three = case_of(b, "KZ-2024-0003", perpetrator_agency="dis", place_type="police_station")
    case_of(a, "KZ-2024-0004", perpetrator_agency="ombudsman")

    def incident(case, **fields):
        record_event(session, case, {"type": "incident", "at": "2021-01-01", "source": SOURCE, "fields": fields},
                     user=None)

    incident(one, methods=["03.01.04", "03.22.01"], detention="05")
    incident(one, methods=["03.01.04", "03.01.01"])  # the same case again: still one case for 03.01.04
    incident(two, methods=["03.09.02"], detention="05")
    incident(three, methods=["03.01.01"], detention="01")
    supervisor = make_user("supervisor")
    assign_lawyer(session, two, b)  # B works on two as well
    session.commit()
    return {"a": a, "b": b, "supervisor": supervisor}


def _rows(page: str, section: str) -> dict[str, tuple[int, int]]:
    body = page.split(f'<section id="{section}">', 1)[1].split("</section>", 1)[0]
    return {code: (int(own), int(broad)) for code, own, broad in re.findall(
        r'<tr data-code="([\d.]+)">.*?<td class="count">(\d+)</td>\s*<td class="count">(\d+)</td>', body, re.S)}


EXPECTED_A = {
    "methods": {"03": (0, 2), "03.01": (0, 1), "03.01.01": (1, 1), "03.01.04": (1, 1), "03.09": (0, 1),
                "03.09.02": (1, 1), "03.22": (0, 1), "03.22.01": (1, 1)},
    "detention": {"05": (2, 2)},
    "perpetrator": {"01": (0, 2), "01.01": (0, 2), "01.01.04": (1, 1), "01.01.06": (1, 1)},
    "place": {"03": (0, 2), "03.05": (1, 1), "03.06": (1, 1)},
}
EXPECTED_SUPERVISOR = {
    "methods": {"03": (0, 3), "03.01": (0, 2), "03.01.01": (2, 2), "03.01.04": (1, 1), "03.09": (0, 1),
                "03.09.02": (1, 1), "03.22": (0, 1), "03.22.01": (1, 1)},
    "detention": {"01": (1, 1), "05": (2, 2)},
    "perpetrator": {"01": (0, 3), "01.01": (0, 3), "01.01.04": (2, 2), "01.01.06": (1, 1)},
    "place": {"03": (0, 3), "03.05": (2, 2), "03.06": (1, 1)},
}


EXPECTED_B = {
    "methods": {"03": (0, 2), "03.01": (0, 1), "03.01.01": (1, 1), "03.09": (0, 1), "03.09.02": (1, 1)},
    "detention": {"01": (1, 1), "05": (1, 1)},
    "perpetrator": {"01": (0, 2), "01.01": (0, 2), "01.01.04": (1, 1), "01.01.06": (1, 1)},
    "place": {"03": (0, 2), "03.05": (1, 1), "03.06": (1, 1)},
}
# KZ-2024-0004 has no incident, no place and an agency (ombudsman) that maps to no HURIDOCS type
WITH_0004 = {("methods", "nothing recorded"): 1, ("detention", "nothing recorded"): 1,
             ("perpetrator", "not mapped: ombudsman"): 1, ("perpetrator", "nothing recorded"): 0,
             ("place", "nothing recorded"): 1}
WITHOUT_0004 = {("methods", "nothing recorded"): 0, ("detention", "nothing recorded"): 0,
                ("perpetrator", "nothing recorded"): 0, ("place", "nothing recorded"): 0}


@pytest.mark.parametrize(("who", "expected", "rest", "cases"), [
    ("a", EXPECTED_A, WITH_0004, 3), ("supervisor", EXPECTED_SUPERVISOR, WITH_0004, 4),
    ("b", EXPECTED_B, WITHOUT_0004, 2),
])
def test_statistics_count_the_cases_one_may_see(client, small_world, who, expected, rest, cases):
    login_as(client, small_world[who])
    response = client.get("/statistics/vocabularies")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f"over the {cases} cases you may see" in page
    for section, rows in expected.items():
        assert _rows(page, section) == rows, section
    assert "Slapping, kicking or punching" in page and "Пощёчины" in page
    if "not mapped: ombudsman" in str(rest):
        assert "1 with the case code <code>ombudsman</code>, which has no HURIDOCS equivalent" in page

    response = client.get("/statistics/vocabularies?format=csv")
    assert response.mimetype == "text/csv"
    exported = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert exported[0] == ["table", "vocabulary", "code", "label_en", "label_ru", "cases",
                           "cases_with_narrower_terms"]
    coded: dict[str, dict[str, tuple[int, int]]] = {}
    for table, _vocabulary, code, _en, _ru, own, broad in exported[1:]:
        if code:
            coded.setdefault(table, {})[code] = (int(own), int(broad))
    assert coded == expected
    assert {(row[0], row[3]): int(row[5]) for row in exported[1:] if not row[2]} == rest


def test_statistics_name_a_code_the_vocabulary_lacks(client, session, small_world):
    """An imported event may hold a code this installation does not have: it is counted and said."""
    event = session.scalar(select(Event).where(Event.type == "incident").order_by(Event.id))
    event.fields = {**event.fields, "methods": ["03.99"]}
    session.commit()
    login_as(client, small_world["supervisor"])
    page = client.get("/statistics/vocabularies").get_data(as_text=True)
    assert _rows(page, "methods")["03.99"] == (1, 1)
    assert "(not a term of this vocabulary)" in page


def test_the_statistics_page_needs_no_vocabulary_to_work(logged_in):
    page = logged_in.get("/statistics/vocabularies").get_data(as_text=True)
    assert "over the 0 cases you may see" in page and page.count("Nothing recorded in the cases you may see") == 4


def test_codes_travel_through_export_and_import_like_any_field(session, case, loaded):
    record_event(session, case, {"type": "incident", "at": "2021-02-01", "source": SOURCE,
                                 "fields": {"methods": ["03.01.04", "03.09.02"], "detention": "05"}}, user=None)
    record_event(session, case, {"type": "complaint_filed", "at": "2021-02-03", "source": SOURCE,
                                 "fields": {"to_body": "prosecutor", "intervention": "02.01"}}, user=None)
    session.commit()
    exported = export_cases(session, [case.reference])
    events = exported["cases"][0]["events"]
    assert events[0]["fields"] == {"methods": ["03.01.04", "03.09.02"], "detention": "05"}
    assert events[1]["fields"] == {"to_body": "prosecutor", "intervention": "02.01"}
    session.delete(case)
    session.commit()
    (imported,) = import_document(session, parse_document(json.loads(json.dumps(exported))), user=None)
    session.commit()
    assert [e.fields for e in imported.events] == [
        {"methods": ["03.01.04", "03.09.02"], "detention": "05"}, {"to_body": "prosecutor", "intervention": "02.01"}]
    assert export_cases(session, [case.reference]) == exported
