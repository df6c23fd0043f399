"""Benchmark: the whole national job as a user runs it, against hand-written pandas.

For each size (1/8, 1/4, 1/2 and 1 times the national roll-up of ``national.py``: about
500,000 observations at full size), it writes the plan file and the CSV data file, then runs
as separate processes, alternating:

- ``policytargets evaluate PLAN DATA --as-of 2031-01-01 --format json --output FILE``;
- ``pandas_job.py``, a hand-written pandas script computing the same statuses, actual values
  and missing reports (checked to agree with policytargets on every milestone);
- a bare ``csv.reader`` pass over the same file, the floor for any CSV-reading tool.

It prints wall-clock and CPU time (the median of ``--repeat`` runs), peak memory, time per
observation and the ratios, then each phase of the policytargets job measured in-process
(import, plan, CSV, evaluate, JSON; the garbage collector paused, as the command line pauses
it) and the same with the collector running throughout, then the breakdown phase
(``breakdown_phase.py``: the same evaluation broken down by province, and by 10 and 100
times more groups), and last the cost of ``import policytargets`` once attrs and
python-dateutil are imported (CPU time, the least of 25 fresh interpreters; the budget is
30 ms). The figures are printed, never asserted (timings belong here, not in
tests).
Run with ``python3 tasks.py bench`` (installs the ``bench`` extra, which brings pandas) or
``python benchmarks/bench_evaluate.py [--repeat N] [--sizes 0.125,1]``. The data are
synthetic and illustrative; only their volume matters.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import national  # noqa: E402 - the folder is put on the path just above

PYTHON = sys.executable
BARE_CSV_READ = (
    "import csv, sys\nfor _ in csv.reader(open(sys.argv[1], newline='', encoding='utf-8')): pass"
)


# Runs a command and prints its exit status, wall-clock and CPU seconds and peak memory (KiB).
# Linux counts in a child's peak memory the peak of the process it was started from (the
# memory that exec replaced), so that measured from this process, which holds the generated
# data, every tool would seem to need at least as much as this process: the command is
# started from a small interpreter instead.
MEASURED = """import os, subprocess, sys, time
start = time.perf_counter()
process = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(process.pid, 0)
wall = time.perf_counter() - start
cpu = usage.ru_utime + usage.ru_stime
print(os.waitstatus_to_exitcode(status), wall, cpu, usage.ru_maxrss)
"""


def run(argv: list[str]) -> tuple[float, float, float]:
    """Run a process; return its wall-clock seconds, CPU seconds and peak memory in MiB."""
    measured = subprocess.run(  # noqa: S603 - our own tools
        [PYTHON, "-c", MEASURED, *argv], capture_output=True, text=True, check=True
    )
    status, wall, cpu, peak = measured.stdout.split()
    if int(status) != 0:
        sys.exit(f"{argv} failed with status {status}")
    return float(wall), float(cpu), int(peak) / 1024


def median_runs(runs: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    walls, cpus, peaks = zip(*runs, strict=True)
    return statistics.median(walls), statistics.median(cpus), max(peaks)


def agree(ours: Path, theirs: Path) -> str:
    """Whether both outputs give the same statuses, actual values and missing reports."""
    mine, other = (json.loads(p.read_text(encoding="utf-8")) for p in (ours, theirs))

    def judged(card: dict[str, object]) -> dict[tuple[str, str], tuple[str, str]]:
        return {
            (a["target"], a["milestone"]): (a["status"], a["actual"]) for a in card["assessments"]
        }

    def missing(card: dict[str, object]) -> set[tuple[str, ...]]:
        return {(m["unit"], m["measure"], m["period"], m["due"]) for m in card["missing_reports"]}

    same = judged(mine) == judged(other) and missing(mine) == missing(other)
    return (
        f"agree: {len(judged(mine))} milestones, {len(missing(mine)):,} missing reports"
        if same
        else "DISAGREE"
    )


# CPU milliseconds of ``import policytargets`` in a fresh interpreter that has imported what
# it depends on (attrs and the parts of python-dateutil it uses) already.
IMPORT_COST = """import time, attrs, dateutil.parser, dateutil.relativedelta
start = time.process_time()
import policytargets
print((time.process_time() - start) * 1000)
"""


def import_cost(runs: int = 25) -> float:
    """The least CPU time (ms) of ``import policytargets`` over ``runs`` fresh interpreters,
    beyond attrs and python-dateutil (bytecode compiled beforehand)."""
    subprocess.run([PYTHON, "-c", "import policytargets"], check=True)  # noqa: S603 - ours
    costs = []
    for _ in range(runs):
        done = subprocess.run(  # noqa: S603 - our own interpreter and code
            [PYTHON, "-c", IMPORT_COST], check=True, capture_output=True, text=True
        )
        costs.append(float(done.stdout))
    return min(costs)


def phases(plan_path: str, data_path: str, out_path: str, gc_pause: bool) -> None:
    """Time each phase of the policytargets job in this process (a fresh one) and print them."""
    times: dict[str, float] = {}
    start = time.perf_counter()
    import policytargets as pt  # noqa: PLC0415 - the import is what is timed
    from policytargets.io import observation_files, plan_files  # noqa: PLC0415
    from policytargets.report.json_report import write_json  # noqa: PLC0415

    times["import"] = time.perf_counter() - start
    if gc_pause:
        gc.disable()  # as the command line does while it runs a command
    else:  # the collector running throughout, even while files are read
        observation_files._bulk_load = contextlib.nullcontext  # type: ignore[assignment, attr-defined]
        plan_files.bulk_load = contextlib.nullcontext  # type: ignore[assignment, attr-defined]
    step = time.perf_counter()
    plan = pt.load_plan(plan_path)
    times["plan"] = time.perf_counter() - step
    step = time.perf_counter()
    log = pt.load_observations(data_path)
    times["csv"] = time.perf_counter() - step
    step = time.perf_counter()
    card = pt.evaluate(plan, log, as_of=national.AS_OF)
    times["evaluate"] = time.perf_counter() - step
    step = time.perf_counter()
    with Path(out_path).open("w", encoding="utf-8") as stream:
        write_json(card, stream)
    times["json"] = time.perf_counter() - step
    print(json.dumps(times))


def phase_times(plan: Path, data: Path, out: Path, *, gc_pause: bool = True) -> dict[str, float]:
    argv = [PYTHON, __file__, "--phases", str(plan), str(data), str(out)]
    if not gc_pause:
        argv.append("--gc-on")
    output = subprocess.run(argv, capture_output=True, text=True, check=True).stdout  # noqa: S603
    times: dict[str, float] = json.loads(output)
    return times


def run_breakdown_phase(plan: Path, data: Path, repeat: int) -> None:
    """The breakdown phase (``breakdown_phase.py``), in this process."""
    import policytargets as pt  # noqa: PLC0415 - kept out of the timed fresh processes
    from breakdown_phase import breakdown_phase  # noqa: PLC0415 - same folder

    breakdown_phase(pt.load_plan(plan), pt.load_observations(data), national.AS_OF, repeat)


@contextlib.contextmanager
def folder(keep: str | None) -> Iterator[Path]:
    if keep:
        path = Path(keep)
        path.mkdir(parents=True, exist_ok=True)
        yield path
    else:
        with tempfile.TemporaryDirectory(prefix="policytargets-bench-") as name:
            yield Path(name)


def main() -> None:  # noqa: PLR0915 - the whole run, size by size, in reading order
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", default="0.125,0.25,0.5,1")
    parser.add_argument("--keep", metavar="DIR", help="write the files here and keep them")
    parser.add_argument(
        "--phases", nargs=3, metavar=("PLAN", "DATA", "OUT"), help=argparse.SUPPRESS
    )
    parser.add_argument("--gc-on", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phases:
        phases(*args.phases, gc_pause=not args.gc_on)
        return
    try:
        import pandas  # noqa: F401, PLC0415 - only to know whether the comparison can run
    except ImportError:
        have_pandas = False
        print("pandas is not installed (pip install policytargets[bench]): no comparison")
    else:
        have_pandas = True
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    header = "size   observations  policytargets wall / cpu / peak   pandas wall / cpu / peak    csv.reader   ratio wall  ratio cpu  vs csv  µs/obs"  # noqa: E501
    print(header)
    rows_out = []
    for size in (float(s) for s in args.sizes.split(",")):
        with folder(args.keep and f"{args.keep}/{size}") as where:
            plan, data, count = national.write_files(where, size)
            ours, theirs = where / "policytargets.json", where / "pandas.json"
            as_of = national.AS_OF.isoformat()
            job = [PYTHON, "-m", "policytargets", "evaluate", str(plan), str(data),
                   "--as-of", as_of, "--format", "json", "--output", str(ours)]  # fmt: skip
            pandas_job = [PYTHON, str(HERE / "pandas_job.py"), str(plan), str(data), str(theirs)]
            csv_runs, our_runs, their_runs = [], [], []
            for _ in range(args.repeat):
                csv_runs.append(run([PYTHON, "-c", BARE_CSV_READ, str(data)]))
                our_runs.append(run(job))
                if have_pandas:
                    their_runs.append(run(pandas_job))
            csv_wall, _, _ = median_runs(csv_runs)
            wall, cpu, peak = median_runs(our_runs)
            line = f"{size:<6} {count:>12,}  {wall:7.2f} s / {cpu:6.2f} s / {peak:5.0f} MiB"
            if have_pandas:
                p_wall, p_cpu, p_peak = median_runs(their_runs)
                line += f"   {p_wall:6.2f} s / {p_cpu:6.2f} s / {p_peak:5.0f} MiB"
                line += f"   {csv_wall:6.2f} s   {wall / p_wall:8.2f}×  {cpu / p_cpu:8.2f}×"
            else:
                line += f"   {'-':>31}   {csv_wall:6.2f} s   {'-':>9}  {'-':>9}"
            line += f"  {wall / csv_wall:5.1f}×  {wall / count * 1e6:6.1f}"
            print(line, flush=True)
            if have_pandas:
                print(f"       {agree(ours, theirs)}")
            rows_out.append((size, plan, data, where))
            if size == max(float(s) for s in args.sizes.split(",")):
                timed = phase_times(plan, data, where / "phases.json")
                print("       phases: " + ", ".join(f"{k} {v:.2f} s" for k, v in timed.items()))
                gc_on = phase_times(plan, data, where / "phases.json", gc_pause=False)
                print(
                    "       collector running: "
                    + ", ".join(f"{k} {v:.2f} s" for k, v in gc_on.items())
                )
                run_breakdown_phase(plan, data, args.repeat)
    print(f"import policytargets after attrs and python-dateutil: {import_cost():.1f} ms (CPU)")


if __name__ == "__main__":
    main()
