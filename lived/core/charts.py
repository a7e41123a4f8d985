"""Charts drawn on the server as SVG, each with the same numbers as a table.

One module for every chart in Lived (outcomes, self-ratings, incident and complaint trends), so they
look alike, work without JavaScript, pass the content security policy (presentation attributes, never
`style=`), print the same in WeasyPrint PDFs, and never rely on colour alone: each series also has
its own marker shape and line pattern, and a legend.

    chart = line_chart(title="PHQ-9 total", labels=["3 Mar", "7 Apr"], series=[Series("Total", [14, 9])],
                       y_min=0, y_max=27, bands=[Band(10, 27, "Caseness (10 or more)")])
    {% from "core/_charts.jinja" import chart_figure %}{{ chart_figure(chart) }}
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from itertools import count

from markupsafe import Markup, escape

# NHS identity colours chosen to stay distinguishable for common colour-vision differences; shapes
# and dash patterns carry the difference as well.
COLOURS = ["#005eb8", "#ed8b00", "#007f3b", "#330072", "#d5281b", "#4c6272"]
MARKERS = ["circle", "square", "triangle", "diamond", "circle", "square"]
DASHES = ["", "6 3", "2 3", "8 3 2 3", "4 4", "1 2"]

WIDTH, HEIGHT = 400, 240
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 14, 52
_ids = count(1)


@dataclass
class Series:
    name: str
    values: list[float | None]


@dataclass
class Band:
    """A shaded horizontal range with a label, e.g. a score band or a target."""

    low: float
    high: float
    label: str


@dataclass
class Chart:
    title: str
    labels: list[str]
    series: list[Series]
    kind: str = "line"  # "line" or "bar"
    y_min: float = 0
    y_max: float | None = None
    y_label: str = ""
    x_label: str = ""
    bands: list[Band] = field(default_factory=list)
    # A sentence that says what the chart shows, for screen readers (the table has the numbers).
    summary: str = ""
    value_format: str = "{:g}"

    def __post_init__(self):
        for s in self.series:
            if len(s.values) != len(self.labels):
                raise ValueError(
                    f"Series {s.name!r} has {len(s.values)} values for {len(self.labels)} labels"
                )
        if self.kind not in {"line", "bar"}:
            raise ValueError(f"Unknown chart kind {self.kind!r}")
        if self.y_max is None:
            top = max((v for s in self.series for v in s.values if v is not None), default=0)
            self.y_max = _nice_ceiling(max(top, self.y_min + 1))
        if self.y_max <= self.y_min:
            raise ValueError("y_max must be above y_min")

    # --- the table alternative ---------------------------------------------------------------------

    @property
    def has_data(self) -> bool:
        return any(v is not None for s in self.series for v in s.values)

    def format(self, value: float | None) -> str:
        return "–" if value is None else self.value_format.format(value)

    def table(self) -> dict:
        headers = [self.x_label or "", *[s.name for s in self.series]]
        rows = [
            [label, *[self.format(s.values[i]) for s in self.series]] for i, label in enumerate(self.labels)
        ]
        return {"caption": self.title, "headers": headers, "rows": rows}

    # --- the picture -------------------------------------------------------------------------------

    def _y(self, value: float) -> float:
        plot_h = HEIGHT - TOP - BOTTOM
        return TOP + plot_h * (1 - (value - self.y_min) / (self.y_max - self.y_min))

    def _x_centre(self, index: int) -> float:
        plot_w = WIDTH - LEFT - RIGHT
        step = plot_w / max(len(self.labels), 1)
        return LEFT + step * (index + 0.5)

    def svg(self) -> Markup:
        uid = next(_ids)
        title_id, desc_id = f"chart-title-{uid}", f"chart-desc-{uid}"
        parts = [
            f'<svg class="lived-chart__svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
            f'aria-labelledby="{title_id} {desc_id}" xmlns="http://www.w3.org/2000/svg" '
            f'font-family="Arial, sans-serif" font-size="11">',
            f'<title id="{title_id}">{escape(self.title)}</title>',
            f'<desc id="{desc_id}">{escape(self.summary or self._default_summary())}</desc>',
        ]
        parts += self._bands_svg()
        parts += self._axes_svg()
        if self.kind == "line":
            parts += self._lines_svg()
        else:
            parts += self._bars_svg()
        parts += self._legend_svg()
        parts.append("</svg>")
        # Every piece of text above went through escape(); the rest is numbers and fixed markup.
        return Markup("".join(parts))  # noqa: S704

    def _default_summary(self) -> str:
        bits = []
        for s in self.series:
            known = [(self.labels[i], v) for i, v in enumerate(s.values) if v is not None]
            if not known:
                bits.append(f"{s.name}: no values yet.")
            elif len(known) == 1:
                bits.append(f"{s.name}: {self.format(known[0][1])} on {known[0][0]}.")
            else:
                (first_l, first_v), (last_l, last_v) = known[0], known[-1]
                bits.append(
                    f"{s.name}: {self.format(first_v)} on {first_l}, {self.format(last_v)} on {last_l}."
                )
        return " ".join(bits) + " The table below has every value."

    def _bands_svg(self) -> list[str]:
        out = []
        for band in self.bands:
            low, high = max(band.low, self.y_min), min(band.high, self.y_max)
            if high <= low:
                continue
            y_top, y_bottom = self._y(high), self._y(low)
            out.append(
                f'<rect x="{LEFT}" y="{y_top:.1f}" width="{WIDTH - LEFT - RIGHT}" '
                f'height="{y_bottom - y_top:.1f}" fill="#f0f4f5" stroke="#d8dde0" stroke-width="0.5"/>'
            )
            out.append(
                f'<text x="{WIDTH - RIGHT - 4}" y="{y_top + 11:.1f}" text-anchor="end" fill="#4c6272" '
                f'font-size="10">{escape(band.label)}</text>'
            )
        return out

    def _axes_svg(self) -> list[str]:
        out = []
        whole = all(float(v).is_integer() for series in self.series for v in series.values if v is not None)
        for tick in _ticks(self.y_min, self.y_max, whole_numbers=whole):
            y = self._y(tick)
            out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#d8dde0"/>')
            out.append(
                f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#212b32">'
                f"{_fmt_tick(tick)}</text>"
            )
        base = self._y(self.y_min)
        out.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{base:.1f}" y2="{base:.1f}" stroke="#4c6272"/>'
        )
        out.append(f'<line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{base:.1f}" stroke="#4c6272"/>')
        # Label every category when there are few, otherwise about six evenly spaced.
        every = max(1, math.ceil(len(self.labels) / 6))
        last = len(self.labels) - 1
        for i, label in enumerate(self.labels):
            # The last label always shows; a regular one too close before it would overlap it.
            if i != last and (i % every or last - i < every):
                continue
            out.append(
                f'<text x="{self._x_centre(i):.1f}" y="{base + 14:.1f}" text-anchor="middle" '
                f'fill="#212b32">{escape(_shorten(label))}</text>'
            )
        if self.y_label:
            out.append(
                f'<text x="12" y="{TOP + (base - TOP) / 2:.1f}" text-anchor="middle" fill="#4c6272" '
                f'transform="rotate(-90 12 {TOP + (base - TOP) / 2:.1f})">{escape(self.y_label)}</text>'
            )
        return out

    def _lines_svg(self) -> list[str]:
        out = []
        for n, s in enumerate(self.series):
            colour, dash, marker = COLOURS[n % 6], DASHES[n % 6], MARKERS[n % 6]
            segment: list[str] = []
            segments = []
            for i, v in enumerate(s.values):
                if v is None:
                    if segment:
                        segments.append(segment)
                    segment = []
                    continue
                segment.append(f"{self._x_centre(i):.1f},{self._y(v):.1f}")
            if segment:
                segments.append(segment)
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            for seg in segments:
                if len(seg) > 1:
                    out.append(
                        f'<polyline points="{" ".join(seg)}" fill="none" stroke="{colour}" '
                        f'stroke-width="2.5"{dash_attr}/>'
                    )
            for i, v in enumerate(s.values):
                if v is not None:
                    out.append(
                        _marker(
                            marker,
                            self._x_centre(i),
                            self._y(v),
                            colour,
                            f"{s.name}, {self.labels[i]}: {self.format(v)}",
                        )
                    )
        return out

    def _bars_svg(self) -> list[str]:
        out = []
        plot_w = WIDTH - LEFT - RIGHT
        step = plot_w / max(len(self.labels), 1)
        group_w = step * 0.8
        bar_w = group_w / max(len(self.series), 1)
        base = self._y(self.y_min)
        for n, s in enumerate(self.series):
            colour = COLOURS[n % 6]
            for i, v in enumerate(s.values):
                if v is None:
                    continue
                x = LEFT + step * i + (step - group_w) / 2 + bar_w * n
                y = self._y(min(max(v, self.y_min), self.y_max))
                pattern = ' stroke="#212b32" stroke-width="1"' if n % 2 else ""
                out.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(bar_w - 1, 1):.1f}" '
                    f'height="{max(base - y, 0):.1f}" '
                    f'fill="{colour}"{pattern}><title>{escape(s.name)}, {escape(self.labels[i])}: '
                    f"{escape(self.format(v))}</title></rect>"
                )
                if len(self.series) * len(self.labels) <= 16:
                    out.append(
                        f'<text x="{x + bar_w / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle" font-size="10" '
                        f'fill="#212b32">{escape(self.format(v))}</text>'
                    )
        return out

    def _legend_svg(self) -> list[str]:
        out = []
        x, y = LEFT, HEIGHT - 14
        for n, s in enumerate(self.series):
            colour = COLOURS[n % 6]
            if self.kind == "line":
                dash = DASHES[n % 6]
                dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
                out.append(
                    f'<line x1="{x}" x2="{x + 22}" y1="{y}" y2="{y}" stroke="{colour}" '
                    f'stroke-width="2.5"{dash_attr}/>'
                )
                out.append(_marker(MARKERS[n % 6], x + 11, y, colour, None))
            else:
                pattern = ' stroke="#212b32" stroke-width="1"' if n % 2 else ""
                out.append(f'<rect x="{x + 5}" y="{y - 6}" width="12" height="12" fill="{colour}"{pattern}/>')
            label = _shorten(s.name, 22)
            out.append(f'<text x="{x + 27}" y="{y + 4}" fill="#212b32">{escape(label)}</text>')
            x += 34 + 6 * len(label)
            if x > WIDTH - 80:
                x, y = LEFT, y + 14
        return out


def line_chart(**kwargs) -> Chart:
    return Chart(kind="line", **kwargs)


def bar_chart(**kwargs) -> Chart:
    return Chart(kind="bar", **kwargs)


def _marker(shape: str, x: float, y: float, colour: str, label: str | None) -> str:
    title = f"<title>{escape(label)}</title>" if label else ""
    close = f">{title}</" if title else "/>"
    if shape == "square":
        body = f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"'
        return body + (close + "rect>" if title else close)
    if shape == "triangle":
        points = f"{x:.1f},{y - 5:.1f} {x + 5:.1f},{y + 4:.1f} {x - 5:.1f},{y + 4:.1f}"
        body = f'<polygon points="{points}" fill="{colour}"'
        return body + (close + "polygon>" if title else close)
    if shape == "diamond":
        points = f"{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} {x - 5:.1f},{y:.1f}"
        body = f'<polygon points="{points}" fill="{colour}"'
        return body + (close + "polygon>" if title else close)
    body = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"'
    return body + (close + "circle>" if title else close)


def _nice_ceiling(value: float) -> float:
    if value <= 0:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def _ticks(low: float, high: float, whole_numbers: bool = False) -> list[float]:
    """About five evenly spaced ticks; never fractions when the values are counts or whole scores."""
    span = high - low
    raw = span / 5
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    step = next(s * magnitude for s in (1, 2, 2.5, 5, 10) if s * magnitude >= raw)
    if whole_numbers:
        step = max(1, math.ceil(step))
    first = math.ceil(low / step) * step
    ticks, tick = [], first
    while tick <= high + 1e-9:
        ticks.append(round(tick, 6))
        tick += step
    return ticks


def _fmt_tick(value: float) -> str:
    return f"{value:g}"


def _shorten(text: str, limit: int = 12) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
