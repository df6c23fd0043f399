"""The HTML report on phones, in print and for colour-blind readers; its charts' labels."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path

import attrs
import pytest
from tests import report_scenario as scenario

import policytargets as pt
from policytargets.report import render
from policytargets.report.html import NARROW, STATUS_COLOURS, STYLE
from policytargets.report.svg import FONT_SIZE, WIDTH, _marker, _text_box

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _plan77_page(lang: str) -> str:
    plan = pt.load_plan(EXAMPLES / "vinhlong_plan77.toml")
    data = pt.load_observations(*sorted((EXAMPLES / "data").glob("*.csv")))
    return render(pt.evaluate(plan, data, as_of=dt.date(2026, 1, 1)), "html", lang=lang)


def _scenario_page(lang: str) -> str:
    return render(scenario.enriched_scorecard(), "html", lang=lang)


PAGES = {
    f"{name}-{lang}": (page, lang)
    for name, page in (("scenario", _scenario_page), ("plan77", _plan77_page))
    for lang in ("vi", "en")
}


def _charts(page: str) -> list[str]:
    return re.findall(r'<svg class="chart".*?</svg>', page, flags=re.S)


def _points(attribute: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in re.findall(r"([\d.]+),([\d.]+)", attribute)]


def _crosses(
    box: tuple[float, float, float, float], a: tuple[float, float], b: tuple[float, float]
) -> bool:
    steps = 200
    return any(
        box[0] < a[0] + (b[0] - a[0]) * t / steps < box[2]
        and box[1] < a[1] + (b[1] - a[1]) * t / steps < box[3]
        for t in range(steps + 1)
    )


@pytest.mark.parametrize("name", sorted(PAGES))
def test_value_labels_collide_with_nothing(name: str) -> None:
    page, lang = PAGES[name]
    charts = _charts(page(lang))
    assert charts
    labelled = 0
    for chart in charts:
        labels = [
            _text_box(float(x), float(y), text, anchor, bold=True)
            for x, y, anchor, text in re.findall(
                r'<text class="chart-value" x="([\d.]+)" y="([\d.]+)" text-anchor="(\w+)">'
                r"([^<]*)</text>",
                chart,
            )
        ]
        labelled += len(labels)
        for a, b in itertools.combinations(labels, 2):
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
        lines = [
            _points(p) for p in re.findall(r'<polyline class="chart-\w+" points="([^"]*)"', chart)
        ]
        ticks = re.findall(r'<text class="chart-tick" x="([\d.]+)" y="([\d.]+)"', chart)
        for box in labels:
            for line in lines:
                for start, end in itertools.pairwise(line):
                    assert not _crosses(box, start, end), (box, start, end)
            left = min(float(x) for x, _ in ticks)
            bottom = max(float(y) for _, y in ticks)
            assert box[0] > left  # right of the value axis labels
            assert box[3] < bottom - FONT_SIZE  # above the period labels
    assert labelled


def test_value_axis_fits_the_data_unless_zero_means_something() -> None:
    page = _plan77_page("en")
    cards = re.findall(r'<article class="card".*?</article>', page, flags=re.S)
    lowest = {}
    for card in cards:
        target = re.search(r"<code>([^<]+)</code>", card)[1]
        ticks = re.findall(r'<text class="chart-tick" x="66" y="[\d.]+" [^>]*>([^<]+)</text>', card)
        lowest[target] = ticks[0]
    assert lowest["revenue-to-plan"] != "0%"  # a ratio near 100%: 0 means nothing
    assert lowest["digital-platforms"] == "0%"  # a share runs from 0%
    assert lowest["new-articles-growth"].startswith("-")  # growth shows its sign


def test_milestone_markers_have_a_shape_per_status() -> None:
    def shape(status: pt.Status) -> str:
        # the same place for every status: only the geometry may tell them apart
        return _marker(status, 100, 100).replace(f"status-{status.value}", "")

    shapes = {status: shape(status) for status in pt.Status}
    assert len(set(shapes.values())) == len(pt.Status)


def _linear(channel: float) -> float:
    channel /= 255
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def _rgb(colour: str) -> tuple[float, float, float]:
    r, g, b = (_linear(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    return r, g, b


def _lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


# Machado, Oliveira and Fernandes (2009), severity 1, on linear RGB
DEFICIENCIES = {
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
}


@pytest.mark.parametrize("deficiency", sorted(DEFICIENCIES))
def test_judged_statuses_stay_apart_under_colour_vision_deficiencies(deficiency: str) -> None:
    matrix = DEFICIENCIES[deficiency]

    def seen(colour: str) -> tuple[float, float, float]:
        rgb = _rgb(colour)
        simulated = [
            min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb, strict=True)))) for row in matrix
        ]
        return _lab((simulated[0], simulated[1], simulated[2]))

    judged = ("achieved", "missed", "on_track", "off_track")
    for a, b in itertools.combinations(judged, 2):
        distance = (
            sum(
                (p - q) ** 2
                for p, q in zip(seen(STATUS_COLOURS[a]), seen(STATUS_COLOURS[b]), strict=True)
            )
            ** 0.5
        )
        assert distance >= 20, (a, b, distance)


def test_status_colours_read_on_white() -> None:
    for status, colour in STATUS_COLOURS.items():
        r, g, b = _rgb(colour)
        luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
        assert 1.05 / (luminance + 0.05) >= 4.5, status


def test_narrow_screens_reflow_tables_and_keep_chart_text_readable() -> None:
    assert f"@media (max-width: {NARROW}px)" in STYLE
    assert "table.reflow thead { display: none; }" in STYLE
    min_width = re.search(r"svg\.chart \{[^}]*min-width: (\d+)px", STYLE)
    size = re.search(r"svg\.chart text \{ font-size: (\d+)px", STYLE)
    assert min_width is not None
    assert size is not None
    assert int(size[1]) == FONT_SIZE
    assert int(min_width[1]) * FONT_SIZE / WIDTH >= 10
    page = render(scenario.enriched_scorecard(), "html", lang="vi")
    cells = re.findall(r"<td[^>]*>", page)
    assert cells
    assert all("data-label=" in cell for cell in cells)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_printed_pages_name_the_plan_the_date_and_the_page(lang: str) -> None:
    page = render(scenario.enriched_scorecard(), "html", lang=lang)
    head = page.split("</head>", 1)[0]
    boxes = re.search(r"@page \{\n(.*?)\n\}", head, flags=re.S)
    assert boxes is not None
    assert "@top-left" in boxes[1]
    assert "counter(page)" in boxes[1]
    assert "counter(pages)" in boxes[1]
    as_of = "01/01/2026" if lang == "vi" else "2026-01-01"
    assert as_of in boxes[1]
    assert "77/KH-UBND" in boxes[1]
    assert "@page" not in render(scenario.enriched_scorecard(), "html", fragment=True)


def test_page_header_text_cannot_end_the_style_element() -> None:
    card = scenario.enriched_scorecard()
    plan = attrs.evolve(card.plan, number='1"</style><script>x</script>')
    page = render(attrs.evolve(card, plan=plan), "html")
    head = page.split("</head>", 1)[0]
    assert head.count("</style>") == 1
    assert "<script>" not in head
