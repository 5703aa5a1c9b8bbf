"""The SVG bar charts: well-formed, accessible, escaped, and honest about zeros and long labels."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from markupsafe import Markup

from app.charts import LABEL_WIDTH, MAX_LABEL, VALUE_WIDTH, WIDTH, bar_chart

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: Markup) -> ET.Element:
    return ET.fromstring(str(svg))  # noqa: S314 - our own output, parsed to check it is well-formed XML


def rows(root: ET.Element) -> list[dict]:
    """Each bar's tooltip, label, bar width (None: no bar) and number."""
    found = []
    for group in root.iter(f"{SVG}g"):
        label = group.find(f"{SVG}text[@class='label']")
        value = group.find(f"{SVG}text[@class='value']")
        bar = group.find(f"{SVG}rect")
        found.append({"tooltip": group.find(f"{SVG}title").text, "label": label.text, "value": value.text,
                      "width": float(bar.get("width")) if bar is not None else None})
    return found


def test_a_chart_is_an_accessible_image_with_every_value_in_words():
    svg = bar_chart([("Astana", 3), ("Shymkent", 1)], title="Cases by region", description="As recorded",
                    chart_id="chart-region")
    assert isinstance(svg, Markup)
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-region-title chart-region-desc"
    assert root.find(f"{SVG}title").get("id") == "chart-region-title"
    assert root.find(f"{SVG}title").text == "Cases by region"
    assert root.find(f"{SVG}desc").get("id") == "chart-region-desc"
    assert root.find(f"{SVG}desc").text == "As recorded. Astana: 3; Shymkent: 1."
    assert rows(root) == [
        {"tooltip": "Astana: 3", "label": "Astana", "value": "3", "width": WIDTH - LABEL_WIDTH - VALUE_WIDTH},
        {"tooltip": "Shymkent: 1", "label": "Shymkent", "value": "1",
         "width": round((WIDTH - LABEL_WIDTH - VALUE_WIDTH) / 3, 1)},
    ]


def test_no_script_no_style_attribute_no_external_reference():
    svg = str(bar_chart([("a", 1)], title="t"))
    assert "<script" not in svg and "style=" not in svg and "href" not in svg and "http://" not in svg.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")


def test_labels_titles_and_descriptions_are_escaped():
    hostile = '<script>alert("x")</script> & \'quoted\''
    svg = bar_chart([(hostile, 2)], title=hostile, description=hostile, chart_id='x" onload="alert(1)')
    text = str(svg)
    assert "<script>" not in text and "onload=" not in text.replace("-onload-", "")
    assert 'id="x--onload--alert-1--title"' in text  # the id is reduced to safe characters
    root = parse(svg)  # still well-formed: nothing broke out of its element
    assert root.find(f"{SVG}title").text == hostile
    (row,) = rows(root)
    assert row["tooltip"] == f"{hostile}: 2"
    assert row["label"].startswith('<script>alert("x")</script>') and row["label"].endswith("…")


def test_control_characters_and_line_breaks_become_spaces():
    root = parse(bar_chart([("Almaty\nregion\x00\x1b", 1)], title="a\r\nb"))
    assert root.find(f"{SVG}title").text == "a b"
    assert rows(root)[0]["label"] == "Almaty region"


def test_zero_values_have_no_bar_but_keep_their_number():
    (zero, one) = rows(parse(bar_chart([("None yet", 0), ("One", 1)], title="t")))
    assert zero == {"tooltip": "None yet: 0", "label": "None yet", "value": "0", "width": None}
    assert one["width"] == WIDTH - LABEL_WIDTH - VALUE_WIDTH


def test_all_zero_values_divide_by_nothing():
    assert [r["width"] for r in rows(parse(bar_chart([("a", 0), ("b", 0)], title="t")))] == [None, None]


def test_a_negative_value_draws_no_bar_and_says_its_number():
    (row,) = rows(parse(bar_chart([("odd", -2)], title="t")))
    assert row["width"] is None and row["value"] == "-2"


def test_one_value_fills_the_width():
    root = parse(bar_chart([("Only", 7)], title="t"))
    assert rows(root) == [{"tooltip": "Only: 7", "label": "Only", "value": "7",
                           "width": WIDTH - LABEL_WIDTH - VALUE_WIDTH}]
    assert int(root.get("height")) > 0 and root.get("viewBox") == f"0 0 {WIDTH} {root.get('height')}"


def test_a_tiny_value_beside_a_huge_one_still_shows_a_bar(app):
    with app.test_request_context("/"):
        small, _big = rows(parse(bar_chart([("small", 1), ("big", 1_000_000)], title="t")))
    assert small["width"] == 2.0
    assert _big["value"] == "1,000,000"


def test_numbers_are_grouped_as_the_reader_writes_them(app):
    from flask_babel import force_locale

    with app.test_request_context("/"), force_locale("ru"):
        (row,) = rows(parse(bar_chart([("big", 1_234_567)], title="t")))
    assert row["value"] == "1\xa0234\xa0567" and row["tooltip"] == "big: 1\xa0234\xa0567"


def test_long_labels_are_shortened_beside_the_bar_and_whole_in_the_tooltip():
    label = "Police internal security (DIS/ISU) of the Ministry of Internal Affairs, Almaty Region"
    (row,) = rows(parse(bar_chart([(label, 4)], title="t")))
    assert len(row["label"]) <= MAX_LABEL and row["label"].endswith("…")
    assert label.startswith(row["label"][:-1])
    assert row["tooltip"] == f"{label}: 4"


def test_a_label_at_the_limit_is_kept_whole():
    label = "x" * MAX_LABEL
    assert rows(parse(bar_chart([(label, 1)], title="t")))[0]["label"] == label


def test_nothing_to_show():
    root = parse(bar_chart([], title="Empty"))
    assert root.find(f"{SVG}desc").text == "Nothing to show."
    assert [t.text for t in root.iter(f"{SVG}text")] == ["Nothing to show."]
    assert rows(root) == []


def test_cyrillic_labels_pass_through():
    (row,) = rows(parse(bar_chart([("Алматы", 5)], title="Регионы")))
    assert row["label"] == "Алматы"


def test_the_height_grows_with_the_bars():
    heights = [int(parse(bar_chart([(str(i), i) for i in range(n)], title="t")).get("height")) for n in (1, 2, 10)]
    assert heights[0] < heights[1] < heights[2]
    assert len(set(re.findall(r'y="([\d.]+)"', str(bar_chart([("a", 1), ("b", 2)], title="t"))))) >= 4
