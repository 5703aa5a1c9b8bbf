"""Statistics over the cases the user may see: the coalition's figures as charts, tables and
CSV, and the counts by HURIDOCS vocabulary."""

from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, render_template, request
from flask_babel import force_locale, format_number, ngettext
from flask_babel import gettext as _
from flask_login import current_user

from app.charts import bar_chart
from app.extensions import db
from app.procedure.vocabulary import REGIONS, shown
from app.procedure.when import EARLIEST_YEAR, LATEST_YEAR
from app.services.statistics import Filters, Statistics, case_statistics
from app.services.timeline import local_now
from app.services.vocabulary_stats import csv_rows, vocabulary_statistics
from app.views.csv_cells import safe_cell

bp = Blueprint("statistics", __name__)

REGION_CODES = frozenset(r.code for r in REGIONS)


def _csv_response(rows, filename: str) -> Response:
    out = io.StringIO()
    csv.writer(out).writerows([[safe_cell(value) for value in row] for row in rows])
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename={filename}"})


def _year(name: str, side: str, problems: list[str]) -> int | None:
    value = (request.args.get(name) or "").strip()
    if not value:
        return None
    if value.isascii() and value.isdecimal() and len(value) == 4 and EARLIEST_YEAR <= int(value) <= LATEST_YEAR:
        return int(value)
    given = shown(value, bare=True, limit=20)
    if side == "lower":
        problems.append(_("“%(value)s” is not a year between %(earliest)d and %(latest)d: the years are counted "
                          "without a lower limit.", value=given, earliest=EARLIEST_YEAR, latest=LATEST_YEAR))
    else:
        problems.append(_("“%(value)s” is not a year between %(earliest)d and %(latest)d: the years are counted "
                          "without a upper limit.", value=given, earliest=EARLIEST_YEAR, latest=LATEST_YEAR))
    return None


def _filters() -> tuple[Filters, list[str]]:
    """The filters of the query string, and what was wrong with them: a value that is not a
    year or a region is left out and said, never an error."""
    problems: list[str] = []
    year_from, year_to = _year("year_from", "lower", problems), _year("year_to", "upper", problems)
    if year_from is not None and year_to is not None and year_from > year_to:
        year_from, year_to = year_to, year_from
        problems.append(_("The years were the wrong way round: counted from %(start)d to %(end)d.",
                          start=year_from, end=year_to))
    region = (request.args.get("region") or "").strip() or None
    if region is not None and region not in REGION_CODES:
        problems.append(_("“%(value)s” is not a region: every region is counted.",
                          value=shown(region, bare=True, limit=40)))
        region = None
    return Filters(year_from=year_from, year_to=year_to, region=region), problems


def _query_args(filters: Filters) -> dict[str, str | int]:
    """The filters as applied, for the page's own links (the CSV counts what the page shows)."""
    args = {"year_from": filters.year_from, "year_to": filters.year_to, "region": filters.region}
    return {key: value for key, value in args.items() if value is not None}


@bp.route("/statistics")
def overview():
    filters, problems = _filters()
    statistics = case_statistics(db.session, current_user, filters, local_now())
    charts = {section.key: bar_chart([(("– " if line.level else "") + line.label, line.count)
                                      for line in section.lines],
                                     title=_chart_title(section.title, statistics.cases),
                                     description=section.note, chart_id=f"chart-{section.key}")
              for section in statistics.sections}
    return render_template("statistics/overview.html", statistics=statistics, charts=charts, problems=problems,
                           query_args=_query_args(filters))


def _chart_title(title: str, cases: int) -> str:
    # English says "cases" for one too (as it always has); other languages pick their plural form.
    return ngettext("%(title)s (%(count)s cases counted)", "%(title)s (%(count)s cases counted)", cases,
                    title=title, count=format_number(cases))


CSV_HEADER = ["section", "code", "label", "count"]


def csv_lines(statistics: Statistics) -> list[list[str | int]]:
    """Every number of the page, one row per (section, line); the first section says how many
    cases were counted."""
    rows: list[list[str | int]] = [CSV_HEADER,
                                   ["cases", "all", "Cases counted", statistics.cases],
                                   ["cases", "open", "Files open", statistics.cases - statistics.closed],
                                   ["cases", "closed", "Files closed by the coalition", statistics.closed]]
    for section in statistics.sections:
        rows += [[section.key, line.code, line.label, line.count] for line in section.lines]
    return rows


@bp.route("/statistics.csv")
def export_csv():
    filters, _problems = _filters()
    with force_locale("en"):  # a file format: its labels stay English whatever the interface's language
        statistics = case_statistics(db.session, current_user, filters, local_now())
    name = "-".join(["qorgau-statistics", *(f"{key.replace('_', '-')}-{value}"
                                            for key, value in _query_args(filters).items())])
    return _csv_response(csv_lines(statistics), f"{name}.csv")


@bp.route("/statistics/vocabularies")
def vocabularies():
    statistics = vocabulary_statistics(db.session, current_user)
    if request.args.get("format") == "csv":
        return _csv_response(csv_rows(statistics), "qorgau-vocabulary-statistics.csv")
    return render_template("vocabularies/statistics.html", statistics=statistics)
