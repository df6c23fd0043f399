"""Benchmark: a plan with thousands of simple targets over a handful of units.

Each target reads one of a few hundred measures, reported by 5 units over the 6 years
2020-2025, and has milestones in 2027 and 2030, still open on the as-of date: every target is
projected (least squares and compound growth) as well as judged. The targets cycle through a
few simple kinds (a level, a threshold share, a count, a growth, a mean), so that targets
reading the same measure rarely share an observed series. The plan and the data are synthetic
and illustrative; only their volume matters.

``python benchmarks/many_targets.py [--targets 5000,20000] [--repeat 3] [--keep DIR]`` writes
the files and prints, for each size, the CPU time of ``policytargets evaluate`` as a separate
process (JSON and HTML), the median of ``--repeat`` runs, and the evaluation alone measured in
this process. The figures are printed, never asserted (timings belong here, not in tests).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import gc
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import policytargets as pt

UNITS = 5
MEASURES = 400
YEARS = range(2020, 2026)
AS_OF = dt.date(2026, 1, 1)
"""Every milestone is judged, or projected, on this date."""

PYTHON = sys.executable


def _rule(index: int, measure: str) -> pt.TargetType:
    kind = index % 5
    if kind == 0:
        return pt.Level(measure=measure, population="units")
    if kind == 1:
        return pt.ThresholdShare(population="units", condition=f"{measure} >= {40 + index % 50}")
    if kind == 2:
        return pt.Count(population="units", condition=f"{measure} > {30 + index % 60}")
    if kind == 3:
        return pt.Growth(measure=measure, population="units")
    return pt.Level(measure=measure, population="units", aggregate="mean")


def _milestones(index: int) -> list[pt.Milestone]:
    kind = index % 5
    if kind in (1,):
        return [pt.Milestone(2027, f">= {50 + index % 40}%"), pt.Milestone(2030, ">= 100%")]
    if kind == 2:
        return [pt.Milestone(2027, f">= {1 + index % 4}"), pt.Milestone(2030, f">= {UNITS}")]
    if kind == 3:
        return [pt.Milestone(2027, f">= {index % 30}%"), pt.Milestone(2030, ">= 50%")]
    return [pt.Milestone(2027, f">= {index % 700}"), pt.Milestone(2030, ">= 1000")]


def many_targets_plan(targets: int) -> pt.Plan:
    """A plan (synthetic) with ``targets`` simple targets over :data:`UNITS` units."""
    units = [pt.Unit(f"unit-{i}", f"Unit {i}") for i in range(UNITS)]
    return pt.Plan(
        id="many-targets",
        number="1/KH",
        title="Many targets (synthetic)",
        issuer="Synthetic",
        issued=dt.date(2020, 1, 1),
        effective=dt.date(2020, 1, 1),
        populations=[pt.Population("units", "Units", units)],
        targets=[
            pt.Target(
                id=f"target-{index}",
                title=f"Target {index}",
                rule=_rule(index, f"measure-{index % MEASURES}"),
                milestones=_milestones(index),
            )
            for index in range(targets)
        ],
    )


def write_observations(path: Path, seed: int = 13) -> int:
    """Write the data file (synthetic); return its number of observations."""
    rng = random.Random(seed)
    count = 0
    with path.open("w", encoding="utf-8", newline="") as stream:
        out = csv.writer(stream, lineterminator="\n")
        out.writerow(["measure", "unit", "period", "value"])
        for measure in range(MEASURES):
            for unit in range(UNITS):
                value = rng.randint(10, 100)
                for year in YEARS:
                    out.writerow([f"measure-{measure}", f"unit-{unit}", year, value])
                    value += rng.randint(-3, 12)
                    count += 1
    return count


def write_files(folder: Path, targets: int) -> tuple[Path, Path, int]:
    """The plan file and the data file for ``targets`` targets in ``folder``."""
    plan = folder / f"many-{targets}.toml"
    plan.write_text(pt.dump_plan(many_targets_plan(targets)), encoding="utf-8")
    data = folder / "many.csv"
    return plan, data, write_observations(data)


def cpu_of(argv: list[str]) -> float:
    """Run a process; return its CPU seconds (user + system)."""
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL)  # noqa: S603 - our own tool
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{argv} failed with status {os.waitstatus_to_exitcode(status)}")
    return usage.ru_utime + usage.ru_stime


def evaluate_cpu(plan: Path, data: Path) -> float:
    """The CPU seconds of evaluation alone, in this process, the collector paused."""
    loaded, log = pt.load_plan(plan), pt.load_observations(data)
    gc.disable()
    try:
        start = time.process_time()
        pt.evaluate(loaded, log, as_of=AS_OF)
        return time.process_time() - start
    finally:
        gc.enable()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--targets", default="5000,20000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", metavar="DIR", help="write the files here and keep them")
    args = parser.parse_args()
    with contextlib.ExitStack() as stack:
        if args.keep:
            folder = Path(args.keep)
            folder.mkdir(parents=True, exist_ok=True)
        else:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="many-")))
        run_sizes(folder, [int(n) for n in args.targets.split(",")], args.repeat)


def run_sizes(folder: Path, sizes: list[int], repeat: int) -> None:
    """Write the files for each size in ``folder``, time them, and print a line each."""
    print("targets  observations  evaluate  json (process)  html (process)")
    for targets in sizes:
        plan, data, count = write_files(folder, targets)
        job = [PYTHON, "-m", "policytargets", "evaluate", str(plan), str(data),
               "--as-of", AS_OF.isoformat()]  # fmt: skip
        times = {"evaluate": [], "json": [], "html": []}
        for _ in range(repeat):
            times["evaluate"].append(evaluate_cpu(plan, data))
            for fmt in ("json", "html"):
                out = folder / f"many-{targets}.{fmt}"
                times[fmt].append(cpu_of([*job, "--format", fmt, "--output", str(out)]))
        evaluate, json_cpu, html_cpu = (statistics.median(times[k]) for k in times)
        print(
            f"{targets:>7,}  {count:>12,}  {evaluate:6.2f} s"
            f"  {json_cpu:12.2f} s  {html_cpu:12.2f} s",
            flush=True,
        )


if __name__ == "__main__":
    main()
