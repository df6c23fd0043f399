"""The columnar observation log against a naive oracle, and the data-file reader's contracts:
numbers never misread, semicolon files, every data error in one pass."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from fractions import Fraction
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.reference_log import ReferenceLog
from tests.strategies import ORACLE_MEASURES, ORACLE_UNITS, oracle_observations, oracle_plan

import policytargets as pt
from policytargets import assess
from policytargets.cli import main
from policytargets.errors import SHOWN_PROBLEMS
from policytargets.io import load_observations, loads_observations
from policytargets.report import render
from policytargets.targets import base

D = dt.date
HEADER = "measure,unit,period,value,source,recorded\n"
PLAN = Path(__file__).parent / "fixtures" / "plans" / "valid_plan.toml"

# --- the oracle: identical scorecards ---------------------------------------------------------


def outcome(plan: pt.Plan, log_type: type[pt.ObservationLog], rows: list[pt.Observation],
            as_of: dt.date, known_at: dt.date | None) -> str:  # fmt: skip
    try:
        log = log_type(rows, notes=["synthetic"])
        card = pt.evaluate(plan, log, as_of=as_of, known_at=known_at)
    except pt.DataError as error:
        return "\n".join(problem.message for problem in error.problems)
    return render(card, "json")


# Rows, carry forward or not, an as-of date and a knowledge date (or none).
SCORECARD_CASES = (
    oracle_observations(),
    st.booleans(),
    st.dates(D(2022, 1, 1), D(2027, 12, 31)),
    st.none() | st.dates(D(2022, 1, 1), D(2027, 12, 31)),
)


@given(*SCORECARD_CASES)
def test_the_columnar_log_and_the_naive_oracle_give_identical_scorecards(
    rows: list[pt.Observation], carry_forward: bool, as_of: dt.date, known_at: dt.date | None
) -> None:
    plan = oracle_plan(carry_forward)
    expected = outcome(plan, ReferenceLog, rows, as_of, known_at)
    assert outcome(plan, pt.ObservationLog, rows, as_of, known_at) == expected


@given(*SCORECARD_CASES)
def test_reading_every_unit_through_a_whole_column_gives_the_same_scorecards(
    rows: list[pt.Observation], carry_forward: bool, as_of: dt.date, known_at: dt.date | None
) -> None:
    # Many units are read through a column of the log, a few one by one: the oracle's four
    # units go through the columns here too.
    plan = oracle_plan(carry_forward)
    expected = outcome(plan, ReferenceLog, rows, as_of, known_at)
    with mock.patch.object(base, "COLUMN_UNITS", 0), mock.patch.object(assess, "COLUMN_UNITS", 0):
        assert outcome(plan, pt.ObservationLog, rows, as_of, known_at) == expected


@pytest.mark.parametrize("revised", [("u1",), ("u0", "u1", "u2")])
def test_every_version_of_a_row_after_the_as_of_date_is_named(revised: tuple[str, ...]) -> None:
    # Rows for 2025, read as of mid-2024: none counts, every version is named; the log finds
    # them in its index (fewer revised units than units, or as many), the oracle row by row.
    units = [pt.Unit(f"u{n}", f"U{n}") for n in range(3)]
    plan = pt.Plan(
        id="after",
        number="1/KH",
        title="After (synthetic)",
        issuer="Test",
        issued=D(2022, 1, 1),
        effective=D(2022, 1, 1),
        populations=[pt.Population("p", "P", units)],
        targets=[
            pt.Target(
                id="ok",
                title="OK",
                rule=pt.ThresholdShare(population="p", measure="ok"),
                milestones=[pt.Milestone(2025, ">= 50%")],
            )
        ],
    )
    rows = [pt.Observation("ok", unit.id, 2025, True, "s", D(2025, 3, 1)) for unit in units]
    rows += [pt.Observation("ok", unit, 2025, False, "r", D(2025, 6, 1)) for unit in revised]
    expected = outcome(plan, ReferenceLog, rows, D(2024, 6, 30), None)
    assert outcome(plan, pt.ObservationLog, rows, D(2024, 6, 30), None) == expected
    notices = [n for n in json.loads(expected)["notices"] if "after the as-of date" in n]
    assert len(notices) == 1
    assert notices[0].startswith(f"{len(rows)} rows")


@given(oracle_observations())
def test_the_columnar_log_answers_every_query_as_the_oracle(rows: list[pt.Observation]) -> None:
    try:
        reference = ReferenceLog(rows)
    except pt.DataError:
        with pytest.raises(pt.DataError):
            pt.ObservationLog(rows)
        return
    log = pt.ObservationLog(rows)
    assert list(log) == list(reference)
    assert log.measures == reference.measures
    for measure in ORACLE_MEASURES:
        assert log.units(measure) == reference.units(measure)
        assert log.value_kinds(measure) == reference.value_kinds(measure)
        assert log.measure_periods(measure) == reference.measure_periods(measure)
        assert list(log.rows(measure)) == list(reference.rows(measure))
        for period in log.measure_periods(measure):
            for known in (None, D(2023, 1, 1), D(2024, 12, 1)):
                column = log.column(measure, period, known_at=known)
                assert column == reference.column(measure, period, known_at=known)
                assert log.values(column.values()) == reference.values(column.values())
        for unit in [None, *(u.id for u in ORACLE_UNITS)]:
            assert log.periods(measure, unit) == reference.periods(measure, unit)
            for period in log.periods(measure, unit):
                assert log.history(measure, unit, period) == reference.history(
                    measure, unit, period
                )
                for known in (None, D(2023, 1, 1), D(2024, 12, 1)):
                    assert log.get(measure, unit, period, known_at=known) == reference.get(
                        measure, unit, period, known_at=known
                    )
                    assert log.latest_until(
                        measure, unit, period.end, known_at=known, starts_by=D(2025, 1, 1)
                    ) == reference.latest_until(
                        measure, unit, period.end, known_at=known, starts_by=D(2025, 1, 1)
                    )


@given(oracle_observations(), st.data())
def test_evidence_is_the_tuple_of_the_observations_of_its_rows(
    rows: list[pt.Observation], data: st.DataObject
) -> None:
    try:
        log = pt.ObservationLog(rows)
    except pt.DataError:
        return
    cited = data.draw(st.lists(st.integers(0, len(log) - 1)) if len(log) else st.just([]))
    evidence = pt.Evidence(log, cited)
    expected = tuple(rows[row] for row in cited)
    assert evidence == expected
    assert expected == evidence
    assert hash(evidence) == hash(expected)
    assert repr(evidence) == repr(expected)
    assert (len(evidence), bool(evidence)) == (len(expected), bool(expected))
    assert tuple(evidence) == expected
    assert evidence[1:] == expected[1:]
    assert isinstance(evidence[1:], tuple)
    if expected:
        assert evidence[-1] == expected[-1]
        assert evidence[-1] is not evidence[-1]  # built when looked at, never kept
    assert evidence != list(expected)  # as a tuple is not equal to a list
    assert evidence == pt.Evidence(log, cited)
    assert evidence == pt.Evidence(pt.ObservationLog(rows), cited)
    assert (evidence.log, evidence.rows) == (log, tuple(cited))


def test_a_shares_evidence_cites_each_units_observation_without_building_it() -> None:
    rows = [pt.Observation("ok", f"u{n}", 2024, n % 3 == 0, "s") for n in range(40)]
    log = pt.ObservationLog(rows)
    population = pt.Population("all", "All", tuple(pt.Unit(f"u{n}", f"U{n}") for n in range(40)))
    share = pt.ThresholdShare(population="all", measure="ok")
    context = pt.Context(log, {"all": population}, as_of=D(2025, 1, 1))
    reading = share.read(pt.Period.year(2024), context)
    assert isinstance(reading, pt.Reading)
    assert isinstance(reading.evidence, pt.Evidence)
    assert reading.evidence == tuple(rows)
    assert reading.value == Fraction(14, 40)


# --- reading files ----------------------------------------------------------------------------


def csv_text(rows: list[pt.Observation]) -> str:
    lines = [HEADER.rstrip("\n")]
    for o in rows:
        value = pt.quantities.value_text(o.value)
        recorded = o.recorded.isoformat() if o.recorded else ""
        lines.append(f"{o.measure},{o.unit or ''},{o.period},{value},{o.source},{recorded}")
    return "\n".join(lines) + "\n"


@given(oracle_observations())
def test_loading_the_same_csv_twice_gives_equal_logs(rows: list[pt.Observation]) -> None:
    text = csv_text(rows)
    try:
        first = loads_observations(text, name="a.csv")
    except pt.DataError as error:
        problems = error.problems
    else:
        problems = ()
    if problems:
        with pytest.raises(pt.DataError) as again:
            loads_observations(text, name="a.csv")
        assert again.value.problems == problems
        return
    second = loads_observations(text, name="a.csv")
    assert first == second
    assert first == pt.ObservationLog(rows, notes=())
    assert [row.origin for row in first.rows()] == [f"a.csv:{n + 2}" for n in range(len(rows))]


def test_rows_carry_their_file_and_line_without_building_observations() -> None:
    log = loads_observations(HEADER + 'm,u,2024,1,s,\n\nm,v,2024,"1,5",s,\n', name="d.csv")
    rows = list(log.rows())
    assert [(r.unit, r.value, r.file, r.line) for r in rows] == [
        ("u", Fraction(1), "d.csv", 2),
        ("v", Fraction(3, 2), "d.csv", 4),
    ]
    assert rows[1].origin == "d.csv:4"
    assert log.observation(rows[1].position).origin == "d.csv:4"
    assert [r.position for r in log.rows("m")] == [0, 1]
    assert list(log.rows("other")) == []


NUMBERS = [
    ("1250", Fraction(1250)),
    ('"1250,5"', Fraction(2501, 2)),
    ("1250.5", Fraction(2501, 2)),
    ('"0,125"', Fraction(1, 8)),
    ('"66,7%"', Fraction(667, 1000)),
    ('"1.250,5"', Fraction(2501, 2)),
    ('"1,250.5"', Fraction(2501, 2)),
    ("1.250.000", Fraction(1250000)),
    ('"1,250,000"', Fraction(1250000)),
    ("-1.250.000", Fraction(-1250000)),
    ("0.125", Fraction(1, 8)),
    ("12500.5", Fraction(25001, 2)),
]


@pytest.mark.parametrize(("written", "expected"), NUMBERS)
def test_data_file_numbers_read_as_written(written: str, expected: Fraction) -> None:
    (observation,) = loads_observations(HEADER + f"m,u,2024,{written},,\n")
    assert observation.value == expected


@pytest.mark.parametrize("written", ["1.250", '"1,250"', "12.345", '"999,000%"'])
def test_a_separator_that_may_group_thousands_is_ambiguous_with_a_hint(written: str) -> None:
    with pytest.raises(pt.DataError) as error:
        loads_observations(HEADER + f"m,u,2024,{written},,\n", name="d.csv")
    (problem,) = error.value.problems
    assert (problem.file, problem.line, problem.path) == ("d.csv", 2, "value")
    assert "is ambiguous" in problem.message
    assert '# decimal = "."' in problem.message


@pytest.mark.parametrize(
    ("declared", "written", "expected"),
    [
        (",", "1.250", Fraction(1250)),
        (",", '"1,250"', Fraction(5, 4)),
        (".", "1.250", Fraction(5, 4)),
        (".", '"1,250"', Fraction(1250)),
        (".", '"1,250,000.5"', Fraction(2500001, 2)),
    ],
)
def test_a_declared_decimal_separator_settles_it(
    declared: str, written: str, expected: Fraction
) -> None:
    text = f'# Illustrative.\n# decimal = "{declared}"\n{HEADER}m,u,2024,{written},,\n'
    log = loads_observations(text)
    (observation,) = log
    assert observation.value == expected
    assert log.notes == ("Illustrative.",)  # the declaration is not a note for readers


def test_a_declared_separator_refuses_numbers_that_contradict_it() -> None:
    text = f'# decimal = "."\n{HEADER}m,u,2024,"1,25",,\n'
    with pytest.raises(pt.DataError, match=r"declares '\.'"):
        loads_observations(text)


def test_a_bad_declaration_is_located() -> None:
    with pytest.raises(pt.DataError) as error:
        loads_observations(f"# decimal = comma\n{HEADER}m,u,2024,1,,\n", name="d.csv")
    assert (error.value.problems[0].line, error.value.problems[0].file) == (1, "d.csv")


@pytest.mark.parametrize("written", ["৪", "١٢", "１２"])
def test_digits_of_other_scripts_are_refused_not_misread(written: str) -> None:
    with pytest.raises(pt.DataError, match="digits 0-9") as error:
        loads_observations(HEADER + f"m,u,2024,{written},,\n")
    assert error.value.problems[0].line == 2
    with pytest.raises(ValueError, match="digits 0-9"):
        pt.parse_number(written)


def test_decomposed_unicode_is_read_as_composed() -> None:
    decomposed = unicodedata.normalize("NFD", "có")
    assert decomposed != "có"
    text = HEADER + f"m,{unicodedata.normalize('NFD', 'đài-tỉnh')},2024,{decomposed},,\n"
    (observation,) = loads_observations(text)
    assert observation.value is True
    assert observation.unit == "đài-tỉnh"
    assert pt.parse_value(decomposed) is True


def test_semicolon_separated_files_read_like_comma_separated_ones() -> None:
    text = "# Illustrative.\nmeasure;unit;period;value;source;recorded\n"
    text += "m;u;2024;1250,5;Báo cáo; 10/12/2024\nm;v;2024;66,7%;;\n"
    log = loads_observations(text, name="d.csv")
    assert [(o.unit, o.value, o.origin) for o in log] == [
        ("u", Fraction(2501, 2), "d.csv:3"),
        ("v", Fraction(667, 1000), "d.csv:4"),
    ]
    assert log.get("m", "u", pt.Period.year(2024)) == pt.Observation(
        "m", "u", 2024, Fraction(2501, 2), "Báo cáo", D(2024, 12, 10)
    )


def test_plan_files_keep_the_decimal_point_and_refuse_an_ambiguous_comma() -> None:
    assert pt.parse_number("1.250") == Fraction(5, 4)
    assert pt.parse_number("66,7%") == Fraction(667, 1000)
    with pytest.raises(ValueError, match="ambiguous"):
        pt.parse_number("1,250")


# --- every data error in one pass -------------------------------------------------------------


def test_every_data_error_is_reported_in_one_pass_with_its_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "data.csv"
    data.write_text(
        HEADER
        + "publishes-online,paper,2024-Q5,true,,\n"  # 2: a bad period
        + "publishes-online,nobody,2025,true,,\n"  # 3: an unknown unit
        + "revenue,magazine,2025,yes,,\n"  # 4: a yes/no value for a number
        + "publishes-online,paper,2024\n"  # 5: a malformed row
        + "publishes-online,radio,2024,true,,2024-12-01\n"
        + "publishes-online,radio,2024,false,,2024-12-01\n"  # 7: a conflict
        + "publishes-online,nobody,2026,true,,\n",  # 8: the same unknown unit
        encoding="utf-8",
    )
    code = main(["evaluate", str(PLAN), str(data), "--as-of", "2026-01-01"])
    err = capsys.readouterr().err.splitlines()
    assert code == 1
    assert err == [
        f"{data}:2: period: '2024-Q5' is not a period (expected a year 2025, a quarter 2024-Q3, "
        "a month 2024-06 or a date 2024-06-30)",
        f"{data}:5: expected 6 fields, found 3",
        f"{data}:7: conflicting observations for the same measure, unit and period: "
        f"publishes-online / radio / 2024 = true ({data}:6) and publishes-online / radio / "
        f"2024 = false ({data}:7); a revision needs a later 'recorded' date",
        f"{data}:3: unknown unit 'nobody' in observations of 'publishes-online' (and 1 more rows)",
        f"{data}:4: revenue / magazine / 2025 = true: 'revenue' takes a number",
    ]


def test_a_long_list_of_errors_is_capped_without_hiding_the_count(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "data.csv"
    bad = SHOWN_PROBLEMS + 1234
    data.write_text(HEADER + "m,u,someday,1,,\n" * bad, encoding="utf-8")
    with pytest.raises(pt.DataError) as error:
        load_observations(data)
    assert len(error.value.problems) == bad  # every problem is kept
    assert str(error.value).endswith(f"... and 1,234 more problems ({bad:,} in all)")
    assert main(["evaluate", str(PLAN), str(data), "--as-of", "2026-01-01"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == SHOWN_PROBLEMS + 1
    assert err[-1] == f"... and 1,234 more problems ({bad:,} in all)"
