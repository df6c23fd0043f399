"""The schedule view (policytargets.report.render_schedule): every target's required or
expected value per period, as an aligned table, CSV and JSON, in Vietnamese and English."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import attrs
import pytest

import policytargets as pt
from policytargets.report import render_schedule
from policytargets.report.csv_report import neutralise
from policytargets.report.labels import EN, VI
from policytargets.report.schedule import (
    SCHEDULE_BASES,
    SCHEDULE_CSV_HEADER,
    SCHEDULE_FORMATS,
)
from policytargets.report.table import display_width

FIXTURE = Path(__file__).parent / "fixtures" / "plans" / "valid_plan.toml"
LANGS = ("vi", "en")


def fixture_plan() -> pt.Plan:
    return pt.load_plan(FIXTURE)


def plan_of(*targets: pt.Target, title: str = "Kế hoạch thử nghiệm") -> pt.Plan:
    return pt.Plan(
        id="test-plan",
        number="1/KH-UBND",
        title=title,
        issuer="Ủy ban nhân dân tỉnh",
        issued=dt.date(2024, 1, 1),
        effective=dt.date(2024, 1, 1),
        targets=targets,
    )


def growth_target(
    target_id: str = "articles",
    *,
    title: str = "Số tin bài tăng",
    title_en: str | None = None,
    milestones: list[pt.Milestone] | None = None,
    baseline: pt.Baseline | None = None,
    schedule_values: dict[int, str] | None = None,
) -> pt.Target:
    return pt.Target(
        id=target_id,
        title=title,
        title_en=title_en,
        rule=pt.Growth("articles"),
        milestones=milestones or [pt.Milestone(2027, ">= 30%")],
        baseline=baseline,
        schedule_values=schedule_values or {},
    )


def table_cells(text: str) -> list[list[str]]:
    """The cells of a rendered table's rows (the lines after the heading and rule)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if set(line) <= {"-", "+"} and line) + 1
    return [[cell.strip() for cell in line.split(" | ")] for line in lines[start:]]


def json_rows(plan: pt.Plan) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = json.loads(render_schedule(plan, "json"))["rows"]
    return rows


# --- what the rows say ----------------------------------------------------------------------


def test_every_basis_is_marked() -> None:
    rows = json_rows(fixture_plan())
    online = [(r["period"], r["basis"]) for r in rows if r["target"] == "online"]
    assert online == [
        ("2023", "baseline"),
        ("2024", "schedule"),
        ("2025", "milestone"),
        ("2026", "interpolated"),
        ("2027", "interpolated"),
        ("2028", "interpolated"),
        ("2029", "interpolated"),
        ("2030", "strive"),
    ]
    assert {r["basis"] for r in rows} == set(SCHEDULE_BASES)


def test_an_earlier_baseline_keeps_its_row() -> None:
    # The rural target's baseline (2022) comes before the plan takes effect (2023).
    rural = [(r["period"], r["value"], r["basis"]) for r in json_rows(fixture_plan())
             if r["target"] == "rural"]  # fmt: skip
    assert rural[0] == ("2022", "8/25", "baseline")
    assert [period for period, _, _ in rural] == ["2022", "2023", "2024", "2025"]


def test_the_comparator_is_the_governing_milestones() -> None:
    target = growth_target(
        milestones=[pt.Milestone(2025, ">= 10%"), pt.Milestone(2027, "> 30%")],
    )
    rows = json_rows(plan_of(target))
    assert [(r["period"], r["comparator"]) for r in rows] == [
        ("2024", ">="),
        ("2025", ">="),
        ("2026", ">"),
        ("2027", ">"),
    ]


def test_a_milestone_row_shows_the_milestones_requirement() -> None:
    target = growth_target(
        milestones=[pt.Milestone(2026, ">= 20%")],
        schedule_values={2025: "10%"},
        baseline=pt.Baseline(2024, 0),
    )
    rows = json_rows(plan_of(target))
    assert [(r["period"], r["value"], r["basis"]) for r in rows] == [
        ("2024", "0", "baseline"),
        ("2025", "1/10", "schedule"),
        ("2026", "1/5", "milestone"),
    ]


def test_day_milestones_give_one_row_per_checkpoint() -> None:
    target = pt.Target(
        id="relicensed",
        title="Tạp chí được cấp phép lại",
        rule=pt.BooleanCompliance(measure="relicensed"),
        milestones=[pt.Milestone(dt.date(2025, 6, 30), "= true")],
    )
    rows = json_rows(plan_of(target))
    assert rows == [
        {
            "target": "relicensed",
            "period": "2025-06-30",
            "comparator": "=",
            "value": "true",
            "basis": "milestone",
        }
    ]


def test_a_plan_without_targets() -> None:
    plan = plan_of()
    assert json_rows(plan) == []
    assert render_schedule(plan, "csv") == ",".join(SCHEDULE_CSV_HEADER) + "\n"
    assert render_schedule(plan, "table").splitlines()[3].split(" | ")[0].strip() == "Chỉ tiêu"


# --- json: exact ----------------------------------------------------------------------------


def test_json_values_are_exact_and_equal_the_engines() -> None:
    plan = fixture_plan()
    targets = {target.id: target for target in plan.targets}
    for row in json_rows(plan):
        target = targets[row["target"]]
        period = pt.Period.parse(row["period"])
        milestone = next((m for m in target.all_milestones if m.by == period), None)
        expected = (
            milestone.require.value if milestone is not None else target.schedule.expected(period)
        )
        value = row["value"]
        assert (value == "true") if expected is True else Fraction(value) == expected


def test_json_keeps_thirds_exact() -> None:
    target = growth_target(baseline=pt.Baseline(2024, 0), milestones=[pt.Milestone(2027, ">= 1")])
    values = [r["value"] for r in json_rows(plan_of(target))]
    assert values == ["0", "1/3", "2/3", "1"]


def test_json_is_the_same_in_both_languages() -> None:
    plan = fixture_plan()
    assert render_schedule(plan, "json", lang="vi") == render_schedule(plan, "json", lang="en")
    data = json.loads(render_schedule(plan, "json"))
    assert data["plan"] == {"id": plan.id, "number": plan.number, "title": plan.title}


# --- csv ------------------------------------------------------------------------------------


def test_csv_has_exact_values_and_text_in_the_language() -> None:
    plan = fixture_plan()
    for lang, words, two_thirds in (("vi", VI, "66,7%"), ("en", EN, "66.7%")):
        rows = list(csv.DictReader(io.StringIO(render_schedule(plan, "csv", lang=lang))))
        assert tuple(rows[0]) == SCHEDULE_CSV_HEADER
        secure = next(r for r in rows if r["target"] == "secure")
        assert (secure["value"], secure["value_text"]) == ("2/3", two_thirds)
        assert secure["basis_label"] == words.schedule_bases[secure["basis"]]
        online = next(r for r in rows if r["target"] == "online")
        target = next(t for t in plan.targets if t.id == "online")
        assert online["title"] == target.display_title(lang)


def test_csv_neutralises_formula_injection() -> None:
    target = growth_target(
        "=cmd|' /C calc'!A0",
        title="@SUM(A1:A9)",
        title_en="+1+1",
        milestones=[pt.Milestone(2025, "<= -10%")],
    )
    plan = attrs.evolve(plan_of(target, title="-2+3"), id="=1+1")
    for lang in LANGS:
        text = render_schedule(plan, "csv", lang=lang)
        rows = list(csv.reader(io.StringIO(text)))
        for row in rows[1:]:
            assert all(cell == neutralise(cell.removeprefix("'")) for cell in row), row
        first = dict(zip(rows[0], rows[1], strict=True))
        assert first["plan"] == "'=1+1"
        assert first["target"] == "'=cmd|' /C calc'!A0"
        assert first["title"] == ("'@SUM(A1:A9)" if lang == "vi" else "'+1+1")
        assert first["value"] == "-1/10"  # a number stays a number
        assert first["value_text"] == "'-10%"
        assert first["comparator"] == "<="
        assert Fraction(first["value"]) == Fraction(-1, 10)


# --- table ----------------------------------------------------------------------------------


def _separator_columns(line: str) -> list[int]:
    """The terminal columns at which ``line``'s column separators stand."""
    columns, used = [], 0
    for index, char in enumerate(line):
        if char == "|" and line[index - 1 : index + 2] in {" | ", "-|-"}:
            columns.append(used)
        used += display_width(char)
    return columns


def _rule_columns(line: str) -> list[int]:
    return [index for index, char in enumerate(line) if char == "+"]


def test_table_columns_line_up_in_terminal_cells() -> None:
    # Combining marks (decomposed Vietnamese) take no cell, wide characters two.
    decomposed = "tie\u0302\u0301n-đo\u0323\u0302"
    target = growth_target(decomposed, milestones=[pt.Milestone(2026, ">= 2/3")])
    wide = growth_target("中文指标", milestones=[pt.Milestone("2025-Q2", ">= 5%")])
    for lang in LANGS:
        text = render_schedule(plan_of(target, wide), "table", lang=lang)
        lines = text.splitlines()
        at = next(i for i, line in enumerate(lines) if line and set(line) <= {"-", "+"})
        expected = _rule_columns(lines[at])
        assert len(expected) == 4
        for line in (lines[at - 1], *lines[at + 1 :]):
            assert _separator_columns(line) == expected, line


def test_table_values_are_right_aligned_and_formatted_per_language() -> None:
    plan = fixture_plan()
    for lang, online_2026, secure in (
        ("vi", "76%", "66,7% (2/3)"),
        ("en", "76%", "66.7% (2/3)"),
    ):
        text = render_schedule(plan, "table", lang=lang)
        lines = text.splitlines()
        at = next(i for i, line in enumerate(lines) if line and set(line) <= {"-", "+"})
        values = [line.split(" | ")[3] for line in lines[at + 1 :]]
        assert not any(value.endswith(" ") for value in values)  # padded on the left
        assert len({display_width(value) for value in values}) == 1
        assert any(value.startswith(" ") for value in values)
        cells = table_cells(text)
        assert ["online", "2026", "≥", online_2026] == cells[3][:4]
        assert next(row for row in cells if row[0] == "secure")[3] == secure


def test_table_words_come_from_the_labels() -> None:
    plan = fixture_plan()
    for lang, words in (("vi", VI), ("en", EN)):
        text = render_schedule(plan, "table", lang=lang)
        lines = text.splitlines()
        assert lines[0] == f"{words.plan} {plan.number} — {plan.display_title(lang)}"
        assert lines[1] == words.schedule
        header = [cell.strip() for cell in lines[3].split(" | ")]
        assert header == [
            words.target,
            words.schedule_period,
            words.comparator,
            words.schedule_value,
            words.basis,
        ]
        bases = {row[4] for row in table_cells(text)}
        assert bases == {words.schedule_bases[basis] for basis in SCHEDULE_BASES}


def test_table_periods_and_booleans_in_the_language() -> None:
    plan = fixture_plan()
    vi = table_cells(render_schedule(plan, "table", lang="vi"))
    en = table_cells(render_schedule(plan, "table", lang="en"))
    assert vi[8][:3] == ["secure", "Q4/2023", ">"]
    assert en[8][:3] == ["secure", "2023-Q4", ">"]
    assert vi[-1] == ["relicensed", "30/06/2025", "=", "có", "mốc"]
    assert en[-1] == ["relicensed", "2025-06-30", "=", "yes", "milestone"]


def test_labels_have_a_name_for_every_basis_in_both_languages() -> None:
    for words in (VI, EN):
        assert set(words.schedule_bases) == set(SCHEDULE_BASES)
    assert VI.schedule_bases["strive"] == "mốc phấn đấu"


# --- formats, languages, determinism --------------------------------------------------------


def test_unknown_format_or_language_names_the_allowed_values() -> None:
    plan = fixture_plan()
    with pytest.raises(ValueError, match="'table', 'csv', 'json'"):
        render_schedule(plan, "markdown")
    with pytest.raises(ValueError, match="'vi', 'en'"):
        render_schedule(plan, "table", lang="fr")
    assert SCHEDULE_FORMATS == ("table", "csv", "json")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", SCHEDULE_FORMATS)
def test_rendering_is_deterministic(kind: str, lang: str) -> None:
    first = render_schedule(fixture_plan(), kind, lang=lang)
    assert first == render_schedule(fixture_plan(), kind, lang=lang)
    assert first.endswith("\n")
    assert "\r" not in first


def test_rendering_does_not_depend_on_hash_seeds() -> None:
    script = (
        "import sys, policytargets as pt\n"
        "from policytargets.report import render_schedule\n"
        "plan = pt.load_plan(sys.argv[1])\n"
        "sys.stdout.buffer.write(''.join(render_schedule(plan, k, lang=l)"
        " for k in ('table', 'csv', 'json') for l in ('vi', 'en')).encode())\n"
    )
    outputs = set()
    for seed in ("0", "1", "12345"):
        environment = dict(os.environ, PYTHONHASHSEED=seed)
        # The interpreter running the tests, with a fixed script.
        done = subprocess.run(  # noqa: S603
            [sys.executable, "-c", script, str(FIXTURE)],
            capture_output=True,
            check=True,
            env=environment,
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1
