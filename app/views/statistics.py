"""Statistics by HURIDOCS vocabulary, over the cases the user may see, as tables and CSV."""

from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, render_template, request
from flask_login import current_user

from app.extensions import db
from app.services.vocabulary_stats import csv_rows, vocabulary_statistics

bp = Blueprint("statistics", __name__, url_prefix="/statistics")


def _cell(value) -> str | int:
    """Spreadsheet formula injection guard: a text cell may not start a formula."""
    if isinstance(value, int):
        return value
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@bp.route("/vocabularies")
def vocabularies():
    statistics = vocabulary_statistics(db.session, current_user)
    if request.args.get("format") == "csv":
        out = io.StringIO()
        csv.writer(out).writerows([[_cell(v) for v in row] for row in csv_rows(statistics)])
        return Response(out.getvalue(), mimetype="text/csv",
                        headers={"Content-Disposition": "attachment; filename=qorgau-vocabulary-statistics.csv"})
    return render_template("vocabularies/statistics.html", statistics=statistics)
