"""Statuses, assessments and scorecards, per the contract."""

from __future__ import annotations

import datetime as dt
import json
from fractions import Fraction

import pytest

import policytargets as pt

D = dt.date
O = pt.Observation


def plan(*targets: pt.Target) -> pt.Plan:
    return pt.Plan(
        id="p",
        number="77/KH-UBND",
        title="Kế hoạch",
        issuer="UBND",
        issued=D(2023, 10, 30),
        effective=D(2023, 10, 30),
        populations=[
            pt.Population(
                "agencies",
                "Agencies",
                [
                    pt.Unit("paper", "Paper", active_until=D(2025, 4, 13), successor="merged"),
                    pt.Unit("radio", "Radio", active_until=D(2025, 4, 13), successor="merged"),
                    pt.Unit("magazine", "Magazine"),
                    pt.Unit("merged", "Merged", active_from=D(2025, 4, 14)),
                ],
            )
        ],
        targets=targets,
    )


DIGITAL = pt.Target(
    id="digital-platforms",
    title="Nền tảng số",
    rule=pt.ThresholdShare(population="agencies", measure="digital"),
    milestones=[pt.Milestone(2025, ">= 70%"), pt.Milestone(2030, ">= 100%", strive=True)],
    baseline=pt.Baseline(2023, "1/3"),
)
ARTICLES = pt.Target(
    id="new-articles",
    title="Tin bài mới",
    rule=pt.Growth(measure="articles"),
    every=pt.Recurring(2024, 2026, "> 0%"),
)
DATA = [
    O("digital", "paper", 2024, True),
    O("digital", "radio", 2024, False),
    O("digital", "magazine", 2024, True),
    O("digital", "merged", 2025, True),
    O("digital", "magazine", 2025, False),
    O("articles", None, 2023, 50),
    O("articles", None, 2024, 60),
    O("articles", None, 2025, 55),
]


def statuses(card: pt.Scorecard) -> list[tuple[str, str, str]]:
    return [(a.target.id, a.milestone.label, a.status.value) for a in card.assessments]


def test_statuses_through_the_plan() -> None:
    p = plan(DIGITAL, ARTICLES)
    before = pt.evaluate(p, DATA, as_of=D(2023, 6, 1))
    assert {a.status for a in before.assessments} == {pt.Status.NOT_STARTED}
    mid = pt.evaluate(p, DATA, as_of=D(2024, 12, 31))
    assert statuses(mid) == [
        ("digital-platforms", "2025", "on_track"),  # 2/3 against the expected 31/60 for 2024
        ("digital-platforms", "2030", "on_track"),
        ("new-articles", "2024", "achieved"),
        ("new-articles", "2025", "not_started"),
        ("new-articles", "2026", "not_started"),
    ]
    after = pt.evaluate(p, DATA, as_of=D(2026, 1, 1))
    assert statuses(after) == [
        ("digital-platforms", "2025", "missed"),  # 1 of 2 after the merger
        ("digital-platforms", "2030", "off_track"),
        ("new-articles", "2024", "achieved"),
        ("new-articles", "2025", "missed"),
        ("new-articles", "2026", "off_track"),  # the latest growth, 2025's, is negative
    ]


def test_on_track_compares_with_the_interpolated_expectation() -> None:
    card = pt.evaluate(plan(DIGITAL), DATA, as_of=D(2024, 12, 31))
    first = card.assessments[0]
    assert first.expected == Fraction(1, 3) + (Fraction(7, 10) - Fraction(1, 3)) / 2
    assert first.actual == Fraction(2, 3)
    assert first.period == pt.Period.year(2024)
    off = pt.evaluate(plan(DIGITAL), DATA[:1] + [O("digital", "magazine", 2024, False)],
                      as_of=D(2024, 12, 31))
    assert off.assessments[0].status is pt.Status.OFF_TRACK


def test_a_missed_deadline_without_data_is_no_data() -> None:
    card = pt.evaluate(plan(DIGITAL), [], as_of=D(2026, 1, 1))
    assert card.assessments[0].status is pt.Status.NO_DATA
    assert card.assessments[0].actual is None
    assert card.assessments[0].note


def test_share_details_and_gap() -> None:
    card = pt.evaluate(plan(DIGITAL), DATA, as_of=D(2026, 1, 1))
    missed = card.assessments[0]
    assert (missed.met_units, missed.population, missed.required_units) == (1, 2, 2)
    assert missed.units_short == 1
    assert missed.gap == Fraction(7, 10) - Fraction(1, 2)


def test_unreported_units_are_listed() -> None:
    card = pt.evaluate(plan(DIGITAL), DATA[:2], as_of=D(2024, 12, 31))
    assert card.assessments[0].unreported_units == ("magazine",)


def test_headline_is_the_next_open_milestone_or_the_last() -> None:
    p = plan(DIGITAL, ARTICLES)
    card = pt.evaluate(p, DATA, as_of=D(2025, 6, 1))
    assert card.headline("digital-platforms").milestone.label == "2025"
    assert card.headline("new-articles").milestone.label == "2025"
    late = pt.evaluate(p, DATA, as_of=D(2031, 1, 1))
    assert late.headline("digital-platforms").milestone.label == "2030"
    assert [a.target.id for a in late.headlines()] == ["digital-platforms", "new-articles"]
    with pytest.raises(KeyError):
        late.headline("nope")


def test_to_dict_has_every_contract_key() -> None:
    card = pt.evaluate(plan(DIGITAL, ARTICLES), DATA, as_of=D(2026, 1, 1))
    data = json.loads(json.dumps(card.to_dict()))
    assert set(data) >= {"plan", "as_of", "assessments", "summary"}
    assert data["plan"] == {"id": "p", "number": "77/KH-UBND", "title": "Kế hoạch"}
    assert data["as_of"] == "2026-01-01"
    share = data["assessments"][0]
    contract = {
        "target", "milestone", "deadline", "status", "comparator", "required", "actual",
        "met_units", "population", "required_units", "unreported_units", "strive", "evidence",
    }
    assert contract <= set(share)
    assert share["target"] == "digital-platforms"
    assert share["deadline"] == "2025-12-31"
    assert (share["required"], share["actual"], share["comparator"]) == ("7/10", "1/2", ">=")
    assert share["evidence"][0].keys() >= {"measure", "unit", "period", "value", "source"}
    growth = data["assessments"][2]
    assert "met_units" not in growth
    assert data["summary"] == {
        "achieved": 1, "missed": 2, "on_track": 0, "off_track": 2, "no_data": 0,
        "not_started": 0,
    }
    assert sum(data["summary"].values()) == len(data["assessments"])


def test_observations_of_the_wrong_kind_or_unknown_units_are_errors() -> None:
    bad = [
        O("digital", "paper", 2024, 3, origin="d.csv:2"),
        O("digital", "ghost", 2024, True, origin="d.csv:3"),
        O("articles", None, 2024, True, origin="d.csv:4"),
    ]
    with pytest.raises(pt.DataError) as caught:
        pt.evaluate(plan(DIGITAL, ARTICLES), bad, as_of=D(2025, 1, 1))
    assert len(caught.value.problems) == 3
    assert "d.csv:2" in str(caught.value)
    assert "ghost" in str(caught.value)


def test_unused_measures_and_data_notes_are_notices() -> None:
    log = pt.ObservationLog([O("other", None, 2024, 1)], notes=["Số liệu minh họa"])
    card = pt.evaluate(plan(DIGITAL), log, as_of=D(2025, 1, 1))
    assert card.notices[0] == "Số liệu minh họa"
    assert "other" in card.notices[1]


def test_known_at_reproduces_what_was_known() -> None:
    early = O("articles", None, 2025, 55, recorded=D(2025, 12, 10))
    revised = O("articles", None, 2025, 65, recorded=D(2026, 3, 1))
    data = [O("articles", None, 2024, 60), early, revised]
    then = pt.evaluate(plan(ARTICLES), data, as_of=D(2026, 1, 1), known_at=D(2025, 12, 31))
    now = pt.evaluate(plan(ARTICLES), data, as_of=D(2026, 1, 1))
    assert then.assessments[1].status is pt.Status.MISSED
    assert now.assessments[1].status is pt.Status.ACHIEVED
    assert then.to_dict()["known_at"] == "2025-12-31"
