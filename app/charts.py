"""Horizontal bar charts as inline SVG, drawn on the server from (label, value) pairs.

Written here rather than taken from a library because a bar chart is a few rectangles and
texts, while the SVG libraries at hand either ship scripts from a CDN by default (pygal) or
bring a whole plotting stack for one chart type (matplotlib).

The SVG needs no script and no style attribute (the Content Security Policy allows neither):
colours are presentation attributes that the page's stylesheet may override. Each chart is
an image with a ``<title>`` and a ``<desc>`` that states every value, each bar carries its
label and its number as text, and the page shows the same numbers in a table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from flask_babel import format_number
from flask_babel import gettext as _
from markupsafe import Markup

WIDTH = 640  # viewBox units; the stylesheet scales the chart to its column
LABEL_WIDTH = 280  # room for the labels, right-aligned against the bars
VALUE_WIDTH = 60  # room after the longest bar for its number
ROW = 26
BAR = 18
PAD = 6
FONT = 13
MAX_LABEL = 36  # characters shown beside a bar; the full label is in the bar's tooltip and the table
BAR_COLOUR = "#1f5c99"
TEXT_COLOUR = "#1d2433"

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_ID = re.compile(r"[^A-Za-z0-9_-]")


def bar_chart(items: Sequence[tuple[str, int]], *, title: str, description: str = "",
              chart_id: str = "chart") -> Markup:
    """An SVG bar chart, one bar per (label, value), in the order given.

    Values are counts: a negative one is drawn as zero (its number is still written). The
    longest bar is the largest value; a value above zero always shows a sliver of a bar.
    """
    chart_id = _ID.sub("-", chart_id) or "chart"
    rows = [(_clean(label), int(value)) for label, value in items]
    height = max(len(rows), 1) * ROW + 2 * PAD
    said = "; ".join(f"{label}: {format_number(value)}" for label, value in rows) or _("Nothing to show")
    # Markup.format escapes every value it is given: labels, titles and numbers alike.
    parts = [Markup(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{width}" height="{height}" '
        'viewBox="0 0 {width} {height}" aria-labelledby="{id}-title {id}-desc" '
        'font-family="system-ui, sans-serif" font-size="{font}">\n'
        '<title id="{id}-title">{title}</title>\n<desc id="{id}-desc">{desc}.</desc>'
    ).format(width=WIDTH, height=height, id=chart_id, font=FONT, title=_clean(title),
             desc=_sentence(_clean(description)) + said)]
    if not rows:
        parts.append(Markup('<text x="{x}" y="{y}" dominant-baseline="middle" fill="{ink}">{nothing}</text>')
                     .format(x=PAD, y=PAD + ROW // 2, ink=TEXT_COLOUR, nothing=_("Nothing to show.")))
    largest = max((value for _, value in rows), default=0)
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    for index, (label, value) in enumerate(rows):
        top = PAD + index * ROW
        length = 0.0 if value <= 0 or largest <= 0 else max(span * value / largest, 2.0)
        bar = Markup('<rect class="bar" x="{x}" y="{y:g}" width="{w:.1f}" height="{h}" fill="{fill}"/>').format(
            x=LABEL_WIDTH, y=top + (ROW - BAR) / 2, w=length, h=BAR, fill=BAR_COLOUR) if length else ""
        parts.append(Markup(
            '<g class="bar-row"><title>{label}: {value}</title>'
            '<text class="label" x="{label_x}" y="{y:g}" text-anchor="end" dominant-baseline="middle" '
            'fill="{ink}">{short}</text>{bar}'
            '<text class="value" x="{value_x:.1f}" y="{y:g}" dominant-baseline="middle" fill="{ink}">{value}</text>'
            '</g>'
        ).format(label=label, value=format_number(value), short=_shorten(label), bar=bar, label_x=LABEL_WIDTH - 8,
                 value_x=LABEL_WIDTH + length + 6, y=top + ROW / 2, ink=TEXT_COLOUR))
    parts.append(Markup("</svg>"))
    return Markup("\n").join(parts)


def _clean(text: object) -> str:
    """One line of text: control characters (invalid in SVG, or line breaks) become spaces."""
    return " ".join(_CONTROL.sub(" ", str(text)).split())


def _shorten(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[:MAX_LABEL - 1].rstrip() + "…"


def _sentence(text: str) -> str:
    if not text:
        return ""
    return text + " " if text.endswith((".", ":")) else text + ". "
