"""Finding people and cases by a name in either script, and proposing likely duplicates before a
new person is saved (app/services/names.py, app/services/people.py)."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import select, text

from app.models import CaseParty, Person
from app.services.cases import CaseFilter, add_party, case_list_query, create_case
from app.services.people import create_person, find_people, likely_duplicates, update_person
from tests.integration.conftest import row_counts

SEED = Path(__file__).resolve().parents[2] / "seed"


@pytest.fixture
def other_case(session, make_user):
    """A case of another lawyer: out of the logged-in lawyer's reach."""
    case = create_case(session, reference="KZ-2022-0002", created_by=make_user("lawyer"),
                       data={"title": "Beaten at the Taraz police station"})
    session.commit()
    return case


@pytest.fixture
def people(session, case, other_case):
    """Named people in the lawyer's case, and one only in the other lawyer's case."""
    made = {}
    for key, target, name in (("ayniyazov", case, "Kuanysh Ayniyazov"), ("kaliev", case, "Ерлан Калиев"),
                              ("kalieva", case, "Aigerim Kaliyeva"), ("nazarbayev", case, "Nazarbayev"),
                              ("otepbaev", other_case, "Otepbayev Bauyrzhan")):
        made[key] = create_person(session, {"name": name})
        add_party(session, target, made[key], "victim", None)
    session.commit()
    return made


@pytest.mark.parametrize("query", ["Айниязов", "Ayniyazov", "Aynizov", "Ainiyazov", "айниязов қуаныш",
                                   "Quanysh Ayniyazov", "Ayniy"])
def test_any_spelling_in_either_script_finds_the_person(session, lawyer, people, query):
    assert find_people(session, query, lawyer) == [people["ayniyazov"]]


def test_best_matches_come_first_and_unlike_names_stay_out(session, lawyer, people):
    assert find_people(session, "Kaliyev", lawyer) == [people["kaliev"], people["kalieva"]]
    assert find_people(session, "Калиева", lawyer) == [people["kalieva"]]
    assert find_people(session, "Kuanysh Nazarbayev", lawyer) == []  # every word must match
    assert people["nazarbayev"] not in find_people(session, "Ayniyazov", lawyer)
    assert find_people(session, "Ospanov", lawyer) == []


def test_search_keeps_to_the_cases_the_user_may_see(session, lawyer, people, make_user):
    assert find_people(session, "Отепбаев", lawyer) == []
    assert find_people(session, "Отепбаев", make_user("supervisor")) == [people["otepbaev"]]
    assert people["otepbaev"] not in find_people(session, "", lawyer)


def test_people_page_search_in_cyrillic_lists_the_latin_spelling(logged_in, people):
    page = logged_in.get("/people/?q=" + quote("Отепбаев Айниязов")).get_data(as_text=True)
    assert "Kuanysh Ayniyazov" not in page  # every word must match someone's name
    page = logged_in.get("/people/?q=" + quote("айниязов")).get_data(as_text=True)
    assert "Kuanysh Ayniyazov" in page and "Otepbayev" not in page


def test_case_list_search_by_a_name_in_the_other_script(session, logged_in, lawyer, case, other_case, people):
    page = logged_in.get("/?q=" + quote("Айниязов")).get_data(as_text=True)
    assert case.reference in page
    assert other_case.reference not in logged_in.get("/?q=" + quote("Отепбаев")).get_data(as_text=True)
    found = session.scalars(case_list_query(CaseFilter(text="Kaliyev Yerlan"), lawyer)).all()
    assert found == [case]
    # what it found before: the title, and any part of a spelling as typed
    assert session.scalars(case_list_query(CaseFilter(text="beating in cust"), lawyer)).all() == [case]
    assert session.scalars(case_list_query(CaseFilter(text="ниязо"), lawyer)).all() == []
    assert session.scalars(case_list_query(CaseFilter(text="anysh ayni"), lawyer)).all() == [case]


def test_keys_follow_every_spelling_on_create_and_update(session):
    person = create_person(session, {"name": "Калиев Ерлан", "aliases": ["Kaliyev Y.", "Kaliyev Y."],
                                     "description": "брат потерпевшего"})
    assert person.name_keys == " kaliev erlan | kaliev i # brat poterpevshego "
    update_person(session, person, {"name": "Otepbayev Bauyrzhan", "aliases": []},
                  expected_version=person.version)
    assert person.name_keys == " otepbaev bauirjan "
    assert session.scalar(select(Person.name_keys).where(Person.id == person.id)) == " otepbaev bauirjan "


# --- Proposing likely duplicates before a new person is saved ------------------------------------------

def _add(client, reference, **data):
    return client.post(f"/cases/{reference}/people/new", data={"role": "witness", **data})


def test_a_likely_duplicate_is_proposed_and_nothing_is_written(logged_in, session, case, people):
    before = row_counts(session)
    response = _add(logged_in, case.reference, name="Айниязов Қуаныш", aliases="Ainiyazov K.")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Possible duplicates:" in page
    assert f'href="/people/{people["ayniyazov"].id}"' in page
    assert f'name="use_person" value="{people["ayniyazov"].id}"' in page
    assert "Create a new person anyway" in page
    assert "Kaliev" not in page and "Nazarbayev" not in page
    assert row_counts(session) == before


def test_the_lawyer_chooses_the_existing_person(logged_in, session, case, other_case, people):
    before = row_counts(session)
    response = _add(logged_in, case.reference, name="Aynizov", use_person=str(people["ayniyazov"].id))
    assert response.status_code == 302
    assert row_counts(session)["people"] == before["people"]
    roles = session.scalars(select(CaseParty.role).where(CaseParty.person_id == people["ayniyazov"].id))
    assert sorted(roles) == ["victim", "witness"]
    # a person out of reach cannot be chosen through the duplicates' field either
    hidden = _add(logged_in, case.reference, name="x", use_person=str(people["otepbaev"].id))
    assert hidden.status_code == 422 and "this person no longer exists" in hidden.get_data(as_text=True)


def test_a_new_person_anyway_needs_the_confirmation_for_that_very_name(logged_in, session, case, people):
    first = _add(logged_in, case.reference, name="Kuanysh Ainiyazov")
    checked = _hidden(first.get_data(as_text=True), "checked_for")
    assert checked == "kuanish ainiazov"
    before = row_counts(session)
    # a confirmation given for one name does not carry over to another one
    changed = _add(logged_in, case.reference, name="Erlan Kaliyev", use_person="new", checked_for=checked)
    assert changed.status_code == 422 and "Possible duplicates:" in changed.get_data(as_text=True)
    assert _add(logged_in, case.reference, name="Kuanysh Ainiyazov", checked_for=checked).status_code == 422
    assert row_counts(session) == before
    confirmed = _add(logged_in, case.reference, name="Kuanysh Ainiyazov", use_person="new", checked_for=checked)
    assert confirmed.status_code == 302
    assert row_counts(session)["people"] == before["people"] + 1


def test_unlike_or_unseen_people_are_not_proposed(logged_in, session, case, people, lawyer):
    assert _add(logged_in, case.reference, name="Aigerim Ospanova").status_code == 302
    # the other lawyer's Otepbayev is not shown to this lawyer: nothing of that case leaks
    response = _add(logged_in, case.reference, name="Отепбаев Бауыржан")
    assert response.status_code == 302
    assert likely_duplicates(session, ["Bauyrzhan Otepbaev"], lawyer) != []  # now in the lawyer's own case
    assert _add(logged_in, case.reference, description="six officers in civilian clothes").status_code == 302


def _hidden(page: str, name: str) -> str:
    import re

    match = re.search(rf'<input type="hidden" name="{name}" value="([^"]*)">', page)
    assert match, f"no hidden {name} in the page"
    return match.group(1)


# --- Seed data and the migration's back-fill ------------------------------------------------------------

def test_the_seeded_ayniyazov_is_found_in_cyrillic(session, tmp_path, make_user):
    from app.services.seed import seed_database

    seed_database(session, SEED, demo_users=False, instance_path=tmp_path)
    supervisor = make_user("supervisor")
    found = find_people(session, "Айниязов", supervisor)
    assert found[0].name == "Kuanysh Ayniyazov"
    assert "Kuanysh Ayniyazov's 13-year-old son (name not given)" in [p.description for p in found[1:]]
    assert [p.name for p in find_people(session, "Калиев", supervisor)] == [
        p.name for p in find_people(session, "Kaliyev", supervisor)] != []
    references = [c.reference for c in session.scalars(case_list_query(CaseFilter(text="Айниязов"), supervisor))]
    assert "KZ-2022-AYNIYAZOV" in references


@pytest.fixture
def migrated_url(tmp_path):
    if os.environ.get("QORGAU_TEST_DB", "sqlite") == "postgresql":
        from tests.conftest import pg_database

        yield from pg_database()
    else:
        yield f"sqlite:///{tmp_path / 'keys.sqlite3'}"


@pytest.mark.migrations
@pytest.mark.no_db_isolation
def test_the_migration_fills_the_keys_of_existing_people(migrated_url):
    from flask_migrate import upgrade

    from app import create_app
    from app.extensions import db

    app = create_app("test", SQLALCHEMY_DATABASE_URI=migrated_url)
    with app.app_context():
        upgrade(revision="0008_supervision")
        with db.engine.begin() as connection:
            for number in range(1, 1204):  # more than one batch of the back-fill
                connection.execute(text(
                    "INSERT INTO people (name, description, aliases, notes, search_text, created_at, updated_at, "
                    "version) VALUES (:name, :description, :aliases, NULL, '', CURRENT_TIMESTAMP, "
                    "CURRENT_TIMESTAMP, 1)"),
                    {"name": "Айниязов Қуаныш" if number == 1 else f"Person {number}",
                     "description": "брат" if number == 2 else None,
                     "aliases": '["Aynizov K."]' if number == 1 else "[]"})
        upgrade()
        keys = dict(db.session.execute(select(Person.id, Person.name_keys)).all())
        assert len(keys) == 1203
        assert keys[1] == " ainiazov kuanish | ainizov k "
        assert keys[2] == " person 2 # brat "
        assert keys[1203] == " person 1203 "
        db.session.remove()
        db.engine.dispose()
