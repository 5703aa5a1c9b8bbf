"""What a communication needs of its authors and documents: people's details (the contact sealed at rest),
family ties, the representative's details, files linked to the events they document, and all of it
through the interchange format."""

from __future__ import annotations

import json

from sqlalchemy import select, text

from app.interchange.format import parse_document
from app.models import CaseParty, EvidenceFile, Person, PersonRelation
from app.services.cases import add_party
from app.services.files import Vault, store
from app.services.interchange import export_cases, import_document
from app.services.people import create_person
from app.services.person_details import contact_of
from app.services.sealing import Unreadable, unseal
from app.services.timeline import record_event
from tests.integration.conftest import row_counts

ADDRESS = "Almaty, Abay avenue 10, apt. 5"


def victim_of(session, case) -> Person:
    person = create_person(session, {"name": "Aigerim Bekova", "aliases": ["Айгерим Бекова"]})
    add_party(session, case, person, "victim", None)
    session.commit()
    return person


def test_a_persons_details_are_saved_and_the_contact_is_sealed_at_rest(app, logged_in, session, case):
    person = victim_of(session, case)
    response = logged_in.post(f"/people/{person.id}/edit", data={
        "name": person.name, "aliases": "Айгерим Бекова", "version": str(person.version),
        "birth_date": "1999-04", "sex": "female", "nationality": "Kazakhstan",
        "address": ADDRESS, "phone": "+7 701 000 00 00", "email": "a.bekova@example.org"})
    assert response.status_code == 302
    session.refresh(person)
    assert (person.birth_date, person.sex, person.nationality) == ("1999-04", "female", "Kazakhstan")
    stored = session.execute(text("SELECT contact_sealed FROM people WHERE id = :id"), {"id": person.id}).scalar()
    assert ADDRESS not in stored and "Abay" not in stored and "bekova@" not in stored
    with app.app_context():
        assert contact_of(person) == {"address": ADDRESS, "phone": "+7 701 000 00 00",
                                      "email": "a.bekova@example.org"}
    page = logged_in.get(f"/people/{person.id}").get_data(as_text=True)
    assert ADDRESS in page and "April" not in page and "1999-04" in page


def test_a_sealed_contact_does_not_open_on_another_row(app, session, case):
    from app.services.sealing import seal

    with app.app_context():
        sealed = seal({"address": ADDRESS}, "people:1:contact")
        assert unseal(sealed, "people:1:contact") == {"address": ADDRESS}
        try:
            unseal(sealed, "people:2:contact")
        except Unreadable:
            pass
        else:
            raise AssertionError("a sealed value opened on another row")


def test_bad_details_are_refused_by_field_and_nothing_is_saved(logged_in, session, case):
    person = victim_of(session, case)
    before = row_counts(session)
    response = logged_in.post(f"/people/{person.id}/edit", data={
        "name": person.name, "version": str(person.version), "birth_date": "2099-01-01T10:00", "sex": "other",
        "email": "not an address"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    for message in ("give the day, month or year of birth, without a time", "choose female or male",
                    "is not an e-mail address"):
        assert message in page
    session.refresh(person)
    assert person.birth_date is None and person.sex is None and person.contact_sealed is None
    assert row_counts(session) == before


def test_a_family_tie_is_recorded_between_people_of_the_case_and_shown_both_ways(logged_in, session, case):
    victim = victim_of(session, case)
    mother = create_person(session, {"name": "Gulnara Bekova"})
    add_party(session, case, mother, "complainant", None)
    session.commit()
    response = logged_in.post(f"/people/{mother.id}/relations", data={"kind": "parent", "relative_id": str(victim.id)})
    assert response.status_code == 302
    relation = session.scalar(select(PersonRelation))
    assert (relation.person_id, relation.kind, relation.relative_id) == (mother.id, "parent", victim.id)
    assert "Gulnara Bekova is the parent of Aigerim Bekova" in logged_in.get(f"/people/{victim.id}").get_data(
        as_text=True)
    stranger = create_person(session, {"name": "Not in the case"})
    session.commit()
    refused = logged_in.post(f"/people/{mother.id}/relations", data={"kind": "parent",
                                                                      "relative_id": str(stranger.id)})
    assert refused.status_code == 422 and "choose a person of the same case" in refused.get_data(as_text=True)


def test_a_lawyer_keeps_the_details_a_communication_gives_of_its_representative(logged_in, session, lawyer):
    response = logged_in.post("/account/representative", data={
        "bar": "Almaty City Bar Association, licence 0001234", "organisation": "Kazakhstan International Bureau",
        "postal_address": "Almaty, Abay avenue 1"})
    assert response.status_code == 302
    session.refresh(lawyer)
    assert (lawyer.bar, lawyer.organisation) == ("Almaty City Bar Association, licence 0001234",
                                                 "Kazakhstan International Bureau")


def test_a_file_is_linked_to_the_event_it_documents(app, logged_in, session, case, lawyer):
    decision = record_event(session, case, {"type": "investigation_terminated", "at": "2021-04-30",
                                            "source": "Decision", "fields": {"ground": "no_event"}}, user=lawyer)
    record = store(session, Vault.from_config(app.config["FILES_DIR"], app.config["FILE_KEY"]), case,
                   filename="decision.pdf", data=b"%PDF-1.4\n decision", description=None, user=lawyer,
                   max_size=1024)
    session.commit()
    response = logged_in.post(f"/cases/{case.reference}/files/{record.id}/details", data={
        "description": "Decision to terminate the investigation", "event": decision.uid, "language": "ru",
        "translation": "needed"})
    assert response.status_code == 302
    session.refresh(record)
    assert (record.event_id, record.language, record.translation) == (decision.id, "ru", "needed")
    page = logged_in.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert "Decision to terminate the investigation" in page.split(f'id="event-{decision.id}"')[1][:4000]
    refused = logged_in.post(f"/cases/{case.reference}/files/{record.id}/details", data={"event": "not-an-event"})
    assert refused.status_code == 422 and "choose an event of this case" in refused.get_data(as_text=True)
    assert session.get(EvidenceFile, record.id).event_id == decision.id


def test_details_ties_consent_and_narratives_travel_through_the_interchange_format(session, case, lawyer):
    victim = victim_of(session, case)
    victim.birth_date, victim.sex, victim.nationality = "1999-04", "female", "Kazakhstan"
    mother = create_person(session, {"name": "Gulnara Bekova"})
    add_party(session, case, mother, "complainant", None)
    session.add(PersonRelation(person=mother, kind="parent", relative=victim))
    case.summary_ru, case.summary_in_draft = "Краткое изложение.", True
    record_event(session, case, {"type": "consent_given", "at": "2024-02-01", "source": "Signed consent",
                                 "narrative": "She consented in writing.", "narrative_ru": "Она дала согласие.",
                                 "fields": {"scope": "file", "by": "victim", "committee": "CAT",
                                            "signed_by": "Aigerim Bekova"}}, user=lawyer)
    session.commit()
    exported = export_cases(session, [case.reference])
    text_form = json.dumps(exported, ensure_ascii=False)
    assert "1999-04" in text_form and ADDRESS not in text_form  # the sealed contact never leaves in a file
    document = parse_document(json.loads(text_form))
    document.cases[0].reference = "KZ-2026-0002"
    [copy] = import_document(session, document, user=lawyer)
    session.flush()
    people = {p.person.name: p.person for p in session.scalars(select(CaseParty).where(CaseParty.case_id == copy.id))}
    assert (people["Aigerim Bekova"].birth_date, people["Aigerim Bekova"].sex) == ("1999-04", "female")
    assert [(r.kind, r.relative.name) for r in people["Gulnara Bekova"].relations] == [("parent", "Aigerim Bekova")]
    assert (copy.summary_ru, copy.summary_in_draft) == ("Краткое изложение.", True)
    consent = next(e for e in copy.events if e.type == "consent_given")
    assert (consent.narrative, consent.narrative_ru, consent.fields["signed_by"]) == (
        "She consented in writing.", "Она дала согласие.", "Aigerim Bekova")
