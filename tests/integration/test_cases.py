"""Creating, editing, listing and reading cases and their people."""

from sqlalchemy import select

from app.models import Case, Person
from app.services.assignments import assign_lawyer
from app.services.cases import add_party, create_case
from app.services.people import create_person
from app.services.timeline import record_event
from tests.integration.conftest import row_counts


def test_a_lawyer_creates_a_case(logged_in, session):
    response = logged_in.post("/cases/new", data={
        "reference": "kz-2024-0012", "title": "Beaten in the IVS", "region": "karaganda",
        "place_type": "ivs", "perpetrator_agency": "police", "victim_flags": ["minor", "woman"]})
    assert response.status_code == 302
    case = session.scalar(select(Case).where(Case.reference == "KZ-2024-0012"))
    assert case.title == "Beaten in the IVS"
    assert case.victim_flags == ["minor", "woman"]
    assert case.stage_list == ["intake"]
    assert response.headers["Location"] == "/cases/KZ-2024-0012"


def test_bad_case_input_re_renders_with_messages_and_writes_nothing(logged_in, session, case):
    before = row_counts(session)
    response = logged_in.post("/cases/new", data={
        "reference": case.reference, "title": "", "region": "atlantis", "city": "c" * 5000})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert f"{case.reference} already exists" in page
    assert "is required" in page
    assert "&#39;atlantis&#39; is not a known code" in page
    assert "the limit is 200" in page
    assert row_counts(session) == before


def test_editing_a_case_with_a_stale_version_is_a_conflict(logged_in, session, case):
    stale = str(case.version)
    ok = logged_in.post(f"/cases/{case.reference}/edit", data={"title": "First edit", "version": stale})
    assert ok.status_code == 302
    clash = logged_in.post(f"/cases/{case.reference}/edit", data={"title": "Second edit", "version": stale})
    assert clash.status_code == 422
    assert "Someone else changed this record" in clash.get_data(as_text=True)
    session.refresh(case)
    assert case.title == "First edit"


def test_case_page_shows_people_in_roles_and_the_timeline_in_date_order(logged_in, session, case, lawyer):
    victim = create_person(session, {"name": "Kuanysh Ayniyazov", "aliases": ["Aynizov"]})
    officers = create_person(session, {"description": "six officers in civilian clothes"})
    add_party(session, case, victim, "victim", None)
    add_party(session, case, officers, "alleged_perpetrator", None)
    record_event(session, case, {"type": "release", "at": "2022-01-15", "source": "src B"}, user=lawyer)
    record_event(session, case, {"type": "apprehension", "at": "2022-01-13T11:00", "source": "src A",
                                 "fields": {"place_type": "military_unit"}}, user=lawyer)
    session.commit()
    page = logged_in.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert "Kuanysh Ayniyazov" in page and "six officers in civilian clothes" in page
    assert "Alleged perpetrator" in page
    assert page.index("2022-01-13T11:00") < page.index("2022-01-15")
    assert "Source: src A" in page and "Military unit" in page


def test_case_list_filters_by_stage_region_lawyer_and_text(logged_in, session, case, lawyer, make_user):
    other = create_case(session, reference="KZ-2022-0002", created_by=lawyer,
                        data={"title": "Death in custody", "region": "zhambyl"})
    record_event(session, other, {"type": "complaint_filed", "at": "2022-02-01", "source": "s",
                                  "fields": {"to_body": "prosecutor"}}, user=lawyer)
    person = create_person(session, {"name": "Yerbol Otepbayev", "aliases": ["E. Otepbaev"]})
    add_party(session, other, person, "victim", None)
    second_lawyer = make_user("lawyer")
    assign_lawyer(session, other, second_lawyer)
    session.commit()

    def refs(query: str) -> list[str]:
        page = logged_in.get(f"/?{query}").get_data(as_text=True)
        return [r for r in (case.reference, other.reference) if f">{r}</a>" in page]

    assert refs("") == [case.reference, other.reference]
    assert refs("stage=registration") == [other.reference]
    assert refs("stage=intake") == [case.reference]
    assert refs("region=zhambyl") == [other.reference]
    assert refs(f"lawyer={second_lawyer.id}") == [other.reference]
    assert refs("q=otepbaev") == [other.reference]  # an alias of a person in the case
    assert refs("q=beating") == [case.reference]
    assert refs("q=%25") == []  # LIKE wildcards are matched literally
    assert refs("q=_") == []


def test_adding_a_new_person_and_an_existing_one(logged_in, session, case):
    response = logged_in.post(f"/cases/{case.reference}/people/new", data={
        "role": "victim", "name": "Mikhail Kazantsev", "aliases": "Михаил Казанцев\nM. Kazantsev"})
    assert response.status_code == 302
    person = session.scalar(select(Person).where(Person.name == "Mikhail Kazantsev"))
    assert person.aliases == ["Михаил Казанцев", "M. Kazantsev"]
    found = logged_in.get(f"/cases/{case.reference}/people/new?q=казанцев").get_data(as_text=True)
    assert f'value="{person.id}"' in found
    again = logged_in.post(f"/cases/{case.reference}/people/new?q=kazantsev",
                           data={"role": "victim", "person_id": str(person.id)})
    assert again.status_code == 422
    assert "is already victim in this case" in again.get_data(as_text=True)
    as_complainant = logged_in.post(f"/cases/{case.reference}/people/new?q=kazantsev",
                                    data={"role": "complainant", "person_id": str(person.id)})
    assert as_complainant.status_code == 302


def test_a_person_without_name_or_description_is_refused(logged_in, session, case):
    before = row_counts(session)
    response = logged_in.post(f"/cases/{case.reference}/people/new", data={"role": "witness"})
    assert response.status_code == 422
    assert "give a name or, when it is unknown, a description" in response.get_data(as_text=True)
    assert row_counts(session) == before


def test_person_page_lists_every_case_of_the_person(logged_in, session, case, lawyer):
    other = create_case(session, reference="KZ-2022-0003", data={"title": "Second matter"}, created_by=lawyer)
    person = create_person(session, {"name": "Witness W."})
    add_party(session, case, person, "witness", None)
    add_party(session, other, person, "complainant", None)
    session.commit()
    page = logged_in.get(f"/people/{person.id}").get_data(as_text=True)
    assert case.reference in page and other.reference in page
    assert "Witness" in page and "Complainant" in page


def test_people_search_finds_any_spelling(logged_in, session, case):
    person = create_person(session, {"name": "Kuanysh Ayniyazov", "aliases": ["Kuanysh Aynizov", "Айниязов"]})
    add_party(session, case, person, "victim", None)
    session.commit()
    for query in ("ayniyazov", "Aynizov", "айниязов"):
        assert "Kuanysh Ayniyazov" in logged_in.get(f"/people/?q={query}").get_data(as_text=True), query


def test_missing_records_are_404(logged_in):
    assert logged_in.get("/cases/KZ-0000-NONE").status_code == 404
    assert logged_in.get("/people/999999").status_code == 404
    assert logged_in.get("/cases/KZ-0000-NONE/events/1/edit").status_code == 404


def test_timeline_order_is_the_same_on_every_database(session, case, lawyer):
    for at, kind in (("2022-01-13T11:00", "apprehension"), ("2022-01-13", "interrogation"),
                     ("2022-01", "incident"), ("2022-01-13T09:30", "complaint_filed")):
        fields = {"to_body": "prosecutor"} if kind == "complaint_filed" else {}
        record_event(session, case, {"type": kind, "at": at, "source": "s", "fields": fields}, user=lawyer)
    session.commit()
    session.expire(case, ["events"])
    # the complaint's minute puts it before the apprehension; the rest keeps the lawyer's order
    assert [e.when.isoformat() for e in case.timeline] == [
        "2022-01-13T09:30", "2022-01-13T11:00", "2022-01-13", "2022-01"]


def test_the_lawyer_who_opens_a_case_is_assigned_to_it(logged_in, session, lawyer):
    logged_in.post("/cases/new", data={"reference": "KZ-2024-0099", "title": "New matter"})
    case = session.scalar(select(Case).where(Case.reference == "KZ-2024-0099"))
    assert [a.user_id for a in case.assignments] == [lawyer.id]
    page = logged_in.get(f"/?lawyer={lawyer.id}").get_data(as_text=True)
    assert "KZ-2024-0099" in page
