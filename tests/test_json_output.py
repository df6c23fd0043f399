"""JSON output: byte for byte what ``json.dumps`` writes, indented or compact, and streamed."""

from __future__ import annotations

import datetime as dt
import io
import json
from fractions import Fraction
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


def _citing(card: pt.Scorecard, evidence: tuple[pt.Observation, ...]) -> pt.Scorecard:
    first = next(a for a in card.assessments if a.reading is not None)
    assert first.reading is not None
    reading = attrs.evolve(first.reading, evidence=evidence, carried_forward=("unit-1",))
    return attrs.evolve(card, assessments=(attrs.evolve(first, reading=reading),))


def test_evidence_of_every_shape_is_exactly_what_json_dumps_writes() -> None:
    card = report_scenario.enriched_scorecard()
    evidence = tuple(
        pt.Observation(
            "m",
            None if n == 5 else f"unit-{n % 7}",  # a plan-wide value, repeated units
            pt.Period.year(2024) if n % 2 else pt.Period.quarter(2024, n % 4 + 1),
            (n % 3 == 0) if n % 5 else Fraction(n, 7),
            source=f"{n}% of %s báo cáo",  # template characters and Vietnamese in a value
            recorded=None if n % 4 else dt.date(2025, 1, 1 + n % 28),
        )
        for n in range(3000)
    )
    many = _citing(card, evidence)
    for compact in (False, True):
        assert render_json(many, compact=compact) == expected(many, compact=compact)


class _Noted(pt.Observation):
    """An observation whose dictionary has one more key."""

    def to_dict(self) -> dict[str, str | None]:
        return {**super().to_dict(), "noted": "yes"}


@attrs.frozen
class _OwnReading(pt.Reading):
    """A reading of a target type of one's own."""


def test_evidence_and_missing_reports_whose_dictionaries_change_are_written_as_they_are(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    card = report_scenario.enriched_scorecard()
    plain = tuple(pt.Observation("m", f"unit-{n}", 2024, n % 2 == 0) for n in range(3000))
    noted = (*plain[:2100], _Noted("m", "unit-x", 2024, True), *plain[2100:])
    numbered = (*plain[:2100], pt.Observation("m", "unit-x", 2024, True, source=7))  # type: ignore[arg-type]
    reports = tuple(
        pt.MissingReport(f"unit-{n}", "m", pt.Period.year(2024), dt.date(2024, 12, 15), ("t",))
        for n in range(3000)
    )
    for evidence in (plain, noted, numbered):
        many = attrs.evolve(_citing(card, evidence), missing_reports=reports)
        for compact in (False, True):
            assert render_json(many, compact=compact) == expected(many, compact=compact)
    # A reading of a class of its own.
    first = next(a for a in card.assessments if a.reading is not None)
    assert first.reading is not None
    own = _OwnReading(**attrs.asdict(first.reading, recurse=False) | {"evidence": plain})
    mine = attrs.evolve(card, assessments=(attrs.evolve(first, reading=own),))
    for compact in (False, True):
        assert render_json(mine, compact=compact) == expected(mine, compact=compact)
    # A key added to every dictionary, and a value written differently.
    original = pt.Observation.to_dict
    monkeypatch.setattr(pt.Observation, "to_dict", lambda o: {**original(o), "extra": 1})
    monkeypatch.setattr(
        pt.MissingReport, "to_dict", lambda m: {"unit": m.unit.upper(), "measure": m.measure}
    )
    many = attrs.evolve(_citing(card, plain), missing_reports=reports)
    for compact in (False, True):
        assert render_json(many, compact=compact) == expected(many, compact=compact)
