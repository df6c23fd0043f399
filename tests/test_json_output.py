"""JSON output: byte for byte what ``json.dumps`` writes, indented or compact, and streamed."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests import report_scenario
from tests.strategies import oracle_observations, oracle_plan

import policytargets as pt
from policytargets.cli import main
from policytargets.report import render
from policytargets.report.json_report import render_json, write_json

PLAN = Path(__file__).parent / "fixtures" / "plans" / "valid_plan.toml"
DATA = Path(__file__).parent / "fixtures" / "data"


def expected(card: pt.Scorecard, *, compact: bool = False) -> str:
    if compact:
        return json.dumps(card.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n"
    return json.dumps(card.to_dict(), ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("compact", [False, True])
def test_json_is_exactly_what_json_dumps_writes(compact: bool) -> None:
    for card in (report_scenario.scorecard(), report_scenario.enriched_scorecard()):
        assert render_json(card, compact=compact) == expected(card, compact=compact)
        assert render(card, "json", compact=compact) == expected(card, compact=compact)
        stream = io.StringIO()
        write_json(card, stream, compact=compact)
        assert stream.getvalue() == expected(card, compact=compact)


@given(oracle_observations(), st.dates(dt.date(2022, 1, 1), dt.date(2027, 12, 31)))
def test_json_of_generated_scorecards_is_exactly_what_json_dumps_writes(
    rows: list[pt.Observation], as_of: dt.date
) -> None:
    try:
        card = pt.evaluate(oracle_plan(True), pt.ObservationLog(rows), as_of=as_of)
    except pt.DataError:
        return
    assert render_json(card) == expected(card)
    assert render_json(card, compact=True) == expected(card, compact=True)


def test_compact_json_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = [tmp_path / "indented.json", tmp_path / "compact.json"]
    for path, flags in zip(paths, ([], ["--compact"]), strict=True):
        argv = [str(PLAN), str(DATA / "observations.csv"), "--as-of", "2026-01-01"]
        assert main(["evaluate", *argv, "--format", "json", *flags, "--output", str(path)]) == 0
    indented, compact = (path.read_text(encoding="utf-8") for path in paths)
    assert json.loads(indented) == json.loads(compact)
    assert indented.startswith('{\n  "plan": {\n')
    assert compact.startswith('{"plan":{"id":')
    assert len(compact) < len(indented)
    assert capsys.readouterr().out == ""


def test_long_lists_of_missing_reports_are_exactly_what_json_dumps_writes() -> None:
    card = report_scenario.enriched_scorecard()
    reports = [
        pt.MissingReport(
            f"unit-{n}" if n != 700 else "a \x01 unit",  # the encoder's placeholder character
            "revenue",
            pt.Period.year(2024 + n % 3),
            dt.date(2024, 12, 15),
            ("t1", "t2")[: n % 3],
        )
        for n in range(1100)
    ]
    many = attrs.evolve(card, missing_reports=tuple(reports))
    for compact in (False, True):
        assert render_json(many, compact=compact) == expected(many, compact=compact)


def test_assessments_citing_long_lists_are_exactly_what_json_dumps_writes() -> None:
    card = report_scenario.enriched_scorecard()
    first = next(a for a in card.assessments if a.reading is not None)
    assert first.reading is not None
    evidence = tuple(
        pt.Observation("m", f"unit-{n}", 2024, n % 2 == 0, source="a \x01 report" * (n == 9))
        for n in range(1100)
    )
    reading = attrs.evolve(
        first.reading,
        evidence=evidence,
        unreported_units=tuple(f"u{n}" for n in range(600)),
        carried_forward=("unit-3",),
    )
    long = attrs.evolve(first, reading=reading)
    many = attrs.evolve(card, assessments=(long, *card.assessments, long))
    for compact in (False, True):
        assert render_json(many, compact=compact) == expected(many, compact=compact)
        stream = io.StringIO()
        write_json(many, stream, compact=compact)
        assert stream.getvalue() == expected(many, compact=compact)
