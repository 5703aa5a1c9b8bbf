"""Put several ``bench.run --json`` reports side by side (one column per archive size and database).

    .venv/bin/python -m bench.report results/1k-sqlite.json results/10k-sqlite.json results/50k-sqlite.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

# Labels that once carried a count that varies with the archive.
LABELS = {"case_page": "case page, a case with 10 events",
          "case_page_largest": "case page, the case with the most events"}


def _size(report: dict) -> str:
    cases = report["environment"]["rows"]["cases"]
    label = f"{cases // 1000}k" if cases >= 1000 else str(cases)
    return f"{label} {report['environment']['database']}"


def table(reports: list[dict]) -> str:
    heads = [_size(r) for r in reports]
    lines = ["| median ms (p95) · queries | " + " | ".join(heads) + " |", "|---|" + "---:|" * len(heads)]
    keys = list(dict.fromkeys(k for r in reports for k in r["pages"]))
    for key in keys:
        label = LABELS.get(key) or next(r["pages"][key]["label"] for r in reports if key in r["pages"])
        cells = []
        for report in reports:
            page = report["pages"].get(key)
            cells.append(f"{page['median_ms']:.1f} ({page['p95_ms']:.0f}) · {page['queries']}" if page else "")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
        if any(key in r["floors"] for r in reports):
            cells = [f"{r['floors'][key]['median_ms']:.1f} ({r['floors'][key]['p95_ms']:.0f}) · "
                     f"{r['floors'][key]['queries']}" if key in r["floors"] else "" for r in reports]
            lines.append("| ↳ its SQL alone, bare DBAPI (floor) | " + " | ".join(cells) + " |")
            ratios = [f"{r['verdicts'][key]['ratio_to_sql_floor']}×" if key in r.get("verdicts", {}) else ""
                      for r in reports]
            lines.append("| ↳ page / floor | " + " | ".join(ratios) + " |")
    lines.append("| recompute of all flags, cases/s | " + " | ".join(
        f"{r['recompute']['cases_per_second']:,}" if "recompute" in r else "" for r in reports) + " |")
    lines.append("| gunicorn worker VmRSS after the pages, MB (peak VmHWM) | " + " | ".join(
        f"{r['worker_memory']['after_pages']['VmRSS']} ({r['worker_memory']['after_pages']['VmHWM']})"
        if "worker_memory" in r else "" for r in reports) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    paths = argv if argv is not None else sys.argv[1:]
    print(table([json.loads(Path(p).read_text()) for p in paths]))


if __name__ == "__main__":
    main()
