"""Time the search of people across scripts (find_people, the duplicate check, the case list) on
a generated archive of some tens of thousands of people.

    .venv/bin/python -m bench.name_search [--people 20000] [--database-url postgresql://…]

Without a URL, a temporary SQLite file is used. The schema is built by the migrations; the
people (names in Cyrillic and in one of their Latin spellings) are written with their keys
computed as create_person computes them, spread over cases of which a lawyer is assigned to
one in ten. Each search is run ``--runs`` times and its median and slowest time printed, for a
supervisor (every person) and for the lawyer (the visibility filter).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time

from sqlalchemy import insert, select

SURNAMES = (
    ("Айниязов", "Ayniyazov", "Ainiyazov", "Aynizov"), ("Калиев", "Kaliev", "Kaliyev"),
    ("Отепбаев", "Otepbaev", "Otepbayev"), ("Нурланов", "Nurlanov"), ("Сейтказиев", "Seitkaziev", "Seytkaziyev"),
    ("Жумабаев", "Zhumabaev", "Jumabaev"), ("Ахметов", "Akhmetov", "Ahmetov"), ("Байрамов", "Bayramov"),
    ("Казанцев", "Kazantsev", "Kazantzev"), ("Токаев", "Tokaev", "Tokayev"), ("Садыков", "Sadykov", "Sadikov"),
    ("Есенов", "Yesenov", "Esenov"), ("Омаров", "Omarov"), ("Искаков", "Iskakov"), ("Кенжебеков", "Kenzhebekov"),
    ("Абдрахманов", "Abdrakhmanov", "Abdrahmanov"), ("Тулегенов", "Tulegenov"), ("Шарипов", "Sharipov"),
    ("Сатпаев", "Satpaev", "Satpayev"), ("Касымов", "Kasymov", "Kassymov"), ("Ибраев", "Ibraev", "Ibrayev"),
    ("Рахимбаев", "Rakhimbaev", "Rahimbayev"), ("Нуриев", "Nuriev", "Nuriyev"), ("Кусаинов", "Kusainov"),
    ("Ким", "Kim"), ("Иванов", "Ivanov"), ("Юсупов", "Yusupov", "Iusupov"), ("Алиев", "Aliev", "Aliyev"),
    ("Мухтаров", "Mukhtarov", "Muhtarov"), ("Назарбаев", "Nazarbayev"), ("Оспанов", "Ospanov"),
)
GIVEN = (("Куаныш", "Kuanysh"), ("Ержан", "Yerzhan"), ("Данияр", "Daniyar"), ("Асхат", "Askhat"),
         ("Нурлан", "Nurlan"), ("Бауыржан", "Bauyrzhan"), ("Михаил", "Mikhail"), ("Арман", "Arman"),
         ("Серик", "Serik"), ("Тимур", "Timur"), ("Дархан", "Darkhan"), ("Руслан", "Ruslan"))
QUERIES = ("Айниязов", "Aynizov", "Kaliyev", "Отепбаев Бауыржан", "Kal", "Ospanova Aigerim", "zzz")


def _generate(session, people: int, rng: random.Random):
    from app.models import Case, CaseAssignment, CaseParty, Person, User
    from app.services.names import stored_keys
    from app.services.users import create_user

    supervisor = create_user(session, email="supervisor@bench.qorgau.kz", full_name="Bench Supervisor",
                             role="supervisor", password="bench-Qorgau-passphrase")  # noqa: S106 - bench user
    lawyer = create_user(session, email="lawyer@bench.qorgau.kz", full_name="Bench Lawyer",
                         role="lawyer", password="bench-Qorgau-passphrase")  # noqa: S106 - bench user
    session.flush()
    cases = people // 4
    session.execute(insert(Case), [{"reference": f"KZ-BENCH-{n:06d}", "title": f"Bench case {n}",
                                    "search_text": f"kz-bench-{n:06d}\nbench case {n}"} for n in range(cases)])
    case_ids = list(session.scalars(select(Case.id).order_by(Case.id)))
    session.execute(insert(CaseAssignment), [{"case_id": c, "user_id": lawyer.id} for c in case_ids[::10]])
    started = time.perf_counter()
    rows = []
    for _ in range(people):
        surname, given = rng.choice(SURNAMES), rng.choice(GIVEN)
        latin = f"{rng.choice(given[1:])} {rng.choice(surname[1:])}"
        cyrillic = f"{surname[0]} {given[0]}"
        name, aliases = (latin, [cyrillic]) if rng.random() < 0.5 else (cyrillic, [latin])
        rows.append({"name": name, "aliases": aliases, "search_text": "\n".join([name, *aliases]).lower(),
                     "name_keys": stored_keys([name, *aliases])})
    keyed = time.perf_counter() - started
    session.execute(insert(Person), rows)
    person_ids = list(session.scalars(select(Person.id).order_by(Person.id)))
    session.execute(insert(CaseParty), [{"case_id": rng.choice(case_ids), "person_id": p, "role": "victim"}
                                        for p in person_ids])
    session.commit()
    print(f"{people} people in {cases} cases; keys computed in {keyed * 1000:.0f} ms "
          f"({keyed / people * 1e6:.0f} µs a person)")
    return session.get(User, supervisor.id), session.get(User, lawyer.id)


def _time(function, runs: int) -> tuple[float, float, object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--database-url", help="an empty database (default: a temporary SQLite file)")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="qorgau-bench-names-")
    os.environ.setdefault("QORGAU_INSTANCE", folder)
    url = args.database_url or f"sqlite:///{folder}/names.sqlite3"
    url = url.replace("postgresql://", "postgresql+psycopg://", 1)

    from flask_migrate import upgrade

    from app import create_app
    from app.extensions import db
    from app.services.cases import CaseFilter, case_list_query
    from app.services.people import find_people, likely_duplicates

    app = create_app("test", SQLALCHEMY_DATABASE_URI=url)
    with app.app_context():
        upgrade()
        session = db.session
        supervisor, lawyer = _generate(session, args.people, random.Random(2022))
        print(f"{'search':<28} {'who':<10} {'found':>5} {'median ms':>10} {'max ms':>8}")
        for user in (supervisor, lawyer):
            searches = [(f"people {q!r}", lambda q=q, u=user: find_people(session, q, u)) for q in QUERIES]
            searches += [(f"duplicates {q!r}", lambda q=q, u=user: likely_duplicates(session, [q], u))
                         for q in ("Айниязов Қуаныш", "Kaliyev Arman")]
            searches += [(f"case list {q!r}", lambda q=q, u=user: session.scalars(
                case_list_query(CaseFilter(text=q), u).limit(50)).all()) for q in ("Айниязов", "Kaliyev")]
            for label, search in searches:
                median, slowest, found = _time(search, args.runs)
                session.expunge_all()
                print(f"{label:<28} {user.role:<10} {len(found):>5} {median:>10.1f} {slowest:>8.1f}")
        session.remove()
        db.engine.dispose()


if __name__ == "__main__":
    main()
