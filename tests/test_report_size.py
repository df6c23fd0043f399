"""Reports stay linear in their input: a list that could be long is written once, and the
human formats cap it with a count instead of printing every entry."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

import policytargets as pt
from policytargets.io import loads_observations, loads_plan
from policytargets.periods import LAST_YEAR
from policytargets.report import render
from policytargets.report.csv_report import NOTICES_CELL
from policytargets.report.labels import SHOWN_MISSING_REPORTS
from policytargets.report.table import display_width, wrap

# A synthetic plan: one requirement a day for 1,000 days.
DAILY = """\
schema = "policytargets/plan@1"
[plan]
id = "p"
number = "1/KH"
title = "Illustrative plan (synthetic)"
issuer = "I"
issued = 2024-01-01
effective = 2024-01-01
[[targets]]
id = "a"
type = "ratio"
title = "A"
numerator = "n"
denominator = "d"
every = { from = 2024-01-01, to = 2026-09-26, require = ">= 40%" }
"""
DATA = "measure,unit,period,value,source,recorded\nn,,2024-01-01,1,,\nd,,2024-01-01,2,,\n"


def far_card() -> pt.Scorecard:
    # as of the last supported year: two missing yearly reports a year since 2024
    return pt.evaluate(
        loads_plan(DAILY), loads_observations(DATA), as_of=dt.date(LAST_YEAR, 12, 31)
    )


def test_csv_writes_each_missing_report_once_on_its_milestones_row() -> None:
    card = far_card()
    assert len(card.missing_reports) == 2 * (LAST_YEAR - 2024 + 1)
    limit = csv.field_size_limit(10_000_000)  # the last row's cell holds ~14,000 reports
    try:
        rows = list(csv.DictReader(io.StringIO(render(card, "csv", lang="en"))))
    finally:
        csv.field_size_limit(limit)
    assert len(rows) == 1000
    written = [entry for row in rows for entry in row["missing_reports"].split("; ") if entry]
    assert written == [f"{m.measure}::{m.period}:{m.due.isoformat()}" for m in card.missing_reports]
    # a year's reports go to the first milestone due on or after its end; later ones to the last
    by_row = {row["milestone"]: row["missing_reports"] for row in rows}
    assert by_row["2024-12-31"] == "n::2024:2024-12-15; d::2024:2024-12-15"
    assert by_row["2025-12-31"] == "n::2025:2025-12-15; d::2025:2025-12-15"
    assert by_row["2026-09-26"].startswith("n::2026:2026-12-15; d::2026:2026-12-15; n::2027:")
    assert sum(1 for row in rows if row["missing_reports"]) == 3


def test_human_formats_list_the_first_missing_reports_and_count_the_rest() -> None:
    card = far_card()
    more = len(card.missing_reports) - SHOWN_MISSING_REPORTS
    english = f"… and {more:,} more ({len(card.missing_reports):,} in all); the JSON and CSV"
    vietnamese = f"… và {more:,} báo cáo khác ({len(card.missing_reports):,} báo cáo)".replace(
        ",", "."
    )
    for format in ("table", "markdown", "html"):
        text = render(card, format, lang="en")
        assert english in text
        assert "2073-12-15" in text  # the 100th report, the last shown
        assert "2074-12-15" not in text
        assert vietnamese in render(card, format, lang="vi")
    assert len(render(card, "json")) > 1_000_000  # JSON keeps every one


def test_a_report_within_the_cap_lists_every_missing_report_and_no_count() -> None:
    card = pt.evaluate(loads_plan(DAILY), loads_observations(DATA), as_of=dt.date(2030, 1, 1))
    assert 0 < len(card.missing_reports) <= SHOWN_MISSING_REPORTS
    assert "in all" not in render(card, "table", lang="en")


def test_wrapping_a_long_title_keeps_every_word_within_the_width() -> None:
    words = ["Kế", "hoạch", "x" * 130, "中文", *(["word"] * 20_000)]
    lines = wrap(" ".join(words), 40)
    assert all(display_width(line) <= 40 for line in lines)
    assert "".join(lines).replace(" ", "") == "".join(words)
    assert lines[:4] == ["Kế hoạch", "x" * 40, "x" * 40, "x" * 40]
    assert lines[4] == "x" * 10 + " 中文 word word word word word"


def test_csv_writes_long_notices_in_full_once_and_cut_on_the_other_rows() -> None:
    notes = "".join(f"# illustrative figures, note {i}\n" for i in range(2000))
    log = loads_observations(notes + DATA, name="d.csv")
    card = pt.evaluate(loads_plan(DAILY), log, as_of=dt.date(2026, 1, 1))
    limit = csv.field_size_limit(10_000_000)
    try:
        rows = list(csv.DictReader(io.StringIO(render(card, "csv", lang="en"))))
    finally:
        csv.field_size_limit(limit)
    full = rows[0]["notices"]
    assert "note 0" in full
    assert "note 1999" in full
    assert {row["notices"] for row in rows[1:]} == {full[: NOTICES_CELL - 1] + "…"}


def test_csv_keeps_short_notices_whole_on_every_row() -> None:
    log = loads_observations("# illustrative figures\n" + DATA, name="d.csv")
    card = pt.evaluate(loads_plan(DAILY), log, as_of=dt.date(2026, 1, 1))
    rows = list(csv.DictReader(io.StringIO(render(card, "csv", lang="en"))))
    assert {row["notices"] for row in rows} == {"illustrative figures"}


def many_targets(count: int) -> pt.Scorecard:
    """A synthetic plan of ``count`` ratio targets with two milestones and data for each, and
    a data note and missing reports that every report shows."""
    head = DAILY.split("[[targets]]", maxsplit=1)[0].replace("2024-01-01", "2020-01-01")
    targets = "".join(
        f'[[targets]]\nid = "t{i:05}"\ntype = "ratio"\ntitle = "Target {i:05}"\n'
        f'numerator = "n{i:05}"\ndenominator = "d{i:05}"\n'
        'milestones = [{ by = 2025, require = ">= 40%" }, { by = 2030, require = ">= 60%" }]\n'
        for i in range(count)
    )
    rows = "".join(
        f"n{i:05},,{year},{year - 2019},,\nd{i:05},,{year},10,,\n"
        for i in range(count)
        for year in (2021, 2023)
    )
    log = loads_observations(
        "# illustrative figures\nmeasure,unit,period,value,source,recorded\n" + rows
    )
    return pt.evaluate(loads_plan(head + targets), log, as_of=dt.date(2024, 6, 30))


def test_every_format_grows_linearly_with_the_number_of_targets() -> None:
    cards = [many_targets(count) for count in (100, 200, 300)]
    for format in ("table", "markdown", "html", "csv", "json"):
        small, middle, large = (len(render(card, format, lang="en")) for card in cards)
        # each hundred targets adds the same text: nothing is repeated per target or per row
        assert large - middle == pytest.approx(middle - small, rel=0.01), format
    table = render(cards[1], "table", lang="en")
    assert sum(line.startswith("[") for line in table.splitlines()) == 200


def test_a_daily_target_expands_its_milestones_once_and_aligns_every_one() -> None:
    plan = loads_plan(
        DAILY.replace(
            'type = "ratio"', 'type = "ratio"\nimplements = { plan = "ref", target = "a" }'
        )
    )
    reference = loads_plan(DAILY.replace('id = "p"', 'id = "ref"'))
    target = plan.targets[0]
    # read for each of its 1,000 milestones, the expansion and the schedule are made once
    assert target.all_milestones is target.all_milestones
    assert target.schedule is target.schedule
    alignment = pt.align(plan, reference, loads_observations(DATA), as_of=dt.date(LAST_YEAR, 1, 1))
    links = alignment.to_dict()["links"]
    assert len(links) == 1000
    assert {link["verdict"] for link in links} == {"same"}
