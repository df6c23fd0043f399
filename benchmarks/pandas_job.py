"""The same job as ``policytargets evaluate`` on the national benchmark, hand-written in pandas.

Usage: ``python benchmarks/pandas_job.py PLAN.toml DATA.csv OUT.json``. It reads the plan's
units (the targets are written into the script, as an analyst would), reads the CSV with
pandas, computes every milestone's status and actual value as of 2031-01-01 and the missing
reports, and writes them as JSON. It compares exactly where it is cheap (integer counts,
revenues in tenths), as a careful analyst would. pandas is a benchmark dependency only
(``pip install policytargets[bench]``).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import tomllib
from fractions import Fraction
from pathlib import Path

import pandas as pd

AS_OF = dt.date(2031, 1, 1)
YEARS = range(2023, 2031)
DUE = (12, 15)
EFFECTIVE = dt.date(2023, 4, 6)
FIRST_NEEDED = {  # the first year a target needs each measure (baseline or first milestone)
    "digital": 2023,
    "converged": 2025,
    "security-level": 2025,
    "revenue": 2025,
    "planned-revenue": 2025,
    "trained": 2025,
    "certified": 2026,
    "articles": 2023,  # growth from 2024 compares with 2023
}
READS = {  # population: the measures read from each of its units
    "agencies": ["digital", "converged", "security-level", "revenue", "planned-revenue"],
    "staff": ["trained", "certified"],
    "provinces": ["articles"],
}


def main() -> None:  # noqa: PLR0915 - one script, as an analyst writes it
    plan_path, data_path, out_path = (Path(arg) for arg in sys.argv[1:4])
    plan = tomllib.loads(plan_path.read_text(encoding="utf-8"))
    members = {p["id"]: [u["id"] for u in p["units"]] for p in plan["populations"]}
    data = pd.read_csv(
        data_path,
        usecols=["measure", "unit", "period", "value", "recorded"],
        dtype={"measure": "category", "unit": "category", "period": "int16", "value": str},
    )
    data["recorded"] = pd.to_datetime(data["recorded"], format="%Y-%m-%d")
    by_measure = {str(m): frame for m, frame in data.groupby("measure", observed=True)}

    def yes(measure: str) -> pd.Series:
        frame = by_measure[measure]
        return frame.set_index(["period", "unit"])["value"].eq("true")

    def tenths(measure: str) -> pd.Series:
        frame = by_measure[measure]
        values = frame["value"].astype(float).mul(10).round().astype("int64")
        return pd.Series(
            values.to_numpy(), index=pd.MultiIndex.from_frame(frame[["period", "unit"]])
        )

    assessments: list[dict[str, object]] = []

    def judge(  # noqa: PLR0917 - a local helper
        target: str, year: int, met: int | None, population: int, op: str, need: Fraction
    ) -> None:
        if met is None:
            assessments.append(
                {"target": target, "milestone": str(year), "status": "no_data", "actual": None}
            )
            return
        actual = Fraction(met, population)
        ok = actual >= need if op == ">=" else actual > need
        assessments.append(
            {
                "target": target,
                "milestone": str(year),
                "status": "achieved" if ok else "missed",
                "actual": str(actual),
            }
        )

    agencies = pd.Index(members["agencies"], name="unit")
    staff = pd.Index(members["staff"], name="unit")

    def share(
        target: str, flags: pd.Series, units: pd.Index, milestones: list[tuple[int, str, Fraction]]
    ) -> None:
        for year, op, need in milestones:
            if year not in flags.index.get_level_values(0):
                judge(target, year, None, len(units), op, need)
                continue
            of_year = flags.xs(year, level="period").reindex(units)
            reported = int(of_year.notna().sum())
            met = int(of_year.fillna(False).astype(bool).sum())
            judge(target, year, met if reported else None, len(units), op, need)

    share(
        "digital",
        yes("digital"),
        agencies,
        [(2025, ">=", Fraction(7, 10)), (2030, ">=", Fraction(1))],
    )
    share(
        "converged",
        yes("converged"),
        agencies,
        [(2025, ">", Fraction(4, 5)), (2030, ">=", Fraction(1))],
    )
    security = by_measure["security-level"].set_index(["period", "unit"])["value"].astype(int).ge(3)
    share("security", security, agencies, [(2025, ">=", Fraction(1))])
    revenue = tenths("revenue")
    base = revenue.xs(2023, level="period")
    for year, need in ((2025, Fraction(3, 10)), (2030, Fraction(1, 2))):
        now = revenue.xs(year, level="period").reindex(agencies)
        then = base.reindex(agencies)
        grew = (now * 10 >= then * 12) & (then > 0)  # now / then - 1 >= 20%, exactly
        met = int(grew.sum())
        judge("revenue-growth", year, met if now.notna().any() else None, len(agencies), ">=", need)
    planned = tenths("planned-revenue")
    for year in (2025, 2030):
        pair = (
            pd.concat([revenue.xs(year, level="period"), planned.xs(year, level="period")], axis=1)
            .reindex(agencies)
            .dropna()
        )
        above, below = int(pair[0].sum()), int(pair[1].sum())
        actual = Fraction(above, below)
        assessments.append(
            {"target": "revenue-to-plan", "milestone": str(year),
             "status": "achieved" if actual >= 1 else "missed", "actual": str(actual)}
        )  # fmt: skip
    share("trained", yes("trained"), staff, [(2025, ">=", Fraction(1))])
    share("certified", yes("certified"), staff, [(2030, ">=", Fraction(4, 5))])
    articles = by_measure["articles"]
    counts = articles.groupby("period")["unit"].nunique()
    totals = articles.assign(v=articles["value"].astype("int64")).groupby("period")["v"].sum()
    complete = counts.eq(len(members["provinces"]))
    for year in range(2024, 2031):
        if complete.get(year, False) and complete.get(year - 1, False):
            now, then = int(totals[year]), int(totals[year - 1])
            growth = Fraction(now, then) - 1
            status = "achieved" if growth > 0 else "missed"
            assessments.append(
                {
                    "target": "articles",
                    "milestone": str(year),
                    "status": status,
                    "actual": str(growth),
                }
            )
        else:
            assessments.append(
                {"target": "articles", "milestone": str(year), "status": "no_data", "actual": None}
            )

    # Missing reports: every (measure, unit) each year from the first year a target needs the
    # measure, unless recorded by the due date.
    missing = []
    for year in YEARS:
        due = dt.date(year, *DUE)
        if not EFFECTIVE <= due <= AS_OF:
            continue
        arrived = data[(data["period"] == year) & (data["recorded"] <= pd.Timestamp(due))]
        got = pd.MultiIndex.from_arrays(
            [arrived["measure"].astype(str), arrived["unit"].astype(str)]
        )
        for population, read in READS.items():
            measures = [m for m in read if FIRST_NEEDED[m] <= year]
            if not measures:
                continue
            expected = pd.MultiIndex.from_product(
                [measures, members[population]], names=["measure", "unit"]
            )
            absent = expected[~expected.isin(got)].to_frame(index=False)
            absent["period"] = str(year)
            absent["due"] = due.isoformat()
            missing.append(absent)
    reports = pd.concat(missing, ignore_index=True)[["unit", "measure", "period", "due"]]
    with out_path.open("w", encoding="utf-8") as stream:
        stream.write(f'{{"as_of": "{AS_OF.isoformat()}", "assessments": ')
        json.dump(assessments, stream, ensure_ascii=False)
        stream.write(', "missing_reports": ')
        stream.write(reports.to_json(orient="records", force_ascii=False))
        stream.write("}\n")


if __name__ == "__main__":
    main()
