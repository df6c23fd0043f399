"""Hypothesis strategies shared by the property tests; the public ones (``periods``, plans,
observation logs) live in :mod:`policytargets.testing`."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from hypothesis import strategies as st

import policytargets as pt
from policytargets.quantities import Comparator

shares = st.fractions(min_value=0, max_value=1, max_denominator=200)
"""Exact shares from 0 to 1."""

positive_amounts = st.fractions(min_value=Fraction(1, 100), max_value=10**6, max_denominator=100)
"""Exact positive amounts (revenues, counts, consumption)."""

amounts = st.fractions(min_value=0, max_value=10**6, max_denominator=100)
"""Exact non-negative amounts."""

years = st.integers(min_value=2000, max_value=2100)

population_sizes = st.integers(min_value=1, max_value=60)


@st.composite
def share_requirements(draw: st.DrawFn) -> pt.Requirement:
    """A satisfiable share requirement: ``>=`` or ``>`` a share, written as % or a fraction."""
    comparator = draw(st.sampled_from([Comparator.GE, Comparator.GT]))
    if draw(st.booleans()):
        value = Fraction(draw(st.integers(0, 1000)), 1000)  # a percentage with one decimal
        percent = True
    else:
        value = draw(shares)
        percent = False
    if comparator is Comparator.GT and value == 1:
        value = Fraction(99, 100)
    return pt.Requirement(comparator, value, percent=percent)


def share_plan(requirement: pt.Requirement, size: int, *, year: int = 2025) -> pt.Plan:
    """A plan with one share target over ``size`` agencies, due at the end of ``year``."""
    units = [pt.Unit(f"u{i}", f"Unit {i}") for i in range(size)]
    return pt.Plan(
        id="share-plan",
        number="1/KH",
        title="Share plan",
        issuer="Test",
        issued=dt.date(2023, 1, 1),
        effective=dt.date(2023, 1, 1),
        populations=[pt.Population("agencies", "Agencies", units)],
        targets=[
            pt.Target(
                id="share",
                title="Share",
                rule=pt.ThresholdShare(population="agencies", measure="ok"),
                milestones=[pt.Milestone(year, requirement)],
            )
        ],
    )


def share_reports(flags: list[bool], *, year: int = 2025) -> list[pt.Observation]:
    """One yes/no report per unit ``u0``, ``u1``, … for ``year``."""
    return [pt.Observation("ok", f"u{i}", year, flag) for i, flag in enumerate(flags)]


@st.composite
def series(draw: st.DrawFn, *, min_size: int = 2, max_size: int = 8) -> dict[int, Fraction]:
    """A yearly series of positive amounts over consecutive years."""
    start = draw(st.integers(2015, 2024))
    values = draw(st.lists(positive_amounts, min_size=min_size, max_size=max_size))
    return {start + i: v for i, v in enumerate(values)}


GROUP_KEYS = st.one_of(st.none(), st.integers(0, 5))
"""A unit's group for breakdown properties: a small number, or None (no value for the key)."""


def grouped_units(groups: list[int | None]) -> list[pt.Unit]:
    """Units ``u0``, ``u1``, … with attributes ``g`` (the group) and ``h`` (``g // 2``: the
    same units in fewer, merged groups); a unit whose group is None has neither."""
    return [
        pt.Unit(f"u{i}", f"Unit {i}", attributes={} if g is None else {"g": g, "h": g // 2})
        for i, g in enumerate(groups)
    ]


@st.composite
def grouped_scenarios(draw: st.DrawFn, kind: str) -> tuple[pt.Plan, list[pt.Observation]]:
    """A plan with one target of ``kind`` (``threshold-share``, ``ratio`` or ``growth``) over
    units in groups (:func:`grouped_units`), judged for 2025, and each unit's reports, some
    missing."""
    groups = draw(st.lists(GROUP_KEYS, min_size=1, max_size=24))
    units = grouped_units(groups)
    rule: pt.TargetType
    observations: list[pt.Observation] = []
    if kind == "threshold-share":
        rule = pt.ThresholdShare(population="agencies", measure="ok")
        requirement = draw(share_requirements())
        for unit in units:
            flag = draw(st.one_of(st.none(), st.booleans()))
            if flag is not None:
                observations.append(pt.Observation("ok", unit.id, 2025, flag))
    elif kind == "ratio":
        rule = pt.Ratio(numerator="top", denominator="bottom", population="agencies")
        requirement = pt.Requirement.parse(">= 1")
        for unit in units:
            if draw(st.booleans()):
                observations.append(pt.Observation("top", unit.id, 2025, draw(amounts)))
                observations.append(pt.Observation("bottom", unit.id, 2025, draw(positive_amounts)))
    else:
        rule = pt.Growth(measure="amount", population="agencies")
        requirement = pt.Requirement.parse(">= 0%")
        complete = draw(st.booleans())
        for unit in units:
            for year in (2024, 2025):
                if complete or draw(st.booleans()):
                    observations.append(
                        pt.Observation("amount", unit.id, year, draw(positive_amounts))
                    )
    plan = pt.Plan(
        id="grouped",
        number="1/KH",
        title="Grouped",
        issuer="Test",
        issued=dt.date(2023, 1, 1),
        effective=dt.date(2023, 1, 1),
        populations=[pt.Population("agencies", "Agencies", units)],
        targets=[
            pt.Target(
                id="target", title="Target", rule=rule, milestones=[pt.Milestone(2025, requirement)]
            )
        ],
    )
    return plan, observations


# --- the columnar log's oracle tests: every target type over a merger ----------------------

ORACLE_UNITS = [
    pt.Unit("a", "A", active_until=dt.date(2024, 6, 30), successor="m"),
    pt.Unit("b", "B", active_until=dt.date(2024, 6, 30), successor="m"),
    pt.Unit("c", "C"),
    pt.Unit("m", "M", active_from=dt.date(2024, 7, 1)),
]
ORACLE_MEASURES = {
    "ok": "boolean",
    "licensed": "boolean",
    "level": "number",
    "rev": "number",
    "plan": "number",
    "articles": "number",
}


def oracle_plan(carry_forward: bool) -> pt.Plan:
    """Every target type over a population with a merger (synthetic)."""
    share = [pt.Milestone(2024, ">= 50%"), pt.Milestone(2026, ">= 2/3")]
    return pt.Plan(
        id="oracle",
        number="1/KH",
        title="Oracle plan (synthetic)",
        issuer="Test",
        issued=dt.date(2022, 1, 1),
        effective=dt.date(2022, 1, 1),
        populations=[pt.Population("p", "P", ORACLE_UNITS)],
        targets=[
            pt.Target(
                id="ok",
                title="OK",
                rule=pt.ThresholdShare(population="p", measure="ok", carry_forward=carry_forward),
                milestones=share,
                baseline=pt.Baseline(2022, "1/4"),
            ),
            pt.Target(
                id="level",
                title="Level",
                rule=pt.ThresholdShare(population="p", condition="level >= 3"),
                milestones=share,
            ),
            pt.Target(
                id="grew",
                title="Grew",
                rule=pt.ThresholdShare(population="p", condition="growth(rev) >= 10%"),
                milestones=share,
            ),
            pt.Target(
                id="to-plan",
                title="To plan",
                rule=pt.Ratio(numerator="rev", denominator="plan", population="p"),
                milestones=[pt.Milestone(2025, ">= 100%")],
            ),
            pt.Target(
                id="rev-growth",
                title="Revenue growth",
                rule=pt.Growth(measure="rev", population="p", base=2022),
                milestones=[pt.Milestone(2026, ">= 20%")],
            ),
            pt.Target(
                id="articles",
                title="Articles",
                rule=pt.Growth(measure="articles"),
                every=pt.Recurring(2023, 2026, "> 0%"),
            ),
            pt.Target(
                id="licensed",
                title="Licensed",
                rule=pt.BooleanCompliance(measure="licensed", unit="c"),
                milestones=[pt.Milestone("2025-Q2", "= true")],
            ),
        ],
    )


_RECORDED = st.sampled_from(
    [None, dt.date(2022, 12, 1), dt.date(2023, 12, 1), dt.date(2024, 12, 1), dt.date(2025, 12, 1)]
)


@st.composite
def oracle_observations(draw: st.DrawFn) -> list[pt.Observation]:
    """Observations for :func:`oracle_plan`, with revisions and conflicts (same dates)."""
    rows = []
    for _ in range(draw(st.integers(0, 40))):
        measure = draw(st.sampled_from(sorted(ORACLE_MEASURES)))
        unit = (
            None if measure == "articles" else draw(st.sampled_from([u.id for u in ORACLE_UNITS]))
        )
        year = draw(st.integers(2021, 2026))
        period = pt.Period.quarter(year, 2) if draw(st.integers(0, 9)) == 0 else year
        if ORACLE_MEASURES[measure] == "boolean":
            value: Fraction | bool = draw(st.booleans())
        else:
            value = draw(st.fractions(min_value=0, max_value=50, max_denominator=4))
        rows.append(pt.Observation(measure, unit, period, value, "s", draw(_RECORDED)))
        if draw(st.booleans()):  # a revision (or, with the same date, a conflict)
            later = draw(_RECORDED)
            rows.append(pt.Observation(measure, unit, period, value + 1, "r", later))
    return rows


_CSV_COLUMNS = ("measure", "unit", "period", "value", "source", "recorded")
_CSV_TEXTS = {
    "measure": ["m", "n", " m ", "'m", "", "#x", "Báo cáo", "m\r"],
    "unit": ["u", "v", "", "'=u", "e\u0301", "\nu", "u\x00"],
    "period": ["2024", "2025", "2024-Q3", "", "20x4"],
    "value": ["1", "true", "66,7%", "1.250", "", "x", " 2 "],
    "source": ["", "report", "a\nb", "a\r\nb", "a\rb", 'say "so"', "x,y;z", "\r", "\n\n"],
    "recorded": ["", "2025-01-01", "2026-02-03", "bad"],
}
_LINE_ENDS = st.sampled_from(["\n", "\r\n", "\r"])


def _csv_field(text: str, delimiter: str, quote: bool) -> str:
    if quote or any(c in text for c in (delimiter, '"', "\r", "\n")):
        return '"' + text.replace('"', '""') + '"'
    return text


@st.composite
def csv_files(draw: st.DrawFn) -> str:
    """The text of an observation file: notes, a header in any order, and rows good and bad
    (the wrong number of fields, unreadable texts, empty values, blank lines, bad quoting,
    quoted fields that span lines), with any line ends."""
    delimiter = draw(st.sampled_from([",", ";"]))
    header = [*_CSV_COLUMNS[:4], *draw(st.sets(st.sampled_from(_CSV_COLUMNS[4:])))]
    header = draw(st.permutations(header))
    text = draw(st.sampled_from(["", "\ufeff"]))
    for note in draw(st.lists(st.sampled_from(["# note", "", '# decimal = ","', "#"]))):
        text += note + draw(_LINE_ENDS)
    text += delimiter.join(header) + draw(_LINE_ENDS)
    kinds = ["good"] * 6 + ["short", "blank", "empty cells", "bad quote", "late note"]
    for kind in draw(st.lists(st.sampled_from(kinds), max_size=40)):
        fields = [
            _csv_field(draw(st.sampled_from(_CSV_TEXTS[column])), delimiter, draw(st.booleans()))
            for column in header
        ]
        if kind == "short":
            fields = fields[: draw(st.integers(0, len(fields) - 1))]
        elif kind == "blank":
            fields = []
        elif kind == "empty cells":
            fields = [""] * len(header)
        elif kind == "bad quote":
            fields[0] = '"a"b'
        elif kind == "late note":
            fields[0] = "# late"
        text += delimiter.join(fields) + draw(_LINE_ENDS)
    return text
