"""Observation CSV files: notes, exact values, every bad row located, revisions and conflicts."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import tempfile
from fractions import Fraction
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.strategies import csv_files

import policytargets as pt
from policytargets.io import load_observations, loads_observations, observation_files

DATA = Path(__file__).parent / "fixtures" / "data"
PLANS = Path(__file__).parent / "fixtures" / "plans"

HEADER = "measure,unit,period,value,source,recorded\n"


def test_a_file_with_bom_notes_and_any_column_order_is_read() -> None:
    path = DATA / "observations.csv"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    log = load_observations(path)

    assert len(log) == 18
    assert log.notes == (
        "Số liệu minh họa (illustrative figures).",
        "Values use the Vietnamese decimal comma where quoted.",
    )
    first = log.get("publishes-online", "paper", pt.Period.year(2024))
    assert first == pt.Observation(
        "publishes-online",
        "paper",
        2024,
        True,
        source="Báo cáo 15/12/2024",
        recorded=dt.date(2024, 12, 10),
    )
    assert first is not None
    assert first.origin == f"{path}:5"
    radio = log.get("publishes-online", "radio", pt.Period.year(2024))
    assert radio is not None
    assert (radio.value, radio.recorded) == (False, dt.date(2024, 12, 10))  # "10/12/2024"
    magazine = log.get("publishes-online", "magazine", pt.Period.year(2024))
    assert magazine is not None
    assert (magazine.source, magazine.origin) == ("", f"{path}:7")
    # the blank line 8 is skipped and does not shift later lines
    later = log.get("publishes-online", "magazine", pt.Period.year(2025))
    assert later is not None
    assert later.origin == f"{path}:9"


def test_values_are_exact_with_comma_decimals_and_percentages() -> None:
    log = load_observations(DATA / "observations.csv")
    year = pt.Period.year(2025)

    def value(measure: str, unit: str | None) -> object:
        found = log.get(measure, unit, year)
        assert found is not None
        return found.value

    assert value("revenue", "magazine") == Fraction(9, 20)  # "0,45"
    assert value("rural-consumption", None) == Fraction(77, 200)  # "38,5%"
    assert value("consumption", None) == 1  # "100%"
    assert value("new-articles", None) == 18250
    relicensed = log.get("relicensed", "magazine", pt.Period.quarter(2025, 2))
    assert relicensed is not None
    assert relicensed.value is True


def test_every_bad_row_is_reported_with_file_line_and_column() -> None:
    path = DATA / "bad_rows.csv"
    with pytest.raises(pt.DataError) as error:
        load_observations(path)
    found = [(p.file, p.line, p.path) for p in error.value.problems]
    assert found == [
        (str(path), 3, "period"),
        (str(path), 4, "value"),
        (str(path), 5, "measure"),
        (str(path), 6, ""),
        (str(path), 8, "recorded"),
    ]
    messages = [p.message for p in error.value.problems]
    assert "'2024-Q5' is not a period" in messages[0]
    assert "'maybe' is not a number" in messages[1]
    assert messages[2] == "missing measure"
    assert messages[3] == "expected 6 fields, found 4"
    assert isinstance(error.value, ValueError)


def test_several_problems_in_one_row_are_all_reported() -> None:
    with pytest.raises(pt.DataError) as error:
        loads_observations(HEADER + ",u,someday,lots,,yesterday\n", name="d.csv")
    assert [(p.line, p.path) for p in error.value.problems] == [
        (2, "measure"),
        (2, "period"),
        (2, "value"),
        (2, "recorded"),
    ]
    assert str(error.value.problems[0]) == "d.csv:2: measure: missing measure"


def test_lines_count_quoted_fields_that_span_lines() -> None:
    text = HEADER + 'm,u,2024,1,"a source\non two lines",\nm,u,2025,x,,\n'
    with pytest.raises(pt.DataError) as error:
        loads_observations(text)
    assert [p.line for p in error.value.problems] == [4]


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("measure,unit,period,valeu\n", "unknown column 'valeu' (did you mean 'value'?)"),
        ("measure,unit,period\n", "missing column value"),
        ("measure,period\n", "missing columns unit, value"),
        ("measure,unit,period,value,value\n", "the column appears twice"),
        ("# only a note\n\n", "no header row"),
        ("", "no header row"),
    ],
)
def test_a_bad_header_is_reported(header: str, message: str) -> None:
    with pytest.raises(pt.DataError) as error:
        loads_observations(header + "m,u,2024,1\n" if header.endswith(",value\n") else header)
    assert any(message in str(p) for p in error.value.problems), error.value.problems


def test_optional_columns_may_be_left_out() -> None:
    log = loads_observations('period,value,unit,measure\n2024,"66,7%",,share\n')
    (observation,) = log
    assert observation == pt.Observation("share", None, 2024, Fraction(667, 1000))
    assert (observation.source, observation.recorded) == ("", None)


def test_blank_lines_and_rows_of_empty_cells_are_skipped_nothing_else() -> None:
    log = loads_observations(HEADER + "\n,,,,,\nm,u,2024,1,,\n\n", name="d.csv")
    assert [o.origin for o in log] == ["d.csv:4"]


def test_a_note_after_the_header_is_an_error_not_a_silent_skip() -> None:
    with pytest.raises(pt.DataError, match="may only come before the header"):
        loads_observations(HEADER + "# m,u,2024,1,,\n")


def test_a_revision_in_another_file_replaces_the_value_from_its_recorded_date() -> None:
    log = load_observations(DATA / "observations.csv", DATA / "revisions.csv")
    year = pt.Period.year(2025)
    current = log.get("revenue", "magazine", year)
    assert current is not None
    assert current.value == Fraction(13, 25)  # "0,52", the audited figure
    before = log.get("revenue", "magazine", year, known_at=dt.date(2026, 1, 1))
    assert before is not None
    assert before.value == Fraction(9, 20)
    assert [o.origin for o in log.history("revenue", "magazine", year)] == [
        f"{DATA / 'observations.csv'}:13",
        f"{DATA / 'revisions.csv'}:3",
    ]
    assert log.notes[-1] == "One revision: the magazine's 2025 revenue as audited."


def test_a_conflict_across_two_files_names_both_rows() -> None:
    with pytest.raises(pt.DataError) as error:
        load_observations(DATA / "observations.csv", DATA / "conflict.csv")
    (problem,) = error.value.problems
    assert f"{DATA / 'observations.csv'}:13" in problem.message
    assert f"{DATA / 'conflict.csv'}:2" in problem.message


def test_bad_rows_and_conflicts_are_reported_together(tmp_path: Path) -> None:
    first = tmp_path / "a.csv"
    second = tmp_path / "b.csv"
    first.write_text(HEADER + "m,u,2024,1,,2024-12-01\nm,u,2024x,1,,\n", encoding="utf-8")
    second.write_text(HEADER + "m,u,2024,2,,2024-12-01\n", encoding="utf-8")
    with pytest.raises(pt.DataError) as error:
        load_observations(first, second)
    assert len(error.value.problems) == 2
    assert (error.value.problems[0].file, error.value.problems[0].line) == (str(first), 3)
    assert "conflicting observations" in error.value.problems[1].message


def test_the_same_note_in_two_files_is_kept_once(tmp_path: Path) -> None:
    paths = [tmp_path / "a.csv", tmp_path / "b.csv"]
    for number, path in enumerate(paths):
        path.write_text(f"# Illustrative.\n{HEADER}m,u,{2020 + number},1,,\n", encoding="utf-8")
    assert load_observations(*paths).notes == ("Illustrative.",)


def test_a_file_that_is_not_utf8_is_a_data_error(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes((HEADER + "m,u,2024,1,Báo cáo,\n").encode("latin-1"))
    with pytest.raises(pt.DataError, match="not UTF-8") as error:
        load_observations(path)
    assert error.value.problems[0].line == 2


def test_bad_utf8_after_a_byte_order_mark_is_located_on_its_own_line(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + (HEADER + "m,u,2024,1,,\n").encode() + b"\xff\n")
    with pytest.raises(pt.DataError, match="not UTF-8") as error:
        load_observations(path)
    assert error.value.problems[0].line == 3


def test_bad_utf8_late_in_a_file_voids_its_rows_and_notes_but_not_other_files(
    tmp_path: Path,
) -> None:
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text(f"# Good.\n{HEADER}m,u,2023,1,,\n", encoding="utf-8")
    rows = "".join(f"m,u{number},2024,1,,\n" for number in range(5000))
    bad.write_bytes(f"# Bad.\n{HEADER}{rows}".encode() + b"m,u,2024,\xc3\n")
    log, problems = pt.read_observations(good, bad)
    assert [o.origin for o in log] == [f"{good}:3"]
    assert log.notes == ("Good.",)
    assert [(p.file, p.line, p.message.split(";")[0]) for p in problems] == [
        (str(bad), 5003, "not UTF-8 text (invalid continuation byte)")
    ]


CSV_PIECES = st.sampled_from(
    [
        *(HEADER, "m,u,2024,1,,\n", "m,u,2025,2,,2025-12-01\n", "# note\n", "x", "2024", ","),
        *("\r\n", "\r", "\n", '"', '"a\r\nb"', "e\u0301", "\u0323", "Báo cáo", "\ufeff"),
    ]
).map(str.encode) | st.sampled_from([b"\xff", b"\xc3", b"\xef\xbb"])


@given(st.lists(CSV_PIECES, max_size=30), st.integers(min_value=1, max_value=8))
def test_a_file_reads_the_same_however_its_bytes_arrive(pieces: list[bytes], size: int) -> None:
    data = b"".join(pieces)

    def read() -> tuple[list[tuple[str, str, str]], tuple[str, ...], list[str]]:
        log, problems = pt.read_observations(io.BytesIO(data))
        observations = [(o.describe(), o.source, str(o.recorded)) for o in log]
        return observations, log.notes, [str(problem) for problem in problems]

    whole = read()
    with mock.patch.object(observation_files, "_CHUNK", size):
        assert read() == whole


@given(st.lists(CSV_PIECES, max_size=30), st.integers(min_value=1, max_value=40))
def test_a_file_on_disk_reads_as_its_bytes_do_whatever_room_is_made_for_its_rows(
    pieces: list[bytes], size: int
) -> None:
    # Room for a file's rows is made from its size and the lines of its first bytes: too
    # much (short lines first) or too little (long lines first), the log is the same.
    data = b"".join(pieces)

    def described(path: Path | io.BytesIO) -> tuple[list[tuple[object, ...]], list[object]]:
        log, problems = pt.read_observations(path)
        rows = [(*row[1:7], row.line) for row in log.rows()]  # all but the file's name
        assert [row[:6] for row in rows] == [
            (o.measure, o.unit, o.period, o.value, o.source, o.recorded) for o in log
        ]
        return rows, [(p.message, p.path, p.line) for p in problems]

    expected = described(io.BytesIO(data))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data.csv"
        path.write_bytes(data)
        with mock.patch.object(observation_files, "_CHUNK", size):
            assert described(path) == expected


def test_a_missing_file_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_observations(tmp_path / "nowhere.csv")


def test_observations_from_files_evaluate_against_the_fixture_plan() -> None:
    plan = pt.load_plan(PLANS / "valid_plan.toml")
    log = load_observations(DATA / "observations.csv", DATA / "revisions.csv")
    card = pt.evaluate(plan, log, as_of=dt.date(2026, 6, 1))
    headline = card.headline("online")
    assert headline.status is pt.Status.ON_TRACK
    assert card.for_target("online")[0].status is pt.Status.ACHIEVED
    assert card.headline("revenue-growth").actual == Fraction(3, 10)  # 0,52 / 0,4 - 1
    assert str(card.notices[0]) == "Số liệu minh họa (illustrative figures)."


CSV_CELLS = st.sampled_from(
    ["m", "u", "2024", "2024-Q3", "true", "66,7%", '"1,5"', "", "#", "x", "2024-12-01", '"']
) | st.text(alphabet=st.characters(codec="utf-8"), max_size=6)


@given(st.text())
def test_random_text_raises_only_data_errors(text: str) -> None:
    with contextlib.suppress(pt.DataError):
        loads_observations(text)


@given(st.lists(st.lists(CSV_CELLS, min_size=0, max_size=8), max_size=8), st.booleans())
def test_random_csv_rows_raise_only_data_errors(rows: list[list[str]], header: bool) -> None:
    text = (HEADER if header else "") + "\n".join(",".join(row) for row in rows)
    try:
        log = loads_observations(text, name="fuzz.csv")
    except pt.DataError as error:
        lines = [p.line for p in error.problems]
        assert all(line is None or line >= 1 for line in lines)
    else:
        assert all(o.origin.startswith("fuzz.csv:") for o in log)


def test_an_empty_value_is_not_reported_and_said_so() -> None:
    log = loads_observations(
        HEADER + "m,a,2024,,,\nm,b,2024,true,,\nm,c,2024,,,\n", name="collect.csv"
    )
    assert [o.unit for o in log] == ["b"]
    assert log.notes == ("collect.csv: 2 rows with no value, read as not reported (lines 2, 4)",)


def _read_everything(text: str) -> tuple[object, ...]:
    log, problems = pt.read_observations(io.BytesIO(text.encode()))
    return tuple(log.rows()), log.notes, [str(problem) for problem in problems]


@given(csv_files(), st.integers(min_value=1, max_value=6))
def test_rows_read_in_bulk_read_as_csv_reads_them_one_by_one(text: str, lines: int) -> None:
    # Every line through csv, one at a time, each row checked on its own and located by
    # csv's count of lines: the reader as it would be without splitting lines itself or
    # reading rows in bulk.
    with (
        mock.patch.object(observation_files, "_ROWS", 1),
        mock.patch.object(observation_files, "_split", return_value=None),
        mock.patch.object(observation_files._Table, "in_columns", return_value=False),
    ):
        one_by_one = _read_everything(text)
    with mock.patch.object(observation_files, "_ROWS", lines):
        assert _read_everything(text) == one_by_one
    assert _read_everything(text) == one_by_one


def test_rows_before_bad_quoting_are_kept_and_lines_count_after_it() -> None:
    text = HEADER + 'm,u,2024,1,"two\nlines",\nm,u,"2025"x,1,,\nm,u,2026,2,,\nm,u,2027,y,,\n'
    log, problems = pt.read_observations(io.BytesIO(text.encode()))
    assert [row.line for row in log.rows()] == [2, 5]
    assert [(p.line, p.path, p.message[:7]) for p in problems] == [
        (4, "", "bad CSV"),
        (6, "value", "'y' is "),
    ]


def test_a_field_longer_than_csv_allows_is_a_problem_however_the_row_is_read() -> None:
    source = "x" * (csv.field_size_limit() + 1)
    log, problems = pt.read_observations(
        io.BytesIO(f"{HEADER}m,u,2024,1,,\nm,u,2025,2,{source},\nm,u,2026,3,,\n".encode())
    )
    assert [row.line for row in log.rows()] == [2, 4]
    assert [(p.line, p.message[:30]) for p in problems] == [(3, "bad CSV: field larger than fie")]


@given(csv_files(), st.sampled_from(",;"), st.integers(min_value=0), st.integers(1, 4))
def test_lines_split_at_c_speed_split_as_csv_splits_them(
    text: str, delimiter: str, start: int, count: int
) -> None:
    lines = list(io.StringIO(text, newline=""))
    lines = lines[start % len(lines) :][:count]
    rows = list(csv.reader(lines, delimiter=delimiter))  # not strict: the test reads anything
    fields = observation_files._split(lines, delimiter, len(rows[0]), csv.field_size_limit())
    if fields is not None:  # otherwise csv reads the lines
        assert fields == [list(column) for column in zip(*rows, strict=True)]
        assert len(rows) == len(lines)
