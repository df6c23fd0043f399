"""Units, populations and the observation log."""

import datetime as dt
from fractions import Fraction

import pytest

from policytargets import DataError, Observation, ObservationLog, Period, Population, Unit

D = dt.date


def test_units_active_on_their_interval_inclusive() -> None:
    unit = Unit("a", "A", active_from=D(2025, 4, 14), active_until=D(2025, 6, 30))
    assert not unit.is_active(D(2025, 4, 13))
    assert unit.is_active(D(2025, 4, 14))
    assert unit.is_active(D(2025, 6, 30))
    assert not unit.is_active(D(2025, 7, 1))
    assert Unit("b", "B").is_active(D(1900, 1, 1))


def test_population_members_follow_a_merger() -> None:
    population = Population(
        "agencies",
        "Agencies",
        [
            Unit("paper", "Paper", active_until=D(2025, 4, 13), successor="merged"),
            Unit("radio", "Radio", active_until=D(2025, 4, 13), successor="merged"),
            Unit("magazine", "Magazine"),
            Unit("merged", "Merged", active_from=D(2025, 4, 14)),
        ],
    )
    assert [u.id for u in population.members(D(2024, 12, 31))] == ["paper", "radio", "magazine"]
    assert [u.id for u in population.members(D(2025, 12, 31))] == ["magazine", "merged"]
    assert population.unit("merged") is not None
    assert population.unit("nobody") is None


def test_units_compare_by_value_including_attributes() -> None:
    assert Unit("a", "A", attributes={"kind": "magazine"}) == Unit(
        "a", "A", attributes={"kind": "magazine"}
    )
    assert Unit("a", "A", attributes={"kind": "magazine"}) != Unit("a", "A")
    with pytest.raises(TypeError):
        Unit("a", "A", attributes={"kind": "x"}).attributes["kind"] = "y"  # type: ignore[index]


def obs(
    value: object,
    recorded: dt.date | None = None,
    *,
    unit: str = "a",
    period: object = 2024,
    origin: str = "",
) -> Observation:
    return Observation("m", unit, period, value, "src", recorded, origin)  # type: ignore[arg-type]


def test_a_later_recorded_row_is_a_revision_and_the_history_stays() -> None:
    first = obs(Fraction(10), D(2024, 12, 10))
    revised = obs(Fraction(12), D(2025, 3, 20))
    log = ObservationLog([revised, first])
    period = Period.year(2024)
    assert log.get("m", "a", period) == revised
    assert log.history("m", "a", period) == (first, revised)
    assert log.get("m", "a", period, known_at=D(2025, 1, 1)) == first
    assert log.get("m", "a", period, known_at=D(2024, 1, 1)) is None


@pytest.mark.parametrize(
    ("first", "second"),
    [(D(2024, 12, 10), D(2024, 12, 10)), (None, D(2024, 12, 10)), (None, None)],
)
def test_duplicates_that_cannot_be_ordered_are_conflicts_naming_both(
    first: dt.date | None, second: dt.date | None
) -> None:
    with pytest.raises(DataError) as caught:
        ObservationLog(
            [
                obs(Fraction(1), first, origin="a.csv:2"),
                obs(Fraction(2), second, origin="b.csv:7"),
            ]
        )
    message = str(caught.value)
    assert "a.csv:2" in message
    assert "b.csv:7" in message
    assert isinstance(caught.value, ValueError)


def test_every_conflict_is_reported() -> None:
    rows = [obs(Fraction(i), unit=u, origin=f"x.csv:{i}") for i, u in enumerate("aabb")]
    with pytest.raises(DataError) as caught:
        ObservationLog(rows)
    assert len(caught.value.problems) == 2


def test_latest_state_before_a_day() -> None:
    log = ObservationLog(
        [obs(False, period=2023), obs(True, period=2024), obs(False, period="2026-Q1")]
    )
    assert log.latest_until("m", "a", D(2025, 12, 31)) == obs(True, period=2024)
    assert log.latest_until("m", "a", D(2023, 12, 30)) is None
    assert log.latest_until("m", "a", D(2026, 12, 31)) == obs(False, period="2026-Q1")
    assert log.latest_until("m", "a", D(2026, 12, 31), starts_by=D(2025, 6, 1)) == obs(
        True, period=2024
    )


def test_plan_wide_units_and_queries() -> None:
    log = ObservationLog([Observation("articles", "", 2024, Fraction(5))], notes=["illustrative"])
    assert log.units("articles") == frozenset({None})
    assert log.measures == frozenset({"articles"})
    assert log.get("articles", None, Period.year(2024)) is not None
    combined = log + ObservationLog([Observation("articles", None, 2025, Fraction(6))])
    assert len(combined) == 2
    assert combined.notes == ("illustrative",)
    assert [o.period for o in combined] == [Period.year(2024), Period.year(2025)]


def test_observations_compare_without_their_origin() -> None:
    assert obs(True, origin="a.csv:1") == obs(True, origin="b.csv:9")
    assert obs(True).to_dict() == {
        "measure": "m",
        "unit": "a",
        "period": "2024",
        "value": "true",
        "source": "src",
        "recorded": None,
    }
