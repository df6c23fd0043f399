"""A ministry's view: press agencies under the 63 provinces before 1 July 2025 and the 34 after.

ILLUSTRATIVE. The provinces and their merger are real; the press agencies, their figures and
the targets' data are synthetic, made up by this script to show a breakdown by province. They
describe no real agency.

Run ``python examples/ministry_view.py`` (table on standard output) or
``python examples/ministry_view.py --format html --lang en --output scorecard.html``. With
``--write-data DIR`` it also writes the plan file (``plan.toml``), the roster it names
(``roster.csv``, columns ``id, name, name_en, from, until, successor, parent`` and the
attributes ``level`` and ``kind``) and the illustrative observations (``observations.csv``),
so that the same scorecard comes from the command line, with no script::

    policytargets evaluate DIR/plan.toml DIR/observations.csv --as-of 2026-01-01

The provinces. Resolution 202/2025/QH15 of the National Assembly (12 June 2025, on the
arrangement of provincial-level administrative units) merged 52 of the 63 provinces and cities
into 23; with the 11 that did not merge, 34 provincial-level units run from 1 July 2025. Each
merged province here ends on 30 June 2025 with the new unit as its ``successor``, so its
agencies regroup on 1 July 2025 with no change to their own records.

What was checked, and against what. The 11 unchanged units, the 23 new units' names, and the
composition of merger items 1-11 and 18-23 below were checked against public sources quoting
Article 1 of the Resolution (or the identical list annexed to Resolution 60-NQ/TW of
12 April 2025 that it enacted). The composition of items 12-17 (Gia Lai, Khánh Hòa, Lâm Đồng,
Đắk Lắk, Thành phố Hồ Chí Minh, Đồng Nai) is written from the same public list of the 23 new
units and of the 52 provinces merged, without the clauses' own text at hand: check them
against the Resolution before relying on them.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import sys
import unicodedata
from pathlib import Path

import policytargets as pt
from policytargets.report import FORMATS, LANGS, render

LAST_DAY = dt.date(2025, 6, 30)
"""The last day of the 63 provinces that merged (Resolution 202/2025/QH15)."""

FIRST_DAY = LAST_DAY + dt.timedelta(days=1)

UNCHANGED = [
    "Thành phố Hà Nội",
    "Thành phố Huế",
    "Tỉnh Lai Châu",
    "Tỉnh Điện Biên",
    "Tỉnh Sơn La",
    "Tỉnh Lạng Sơn",
    "Tỉnh Quảng Ninh",
    "Tỉnh Thanh Hóa",
    "Tỉnh Nghệ An",
    "Tỉnh Hà Tĩnh",
    "Tỉnh Cao Bằng",
]
"""The 11 provincial-level units that did not merge."""

MERGERS = [
    # (the new unit, the units merged into it), in the order of the Resolution's Article 1
    ("Tỉnh Tuyên Quang", ["Tỉnh Hà Giang", "Tỉnh Tuyên Quang"]),  # 1
    ("Tỉnh Lào Cai", ["Tỉnh Yên Bái", "Tỉnh Lào Cai"]),  # 2
    ("Tỉnh Thái Nguyên", ["Tỉnh Bắc Kạn", "Tỉnh Thái Nguyên"]),  # 3
    ("Tỉnh Phú Thọ", ["Tỉnh Vĩnh Phúc", "Tỉnh Hòa Bình", "Tỉnh Phú Thọ"]),  # 4
    ("Tỉnh Bắc Ninh", ["Tỉnh Bắc Giang", "Tỉnh Bắc Ninh"]),  # 5
    ("Tỉnh Hưng Yên", ["Tỉnh Thái Bình", "Tỉnh Hưng Yên"]),  # 6
    ("Thành phố Hải Phòng", ["Tỉnh Hải Dương", "Thành phố Hải Phòng"]),  # 7
    ("Tỉnh Ninh Bình", ["Tỉnh Hà Nam", "Tỉnh Nam Định", "Tỉnh Ninh Bình"]),  # 8
    ("Tỉnh Quảng Trị", ["Tỉnh Quảng Bình", "Tỉnh Quảng Trị"]),  # 9
    ("Thành phố Đà Nẵng", ["Tỉnh Quảng Nam", "Thành phố Đà Nẵng"]),  # 10
    ("Tỉnh Quảng Ngãi", ["Tỉnh Kon Tum", "Tỉnh Quảng Ngãi"]),  # 11
    ("Tỉnh Gia Lai", ["Tỉnh Gia Lai", "Tỉnh Bình Định"]),  # 12 (see the module's note)
    ("Tỉnh Khánh Hòa", ["Tỉnh Ninh Thuận", "Tỉnh Khánh Hòa"]),  # 13 (see the note)
    ("Tỉnh Lâm Đồng", ["Tỉnh Đắk Nông", "Tỉnh Bình Thuận", "Tỉnh Lâm Đồng"]),  # 14 (note)
    ("Tỉnh Đắk Lắk", ["Tỉnh Phú Yên", "Tỉnh Đắk Lắk"]),  # 15 (see the note)
    (
        "Thành phố Hồ Chí Minh",
        ["Tỉnh Bà Rịa - Vũng Tàu", "Tỉnh Bình Dương", "Thành phố Hồ Chí Minh"],
    ),  # 16 (see the note)
    ("Tỉnh Đồng Nai", ["Tỉnh Bình Phước", "Tỉnh Đồng Nai"]),  # 17 (see the note)
    ("Tỉnh Tây Ninh", ["Tỉnh Long An", "Tỉnh Tây Ninh"]),  # 18
    ("Thành phố Cần Thơ", ["Tỉnh Sóc Trăng", "Tỉnh Hậu Giang", "Thành phố Cần Thơ"]),  # 19
    ("Tỉnh Vĩnh Long", ["Tỉnh Bến Tre", "Tỉnh Trà Vinh", "Tỉnh Vĩnh Long"]),  # 20
    ("Tỉnh Đồng Tháp", ["Tỉnh Tiền Giang", "Tỉnh Đồng Tháp"]),  # 21
    ("Tỉnh Cà Mau", ["Tỉnh Bạc Liêu", "Tỉnh Cà Mau"]),  # 22
    ("Tỉnh An Giang", ["Tỉnh Kiên Giang", "Tỉnh An Giang"]),  # 23
]
"""The 23 merged units and the 52 provinces and cities merged into them."""

KINDS = ("newspaper", "broadcaster", "magazine", "multimedia")
ILLUSTRATIVE = "MINH HỌA / ILLUSTRATIVE"
NOTES = (
    "Số liệu MINH HỌA: các cơ quan báo chí và số liệu do chương trình tạo ra, không phải số "
    "liệu đã công bố. Danh sách tỉnh theo Nghị quyết 202/2025/QH15.",
    "ILLUSTRATIVE data: the press agencies and their figures are synthetic, not published "
    "data. The provinces follow Resolution 202/2025/QH15.",
)


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _short(name: str) -> str:
    return name.removeprefix("Thành phố ").removeprefix("Tỉnh ")


def _slug(name: str) -> str:
    return "-".join(_ascii(_short(name)).lower().replace("-", " ").split())


def _english(name: str) -> str:
    kind = "City" if name.startswith("Thành phố") else "Province"
    return f"{_ascii(_short(name))} {kind}"


def _province(
    name: str, *, new: bool = False, until: dt.date | None = None, successor: str | None = None
) -> pt.Unit:
    level = "city" if name.startswith("Thành phố") else "province"
    return pt.Unit(
        _slug(name) + ("-2025" if new else ""),
        name,
        active_from=FIRST_DAY if new else None,
        active_until=until,
        successor=successor,
        name_en=_english(name),
        attributes={"level": level},
    )


def provinces() -> list[pt.Unit]:
    """The 63 provinces and cities before 1 July 2025, and the 23 units formed that day."""
    units = [_province(name) for name in UNCHANGED]
    for new_name, merged in MERGERS:
        new = _province(new_name, new=True)
        units.extend(_province(name, until=LAST_DAY, successor=new.id) for name in merged)
        units.append(new)
    return units


def agencies(old_provinces: list[pt.Unit], seed: int) -> list[pt.Unit]:
    """Two to four synthetic press agencies under each of the 63 provinces, and one agency
    whose province was never recorded (the breakdown's group ``null``)."""
    rng = random.Random(seed)
    units = []
    for province in old_provinces:
        for number in range(1, rng.randint(2, 4) + 1):
            kind = KINDS[(number - 1) % len(KINDS)]
            units.append(
                pt.Unit(
                    f"{province.id}-{number}",
                    f"Cơ quan báo chí {number} – {_short(province.name)} ({ILLUSTRATIVE})",
                    name_en=f"Press agency {number}, {_short(province.name_en or '')} "
                    f"({ILLUSTRATIVE})",
                    parent=province.id,
                    attributes={"kind": kind},
                )
            )
    units.append(
        pt.Unit(
            "unrecorded-1",
            f"Cơ quan báo chí chưa ghi tỉnh ({ILLUSTRATIVE})",
            name_en=f"Press agency with no province recorded ({ILLUSTRATIVE})",
            attributes={"kind": "magazine"},
        )
    )
    return units


def plan(seed: int = 348) -> pt.Plan:
    """The ministry's plan: three share targets and a ratio, broken down by province."""
    every = provinces()
    old = [u for u in every if u.active_from is None]
    press = agencies(old, seed)
    by = "parent"

    def share(measure: str, title: str, title_en: str, values: tuple[str, str]) -> pt.Target:
        return pt.Target(
            id=measure,
            title=title,
            title_en=title_en,
            rule=pt.ThresholdShare(population="press-agencies", measure=measure),
            milestones=[pt.Milestone(2024, f">= {values[0]}"), pt.Milestone(2025, values[1])],
            breakdown=by,
            note=f"{ILLUSTRATIVE}: requirements modelled on the press targets of 348/QĐ-TTg.",
        )

    return pt.Plan(
        id="ministry-view-348",
        number="348/QĐ-TTg",
        title=f"Theo dõi chuyển đổi số báo chí theo tỉnh ({ILLUSTRATIVE})",
        title_en=f"Digital transformation of the press by province ({ILLUSTRATIVE})",
        issuer=f"Bộ Văn hóa, Thể thao và Du lịch ({ILLUSTRATIVE})",
        issued=dt.date(2023, 4, 6),
        effective=dt.date(2023, 4, 6),
        implements=["348/QĐ-TTg"],
        note=NOTES[1],
        populations=[
            pt.Population("provinces", "Tỉnh, thành phố", every, name_en="Provinces and cities"),
            pt.Population(
                "press-agencies",
                f"Cơ quan báo chí địa phương ({ILLUSTRATIVE})",
                press,
                name_en=f"Local press agencies ({ILLUSTRATIVE})",
            ),
        ],
        targets=[
            share(
                "digital-platforms",
                "Cơ quan báo chí đưa nội dung lên nền tảng số",
                "Press agencies publish on digital platforms",
                ("50%", ">= 70%"),
            ),
            share(
                "data-ai-platforms",
                "Cơ quan báo chí dùng nền tảng dữ liệu và trí tuệ nhân tạo",
                "Press agencies use data and AI platforms",
                ("30%", ">= 50%"),
            ),
            share(
                "converged-newsroom",
                "Cơ quan báo chí vận hành tòa soạn hội tụ",
                "Press agencies run a converged newsroom",
                ("50%", ">= 80%"),
            ),
            pt.Target(
                id="revenue-to-plan",
                title="Doanh thu đạt kế hoạch",
                title_en="Revenue meets the plan",
                rule=pt.Ratio(
                    numerator="revenue", denominator="planned-revenue", population="press-agencies"
                ),
                milestones=[pt.Milestone(2025, ">= 100%")],
                breakdown=by,
                note=f"{ILLUSTRATIVE}: a target of this example, not of 348/QĐ-TTg.",
            ),
        ],
    )


def observations(plan: pt.Plan, seed: int = 348) -> list[pt.Observation]:
    """Synthetic yearly reports for 2023-2025: each province has its own pace, so that some
    meet the targets and some do not; a few reports are missing."""
    rng = random.Random(seed + 1)
    pace = {u.id: rng.uniform(-0.25, 0.2) for u in plan.population("provinces").units}
    chances = {
        "digital-platforms": (0.35, 0.55, 0.75),
        "data-ai-platforms": (0.2, 0.35, 0.5),
        "converged-newsroom": (0.3, 0.5, 0.75),
    }
    rows = []
    for unit in plan.population("press-agencies").units:
        lean = pace.get(unit.parent or "", 0.0)
        for index, year in enumerate((2023, 2024, 2025)):
            recorded = dt.date(year, 12, 10)
            for measure, levels in chances.items():
                if rng.random() < 0.03:
                    continue  # a report that never came
                flag = rng.random() < levels[index] + lean
                rows.append(pt.Observation(measure, unit.id, year, flag, recorded=recorded))
            planned = rng.randint(80, 200) * 100
            actual = round(planned * (0.9 + lean / 2 + rng.uniform(0, 0.2)))
            rows.append(pt.Observation("revenue", unit.id, year, actual, recorded=recorded))
            rows.append(
                pt.Observation("planned-revenue", unit.id, year, planned, recorded=recorded)
            )
    return rows


def _date_text(day: dt.date | None) -> str:
    return "" if day is None else day.isoformat()


def write_data(plan: pt.Plan, rows: list[pt.Observation], folder: Path) -> None:
    """Write the plan file, the roster and the observations into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "plan.toml").write_text(plan_file(plan), encoding="utf-8")
    columns = ["id", "name", "name_en", "from", "until", "successor", "parent", "level", "kind"]
    with (folder / "roster.csv").open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(columns)
        for population in plan.populations:
            for unit in population.units:
                writer.writerow(
                    [
                        unit.id,
                        unit.name,
                        unit.name_en or "",
                        _date_text(unit.active_from),
                        _date_text(unit.active_until),
                        unit.successor or "",
                        unit.parent or "",
                        unit.attributes.get("level", ""),
                        unit.attributes.get("kind", ""),
                    ]
                )
    with (folder / "observations.csv").open("w", encoding="utf-8", newline="") as file:
        file.writelines(f"# {note}\n" for note in NOTES)
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(["measure", "unit", "period", "value", "source", "recorded"])
        for row in rows:
            value = row.value
            text = ("true" if value else "false") if isinstance(value, bool) else str(value)
            writer.writerow(
                [row.measure, row.unit, row.period, text, ILLUSTRATIVE, _date_text(row.recorded)]
            )


def _toml(value: object) -> str:
    if isinstance(value, _Raw):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string


def plan_file(plan: pt.Plan) -> str:
    """The plan as a plan file whose units are in ``roster.csv`` and whose populations pick
    them by attribute."""
    head = {
        "id": plan.id,
        "number": plan.number,
        "title": plan.title,
        "title_en": plan.title_en,
        "issuer": plan.issuer,
        "issued": plan.issued,
        "effective": plan.effective,
        "implements": list(plan.implements),
        "note": plan.note,
    }
    lines = [
        f"# {NOTES[0]}",
        f"# {NOTES[1]}",
        "# Written by examples/ministry_view.py.",
        'schema = "policytargets/plan@1"',
        'units_file = "roster.csv"',
        "",
        "[plan]",
        *(f"{key} = {_toml(value)}" for key, value in head.items() if value is not None),
    ]
    selections = {"provinces": ("level", ["province", "city"]), "press-agencies": ("kind", KINDS)}
    for population in plan.populations:
        attribute, values = selections[population.id]
        lines += [
            "",
            "[[populations]]",
            f"id = {_toml(population.id)}",
            f"name = {_toml(population.name)}",
            f"name_en = {_toml(population.name_en)}",
            f"where = {{ {attribute} = {_toml(list(values))} }}",
        ]
    for target in plan.targets:
        lines += ["", "[[targets]]", *(f"{k} = {_toml(v)}" for k, v in _target_keys(target))]
    return "\n".join(lines) + "\n"


def _target_keys(target: pt.Target) -> list[tuple[str, object]]:
    rule = target.rule.to_fields()
    milestones = ", ".join(
        f"{{ by = {m.by}, require = {_toml(str(m.require))} }}" for m in target.milestones
    )
    keys: list[tuple[str, object]] = [
        ("id", target.id),
        ("type", target.kind),
        ("title", target.title),
        ("title_en", target.title_en),
        ("note", target.note),
        *rule.items(),
        ("breakdown", target.breakdown),
    ]
    return [(k, v) for k, v in keys if v is not None] + [("milestones", _Raw(f"[{milestones}]"))]


class _Raw(str):
    """Text already written as TOML."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=dt.date(2026, 1, 1))
    parser.add_argument("--format", choices=FORMATS, default="table")
    parser.add_argument("--lang", choices=LANGS, default="vi")
    parser.add_argument("--output", type=Path, help="write the report to this file")
    parser.add_argument("--write-data", type=Path, metavar="DIR", help="write the CSV files")
    parser.add_argument("--seed", type=int, default=348)
    arguments = parser.parse_args(argv)
    ministry = plan(arguments.seed)
    rows = observations(ministry, arguments.seed)
    if arguments.write_data is not None:
        write_data(ministry, rows, arguments.write_data)
    log = pt.ObservationLog(rows, notes=NOTES)
    card = pt.evaluate(ministry, log, as_of=arguments.as_of)
    text = render(card, arguments.format, lang=arguments.lang, observations=log)
    if arguments.output is not None:
        arguments.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
