"""Where notebook users work: records, data frames, series, reprs and HTML fragments."""

from __future__ import annotations

import datetime as dt
import re
import sys
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests import report_scenario as scenario

import policytargets as pt
from policytargets.cli import main
from policytargets.report import render
from policytargets.report.html import ROOT_CLASS, scope_css
from policytargets.report.notebook import MAX_LINES, MAX_ROWS

pd = pytest.importorskip("pandas")  # CI installs it with the dev extra

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PLAN77 = EXAMPLES / "vinhlong_plan77.toml"
DATA77 = (EXAMPLES / "data" / "plan77_observations.csv", EXAMPLES / "data" / "plan77_revisions.csv")
AS_OF = dt.date(2026, 1, 1)
VALUES = ("actual", "required", "expected", "gap")


def _plan77() -> tuple[pt.Plan, pt.ObservationLog, pt.Scorecard]:
    plan = pt.load_plan(PLAN77)
    log = pt.load_observations(*DATA77)
    return plan, log, pt.evaluate(plan, log, as_of=AS_OF)


def _float(exact: str | None) -> float | None:
    if exact is None:
        return None
    if exact in {"true", "false"}:
        return 1.0 if exact == "true" else 0.0
    return float(Fraction(exact))


# --- records and frames agree with to_dict -----------------------------------------------


@pytest.mark.parametrize("card", [scenario.enriched_scorecard(), _plan77()[2]], ids=["s", "77"])
def test_records_agree_with_to_dict(card: pt.Scorecard) -> None:
    records = card.to_records()
    contract = card.to_dict()["assessments"]
    assert len(records) == len(contract)
    for record, expected in zip(records, contract, strict=True):
        assert record["target"] == expected["target"]
        assert record["milestone"] == expected["milestone"]
        assert record["deadline"].isoformat() == expected["deadline"]
        assert record["status"] == expected["status"]
        assert record["period"] == expected["period"]
        for name in VALUES:
            assert record[f"{name}_exact"] == expected[name]
            assert record[name] == _float(expected[name])
            assert record[name] is None or isinstance(record[name], float)
        for name in ("met_units", "population", "required_units"):
            assert record[name] == expected.get(name)


def test_frame_agrees_with_to_dict_and_has_a_categorical_status() -> None:
    card = scenario.enriched_scorecard()
    frame = card.to_frame()
    contract = card.to_dict()["assessments"]
    assert list(frame["target"]) == [a["target"] for a in contract]
    assert list(frame["status"].cat.categories) == [s.value for s in pt.Status]
    assert list(frame["status"].astype(str)) == [a["status"] for a in contract]
    for name in VALUES:
        for value, expected in zip(frame[name], contract, strict=True):
            exact = _float(expected[name])
            assert (pd.isna(value) and exact is None) or value == exact
    assert frame["met_units"].dtype == "Int64"
    assert frame["status"].value_counts()["missed"] == card.summary["missed"]


def test_to_frame_without_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    card = scenario.scorecard()
    with pytest.raises(ImportError, match=re.escape("pip install 'policytargets[pandas]'")):
        card.to_frame()
    with pytest.raises(ImportError, match=r"ObservationLog\.to_frame\(\) needs pandas"):
        scenario.observations().to_frame()
    assert card.to_records()  # records need nothing but the standard library


# --- observation logs through frames and records ----------------------------------------


@pytest.mark.parametrize("source", ["scenario", "plan77"])
def test_log_round_trip_through_a_frame_gives_the_same_scorecard(source: str) -> None:
    if source == "scenario":
        plan, log = scenario.plan(), scenario.observations()
    else:
        plan, log, _ = _plan77()
    frame = log.to_frame()
    assert list(frame.columns) == ["measure", "unit", "period", "value", "source", "recorded"]
    back = pt.ObservationLog.from_frame(frame)
    assert list(back) == list(log)
    assert back.notes == log.notes
    for known_at in (None, dt.date(2025, 3, 1)):
        before = pt.evaluate(plan, log, as_of=AS_OF, known_at=known_at)
        after = pt.evaluate(plan, back, as_of=AS_OF, known_at=known_at)
        assert after == before
        assert after.to_dict() == before.to_dict()
        assert render(after, "html") == render(before, "html")


observations = st.lists(
    st.builds(
        pt.Observation,
        measure=st.sampled_from(["revenue", "staff", "publishes"]),
        unit=st.sampled_from([None, "a", "b"]),
        period=st.sampled_from(["2023", "2024", "2024-Q3", "2025-06"]),
        value=st.one_of(
            st.booleans(), st.fractions(min_value=-(10**6), max_value=10**6, max_denominator=10**4)
        ),
        source=st.text(max_size=5),
        recorded=st.one_of(st.none(), st.dates(dt.date(2020, 1, 1), dt.date(2030, 1, 1))),
    ),
    max_size=12,
    unique_by=lambda o: (o.measure, o.unit, o.period),
)


@given(observations, st.lists(st.text(min_size=1, max_size=10), max_size=2))
def test_any_log_survives_frames_and_records(
    listed: list[pt.Observation], notes: list[str]
) -> None:
    log = pt.ObservationLog(listed, notes=notes)
    back = pt.ObservationLog.from_frame(log.to_frame())
    assert [o.to_dict() for o in back] == [o.to_dict() for o in log]
    assert back.notes == log.notes
    records = [o.to_dict() for o in log]
    assert list(pt.ObservationLog.from_records(records, notes=notes)) == list(log)


def test_from_frame_reads_what_pandas_holds() -> None:
    frame = pd.DataFrame(
        {
            "measure": ["new-articles", "new-articles", "relicensed"],
            "unit": [None, float("nan"), "tap-chi"],
            "period": [2024, "2025", "2025"],
            "value": [18250, 0.1, True],
            "recorded": [pd.Timestamp("2025-01-15"), pd.NaT, None],
        }
    )
    frame["value"] = frame["value"].astype(object)
    log = pt.ObservationLog.from_frame(frame)
    assert [(o.unit, str(o.period), o.value, o.recorded) for o in log] == [
        (None, "2024", Fraction(18250), dt.date(2025, 1, 15)),
        (None, "2025", Fraction(1, 10), None),
        ("tap-chi", "2025", True, None),
    ]
    numbers = pd.DataFrame({"measure": ["m"], "period": [2024], "value": [7]})
    assert type(numbers["value"].iloc[0]).__module__ == "numpy"
    assert [o.value for o in pt.ObservationLog.from_frame(numbers)] == [Fraction(7)]


def test_a_row_without_value_is_not_reported_and_named() -> None:
    frame = pd.DataFrame(
        {"measure": ["m", "m"], "unit": ["a", "b"], "period": ["2024", "2024"], "value": [1, None]}
    )
    log = pt.ObservationLog.from_frame(frame)
    assert len(log) == 1
    assert log.notes == ("1 row with no value, read as not reported (1)",)


def test_bad_records_are_all_reported_with_their_place() -> None:
    with pytest.raises(pt.DataError) as caught:
        pt.ObservationLog.from_records(
            [
                {"measure": "m", "period": "2024", "value": "abc"},
                {"measure": "m", "period": "20x4", "value": 1, "recorded": "soon"},
                {"measure": "m", "period": "2024", "valeu": 1},
                {"period": "2024", "value": 1, "unit": 7},
                {"measure": "m", "period": "2024", "value": [1]},
            ]
        )
    problems = [str(p) for p in caught.value.problems]
    assert [p.split(":")[0] for p in problems] == [
        "records[0].value",
        "records[1].period",
        "records[1].recorded",
        "records[2]",
        "records[2].value",
        "records[3].measure",
        "records[3].unit",
        "records[4].value",
    ]
    assert "did you mean 'value'?" in problems[3]
    assert problems[4].endswith("missing value")


def test_bad_frames_name_the_column_or_row() -> None:
    with pytest.raises(pt.DataError, match="unknown column 'measurement'"):
        pt.ObservationLog.from_frame(pd.DataFrame({"measurement": ["m"], "period": [1]}))
    indexed = pd.DataFrame(
        {"period": ["2024"], "value": [1]}, index=pd.Index(["m"], name="measure")
    )
    with pytest.raises(pt.DataError, match="missing column measure"):
        pt.ObservationLog.from_frame(indexed)
    labelled = pd.DataFrame({"measure": ["m"], "period": ["2024"], "value": ["x"]}, index=[41])
    with pytest.raises(pt.DataError, match=r"rows\[41\]\.value"):
        pt.ObservationLog.from_frame(labelled)
    with pytest.raises(TypeError, match="expected a pandas DataFrame"):
        pt.ObservationLog.from_frame([{"measure": "m"}])


def test_conflicting_records_are_located() -> None:
    with pytest.raises(pt.DataError, match=r"records\[0\].*records\[1\]"):
        pt.ObservationLog.from_records(
            [
                {"measure": "m", "period": "2024", "value": 1},
                {"measure": "m", "period": "2024", "value": 2},
            ]
        )


# --- series -----------------------------------------------------------------------------


def test_series_gives_each_periods_observed_expected_and_required_value() -> None:
    card = scenario.scorecard()
    later = card.for_target("digital-platforms")[-1]
    rows = later.series()
    assert [r["period"] for r in rows] == [str(year) for year in range(2023, 2031)]
    assert [r["observed_exact"] for r in rows] == ["1/3", "2/3", "2/3", *[None] * 5]
    assert [r["required_exact"] for r in rows] == ["7/10"] * 3 + ["1"] * 5
    schedule = later.target.schedule
    for row in rows:
        exact = schedule.expected(pt.Period.parse(row["period"]))
        assert row["expected_exact"] == str(exact)
        assert row["expected"] == float(exact)
        assert row["observed"] == _float(row["observed_exact"])
    first = card.for_target("digital-platforms")[0].series()
    assert [r["period"] for r in first] == ["2023", "2024", "2025"]


def test_series_needs_an_evaluated_assessment() -> None:
    card = scenario.scorecard()
    made = pt.Assessment(
        card.assessments[0].target, card.assessments[0].milestone, pt.Status.NO_DATA
    )
    with pytest.raises(ValueError, match="was not made by evaluate"):
        made.series()


# --- the scorecard keeps its log --------------------------------------------------------


def test_html_from_python_equals_the_command_line(tmp_path: Path) -> None:
    _, log, card = _plan77()
    assert card.observations is log
    out = tmp_path / "report.html"
    code = main(
        [
            "evaluate",
            str(PLAN77),
            *map(str, DATA77),
            "--as-of",
            "2026-01-01",
            "--format",
            "html",
            "--output",
            str(out),
        ]
    )
    assert code == 0
    page = render(card, "html")
    assert page == out.read_text(encoding="utf-8")
    assert page == render(card, "html", observations=log)
    # every observed point of every chart is drawn
    assert page.count('<circle class="chart-point"') == sum(
        1
        for target in card.plan.targets
        for row in card.headline(target.id).series()
        if row["observed"] is not None
    ) + page.count('<svg class="chart"')  # one legend dot per chart


# --- reprs -----------------------------------------------------------------------------


def _big_plan(count: int) -> pt.Plan:
    return pt.Plan(
        id="big",
        number="1/KH",
        title="A plan with many targets " * 10,
        issuer="Synthetic",
        issued=dt.date(2024, 1, 1),
        effective=dt.date(2024, 1, 1),
        targets=[
            pt.Target(
                id=f"target-{index}",
                title=f"Target {index}",
                rule=pt.Growth(measure=f"m{index}"),
                every=pt.Recurring(2024, 2040, "> 0%"),
            )
            for index in range(count)
        ],
    )


@pytest.mark.parametrize("count", [1, 500])
def test_reprs_fit_on_a_screen(count: int) -> None:
    plan = _big_plan(count)
    log = pt.ObservationLog(
        pt.Observation(f"m{i}", None, year, year - 2000)
        for i in range(count)
        for year in (2023, 2024)
    )
    card = pt.evaluate(plan, log, as_of=dt.date(2030, 1, 1))
    for shown in (repr(card), repr(plan), repr(log), repr(card.assessments[0])):
        lines = shown.splitlines()
        assert len(lines) <= MAX_LINES
        assert max(len(line) for line in lines) <= 120
    assert repr(card).startswith("<Scorecard 1/KH (big) as of 2030-01-01")
    if count > MAX_LINES:
        assert "more targets" in repr(card).splitlines()[-1]
    page = card._repr_html_()
    assert page.count("<tr>") <= MAX_ROWS + 1
    assert len(page) < 100_000


def test_scorecard_html_shows_status_symbols_and_sparklines() -> None:
    _, log, card = _plan77()
    page = card._repr_html_()
    assert page.startswith(f'<div class="{ROOT_CLASS} compact"')
    for assessment in card.headlines():
        assert pt.report.labels.STATUS_SYMBOLS[assessment.status] in page
    assert page.count('<svg class="sparkline"') == len(card.plan.targets)
    assert "MINH HỌA" in page  # the data's first note stays in sight
    assert_scoped(page)
    for shown in (card.assessments[0]._repr_html_(), card.plan._repr_html_(), log._repr_html_()):
        assert shown.startswith(f'<div class="{ROOT_CLASS} compact"')
        assert_scoped(shown)
    assert "press-consumption" in log._repr_html_()


# --- HTML fragments ----------------------------------------------------------------------


def _selectors(css: str) -> list[str]:
    """Every selector of every rule in ``css``, inside at-rule blocks too."""
    found: list[str] = []
    depth_stack: list[bool] = []  # whether each open block holds rules
    buffer = ""
    for char in css:
        if char == "{":
            prelude = buffer.strip()
            buffer = ""
            if prelude.startswith("@"):
                found.append(prelude)
                depth_stack.append(True)
            else:
                found.extend(part.strip() for part in prelude.split(","))
                depth_stack.append(False)
        elif char == "}":
            depth_stack.pop()
            buffer = ""
        elif char == ";" and depth_stack and not depth_stack[-1]:
            buffer = ""
        else:
            buffer += char
    return found


def assert_scoped(fragment: str) -> None:
    styles = re.findall(r"<style>(.*?)</style>", fragment, flags=re.S)
    assert len(styles) == 1
    selectors = _selectors(styles[0])
    assert selectors
    for selector in selectors:
        if selector.startswith("@"):
            assert selector.startswith("@media"), selector
            continue
        assert re.match(rf"\.{ROOT_CLASS}(?![\w-])", selector), selector
        assert not re.search(r"(^|[\s>+~,])(html|body|:root)\b", selector), selector


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_fragment_has_no_global_selectors(lang: str) -> None:
    card = scenario.enriched_scorecard()
    fragment = render(card, "html", lang=lang, fragment=True)
    assert fragment.startswith(f'<div class="{ROOT_CLASS}" lang="{lang}">\n<style>')
    assert fragment.endswith("</div>\n")
    assert "<html" not in fragment
    assert "<body" not in fragment
    assert "@page" not in fragment
    assert_scoped(fragment)
    # the same report as the page's, inside one element
    page = render(card, "html", lang=lang)
    body = page.split("<body>\n", 1)[1].rsplit("</body>", 1)[0]
    assert fragment.replace(re.search(r"<style>.*?</style>\n", fragment, re.S)[0], "") == body


def test_scope_css_refuses_rules_for_the_whole_page() -> None:
    with pytest.raises(ValueError, match="@page"):
        scope_css("@page { size: A4; }")
    with pytest.raises(ValueError, match="unbalanced"):
        scope_css("th { color: red;")
    assert scope_css("@media print { & { x: 1; } td { y: 2; } }", "r") == (
        "@media print {\n  .r { x: 1; }\n  .r td { y: 2; }\n}"
    )


def test_notices_are_said_once() -> None:
    note = "ILLUSTRATIVE figures, not published data."
    plan = scenario.plan()
    log = pt.ObservationLog(list(scenario.observations()), notes=[note]) + pt.ObservationLog(
        notes=[note, "Another note."]
    )
    card = pt.evaluate(plan, log, as_of=AS_OF)
    texts = [str(n) for n in card.notices]
    assert texts.count(note) == 1
    assert len(texts) == len(set(texts))
    assert "Another note." in texts
    page = render(card, "html", lang="en")
    assert page.count(f"<li>{note}</li>") == 1
    assert '<details class="notices" open' in page
