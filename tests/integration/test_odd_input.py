"""Odd input answers with a clear status or message, never a server error, on both databases."""

import json

import pytest
from sqlalchemy import select

from app.models import Case, Event
from app.services.cases import create_case
from app.services.timeline import record_event
from tests.integration.conftest import row_counts


@pytest.mark.parametrize("url", [
    "/?page=922337203685477580", "/?lawyer=99999999999999999999", "/?lawyer=2147483648", "/?lawyer=-5",
    "/?stage=%25", "/?stage=%00", "/?region=%00", "/?q=%00", "/?q=a%00b", "/?endpoint=x", "/?_anchor=x",
    "/dashboard?endpoint=x", "/dashboard?_method=POST", "/dashboard?lawyer=2147483648", "/dashboard?region=%00",
    "/dashboard?rule=nonsense&severity=%00", "/dashboard.csv?endpoint=x", "/people/?q=%00",
    "/cases/%00", "/cases/KZ-2021-0001/people/new?q=%00", "/cases/KZ-2021-0001/events/new?type=%00",
])
def test_odd_query_strings_never_fail(logged_in, case, url):
    assert logged_in.get(url).status_code in (200, 404)


@pytest.mark.parametrize("url", ["/people/99999999999999999999", "/people/2147483648",
                                 "/cases/KZ-2021-0001/events/99999999999999999999/edit", "/drafts/2147483648"])
def test_overflowing_ids_are_404(logged_in, case, url):
    assert logged_in.get(url).status_code == 404


@pytest.mark.parametrize("url", ["/cases/KZ-2021-0001/flags/99999999999999999999/acknowledge",
                                 "/calendar/tokens/99999999999999999999/revoke"])
def test_overflowing_ids_in_posts_are_404(logged_in, case, url):
    assert logged_in.post(url, data={"comment": "x"}).status_code in (403, 404)


@pytest.mark.parametrize("version", ["abc", "1.0", "", "99999999999999999999", "-1"])
def test_a_bad_hidden_version_is_a_conflict_not_a_crash(logged_in, session, case, version):
    before = case.title
    response = logged_in.post(f"/cases/{case.reference}/edit", data={"title": "x", "version": version})
    assert response.status_code == 422
    assert "Someone else changed this record" in response.get_data(as_text=True)
    session.refresh(case)
    assert case.title == before


@pytest.mark.parametrize(("typed", "stored"), [("91890", 91890), ("91 890", 91890), ("2,5", 2.5), ("2.50", 2.5)])
def test_amounts_are_read_as_written(logged_in, session, case, typed, stored):
    response = logged_in.post(f"/cases/{case.reference}/events/new?type=compensation_paid",
                              data={"at": "2022-05-01", "source": "s", "f_amount_kzt": typed})
    assert response.status_code == 302
    assert session.scalar(select(Event)).fields["amount_kzt"] == stored


@pytest.mark.parametrize("typed", ["1,000", "91,890", "1.000.000", "12abc"])
def test_ambiguous_amounts_are_refused_not_misread(logged_in, session, case, typed):
    before = row_counts(session)
    response = logged_in.post(f"/cases/{case.reference}/events/new?type=compensation_paid",
                              data={"at": "2022-05-01", "source": "s", "f_amount_kzt": typed})
    assert response.status_code == 422
    assert "must be a number" in response.get_data(as_text=True)
    assert row_counts(session) == before


def test_case_search_finds_cyrillic_titles_in_any_case(logged_in, session, lawyer):
    create_case(session, reference="KZ-2024-7001", data={"title": "Дело Айниязова",
                                                         "summary": "Избиение в ИВС Тараза"}, created_by=lawyer)
    session.commit()
    for query in ("Дело", "дело", "ДЕЛО", "избиение", "тараза"):
        assert ">KZ-2024-7001</a>" in logged_in.get(f"/?q={query}").get_data(as_text=True), query


def test_the_incident_link_lists_the_linked_cases(logged_in, session, lawyer):
    for i in range(3):
        create_case(session, reference=f"KZ-2021-G{i}", data={"title": f"Group {i}", "incident": "kettling"},
                    created_by=lawyer)
    create_case(session, reference="KZ-2021-OTHER", data={"title": "Other"}, created_by=lawyer)
    session.commit()
    page = logged_in.get("/?incident=kettling").get_data(as_text=True)
    assert page.count(">KZ-2021-G") == 3 and "KZ-2021-OTHER" not in page
    assert 'href="/?incident=kettling"' in logged_in.get("/cases/KZ-2021-G0").get_data(as_text=True)


def test_an_event_by_someone_else_does_not_block_a_case_edit(logged_in, session, case, lawyer):
    version = str(case.version)
    record_event(session, case, {"type": "complaint_filed", "at": "2021-01-18", "source": "s",
                                 "fields": {"to_body": "prosecutor"}}, user=lawyer)
    session.commit()
    response = logged_in.post(f"/cases/{case.reference}/edit", data={"title": "Renamed", "version": version})
    assert response.status_code == 302
    assert session.scalar(select(Case.title).where(Case.id == case.id)) == "Renamed"


def test_an_unknown_role_is_a_field_error(client, session, make_user):
    from tests.integration.conftest import PASSWORD

    admin = make_user("admin")
    client.post("/login", data={"email": admin.email, "password": PASSWORD})
    response = client.post("/admin/users/new", data={"email": "zq@example.org", "full_name": "N", "role": "root",
                                                     "password": "long enough pass 123"})
    assert response.status_code == 422
    assert "&#39;root&#39; is not a role" in response.get_data(as_text=True)


def test_export_import_keeps_whole_amounts(app, session, case, lawyer, tmp_path):
    record_event(session, case, {"type": "compensation_paid", "at": "2022-05-01", "source": "s",
                                 "fields": {"amount_kzt": 91890, "source": "vcf"}}, user=lawyer)
    session.commit()
    runner = app.test_cli_runner()
    first = tmp_path / "a.json"
    runner.invoke(args=["cases", "export", case.reference, "-o", str(first)])
    assert json.loads(first.read_text())["cases"][0]["events"][0]["fields"] == {"amount_kzt": 91890, "source": "vcf"}
    session.delete(case)
    session.commit()
    result = runner.invoke(args=["cases", "import", str(first)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(("mutate", "message"), [
    (lambda c: c.update(region=["almaty_city"]), "region: must be a code (text)"),
    (lambda c: c.update(victim_flags=[["minor"]]), "victim_flags: must be a list of"),
    (lambda c: c["parties"].append({"person": ["v"], "role": "victim"}), "person: ['v'] is not a key in people"),
    (lambda c: c["events"][0].update(body=["police"]), "body: must be a code (text)"),
    (lambda c: c["events"][0]["fields"].update(ground=["no_event"]), "fields.ground: must be a code (text)"),
    (lambda c: c.update(reference="KZ-NL-1\n"), "reference: must be 3-40 capital letters"),
    (lambda c: c.update(title="t\ud800"), "title: contains characters that are not valid Unicode"),
    (lambda c: c["events"][0]["fields"].update(ground="no_event") or c["events"].append(
        {"type": "incident", "at": "2020", "source": "s", "fields": {"from": "2020", "to": "9999-12"}}),
     "fields.to: '9999-12': the year must be between 1900 and 2200"),
])
def test_malformed_files_are_refused_with_a_located_message(app, session, tmp_path, mutate, message):
    case = {"reference": "KZ-2021-0009", "title": "T", "parties": [],
            "events": [{"type": "investigation_terminated", "at": "2021-04-30", "source": "s",
                        "fields": {"ground": "no_event"}}]}
    mutate(case)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"format": "qorgau.cases", "version": 1, "people": [{"key": "v", "name": "V"}],
                                "cases": [case]}))
    before = row_counts(session)
    result = app.test_cli_runner().invoke(args=["cases", "import", str(path)])
    assert result.exit_code != 0
    assert message in result.output
    assert row_counts(session) == before
