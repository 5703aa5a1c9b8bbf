"""Measure the main pages, the recompute and a worker's memory on a generated archive.

    .venv/bin/python -m bench.run --database-url sqlite:///instance/bench-1k.sqlite3 [--json out.json]

Pages go through Flask's test client, in the production configuration (CSRF off for the
client only), with a supervisor logged in through the real login form and one-time code.
Each page is fetched ``--warmup`` times, then timed ``--runs`` times (median and p95);
SQL statements are counted on one more request with a ``before_cursor_execute``
listener (transaction control such as BEGIN or SAVEPOINT is not counted). Two floors are
measured in the same run: a trivial route registered on the bench app only (everything a
page costs before its own work: session, login, headers) and the dashboard's own SQL
statements replayed on a bare DBAPI cursor (the rows the dashboard shows, without ORM or
templates). The run adds audit entries (case views, downloads) to the bench database and
nothing else: the recompute is rolled back.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import re
import sqlite3
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pyotp
from sqlalchemy import func, select

from bench.common import BENCH_PASSWORD, QueryLog, bench_app, counting, database_url, user_email
from bench.worker import ROOT, worker_memory

CONTROL = re.compile(r"^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b", re.IGNORECASE)
USERS_ONLY = re.compile(r"\bFROM users\b(?![\s\S]*\b(cases|case_deadlines|case_flags|flag_acknowledgements|events)\b)")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TARGETS = {"dashboard_ratio": 2.0, "case_ms": 50.0, "case_queries": 15, "recompute_rate": 2000.0, "docx_ms": 300.0,
           "rss_mb": 150.0}


@dataclass
class Page:
    key: str
    label: str
    path: str
    content_type: str = "text/html"


@dataclass
class Result:
    key: str
    label: str
    path: str
    times_ms: list[float] = field(default_factory=list)
    queries: int | None = None
    size: int = 0

    @property
    def median(self) -> float:
        return statistics.median(self.times_ms)

    @property
    def p95(self) -> float:
        ordered = sorted(self.times_ms)
        return ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered) + 0.5) - 1))]

    def as_dict(self) -> dict[str, Any]:
        return {"label": self.label, "path": self.path, "median_ms": round(self.median, 2),
                "p95_ms": round(self.p95, 2), "min_ms": round(min(self.times_ms), 2), "queries": self.queries,
                "bytes": self.size, "runs": len(self.times_ms)}


def application_statements(log: QueryLog) -> list[tuple[str, Any]]:
    return [(s, p) for s, p in log.statements if not CONTROL.match(s)]


# --- logging in ---------------------------------------------------------------------------
def totp_code(app, email: str) -> str:
    """A valid code that the app has not seen yet (a code is accepted once per time step)."""
    from app.extensions import db
    from app.models import User

    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        secret, last = user.totp_secret, user.totp_last_step
        db.session.remove()
    while True:
        current = int(time.time() // 30)
        usable = [step for step in (current, current + 1) if last is None or step > last]
        if usable:
            return pyotp.TOTP(secret).at(usable[0] * 30)
        time.sleep(5)


def log_in(app, client, email: str) -> None:
    response = client.post("/login", data={"email": email, "password": BENCH_PASSWORD})
    if response.status_code != 302 or "/login/code" not in response.location:
        raise RuntimeError(f"login of {email} failed: {response.status_code} {response.location}")
    response = client.post("/login/code", data={"code": totp_code(app, email)})
    if response.status_code != 302 or "login" in response.location:
        raise RuntimeError(f"one-time code of {email} refused: {response.status_code} {response.location}")


# --- what to fetch --------------------------------------------------------------------------
def choose_pages(app) -> tuple[list[Page], dict[str, Any]]:
    """The same kind of record at every size: a case with 10 events, the busiest lawyer..."""
    from app.extensions import db
    from app.models import Case, CaseAssignment, Draft, Event

    with app.app_context():
        session = db.session
        sizes = (select(Event.case_id, func.count().label("n")).group_by(Event.case_id).subquery())
        typical = session.execute(select(Case.reference, sizes.c.n).join(sizes, sizes.c.case_id == Case.id)
                                  .order_by(func.abs(sizes.c.n - 10), Case.id).limit(1)).one()
        largest = session.execute(select(Case.reference, sizes.c.n).join(sizes, sizes.c.case_id == Case.id)
                                  .order_by(sizes.c.n.desc(), Case.id).limit(1)).one()
        lawyer = session.scalar(select(CaseAssignment.user_id).group_by(CaseAssignment.user_id)
                                .order_by(func.count().desc(), CaseAssignment.user_id).limit(1))
        draft = session.scalar(select(func.min(Draft.id)))
        db.session.remove()
    pages = [
        Page("bare", "bare Flask route (floor)", "/_bench/bare", "text/plain"),
        Page("dashboard", "dashboard", "/dashboard"),
        Page("dashboard_filtered", "dashboard, filtered (lawyer, region, severity high)",
             f"/dashboard?lawyer={lawyer}&region=almaty_city&severity=high"),
        Page("cases_filtered", "case list p.1, filtered (stage, region)", "/?stage=closed&region=almaty_city"),
        Page("cases_search", "case list p.1, text search «айнияз»", "/?q=" + quote("айнияз")),
        Page("case_page", "case page, a case with 10 events", f"/cases/{typical.reference}"),
        Page("case_page_largest", "case page, the case with the most events", f"/cases/{largest.reference}"),
        Page("people_latin", "person search «ayniyaz» (finds Cyrillic names)", "/people/?q=ayniyaz"),
        Page("people_cyrillic", "person search «айнияз» (finds Latin names)", "/people/?q=" + quote("айнияз")),
        Page("people_index", "people index", "/people/"),
    ]
    if draft is not None:
        pages.append(Page("draft_page", "UN draft preview page", f"/drafts/{draft}"))
        pages.append(Page("docx", "UN draft DOCX download", f"/drafts/{draft}/docx", DOCX))
    chosen = {"typical_case": typical.reference, "typical_events": typical.n, "largest_case": largest.reference,
              "largest_events": largest.n, "lawyer_id": lawyer, "draft_id": draft}
    return pages, chosen


# --- measuring ----------------------------------------------------------------------------
def fetch(client, page: Page) -> int:
    response = client.get(page.path)
    if response.status_code != 200 or page.content_type not in (response.content_type or ""):
        raise RuntimeError(f"{page.path}: HTTP {response.status_code} {response.content_type}")
    return len(response.data)


def measure(app, client, page: Page, runs: int, warmup: int) -> Result:
    from app.extensions import db

    result = Result(page.key, page.label, page.path)
    for _ in range(warmup):
        fetch(client, page)
    for _ in range(runs):
        started = time.perf_counter()
        result.size = fetch(client, page)
        result.times_ms.append((time.perf_counter() - started) * 1000)
    with app.app_context():
        engine = db.engine
    with counting(engine) as log:
        fetch(client, page)
    result.queries = len(application_statements(log))
    return result


def sql_floor(app, client, page: Page, runs: int) -> tuple[Result, list[dict[str, Any]]]:
    """The page's own SELECTs on case data, replayed on a bare DBAPI cursor: the same rows,
    without ORM objects or templates."""
    from app.extensions import db

    with app.app_context():
        engine = db.engine
    with counting(engine) as log:
        fetch(client, page)
    statements = [(s, p) for s, p in application_statements(log)
                  if s.lstrip().upper().startswith("SELECT") and not USERS_ONLY.search(s)]
    raw = engine.raw_connection()
    per_statement: list[list[float]] = [[] for _ in statements]
    rows = [0] * len(statements)
    result = Result(page.key + "_floor", f"{page.label}: its SQL alone (floor)", page.path)
    try:
        cursor = raw.cursor()
        for run in range(runs + 3):
            total = 0.0
            for index, (statement, parameters) in enumerate(statements):
                started = time.perf_counter()
                cursor.execute(statement, parameters)
                rows[index] = len(cursor.fetchall())
                elapsed = (time.perf_counter() - started) * 1000
                total += elapsed
                if run >= 3:
                    per_statement[index].append(elapsed)
            if run >= 3:
                result.times_ms.append(total)
        raw.rollback()
    finally:
        raw.close()
    result.queries = len(statements)
    details = [{"sql": _short(s), "rows": n, "median_ms": round(statistics.median(t), 2)}
               for (s, _), n, t in zip(statements, rows, per_statement, strict=True)]
    return result, details


def _short(statement: str) -> str:
    return " ".join(statement.split())[:160]


def recompute(app, limit: int | None, jobs: int = 1) -> dict[str, Any]:
    """The recompute as ``flask flags recompute [--jobs N]`` runs it (default batch), rolled back."""
    from app.extensions import db
    from app.models import Case

    with app.app_context():
        if jobs > 1:  # not in commits before app.services.parallel_recompute
            from app.services.parallel_recompute import recompute_parallel

            report = recompute_parallel(db.session, jobs)
        else:
            from app.services.procedure import recompute_all

            report = recompute_all(db.session, **({"where": Case.id <= limit} if limit else {}))
        db.session.rollback()
        db.session.remove()
        vacuum(db.engine)  # rolled-back rows are dead tuples too: leave the database as it was found
    return {"cases": report.cases, "deadlines": report.deadlines, "flags": report.flags, "jobs": jobs,
            "seconds": round(report.seconds, 2), "cases_per_second": round(report.rate)}


def profile_page(client, page: Page, runs: int) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(runs):
        fetch(client, page)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(35)
    return out.getvalue()


def explain(app, client, page: Page) -> str:
    from app.extensions import db

    with app.app_context():
        engine = db.engine
    with counting(engine) as log:
        fetch(client, page)
    lines = []
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        prefix = "EXPLAIN QUERY PLAN " if engine.dialect.name == "sqlite" else "EXPLAIN (ANALYZE, BUFFERS) "
        for statement, parameters in application_statements(log):
            cursor.execute(prefix + statement, parameters)
            lines.append(_short(statement))
            lines += ["    " + " | ".join(str(c) for c in row) for row in cursor.fetchall()]
        raw.rollback()
    finally:
        raw.close()
    return "\n".join(lines)


# --- the whole run ----------------------------------------------------------------------------
def environment(app) -> dict[str, Any]:
    from app.extensions import db
    from app.models import Case, CaseDeadline, CaseFlag, CaseParty, Event, Person

    with app.app_context():
        session = db.session
        counts = {m.__tablename__: session.scalar(select(func.count()).select_from(m))
                  for m in (Case, Event, Person, CaseParty, CaseDeadline, CaseFlag)}
        dialect = db.engine.dialect
        server = session.scalar(select(func.version())) if dialect.name == "postgresql" else None
        db.session.remove()
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    return {"rows": counts, "database": dialect.name, "server": server, "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version, "cpu": cpu, "cores": len(os.sched_getaffinity(0)),
            "ram_gb": round(int(memory) / 1024 / 1024, 1), "load_average_at_start": os.getloadavg(),
            "commit": _git("rev-parse", "--short", "HEAD"),
            "working_tree_changes": bool(_git("status", "--porcelain", "--", "app", "templates", "migrations"))}


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,  # noqa: S603, S607
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def migrate(app) -> dict[str, Any]:
    """Bring the bench database to the code's schema, as a deployment would (a no-op when current).
    After a migration the derived rows are rebuilt (``flask flags recompute``), since a new
    release may derive more (the migrations say so when it does)."""
    from alembic.migration import MigrationContext
    from flask_migrate import upgrade

    from app.extensions import db
    from app.services.procedure import recompute_all

    def revision() -> str | None:
        with db.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    with app.app_context():
        before = revision()
        upgrade()
        after = revision()
        done = {"before": before, "after": after, "recomputed": False}
        if before != after:
            print(f"migrated {before} → {after}; recomputing the derived rows", file=sys.stderr)
            recompute_all(db.session)
            db.session.commit()
            db.session.remove()
            vacuum(db.engine)
            done["recomputed"] = True
        db.session.remove()
    return done


def vacuum(engine) -> None:
    """PostgreSQL: a recompute leaves every old derived row as a dead tuple until a vacuum, which
    would slow the pages measured next (docs/performance.md, 5)."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM (ANALYZE) cases, case_deadlines, case_flags")


def run(args: argparse.Namespace) -> dict[str, Any]:
    url = database_url(args.database_url)
    app = bench_app(url, WTF_CSRF_ENABLED=False)
    schema = migrate(app)
    app.add_url_rule("/_bench/bare", "bench_bare", lambda: ("ok", 200, {"Content-Type": "text/plain"}))
    pages, chosen = choose_pages(app)
    found = environment(app)
    if args.commit:  # a tree exported without .git
        found.update(commit=args.commit, working_tree_changes=False)
    report: dict[str, Any] = {"environment": {**found, "schema": schema}, "chosen": chosen,
                              "runs": args.runs, "warmup": args.warmup, "pages": {}, "floors": {}, "errors": {}}
    client = app.test_client()
    log_in(app, client, user_email("supervisor", 1))
    by_key = {p.key: p for p in pages}
    if args.profile:
        print(profile_page(client, by_key[args.profile], args.runs))
    if args.explain:
        print(explain(app, client, by_key[args.explain]))
    for page in pages:
        if args.only and page.key not in args.only:
            continue
        report["pages"][page.key] = measure(app, client, page, args.runs, args.warmup).as_dict()
        print(f"  {page.label}: {report['pages'][page.key]['median_ms']} ms", file=sys.stderr)
    for key in ("dashboard", "dashboard_filtered"):
        if key in report["pages"]:
            floor, details = sql_floor(app, client, by_key[key], args.runs)
            report["floors"][key] = {**floor.as_dict(), "statements": details}
    save(report, args)
    if not args.skip_memory:
        paths = [p.path for p in pages if p.key != "bare"]
        _phase(report, args, "worker_memory", lambda: worker_memory(
            url, user_email("supervisor", 2), lambda: totp_code(app, user_email("supervisor", 2)), paths,
            args.memory_rounds))
    if not args.skip_recompute:
        _phase(report, args, "recompute", lambda: recompute(app, args.recompute_cases, args.recompute_jobs))
    report["environment"]["load_average_at_end"] = os.getloadavg()
    report["verdicts"] = verdicts(report)
    save(report, args)
    return report


def _phase(report: dict[str, Any], args: argparse.Namespace, name: str, work) -> None:
    """One long phase; its failure is reported, not fatal to what was already measured."""
    try:
        report[name] = work()
    except Exception as exc:  # reported in the output; the run goes on
        report["errors"][name] = f"{type(exc).__name__}: {exc}"
        print(f"{name} failed: {exc}", file=sys.stderr)
    save(report, args)


def save(report: dict[str, Any], args: argparse.Namespace) -> None:
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")


def verdicts(report: dict[str, Any]) -> dict[str, Any]:
    pages, floors, found = report["pages"], report["floors"], {}
    for key in ("dashboard", "dashboard_filtered"):
        if key in pages and key in floors:
            ratio = pages[key]["median_ms"] / max(floors[key]["median_ms"], 1e-6)
            found[key] = {"ratio_to_sql_floor": round(ratio, 2), "met": ratio <= TARGETS["dashboard_ratio"]}
    if "case_page" in pages:
        page = pages["case_page"]
        found["case_page"] = {"met": page["median_ms"] <= TARGETS["case_ms"] and page["queries"] <= TARGETS[
            "case_queries"]}
    if "docx" in pages:
        found["docx"] = {"met": pages["docx"]["median_ms"] <= TARGETS["docx_ms"]}
    if "recompute" in report:
        found["recompute"] = {"met": report["recompute"]["cases_per_second"] >= TARGETS["recompute_rate"]}
    if "worker_memory" in report:
        found["worker_memory"] = {"met": report["worker_memory"]["after_pages"]["VmRSS"] <= TARGETS["rss_mb"]}
    return found


def markdown(report: dict[str, Any]) -> str:
    env, pages, floors, verdict = report["environment"], report["pages"], report["floors"], report["verdicts"]
    yes = {True: "met", False: "**missed**"}
    dirty = ", app changes not committed" if env["working_tree_changes"] else ""
    lines = [f"{env['rows']['cases']:,} cases, {env['rows']['events']:,} events, {env['rows']['people']:,} people "
             f"on {env['database']} (commit {env['commit']}{dirty}); "
             f"{report['runs']} timed requests after {report['warmup']} warm-up; load average "
             f"{env['load_average_at_start'][0]:.2f} at the start, {env['load_average_at_end'][0]:.2f} at the end.", "",
             "| measure | median ms | p95 ms | SQL queries | target | verdict |", "|---|---:|---:|---:|---|---|"]
    target_of = {"dashboard": "≤ 2× its SQL floor", "dashboard_filtered": "≤ 2× its SQL floor",
                 "case_page": "≤ 50 ms, ≤ 15 queries", "docx": "≤ 300 ms"}
    for key, page in pages.items():
        note = ""
        if key in verdict:
            ratio = verdict[key].get("ratio_to_sql_floor")
            note = yes[verdict[key]["met"]] + (f" ({ratio}× floor)" if ratio is not None else "")
        lines.append(f"| {page['label']} | {page['median_ms']:.1f} | {page['p95_ms']:.1f} | {page['queries']} | "
                     f"{target_of.get(key, '')} | {note} |")
        if key in floors:
            floor = floors[key]
            lines.append(f"| ↳ {key.replace('_', ' ')}: its SQL alone (floor) | {floor['median_ms']:.1f} | "
                         f"{floor['p95_ms']:.1f} | {floor['queries']} | | |")
    if "recompute" in report:
        rec = report["recompute"]
        jobs = f", {rec['jobs']} worker processes" if rec.get("jobs", 1) > 1 else ""
        lines.append(f"| recompute of all flags{jobs}: {rec['cases']:,} cases in {rec['seconds']} s | | | | "
                     f"≥ 2,000 cases/s | {rec['cases_per_second']:,} cases/s, {yes[verdict['recompute']['met']]} |")
    for name, error in report.get("errors", {}).items():
        lines.append(f"| {name} | | | | | failed: {error} |")
    if "worker_memory" in report:
        mem = report["worker_memory"]
        lines.append(f"| gunicorn worker VmRSS after {mem['requests']} requests (at start {mem['started']['VmRSS']}, "
                     f"peak VmHWM {mem['after_pages']['VmHWM']}) | | | | ≤ 150 MB | {mem['after_pages']['VmRSS']} MB, "
                     f"{yes[verdict['worker_memory']['met']]} |")
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--only", nargs="*", help="page keys to measure (default: all)")
    parser.add_argument("--skip-recompute", action="store_true")
    parser.add_argument("--recompute-cases", type=int, default=None,
                        help="recompute only the cases with id ≤ N (default: all)")
    parser.add_argument("--recompute-jobs", type=int, default=1,
                        help="worker processes of the recompute, as flask flags recompute --jobs (all cases)")
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--memory-rounds", type=int, default=10, help="times each page is served by gunicorn")
    parser.add_argument("--profile", metavar="PAGE", help="print a cProfile of PAGE's requests")
    parser.add_argument("--explain", metavar="PAGE", help="print the query plans of PAGE's statements")
    parser.add_argument("--json", metavar="FILE", help="also write the full report as JSON")
    parser.add_argument("--commit", help="the commit measured, when the tree is an export without .git")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if args.recompute_jobs > 1 and args.recompute_cases:
        raise SystemExit("--recompute-jobs recomputes every case: leave out --recompute-cases")
    report = run(args)
    print(markdown(report))


if __name__ == "__main__":
    main()
