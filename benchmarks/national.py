"""The synthetic national roll-up the benchmarks use: a plan file and a CSV data file.

34 provinces, 780 press agencies and 40,000 staff over 8 years (2023-2030), 8 targets, about
half a million observations at full size; ``scale`` shrinks every population alike. The
figures are synthetic and illustrative; only their volume matters.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

import policytargets as pt

YEARS = range(2023, 2031)
PROVINCES = 34
AGENCIES = 780
STAFF = 40_000
AS_OF = dt.date(2031, 1, 1)
"""Every milestone is judged on this date."""


def sizes(scale: float) -> tuple[int, int, int]:
    """Provinces, agencies and staff at ``scale`` (1 is national size)."""
    return (
        max(2, round(PROVINCES * scale)),
        max(2, round(AGENCIES * scale)),
        max(2, round(STAFF * scale)),
    )


def national_plan(scale: float = 1) -> pt.Plan:
    """The national plan (synthetic), its populations shrunk to ``scale``."""
    provinces_n, agencies_n, staff_n = sizes(scale)
    agencies = [pt.Unit(f"agency-{i}", f"Agency {i}") for i in range(agencies_n)]
    staff = [pt.Unit(f"staff-{i}", f"Staff {i}") for i in range(staff_n)]
    provinces = [pt.Unit(f"province-{i}", f"Province {i}") for i in range(provinces_n)]
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


def write_observations(path: Path, scale: float = 1, seed: int = 348) -> int:
    """Write the data file (synthetic) at ``scale``; return its number of observations."""
    provinces_n, agencies_n, staff_n = sizes(scale)
    rng = random.Random(seed)
    count = 0
    with path.open("w", encoding="utf-8", newline="") as stream:
        out = csv.writer(stream, lineterminator="\n")
        out.writerow(["measure", "unit", "period", "value", "source", "recorded"])
        for year in YEARS:
            source, recorded = f"Báo cáo năm {year} (synthetic)", f"{year}-12-10"

            def row(measure: str, unit: str, value: object) -> None:
                out.writerow([measure, unit, year, value, source, recorded])  # noqa: B023

            for i in range(agencies_n):
                unit = f"agency-{i}"
                row("digital", unit, _yes(rng.random() < 0.6 + (year - 2023) * 0.05))
                row("converged", unit, _yes(rng.random() < 0.5))
                row("security-level", unit, rng.randint(1, 5))
                row("revenue", unit, f"{rng.randint(800, 1500) / 10:.1f}")
                row("planned-revenue", unit, f"{rng.randint(900, 1200) / 10:.1f}")
                count += 5
            for i in range(staff_n):
                row("trained", f"staff-{i}", _yes(rng.random() < 0.9))
                count += 1
            if year >= 2027:  # a skills assessment added halfway through the plan
                for i in range(staff_n):
                    row("certified", f"staff-{i}", _yes(rng.random() < 0.5))
                    count += 1
            for i in range(provinces_n):
                row("articles", f"province-{i}", rng.randint(1000, 5000))
                count += 1
    return count


def _yes(flag: bool) -> str:
    return "true" if flag else "false"


def write_files(folder: Path, scale: float = 1) -> tuple[Path, Path, int]:
    """The plan file and the data file at ``scale`` in ``folder``, and the observations."""
    plan = folder / "national.toml"
    plan.write_text(pt.dump_plan(national_plan(scale)), encoding="utf-8")
    data = folder / "national.csv"
    return plan, data, write_observations(data, scale)
