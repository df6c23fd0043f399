"""Plan files: reading (with every problem located), writing, round trips, the JSON Schema."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import subprocess
import sys
import tomllib
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any, ClassVar

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.plan_strategies import plan_like_data, plans

import policytargets as pt
from policytargets.io import (
    SCHEMA_ID,
    dump_plan,
    load_plan,
    loads_plan,
    plan_from_dict,
    plan_schema,
    plan_to_dict,
)
from policytargets.io.plan_format import RULE_KEYS, TABLES, json_schema, rule_fields, schema_text
from policytargets.quantities import Comparator
from policytargets.targets import TARGET_TYPES
from policytargets.targets.base import ValueKind

FIXTURES = Path(__file__).parent / "fixtures" / "plans"
INVALID = FIXTURES / "invalid"
EXAMPLE = Path(__file__).parent.parent / "examples" / "vinhlong_plan77.toml"

MINIMAL = """\
schema = "policytargets/plan@1"

[plan]
id = "p"
title = "A plan"
effective = 2024-01-01

[[targets]]
id = "t"
type = "boolean"
title = "The magazine is relicensed"
measure = "relicensed"
milestones = [{ by = 2025, require = "= true" }]
"""


def problems_of(error: pytest.ExceptionInfo[pt.PlanError]) -> set[tuple[str, int | None]]:
    return {(problem.path, problem.line) for problem in error.value.problems}


# --- valid files ---------------------------------------------------------------------------


def test_valid_toml_plan_loads_to_the_objects_it_describes() -> None:
    plan = load_plan(FIXTURES / "valid_plan.toml")

    assert plan.id == "demo-12-2024"
    assert plan.number == "12/KH-UBND"
    assert plan.title == 'Kế hoạch thử nghiệm "chuyển đổi số"'
    assert plan.issued == dt.date(2023, 10, 30)  # "ngày 30 tháng 10 năm 2023"
    assert plan.effective == dt.date(2023, 11, 1)  # "01/11/2023", day first
    assert plan.implements == ("348/QĐ-TTg", "77/KH-UBND")
    assert plan.note == "Two lines,\nand a backslash \\ in a note."
    assert plan.reporting == pt.ReportingCalendar((6, 30))

    (agencies,) = plan.populations
    assert agencies.unit_ids == ("paper", "radio", "magazine", "merged")
    paper = agencies.unit("paper")
    assert paper == pt.Unit(
        "paper",
        "Báo",
        active_until=dt.date(2025, 4, 13),
        successor="merged",
        attributes={"kind": "newspaper", "staff": 72},
    )
    assert agencies.unit("merged") == pt.Unit("merged", "Báo và Đài", dt.date(2025, 4, 14))
    assert [u.id for u in agencies.members(dt.date(2025, 12, 31))] == ["magazine", "merged"]

    online = plan.target("online")
    assert online.rule == pt.ThresholdShare("agencies", "publishes-online", carry_forward=True)
    assert online.milestones == (
        pt.Milestone(2025, ">= 70%"),
        pt.Milestone(2030, ">= 100%", strive=True, note="phấn đấu"),
    )
    assert online.baseline == pt.Baseline(2023, Fraction(1, 3))
    assert dict(online.schedule_values) == {pt.Period.year(2024): Fraction(1, 2)}
    assert online.progress == pt.ProgressSpec(
        method="statcan", direction="positive", base_year=2023, limit=Fraction(1)
    )

    secure = plan.target("secure")
    assert secure.rule == pt.ThresholdShare("agencies", condition="security-level >= 3")
    assert secure.interpolation is pt.Interpolation.STEP
    assert secure.milestones[0].by == pt.Period.quarter(2025, 4)
    assert secure.milestones[0].require == pt.Requirement(Comparator.GT, Fraction(2, 3))

    assert plan.target("revenue").rule == pt.Ratio(
        "revenue", "planned-revenue", population="agencies"
    )
    rural = plan.target("rural")
    assert rural.rule == pt.Ratio("rural-consumption", "consumption")
    assert rural.baseline == pt.Baseline(2022, Fraction(8, 25))  # 0.32, read exactly
    assert rural.interpolation is pt.Interpolation.GEOMETRIC

    articles = plan.target("articles")
    assert articles.rule == pt.Growth("new-articles")
    assert articles.every == pt.Recurring(2024, 2026, "> 0%")
    assert [m.label for m in articles.all_milestones] == ["2024", "2025", "2026"]

    assert plan.target("revenue-growth").rule == pt.Growth("revenue", base=2022, unit="magazine")
    relicensed = plan.target("relicensed")
    assert relicensed.rule == pt.BooleanCompliance("relicensed", unit="magazine")
    assert relicensed.milestones[0].deadline == dt.date(2025, 6, 30)
    assert [t.id for t in plan.targets if t.progress is not None] == ["online"]


def test_json_plan_is_the_same_plan_as_its_toml_twin() -> None:
    assert load_plan(FIXTURES / "valid_plan.json") == load_plan(FIXTURES / "valid_plan.toml")


def test_format_can_be_forced_whatever_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text((FIXTURES / "valid_plan.json").read_text(encoding="utf-8"), encoding="utf-8")
    assert load_plan(path, format="json") == load_plan(FIXTURES / "valid_plan.json")
    with pytest.raises(pt.PlanError, match="TOML syntax error"):
        load_plan(path)


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode())
    assert load_plan(path) == loads_plan(MINIMAL)


def test_optional_plan_keys_have_defaults() -> None:
    plan = loads_plan(MINIMAL)
    assert (plan.number, plan.issuer, plan.issued) == ("", "", dt.date(2024, 1, 1))
    assert plan.populations == ()
    assert plan.reporting == pt.ReportingCalendar()


@pytest.mark.skipif(not EXAMPLE.exists(), reason="the worked example is not in this tree")
def test_the_worked_example_loads_and_round_trips() -> None:
    plan = load_plan(EXAMPLE)
    assert plan.number == "77/KH-UBND"
    assert len(plan.targets) == 13
    assert loads_plan(dump_plan(plan), name="dumped.toml") == plan


# --- invalid files: every problem, with its path and line -----------------------------------

EXPECTED: dict[str, set[tuple[str, int | None]]] = {
    "three_problems.toml": {
        ("targets[0].milestones[1].requier", 24),
        ("targets[1].unit", 31),
        ("targets[1].milestones[0].require", 33),
    },
    "wrong_types.toml": {
        ("reporting", 2),
        ("plan.title", 6),
        ("plan.implements", 8),
        ("populations[0].units", 13),
        ("targets[0].baseline", 20),
        ("targets[0].every.require", 21),
        ("targets[0].milestones[0]", 23),
    },
    "missing_schema.toml": {
        ("schema", None),
        ("plan.effective", 2),  # missing: the line of [plan]
        ("targets[0].id", 6),  # missing: the line of its [[targets]]
    },
    "wrong_schema.toml": {("schema", 1), ("target", 8)},
    "references.toml": {
        ("populations[0].units[0].successor", 13),
        ("populations[0].units[1].until", 14),
        ("targets[0].population", 21),
        ("targets[0].milestones[1].require", 25),
        ("targets[0].milestones[1].by", 25),
        ("targets[1].id", 29),
        ("targets[1].milestones[0].by", 34),
    },
    "bad_values.toml": {
        ("plan.effective", 6),
        ("reporting.due", 9),
        ("targets[0].interpolation", 17),
        ("targets[0].baseline.value", 18),
        ("targets[0].milestones[0].by", 20),
        ("targets[0].milestones[1].require", 21),
        ("targets[0].progress.method", 23),
    },
    "wrong_type_keys.toml": {
        ("targets[0].type", 10),
        ("targets[0].milestones[0].strive", 13),
        ("targets[1]", 15),
        ("targets[1].numerator", 20),
    },
    "syntax_error.toml": {("", 5)},
    "syntax_error.json": {("", 6)},
    "duplicate_key.json": {("plan.title", 7), ("targets[0].milestones[0].strive", 15)},
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_problem_of_an_invalid_file_is_reported_with_path_and_line(name: str) -> None:
    with pytest.raises(pt.PlanError) as error:
        load_plan(INVALID / name)
    assert problems_of(error) == EXPECTED[name]
    assert len(error.value.problems) == len(EXPECTED[name])
    assert all(p.file == str(INVALID / name) for p in error.value.problems)


def test_every_invalid_fixture_is_covered() -> None:
    assert {path.name for path in INVALID.iterdir()} == set(EXPECTED)


def test_problems_read_as_file_line_path_message() -> None:
    with pytest.raises(pt.PlanError) as error:
        load_plan(INVALID / "three_problems.toml")
    text = str(error.value)
    assert text.startswith("3 problems:\n")
    assert (
        f"{INVALID / 'three_problems.toml'}:24: targets[0].milestones[1].requier: "
        "unknown key 'requier' (did you mean 'require'?)"
    ) in text
    assert isinstance(error.value, ValueError)


def test_a_misspelt_key_is_one_problem_not_two() -> None:
    with pytest.raises(pt.PlanError) as error:
        load_plan(INVALID / "three_problems.toml")
    messages = [p.message for p in error.value.problems]
    assert not any("missing required key 'require'" in m for m in messages)


def test_milestones_after_an_unreadable_one_are_still_checked() -> None:
    text = MINIMAL.replace(
        'milestones = [{ by = 2025, require = "= true" }]',
        'milestones = [\n  { by = 2025 },\n  { by = 2020, require = ">= 50%" },\n]',
    )
    with pytest.raises(pt.PlanError) as error:
        loads_plan(text)
    assert problems_of(error) == {
        ("targets[0].milestones[0].require", 14),
        ("targets[0].milestones[1].require", 15),  # a number for a yes/no target
        ("targets[0].milestones[1].by", 15),  # before the plan takes effect
    }


def test_syntax_error_message_names_the_file_and_line() -> None:
    with pytest.raises(pt.PlanError) as error:
        loads_plan('schema = "policytargets/plan@1"\n[plan\n', name="broken.toml")
    (problem,) = error.value.problems
    assert (problem.file, problem.line) == ("broken.toml", 2)
    assert problem.message.startswith("TOML syntax error: ")
    assert "(at line" not in problem.message


def test_syntax_error_at_the_end_of_the_file_has_the_last_line() -> None:
    with pytest.raises(pt.PlanError) as error:
        loads_plan('schema = "policytargets/plan@1"\nid =')
    assert error.value.problems[0].line == 2


def test_a_file_that_is_not_utf8_is_a_plan_error(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(MINIMAL.replace("A plan", "K\xe9").encode("latin-1"))  # the title: line 5
    with pytest.raises(pt.PlanError, match="not UTF-8") as error:
        load_plan(path)
    assert error.value.problems[0].line == 5


def test_a_missing_file_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_plan(tmp_path / "nowhere.toml")


def test_a_json_document_that_is_not_an_object_is_a_problem() -> None:
    with pytest.raises(pt.PlanError, match="must be a table, not an array"):
        loads_plan("[1, 2]", format="json")


def test_an_unknown_format_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown plan file format"):
        loads_plan(MINIMAL, format="yaml")  # type: ignore[arg-type]


def test_plan_from_dict_reports_paths_without_lines() -> None:
    data = tomllib.loads(MINIMAL)
    data["targets"][0]["milestones"][0]["require"] = ">= 50%"
    with pytest.raises(pt.PlanError) as error:
        plan_from_dict(data, name="in-memory")
    assert [(p.path, p.line, p.file) for p in error.value.problems] == [
        ("targets[0].milestones[0].require", None, "in-memory")
    ]


@pytest.mark.parametrize(
    ("text", "path", "line"),
    [
        # arrays of tables and sub-tables instead of inline tables
        (
            MINIMAL.replace('milestones = [{ by = 2025, require = "= true" }]\n', "")
            + '\n[[targets.milestones]]\nby = 2025\nrequire = "= true"\n'
            + '\n[[targets.milestones]]\nby = 2026\nrequire = ">= 1"\n',
            "targets[0].milestones[1].require",
            20,
        ),
        (
            MINIMAL + '\n[targets.baseline]\nperiod = 2023\nvalue = "yes"\nextra = 1\n',
            "targets[0].baseline.extra",
            18,
        ),
        # multi-line strings, comments and brackets inside strings do not shift lines
        (
            MINIMAL.replace(
                'title = "A plan"',
                "title = \"\"\"A [plan]\n# not a comment\n[[targets]]\"\"\"\nnote = '''x\ny'''",
            ).replace("measure =", '"quoted key" = 1 # [[targets]]\nmeasure ='),
            "targets[0].quoted key",
            16,
        ),
        # dotted keys
        (
            MINIMAL.replace('measure = "relicensed"', 'every.from = 2024\nmeasure = "relicensed"'),
            "targets[0].every.to",
            12,
        ),
    ],
)
def test_lines_are_found_in_any_toml_layout(text: str, path: str, line: int) -> None:
    with pytest.raises(pt.PlanError) as error:
        loads_plan(text)
    assert (path, line) in problems_of(error)


def test_wrong_types_never_escape_as_python_errors() -> None:
    text = """\
schema = 1
plan = [1]
populations = { id = "x" }
targets = [1, "two", { milestones = [[1]], schedule = { 2025 = {} }, every = [] }]
"""
    with pytest.raises(pt.PlanError) as error:
        loads_plan(text)
    paths = {p.path for p in error.value.problems}
    assert {"schema", "plan", "populations", "targets[0]", "targets[1]"} <= paths
    assert {"targets[2].milestones[0]", "targets[2].schedule.2025", "targets[2].every"} <= paths


def test_inapplicable_and_unknown_keys_are_told_apart() -> None:
    with pytest.raises(pt.PlanError) as error:
        loads_plan(MINIMAL.replace('measure = "relicensed"', 'mesure = "r"\nbase = 2022'))
    messages = {p.path: p.message for p in error.value.problems}
    assert messages == {
        "targets[0].base": "'base' does not apply to a boolean target",
        "targets[0].mesure": "unknown key 'mesure' (did you mean 'measure'?)",
    }


def test_recurring_periods_of_different_kinds_are_a_problem_not_a_crash() -> None:
    text = MINIMAL.replace(
        'milestones = [{ by = 2025, require = "= true" }]',
        'every = { from = 2024, to = "2025-Q1", require = "= true" }',
    )
    with pytest.raises(pt.PlanError) as error:
        loads_plan(text)
    assert problems_of(error) == {("targets[0].every.to", 13)}


@attrs.frozen
class Target2030:
    """A user's own target type: a count that must reach a level (attrs-based)."""

    kind: ClassVar[str] = "level"
    value_kind: ClassVar[ValueKind] = "number"

    measure: str
    scale: int = 1

    def read(self, period: pt.Period, context: pt.Context) -> pt.Reading | pt.NoData:
        observation = context.observation(self.measure, None, period)
        if observation is None or isinstance(observation.value, bool):
            return pt.NoData(period, "no value")
        return pt.Reading(period, observation.value * self.scale, (observation,))

    def measures(self) -> dict[str, ValueKind]:
        return {self.measure: "number"}

    def references(self) -> dict[str, str]:
        return {}

    def to_fields(self) -> dict[str, Any]:
        return {"measure": self.measure, "scale": self.scale}


def test_a_users_own_target_type_is_read_and_written(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(TARGET_TYPES, "level", Target2030)  # type: ignore[arg-type]
    text = MINIMAL.replace('"boolean"', '"level"').replace("= true", ">= 10") + "scale = 2\n"
    plan = loads_plan(text)
    assert plan.targets[0].rule == Target2030("relicensed", 2)
    assert loads_plan(dump_plan(plan)) == plan
    with pytest.raises(pt.PlanError) as error:
        loads_plan(text.replace("measure =", "mesure ="))
    assert problems_of(error) == {("targets[0].mesure", 12)}


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        (("effective = 2024-01-01", "effective = 2024-01-01\nissued = 2024-02-01"),
         "plan.effective", "cannot take effect before it is issued"),
        (('id = "p"', 'id = " p"'), "plan.id", "must not be empty or begin or end with a space"),
        (("effective = 2024-01-01", "effective = 2024-01-01T10:00:00"),
         "plan.effective", "must be a date without a time"),
        (("effective = 2024-01-01", "effective = 20240101"), "plan.effective", "must be a date"),
        (("by = 2025", "by = 2025-01-01T00:00:00"), "targets[0].milestones[0].by",
         "must be a period, not a date with a time"),
        (("by = 2025", "by = true"), "targets[0].milestones[0].by", "must be a period"),
        (("by = 2025", "by = 20250"), "targets[0].milestones[0].by", "20250 is not a year"),
        (('milestones = [{ by = 2025, require = "= true" }]',
          'every = { from = 2026, to = 2025, require = "= true" }'),
         "targets[0].every.to", "'to' (2025) comes before 'from' (2026)"),
        (('milestones = [{ by = 2025, require = "= true" }]',
          'milestones = [{ by = 2025, require = "= true" }]\nschedule = { 2024 = true, '
          '"2024 " = false }'),
         "targets[0].schedule.2024 ", "the period 2024 is given twice"),
        (('milestones = [{ by = 2025, require = "= true" }]',
          'milestones = [{ by = 2025, require = "= true" }]\nschedule = { 2024 = 0.5 }'),
         "targets[0].schedule.2024", "a schedule value must be of the target's kind"),
        (('milestones = [{ by = 2025, require = "= true" }]',
          'milestones = [{ by = 2025, require = "= true" }]\nbaseline = { period = 2023 }'),
         "targets[0].baseline.value", "missing required key 'value'"),
        (('milestones = [{ by = 2025, require = "= true" }]',
          'milestones = [{ by = 2025, require = "= true" }]\nbaseline = { period = 2023, '
          "value = nan }"),
         "targets[0].baseline.value", "must be a finite number"),
    ],
)  # fmt: skip
def test_values_are_checked(change: tuple[str, str], path: str, message: str) -> None:
    with pytest.raises(pt.PlanError) as error:
        loads_plan(MINIMAL.replace(*change))
    assert [p.path for p in error.value.problems] == [path]
    assert message in error.value.problems[0].message


def test_condition_and_rule_problems_name_their_key() -> None:
    text = MINIMAL.replace('"boolean"', '"threshold-share"').replace("= true", ">= 50%")
    with pytest.raises(pt.PlanError) as error:
        loads_plan(text.replace('measure = "relicensed"', 'population = "x"\ncondition = "x 3"'))
    assert [p.path for p in error.value.problems] == ["targets[0].condition"]
    assert "expected a comparator after 'x'" in error.value.problems[0].message
    with pytest.raises(pt.PlanError) as error:
        loads_plan(text.replace('measure = "relicensed"', 'population = "x"'))
    assert [(p.path, p.line) for p in error.value.problems] == [("targets[0]", 8)]
    assert "needs a 'measure' or a 'condition'" in error.value.problems[0].message


def test_nesting_too_deep_is_a_plan_error() -> None:
    with pytest.raises(pt.PlanError, match="nested too deeply"):
        loads_plan("a = " + "[" * 5000 + "]" * 5000)
    with pytest.raises(pt.PlanError, match="nested too deeply"):
        loads_plan("[" * 100_000 + "]" * 100_000, format="json")


def test_plan_to_dict_and_back_is_the_same_plan() -> None:
    plan = load_plan(FIXTURES / "valid_plan.toml")
    data = plan_to_dict(plan)
    assert data["plan"]["issued"] == dt.date(2023, 10, 30)
    assert data["targets"][0]["milestones"][1] == {
        "by": 2030,
        "require": ">= 100%",
        "strive": True,
        "note": "phấn đấu",
    }
    assert plan_from_dict(data) == plan
    as_json = json.dumps(data, default=lambda d: d.isoformat(), ensure_ascii=False)
    assert loads_plan(as_json, format="json") == plan


def test_the_writer_rejects_what_toml_cannot_hold_and_writes_the_rest() -> None:
    unit = pt.Unit("u", "U", attributes={"ratio": 0.25, "big": Decimal("-Infinity")})
    base = loads_plan(MINIMAL)
    plan = attrs.evolve(base, populations=[pt.Population("p", "P", [unit])])
    assert "attributes = { ratio = 0.25, big = -inf }" in dump_plan(plan)
    bad = attrs.evolve(
        base, populations=[pt.Population("p", "P", [pt.Unit("u", "U", attributes={"s": {1}})])]
    )
    with pytest.raises(TypeError, match="cannot write"):
        dump_plan(bad)


# --- trend-method settings -------------------------------------------------------------------


def test_progress_settings_are_read_with_defaults() -> None:
    plan = loads_plan(
        MINIMAL.replace("boolean", "growth").replace("= true", "> 0%")
        + ('progress = { method = "eurostat" }\n')
    )
    assert plan.targets[0].progress == pt.ProgressSpec(method="eurostat", direction="positive")


@pytest.mark.parametrize(
    ("settings", "path", "message"),
    [
        ('method = "eurostat", lmit = 3', "lmit", "unknown key 'lmit' (did you mean 'limit'?)"),
        ('method = "eurostat", limit = 3', "limit", "'limit' applies only to the statcan"),
        ('method = "statcan", target = 1', "target", "'target' is not needed"),
        ('method = "statcan", target_year = 2030', "target_year", "each milestone's"),
        ('method = "statcn"', "method", "unknown method 'statcn' (did you mean 'statcan'?)"),
        ('method = "statcan", direction = "up"', "direction", "unknown direction 'up'"),
        ('method = "statcan", base_year = "2015"', "base_year", "must be a year"),
        ('direction = "negative"', "method", "missing required key 'method'"),
    ],
)
def test_progress_settings_in_a_file_are_checked(settings: str, path: str, message: str) -> None:
    with pytest.raises(pt.PlanError) as error:
        loads_plan(MINIMAL + f"progress = {{ {settings} }}\n")
    (problem,) = error.value.problems
    assert (problem.path, problem.line) == (f"targets[0].progress.{path}", 14)
    assert message in problem.message


def test_progress_settings_are_written_exactly() -> None:
    plan = loads_plan(
        MINIMAL.replace("boolean", "growth").replace("= true", "> 0%")
        + ('progress = { method = "statcan", direction = "negative", limit = "1/3" }\n')
    )
    text = dump_plan(plan)
    assert 'progress = { method = "statcan", direction = "negative", limit = "1/3" }' in text
    assert loads_plan(text) == plan


# --- writing -----------------------------------------------------------------------------------


def test_dump_writes_exact_numbers_dates_and_inline_tables() -> None:
    text = dump_plan(load_plan(FIXTURES / "valid_plan.toml"))
    assert text.startswith('schema = "policytargets/plan@1"\n')
    assert "effective = 2023-11-01\n" in text
    assert 'baseline = { period = 2023, value = "100/3%" }' in text
    assert 'baseline = { period = 2022, value = "32%" }' in text
    assert '  { by = 2030, require = ">= 100%", strive = true, note = "phấn đấu" },' in text
    assert 'milestones = [\n  { by = "2025-Q4", require = "> 2/3" },\n]' in text
    assert '{ by = 2025-06-30, require = "= true" }' in text
    assert 'schedule = { 2024 = "50%" }' in text
    assert 'note = "Two lines,\\nand a backslash \\\\ in a note."' in text
    assert 'title = "Kế hoạch thử nghiệm \\"chuyển đổi số\\""' in text


@pytest.mark.parametrize(
    "title",
    ['quote " and \\ backslash', "new\nline\ttab\r\x00\x1f\x7f", "Vĩnh Long 🐉 \u2028", "'"],
)
def test_any_text_survives_the_round_trip(title: str) -> None:
    plan = attrs.evolve(loads_plan(MINIMAL), title=title, note=title)
    assert loads_plan(dump_plan(plan)).title == title


def test_tiny_exact_decimals_are_written_exactly() -> None:
    # 1/2**100 is a terminating decimal too long for Decimal's default precision.
    plan = loads_plan(MINIMAL.replace("boolean", "growth").replace("= true", "> 1/2"))
    tiny = pt.Requirement(Comparator.GT, Fraction(1, 2**100))
    changed = pt.Plan(
        **{
            **{f: getattr(plan, f) for f in ("id", "number", "title", "issuer", "issued")},
            "effective": plan.effective,
            "targets": [
                pt.Target("t", "T", pt.Growth("m"), [pt.Milestone(2025, tiny)]),
            ],
        }
    )
    assert loads_plan(dump_plan(changed)) == changed


@given(plans())
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_plan_to_toml_to_plan_is_the_same_plan(plan: pt.Plan) -> None:
    text = dump_plan(plan)
    again = loads_plan(text, name="dumped.toml")
    assert again == plan
    assert dump_plan(again) == text


# --- nothing but PlanError escapes ---------------------------------------------------------


@given(st.text())
def test_random_text_raises_only_plan_errors(text: str) -> None:
    for syntax in ("toml", "json"):
        with contextlib.suppress(pt.PlanError):
            loads_plan(text, format=syntax)  # type: ignore[arg-type]


@given(plan_like_data())
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_plan_like_data_raises_only_plan_errors(data: dict[str, Any]) -> None:
    try:
        plan_from_dict(data)
    except pt.PlanError as error:
        problems = error.problems
    else:
        problems = ()
    assert all(isinstance(p, pt.Problem) and p.message for p in problems)
    with contextlib.suppress(pt.PlanError):
        loads_plan(json.dumps(data, default=str), format="json")


@given(plans(), st.data())
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_damaged_plan_files_raise_only_plan_errors(plan: pt.Plan, data: st.DataObject) -> None:
    text = dump_plan(plan)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 40)))
    insert = data.draw(st.sampled_from(["", "]", "[[targets]]\n", "=", '"', "\n", "{", "x = 1\n"]))
    damaged = text[:start] + insert + text[end:]
    try:
        loads_plan(damaged)
    except pt.PlanError as error:
        for problem in error.problems:
            assert problem.line is None or 1 <= problem.line <= damaged.count("\n") + 1


# --- the JSON Schema -----------------------------------------------------------------------


def jsonable(value: Any) -> Any:
    """TOML data as JSON data: dates become ISO text."""
    if isinstance(value, dict):
        return {key: jsonable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [jsonable(item) for item in value]
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


def read_data(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return json.loads(text, parse_float=Decimal)
    return jsonable(tomllib.loads(text, parse_float=Decimal))


@pytest.fixture(scope="module")
def validator() -> Any:
    """A validator for the shipped schema (the schema tests skip without jsonschema)."""
    jsonschema = pytest.importorskip("jsonschema")
    schema = plan_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


SHIPPED = [FIXTURES / "valid_plan.toml", FIXTURES / "valid_plan.json"] + (
    [EXAMPLE] if EXAMPLE.exists() else []
)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_the_schema_accepts_every_shipped_plan(path: Path, validator: Any) -> None:
    assert list(validator.iter_errors(read_data(path))) == []


STRUCTURAL = [
    "three_problems.toml",
    "wrong_types.toml",
    "missing_schema.toml",
    "wrong_schema.toml",
    "bad_values.toml",
    "wrong_type_keys.toml",
    "duplicate_key.json",
]


@pytest.mark.parametrize("name", STRUCTURAL)
def test_the_schema_rejects_structural_errors(name: str, validator: Any) -> None:
    assert list(validator.iter_errors(read_data(INVALID / name)))


def test_the_schema_leaves_cross_references_to_the_reader(validator: Any) -> None:
    # Unknown ids, order and impossible values need the whole plan: only loads_plan sees them.
    assert list(validator.iter_errors(read_data(INVALID / "references.toml"))) == []


@given(plan=plans())
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_the_schema_accepts_every_written_plan(plan: pt.Plan, validator: Any) -> None:
    data = jsonable(tomllib.loads(dump_plan(plan), parse_float=Decimal))
    assert list(validator.iter_errors(data)) == []
    assert data["schema"] == SCHEMA_ID
    assert plan_to_dict(plan)["schema"] == SCHEMA_ID


# --- the format, declared once ---------------------------------------------------------------


def test_the_shipped_schema_is_generated_from_the_declaration() -> None:
    shipped = Path(pt.io.__file__).parent / "plan.schema.json"
    assert plan_schema() == json_schema(), (
        "plan.schema.json is out of date: regenerate it with "
        "python -m policytargets.io > src/policytargets/io/plan.schema.json"
    )
    assert shipped.read_text(encoding="utf-8") == schema_text()


def test_python_m_policytargets_io_prints_the_schema() -> None:
    printed = subprocess.run(
        [sys.executable, "-m", "policytargets.io"], capture_output=True, check=True
    ).stdout
    assert printed.decode("utf-8") == schema_text()


def test_every_key_is_described_in_english_and_vietnamese() -> None:
    keys = [key for table in TABLES.values() for key in table.keys] + list(RULE_KEYS.values())
    for key in keys:
        assert key.en.strip(), key.name
        assert key.vi.strip(), key.name
        assert key.nested == (key.table is not None), key.name
        assert (key.kind == "choice") == bool(key.choices), key.name
    for table in TABLES.values():
        assert table.en.strip(), table.name
        assert table.vi.strip(), table.name


def test_every_key_of_the_built_in_target_types_is_declared() -> None:
    for kind in TARGET_TYPES:
        assert set(rule_fields(kind)) <= set(RULE_KEYS), kind


def test_the_schema_lists_exactly_the_declared_keys() -> None:
    schema = json_schema()
    for name, table in TABLES.items():
        declared = schema if name == "file" else schema["$defs"][name]
        assert list(declared["properties"]) == list(table.names)
        assert declared.get("required", []) == [k.name for k in table.keys if k.required]


@pytest.mark.parametrize(
    ("table", "path"),
    [
        ("plan", "plan"),
        ("milestone", "targets[0].milestones[0]"),
        ("target", "targets[0]"),
    ],
)
def test_a_misspelling_of_any_declared_key_is_suggested(table: str, path: str) -> None:
    """A key removed from a table is suggested when misspelt, wherever it is declared."""
    for key in TABLES[table].keys:
        if key.required or key.nested:
            continue
        data = tomllib.loads(MINIMAL)
        holder = {"plan": data["plan"], "targets[0]": data["targets"][0]}.get(
            path, data["targets"][0]["milestones"][0]
        )
        holder[key.name + "x"] = 1
        with pytest.raises(pt.PlanError) as error:
            plan_from_dict(data)
        messages = {p.path: p.message for p in error.value.problems}
        assert f"(did you mean {key.name!r}?)" in messages[f"{path}.{key.name}x"]


def test_a_default_is_the_value_read_when_the_key_is_absent() -> None:
    plan = loads_plan(MINIMAL)
    target = plan.target("t")
    assert target.interpolation.value == TABLES["target"].key("interpolation").default
    assert target.milestones[0].strive is TABLES["milestone"].key("strive").default
    assert plan.number == TABLES["plan"].key("number").default
    assert plan.reporting == pt.ReportingCalendar(TABLES["reporting"].key("due").default)


def test_a_choice_lists_the_values_allowed() -> None:
    text = MINIMAL + 'interpolation = "stpe"\n'
    with pytest.raises(pt.PlanError) as error:
        loads_plan(text)
    (problem,) = error.value.problems
    assert problem.message == (
        "unknown interpolation 'stpe' (did you mean 'step'?) (expected linear, step or geometric)"
    )
