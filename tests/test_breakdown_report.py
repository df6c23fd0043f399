"""Reports of broken-down scorecards: the group × target matrix in every format and language.

The scenario (``tests/breakdown_scenario.py``) is rendered in every format and language and
compared byte for byte with ``tests/golden/breakdown.<lang>.<extension>``. After an intended
change, regenerate them with ``UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_breakdown_report.py``
and review the diff.
"""

from __future__ import annotations

import csv
import html.parser
import io
import json
import os
import sys
from fractions import Fraction
from pathlib import Path

import attrs
import pytest

from policytargets import Status
from policytargets.report import FORMATS, LANGS, render
from policytargets.report.csv_report import BREAKDOWN_COLUMNS, CSV_HEADER
from policytargets.report.labels import EN, VI, matrix_text

sys.path.insert(0, str(Path(__file__).parent))
import breakdown_scenario as scenario  # a plain module next to this file

GOLDEN = Path(__file__).parent / "golden"
EXTENSIONS = {"table": "txt", "markdown": "md", "html": "html", "csv": "csv", "json": "json"}


def _render(format: str, lang: str) -> str:
    return render(scenario.scorecard(), format, lang=lang, observations=scenario.observations())


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("format", FORMATS)
def test_golden(format: str, lang: str) -> None:
    text = _render(format, lang)
    path = GOLDEN / f"breakdown.{lang}.{EXTENSIONS[format]}"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_bytes(text.encode("utf-8"))
    assert path.exists(), f"{path} is missing: run with UPDATE_GOLDEN=1 to create it"
    assert text.encode("utf-8") == path.read_bytes()


def test_the_matrix_puts_the_worst_group_first_and_the_ungrouped_last() -> None:
    (matrix,) = matrix_text(scenario.scorecard(), "en")
    assert [row.key for row in matrix.rows] == ["tinh-d", "tinh-c", None]
    assert [column.target.id for column in matrix.columns] == ["digital", "revenue", "articles"]
    # each column breaks down the target's headline: the open 2030 milestone for digital
    assert [column.milestone for column in matrix.columns] == ["2030", "2025", "2025"]
    assert [column.meeting for column in matrix.columns] == ["0/2", "1/2", "1/2"]
    worst = matrix.rows[0].cells[0]
    assert worst is not None
    assert (worst.status, worst.text) == (Status.OFF_TRACK, "▼ 33.3% (2 short)")
    assert matrix.rows[-1].name == EN.no_group
    assert matrix.ungrouped == "Units with no parent unit: 1 (row “(no value)”)."


@pytest.mark.parametrize("lang", LANGS)
def test_every_human_format_shows_the_matrix_and_the_ungrouped_count(lang: str) -> None:
    words = VI if lang == "vi" else EN
    heading = words.breakdown.format(by=words.breakdown_parent)
    for format in ("table", "markdown", "html"):
        text = _render(format, lang)
        assert heading in text, format
        assert words.no_group in text, format
        assert words.short_cell.format(short=2) in text, format


def test_csv_has_a_row_per_target_milestone_and_group() -> None:
    rows = list(csv.DictReader(io.StringIO(_render("csv", "en"))))
    assert tuple(rows[0]) == (*CSV_HEADER, *BREAKDOWN_COLUMNS)
    card = scenario.scorecard()
    expected = []
    for assessment in card.assessments:
        expected.append((assessment.target.id, assessment.milestone.label, "pooled", ""))
        if assessment.breakdown is not None:
            expected.extend(
                (assessment.target.id, assessment.milestone.label, "group", g.group.key or "")
                for g in assessment.breakdown.groups
            )
    assert [(r["target"], r["milestone"], r["level"], r["group"]) for r in rows] == expected
    group = next(r for r in rows if r["group"] == "tinh-c" and r["target"] == "revenue")
    assert (group["status"], Fraction(group["actual"]), group["population"]) == (
        "achieved",
        Fraction(31, 30),
        "3",
    )


def test_a_plain_scorecard_keeps_the_plain_csv_header() -> None:
    plain = scenario.plan()
    card = scenario.scorecard()
    unbroken = [a for a in card.assessments if a.target.id == "portal"]
    text = render(attrs.evolve(card, assessments=tuple(unbroken)), "csv", lang="en")
    assert next(csv.reader(io.StringIO(text))) == list(CSV_HEADER)
    assert plain.target("portal").breakdown is None


def test_json_is_the_scorecard_with_its_breakdowns() -> None:
    card = json.loads(_render("json", "en"))
    assert card == scenario.scorecard().to_dict()
    digital = card["assessments"][0]["breakdown"]
    assert [g["group"] for g in digital["groups"]] == ["tinh-c", "tinh-d", None]


class _Checker(html.parser.HTMLParser):
    VOID = frozenset({"meta", "br", "line", "rect", "polyline", "polygon", "circle", "path"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids.extend(value for name, value in attrs if name == "id" and value)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids.extend(value for name, value in attrs if name == "id" and value)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        assert self.stack, f"</{tag}> closes nothing"
        assert self.stack.pop() == tag


@pytest.mark.parametrize("lang", LANGS)
def test_the_html_matrix_is_well_formed_escaped_and_charted(lang: str) -> None:
    page = _render("html", lang)
    checker = _Checker()
    checker.feed(page)
    checker.close()
    assert checker.stack == []
    assert len(checker.ids) == len(set(checker.ids))
    assert "Tỉnh &lt;D&gt; &amp; |E|" in page
    assert "<D>" not in page
    assert page.count('class="chart group-chart"') == 3
    assert page.count('<th scope="row">') == 3
