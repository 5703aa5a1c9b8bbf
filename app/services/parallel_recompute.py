"""``flask flags recompute --jobs N``: the engine's derivation spread over worker processes.

Deriving a case is pure and per case, so each worker reads its own range of case ids on its
own connection, derives it and hands back plain row dicts; the main process stays the single
writer, in one transaction, in case order, with the serial path's own statements (``_write``).
Workers never receive ORM objects or case files: pickling those cost the main process as much
as deriving them (docs/performance.md).

Workers read what is committed: the caller must have nothing uncommitted that the recompute
should see (the command starts from a fresh session).
"""

from __future__ import annotations

import multiprocessing
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.pool import AsyncResult, Pool
from multiprocessing.util import Finalize
from typing import Any

from sqlalchemy import Engine, create_engine, select, text
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from app.models import Case
from app.procedure.calendar import WorkingCalendar
from app.procedure.law import Settings
from app.services.procedure import (
    RecomputeReport,
    _derive,
    _Rows,
    _stored_batch,
    _write,
    engine_calendar,
    engine_settings,
    recompute_all,
)

BATCH = 500  # cases per task: as many as the serial path writes at once
SQLITE_CACHE_KIB_PER_CASE = 32  # the writer's page cache on SQLite: twice what a case needs


@dataclass(frozen=True)
class _Task:
    """Cases with ``after_id < id <= last_id``: ``count`` of them."""

    after_id: int
    last_id: int
    count: int


def recompute(session: Session, jobs: int = 1, *, reason: str | None = None, batch: int = BATCH) -> RecomputeReport:
    """Every case's derived rows, with ``jobs`` worker processes when the database allows it."""
    if jobs <= 1 or not shares_between_processes(session.get_bind().engine.url):
        return recompute_all(session, batch, reason=reason)
    return recompute_parallel(session, jobs, reason=reason, batch=batch)


def shares_between_processes(url: URL) -> bool:
    """False for an in-memory SQLite database, which another process cannot open."""
    if url.get_backend_name() != "sqlite":
        return True
    return url.database not in (None, "", ":memory:") and url.query.get("mode") != "memory"


def recompute_parallel(session: Session, jobs: int, *, reason: str | None = None,
                       batch: int = BATCH) -> RecomputeReport:
    """Derive in ``jobs`` forked workers, write here, batch after batch in case order."""
    started = time.perf_counter()
    session.flush()
    settings, calendar = engine_settings(session), engine_calendar(session)
    engine = session.get_bind().engine
    tasks = list(_tasks(session, batch))
    totals = [0, 0, 0]
    context = multiprocessing.get_context("fork")  # workers inherit the code, settings and calendar
    with (_sqlite_writer_keeps_its_pages(session, sum(task.count for task in tasks)),
          context.Pool(jobs, _start_worker, (engine, settings, calendar)) as pool):
        for rows in _in_order(pool, tasks, ahead=2 * jobs):
            batch_rows = [_Rows(**row) for row in rows]
            _write(session, batch_rows, reason)
            totals[0] += len(batch_rows)
            totals[1] += sum(len(r.deadlines) for r in batch_rows)
            totals[2] += sum(len(r.flags) for r in batch_rows)
        pool.close()  # workers exit by themselves, closing their connections
        pool.join()
    session.expire_all()
    return RecomputeReport(*totals, time.perf_counter() - started, workers=jobs)


def _in_order(pool: Pool, tasks: list[_Task], ahead: int) -> Iterator[list[dict[str, Any]]]:
    """The tasks' results in case order, at most ``ahead`` tasks in flight: workers faster than
    the writer do not pile up every derived row in memory."""
    pending: deque[AsyncResult[list[dict[str, Any]]]] = deque()
    for task in tasks:
        pending.append(pool.apply_async(_derive_range, (task,)))
        if len(pending) >= ahead:
            yield pending.popleft().get()
    while pending:
        yield pending.popleft().get()


def _tasks(session: Session, size: int) -> Iterator[_Task]:
    ids = session.scalars(select(Case.id).order_by(Case.id)).all()
    after = 0
    for start in range(0, len(ids), size):
        chunk = ids[start:start + size]
        yield _Task(after, chunk[-1], len(chunk))
        after = chunk[-1]


@contextmanager
def _sqlite_writer_keeps_its_pages(session: Session, cases: int) -> Iterator[None]:
    """SQLite: hold the writer's changes in memory until the commit. Once its page cache is full,
    SQLite writes changed pages to the file, which takes an exclusive lock until the commit: the
    workers' next read would wait for a commit that waits for them (``PRAGMA cache_spill`` cannot
    be changed inside a transaction, the cache size can). Memory is taken as used: about 15 KiB
    per case on the 50,000-case archive."""
    if session.get_bind().engine.dialect.name != "sqlite":
        yield
        return
    before = int(session.execute(text("PRAGMA cache_size")).scalar_one())
    session.execute(text(f"PRAGMA cache_size = {-(2000 + cases * SQLITE_CACHE_KIB_PER_CASE)}"))
    yield
    session.execute(text(f"PRAGMA cache_size = {before}"))


# --- in the worker processes ------------------------------------------------------------------
_worker: dict[str, Any] = {}


def _start_worker(parent: Engine, settings: Settings, calendar: WorkingCalendar) -> None:
    """A worker's own engine: the connections it inherited are the parent's, never to be used
    (nor closed) here."""
    parent.dispose(close=False)
    engine = create_engine(parent.url)
    Finalize(None, engine.dispose, exitpriority=0)
    _worker.update(engine=engine, settings=settings, calendar=calendar)


def _derive_range(task: _Task) -> list[dict[str, Any]]:
    with Session(_worker["engine"]) as session:
        cases = _stored_batch(session, task.after_id, task.count, Case.id <= task.last_id)
    return [_derive(case, _worker["settings"], _worker["calendar"]).as_dict() for case in cases]
