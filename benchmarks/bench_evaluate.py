"""Benchmark: a ministry's roll-up at national scale, about half a million observations.

34 provinces, 780 press agencies and 40,000 staff over 8 years (2023-2030). The figures are
synthetic and illustrative; only their volume matters. Run with ``python3 tasks.py bench`` or
``python benchmarks/bench_evaluate.py [--repeat N]``; the results are printed, never asserted
(timings belong here, not in tests).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time
from collections.abc import Callable
from fractions import Fraction
from typing import TypeVar

import policytargets as pt

YEARS = range(2023, 2031)
PROVINCES = 34
AGENCIES = 780
STAFF = 40_000

T = TypeVar("T")


def national_plan() -> pt.Plan:
    agencies = [pt.Unit(f"agency-{i}", f"Agency {i}") for i in range(AGENCIES)]
    staff = [pt.Unit(f"staff-{i}", f"Staff {i}") for i in range(STAFF)]
    provinces = [pt.Unit(f"province-{i}", f"Province {i}") for i in range(PROVINCES)]
    share = [pt.Milestone(2025, ">= 70%"), pt.Milestone(2030, ">= 100%", strive=True)]
    return pt.Plan(
        id="national",
        number="348/QĐ-TTg",
        title="National roll-up (synthetic)",
        issuer="Synthetic",
        issued=dt.date(2023, 4, 6),
        effective=dt.date(2023, 4, 6),
        populations=[
            pt.Population("agencies", "Agencies", agencies),
            pt.Population("staff", "Staff", staff),
            pt.Population("provinces", "Provinces", provinces),
        ],
        targets=[
            pt.Target(
                id="digital",
                title="Digital platforms",
                rule=pt.ThresholdShare(population="agencies", measure="digital"),
                milestones=share,
                baseline=pt.Baseline(2023, "1/3"),
            ),
            pt.Target(
                id="converged",
                title="Converged newsroom",
                rule=pt.ThresholdShare(population="agencies", measure="converged"),
                milestones=[pt.Milestone(2025, "> 80%"), pt.Milestone(2030, ">= 100%")],
            ),
            pt.Target(
                id="security",
                title="Security level",
                rule=pt.ThresholdShare(population="agencies", condition="security-level >= 3"),
                milestones=[pt.Milestone(2025, ">= 100%")],
            ),
            pt.Target(
                id="revenue-growth",
                title="Agencies raising revenue 20%",
                rule=pt.ThresholdShare(
                    population="agencies", condition="growth(revenue, 2023) >= 20%"
                ),
                milestones=[pt.Milestone(2025, ">= 30%"), pt.Milestone(2030, ">= 50%")],
            ),
            pt.Target(
                id="revenue-to-plan",
                title="Revenue to plan",
                rule=pt.Ratio(
                    numerator="revenue", denominator="planned-revenue", population="agencies"
                ),
                milestones=[pt.Milestone(2025, ">= 100%"), pt.Milestone(2030, ">= 100%")],
            ),
            pt.Target(
                id="trained",
                title="Staff trained",
                rule=pt.ThresholdShare(population="staff", measure="trained"),
                milestones=[pt.Milestone(2025, ">= 100%")],
                progress=pt.ProgressSpec("statcan"),
            ),
            pt.Target(
                id="certified",
                title="Staff certified",
                rule=pt.ThresholdShare(population="staff", measure="certified"),
                milestones=[pt.Milestone(2030, ">= 80%")],
                baseline=pt.Baseline(2026, 0),
            ),
            pt.Target(
                id="articles",
                title="New articles",
                rule=pt.Growth(measure="articles", population="provinces"),
                every=pt.Recurring(2024, 2030, "> 0%"),
            ),
        ],
    )


def national_observations(seed: int = 348) -> list[pt.Observation]:
    rng = random.Random(seed)
    out: list[pt.Observation] = []
    obs = pt.Observation
    for year in YEARS:
        for i in range(AGENCIES):
            unit = f"agency-{i}"
            out += [
                obs("digital", unit, year, rng.random() < 0.6 + (year - 2023) * 0.05),
                obs("converged", unit, year, rng.random() < 0.5),
                obs("security-level", unit, year, rng.randint(1, 5)),
                obs("revenue", unit, year, Fraction(rng.randint(800, 1500), 10)),
                obs("planned-revenue", unit, year, Fraction(rng.randint(900, 1200), 10)),
            ]
        out += [obs("trained", f"staff-{i}", year, rng.random() < 0.9) for i in range(STAFF)]
        if year >= 2027:  # a skills assessment added halfway through the plan
            out += [obs("certified", f"staff-{i}", year, rng.random() < 0.5) for i in range(STAFF)]
        out += [
            obs("articles", f"province-{i}", year, rng.randint(1000, 5000))
            for i in range(PROVINCES)
        ]
    return out


def timed(label: str, repeat: int, work: Callable[[], T]) -> T:
    seconds = []
    result = work()
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        seconds.append(time.perf_counter() - start)
    print(f"{label:<44} median {statistics.median(seconds):7.3f} s  (min {min(seconds):.3f})")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    plan = national_plan()
    observations = timed("generate observations", 1, national_observations)
    print(f"{len(observations):,} observations, {len(plan.targets)} targets")
    log = timed(
        "index the log (ObservationLog)", args.repeat, lambda: pt.ObservationLog(observations)
    )
    for day in (dt.date(2025, 6, 30), dt.date(2031, 1, 1)):
        card = timed(
            f"evaluate as of {day}",
            args.repeat,
            lambda day=day: pt.evaluate(plan, log, as_of=day),  # type: ignore[misc]
        )
        print(f"  {len(card.assessments)} assessments, {len(card.missing_reports)} missing reports")


if __name__ == "__main__":
    main()
