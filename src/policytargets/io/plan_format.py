"""The plan file format, declared once: every table, every key, its kind and its meaning.

Everything else about the format is derived from this module:

- the reader (:func:`~policytargets.io.loads_plan`) checks each table's keys against
  :data:`TABLES`, suggests the closest key for a misspelt one, reports missing required keys,
  reads each value by its :attr:`Key.kind`, fills in defaults and refuses the keys a table
  refuses;
- the writer writes each table's keys in the declared order, leaving out defaults;
- the JSON Schema (:func:`json_schema`, shipped as ``plan.schema.json``) is generated;
- the reference documentation lists every key with its description (English and Vietnamese).

To add a key:

1. Add one :class:`Key` to its table in :data:`TABLES` (or, for a key of a target type, to
   :data:`RULE_KEYS`): its name, kind, whether it is required, its default, the values
   allowed (``kind="choice"``), and a description in English and Vietnamese. If the object
   read from the table names the attribute differently, give ``field``.
2. Give the object that table becomes an attribute of that name (``Unit``, ``Plan``...).
   The reader passes the value on and the writer writes it back with no further change,
   unless the key needs a check that involves other keys.
3. Regenerate the shipped schema (a test says so when it is out of date)::

       python -m policytargets.io > src/policytargets/io/plan.schema.json

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Mapping
from typing import Any, Literal

import attrs

from policytargets.targets import TARGET_TYPES, Aggregate

__all__ = [
    "RULE_KEYS",
    "SCHEMA_ID",
    "TABLES",
    "Key",
    "KeyKind",
    "Table",
    "all_rule_keys",
    "json_schema",
    "rule_fields",
    "schema_text",
]

SCHEMA_ID = "policytargets/plan@1"
"""The value of ``schema`` in the plan files this version reads and writes.

.. versionadded:: 0.1.0
"""

KeyKind = Literal[
    "schema",
    "identifier",
    "identifiers",
    "text",
    "texts",
    "date",
    "period",
    "year",
    "number",
    "value",
    "requirement",
    "condition",
    "flag",
    "choice",
    "target-type",
    "attributes",
    "where",
    "schedule",
    "table",
    "tables",
    "units",
]
"""What a key's value is. Each kind has one reader and one JSON Schema fragment:

``identifier`` (text without surrounding spaces), ``identifiers`` (an array of them),
``text``, ``texts`` (an array of text), ``date``, ``period`` (2025, ``"2024-Q3"``,
``"2024-06"`` or a date), ``year``, ``number`` (exact), ``value`` (a number or true/false),
``requirement`` (``">= 70%"``), ``condition`` (a per-unit condition), ``flag`` (true/false),
``choice`` (one of :attr:`Key.choices`), ``target-type`` (a name of ``TARGET_TYPES``),
``attributes`` (a table of text, booleans and numbers), ``where`` (attribute → a value or a
list of values), ``schedule`` (period → value), ``table`` and ``tables`` (a table, or an
array of tables, declared as :attr:`Key.table`), ``units`` (an array of unit ids and unit
tables),
``schema`` (the constant ``SCHEMA_ID``).

.. versionadded:: 0.2.0
"""

_NESTED = ("table", "tables", "units")


@attrs.frozen
class Key:
    """One key of a table of a plan file.

    Attributes:
        name: The key as written in the file.
        kind: What its value is (:data:`KeyKind`).
        en: What it means, in English (one sentence; shown in the schema and the docs).
        vi: What it means, in Vietnamese.
        required: Whether the table must have it.
        default: The value (as written in a file) when it is absent, if there is one.
        choices: The values allowed, for ``kind="choice"``.
        table: The declared table of its value, for ``kind="table"`` or ``"tables"``.
        field: The attribute of the object read that holds it, when not ``name``.
        pattern: A regular expression the text must match (in the schema; the reader's own
            parsing gives the message).
        only_if: ``(other key, value)``: the key applies only when the other key has that
            value.

    .. versionadded:: 0.2.0
    """

    name: str
    kind: KeyKind
    en: str
    vi: str
    required: bool = attrs.field(default=False, kw_only=True)
    default: object = attrs.field(default=None, kw_only=True)
    choices: tuple[str, ...] = attrs.field(default=(), kw_only=True)
    table: str | None = attrs.field(default=None, kw_only=True)
    field: str | None = attrs.field(default=None, kw_only=True)
    pattern: str | None = attrs.field(default=None, kw_only=True)
    only_if: tuple[str, str] | None = attrs.field(default=None, kw_only=True)

    @property
    def attribute(self) -> str:
        """The attribute of the object read that holds the key's value."""
        return self.field or self.name

    @property
    def nested(self) -> bool:
        """Whether its value is a declared table (or an array of them), read on its own."""
        return self.kind in _NESTED


@attrs.frozen
class Table:
    """One table of a plan file (``[plan]``, each ``[[targets]]``, a milestone...).

    Attributes:
        name: Its name in the schema's ``$defs``.
        en: What it is, in English.
        vi: What it is, in Vietnamese.
        keys: Its keys, in the order they are written.
        refused: Keys that are not part of it but that users write, with the reason given.
        needs_one_of: Groups of keys of which at least one must be given (checked by the
            plan's cross-checks; declared here for the schema).

    .. versionadded:: 0.2.0
    """

    name: str
    en: str
    vi: str
    keys: tuple[Key, ...]
    refused: Mapping[str, str] = attrs.field(factory=dict, kw_only=True)
    needs_one_of: tuple[tuple[str, ...], ...] = attrs.field(default=(), kw_only=True)

    @property
    def names(self) -> tuple[str, ...]:
        """The names of its keys, in order."""
        return tuple(key.name for key in self.keys)

    def key(self, name: str) -> Key:
        """The key with this name.

        Raises:
            KeyError: The table has no such key.
        """
        for key in self.keys:
            if key.name == name:
                return key
        raise KeyError(name)


_NOTE = Key(
    "note",
    "text",
    "Anything a reader should know.",
    "Ghi chú cho người đọc.",
)
_NOTE_EN = Key(
    "note_en",
    "text",
    "The note in English, for reports in English.",
    "Ghi chú bằng tiếng Anh, cho báo cáo tiếng Anh.",
)
_NAME = Key("name", "text", "The name people know it by.", "Tên gọi.", required=True)
_NAME_EN = Key("name_en", "text", "An English name.", "Tên tiếng Anh.")
_STRIVE = Key(
    "strive",
    "flag",
    "An aspiration (phấn đấu) rather than a firm requirement.",
    "Chỉ tiêu phấn đấu, không bắt buộc.",
    default=False,
)

_TABLE_LIST: tuple[Table, ...] = (
    Table(
        "file",
        "A policy plan with its populations and targets.",
        "Một kế hoạch cùng các nhóm đơn vị và chỉ tiêu.",
        (
            Key(
                "schema",
                "schema",
                f"The version of the format: {SCHEMA_ID!r}.",
                f"Phiên bản định dạng: {SCHEMA_ID!r}.",
                required=True,
            ),
            Key(
                "plan",
                "table",
                "The plan itself.",
                "Thông tin văn bản.",
                required=True,
                table="plan",
            ),
            Key("reporting", "table", "When reports are due.", "Hạn báo cáo.", table="reporting"),
            Key(
                "units_file",
                "text",
                "A CSV roster of units, relative to the plan file: columns id, name, name_en, "
                "from, until, successor, parent and one per attribute.",
                "Tệp CSV danh sách đơn vị, đường dẫn tính từ tệp kế hoạch: cột id, name, "
                "name_en, from, until, successor, parent và mỗi thuộc tính một cột.",
            ),
            Key(
                "units",
                "tables",
                "Units declared once, which populations pick and parents name.",
                "Các đơn vị khai báo một lần, để các nhóm chọn và làm đơn vị cấp trên.",
                table="unit",
            ),
            Key(
                "populations",
                "tables",
                "The sets of units that share targets count.",
                "Các nhóm đơn vị được đếm.",
                table="population",
            ),
            Key(
                "measures",
                "tables",
                "The measures the targets read, described: names, units, kinds, ranges.",
                "Mô tả các chỉ số: tên, đơn vị tính, loại, giới hạn.",
                table="measure",
                field="measure_descriptions",
            ),
            Key("targets", "tables", "The plan's targets.", "Các chỉ tiêu.", table="target"),
        ),
    ),
    Table(
        "plan",
        "The policy document: its id, number, title and dates.",
        "Văn bản: mã, số hiệu, tên và ngày.",
        (
            Key(
                "id",
                "identifier",
                "A stable identifier of the plan.",
                "Mã kế hoạch.",
                required=True,
            ),
            Key(
                "number",
                "text",
                "The document's number (77/KH-UBND).",
                "Số hiệu văn bản (77/KH-UBND).",
                default="",
            ),
            Key("title", "text", "The title as written.", "Tên văn bản.", required=True),
            Key("title_en", "text", "An English title.", "Tên tiếng Anh."),
            Key("issuer", "text", "Who issued it.", "Cơ quan ban hành.", default=""),
            Key(
                "issued",
                "date",
                "The day it was issued (default: the day it took effect).",
                "Ngày ban hành (mặc định: ngày hiệu lực).",
            ),
            Key(
                "effective",
                "date",
                "The day it took effect; nothing is judged before it.",
                "Ngày có hiệu lực; không đánh giá trước ngày này.",
                required=True,
            ),
            Key(
                "implements",
                "texts",
                "The numbers of the documents it implements.",
                "Số hiệu các văn bản mà kế hoạch triển khai.",
            ),
            _NOTE,
            _NOTE_EN,
        ),
    ),
    Table(
        "reporting",
        "When reports are due.",
        "Hạn báo cáo.",
        (
            Key(
                "due",
                "text",
                "The month and day reports are due every year: '12-15'.",
                "Ngày và tháng báo cáo hằng năm: '12-15'.",
                default="12-15",
                pattern=r"^\s*(--)?\d{1,2}-\d{1,2}\s*$",
            ),
        ),
    ),
    Table(
        "measure",
        "A measure described: what its values are, what is plausible, when it is reported.",
        "Mô tả một chỉ số: giá trị là gì, giới hạn hợp lý, khi nào báo cáo.",
        (
            Key("id", "identifier", "The id observations use.", "Mã chỉ số.", required=True),
            Key("name", "text", "Its name.", "Tên chỉ số."),
            Key("name_en", "text", "An English name.", "Tên tiếng Anh."),
            Key(
                "unit_of_measure",
                "text",
                "What its numbers count, shown after values: 'Mb/s', 'tỷ đồng'.",
                "Đơn vị tính, hiển thị sau giá trị: 'Mb/s', 'tỷ đồng'.",
            ),
            Key(
                "unit_of_measure_en",
                "text",
                "The unit of measure in English.",
                "Đơn vị tính bằng tiếng Anh.",
            ),
            Key(
                "kind",
                "choice",
                "Yes/no facts, numbers, or shares from 0 to 100%.",
                "Có/không, số, hoặc tỷ lệ từ 0 đến 100%.",
                choices=("boolean", "number", "share"),
            ),
            Key("min", "number", "The smallest plausible value.", "Giá trị nhỏ nhất hợp lý."),
            Key("max", "number", "The largest plausible value.", "Giá trị lớn nhất hợp lý."),
            Key(
                "at_most",
                "identifier",
                "A measure it never exceeds for the same unit and period.",
                "Chỉ số mà giá trị không bao giờ vượt quá (cùng đơn vị, cùng kỳ).",
            ),
            Key("description", "text", "What it is and how it is counted.", "Mô tả cách tính."),
            Key(
                "reporting",
                "table",
                "How often it is reported and when.",
                "Tần suất và hạn báo cáo.",
                table="measure-reporting",
            ),
        ),
    ),
    Table(
        "measure-reporting",
        "How often a measure is reported, and when each report is due.",
        "Tần suất báo cáo một chỉ số và hạn nộp mỗi báo cáo.",
        (
            Key(
                "every",
                "choice",
                "The reporting period.",
                "Kỳ báo cáo.",
                default="year",
                choices=("year", "quarter", "month"),
            ),
            Key(
                "due",
                "text",
                "A day of the period's year ('12-15') or a time after it ends ('+45d', '+3m').",
                "Một ngày trong năm của kỳ ('12-15') hoặc thời gian sau khi kỳ kết thúc "
                "('+45d', '+3m').",
                default="12-15",
            ),
        ),
    ),
    Table(
        "population",
        "A named set of units (provincial press agencies); its members change over time.",
        "Một nhóm đơn vị (các cơ quan báo chí của tỉnh); thành viên thay đổi theo thời gian.",
        (
            Key(
                "id",
                "identifier",
                "The identifier targets refer to.",
                "Mã mà các chỉ tiêu tham chiếu.",
                required=True,
            ),
            Key(
                "name",
                "text",
                "The name people know it by (default: its id).",
                "Tên gọi (mặc định: mã).",
            ),
            _NAME_EN,
            _NOTE,
            Key(
                "units",
                "units",
                "Its units: ids of declared units, or unit tables of its own.",
                "Các đơn vị: mã của đơn vị đã khai báo, hoặc bảng đơn vị riêng.",
                table="unit",
            ),
            Key(
                "within",
                "identifier",
                "Another population whose units 'where' filters (all of them without 'where').",
                "Nhóm khác mà 'where' lọc đơn vị (lấy tất cả nếu không có 'where').",
            ),
            Key(
                "where",
                "where",
                "Attribute values its units have, each one value or a list of values "
                "(any of them): units of 'within', or of the declared units.",
                "Giá trị thuộc tính của các đơn vị, mỗi thuộc tính một giá trị hoặc một danh "
                "sách (bất kỳ giá trị nào): lọc từ 'within' hoặc từ các đơn vị đã khai báo.",
            ),
        ),
    ),
    Table(
        "unit",
        "One thing that is counted or reports data: a press agency, a district.",
        "Một đơn vị được đếm hoặc báo cáo số liệu: một cơ quan báo chí, một huyện.",
        (
            Key(
                "id",
                "identifier",
                "A stable identifier, used in data files.",
                "Mã ổn định, dùng trong tệp số liệu.",
                required=True,
            ),
            _NAME,
            _NAME_EN,
            Key(
                "from",
                "date",
                "The first day it exists.",
                "Ngày bắt đầu tồn tại.",
                field="active_from",
            ),
            Key(
                "until",
                "date",
                "The last day it exists.",
                "Ngày cuối cùng tồn tại.",
                field="active_until",
            ),
            Key(
                "successor",
                "identifier",
                "The unit that continues it after a merger.",
                "Đơn vị kế thừa sau khi sáp nhập.",
            ),
            Key(
                "parent",
                "identifier",
                "The unit it belongs to (an agency's province); after the parent ends with a "
                "successor, the successor.",
                "Đơn vị cấp trên (tỉnh của cơ quan báo chí); khi đơn vị cấp trên kết thúc và có "
                "đơn vị kế thừa thì là đơn vị kế thừa.",
            ),
            Key(
                "attributes",
                "attributes",
                "Facts about it for reports and filters.",
                "Thuộc tính dùng cho báo cáo và lọc.",
            ),
            _NOTE,
        ),
    ),
    Table(
        "target",
        "A target: what is measured, by which rule, and what is required by when.",
        "Một chỉ tiêu: đo gì, theo cách nào, yêu cầu gì và đến khi nào.",
        (
            Key(
                "id",
                "identifier",
                "A stable identifier of the target.",
                "Mã chỉ tiêu.",
                required=True,
            ),
            Key(
                "type",
                "target-type",
                "How it is measured (its target type).",
                "Loại chỉ tiêu.",
                required=True,
            ),
            Key(
                "title",
                "text",
                "The target as written in the plan.",
                "Chỉ tiêu như trong văn bản.",
                required=True,
            ),
            Key("title_en", "text", "An English title.", "Tên tiếng Anh."),
            Key("source", "text", "Where the plan states it.", "Nguồn trong văn bản."),
            _NOTE,
            _NOTE_EN,
            Key(
                "baseline", "table", "The value at the start.", "Giá trị ban đầu.", table="baseline"
            ),
            Key(
                "interpolation",
                "choice",
                "How the value expected between milestones is drawn.",
                "Cách nội suy giá trị kỳ vọng giữa các mốc.",
                default="linear",
                choices=("linear", "step", "geometric"),
            ),
            Key(
                "schedule",
                "schedule",
                "Values expected by period, between milestones.",
                "Giá trị kỳ vọng theo từng kỳ.",
                field="schedule_values",
            ),
            Key(
                "milestones",
                "tables",
                "What is required by when.",
                "Các mốc yêu cầu.",
                table="milestone",
            ),
            Key(
                "every",
                "table",
                "The same requirement for every period of a range.",
                "Một yêu cầu lặp lại cho mọi kỳ.",
                table="every",
            ),
            Key(
                "progress",
                "table",
                "A trend method for the target's record.",
                "Phương pháp đánh giá xu hướng.",
                table="progress",
            ),
            Key(
                "breakdown",
                "text",
                "Judge it also per group of its population's units: by 'parent' (following "
                "mergers) or by an attribute's name.",
                "Đánh giá thêm theo từng nhóm đơn vị: theo 'parent' (đơn vị cấp trên, theo "
                "sáp nhập) hoặc theo tên một thuộc tính.",
            ),
            Key(
                "implements",
                "table",
                "The target of another plan that it implements, compared by 'policytargets align'.",
                "Chỉ tiêu của văn bản khác (cấp trên) mà chỉ tiêu này triển khai.",
                table="implements",
            ),
        ),
        needs_one_of=(("milestones", "every"),),
    ),
    Table(
        "milestone",
        "A requirement with its deadline.",
        "Một yêu cầu với thời hạn.",
        (
            Key(
                "by",
                "period",
                "The period by whose end it is due.",
                "Kỳ phải đạt (đến hết kỳ).",
                required=True,
            ),
            Key(
                "require",
                "requirement",
                "What is required: '>= 70%'.",
                "Yêu cầu: '>= 70%'.",
                required=True,
            ),
            _STRIVE,
            _NOTE,
            Key(
                "condition",
                "condition",
                "The per-unit condition for this milestone only (threshold-share and count).",
                "Điều kiện cho từng đơn vị, riêng cho mốc này.",
            ),
        ),
    ),
    Table(
        "every",
        "One requirement for every period from 'from' to 'to'.",
        "Một yêu cầu cho mọi kỳ từ 'from' đến 'to'.",
        (
            Key("from", "period", "The first period.", "Kỳ đầu.", required=True, field="start"),
            Key("to", "period", "The last period.", "Kỳ cuối.", required=True, field="end"),
            Key(
                "require",
                "requirement",
                "What is required each period.",
                "Yêu cầu mỗi kỳ.",
                required=True,
            ),
            _STRIVE,
        ),
    ),
    Table(
        "baseline",
        "The value in a base period.",
        "Giá trị trong kỳ gốc.",
        (
            Key("period", "period", "The base period.", "Kỳ gốc.", required=True),
            Key("value", "value", "The value then.", "Giá trị khi đó.", required=True),
        ),
    ),
    Table(
        "progress",
        "A trend method (its record never changes a status); its target and year are each "
        "milestone's requirement and deadline.",
        "Phương pháp đánh giá xu hướng (không thay đổi trạng thái); mục tiêu và năm là yêu cầu "
        "và thời hạn của từng mốc.",
        (
            Key(
                "method",
                "choice",
                "The method: StatCan (open-sdg) or Eurostat.",
                "Phương pháp: StatCan (open-sdg) hoặc Eurostat.",
                required=True,
                choices=("statcan", "eurostat"),
            ),
            Key(
                "direction",
                "choice",
                "Whether higher values are better.",
                "Giá trị cao hơn là tốt hơn (positive) hay ngược lại.",
                default="positive",
                choices=("positive", "negative"),
            ),
            Key(
                "base_year",
                "year",
                "The base year (default: the method's).",
                "Năm gốc (mặc định theo phương pháp).",
            ),
            Key(
                "limit",
                "number",
                "A natural limit of the indicator, such as 1 for a share.",
                "Giới hạn tự nhiên của chỉ số, ví dụ 1 với một tỷ lệ.",
                only_if=("method", "statcan"),
            ),
        ),
        refused=dict.fromkeys(
            ("target", "target_year"),
            "is not needed: the method's target and year are each milestone's requirement "
            "and deadline",
        ),
    ),
    Table(
        "implements",
        "The target of another plan that a target implements (a province's target "
        "implementing a national one).",
        "Chỉ tiêu của văn bản khác mà chỉ tiêu triển khai (chỉ tiêu của tỉnh triển khai chỉ "
        "tiêu quốc gia).",
        (
            Key(
                "plan",
                "identifier",
                "The other plan's id (its [plan] id).",
                "Mã của văn bản kia (id trong [plan]).",
                required=True,
            ),
            Key(
                "target",
                "identifier",
                "The id of the target implemented, in that plan.",
                "Mã chỉ tiêu được triển khai trong văn bản đó.",
                required=True,
            ),
        ),
    ),
)

TABLES: Mapping[str, Table] = {table.name: table for table in _TABLE_LIST}
"""Every table of a plan file by name (``file`` is the whole file; then ``plan``,
``reporting``, ``population``, ``unit``, ``target``, ``milestone``, ``every``, ``baseline``,
``progress`` and ``implements``).

.. versionadded:: 0.2.0
"""

RULE_KEYS: Mapping[str, Key] = {
    key.name: key
    for key in (
        Key("population", "identifier", "The population it counts.", "Nhóm đơn vị được đếm."),
        Key("unit", "identifier", "The one unit it reads.", "Đơn vị duy nhất được đọc."),
        Key("measure", "identifier", "The measure it reads.", "Số liệu được đọc."),
        Key("numerator", "identifier", "The measure summed above the line.", "Số liệu tử số."),
        Key("denominator", "identifier", "The measure summed below the line.", "Số liệu mẫu số."),
        Key(
            "condition",
            "condition",
            "A per-unit condition other than 'the measure is true'.",
            "Điều kiện cho từng đơn vị.",
        ),
        Key(
            "carry_forward",
            "flag",
            "Let a unit's latest earlier value stand in for a missing one.",
            "Dùng giá trị gần nhất trước đó khi thiếu số liệu.",
            default=False,
        ),
        Key(
            "base",
            "period",
            "The base period growth is measured from.",
            "Kỳ gốc để tính tăng trưởng.",
        ),
        Key(
            "average",
            "flag",
            "Judge the compound average growth per period from 'base' (bình quân).",
            "Tăng trưởng bình quân mỗi kỳ kể từ kỳ gốc.",
            default=False,
        ),
        Key(
            "aggregate",
            "choice",
            "How a level combines the values of a population's units.",
            "Cách tổng hợp giá trị của các đơn vị trong nhóm (tổng, trung bình, trung vị, "
            "nhỏ nhất, lớn nhất).",
            default=Aggregate.SUM.value,
            choices=tuple(member.value for member in Aggregate),
        ),
    )
}
"""The keys of the target types (their constructors' arguments) by name. A target type's own
key that is not here is read as it is written.

.. versionadded:: 0.2.0
"""

RULE_NEEDS_ONE_OF: Mapping[str, tuple[str, ...]] = {
    "threshold-share": ("measure", "condition"),
    "count": ("measure", "condition"),
}
"""Per target type, keys of which at least one must be given (for the schema; the type itself
checks it when built)."""

RULE_EXCLUSIVE: tuple[str, ...] = ("population", "unit")
"""Keys that a target type may have but never together (for the schema)."""

# --- the JSON Schema ------------------------------------------------------------------------

_KIND_DEFS: dict[str, dict[str, Any]] = {
    "identifier": {"type": "string", "minLength": 1, "pattern": r"^\S(.*\S)?$"},
    "text": {"type": "string"},
    "date": {
        "type": "string",
        "description": "A date: 2023-10-30, 30/10/2023 or 'ngày 30 tháng 10 năm 2023' (TOML "
        "files may use a TOML date).",
    },
    "period": {
        "description": "A period: a year (2025), a quarter ('2024-Q3'), a month ('2024-06') or "
        "a date.",
        "oneOf": [
            {"type": "integer", "minimum": 1, "maximum": 9999},
            {"type": "string", "minLength": 1},
        ],
    },
    "value": {
        "description": "An exact value: 'true'/'false', an integer, a decimal, a fraction "
        "('2/3') or a percentage ('70%').",
        "type": ["string", "number", "boolean"],
    },
    "number": {
        "description": "An exact number: an integer, a decimal or text ('2/3', '40%').",
        "type": ["string", "number"],
    },
    "requirement": {
        "type": "string",
        "description": "A comparator and a value: '>= 70%', '> 60%', '= true'.",
        "pattern": r"^\s*(>=|<=|==|≥|≤|>|<|=)\s*\S",
    },
    "condition": {
        "type": "string",
        "description": "A per-unit condition: 'security-level >= 3', 'growth(revenue) >= 20%', "
        "'growth(revenue, 2022) >= 20%', 'mobile = true and fixed = true', "
        "'digital-value / value-added >= 10%'.",
    },
    "year": {"type": "integer", "minimum": 1, "maximum": 9999},
    "where": {
        "type": "object",
        "description": "Attribute values: one value, or a list of values (any of them).",
        "additionalProperties": {
            "anyOf": [
                {"type": ["string", "number", "boolean"]},
                {"type": "array", "items": {"type": ["string", "number", "boolean"]}},
            ]
        },
    },
}


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}"}


def _key_schema(key: Key, target_types: Mapping[str, Any]) -> dict[str, Any]:
    kind = key.kind
    schema: dict[str, Any]
    if kind in _KIND_DEFS:
        schema = _ref(kind)
    elif kind == "schema":
        schema = {"const": SCHEMA_ID}
    elif kind == "identifiers":
        schema = {"type": "array", "items": _ref("identifier")}
    elif kind == "texts":
        schema = {"type": "array", "items": _ref("text")}
    elif kind == "flag":
        schema = {"type": "boolean"}
    elif kind == "choice":
        schema = {"enum": list(key.choices)}
    elif kind == "target-type":
        schema = {"enum": list(target_types)}
    elif kind == "attributes":
        schema = {"type": "object"}
    elif kind == "schedule":
        schema = {
            "type": "object",
            "propertyNames": {"minLength": 1},
            "additionalProperties": _ref("value"),
        }
    elif kind == "table":
        schema = _ref(str(key.table))
    elif kind == "units":
        schema = {"type": "array", "items": {"anyOf": [_ref("identifier"), _ref(str(key.table))]}}
    else:  # tables
        schema = {"type": "array", "items": _ref(str(key.table))}
    if key.pattern is not None:
        schema = {"type": "string", "pattern": key.pattern}
    schema["description"] = key.en
    if key.default is not None:
        schema["default"] = key.default
    return schema


def _table_schema(table: Table, target_types: Mapping[str, Any]) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "description": table.en}
    required = [key.name for key in table.keys if key.required]
    if required:
        schema["required"] = required
    if table.name != "target":
        schema["additionalProperties"] = False
    schema["properties"] = {key.name: _key_schema(key, target_types) for key in table.keys}
    if table.needs_one_of:
        schema["anyOf"] = [{"required": [name]} for group in table.needs_one_of for name in group]
    conditions = []
    for key in table.keys:
        if key.only_if is not None:
            other, wanted = key.only_if
            conditions.append(
                {
                    "if": {"properties": {other: {"not": {"const": wanted}}}},
                    "then": {"not": {"required": [key.name]}},
                }
            )
    if table.name == "target":
        conditions += [_rule_schema(kind, target_types) for kind in target_types]
        schema["allOf"] = conditions
        schema["unevaluatedProperties"] = False
    elif conditions:
        schema["allOf"] = conditions
    return schema


def rule_fields(kind: str) -> dict[str, bool]:
    """The file keys of a target type (its constructor's arguments), and which are required.

    Read when needed, so that a type added to ``TARGET_TYPES`` later (a user's own) counts.

    .. versionadded:: 0.2.0
    """
    cls: Any = TARGET_TYPES[kind]
    if attrs.has(cls):
        return {field.name: field.default is attrs.NOTHING for field in attrs.fields(cls)}
    parameters = inspect.signature(cls).parameters.values()
    named = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
    return {p.name: p.default is p.empty for p in parameters if p.kind in named}


def all_rule_keys() -> tuple[str, ...]:
    """The keys of every target type, in order.

    .. versionadded:: 0.2.0
    """
    return tuple(dict.fromkeys(key for kind in TARGET_TYPES for key in rule_fields(kind)))


def _rule_schema(kind: str, target_types: Mapping[str, Any]) -> dict[str, Any]:
    fields = rule_fields(kind)
    then: dict[str, Any] = {}
    required = [name for name, needed in fields.items() if needed]
    if required:
        then["required"] = required
    if kind in RULE_NEEDS_ONE_OF:
        then["anyOf"] = [{"required": [name]} for name in RULE_NEEDS_ONE_OF[kind]]
    if all(name in fields for name in RULE_EXCLUSIVE):
        then["not"] = {"required": list(RULE_EXCLUSIVE)}
    then["properties"] = {
        name: _key_schema(RULE_KEYS[name], target_types) if name in RULE_KEYS else {}
        for name in fields
    }
    return {
        "if": {"properties": {"type": {"const": kind}}, "required": ["type"]},
        "then": then,
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of plan files, generated from :data:`TABLES`.

    The shipped ``plan.schema.json`` (:func:`~policytargets.io.plan_schema`) is this schema
    for the target types built in.

    .. versionadded:: 0.2.0
    """
    file = TABLES["file"]
    root = _table_schema(file, TARGET_TYPES)
    defs: dict[str, Any] = dict(_KIND_DEFS)
    defs.update(
        (table.name, _table_schema(table, TARGET_TYPES))
        for table in _TABLE_LIST
        if table is not file
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://policytargets.invalid/plan@1.schema.json",
        "title": "policytargets plan file",
        "description": f"{file.en} (schema {SCHEMA_ID}), written as TOML or as the same "
        "structure in JSON. This schema describes the structure; references between ids, "
        "milestone order and impossible values are checked by policytargets itself.",
        **{key: value for key, value in root.items() if key != "description"},
        "$defs": defs,
    }


def schema_text() -> str:
    """The text of ``plan.schema.json``: :func:`json_schema` as indented JSON."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
