"""Generate a synthetic Qorgau archive for benchmarks, deterministically.

    .venv/bin/python -m bench.generate --database-url sqlite:///instance/bench-1k.sqlite3 --cases 1000
    .venv/bin/python -m bench.generate --database-url postgresql://postgres@127.0.0.1/qorgau_bench --cases 50000

The same ``--seed``, ``--cases`` and ``--today`` give the same data (the printed checksum
covers the seed-determined columns of the main tables, on SQLite and PostgreSQL alike).
The schema is made by the application's Alembic migrations, never by ``create_all``;
events are validated by the app's own validator (``app.procedure.event_input.clean_event``),
cases and people by the services' cleaners; stages, deadlines (with their explanations)
and flags are derived by the app's engine (``recompute_all``). Users are created with
``create_user`` (cheapest Argon2 profile: hashing cost is not under test). Cases, people
and events are written with bulk INSERTs, so they bypass the audit listener: the audit
trail starts empty. Supervisors have two-factor authentication on, with a secret derived
from the seed, so that ``bench.run`` can log in through the real forms.
"""

from __future__ import annotations

import argparse
import base64
import json
import random
import sys
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, inspect, select, text
from sqlalchemy.orm import selectinload

from bench import data
from bench.common import BENCH_PASSWORD, bench_app, checksum, database_url, user_email
from bench.stories import Facts, Story, complaint, custody, free_incident

CHUNK = 1000  # cases written per round of INSERTs
LAWYERS, SUPERVISORS, ADMINS = 36, 4, 2
CUSTODY_PLACES = {"police_station", "ivs", "sizo", "colony", "military_unit", "sports_hall", "other_unofficial"}
NGOS = (("Kazakhstan International Bureau for Human Rights and Rule of Law", ["KIBHR", "КМБПЧ"]),
        ("Coalition of NGOs against Torture", ["Коалиция НПО против пыток"]),
        ("Public Foundation «Қорғау»", ["Qorgau Foundation"]))


@dataclass
class Ids:
    """Primary keys handed out in order (the database is new), so rows can refer to each other
    before they are written."""

    person: int = 0
    case: int = 0
    party: int = 0
    event: int = 0

    def next(self, kind: str) -> int:
        setattr(self, kind, getattr(self, kind) + 1)
        return getattr(self, kind)


@dataclass
class Rows:
    people: list[dict[str, Any]] = field(default_factory=list)
    cases: list[dict[str, Any]] = field(default_factory=list)
    parties: list[dict[str, Any]] = field(default_factory=list)
    assignments: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Group:
    """Cases of one incident (the Taldykorgan 25, the four kettling complainants)."""

    label: str
    remaining: int
    region: str
    city: tuple[str, str]
    place_type: str
    agency: str
    at: datetime
    perpetrators: list[int]


class Generator:
    def __init__(self, *, seed: int, cases: int, cutoff: datetime) -> None:
        self.rng = random.Random(seed)
        self.total = cases
        self.cutoff = cutoff
        self.ids = Ids()
        self.lawyers: list[int] = []
        self.lawyer_weights: list[float] = []
        self.supervisors: list[int] = []
        self.victims: list[int] = []
        self.pools: dict[str, list[int]] = {}
        self.group: Group | None = None
        self.counts = {"people": 0, "cases": 0, "parties": 0, "assignments": 0, "events": 0}

    # --- users -----------------------------------------------------------------------
    def make_users(self, session) -> None:
        from app.models import User
        from app.services.users import create_user

        plan = [("lawyer", LAWYERS), ("supervisor", SUPERVISORS), ("admin", ADMINS)]
        for role, count in plan:
            for number in range(1, count + 1):
                name = self._latin_name(self.rng.random() < 0.45)
                user = create_user(session, email=user_email(role, number), full_name=name, role=role,
                                   password=BENCH_PASSWORD)
                if role == "supervisor":  # their role requires two-factor authentication
                    user.totp_secret = base64.b32encode(self.rng.randbytes(20)).decode()
                    user.totp_enabled = True
                    self.supervisors.append(user.id)
                elif role == "lawyer":
                    self.lawyers.append(user.id)
        session.flush()
        # A few lawyers carry most cases, as in any NGO.
        self.lawyer_weights = [1.0 / (i + 1) ** 0.6 for i in range(len(self.lawyers))]
        assert session.scalar(select(func.count(User.id))) == LAWYERS + SUPERVISORS + ADMINS

    def _latin_name(self, woman: bool) -> str:
        surname = self.rng.choice(data.SURNAMES)
        given = self.rng.choice(data.FEMALE_NAMES if woman else data.MALE_NAMES)
        return f"{given[1]} {surname[1]}{'a' if woman else ''}"

    # --- people ----------------------------------------------------------------------
    def person(self, rows: Rows, *, name: str | None = None, aliases: list[str] | None = None,
               description: str | None = None, notes: str | None = None) -> int:
        from app.models import Person
        from app.services import people

        cleaned = people.clean_person_fields({"name": name, "description": description, "aliases": aliases or [],
                                              "notes": notes})
        person = Person(**cleaned)
        # the service's own derivation of the search columns (every spelling, every script)
        derive = getattr(people, "_derive", None)
        if derive is not None:
            derive(person)
        else:
            person.search_text = people._search_text(person)
        person_id = self.ids.next("person")
        values = {c.key: getattr(person, c.key) for c in Person.__table__.columns if c.key in person.__dict__}
        rows.people.append({**values, "id": person_id, "created_at": self._stamp(), "updated_at": self._stamp(),
                            "version": 1})
        return person_id

    def named(self, rows: Rows, *, woman: bool, surname=None, notes: str | None = None, prefix: str = "") -> int:
        """A person with a Kazakh or Russian name, written in one script, the others as aliases."""
        rng = self.rng
        surname = surname or rng.choice(data.SURNAMES)
        given = rng.choice(data.FEMALE_NAMES if woman else data.MALE_NAMES)
        ending = ("а", "a") if woman and not surname[0].endswith(("ко", "Ким")) else ("", "")
        cyrillic = f"{surname[0]}{ending[0]} {given[0]}"
        latins = [f"{s}{ending[1]} {g}" for s, g in zip(surname[1:], given[1:] * len(surname), strict=False)]
        latins = list(dict.fromkeys(latins))
        if rng.random() < 0.5:
            name, aliases = cyrillic, latins[:3]
        else:
            name, aliases = latins[0], [cyrillic, *latins[1:3]]
        return self.person(rows, name=prefix + name, aliases=aliases, notes=notes)

    def make_pools(self, rows: Rows) -> None:
        """People who appear in many cases: counsel, officials of each region, experts, NGOs."""
        rng = self.rng
        self.pools["counsel"] = [self.named(rows, woman=rng.random() < 0.5, notes="Coalition lawyer.")
                                 for _ in range(60)]
        self.pools["expert"] = [self.named(rows, woman=rng.random() < 0.4, prefix="Dr ") for _ in range(20)]
        self.pools["ngo"] = [self.person(rows, name=name, aliases=aliases) for name, aliases in NGOS]
        for region in data.REGIONS:
            self.pools[f"official:{region}"] = [
                self.named(rows, woman=rng.random() < 0.3, prefix=rng.choice(("investigator ", "prosecutor ",
                                                                               "judge ", "следователь ")))
                for _ in range(25)]

    def _stamp(self) -> datetime:
        return self.cutoff.replace(tzinfo=UTC) - timedelta(days=1)

    # --- cases -----------------------------------------------------------------------
    def write(self, session) -> None:
        rows = Rows()
        self.make_pools(rows)
        self.flush(session, rows)
        for start in range(0, self.total, CHUNK):
            rows = Rows()
            for _ in range(min(CHUNK, self.total - start)):
                self.case(rows)
            self.flush(session, rows)

    def flush(self, session, rows: Rows) -> None:
        from app.models import Case, CaseAssignment, CaseParty, Event, Person

        for model, batch, key in ((Person, rows.people, "people"), (Case, rows.cases, "cases"),
                                  (CaseParty, rows.parties, "parties"),
                                  (CaseAssignment, rows.assignments, "assignments"),
                                  (Event, rows.events, "events")):
            if batch:
                session.execute(insert(model.__table__), batch)
                self.counts[key] += len(batch)

    def case(self, rows: Rows) -> None:
        rng = self.rng
        case_id = self.ids.next("case")
        facts, region, city, group = self._facts()
        woman = rng.random() < 0.07  # 19 of 283 victims (Index on Torture 2023)
        surname = rng.choice(data.SURNAMES)
        victim = self._victim(rows, woman, surname, facts)
        lawyers = list(dict.fromkeys(rng.choices(self.lawyers, self.lawyer_weights, k=2 if rng.random() < 0.2 else 1)))
        events = self._events(case_id, facts, lawyers[0])
        first = min(e["occurred_on"] for e in events) if events else self.cutoff.date()
        reference = f"KZ-{first.year}-{case_id:06d}"
        self._case_row(rows, case_id, reference, facts, region, city, group.label if group else None, woman,
                       surname, first, lawyers[0])
        self._parties(rows, case_id, victim, surname, facts, region, group)
        for user_id in lawyers:
            rows.assignments.append({"case_id": case_id, "user_id": user_id, "assigned_at": self._aware(first)})
        rows.events.extend(events)

    def _aware(self, day: date) -> datetime:
        return datetime(day.year, day.month, day.day, 6, 0, tzinfo=UTC)

    def _facts(self) -> tuple[Facts, str, tuple[str, str], Group | None]:
        rng = self.rng
        group = self._group()
        if group is not None:
            region, city, place_type, agency, at = group.region, group.city, group.place_type, group.agency, group.at
            at = at + timedelta(minutes=rng.randint(0, 180))
        else:
            region = rng.choices(list(data.REGIONS), [w for w, _ in data.REGIONS.values()])[0]
            city = rng.choice(data.REGIONS[region][1])
            place_type = rng.choices(list(data.PLACES), [w for w, *_ in data.PLACES.values()])[0]
            agency = ("penitentiary" if place_type == "colony" else
                      rng.choices(list(data.AGENCIES), list(data.AGENCIES.values()))[0])
            at = self._incident_moment()
        foreign = rng.random() < 0.02
        facts = Facts(agency=agency, place_type=place_type, place=f"{data.PLACES[place_type][1]}, {city[0]}",
                      minor=rng.random() < 0.04, foreign=foreign, incident_at=at,
                      in_custody=place_type in CUSTODY_PLACES and rng.random() < 0.8,
                      death=rng.random() < 0.006, asylum=foreign and rng.random() < 0.6)
        return facts, region, city, group

    def _incident_moment(self) -> datetime:
        """Most of the archive is recent; the oldest cases go back ten years."""
        rng = self.rng
        days = rng.choices(((1, 60), (60, 365), (365, 3650)), (12, 28, 60))[0]
        moment = self.cutoff - timedelta(days=rng.uniform(*days))
        return moment.replace(hour=rng.randint(0, 23), minute=rng.randint(0, 59), second=0, microsecond=0)

    def _group(self) -> Group | None:
        rng = self.rng
        if self.group is None and rng.random() < 0.004:
            region = rng.choice(("almaty_city", "zhetysu", "mangystau", "astana", "almaty_region"))
            city = data.REGIONS[region][1][0]
            at = self._incident_moment()
            self.group = Group(label=f"{city[0].lower()}-{at:%Y-%m-%d}-{rng.randint(1, 99)}",
                               remaining=rng.choice((3, 4, 6, 10, 25)), region=region, city=city,
                               place_type=rng.choice(("public_place", "police_station", "sports_hall")),
                               agency=rng.choice(("police", "national_guard")), at=at, perpetrators=[])
        group = self.group
        if group is not None:
            group.remaining -= 1
            if group.remaining <= 0:
                self.group = None
        return group

    def _victim(self, rows: Rows, woman: bool, surname, facts: Facts) -> int:
        if self.victims and self.rng.random() < 0.04:  # complains again, in a new case
            return self.rng.choice(self.victims)
        notes = "Died in custody." if facts.death else ("Minor at the time." if facts.minor else None)
        victim = self.named(rows, woman=woman, surname=surname, notes=notes)
        self.victims.append(victim)
        return victim

    def _case_row(self, rows: Rows, case_id: int, reference: str, facts: Facts, region: str, city,
                  incident: str | None, woman: bool, surname, first: date, lawyer: int) -> None:
        from app.models import Case
        from app.services.cases import case_search_text, clean_case_fields

        rng = self.rng
        russian = rng.random() < 0.4
        if facts.death:
            title = data.DEATH_TITLE.format(surname=surname[1], city=city[0])
        elif russian:
            title = rng.choice(data.TITLES_RU).format(surname=surname[0], place=data.PLACES[facts.place_type][2],
                                                      city=city[1])
        else:
            title = rng.choice(data.TITLES_EN).format(surname=surname[1], place=data.PLACES[facts.place_type][1],
                                                      city=city[0])
        flags = [f for f, hit in (("woman", woman), ("minor", facts.minor), ("foreign_national", facts.foreign),
                                  ("disability", rng.random() < 0.03),
                                  ("in_custody_now", facts.in_custody and rng.random() < 0.35)) if hit]
        cleaned = clean_case_fields({
            "title": title, "region": region, "city": city[1] if russian else city[0],
            "place_type": facts.place_type, "perpetrator_agency": facts.agency, "victim_flags": flags,
            "incident": incident, "summary": " ".join(rng.sample(data.SUMMARY_SENTENCES, rng.randint(2, 4)))})
        search = case_search_text(Case(reference=reference, **cleaned))
        rows.cases.append({"id": case_id, "reference": reference, **cleaned, "search_text": search,
                           "stages": " intake ", "supervisor_id": rng.choice(self.supervisors),
                           "created_at": self._aware(first), "created_by_id": lawyer,
                           "updated_at": self._aware(first), "version": 1})

    def _parties(self, rows: Rows, case_id: int, victim: int, surname, facts: Facts, region: str,
                 group: Group | None) -> None:
        rng = self.rng
        parties = [(victim, "victim", None)]
        if facts.death or rng.random() < 0.3:
            relative = self.named(rows, woman=rng.random() < 0.6, surname=surname)
            parties.append((relative, "complainant", rng.choice(("mother", "father", "wife", "brother", "мать"))))
        elif rng.random() < 0.06:
            parties.append((rng.choice(self.pools["ngo"]), "complainant", None))
        parties += [(p, "alleged_perpetrator", None) for p in self._perpetrators(rows, group)]
        for _ in range(rng.choice((0, 0, 1, 1, 2))):
            parties.append((self.named(rows, woman=rng.random() < 0.4), "witness",
                            rng.choice((None, "cellmate", "neighbour", "сокамерник"))))
        parties.append((rng.choice(self.pools["counsel"]), "counsel", None))
        officials = self.pools[f"official:{region}"]
        parties += [(p, "official", None) for p in rng.sample(officials, rng.choice((0, 1, 1, 2)))]
        if rng.random() < 0.1:
            parties.append((rng.choice(self.pools["expert"]), "expert", "independent forensic expert"))
        seen = set()
        for person_id, role, notes in parties:
            if (person_id, role) in seen:
                continue
            seen.add((person_id, role))
            rows.parties.append({"id": self.ids.next("party"), "case_id": case_id, "person_id": person_id,
                                 "role": role, "notes": notes})

    def _perpetrators(self, rows: Rows, group: Group | None) -> list[int]:
        rng = self.rng
        if group is not None and group.perpetrators:
            return group.perpetrators
        found = []
        for _ in range(rng.choice((1, 1, 2))):
            if rng.random() < 0.6:
                city = data.REGIONS[rng.choice(list(data.REGIONS))][1][0]
                text_ = rng.choice(data.OFFICER_GROUPS).format(n=rng.choice(("two", "three", "five", "six")),
                                                               city=city[0], city_ru=city[1])
                found.append(self.person(rows, description=text_))
            else:
                found.append(self.named(rows, woman=False, prefix=rng.choice(data.RANKS) + " "))
        if group is not None:
            group.perpetrators = found
        return found

    def _events(self, case_id: int, facts: Facts, lawyer: int) -> list[dict[str, Any]]:
        from app.procedure.event_input import clean_event

        story = Story(self.rng, facts, self._uid)
        after = custody(story) if facts.in_custody or facts.death else free_incident(story)
        complaint(story, after, self.cutoff)
        planned = sorted((p for p in story.events if p.moment < self.cutoff), key=lambda p: p.moment)
        kept = {p.uid for p in planned}
        result = []
        for position, p in enumerate(planned):  # the lawyer's order is the order of the story
            clean = clean_event(p.raw, now=self.cutoff)  # raises on any invalid payload
            refs = [clean.fields[name] for name in clean.event_fields()]
            assert all(ref in kept for ref in refs), f"{p.raw['type']} points outside its case"
            result.append({
                "id": self.ids.next("event"), "uid": p.uid, "case_id": case_id, "type": clean.type,
                "occurred_on": clean.at.day, "occurred_time": clean.at.clock, "precision": int(clean.at.precision),
                "position": position, "body": clean.body, "document_number": clean.document_number,
                "document_title": clean.document_title, "source": clean.source, "notes": clean.notes,
                "fields": clean.fields, "created_at": self._aware(clean.at.day), "created_by_id": lawyer,
                "updated_at": self._aware(clean.at.day), "updated_by_id": lawyer, "version": 1})
        return result

    def _uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    # --- after the engine ran ------------------------------------------------------------
    def acknowledge(self, session) -> int:
        """Supervisors acknowledged some of the serious flags, with a comment."""
        from app.models import CaseFlag, FlagAcknowledgement

        flags = session.execute(select(CaseFlag.case_id, CaseFlag.key, CaseFlag.rule)
                                .where(CaseFlag.severity.in_(("critical", "high"))).order_by(CaseFlag.id)).all()
        comments = ("Lawyer informed; complaint being prepared.", "Discussed at the weekly meeting.",
                    "Адвокат уведомлён, готовится жалоба.", "Waiting for the copy of the decision.")
        rows = [{"case_id": f.case_id, "flag_key": f.key, "rule": f.rule, "comment": self.rng.choice(comments),
                 "user_id": self.rng.choice(self.supervisors), "created_at": self._stamp()}
                for f in flags if self.rng.random() < 0.15]
        if rows:
            session.execute(insert(FlagAcknowledgement.__table__), rows)
        return len(rows)

    def drafts(self, session, limit: int = 10) -> int:
        """UN communication drafts for some of the cases that went to a committee."""
        from app.models import Case, CaseParty, Event, User
        from app.services.drafts import create_draft, draft_input

        case_ids = list(session.scalars(select(Event.case_id).where(Event.type == "un_communication_submitted")
                                        .order_by(Event.case_id).limit(limit)))
        made = 0
        for case_id in case_ids:
            case = session.scalar(select(Case).where(Case.id == case_id).options(
                selectinload(Case.events), selectinload(Case.parties).selectinload(CaseParty.person)))
            committee = next(e.fields["committee"] for e in case.events if e.type == "un_communication_submitted")
            language = "ru" if made % 2 else "en"
            provisions = draft_input(case, committee=committee, language=language, provisions=None,
                                     now=self.cutoff).provisions
            author = session.get(User, self.lawyers[0])
            create_draft(session, case, committee=committee, language=language, provisions=provisions, user=author,
                         now=self.cutoff)
            made += 1
        return made


def prepare_schema(url: str, force: bool) -> None:
    """A new database, migrated by the application's own Alembic revisions."""
    from flask_migrate import upgrade

    from app.extensions import db

    path = _sqlite_path(url)
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
    existing = inspect(db.engine).get_table_names()
    if existing:
        if not (force and path):
            sys.exit(f"{url} is not empty ({len(existing)} tables). Give a new database"
                     + (" or --force to delete the file." if path else " (createdb a fresh one)."))
        db.engine.dispose()
        path.unlink()
    upgrade()


def _sqlite_path(url: str) -> Path | None:
    return Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None


def reset_sequences(session) -> None:
    """PostgreSQL: the bulk INSERTs gave ids explicitly; move the sequences past them."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in ("people", "cases", "case_parties", "events"):
        session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608 - fixed names
                             f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"))


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True, help="sqlite:///path or postgresql://user@host/db (empty)")
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today", type=date.fromisoformat, default=None,
                        help="the day the archive ends (events up to the day before); default: today in Almaty")
    parser.add_argument("--force", action="store_true", help="delete an existing SQLite file first")
    parser.add_argument("--json", metavar="FILE", help="also write the report as JSON")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    args = parse_args(argv)
    from app.procedure.when import almaty_now

    today = args.today or almaty_now().date()
    cutoff = datetime.combine(today, datetime.min.time())
    url = database_url(args.database_url)
    app = bench_app(url, PASSWORD_HASH_PROFILE="CHEAPEST")  # noqa: S106 - a cost profile's name
    timings: dict[str, float] = {}
    with app.app_context():
        from app.extensions import db
        from app.services.procedure import recompute_all

        started = time.perf_counter()
        prepare_schema(url, args.force)
        timings["migrate"] = time.perf_counter() - started
        session = db.session
        generator = Generator(seed=args.seed, cases=args.cases, cutoff=cutoff)
        mark = time.perf_counter()
        generator.make_users(session)
        session.commit()
        timings["users"] = time.perf_counter() - mark
        mark = time.perf_counter()
        generator.write(session)
        reset_sequences(session)
        session.commit()
        timings["insert"] = time.perf_counter() - mark
        mark = time.perf_counter()
        recompute = recompute_all(session)  # the app's own engine, as `flask flags recompute` runs it
        session.commit()
        timings["derive"] = time.perf_counter() - mark
        mark = time.perf_counter()
        acknowledged = generator.acknowledge(session)
        drafts = generator.drafts(session)
        session.commit()
        timings["acks_drafts"] = time.perf_counter() - mark
        # What `flask flags recompute` does after its recompute on SQLite (since 0012_list_indexes),
        # and what autovacuum would soon have done on PostgreSQL.
        session.execute(text("ANALYZE"))
        session.commit()
        timings["total"] = time.perf_counter() - started
        with db.engine.connect() as connection:
            digest = checksum(connection, db.metadata)
    report = {"database": url.split("@")[-1], "seed": args.seed, "today": today.isoformat(), "cases": args.cases,
              "rows": {**generator.counts, "deadlines": recompute.deadlines, "flags": recompute.flags,
                       "acknowledgements": acknowledged, "drafts": drafts},
              "events_per_case": round(generator.counts["events"] / max(args.cases, 1), 2),
              "seconds": {k: round(v, 2) for k, v in timings.items()},
              "recompute_cases_per_second": round(recompute.rate), "checksum": digest}
    print(json.dumps(report, indent=2, ensure_ascii=False))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    return report


if __name__ == "__main__":
    main()
