"""Error messages quote a user's value, cut to a readable length."""

from __future__ import annotations

import pytest

import policytargets as pt
from policytargets.errors import QUOTED_LENGTH, quoted
from policytargets.io import loads_observations


def test_a_short_value_is_quoted_whole_and_a_long_one_cut() -> None:
    assert quoted("70%") == "'70%'"
    cut = quoted("x" * 1000)
    assert (len(cut), cut[0], cut[-2:]) == (QUOTED_LENGTH, "'", "…'")


@pytest.mark.parametrize(
    ("parse", "text"),
    [
        (pt.parse_number, "1" * 400 + "x"),
        (pt.Period.parse, "2025-" + "Q" * 400),
        (pt.parse_date, "30/" * 400),
        (pt.Requirement.parse, "~" * 400),
    ],
    ids=["number", "period", "date", "requirement"],
)
def test_errors_do_not_quote_a_long_input_whole(parse: object, text: str) -> None:
    with pytest.raises(ValueError, match="…'") as caught:
        parse(text)  # type: ignore[operator]
    assert text not in str(caught.value)
    assert len(str(caught.value)) < QUOTED_LENGTH + 200


def test_a_data_file_error_quotes_a_cut_value() -> None:
    value = "9" * 300 + "z"
    with pytest.raises(pt.DataError) as caught:
        loads_observations(f"measure,unit,period,value\nm,,2025,{value}\n", name="d.csv")
    assert value not in str(caught.value)
    assert "d.csv:2" in str(caught.value)


LONG = "x" * 10_000

# A synthetic plan.
PLAN = """\
schema = "policytargets/plan@1"
[plan]
id = "p"
number = "1/KH"
title = "Illustrative plan (synthetic)"
issuer = "I"
issued = 2024-01-01
effective = 2024-01-01
[[populations]]
id = "agencies"
name = "Agencies"
units = [{ id = "a", name = "A" }]
[[targets]]
id = "t"
type = "threshold-share"
title = "T"
population = "agencies"
condition = "score >= 3"
milestones = [{ by = 2025, require = ">= 50%" }]
"""


def problems_of(text: str) -> list[str]:
    with pytest.raises(pt.PlanError) as caught:
        pt.io.loads_plan(text, name="plan.toml")
    return [str(problem) for problem in caught.value.problems]


def test_a_condition_error_quotes_its_token_as_every_message_does() -> None:
    cut = "'" + "y" * (QUOTED_LENGTH - 3) + "…'"
    assert problems_of(PLAN.replace("score >= 3", f"score >= 3 {'y' * 500}")) == [
        "plan.toml:18: targets[0].condition: condition: expected 'and', 'or' or the end "
        "after '3' (at character 12)"
    ]
    assert problems_of(PLAN.replace("score >= 3", f"score >= and {'y' * 500}")) == [
        "plan.toml:18: targets[0].condition: condition: expected a measure or a value after "
        "'>=', found 'and' (at character 10)"
    ]
    assert problems_of(PLAN.replace("score >= 3", f"{'y' * 500} 3")) == [
        f"plan.toml:18: targets[0].condition: condition: expected a comparator after {cut} "
        "(at character 502)"
    ]


def test_plan_messages_cut_ids_keys_and_paths() -> None:
    found = problems_of(PLAN.replace('population = "agencies"', f'population = "{LONG}"'))
    assert found == [f"plan.toml:17: targets[0].population: unknown population {quoted(LONG)}"]
    (unknown_key,) = problems_of(PLAN + f"{LONG} = 1\n")
    assert LONG not in unknown_key
    assert unknown_key.startswith("plan.toml:20: targets[0].xxx")
    assert unknown_key.endswith(f"…: unknown key {quoted(LONG)}")
    assert len(unknown_key) < 3 * QUOTED_LENGTH


def test_a_notice_cuts_the_id_of_a_measure_no_target_reads() -> None:
    plan = pt.io.loads_plan(PLAN)
    data = f"measure,unit,period,value\nscore,a,2025,4\n{LONG},a,2025,1\n"
    log = loads_observations(data, name="d.csv")
    (notice,) = pt.evaluate(plan, log, as_of=pt.parse_date("2026-01-01")).notices
    assert str(notice) == (
        f"1 rows of measures no target reads ({'x' * (QUOTED_LENGTH - 1)}…): d.csv: 3"
    )
