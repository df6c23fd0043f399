"""Plan 77 set beside 348/QĐ-TTg: the findings, the reports (golden files) and the command.

After an intended change of an alignment report, regenerate the golden files and review the
diff::

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_align_report.py
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import pytest

import policytargets as pt
from policytargets.cli import main
from policytargets.io import loads_plan, plan_to_dict
from policytargets.report.alignment import (
    ALIGNMENT_CSV_HEADER,
    ALIGNMENT_FORMATS,
    render_alignment,
)
from policytargets.report.labels import ALIGNMENT_EN, ALIGNMENT_VI, VERDICT_SYMBOLS

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
PLAN = EXAMPLES / "vinhlong_plan77.toml"
NATIONAL = EXAMPLES / "national_348.toml"
DATA = sorted((EXAMPLES / "data").glob("plan77_*.csv"))
GOLDEN = Path(__file__).parent / "golden"
EXTENSIONS = {"table": "txt", "markdown": "md", "html": "html", "csv": "csv", "json": "json"}
AS_OF = dt.date(2026, 1, 1)


def _plan77() -> pt.Plan:
    return pt.load_plan(PLAN)  # its targets link to 348/QĐ-TTg's with `implements`


def _alignment() -> pt.Alignment:
    return pt.align(_plan77(), pt.load_plan(NATIONAL), pt.load_observations(*DATA), as_of=AS_OF)


@pytest.fixture(scope="module")
def alignment() -> pt.Alignment:
    return _alignment()


def _link(alignment: pt.Alignment, target: str, milestone: str) -> pt.AlignedRequirement:
    return next(
        link
        for link in alignment.links
        if link.target.id == target and link.milestone.label == milestone
    )


# --- the findings -----------------------------------------------------------------------------


def test_converged_newsrooms_are_twenty_points_looser_but_equal_in_units_in_2025(
    alignment: pt.Alignment,
) -> None:
    link = _link(alignment, "converged-newsroom", "2025")
    assert link.verdict is pt.Verdict.LOOSER
    assert link.difference == Fraction(-20, 100)
    assert (str(link.requirement), str(link.reference_requirement)) == ("> 60%", ">= 80%")
    # Two agencies at the end of 2025: "> 60%" and ">= 80%" both need both of them.
    assert (link.population, link.required_units, link.reference_required_units) == (2, 2, 2)


def test_the_ai_platform_is_stricter_in_2030(alignment: pt.Alignment) -> None:
    link = _link(alignment, "data-ai-platform", "2030")
    assert link.verdict is pt.Verdict.STRICTER
    assert link.difference == Fraction(1, 10)
    assert link.interpolated is False


def test_every_milestone_of_every_linked_national_target_is_covered(
    alignment: pt.Alignment,
) -> None:
    national = {target.id: target for target in alignment.reference.targets}
    covered = {(link.reference_target.id, link.milestone.label) for link in alignment.links}
    linked = {link.reference_target.id for link in alignment.links}
    assert covered == {
        (target_id, milestone.label)
        for target_id in linked
        for milestone in national[target_id].all_milestones
    }
    assert [t.id for t in alignment.reference_unlinked] == [
        "journalism-curricula",
        "national-platforms",
    ]
    assert "rural-access" in [t.id for t in alignment.unlinked]


def test_revenue_to_plan_cannot_be_compared_with_revenue_growth(alignment: pt.Alignment) -> None:
    link = _link(alignment, "revenue-to-plan", "2025")
    assert (link.verdict, link.reason) == (pt.Verdict.NOT_COMPARABLE, "different_types")
    assert link.reference_status is None
    assert link.status is pt.Status.MISSED


def test_the_national_yearly_path_is_the_reference_bar_before_the_deadline() -> None:
    # On 31 December 2024 the latest figure is 2024's: 1 of 3 agencies uses the AI platform.
    # Plan 77 expects its 2025 figure (50%) before 2025; 781/QĐ-BTTTT expects 30% in 2024.
    early = pt.align(
        _plan77(),
        pt.load_plan(NATIONAL),
        pt.load_observations(*DATA),
        as_of=dt.date(2024, 12, 31),
    )
    link = _link(early, "data-ai-platform", "2025")
    assert link.actual == Fraction(1, 3)
    assert (link.status, link.reference_status) == (pt.Status.OFF_TRACK, pt.Status.ON_TRACK)


# --- reports ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("format", ALIGNMENT_FORMATS)
def test_golden(alignment: pt.Alignment, format: str, lang: str) -> None:
    rendered = render_alignment(alignment, format, lang=lang)
    path = GOLDEN / f"alignment.{lang}.{EXTENSIONS[format]}"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(rendered, encoding="utf-8", newline="\n")
    assert path.exists(), f"{path} is missing: run with UPDATE_GOLDEN=1 to create it"
    assert rendered == path.read_text(encoding="utf-8")


def test_json_is_exactly_the_alignment_dictionary(alignment: pt.Alignment) -> None:
    assert json.loads(render_alignment(alignment, "json")) == alignment.to_dict()
    data = alignment.to_dict()
    assert list(data)[:6] == [
        "plan",
        "reference",
        "as_of",
        "links",
        "unlinked",
        "reference_unlinked",
    ]
    assert list(data["links"][0])[:16] == [
        "target",
        "reference_target",
        "milestone",
        "deadline",
        "comparator",
        "required",
        "interpolated",
        "reference_comparator",
        "reference_required",
        "verdict",
        "difference",
        "population",
        "required_units",
        "reference_required_units",
        "status",
        "reference_status",
    ]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_csv_has_a_row_per_link_and_per_unlinked_target_with_exact_values(
    alignment: pt.Alignment, lang: str
) -> None:
    rows = list(csv.DictReader(io.StringIO(render_alignment(alignment, "csv", lang=lang))))
    assert tuple(rows[0]) == ALIGNMENT_CSV_HEADER
    kinds = [row["row"] for row in rows]
    assert kinds.count("link") == len(alignment.links)
    assert kinds.count("unlinked") == len(alignment.unlinked)
    assert kinds.count("reference_unlinked") == len(alignment.reference_unlinked)
    newsroom = next(
        r for r in rows if r["target"] == "converged-newsroom" and r["milestone"] == "2025"
    )
    assert Fraction(newsroom["difference"].removeprefix("'")) == Fraction(-1, 5)
    assert newsroom["verdict"] == "looser"
    assert all("ILLUSTRATIVE" in row["notices"] for row in rows)


@pytest.mark.parametrize(("lang", "words"), [("vi", ALIGNMENT_VI), ("en", ALIGNMENT_EN)])
@pytest.mark.parametrize("format", ["table", "markdown", "html"])
def test_human_reports_say_the_data_is_illustrative_before_the_findings(
    alignment: pt.Alignment, lang: str, words: pt.report.labels.AlignmentLabels, format: str
) -> None:
    rendered = render_alignment(alignment, format, lang=lang)
    assert rendered.index("ILLUSTRATIVE") < rendered.index(words.verdicts[pt.Verdict.LOOSER])
    joint = "</span> " if format == "html" else " "  # the symbol, then the verdict's name
    for verdict, label in words.verdicts.items():
        if alignment.summary[verdict.value]:
            assert f"{VERDICT_SYMBOLS[verdict]}{joint}{label}" in rendered


def test_difference_reads_in_percentage_points(alignment: pt.Alignment) -> None:
    assert "−20 điểm %" in render_alignment(alignment, "table", lang="vi")
    assert "−20 points" in render_alignment(alignment, "table", lang="en")
    assert "+10 points" in render_alignment(alignment, "markdown", lang="en")


def test_without_data_the_report_compares_requirements_only() -> None:
    alignment = pt.align(_plan77(), pt.load_plan(NATIONAL))
    table = render_alignment(alignment, "table", lang="en")
    assert ALIGNMENT_EN.requirements_only in table
    assert "Status (plan)" not in table


def test_text_from_files_is_escaped(alignment: pt.Alignment) -> None:
    plan = attrs.evolve(
        alignment.plan,
        targets=[
            attrs.evolve(t, title_en="<b>bold</b> | *x*") if t.id == "digital-platforms" else t
            for t in alignment.plan.targets
        ],
    )
    changed = pt.align(plan, alignment.reference)
    page = render_alignment(changed, "html", lang="en")
    assert "<b>bold</b>" not in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page
    assert "\\<b\\>bold\\</b\\> \\| \\*x\\*" in render_alignment(changed, "markdown", lang="en")


def test_unknown_format_and_language_are_refused(alignment: pt.Alignment) -> None:
    with pytest.raises(ValueError, match="unknown report format 'pdf'"):
        render_alignment(alignment, "pdf")
    with pytest.raises(ValueError, match="unknown report language 'fr'"):
        render_alignment(alignment, "table", lang="fr")


# --- the command ------------------------------------------------------------------------------


def test_the_command_writes_the_alignment(tmp_path: Path) -> None:
    out = tmp_path / "alignment.json"
    arguments = [str(PLAN), str(NATIONAL), *map(str, DATA), "--as-of", "2026-01-01"]
    assert main(["align", *arguments, "--format", "json", "--output", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == _alignment().to_dict()


def test_the_command_accounts_for_the_rows_once(
    tmp_path: Path, row_notice_calls: list[tuple[Any, ...]]
) -> None:
    """The command checks the data before aligning, and which rows no target reads is worked
    out only once, by the alignment."""
    arguments = [str(PLAN), str(NATIONAL), *map(str, DATA), "--as-of", "2026-01-01"]
    assert main(["align", *arguments, "--output", str(tmp_path / "alignment.txt")]) == 0
    assert len(row_notice_calls) == 1


def test_the_python_example_links_the_same_targets() -> None:
    links = {t.id: t.implements for t in _plan77().targets if t.implements is not None}
    assert links == {
        "digital-platforms": pt.TargetLink("348-2023", "digital-platforms"),
        "data-ai-platform": pt.TargetLink("348-2023", "data-ai-platform"),
        "converged-newsroom": pt.TargetLink("348-2023", "converged-newsroom"),
        "revenue-to-plan": pt.TargetLink("348-2023", "revenue-growth"),
        "staff-training": pt.TargetLink("348-2023", "staff-training"),
        "information-security": pt.TargetLink("348-2023", "information-security"),
    }
    assert pt.load_plan(NATIONAL).id == "348-2023"


def test_the_command_without_data_needs_no_date(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["align", str(PLAN), str(NATIONAL), "--lang", "en"]) == 0
    assert ALIGNMENT_EN.requirements_only in capsys.readouterr().out


def test_data_without_as_of_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["align", str(PLAN), str(NATIONAL), *map(str, DATA)]) == 2
    assert "DATA files need --as-of" in capsys.readouterr().err


def test_a_link_to_a_missing_target_is_reported_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = PLAN.read_text(encoding="utf-8")
    linked = 'implements = { plan = "348-2023", target = "converged-newsroom" }'
    broken = tmp_path / "plan.toml"
    broken.write_text(text.replace(linked, linked.replace("newsroom", "newsrom")), "utf-8")
    line = text[: text.index(linked)].count("\n") + 1
    index = [t.id for t in _plan77().targets].index("converged-newsroom")
    assert main(["align", str(broken), str(NATIONAL)]) == 1
    assert capsys.readouterr().err == (
        f"{broken}:{line}: targets[{index}].implements.target: the reference plan '348-2023' "
        "has no target 'converged-newsrom' (did you mean 'converged-newsroom'?)\n"
    )


def test_a_link_in_a_json_plan_is_located_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = plan_to_dict(_plan77())
    data["targets"][2]["implements"]["target"] = "nowhere"
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str), "utf-8")
    assert main(["align", str(path), str(NATIONAL)]) == 1
    err = capsys.readouterr().err
    line = int(err.split(":")[1])
    assert path.read_text(encoding="utf-8").splitlines()[line - 1].strip() == '"target": "nowhere"'
    assert "targets[2].implements.target: the reference plan '348-2023' has no target" in err


def test_a_malformed_link_is_a_plan_file_error(tmp_path: Path) -> None:
    text = PLAN.read_text(encoding="utf-8").replace(
        'implements = { plan = "348-2023", target = "digital-platforms" }',
        'implements = { plan = "348-2023", taget = "digital-platforms" }',
    )
    with pytest.raises(pt.PlanError) as raised:
        loads_plan(text, name="plan.toml")
    line = (
        PLAN.read_text(encoding="utf-8")
        .splitlines()
        .index('implements = { plan = "348-2023", target = "digital-platforms" }')
    )
    assert [str(p) for p in raised.value.problems] == [
        f"plan.toml:{line + 1}: targets[0].implements.taget: unknown key 'taget' (did you mean "
        "'target'?)"
    ]


def test_links_survive_the_plan_file_round_trip() -> None:
    plan = _plan77()
    assert loads_plan(pt.dump_plan(plan)) == plan


def test_unreadable_inputs_are_all_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.toml"
    bad_data = tmp_path / "data.csv"
    bad_data.write_text("measure,unit,period,value\nx,,2025,abc\n", encoding="utf-8")
    code = main(["align", str(PLAN), str(missing), str(bad_data), "--as-of", "2026-01-01"])
    assert code == 1
    err = capsys.readouterr().err
    assert str(missing) in err
    assert f"{bad_data}:2" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_table_has_a_row_per_link_under_every_pair(alignment: pt.Alignment, lang: str) -> None:
    table = render_alignment(alignment, "table", lang=lang)
    rows = [m[1] for m in re.finditer(r"^  (\d{4}) +\|", table, re.MULTILINE)]
    assert rows == [link.milestone.label for link in alignment.links]
