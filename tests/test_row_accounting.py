"""Every row of a data file is read by a target or named, by file and line, in one notice."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

import policytargets as pt
from policytargets.assess import ROW_REASONS, SHOWN_ROW_RANGES
from policytargets.io import loads_observations
from policytargets.io.plan_files import loads_plan
from policytargets.report import render

AS_OF = dt.date(2026, 6, 1)

PLAN_HEAD = """
schema = "policytargets/plan@1"

[plan]
id = "rows-demo"
number = "1/KH"
title = "Rows"
issuer = "Ủy ban"
issued = 2022-01-01
effective = 2022-01-01
"""

# ILLUSTRATIVE: a synthetic plan; not real data.
PLAN = loads_plan(
    PLAN_HEAD
    + """
[[units]]
id = "outside"
name = "Outside every population"

[[populations]]
id = "agencies"
units = [
  { id = "a", name = "A" },
  { id = "old", name = "Old", until = 2025-06-30 },
]

[[targets]]
id = "online"
type = "threshold-share"
title = "Online"
population = "agencies"
condition = "score >= 3"
milestones = [{ by = 2025, require = ">= 50%" }]

[[targets]]
id = "articles"
type = "level"
title = "Articles"
measure = "articles"
milestones = [{ by = 2025, require = ">= 10" }]
""",
    name="plan.toml",
)

HEADER = "measure,unit,period,value\n"


def notices(body: str) -> dict[str, tuple[str, str, dict[str, str]]]:
    log = loads_observations(HEADER + body, name="d.csv")
    card = pt.evaluate(PLAN, log, as_of=AS_OF)
    return {
        n.code: (n.params["count"], n.params["rows"], dict(n.rows))
        for n in card.notices
        if n.code in ROW_REASONS
    }


def test_rows_every_target_reads_raise_no_notice() -> None:
    assert notices("score,a,2025,4\narticles,,2025,12\nscore,old,2024,3\n") == {}


def test_a_period_of_another_kind() -> None:
    body = "score,a,2025,4\nscore,a,2025-Q4,4\nscore,a,2025-12-31,4\narticles,,2025-Q4,3\n"
    assert notices(body) == {"other_period_kind": ("3", "d.csv: 3-5", {"d.csv": "3-5"})}


def test_a_unit_not_active_in_its_period() -> None:
    body = "score,old,2024,3\nscore,old,2025,3\n"
    assert notices(body) == {"inactive_unit": ("1", "d.csv: 3", {"d.csv": "3"})}


def test_a_plan_wide_row_for_a_per_unit_measure_and_the_reverse() -> None:
    body = "score,,2025,3\narticles,a,2025,5\narticles,,2025,5\n"
    assert notices(body) == {
        "plan_wide_for_unit_measure": ("1", "d.csv: 2", {"d.csv": "2"}),
        "unit_row_for_plan_wide_measure": ("1", "d.csv: 3", {"d.csv": "3"}),
    }


def test_a_measure_no_target_reads_names_the_measures_and_lines() -> None:
    log = loads_observations(
        HEADER + "zeta,a,2025,1\nscore,a,2025,4\nalpha,,2025,1\n", name="d.csv"
    )
    card = pt.evaluate(PLAN, log, as_of=AS_OF)
    (notice,) = card.notices
    assert (notice.code, dict(notice.params)) == (
        "unused_measure",
        {"count": "2", "rows": "d.csv: 2, 4", "measures": "alpha, zeta"},
    )
    assert str(notice) == "2 rows of measures no target reads (alpha, zeta): d.csv: 2, 4"
    assert card.to_dict()["unused_rows"] == [
        {"code": "unused_measure", "count": 2, "rows": {"d.csv": "2, 4"}}
    ]


def test_a_period_that_begins_after_the_as_of_date() -> None:
    body = "score,a,2025,4\nscore,a,2027,4\narticles,,2026,12\nzeta,,2027,1\n"
    assert notices(body) == {
        # the 2026 period has begun on 2026-06-01; a measure no target reads says so first
        "unused_measure": ("1", "d.csv: 5", {"d.csv": "5"}),
        "after_as_of": ("1", "d.csv: 3", {"d.csv": "3"}),
    }
    log = loads_observations(HEADER + body, name="d.csv")
    card = pt.evaluate(PLAN, log, as_of=AS_OF)
    assert (
        "1 rows for periods that begin after the as-of date: d.csv: 3" in card.to_dict()["notices"]
    )
    vietnamese = render(card, "table", lang="vi")
    assert "1 dòng số liệu cho kỳ bắt đầu sau ngày đánh giá: d.csv: 3" in vietnamese


def test_a_growth_reads_its_base_period_not_every_period_of_the_base_kind() -> None:
    plan = loads_plan(
        PLAN_HEAD
        + """
[[targets]]
id = "quarterly"
type = "growth"
title = "Quarterly growth over 2022"
measure = "m"
base = 2022
milestones = [{ by = "2025-Q4", require = ">= 10%" }]
""",
        name="plan.toml",
    )
    log = loads_observations(
        HEADER + "m,,2022,10\nm,,2023,10\nm,,2025-Q4,12\nm,,2025-Q3,12\n", name="d.csv"
    )
    card = pt.evaluate(plan, log, as_of=AS_OF)
    assert card.assessments[0].status is pt.Status.ACHIEVED
    assert [(n.code, dict(n.rows)) for n in card.notices] == [("other_period_kind", {"d.csv": "3"})]


def test_a_notice_names_the_first_line_ranges_and_keeps_every_line() -> None:
    # unread rows on every other line: one range each
    body = "".join(f"x,,{1100 + i},1\narticles,,{1100 + i},1\n" for i in range(30))
    log = loads_observations(HEADER + body, name="d.csv")
    (notice,) = pt.evaluate(PLAN, log, as_of=AS_OF).notices
    shown = ", ".join(str(line) for line in range(2, 2 * SHOWN_ROW_RANGES + 1, 2))
    assert str(notice) == f"30 rows of measures no target reads (x): d.csv: {shown}, …"
    every = ", ".join(str(line) for line in range(2, 61, 2))
    assert dict(notice.rows) == {"d.csv": every}
    assert pt.evaluate(PLAN, log, as_of=AS_OF).to_dict()["unused_rows"][0]["rows"] == {
        "d.csv": every
    }


def test_a_unit_in_no_population() -> None:
    assert notices("score,outside,2025,4\n") == {
        "unit_in_no_population": ("1", "d.csv: 2", {"d.csv": "2"})
    }


# ILLUSTRATIVE: a synthetic plan; not real data. Overlapping populations read one measure
# at different kinds of period, and a unit's own target reads it too.
OVERLAPPING = loads_plan(
    PLAN_HEAD
    + """
[[populations]]
id = "north"
units = [{ id = "a", name = "A" }, { id = "b", name = "B" }]

[[populations]]
id = "south"
units = [{ id = "b", name = "B" }, { id = "c", name = "C" }]

[[populations]]
id = "east"
units = [{ id = "d", name = "D" }]

[[targets]]
id = "north-yearly"
type = "threshold-share"
title = "North"
population = "north"
condition = "score >= 3"
milestones = [{ by = 2025, require = ">= 50%" }]

[[targets]]
id = "south-quarterly"
type = "threshold-share"
title = "South"
population = "south"
condition = "score >= 3"
milestones = [{ by = "2025-Q4", require = ">= 50%" }]

[[targets]]
id = "east-yearly"
type = "threshold-share"
title = "East"
population = "east"
condition = "score >= 3"
milestones = [{ by = 2025, require = ">= 50%" }]

[[targets]]
id = "a-monthly"
type = "level"
title = "A's score"
measure = "score"
unit = "a"
milestones = [{ by = "2025-12", require = ">= 3" }]
""",
    name="overlapping.toml",
)


def test_units_of_overlapping_populations_are_read_by_every_target_reading_them() -> None:
    body = (
        "score,a,2025,4\n"  # north, yearly: read
        "score,a,2025-Q1,4\n"  # a is in no population read quarterly
        "score,a,2025-12,4\n"  # a's own target, monthly: read
        "score,b,2025,4\nscore,b,2025-Q1,4\n"  # north and south: both read
        "score,b,2025-12,4\n"  # no target reads b monthly
        "score,c,2025-Q2,4\n"  # south, quarterly: read
        "score,c,2025,4\n"  # c is in no population read yearly
        "score,d,2025,4\nscore,d,2025-Q1,4\n"  # east reads d yearly only
    )
    log = loads_observations(HEADER + body, name="d.csv")
    card = pt.evaluate(OVERLAPPING, log, as_of=AS_OF)
    assert [(n.code, dict(n.rows)) for n in card.notices] == [
        ("other_period_kind", {"d.csv": "3, 7, 9, 11"})
    ]


def test_rows_of_several_files_are_named_by_file() -> None:
    first = loads_observations(HEADER + "x,a,2025,1\nx,a,2024,1\nx,a,2023,1\n", name="one.csv")
    second = loads_observations(HEADER + "x,,2025,1\n", name="two.csv")
    (notice,) = pt.evaluate(PLAN, first + second, as_of=AS_OF).notices
    assert dict(notice.rows) == {"one.csv": "2-4", "two.csv": "2"}
    assert notice.params["rows"] == "one.csv: 2-4; two.csv: 2"


def test_a_scorecard_without_unread_rows_has_no_unused_rows_key() -> None:
    log = loads_observations(HEADER + "score,a,2025,4\n", name="d.csv")
    assert "unused_rows" not in pt.evaluate(PLAN, log, as_of=AS_OF).to_dict()


ROWS = st.tuples(
    st.sampled_from(["score", "articles", "other"]),
    st.sampled_from(["a", "old", "outside", ""]),
    st.sampled_from(["2024", "2025", "2025-Q4", "2025-12-31", "2024-Q1", "2027"]),
)


def _lines(ranges: str) -> set[int]:
    found: set[int] = set()
    for part in ranges.split(", "):
        first, _, last = part.partition("-")
        found.update(range(int(first), int(last or first) + 1))
    return found


@given(st.lists(ROWS, unique=True, max_size=25))
def test_every_row_is_read_or_named_in_exactly_one_notice(
    rows: list[tuple[str, str, str]],
) -> None:
    body = "".join(f"{m},{u},{p},{len(u) + 3}\n" for m, u, p in rows)
    log = loads_observations(HEADER + body, name="d.csv")
    card = pt.evaluate(PLAN, log, as_of=AS_OF)
    named: list[int] = []
    for notice in card.notices:
        assert notice.code in ROW_REASONS
        lines = _lines(notice.rows["d.csv"])
        assert len(lines) == int(notice.params["count"])
        named.extend(lines)
    assert len(named) == len(set(named))  # in one notice at most
    cited = {int(o.origin.rpartition(":")[2]) for a in card.assessments for o in a.evidence}
    assert not cited & set(named)  # a row an assessment cites is never named
    for line, (measure, unit, period) in enumerate(rows, start=2):
        if line in named:
            continue
        # a row named in no notice is read: its measure, scope, kind and unit's activity fit
        assert period != "2027"  # after the as-of date
        if measure == "score":
            assert unit in {"a", "old"}
            assert period in {"2024", "2025"}
            assert unit == "a" or period == "2024"
        else:
            assert (measure, unit, len(period)) == ("articles", "", 4)


def test_rows_recorded_after_the_knowledge_date_are_in_no_notice() -> None:
    known = (
        "measure,unit,period,value,source,recorded\n"
        "score,a,2025,4,,2025-12-01\n"
        "zeta,,2025,1,,2025-12-01\n"
        "score,a,2027,1,,2025-12-01\n"
    )
    later = (
        "score,a,2025,5,,2026-03-01\n"  # a revision the knowledge date leaves out
        "zeta,,2024,1,,2026-03-01\n"
        "score,a,2028,1,,2026-03-01\n"
    )
    day = dt.date(2026, 1, 1)
    then = pt.evaluate(PLAN, loads_observations(known, name="d.csv"), as_of=AS_OF, known_at=day)
    now = pt.evaluate(
        PLAN, loads_observations(known + later, name="d.csv"), as_of=AS_OF, known_at=day
    )
    assert [(n.code, n.params["count"], dict(n.rows)) for n in now.notices] == [
        ("unused_measure", "1", {"d.csv": "3"}),
        ("after_as_of", "1", {"d.csv": "4"}),
    ]
    # the report of that day, run again once the later rows have arrived, is the same
    assert render(now, "json") == render(then, "json")
