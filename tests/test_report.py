"""Tests of the report renderers (policytargets.report).

The scenario (``tests/report_scenario.py``) is a small plan with every target type and every
status, rendered in every format and language and compared byte for byte with the golden
files in ``tests/golden/`` (``report.<lang>.<extension>``).

After an intended change of a report, regenerate the golden files and review the diff::

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_report.py

The golden test then rewrites the files and passes; the diff shows what changed.
"""

from __future__ import annotations

import csv
import datetime as dt
import html.parser
import io
import json
import os
import re
import subprocess
import sys
import unicodedata
from fractions import Fraction
from pathlib import Path

import attrs
import pytest

from policytargets import Milestone, Scorecard, Status, Target, ThresholdShare
from policytargets.periods import Period
from policytargets.quantities import Requirement
from policytargets.report import FORMATS, LANGS, render
from policytargets.report.csv_report import CSV_HEADER, neutralise
from policytargets.report.labels import (
    EN,
    STATUS_SYMBOLS,
    VI,
    clean,
    format_date,
    format_period,
    report_text,
    requirement_text,
)
from policytargets.report.markdown import escape
from policytargets.report.svg import MAX_POINTS, chart_data
from policytargets.report.table import display_width, wrap

sys.path.insert(0, str(Path(__file__).parent))
import report_scenario as scenario  # a plain module next to this file

GOLDEN = Path(__file__).parent / "golden"
EXTENSIONS = {"table": "txt", "markdown": "md", "html": "html", "csv": "csv", "json": "json"}
HUMAN_FORMATS = ("table", "markdown", "html")


def _render(card: Scorecard, format: str, lang: str) -> str:
    return render(card, format, lang=lang, observations=scenario.observations())


# --- golden files --------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("format", FORMATS)
def test_golden(format: str, lang: str) -> None:
    text = _render(scenario.enriched_scorecard(), format, lang)
    path = GOLDEN / f"report.{lang}.{EXTENSIONS[format]}"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    assert path.exists(), f"{path} is missing: run with UPDATE_GOLDEN=1 to create it"
    assert text.encode("utf-8") == path.read_bytes()


def test_formats_and_languages_are_the_documented_ones() -> None:
    assert FORMATS == ("table", "markdown", "html", "csv", "json")
    assert LANGS == ("vi", "en")


# --- determinism and line endings -------------------------------------------------------------


@pytest.mark.parametrize("format", FORMATS)
def test_same_inputs_give_the_same_bytes(format: str) -> None:
    first = _render(scenario.enriched_scorecard(), format, "vi")
    second = _render(scenario.enriched_scorecard(), format, "vi")
    assert first == second
    assert first.endswith("\n")
    assert "\r" not in first


_DIGESTS = """
import hashlib, sys
sys.path.insert(0, {tests!r})
import report_scenario as scenario
from policytargets.report import FORMATS, LANGS, render
for format in FORMATS:
    for lang in LANGS:
        text = render(scenario.enriched_scorecard(), format, lang=lang,
                      observations=scenario.observations())
        sys.stdout.write(format + lang + hashlib.sha256(text.encode()).hexdigest() + "\\n")
"""


def test_output_does_not_depend_on_hash_order() -> None:
    """Set and dictionary order of strings changes with PYTHONHASHSEED; reports must not."""
    code = _DIGESTS.format(tests=str(Path(__file__).parent))
    outputs = []
    for seed in ("1", "2"):
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(  # noqa: S603 - runs this interpreter on code written above
            [sys.executable, "-c", code], env=environment, capture_output=True, check=True
        )
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert len(outputs[0].splitlines()) == len(FORMATS) * len(LANGS)


# --- errors ----------------------------------------------------------------------------------


def test_unknown_format_names_the_allowed_ones() -> None:
    card = scenario.scorecard()
    with pytest.raises(ValueError, match="'pdf'") as error:
        render(card, "pdf")
    for known in FORMATS:
        assert repr(known) in str(error.value)


@pytest.mark.parametrize("format", FORMATS)
def test_unknown_language_names_the_allowed_ones(format: str) -> None:
    with pytest.raises(ValueError, match=r"'fr'.*'vi', 'en'"):
        render(scenario.scorecard(), format, lang="fr")


# --- JSON ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_json_is_exactly_the_scorecard_dictionary(lang: str) -> None:
    card = scenario.enriched_scorecard()
    expected = json.dumps(card.to_dict(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    assert render(card, "json", lang=lang) == expected


# --- notices, shown first --------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("format", HUMAN_FORMATS)
def test_notices_come_before_the_figures(format: str, lang: str) -> None:
    text = _render(scenario.enriched_scorecard(), format, lang)
    if format == "html":
        text = text.split("<body>", 1)[1]  # the head names the as-of date for printed pages
    words = VI if lang == "vi" else EN
    for notice in scenario.NOTICES:
        assert notice in text
        assert text.index(notice) < text.index(words.as_of)
        assert text.index(notice) < text.index(words.statuses[Status.ACHIEVED])


def test_csv_carries_the_notices_on_every_row() -> None:
    rows = list(csv.DictReader(io.StringIO(render(scenario.scorecard(), "csv"))))
    assert rows
    for row in rows:
        assert all(notice in row["notices"] for notice in scenario.NOTICES)


# --- HTML --------------------------------------------------------------------------------------

_VOID = {"meta", "br", "link", "img", "input", "hr", "line", "circle", "polyline", "polygon"}


class _Balance(html.parser.HTMLParser):
    """Checks that every element is closed in order, and collects what must not appear."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.extend(attrs)
        if tag not in _VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.extend(attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        assert self.stack, f"</{tag}> closes nothing"
        opened = self.stack.pop()
        assert opened == tag, f"<{opened}> closed by </{tag}>"


def _hostile(card: Scorecard, text: str) -> Scorecard:
    """The scorecard with ``text`` in every place a file can put text."""
    plan = card.plan
    first = plan.targets[0]
    targets = (
        attrs.evolve(first, title=text, title_en=text, source=text, note=text),
        *plan.targets[1:],
    )
    plan = attrs.evolve(plan, title=text, title_en=text, number=text, issuer=text, note=text)
    plan = attrs.evolve(plan, targets=targets)
    assessments = tuple(
        attrs.evolve(a, target=targets[0], note=text) if a.target.id == first.id else a
        for a in card.assessments
    )
    return attrs.evolve(card, plan=plan, assessments=assessments, notices=(text,))


@pytest.mark.parametrize("lang", LANGS)
def test_html_escapes_everything_from_files(lang: str) -> None:
    attack = '<script>alert("x")</script> & <b>bold</b>'
    card = _hostile(scenario.enriched_scorecard(), attack)
    page = render(card, "html", lang=lang, observations=scenario.observations())
    assert "<script" not in page
    assert "<b>" not in page
    escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"
    assert escaped in page
    # inside the chart's SVG too: its <title> names the target
    chart_title = re.search(r'<title id="chart-1-title">(.*?)</title>', page)
    assert chart_title is not None
    assert escaped in chart_title[1]
    parser = _Balance()
    parser.feed(page)
    parser.close()
    assert parser.stack == []
    assert "script" not in parser.tags


@pytest.mark.parametrize("lang", LANGS)
def test_html_is_self_contained_and_printable(lang: str) -> None:
    page = _render(scenario.enriched_scorecard(), "html", lang)
    assert page.startswith("<!DOCTYPE html>\n")
    assert f'<html lang="{lang}">' in page
    parser = _Balance()
    parser.feed(page)
    parser.close()
    assert parser.stack == []
    assert not parser.tags & {"script", "link", "img", "iframe", "object", "embed"}
    values = [value or "" for name, value in parser.attributes if name in {"src", "href"}]
    assert values == []
    # the only URL is the SVG namespace, which is never fetched
    assert set(re.findall(r"https?://[^\s\"'<>)]+", page)) == {"http://www.w3.org/2000/svg"}
    assert "url(" not in page
    assert "@import" not in page
    assert "@page { size: A4" in page
    assert "@media print" in page
    assert "break-inside: avoid" in page
    assert page.count('<svg class="chart"') == len(scenario.plan().targets)


def test_html_status_reads_without_colour() -> None:
    page = _render(scenario.enriched_scorecard(), "html", "vi")
    for status in Status:
        badge = re.search(
            rf'<span class="status status-{status.value}"><span class="symbol" '
            rf'aria-hidden="true">(.)</span> ([^<]+)</span>',
            page,
        )
        assert badge is not None, status
        assert badge[1] == STATUS_SYMBOLS[status]
        assert badge[2] == VI.statuses[status]


def test_html_charts_plot_the_log_or_only_the_judged_values() -> None:
    card = scenario.enriched_scorecard()
    with_log = render(card, "html", observations=scenario.observations())
    assert render(card, "html") == with_log  # the scorecard keeps the log it was evaluated on
    judged = render(attrs.evolve(card, observations=None), "html")
    # 2023's share (1/3) is read only from the log: no assessment judges 2023
    assert "2023: 33,3%" in with_log
    assert "2023: 33,3%" not in judged
    assert VI.chart_judged_only in judged
    assert VI.chart_judged_only not in with_log
    # the judged values are plotted either way
    assert "2025: 66,7%" in judged


def test_chart_data_reads_like_the_engine() -> None:
    card = scenario.scorecard()
    target = card.plan.target("digital-platforms")
    items = report_text(card, "en").for_target(target.id)
    data = chart_data(target, items, card, scenario.observations())
    assert data is not None
    assert [(str(p.period), p.value) for p in data.observed] == [
        ("2023", Fraction(1, 3)),
        ("2024", Fraction(2, 3)),
        ("2025", Fraction(2, 3)),
    ]
    assert str(data.required[0].period) == "2023"
    assert str(data.required[-1].period) == "2030"
    assert data.required[0].value == Fraction(1, 3)
    assert data.required[-1].value == 1
    assert [m.status for m in data.milestones] == [Status.MISSED, Status.OFF_TRACK]


def test_long_ranges_of_periods_are_sampled() -> None:
    card = scenario.scorecard()
    daily = Target(
        id="daily",
        title="Daily",
        rule=ThresholdShare(population="press-agencies", measure="publishes-on-digital-platforms"),
        milestones=[Milestone("2030-06-30", ">= 50%")],
    )
    data = chart_data(daily, (), card, None)
    assert data is not None
    assert len(data.required) <= MAX_POINTS + 2
    assert str(data.required[-1].period) == "2030-06-30"


# --- CSV ---------------------------------------------------------------------------------------


def _csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_csv_has_the_documented_header_and_a_row_per_assessment() -> None:
    card = scenario.enriched_scorecard()
    rows = _csv_rows(render(card, "csv", lang="en"))
    assert tuple(rows[0]) == CSV_HEADER
    assert len(rows) == 1 + len(card.assessments)
    assert all(len(row) == len(CSV_HEADER) for row in rows)
    first = dict(zip(CSV_HEADER, rows[1], strict=True))
    assert first["required"] == "7/10"
    assert first["actual"] == "2/3"
    assert first["actual_text"] == "66.7%"
    assert first["met_units"] == "2"
    assert first["population"] == "3"
    assert first["required_units"] == "3"
    assert first["units_short"] == "1"
    vi = dict(zip(CSV_HEADER, _csv_rows(render(card, "csv"))[1], strict=True))
    assert vi["actual_text"] == "66,7%"
    assert vi["status_label"] == "Không đạt"


def test_csv_neutralises_text_and_keeps_numbers() -> None:
    formula = '=HYPERLINK("http://example.com","x")'
    card = _hostile(scenario.enriched_scorecard(), formula)
    card = attrs.evolve(card, notices=("+1+1", "@SUM(A1)"))
    rows = _csv_rows(render(card, "csv"))
    for row in rows:
        for cell in row:
            number = re.fullmatch(r"-[0-9./e-]+", cell) is not None
            assert number or not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    records = [dict(zip(CSV_HEADER, row, strict=True)) for row in rows[1:]]
    first = records[0]
    assert first["title"] == f"'{formula}"
    assert first["source"] == f"'{formula}"
    assert first["notices"] == "'+1+1; @SUM(A1)"
    # numbers stay numbers, and read back exactly; the text for people is still neutralised
    missed = next(r for r in records if r["target"] == "new-articles" and r["milestone"] == "2025")
    assert missed["actual"] == "-1/12"
    assert missed["actual_text"] == "'-8,3%"
    assert Fraction(missed["actual"]) == Fraction(-1, 12)


def test_neutralise() -> None:
    assert neutralise("=1") == "'=1"
    assert neutralise("\tx") == "'\tx"
    assert neutralise("\rx") == "'\rx"
    assert neutralise("7/10") == "7/10"
    assert neutralise("") == ""
    assert neutralise("-1/12") == "-1/12"
    assert neutralise("-0.25") == "-0.25"
    assert neutralise("-1.4583e-05") == "-1.4583e-05"
    for text in ("-2+3", "-1/12+A1", "-", "-1/", "-1e", "-8,3%", "-1 ", "+1", "-1/12\n=A1"):
        assert neutralise(text) == f"'{text}", text


# --- table alignment ---------------------------------------------------------------------------


def _separator_columns(line: str) -> list[int]:
    """The terminal columns of the ``|`` and ``+`` column separators of a table line."""
    columns, position = [], 0
    for index, char in enumerate(line):
        if char in "|+" and line[index - 1 : index] in {" ", "-"}:
            columns.append(position)
        position += display_width(char)
    return columns


def _table_blocks(text: str) -> list[list[str]]:
    """The tables of a report: its paragraphs that have a rule line."""
    paragraphs = [block.splitlines() for block in text.split("\n\n")]
    return [lines for lines in paragraphs if any("-+-" in line for line in lines)]


def _with_awkward_unit_names(card: Scorecard) -> Scorecard:
    """Unit names in decomposed form (NFD) and with East Asian wide characters."""
    population = card.plan.populations[0]
    names = {
        "tap-chi-cuu-long": unicodedata.normalize("NFD", "Tạp chí Văn nghệ Cửu Long"),
        "bao-vinh-long": "報 Vĩnh Long 新聞",
    }
    units = [
        attrs.evolve(u, name=names[u.id], name_en=None) if u.id in names else u
        for u in population.units
    ]
    others = card.plan.populations[1:]
    plan = attrs.evolve(card.plan, populations=[attrs.evolve(population, units=units), *others])
    extra = attrs.evolve(card.missing_reports[-1], unit="bao-vinh-long")
    return attrs.evolve(card, plan=plan, missing_reports=(*card.missing_reports, extra))


@pytest.mark.parametrize("lang", LANGS)
def test_table_columns_align(lang: str) -> None:
    card = _with_awkward_unit_names(scenario.enriched_scorecard())
    text = render(card, "table", lang=lang)
    blocks = _table_blocks(text)
    targets = len(card.plan.targets)
    assert len(blocks) == targets + 1  # one per target and the missing reports
    milestone_columns = {tuple(_separator_columns(line)) for b in blocks[:-1] for line in b}
    assert len(milestone_columns) == 1, "every milestone table has the same columns"
    assert len(next(iter(milestone_columns))) == 11
    missing_columns = {tuple(_separator_columns(line)) for line in blocks[-1]}
    assert len(missing_columns) == 1
    assert "報 Vĩnh Long 新聞" in text
    assert unicodedata.normalize("NFC", "Tạp chí Văn nghệ Cửu Long") in text
    assert unicodedata.is_normalized("NFC", text)


def test_display_width() -> None:
    assert display_width("Chậm tiến độ") == 12
    assert display_width(unicodedata.normalize("NFD", "Chậm tiến độ")) == 12
    assert display_width("新聞") == 4
    assert display_width("✓ ✗ ▲ ▼ ? ·") == 11
    assert display_width("a\u200bb") == 2


def test_wrap_counts_cells_and_keeps_words() -> None:
    assert wrap("Số liệu MINH HỌA không phải số liệu", 16) == [
        "Số liệu MINH HỌA",
        "không phải số",
        "liệu",
    ]
    assert wrap("新聞新聞新聞", 4) == ["新聞", "新聞", "新聞"]
    assert wrap("", 10) == [""]


# --- Markdown ----------------------------------------------------------------------------------


def test_markdown_escape() -> None:
    assert escape("a | b") == r"a \| b"
    assert escape("*x* _y_ `z` [l](u) <b> ~s~ #h $m$") == (
        r"\*x\* \_y\_ \`z\` \[l\](u) \<b\> \~s\~ \#h \$m\$"
    )
    assert escape("&amp; & T&T") == r"\&amp; & T&T"
    assert escape("1. first") == r"1\. first"
    assert escape("- item") == r"\- item"
    assert escape("line\nbreak") == "line break"


def _cells(row: str) -> int:
    """The number of cells of a Markdown table row (escaped pipes do not count)."""
    return len(re.findall(r"(?<!\\)\|", row)) - 1


@pytest.mark.parametrize("lang", LANGS)
def test_markdown_tables_survive_pipes_in_data(lang: str) -> None:
    card = _hostile(scenario.enriched_scorecard(), "a | b | *c* <script>")
    text = render(card, "markdown", lang=lang)
    assert "<script>" not in text
    assert r"a \| b \| \*c\* \<script\>" in text
    for block in re.findall(r"(?:^\|.*\n)+", text, flags=re.MULTILINE):
        rows = block.splitlines()
        assert len({_cells(row) for row in rows}) == 1, rows[0]


# --- labels and written-out values --------------------------------------------------------------


def test_labels_name_every_status_in_both_languages() -> None:
    assert {s: VI.statuses[s] for s in Status} == {
        Status.ACHIEVED: "Đạt",
        Status.MISSED: "Không đạt",
        Status.ON_TRACK: "Đúng tiến độ",
        Status.OFF_TRACK: "Chậm tiến độ",
        Status.NO_DATA: "Chưa có số liệu",
        Status.LAPSED: "Không còn áp dụng",
        Status.NOT_STARTED: "Chưa bắt đầu",
    }
    assert set(EN.statuses) == set(Status)
    assert set(STATUS_SYMBOLS) == set(Status)
    assert len(set(STATUS_SYMBOLS.values())) == len(Status)
    assert VI.strive == "phấn đấu"
    assert EN.strive == "aspirational"
    assert set(VI.progress_categories) == set(EN.progress_categories)
    for words in (VI, EN):
        texts = [getattr(words, f.name) for f in attrs.fields(type(words))]
        assert all(text for text in texts if isinstance(text, str))


def test_dates_periods_and_requirements_per_language() -> None:
    day = dt.date(2026, 1, 1)
    assert format_date(day, "vi") == "01/01/2026"
    assert format_date(day, "en") == "2026-01-01"
    assert format_period(Period.parse("2024-Q3"), "vi") == "Q3/2024"
    assert format_period(Period.parse("2024-Q3"), "en") == "2024-Q3"
    assert format_period(Period.parse("2024-06"), "vi") == "06/2024"
    assert format_period(Period.parse("2024-06-30"), "vi") == "30/06/2024"
    assert format_period(Period.parse("2025"), "vi") == "2025"
    assert requirement_text(Requirement.parse(">= 70%"), "vi", percent=True) == "≥ 70%"
    assert requirement_text(Requirement.parse("> 66,7%"), "vi", percent=True) == "> 66,7%"
    assert requirement_text(Requirement.parse(">= 2/3"), "en", percent=True) == "≥ 66.7% (2/3)"
    assert requirement_text(Requirement.parse("<= 0.4"), "en", percent=False) == "≤ 0.4"
    assert requirement_text(Requirement.parse("= true"), "vi", percent=False) == "= có"


def test_clean() -> None:
    assert clean("a\nb\tc\r\nd") == "a b c d"
    assert clean(unicodedata.normalize("NFD", "Đúng tiến độ")) == "Đúng tiến độ"
    assert clean(None) == ""


def test_every_status_and_field_is_shown_in_the_scenario() -> None:
    card = scenario.enriched_scorecard()
    assert all(count > 0 for count in card.summary.values())
    text = render(card, "table", lang="en", observations=scenario.observations())
    text = " ".join(text.split())  # long lines are wrapped
    for needle in (
        "Needed",
        "Short",
        "aspirational",
        "Unreported: tap-chi-cuu-long",
        "linear trend: 100% at the deadline; meets the requirement from 2029",
        "meets the requirement from 2032, after the deadline",
        "Statistics Canada (Open SDG): limited progress; value 0.25; score -1.46",
        "(plan-wide)",
        "≥ 66.7% (2/3)",
        "-8.3%",
        "II.1, gạch đầu dòng 6 & <II.2>",
    ):
        assert needle in text, needle
