"""Plan files: the TOML (or JSON) description of a plan, read with every problem located.

A plan file is read in one pass that reports every problem at once: syntax errors, unknown
keys (with the closest known key suggested), values of the wrong type, unknown ids and
impossible values. Each :class:`~policytargets.Problem` names the file, the line where it can
be found and the key path (``targets[2].milestones[0].require``).
:func:`~policytargets.dump_plan` writes a plan back as TOML, so that reading it gives the same
plan.

The cross-checks of a plan as a whole (duplicate ids, references, milestone order) are those of
:func:`policytargets.plan.plan_problems`; this module checks the file's structure and runs them
on everything it could read.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import enum
import functools
import importlib.resources
import itertools
import json
import operator
import os
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal, TypeVar

import attrs

from policytargets.errors import PlanError, Problem, quoted
from policytargets.io._bulk import bulk_load
from policytargets.io.plan_format import (
    RULE_KEYS,
    SCHEMA_ID,
    TABLES,
    Key,
    Table,
    all_rule_keys,
    rule_fields,
)
from policytargets.io.roster import read_roster
from policytargets.measures import Measure, MeasureReporting
from policytargets.periods import Period, PeriodKind, parse_date
from policytargets.plan import Plan, measure_problems, plan_problems
from policytargets.quantities import (
    MAX_DIGITS,
    Requirement,
    Value,
    exact_number,
    exact_text,
    parse_number,
    parse_value,
)
from policytargets.targets import TARGET_TYPES, Condition, ThresholdShare
from policytargets.targets.target import ProgressSpec, Target, TargetLink
from policytargets.timeline import (
    Baseline,
    Milestone,
    Recurring,
    ReportingCalendar,
)
from policytargets.units import Population, Unit, select_units

__all__ = [
    "SCHEMA_ID",
    "PlanFormat",
    "dump_plan",
    "load_plan",
    "loads_plan",
    "plan_from_dict",
    "plan_schema",
    "plan_to_dict",
]

PlanFormat = Literal["toml", "json"]
"""The syntax of a plan file: TOML (the default) or the same structure as JSON.

.. versionadded:: 0.1.0
"""

_T = TypeVar("_T")

# --- reading --------------------------------------------------------------------------------


def load_plan(path: str | os.PathLike[str], *, format: PlanFormat | None = None) -> Plan:
    """Read a plan file: TOML, or JSON when the name ends in ``.json``.

    Numbers are read exactly: a decimal in a unit's ``attributes`` is a
    :class:`~decimal.Decimal`, every other number becomes a :class:`~fractions.Fraction`.

    Args:
        path: The file.
        format: ``"toml"`` or ``"json"``, to override the guess from the file name.

    Returns:
        The plan.

    Raises:
        PlanError: The file is not a valid plan. Every problem is listed, each with the
            file, the line where it can be known and the key path.
        OSError: The file cannot be read.

    .. versionadded:: 0.1.0
    """
    file = Path(path)
    chosen: PlanFormat = format or ("json" if file.suffix.lower() == ".json" else "toml")
    raw = file.read_bytes()
    name = os.fspath(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise PlanError(
            [Problem(f"the file is not UTF-8 text ({error.reason})", file=name, line=line)]
        ) from None
    return loads_plan(text, name=name, format=chosen)


def loads_plan(
    text: str,
    *,
    name: str = "<string>",
    format: PlanFormat = "toml",
    directory: str | os.PathLike[str] | None = None,
) -> Plan:
    """Read a plan from the text of a plan file.

    Args:
        text: The file's text.
        name: The file name to show in problems.
        format: ``"toml"`` (default) or ``"json"``.
        directory: The folder a ``units_file`` is found in (default: the folder of ``name``).

    Raises:
        PlanError: The text is not a valid plan; every problem is listed.

    >>> from policytargets.io import loads_plan
    >>> plan = loads_plan('''
    ... schema = "policytargets/plan@1"
    ... [plan]
    ... id = "p"
    ... title = "A plan"
    ... effective = 2024-01-01
    ... [[targets]]
    ... id = "t"
    ... type = "boolean"
    ... title = "The magazine is relicensed"
    ... measure = "relicensed"
    ... milestones = [{ by = 2025, require = "= true" }]
    ... ''')
    >>> plan.target("t").all_milestones[0].deadline
    datetime.date(2025, 12, 31)

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 ``directory``.
    """
    text = text.removeprefix("\ufeff")
    if format not in ("json", "toml"):
        raise ValueError(f"unknown plan file format {format!r} (expected 'toml' or 'json')")
    with bulk_load():
        parse = _parse_json if format == "json" else _parse_toml
        data, problems, lines = parse(text, name)
    if data is _UNREADABLE:
        raise PlanError(problems)
    reader = _Reader(Path(name).parent if directory is None else Path(directory))
    reader.problems.extend(problems)
    with bulk_load():
        plan = reader.plan(data)
    if reader.problems or plan is None:
        located = [
            p.located(file=name, line=None if p.line is not None else _line_of(p.path, lines))
            for p in reader.problems
        ]
        # The plan file's problems first, then the units file's, each in line order.
        located.sort(key=lambda p: (p.file != name, p.line is None, p.line or 0))
        raise PlanError(located)
    return plan


def plan_from_dict(
    data: Mapping[str, Any],
    *,
    name: str | None = None,
    directory: str | os.PathLike[str] | None = None,
) -> Plan:
    """Build a plan from the structure of a plan file, already parsed (TOML or JSON data).

    Args:
        data: The parsed file: ``{"schema": ..., "plan": {...}, "targets": [...]}``.
        name: A name for the input, shown in problems.
        directory: The folder a ``units_file`` is found in (default: the current folder).

    Raises:
        PlanError: The data is not a valid plan; every problem is listed with its key path.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 ``directory``.
    """
    reader = _Reader(Path(directory or "."))
    with bulk_load():
        plan = reader.plan(data)
    if reader.problems or plan is None:
        raise PlanError([p.located(file=name) for p in reader.problems])
    return plan


def locate_problems(problems: Iterable[Problem], path: str | os.PathLike[str]) -> list[Problem]:
    """Problems found in a plan read from ``path``, each given the file and the line of its
    key path (for checks made after reading, such as :func:`policytargets.align`'s).

    Raises:
        OSError: The file cannot be read.

    .. versionadded:: 0.2.0
    """
    file = Path(path)
    text = file.read_bytes().decode("utf-8-sig", errors="replace")
    name = os.fspath(path)
    scanner = _JsonLines(text) if file.suffix.lower() == ".json" else _TomlLines(text)
    lines = scanner.scan()
    return [p.located(file=name, line=_line_of(p.path, lines)) for p in problems]


def plan_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of plan files, shipped with the package.

    It describes the structure (keys, types, the four target types); the checks of a plan as
    a whole (ids, references, milestone order) are :func:`~policytargets.io.loads_plan`'s.

    .. versionadded:: 0.1.0
    """
    resource = importlib.resources.files("policytargets.io").joinpath("plan.schema.json")
    schema: dict[str, Any] = json.loads(resource.read_text(encoding="utf-8"))
    return schema


_UNREADABLE: Any = object()
_POSITION = re.compile(r"\s*\(at line (\d+), column \d+\)\s*$")
_END = re.compile(r"\s*\(at end of document\)\s*$")


MAX_KEY_PARTS = 64
"""The most parts a dotted key of a TOML plan file may have (``a.b.c`` has three).

The standard TOML reader takes time and memory that grow with the square of a key's parts
(a 60 KB key would need gigabytes), so longer keys are refused before it reads the file.

.. versionadded:: 0.2.0
"""


def _long_keys(text: str, name: str) -> list[Problem]:
    """A problem for each line whose key (before ``=``, or a table header) has too many parts."""
    problems: list[Problem] = []
    if text.count(".") < MAX_KEY_PARTS:
        return problems  # no line can have a key of so many parts
    for number, line in enumerate(text.splitlines(), start=1):
        if "=" in line:
            key = line.partition("=")[0]
        elif line.lstrip().startswith("["):
            key = line
        else:  # a line of a multi-line string
            continue
        if key.count(".") >= MAX_KEY_PARTS:
            problems.append(
                Problem(
                    f"a dotted key of more than {MAX_KEY_PARTS} parts (the limit)",
                    file=name,
                    line=number,
                )
            )
    return problems


def _parse_toml(text: str, name: str) -> tuple[Any, list[Problem], Mapping[str, int]]:
    if long_keys := _long_keys(text, name):
        return _UNREADABLE, long_keys, {}
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except RecursionError:
        return _UNREADABLE, [Problem("TOML nested too deeply", file=name)], {}
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        line: int | None = None
        if match := _POSITION.search(message):
            line = int(match[1])
            message = message[: match.start()]
        elif match := _END.search(message):
            line = max(1, text.count("\n") + (0 if text.endswith("\n") else 1))
            message = f"{message[: match.start()]} (at the end of the file)"
        problem = Problem(f"TOML syntax error: {message}", file=name, line=line)
        return _UNREADABLE, [problem], {}
    except ValueError:  # an integer beyond int()'s digit limit
        problem = Problem(f"TOML: a number has more than {MAX_DIGITS} digits", file=name)
        return _UNREADABLE, [problem], {}
    return data, [], _LazyLines(_TomlLines(text).scan)


class _LazyLines(Mapping[str, int]):
    """Key paths to lines, scanned only when a problem needs a line (rarely: a plan with a
    national roster is large, and a valid one needs no line at all)."""

    def __init__(self, scan: Callable[[], dict[str, int]]) -> None:
        self._scan: Callable[[], dict[str, int]] | None = scan
        self._lines: dict[str, int] = {}

    def _found(self) -> dict[str, int]:
        if self._scan is not None:
            self._lines, self._scan = self._scan(), None
        return self._lines

    def __getitem__(self, path: str) -> int:
        return self._found()[path]

    def __iter__(self) -> Iterator[str]:
        return iter(self._found())

    def __len__(self) -> int:
        return len(self._found())


def _parse_json(text: str, name: str) -> tuple[Any, list[Problem], Mapping[str, int]]:
    try:
        data = json.loads(text, parse_float=Decimal, parse_constant=Decimal)
    except json.JSONDecodeError as error:
        problem = Problem(f"JSON syntax error: {error.msg}", file=name, line=error.lineno)
        return _UNREADABLE, [problem], {}
    except RecursionError:
        return _UNREADABLE, [Problem("JSON nested too deeply", file=name)], {}
    except ValueError:  # an integer beyond int()'s digit limit
        problem = Problem(f"JSON: a number has more than {MAX_DIGITS} digits", file=name)
        return _UNREADABLE, [problem], {}
    scanner = _JsonLines(text)
    lines = scanner.scan()
    problems = [
        Problem(f"duplicate key {quoted(path.rsplit('.', 1)[-1])}", path, line=line)
        for path, line in scanner.duplicates
    ]
    problems.extend(_surrogates(data, ""))
    return data, problems, lines


_SURROGATE = re.compile("[\ud800-\udfff]")


def _surrogates(value: Any, path: str) -> Iterator[Problem]:
    """A problem for each text holding a lone surrogate (JSON's ``"\\ud800"``).

    Such text is not Unicode: no report could be written with it.
    """
    if isinstance(value, str):
        if match := _SURROGATE.search(value):
            code = f"\\u{ord(match[0]):04x}"
            yield Problem(f"the text holds {code}, half of a surrogate pair: not a character", path)
    elif isinstance(value, dict):
        for key, item in value.items():
            if _SURROGATE.search(key):
                yield Problem("a key holds half of a surrogate pair: not a character", path)
            else:
                yield from _surrogates(item, _join(path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _surrogates(item, f"{path}[{index}]")


_FILE, _PLAN, _POPULATION, _UNIT, _TARGET = (
    TABLES[name] for name in ("file", "plan", "population", "unit", "target")
)
_MILESTONE, _EVERY, _BASELINE, _PROGRESS, _IMPLEMENTS = (
    TABLES[name] for name in ("milestone", "every", "baseline", "progress", "implements")
)
_MEASURE, _MEASURE_REPORTING = (TABLES[name] for name in ("measure", "measure-reporting"))
_NEEDS_MILESTONES = "a target needs 'milestones' or 'every'"
_MILESTONE_PATH = re.compile(r"^(targets\[\d+\])\.milestones\[(\d+)\]")
_DECLARED_PATH = re.compile(r"^units\[(\d+)\]")
# The reader of each kind of key (a method of _Reader); "choice" and nested tables aside.
_READERS: dict[str, str] = {"texts": "strings", "attributes": "table"}


def _as_is(value: Any, path: str) -> Any:
    """The value of a key of a user-defined target type, passed on unread."""
    return value


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return f"a boolean ({'true' if value else 'false'})"
    if isinstance(value, int):
        return f"an integer ({value})"
    if isinstance(value, Decimal | float):
        return f"a number ({value})"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"text ({quoted(shown)})"
    if isinstance(value, dt.datetime):
        return "a date with a time"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, dt.time):
        return "a time"
    if isinstance(value, Mapping):
        return "a table"
    if isinstance(value, list):
        return "an array"
    return type(value).__name__


def _closest(key: str, known: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    return close[0] if close else None


def _suggest(key: str, known: Iterable[str]) -> str:
    close = _closest(key, known)
    return f" (did you mean {quoted(close)}?)" if close else ""


def _either(choices: Sequence[str]) -> str:
    return (
        " or ".join(choices) if len(choices) < 3 else f"{', '.join(choices[:-1])} or {choices[-1]}"
    )


class _Fields(dict[str, Any]):
    """The values of a table's keys as read, by attribute; ``complete`` when none failed."""

    complete: bool = True


def _key_reader(key: Key) -> Callable[[_Reader, Any, str], Any]:
    """The method of :class:`_Reader` that reads a value of this key's kind, unbound."""
    if key.kind == "choice":
        name, choices = key.name, key.choices

        def choice(reader: _Reader, value: Any, path: str) -> str | None:
            return reader.choice(name, choices, value, path)

        return choice
    method: Callable[[_Reader, Any, str], Any] | None = getattr(
        _Reader, _READERS.get(key.kind, key.kind), None
    )
    if method is None:  # a key its table's reader reads itself (a target's type)

        def unread(reader: _Reader, value: Any, path: str) -> Any:
            raise AttributeError(f"no reader of {quoted(key.kind)} keys")

        return unread
    return method


class _Layout:
    """How :meth:`_Reader.read` walks a declared table, worked out once per table (a plan may
    declare 40,000 units)."""

    def __init__(self, table: Table) -> None:
        self.known = frozenset((*table.names, *table.refused))
        # Each key's name, attribute, default and whether it is required, and its reader.
        self.read = tuple(
            (key.name, key.attribute, key.default, key.required, _key_reader(key))
            for key in table.keys
            if not key.nested
        )
        self.conditional = tuple(key for key in table.keys if key.only_if is not None)
        # For tables written with only text keys (a roster's ``{ id = ..., name = ... }``):
        # by the keys as written, whether each is an id, or None.
        self.plains: dict[tuple[str, ...], tuple[tuple[str, bool], ...] | None] = {}
        self._table = table

    def plain(self, keys: tuple[str, ...]) -> tuple[tuple[str, bool], ...] | None:
        """For a table with exactly these keys, each key and whether it is an id, when
        :meth:`_Reader.read` would only check that each value is text (or an id): every key
        known, read as text into the attribute of its own name, not conditional, and no
        required key or default left out. None otherwise."""
        if keys in self.plains:
            return self.plains[keys]
        by_name = {key.name: key for key in self._table.keys}
        found: tuple[tuple[str, bool], ...] | None = None
        if (
            len(set(keys)) == len(keys)
            and all(
                name in by_name
                and name not in self._table.refused
                and by_name[name].kind in ("text", "identifier")
                and by_name[name].attribute == name
                and by_name[name].only_if is None
                for name in keys
            )
            and not any(
                (key.required or key.default is not None) and key.name not in keys
                for key in self._table.keys
            )
        ):
            found = tuple((name, by_name[name].kind == "identifier") for name in keys)
        self.plains[keys] = found
        return found


_LAYOUTS: dict[str, _Layout] = {}


def _layout(table: Table) -> _Layout:
    found = _LAYOUTS.get(table.name)
    if found is None:
        found = _LAYOUTS[table.name] = _Layout(table)
    return found


def _plain_unit(item: object) -> Unit | None:
    """The unit of a unit table of text keys only (``{ id = "a-1", name = "Agency 1" }``),
    each value text and each id well formed, read without :meth:`_Reader.read`'s general
    walk (a roster may hold 40,000 of them); None for any other value, read the general way.
    """
    if item.__class__ is not dict:
        return None
    table: dict[str, Any] = item  # a dict, as just checked
    keys = tuple(table)
    plain = _UNIT_LAYOUT.plains.get(keys) or _UNIT_LAYOUT.plain(keys)
    if plain is None:
        return None
    for (_, identifier), value in zip(plain, table.values(), strict=True):
        if value.__class__ is not str or (identifier and (not value or value != value.strip())):
            return None
    return Unit(**table)


class _Reader:
    """Reads the structure of a plan file, collecting every problem with its key path."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory  # where a units file is found
        self.problems: list[Problem] = []
        # Paths of keys suggested for a misspelt key: "missing" would say the same again.
        self.suggested: set[str] = set()

    def add(self, message: str, path: str) -> None:
        self.problems.append(Problem(message, path))

    # -- a declared table ----------------------------------------------------------------

    def read(
        self,
        data: Mapping[str, Any],
        table: Table,
        path: str,
        *,
        also: Sequence[str] = (),
        elsewhere: str = "",
        required: bool = True,
        skip: Sequence[str] = (),
    ) -> _Fields:
        """Check the keys of ``data`` against ``table`` and read those that are not tables.

        Returns the values by attribute name, defaults included; nested tables and the keys in
        ``skip`` are left to the caller, ``also`` are further known keys.
        """
        layout = _layout(table)
        for name, reason in table.refused.items():
            if name in data:
                self.add(f"{quoted(name)} {reason}", _join(path, name))
        if not layout.known.issuperset(data):
            self.keys(data, (*table.names, *table.refused, *also), path, elsewhere=elsewhere)
        fields = _Fields()
        for name, attribute, default, needed, read in layout.read:
            if name in skip:
                continue
            if name in data:
                value = read(self, data[name], _join(path, name))
            elif default is not None:
                value = read(self, default, _join(path, name))
            else:
                if required and needed:
                    where = _join(path, name)
                    if where not in self.suggested:
                        self.add(f"missing required key {quoted(name)}", where)
                value = None
            if value is not None:
                fields[attribute] = value
            elif name in data or needed:
                fields.complete = False
        for key in layout.conditional:
            if key.attribute in fields:
                other, wanted = key.only_if  # type: ignore[misc]  # not None: conditional
                chosen = fields.get(table.key(other).attribute)
                if chosen is not None and chosen != wanted:
                    message = f"{quoted(key.name)} applies only to the {wanted} {other}"
                    self.add(message, _join(path, key.name))
                    fields.complete = False
        return fields

    def reader(self, key: Key) -> Callable[[Any, str], Any]:
        """The method that reads a value of this key's kind."""
        return functools.partial(_key_reader(key), self)

    # -- generic readers: each returns None after recording a problem --------------------

    def keys(
        self, data: Mapping[str, Any], known: Sequence[str], path: str, *, elsewhere: str = ""
    ) -> None:
        """Report every key of ``data`` not in ``known``, with the closest known key."""
        for key in data:
            if key in known:
                continue
            if elsewhere and key in all_rule_keys():
                self.add(f"{quoted(key)} does not apply to a {elsewhere} target", _join(path, key))
            else:
                close = _closest(key, known)
                hint = f" (did you mean {quoted(close)}?)" if close else ""
                self.add(f"unknown key {quoted(key)}{hint}", _join(path, key))
                if close is not None:
                    self.suggested.add(_join(path, close))

    def field(
        self,
        data: Mapping[str, Any],
        key: str,
        path: str,
        read: Callable[[Any, str], _T | None],
        *,
        required: bool = False,
    ) -> _T | None:
        where = _join(path, key)
        if key not in data:
            if required and where not in self.suggested:
                self.add(f"missing required key {quoted(key)}", where)
            return None
        return read(data[key], where)

    def choice(self, name: str, choices: Sequence[str], value: Any, path: str) -> str | None:
        text = self.text(value, path)
        if text is None or text in choices:
            return text
        hint = _suggest(text, choices)
        self.add(f"unknown {name} {quoted(text)}{hint} (expected {_either(choices)})", path)
        return None

    def table(self, value: Any, path: str) -> Mapping[str, Any] | None:
        if isinstance(value, Mapping) and all(isinstance(k, str) for k in value):
            return value
        self.add(f"must be a table, not {_describe(value)}", path)
        return None

    def array(self, value: Any, path: str) -> list[Any] | None:
        if isinstance(value, list):
            return value
        self.add(f"must be an array, not {_describe(value)}", path)
        return None

    def text(self, value: Any, path: str) -> str | None:
        if isinstance(value, str):
            return value
        self.add(f"must be text, not {_describe(value)}", path)
        return None

    def identifier(self, value: Any, path: str) -> str | None:
        text = self.text(value, path)
        if text is not None and (not text or text != text.strip()):
            self.add("an id must not be empty or begin or end with a space", path)
            return None
        return text

    def flag(self, value: Any, path: str) -> bool | None:
        if isinstance(value, bool):
            return value
        self.add(f"must be true or false, not {_describe(value)}", path)
        return None

    def date(self, value: Any, path: str) -> dt.date | None:
        if isinstance(value, dt.datetime):
            self.add("must be a date without a time (2023-10-30)", path)
            return None
        if isinstance(value, str | dt.date):
            try:
                return parse_date(value)
            except ValueError as error:
                self.add(str(error), path)
                return None
        self.add(f"must be a date (2023-10-30 or '30/10/2023'), not {_describe(value)}", path)
        return None

    def period(self, value: Any, path: str) -> Period | None:
        if isinstance(value, dt.datetime):
            self.add("must be a period, not a date with a time", path)
            return None
        if isinstance(value, int | str | dt.date) and not isinstance(value, bool):
            try:
                return Period.parse(value)
            except ValueError as error:
                self.add(str(error), path)
                return None
        self.add(
            f"must be a period (2025, '2024-Q3', '2024-06' or a date), not {_describe(value)}",
            path,
        )
        return None

    def year(self, value: Any, path: str) -> int | None:
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 9999:
            return value
        self.add(f"must be a year (2030), not {_describe(value)}", path)
        return None

    def number(self, value: Any, path: str) -> Fraction | None:
        if isinstance(value, bool):
            self.add(f"must be a number, not {_describe(value)}", path)
            return None
        if isinstance(value, int | Decimal | float):
            try:
                return exact_number(value)
            except ValueError as error:
                self.add(str(error), path)
                return None
        if isinstance(value, str):
            try:
                return parse_number(value)
            except ValueError as error:
                self.add(str(error), path)
                return None
        self.add(f"must be a number ('40%', 0.4, '2/3'), not {_describe(value)}", path)
        return None

    def value(self, value: Any, path: str) -> Value | None:
        if isinstance(value, bool):
            return value
        if isinstance(value, str):
            try:
                return parse_value(value)
            except ValueError as error:
                self.add(str(error), path)
                return None
        return self.number(value, path)

    def requirement(self, value: Any, path: str) -> Requirement | None:
        text = self.text(value, path)
        if text is None:
            return None
        try:
            return Requirement.parse(text)
        except ValueError as error:
            self.add(str(error), path)
            return None

    def strings(self, value: Any, path: str) -> tuple[str, ...] | None:
        items = self.array(value, path)
        if items is None:
            return None
        read = [self.text(item, f"{path}[{i}]") for i, item in enumerate(items)]
        return tuple(s for s in read if s is not None) if None not in read else None

    def tables(self, value: Any, path: str) -> list[tuple[int, Mapping[str, Any]]]:
        """The entries of an array of tables that are tables, with their positions."""
        items = self.array(value, path)
        found: list[tuple[int, Mapping[str, Any]]] = []
        for index, item in enumerate(items or ()):
            table = self.table(item, f"{path}[{index}]")
            if table is not None:
                found.append((index, table))
        return found

    # -- the plan ----------------------------------------------------------------------------

    def plan(self, data: Any) -> Plan | None:
        root = self.table(data, "")
        if root is None:
            return None
        self.keys(root, _FILE.names, "")
        schema = root.get("schema")
        if "schema" not in root:
            self.add(f"missing 'schema': a plan file begins with schema = {SCHEMA_ID!r}", "schema")
        elif schema != SCHEMA_ID:
            self.add(f"unsupported schema {schema!r}: this version reads {SCHEMA_ID!r}", "schema")
        head = self.field(root, "plan", "", self.table, required=True) or {}
        fields = self.read(head, _PLAN, "plan", required=bool(head))
        issued, effective = fields.get("issued"), fields.get("effective")
        if issued is not None and effective is not None and effective < issued:
            self.add("the plan cannot take effect before it is issued", "plan.effective")
        reporting = self.field(root, "reporting", "", self.reporting)
        roster = self._roster(root)
        specs = [
            self._population(entry, f"populations[{i}]", i)
            for i, entry in self.tables(root.get("populations", []), "populations")
        ]
        populations = _Populations(self, specs, [unit for unit, _ in roster]).resolve()
        targets: list[tuple[int, _ReadTarget]] = []
        for index, entry in self.tables(root.get("targets", []), "targets"):
            read = self._target(entry, f"targets[{index}]")
            if read is not None:
                targets.append((index, read))
        measures = [
            (i, measure)
            for i, entry in self.tables(root.get("measures", []), "measures")
            if (measure := self._measure(entry, f"measures[{i}]")) is not None
        ]
        complete = {"id", "title", "effective"} <= fields.keys()
        failed: PlanError | None = None
        if complete and not self.problems:
            # A plan checks itself; the same checks are run here, with the positions of
            # the file, only to say where its problems are.
            try:
                return Plan(
                    **{"issued": effective, **fields},
                    populations=[population for _, population in populations],
                    targets=[read.target for _, read in targets],
                    reporting=reporting or ReportingCalendar(),
                    measure_descriptions=[measure for _, measure in measures],
                    roster=[unit for unit, _ in roster],
                )
            except PlanError as error:
                failed = error
        self._cross_check(populations, targets, effective, measures, roster)
        if failed is not None and not self.problems:  # checks of Plan the reader does not repeat
            self.problems.extend(failed.problems)
        return None

    def _cross_check(
        self,
        populations: list[tuple[int, Population]],
        targets: list[tuple[int, _ReadTarget]],
        effective: dt.date | None,
        measures: list[tuple[int, Measure]],
        roster: list[tuple[Unit, Problem]],
    ) -> None:
        found = plan_problems(
            [population for _, population in populations],
            [read.target for _, read in targets],
            effective=effective,
            indexes=([i for i, _ in populations], [i for i, _ in targets]),
            roster=[unit for unit, _ in roster],
        )
        found += measure_problems(
            [measure for _, measure in measures],
            [read.target for _, read in targets],
            indexes=([i for i, _ in measures], [i for i, _ in targets]),
        )
        # A target is checked with the milestones that could be read: the checks number them
        # from 0, so map each back to its place in the file. If none could be read, "needs
        # milestones" would be wrong.
        positions = {f"targets[{i}]": read.positions for i, read in targets}
        written = {f"targets[{i}].milestones" for i, read in targets if read.has_milestones}
        for problem in found:
            if problem.path in written and problem.message == _NEEDS_MILESTONES:
                continue
            if declared := _DECLARED_PATH.match(problem.path):
                # units[N] of the checks is the Nth unit of the roster: a row or a [[units]].
                origin = roster[int(declared[1])][1]
                rest = problem.path[declared.end() :]
                path = _join(origin.path, rest.removeprefix(".")) if origin.path else rest[1:]
                self.problems.append(attrs.evolve(origin, message=problem.message, path=path))
                continue
            match = _MILESTONE_PATH.match(problem.path)
            if match is not None and match[1] in positions:
                place = positions[match[1]][int(match[2])]
                path = f"{match[1]}.milestones[{place}]{problem.path[match.end() :]}"
                self.problems.append(attrs.evolve(problem, path=path))
            else:
                self.problems.append(problem)

    def reporting(self, value: Any, path: str) -> ReportingCalendar | None:
        table = self.table(value, path)
        if table is None:
            return None
        fields = self.read(table, TABLES["reporting"], path)
        try:
            return ReportingCalendar(**fields) if fields.complete else None
        except ValueError as error:
            self.add(str(error), f"{path}.due")
            return None

    def _measure(self, table: Mapping[str, Any], path: str) -> Measure | None:
        fields = self.read(table, _MEASURE, path)
        reporting = self.field(table, "reporting", path, self._measure_reporting)
        if not fields.complete:
            return None  # an unreadable reporting rule is reported; the rest is still checked
        try:
            return Measure(**fields, reporting=reporting)
        except ValueError as error:
            self.add(str(error), path)
            return None

    def _measure_reporting(self, value: Any, path: str) -> MeasureReporting | None:
        table = self.table(value, path)
        if table is None:
            return None
        fields = self.read(table, _MEASURE_REPORTING, path)
        if not fields.complete:
            return None
        try:
            return MeasureReporting(**fields)
        except ValueError as error:
            self.add(str(error), f"{path}.due")
            return None

    def _roster(self, root: Mapping[str, Any]) -> list[tuple[Unit, Problem]]:
        """The units the plan declares (the units file's, then ``[[units]]``), each with where
        it is declared (a problem with no message: the file and line, or the key path)."""
        declared: list[tuple[Unit, Problem]] = []
        name = self.field(root, "units_file", "", self.text)
        if name is not None:
            shown = os.fspath(self.directory / name)
            rows, problems = read_roster(self.directory / name, shown)
            for problem in problems:  # a file that cannot be read is an error of the plan
                self.problems.append(
                    problem
                    if problem.line
                    else Problem(f"{problem.message} ({shown})", "units_file")
                )
            declared += [(unit, Problem("", file=shown, line=line)) for unit, line in rows]
        for index, entry in self.tables(root.get("units", []), "units"):
            path = f"units[{index}]"
            unit = _plain_unit(entry)
            declared.append((self._unit(entry, path) if unit is None else unit, Problem("", path)))
        return declared

    def _population(self, table: Mapping[str, Any], path: str, index: int) -> _Spec:
        fields = self.read(table, _POPULATION, path)
        within, where = fields.pop("within", None), fields.pop("where", None)
        entries: list[Unit | str] = []
        items = self.array(table.get("units", []), _join(path, "units")) or []
        plain = _plain_units(items)
        if plain is not None:
            entries += plain
            items = []
        for number, item in enumerate(items):
            if isinstance(item, str):
                entries.append(item)
                continue
            unit = _plain_unit(item)
            if unit is not None:
                entries.append(unit)
                continue
            unit_path = f"{path}.units[{number}]"
            unit_table = self.table(item, unit_path)
            entries.append(
                self._unit(unit_table, unit_path)
                if unit_table is not None
                else Unit(f"\x00{unit_path}", "")  # keeps the positions of the others
            )
        # An unreadable id still takes part in the checks, under a name no file can use.
        fields.setdefault("id", f"\x00{path}")
        fields.setdefault("name", fields["id"])
        return _Spec(index, path, fields, entries, within, where)

    def where(self, value: Any, path: str) -> dict[str, Any] | None:
        table = self.table(value, path)
        if table is None:
            return None
        for key, wanted in table.items():
            options = wanted if isinstance(wanted, list) else [wanted]
            if not all(isinstance(o, str | bool | int | Decimal) for o in options):
                message = "must be text, a boolean, a number or an array of them"
                self.add(f"{message}, not {_describe(wanted)}", _join(path, key))
                return None
        return dict(table)

    def _unit(self, table: Mapping[str, Any], path: str) -> Unit:
        return Unit(**{"id": f"\x00{path}", "name": "", **self.read(table, _UNIT, path)})

    def _target(self, table: Mapping[str, Any], path: str) -> _ReadTarget | None:
        kind = self.field(table, "type", path, self.text, required=True)
        if kind is not None and kind not in TARGET_TYPES:
            self.add(
                f"unknown target type {quoted(kind)}{_suggest(kind, TARGET_TYPES)} "
                f"(expected one of {', '.join(sorted(TARGET_TYPES))})",
                _join(path, "type"),
            )
            kind = None
        rule_keys = tuple(rule_fields(kind)) if kind is not None else all_rule_keys()
        fields = self.read(
            table, _TARGET, path, also=rule_keys, elsewhere=kind or "", skip=("type",)
        )
        rule = self._rule(kind, table, path) if kind is not None else None
        milestones, positions = self._milestones(table, path)
        nested = {
            key: self.field(table, key, path, read)
            for key, read in (
                ("every", self.every),
                ("baseline", self.baseline),
                ("progress", self.progress),
                ("implements", self.implements),
            )
        }
        if rule is None:
            return None
        # Without its unreadable milestones the target is only cross-checked: the plan is
        # built only when nothing is wrong.
        target = Target(
            **{"id": f"\x00{path}", "title": "", **fields, **nested},
            rule=rule,
            milestones=milestones,
        )
        has_milestones = bool(table.get("milestones")) or "every" in table
        return _ReadTarget(target, positions, has_milestones=has_milestones)

    def _rule(self, kind: str, table: Mapping[str, Any], path: str) -> Any:
        cls = TARGET_TYPES[kind]
        arguments: dict[str, Any] = {}
        complete = True
        for name, required in rule_fields(kind).items():
            if name not in table:
                if required:
                    if _join(path, name) not in self.suggested:
                        self.add(f"missing required key {quoted(name)}", _join(path, name))
                    complete = False
                continue
            read = self.reader(RULE_KEYS[name]) if name in RULE_KEYS else _as_is
            value = read(table[name], _join(path, name))
            if value is None:
                complete = False
            else:
                arguments[name] = value
        if not complete:
            return None
        try:
            return cls(**arguments)
        except (ValueError, TypeError) as error:
            self.add(str(error), path)
            return None

    def condition(self, value: Any, path: str) -> Condition | None:
        text = self.text(value, path)
        if text is None:
            return None
        try:
            return Condition.parse(text)
        except ValueError as error:
            self.add(str(error), path)
            return None

    def _milestones(
        self, table: Mapping[str, Any], path: str
    ) -> tuple[list[Milestone], tuple[int, ...]]:
        """The milestones that could be read, and their positions in the file."""
        where = _join(path, "milestones")
        items = self.field(table, "milestones", path, self.array)
        read: list[tuple[int, Milestone]] = []
        for index, item in enumerate(items or ()):
            milestone = self.milestone(item, f"{where}[{index}]")
            if milestone is not None:
                read.append((index, milestone))
        return [m for _, m in read], tuple(i for i, _ in read)

    def milestone(self, value: Any, path: str) -> Milestone | None:
        table = self.table(value, path)
        if table is None:
            return None
        fields = self.read(table, _MILESTONE, path)
        return Milestone(**fields) if fields.complete else None

    def every(self, value: Any, path: str) -> Recurring | None:
        table = self.table(value, path)
        if table is None:
            return None
        fields = self.read(table, _EVERY, path)
        if not fields.complete:
            return None
        start, end = fields["start"], fields["end"]
        if start.kind is not end.kind:
            self.add("'from' and 'to' must be periods of the same kind", f"{path}.to")
            return None
        if end < start:
            self.add(f"'to' ({end}) comes before 'from' ({start})", f"{path}.to")
            return None
        return Recurring(**fields)

    def baseline(self, value: Any, path: str) -> Baseline | None:
        table = self.table(value, path)
        if table is None:
            return None
        fields = self.read(table, _BASELINE, path)
        return Baseline(**fields) if fields.complete else None

    def schedule(self, value: Any, path: str) -> dict[Period, Value] | None:
        schedule = self.table(value, path)
        if schedule is None:
            return None
        values: dict[Period, Value] = {}
        for key, raw in schedule.items():
            key_path = f"{path}.{key}"
            try:
                period = Period.parse(key)
            except ValueError as error:
                self.add(str(error), key_path)
                continue
            read = self.value(raw, key_path)
            if period in values:
                self.add(f"the period {period} is given twice", key_path)
            elif read is not None:
                values[period] = read
        return values

    def progress(self, value: Any, path: str) -> ProgressSpec | None:
        table = self.table(value, path)
        if table is None:
            return None
        fields = self.read(table, _PROGRESS, path)
        return ProgressSpec(**fields) if fields.complete else None

    def implements(self, value: Any, path: str) -> TargetLink | None:
        table = self.table(value, path)
        if table is None:
            return None
        fields = self.read(table, _IMPLEMENTS, path)
        return TargetLink(**fields) if fields.complete else None


_UNIT_LAYOUT = _layout(_UNIT)  # made once the readers it names exist


def _plain_units(items: list[Any]) -> list[Unit] | None:
    """:func:`_plain_unit` for a whole array of unit tables with the same text keys (a roster
    written as inline tables), each check made on every item at once; None when any item
    is not such a table."""
    if not items or set(map(type, items)) != {dict}:
        return None
    layouts = set(map(tuple, items))
    plain = _UNIT_LAYOUT.plain(layouts.pop()) if len(layouts) == 1 else None
    values = itertools.chain.from_iterable(map(dict.values, items))
    if plain is None or set(map(type, values)) != {str}:
        return None
    for name in (name for name, identifier in plain if identifier):
        ids = list(map(operator.itemgetter(name), items))
        if not all(ids) or list(map(str.strip, ids)) != ids:
            return None
    return [Unit(**item) for item in items]


@attrs.frozen
class _Spec:
    """A population as written: its fields, its listed units (tables, or ids to look up), and
    the units it selects (``within`` another population, ``where`` attributes match)."""

    index: int
    path: str
    fields: dict[str, Any]
    entries: list[Unit | str]
    within: str | None
    where: dict[str, Any] | None


class _Populations:
    """Resolves populations: ids to the declared units, ``within`` and ``where`` to the units
    they select, reporting what points nowhere."""

    def __init__(self, reader: _Reader, specs: list[_Spec], roster: list[Unit]) -> None:
        self.reader = reader
        self.specs = specs
        self.by_id: dict[str, _Spec] = {}
        for spec in specs:
            self.by_id.setdefault(spec.fields["id"], spec)
        self.roster = roster
        self.declared = {unit.id: unit for unit in reversed(roster)}  # the first of an id
        self.done: dict[int, tuple[Unit, ...]] = {}

    def resolve(self) -> list[tuple[int, Population]]:
        return [
            (spec.index, Population(**spec.fields, units=self.units(spec, ())))
            for spec in self.specs
        ]

    def units(self, spec: _Spec, chain: tuple[str, ...]) -> tuple[Unit, ...]:
        """The units of ``spec``: those listed, then those selected, each once."""
        if spec.index in self.done:
            return self.done[spec.index]
        listed: list[Unit] = []
        for number, entry in enumerate(spec.entries):
            if isinstance(entry, Unit):
                listed.append(entry)
            elif entry in self.declared:
                listed.append(self.declared[entry])
            else:
                where = f"{spec.path}.units[{number}]"
                self.reader.add(
                    f"unknown unit {quoted(entry)}{_suggest(entry, self.declared)}", where
                )
                listed.append(Unit(f"\x00{where}", ""))  # keeps the positions of the others
        selected = self.selected(spec, (*chain, spec.fields["id"]))
        found = {unit.id for unit in listed}
        units = (*listed, *(unit for unit in selected if unit.id not in found))
        self.done[spec.index] = units
        return units

    def selected(self, spec: _Spec, chain: tuple[str, ...]) -> tuple[Unit, ...]:
        if spec.within is None and spec.where is None:
            return ()
        source: tuple[Unit, ...] | list[Unit] = self.roster
        if spec.within is not None:
            other = self.by_id.get(spec.within)
            path = f"{spec.path}.within"
            if other is None:
                known = _suggest(spec.within, self.by_id)
                self.reader.add(f"unknown population {quoted(spec.within)}{known}", path)
                return ()
            if spec.within in chain:
                cycle = " -> ".join((*chain[chain.index(spec.within) :], spec.within))
                self.reader.add(f"the populations are within each other: {cycle}", path)
                return ()
            source = self.units(other, chain)
        if spec.where is None:
            return tuple(source)
        attributes = {key for unit in source for key in unit.attributes}
        for key in spec.where:
            if key not in attributes:
                among = f"of population {quoted(spec.within)}" if spec.within else "declared"
                hint = _suggest(key, attributes)
                message = f"no unit {among} has the attribute {quoted(key)}{hint}"
                self.reader.add(message, f"{spec.path}.where.{key}")
        return select_units(source, spec.where)


@attrs.frozen
class _ReadTarget:
    """A target as read, where its milestones are in the file, whether it gave any."""

    target: Target
    positions: tuple[int, ...]  # where each of target.milestones is in the file
    has_milestones: bool = attrs.field(kw_only=True)


# --- where each key is: best-effort line numbers --------------------------------------------

_SEGMENT = re.compile(r"\.[^.\[]*$|\[\d+\]$")


def _line_of(path: str, lines: Mapping[str, int]) -> int | None:
    """The line of ``path`` or, when it is not written (a missing key), of its nearest parent."""
    while path:
        if path in lines:
            return lines[path]
        match = _SEGMENT.search(path)
        if match is None or match.start() == 0:
            return None
        path = path[: match.start()]
    return None


class _Scanner:
    """Shared cursor for the line scanners: position, line, and helpers."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line = 1
        self.lines: dict[str, int] = {}

    def peek(self, offset: int = 0) -> str:
        index = self.pos + offset
        return self.text[index] if index < len(self.text) else ""

    def advance(self, count: int = 1) -> None:
        self.line += self.text.count("\n", self.pos, self.pos + count)
        self.pos += count

    def skip_spaces(self) -> None:
        while self.peek() in {" ", "\t"}:
            self.pos += 1

    def expect(self, token: str) -> None:
        if not self.text.startswith(token, self.pos):
            raise ValueError(f"expected {token!r} at line {self.line}")
        self.advance(len(token))

    def _skip_blank(self) -> None:
        raise NotImplementedError

    def _value(self, path: str) -> None:
        raise NotImplementedError

    def _array(self, path: str) -> None:
        """Record the line of each entry of the array at the cursor (its ``[`` included)."""
        self.advance()
        index = 0
        while True:
            self._skip_blank()
            if self.peek() == "]":
                self.advance()
                return
            entry = f"{path}[{index}]"
            self.lines[entry] = self.line
            self._value(entry)
            self._skip_blank()
            if self.peek() == ",":
                self.advance()
            index += 1


class _TomlLines(_Scanner):
    """The line of every key and array entry of a TOML document that tomllib accepted.

    Paths are written as in problems: ``targets[2].milestones[0].require``. Tables of arrays
    (``[[targets]]``) count their entries; inline tables and arrays record each entry's line.
    """

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.arrays: dict[str, int] = {}  # array-of-tables path -> index of its last entry

    def scan(self) -> dict[str, int]:
        # Best effort: what was found stands, the rest has no line.
        with contextlib.suppress(ValueError, IndexError, tomllib.TOMLDecodeError):
            self._document()
        return self.lines

    def _document(self) -> None:
        table = ""
        while True:
            self._skip_blank()
            if not self.peek():
                return
            line = self.line
            if self.text.startswith("[[", self.pos):
                self.advance(2)
                keys = self._keys()
                self.expect("]]")
                parent = self._resolve(keys[:-1])
                full = _join(parent, keys[-1])
                index = self.arrays.get(full, -1) + 1
                self.arrays[full] = index
                self.lines.setdefault(full, line)
                table = f"{full}[{index}]"
                self.lines[table] = line
            elif self.peek() == "[":
                self.advance()
                keys = self._keys()
                self.expect("]")
                table = self._resolve(keys)
                self.lines.setdefault(table, line)
            else:
                self._pair(table)

    def _resolve(self, keys: list[str]) -> str:
        path = ""
        for key in keys:
            path = _join(path, key)
            if path in self.arrays:
                path = f"{path}[{self.arrays[path]}]"
        return path

    def _pair(self, table: str) -> None:
        line = self.line
        keys = self._keys()
        self.skip_spaces()
        self.expect("=")
        self.skip_spaces()
        path = table
        for key in keys:
            path = _join(path, key)
            self.lines.setdefault(path, line)
        self._value(path)

    def _skip_blank(self) -> None:
        while True:
            char = self.peek()
            if char in {" ", "\t", "\r", "\n"}:
                self.advance()
            elif char == "#":
                end = self.text.find("\n", self.pos)
                self.pos = len(self.text) if end < 0 else end
            else:
                return

    def _keys(self) -> list[str]:
        keys: list[str] = []
        while True:
            self.skip_spaces()
            char = self.peek()
            if char in {'"', "'"}:
                start = self.pos
                self._string()
                raw = self.text[start : self.pos]
                keys.append(raw[1:-1] if char == "'" else tomllib.loads(f"k = {raw}")["k"])
            else:
                match = _BARE_KEY.match(self.text, self.pos)
                if match is None:
                    raise ValueError(f"no key at line {self.line}")
                keys.append(match[0])
                self.pos = match.end()
            self.skip_spaces()
            if self.peek() != ".":
                return keys
            self.advance()

    def _string(self) -> None:
        quote = self.peek()
        basic = quote == '"'
        if self.text.startswith(quote * 3, self.pos):
            index = self.pos + 3
            while True:
                if basic and self.text[index] == "\\":
                    index += 2
                elif self.text.startswith(quote * 3, index):
                    index += 3
                    extra = 0  # up to two quotes may end the content: """a""""
                    while extra < 2 and self.text[index : index + 1] == quote:
                        index += 1
                        extra += 1
                    break
                else:
                    index += 1
            self.advance(index - self.pos)
            return
        index = self.pos + 1
        while self.text[index] != quote:
            index += 2 if basic and self.text[index] == "\\" else 1
        self.advance(index + 1 - self.pos)

    def _value(self, path: str) -> None:
        char = self.peek()
        if char in {'"', "'"}:
            self._string()
        elif char == "[":
            self._array(path)
        elif char == "{":
            self.advance()
            while True:
                self._skip_blank()
                if self.peek() == "}":
                    self.advance()
                    return
                self._pair(path)
                self._skip_blank()
                if self.peek() == ",":
                    self.advance()
        else:
            start = self.pos
            while self.peek() and self.peek() not in ",]}\r\n#":
                self.pos += 1
            if self.pos == start:
                raise ValueError(f"no value at line {self.line}")


class _JsonLines(_Scanner):
    """The line of every key and array entry of a JSON document that json accepted, and the
    keys written twice in one object (json keeps the last silently)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.duplicates: list[tuple[str, int]] = []

    def scan(self) -> dict[str, int]:
        with contextlib.suppress(ValueError, IndexError, RecursionError):  # best effort
            self._skip_blank()
            self._value("")
        return self.lines

    def _skip_blank(self) -> None:
        while self.peek() in {" ", "\t", "\r", "\n"}:
            self.advance()

    def _string(self) -> str:
        index = self.pos + 1
        while self.text[index] != '"':
            index += 2 if self.text[index] == "\\" else 1
        raw = self.text[self.pos : index + 1]
        self.pos = index + 1
        decoded: str = json.loads(raw)
        return decoded

    def _value(self, path: str) -> None:
        char = self.peek()
        if char == "{":
            self.advance()
            seen: set[str] = set()
            while True:
                self._skip_blank()
                if self.peek() == "}":
                    self.advance()
                    return
                line = self.line
                key = self._string()
                child = _join(path, key)
                if key in seen:
                    self.duplicates.append((child, line))
                seen.add(key)
                self.lines.setdefault(child, line)
                self._skip_blank()
                self.expect(":")
                self._skip_blank()
                self._value(child)
                self._skip_blank()
                if self.peek() == ",":
                    self.advance()
        elif char == "[":
            self._array(path)
        elif char == '"':
            self._string()
        else:
            start = self.pos
            while self.peek() and self.peek() not in ",]} \t\r\n":
                self.pos += 1
            if self.pos == start:
                raise ValueError(f"no value at line {self.line}")


# --- writing ----------------------------------------------------------------------------------


def _value_text(value: Value, *, percent: bool) -> str | bool:
    if isinstance(value, bool):
        return value
    return f"{exact_text(value * 100)}%" if percent else exact_text(value)


def _period_value(period: Period) -> int | str | dt.date:
    if period.kind is PeriodKind.YEAR:
        return period.start.year
    if period.kind is PeriodKind.DAY:
        return period.start
    return str(period)


def _file_value(value: Any, kind: str, *, percent: bool) -> Any:
    """A value as a plan file writes a key of this kind."""
    if isinstance(value, Period):
        return _period_value(value)
    if kind == "requirement" or isinstance(value, Condition):
        return str(value)
    if kind == "value":
        return _value_text(value, percent=percent)
    if isinstance(value, Fraction):  # exact: an integer, or text such as "1/3"
        return value.numerator if value.denominator == 1 else exact_text(value)
    if isinstance(value, enum.Enum):
        return value.value
    if kind == "schedule":
        return {str(p): _value_text(v, percent=percent) for p, v in sorted(value.items())}
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Mapping):
        return dict(value)
    return value


def _fields_of(
    obj: Any, table: Table, *, percent: bool = False, given: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The keys of ``table`` as a file writes ``obj``: defaults, None and empty left out.

    Nested tables are written only as ``given``, with any value the caller computes.
    """
    fields: dict[str, Any] = {}
    for key in table.keys:
        if given is not None and key.name in given:
            value = given[key.name]
        elif key.nested or key.kind == "target-type":
            continue
        else:
            value = _file_value(getattr(obj, key.attribute), key.kind, percent=percent)
        empty = isinstance(value, list | dict) and not value
        if value is not None and not empty and value != key.default:
            fields[key.name] = value
    return fields


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """The structure of a plan's file: what :func:`~policytargets.dump_plan` writes as TOML.

    Dates are :class:`datetime.date`, periods are years (``2025``), dates or text
    (``"2024-Q3"``), and every number is exact text (``"70%"``, ``"2/3"``) or an integer.
    :func:`~policytargets.io.plan_from_dict` reads it back.

    .. versionadded:: 0.1.0
    """
    data: dict[str, Any] = {"schema": SCHEMA_ID, "plan": _fields_of(plan, _PLAN)}
    data["reporting"] = {"due": plan.reporting.due_text}
    if plan.roster:
        data["units"] = [_fields_of(unit, _UNIT) for unit in plan.roster]
    declared = {unit.id: unit for unit in reversed(plan.roster)}
    if plan.populations:
        data["populations"] = [_population_dict(p, declared) for p in plan.populations]
    if plan.measure_descriptions:
        data["measures"] = [
            _fields_of(
                measure,
                _MEASURE,
                given={
                    "reporting": None
                    if measure.reporting is None
                    else _fields_of(measure.reporting, _MEASURE_REPORTING)
                },
            )
            for measure in plan.measure_descriptions
        ]
    if plan.targets:
        data["targets"] = [_target_dict(t) for t in plan.targets]
    return data


def _population_dict(population: Population, declared: Mapping[str, Unit]) -> dict[str, Any]:
    # A declared unit by its id, any other as a table of its own.
    units = [
        unit.id if declared.get(unit.id) == unit else _fields_of(unit, _UNIT)
        for unit in population.units
    ]
    return _fields_of(
        population, _POPULATION, given={"units": units, "within": None, "where": None}
    )


def _target_dict(target: Target) -> dict[str, Any]:
    percent = target.percent
    rule_fields = {
        key: _file_value(value, "", percent=percent)
        for key, value in target.rule.to_fields().items()
    }
    if isinstance(target.rule, ThresholdShare) and target.rule.condition is not None:
        rule_fields["condition"] = str(target.rule.condition)
    nested = {
        "type": target.kind,
        "milestones": [_fields_of(m, _MILESTONE) for m in target.milestones],
        "baseline": None
        if target.baseline is None
        else _fields_of(target.baseline, _BASELINE, percent=percent),
        "every": None if target.every is None else _fields_of(target.every, _EVERY),
        "progress": None if target.progress is None else _fields_of(target.progress, _PROGRESS),
        "implements": None
        if target.implements is None
        else _fields_of(target.implements, _IMPLEMENTS),
    }
    fields = _fields_of(target, _TARGET, percent=percent, given=nested)
    # The target type's own keys follow the common ones that describe the target.
    split = _TARGET.names.index("note_en") + 1
    head = {k: v for k, v in fields.items() if k in _TARGET.names[:split]}
    return {**head, **rule_fields, **fields}


def dump_plan(plan: Plan) -> str:
    """Write a plan as the text of a TOML plan file.

    Reading the text back gives the same plan: ``loads_plan(dump_plan(plan)) == plan``.
    Numbers are written exactly (``"70%"``, ``"2/3"``), dates as TOML dates, milestones and
    units one inline table a line.

    Raises:
        TypeError: A unit's ``attributes`` hold a value TOML cannot write (a set, an object).

    .. versionadded:: 0.1.0
    """
    data = plan_to_dict(plan)
    out = [f"schema = {_toml(data['schema'])}", "", "[plan]"]
    out += [f"{_toml_key(k)} = {_toml(v)}" for k, v in data["plan"].items()]
    out += ["", "[reporting]", f"due = {_toml(data['reporting']['due'])}"]
    sections = (
        ("units", ()),
        ("populations", ("units",)),
        ("measures", ()),
        ("targets", ("milestones",)),
    )
    for section, arrays in sections:
        for entry in data.get(section, ()):
            out += ["", f"[[{section}]]"]
            for key, value in entry.items():
                if key in arrays:
                    out.append(f"{_toml_key(key)} = [")
                    out += [f"  {_toml(item)}," for item in value]
                    out.append("]")
                else:
                    out.append(f"{_toml_key(key)} = {_toml(value)}")
    return "\n".join(out) + "\n"


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\b": "\\b"}
_ESCAPES["\f"] = "\\f"


def _toml_string(text: str) -> str:
    escaped = []
    for char in text:
        if char in _ESCAPES:
            escaped.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            escaped.append(f"\\u{ord(char):04X}")
        else:
            escaped.append(char)
    return '"' + "".join(escaped) + '"'


def _toml_key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _toml_string(key)


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            return "nan" if value.is_nan() else ("-inf" if value < 0 else "inf")
        text = str(value)
        return text if any(c in text for c in ".Ee") else f"{text}.0"
    if isinstance(value, float):
        return repr(value)  # TOML's float syntax, including inf and nan
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{_toml_key(k)} = {_toml(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    raise TypeError(f"cannot write {value!r} ({type(value).__name__}) in a TOML plan file")
