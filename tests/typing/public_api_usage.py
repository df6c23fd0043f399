"""Type-checked, never run: the public API used as a user would, under ``mypy --strict``.

``make typecheck`` checks this file, so an annotation that breaks users' type checking (a
converter typed too loosely, a name missing from ``__all__``) fails the build.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import policytargets as pt
from policytargets.progress import ProgressResult, statcan
from policytargets.report import render


def build() -> pt.Plan:
    agencies = pt.Population(
        "press-agencies",
        "Cơ quan báo chí tỉnh",
        units=[pt.Unit("a", "A", active_until=dt.date(2025, 4, 13)), pt.Unit("b", "B")],
    )
    return pt.Plan(
        id="p",
        number="77/KH-UBND",
        title="Plan",
        issuer="UBND",
        issued=dt.date(2023, 10, 30),
        effective=dt.date(2023, 10, 30),
        populations=[agencies],
        targets=[
            pt.Target(
                id="digital",
                title="Digital",
                rule=pt.ThresholdShare(population="press-agencies", measure="digital"),
                milestones=[
                    pt.Milestone(2025, ">= 70%"),
                    pt.Milestone(2030, ">= 100%", strive=True),
                ],
                baseline=pt.Baseline(2023, "1/3"),
                progress=pt.ProgressSpec("statcan"),
            ),
            pt.Target(
                id="articles",
                title="Articles",
                rule=pt.Growth(measure="articles", base=2023),
                every=pt.Recurring(2024, 2026, "> 0%"),
            ),
        ],
    )


def use() -> tuple[object, ...]:
    plan = build()
    log = pt.ObservationLog([pt.Observation("digital", "a", 2024, True)])
    card: pt.Scorecard = pt.evaluate(plan, log, as_of=dt.date(2026, 1, 1), known_at=None)
    first: pt.Assessment = card.assessments[0]
    status: pt.Status = first.status
    actual: Fraction | bool | None = first.actual
    required: int | None = first.required_units
    data: dict[str, object] = card.to_dict()
    text: str = render(card, "html", lang="en", observations=log)
    result: ProgressResult = statcan({2015: 1, 2016: 2}, direction="positive")
    loaded: pt.Plan = pt.load_plan("plan.toml")
    observations: pt.ObservationLog = pt.load_observations("a.csv", "b.csv")
    return (status, actual, required, data, text, result, loaded, observations, pt.dump_plan(plan))
