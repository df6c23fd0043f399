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
