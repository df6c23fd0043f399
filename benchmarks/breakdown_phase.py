"""The benchmark's breakdown phase: the national roll-up broken down by province.

Every agency and staff member of the national plan (``national.py``) is put under one of the
34 provinces, and the plan is evaluated on the benchmark's data with ``breakdown="parent"``
next to the pooled evaluation: every target over a population is judged for each province
too. The same units are then spread over 10 and 100 times more groups: grouping is done once
per population and reference day, so its cost follows the units; each group adds only its own
assessments. The figures
are printed, never asserted. Run on its own with
``python benchmarks/breakdown_phase.py PLAN DATA [--repeat N]`` (files that
``bench_evaluate.py --keep DIR`` leaves), or as the last phase of ``bench_evaluate.py``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

import attrs

import policytargets as pt

GROUP_COUNTS = (34, 340, 3400)
"""The number of groups the units are spread over: the 34 provinces, then 10 and 100 times
more."""


def with_parents(plan: pt.Plan, groups: int) -> pt.Plan:
    """The plan with every unit outside the provinces put under one of ``groups`` parents
    (the provinces first, then parents declared in the plan's roster), in turn."""
    known = plan.units
    parents = [f"province-{number}" for number in range(groups)]
    roster = [*plan.roster, *(pt.Unit(p, p.capitalize()) for p in parents if p not in known)]
    populations = [
        population
        if population.id == "provinces"
        else attrs.evolve(
            population,
            units=[
                attrs.evolve(unit, parent=f"province-{number % groups}")
                for number, unit in enumerate(population.units)
            ],
        )
        for population in plan.populations
    ]
    return attrs.evolve(plan, populations=populations, roster=roster)


def _mean_seconds(plan: pt.Plan, log: pt.ObservationLog, as_of: dt.date, *, by: str | None,
                  repeat: int) -> tuple[float, pt.Scorecard]:  # fmt: skip
    # CPU time: the machine running a benchmark is often shared, and the work is one thread
    start = time.process_time()
    card = pt.evaluate(plan, log, as_of=as_of, breakdown=by)
    for _ in range(repeat - 1):
        card = pt.evaluate(plan, log, as_of=as_of, breakdown=by)
    return (time.process_time() - start) / repeat, card


def breakdown_phase(plan: pt.Plan, log: pt.ObservationLog, as_of: dt.date, repeat: int) -> None:
    """Print the evaluation time with and without a breakdown, for each number of groups."""
    pt.evaluate(plan, log, as_of=as_of)  # warm up: caches filled on first use are not measured
    pooled, _ = _mean_seconds(plan, log, as_of, by=None, repeat=repeat)
    units = sum(len(p.units) for p in plan.populations if p.id != "provinces")
    print(f"       breakdown: {units:,} units; pooled evaluation {pooled:.2f} s CPU")
    for groups in GROUP_COUNTS:
        grouped = with_parents(plan, groups)
        seconds, card = _mean_seconds(grouped, log, as_of, by="parent", repeat=repeat)
        assessed = sum(len(a.breakdown.groups) for a in card.assessments if a.breakdown)
        print(
            f"       by parent, {groups:>5} groups: {seconds:.2f} s CPU "
            f"(x{seconds / pooled:.2f} the pooled; {assessed:,} group assessments)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("plan", type=Path)
    parser.add_argument("data", type=Path)
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=dt.date(2031, 1, 1))
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    breakdown_phase(
        pt.load_plan(args.plan), pt.load_observations(args.data), args.as_of, args.repeat
    )


if __name__ == "__main__":
    sys.exit(main())
