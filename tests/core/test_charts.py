"""The shared SVG charts: the picture and the table carry the same numbers, and nothing unsafe gets in."""

import re
import xml.etree.ElementTree as ET

import pytest

from lived.core.charts import Band, Series, bar_chart, line_chart

SVG = "{http://www.w3.org/2000/svg}"


def _parse(chart):
    return ET.fromstring(str(chart.svg()))


def test_a_line_chart_is_valid_svg_with_a_title_a_description_and_a_point_per_value():
    chart = line_chart(
        title="Anxiety, as Ada rates it",
        labels=["1 Mar", "8 Mar", "15 Mar"],
        series=[Series("Anxiety (0 to 10)", [8, 6, 4])],
        y_min=0,
        y_max=10,
    )
    root = _parse(chart)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Anxiety, as Ada rates it"
    assert "8 on 1 Mar, 4 on 15 Mar" in root.find(f"{SVG}desc").text
    points = [c for c in root.iter(f"{SVG}circle") if c.find(f"{SVG}title") is not None]
    assert [p.find(f"{SVG}title").text for p in points] == [
        "Anxiety (0 to 10), 1 Mar: 8",
        "Anxiety (0 to 10), 8 Mar: 6",
        "Anxiety (0 to 10), 15 Mar: 4",
    ]
    # Lower values sit lower on the picture: y grows downwards in SVG.
    ys = [float(p.get("cy")) for p in points]
    assert ys[0] < ys[1] < ys[2]


def test_the_table_has_every_value_and_shows_gaps_as_a_dash():
    chart = line_chart(
        title="PHQ-9", labels=["Jan", "Feb", "Mar"], series=[Series("Total", [12, None, 7])], y_max=27
    )
    assert chart.table() == {
        "caption": "PHQ-9",
        "headers": ["", "Total"],
        "rows": [["Jan", "12"], ["Feb", "–"], ["Mar", "7"]],
    }
    # A gap breaks the line: no polyline joins Jan to Mar across the missing month.
    assert not list(_parse(chart).iter(f"{SVG}polyline"))


def test_series_differ_by_shape_and_pattern_not_colour_alone():
    chart = line_chart(
        title="Two", labels=["a", "b"], series=[Series("One", [1, 2]), Series("Two", [2, 1])], y_max=3
    )
    root = _parse(chart)
    lines = list(root.iter(f"{SVG}polyline"))
    assert lines[0].get("stroke-dasharray") is None and lines[1].get("stroke-dasharray")
    assert list(root.iter(f"{SVG}rect")), "the second series is drawn with squares"


def test_text_is_escaped():
    chart = bar_chart(title="<script>alert(1)</script>", labels=["A & B"], series=[Series("<b>n</b>", [3])])
    svg = str(chart.svg())
    assert "<script>" not in svg and "<b>" not in svg
    assert "&lt;script&gt;" in svg and "A &amp; B" in svg
    _parse(chart)  # still well-formed


def test_bars_grow_from_the_baseline_in_proportion():
    chart = bar_chart(
        title="Visits", labels=["Start", "End"], series=[Series("GP", [4, 2])], y_min=0, y_max=4
    )
    bars = [r for r in _parse(chart).iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    heights = [float(b.get("height")) for b in bars]
    assert heights[0] == pytest.approx(2 * heights[1], rel=0.01)


def test_bands_are_drawn_and_labelled():
    chart = line_chart(
        title="GAD-7", labels=["a"], series=[Series("Total", [9])], y_max=21, bands=[Band(8, 21, "Caseness")]
    )
    assert "Caseness" in str(chart.svg())


def test_the_scale_is_chosen_when_not_given_and_mismatched_series_are_refused():
    assert line_chart(title="t", labels=["a"], series=[Series("s", [37])]).y_max == 50
    with pytest.raises(ValueError):
        line_chart(title="t", labels=["a", "b"], series=[Series("s", [1])])


def test_no_inline_style_attributes_for_the_content_security_policy():
    chart = bar_chart(title="t", labels=["a", "b"], series=[Series("s", [1, 2]), Series("u", [2, 1])])
    assert not re.search(r"\sstyle=", str(chart.svg()))


def test_a_chart_with_no_values_says_so_instead_of_drawing(rf):
    from django.template import engines

    chart = line_chart(title="Nothing", labels=["a"], series=[Series("s", [None])], y_max=10)
    template = engines["jinja2"].from_string(
        '{% from "core/_charts.jinja" import chart_figure %}{{ chart_figure(chart) }}'
    )
    html = template.render({"chart": chart})
    assert "Nothing recorded yet" in html and "<svg" not in html
    assert "Show as a table" in html


def test_counts_get_whole_number_ticks_and_labels_do_not_crowd_the_last_one():
    chart = bar_chart(
        title="Incidents by month",
        labels=[f"M{n}" for n in range(1, 13)],
        series=[Series("Incidents", [0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0])],
    )
    texts = [t.text for t in _parse(chart).iter(f"{SVG}text")]
    assert "0.2" not in texts and "0.5" not in texts
    assert {"0", "1"} <= set(texts)
    shown = [t for t in texts if t and t.startswith("M")]
    assert shown[-1] == "M12" and "M11" not in shown
