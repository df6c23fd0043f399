"""The ``json`` format: exactly the scorecard's dictionary (the JSON contract).

Indented JSON (two spaces, as :func:`json.dumps` writes with ``indent=2``) is for people;
compact JSON (no white space between tokens) is a third smaller, for programs. Both are
written with the standard library's C encoder: flat objects and lists of flat objects are
encoded in one call each and indented afterwards, so that indentation costs almost nothing.
The evidence of an assessment and the missing reports (40,000 each in a national scorecard)
are encoded from their objects' attributes, a batch at a time and key by key, without making
their dictionaries. Assessments are encoded one at a time, and any list longer than a batch
a batch at a time, so that a national scorecard never exists twice in memory (as objects and
as dictionaries) and no large part of it is held as text.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import itertools
import json
import operator
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from typing import Any, TextIO

import attrs

from policytargets.assess import Assessment, MissingReport, Scorecard
from policytargets.observations import Evidence, Observation
from policytargets.quantities import value_text
from policytargets.report.labels import escape_bidi_controls
from policytargets.targets.base import Reading

__all__ = ["iter_json", "render_json", "write_json"]

_INDENT = "  "
_MARK = "\x00"  # never in encoded JSON (control characters are escaped): marks a separator
_PLACEHOLDER = "\x01"  # stands for a list while the object holding it is encoded
_SCALARS = (str, int, float, bool, type(None))
_SCALAR_TYPES = frozenset(_SCALARS)
_LITERALS = {None: "null", True: "true", False: "false"}
_encode_string: Callable[[str], str] = json.encoder.encode_basestring


def render_json(scorecard: Scorecard, *, compact: bool = False) -> str:
    """``Scorecard.to_dict()`` as JSON, keys in the contract's order, and a newline.

    The text is exactly ``json.dumps(scorecard.to_dict(), ensure_ascii=False, indent=2)``
    (or, compact, with ``separators=(",", ":")``), followed by a newline. Non-ASCII text is
    kept as is (UTF-8), so Vietnamese titles stay readable; only bidirectional controls are
    escaped (``\\u202e``, see :func:`~policytargets.report.labels.escape_bidi_controls`).

    Args:
        scorecard: The scorecard.
        compact: Leave out the indentation and spaces.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 ``compact``.
    """
    return "".join(iter_json(scorecard, compact=compact))


def write_json(scorecard: Scorecard, stream: TextIO, *, compact: bool = False) -> None:
    """Write :func:`render_json`'s text to ``stream`` piece by piece, as it is encoded.

    .. versionadded:: 0.2.0
    """
    for chunk in iter_json(scorecard, compact=compact):
        stream.write(chunk)


class _Lazy(list[Any]):
    """A list whose items are made ``batch`` at a time while the JSON text is written."""

    def __init__(self, items: Iterable[Any], size: int, batch: int = 512) -> None:
        super().__init__()
        self.items = items
        self.size = size
        self.batch = batch


class _Memo:
    """The JSON text of each of many repeated objects (periods, dates, values), made once per
    object: looked up by identity in C, each object kept alive while its id stands for it."""

    def __init__(self, text_of: Callable[[Any], str]) -> None:
        self.text_of = text_of
        self.texts: dict[int, str] = {}
        self.kept: list[Any] = []

    def __call__(self, objects: list[Any]) -> list[str]:
        ids = list(map(id, objects))
        try:
            return list(map(self.texts.__getitem__, ids))
        except KeyError:
            for item in objects:
                if id(item) not in self.texts:
                    self.texts[id(item)] = self.text_of(item)
                    self.kept.append(item)
            return list(map(self.texts.__getitem__, ids))


class _Memos(dict[str, _Memo]):
    """The memos of one list as it is encoded, by column."""

    def __call__(self, name: str, text_of: Callable[[Any], str]) -> _Memo:
        found = self.get(name)
        if found is None:
            found = self[name] = _Memo(text_of)
        return found


# A batch of items, its memos and the encoder of nested values -> each key's texts, in order.
_Columns = Callable[[list[Any], _Memos, Callable[[Any], str]], list[Iterable[str]]]


class _Rows(_Lazy):
    """A long list of objects of one class (an assessment's evidence, the missing reports)
    encoded without making their dictionaries: a batch at a time, each key's values for the
    whole batch at once (repeated periods, dates and values encoded once), and the rows
    joined with their keys' text in one call.

    The first dictionary of each batch, made by the objects' own ``to_dict``, is encoded the
    ordinary way and compared with its row: on any difference (a key added to ``to_dict``),
    an object of another class or a value the columns cannot encode, the batch is encoded
    from its dictionaries instead, so the text is always what ``json.dumps`` writes.
    """

    def __init__(
        self,
        items: Sequence[Any],
        kind: type,
        columns: _Columns,
        dicts: Callable[[Sequence[Any]], list[dict[str, Any]]],
        batch: int = 2048,
    ) -> None:
        super().__init__(items, len(items), batch)
        self.kind = kind
        self.columns = columns
        self.dicts = dicts

    def encoded(
        self,
        batch: list[Any],
        memos: _Memos,
        item: Callable[[Any], str],
        nested: Callable[[Any], str],
        depth: int | None,
    ) -> str | None:
        """The batch's items (at ``depth``, or compact for None) without the list's brackets
        and first indentation, or None where a row would not be what ``item`` writes of the
        item's dictionary."""
        if set(map(type, batch)) != {self.kind}:
            return None
        first = self.dicts(batch[:1])[0]
        try:
            columns = list(map(list, self.columns(batch, memos, nested)))
        except (TypeError, AttributeError):  # a value of another type than declared
            return None
        if len(columns) != len(first):
            return None
        keys = [_encode_string(str(key)) for key in first]
        if depth is None:
            before = [("{" if number == 0 else ",") + f"{key}:" for number, key in enumerate(keys)]
            after, between = "}", ","
        else:
            inner = _INDENT * (depth + 1)
            before = [
                ("{\n" if number == 0 else ",\n") + f"{inner}{key}: "
                for number, key in enumerate(keys)
            ]
            after, between = "\n" + _INDENT * depth + "}", ",\n" + _INDENT * depth
        # Each row is its keys' constant text and its values, joined in C without a format.
        pieces = itertools.chain.from_iterable(
            zip(
                *itertools.chain.from_iterable(
                    zip(map(itertools.repeat, before), columns, strict=True)
                ),
                itertools.repeat(after + between),
            )
        )
        firsts = [column[0] for column in columns]
        row = "".join(itertools.chain.from_iterable(zip(before, firsts, strict=True))) + after
        return "".join(pieces)[: -len(between)] if row == item(first) else None


_OBSERVATION_FIELDS = _MEASURE, _UNIT, _PERIOD, _VALUE, _SOURCE, _RECORDED = tuple(
    map(operator.attrgetter, ("measure", "unit", "period", "value", "source", "recorded"))
)
_DUE, _TARGETS, _RECEIVED = map(operator.attrgetter, ("due", "targets", "received"))
_BOOLEANS = ("false", "true")


def _period_text(period: Any) -> str:
    return _encode_string(str(period))


def _value_text(value: Any) -> str:
    return _encode_string(value_text(value))


def _date_text(day: Any) -> str:
    return _encode_string(day.isoformat())


def _date_or_null(day: Any) -> str:
    return "null" if day is None else _encode_string(day.isoformat())


def _recorded_text(day: Any) -> str:
    return _encode_string(day.isoformat()) if day else "null"


def _assessment_dict(assessment: Assessment) -> dict[str, Any]:
    """:meth:`Assessment.to_dict`, its evidence (:meth:`Observation.to_dict` and whether the
    unit's value was carried forward) as :class:`_Rows`: of the evidence's rows of the log
    where it is an :class:`~policytargets.Evidence` (no observation built), of its
    observations otherwise."""
    reading = assessment.reading
    if (
        reading is None
        or not reading.evidence
        or type(reading) is not Reading
        or type(assessment) is not Assessment
    ):
        return assessment.to_dict()
    carried = frozenset(reading.carried_forward)
    evidence = reading.evidence
    items: Sequence[Any] = evidence
    kind: type = Observation
    fields: Callable[[list[Any]], list[list[Any]]] = _observation_fields
    observations: Callable[[Sequence[Any]], Sequence[Observation]] = tuple
    if type(evidence) is Evidence:
        items, kind, fields = evidence.rows, int, evidence.log._row_fields
        observations = evidence.log.observations

    def columns(
        batch: list[Any], memos: _Memos, nested: Callable[[Any], str]
    ) -> list[Iterable[str]]:
        measures, units, periods, values, sources, recorded = fields(batch)
        return [
            map(_encode_string, measures),
            map(_encode_string, [unit or "" for unit in units] if None in units else units),
            memos("period", _period_text)(periods),
            memos("value", _value_text)(values),
            map(_encode_string, sources),
            memos("recorded", _recorded_text)(recorded),
            map(_BOOLEANS.__getitem__, map(carried.__contains__, units)),
        ]

    def dicts(batch: Sequence[Any]) -> list[dict[str, Any]]:
        cited = attrs.evolve(reading, evidence=tuple(observations(batch)))
        found: list[dict[str, Any]] = attrs.evolve(assessment, reading=cited).to_dict()["evidence"]
        return found

    result = attrs.evolve(assessment, reading=attrs.evolve(reading, evidence=())).to_dict()
    result["evidence"] = _Rows(items, kind, columns, dicts)
    return result


def _observation_fields(batch: list[Any]) -> list[list[Any]]:
    """The measures, units, periods, values, sources and recorded dates of observations."""
    return [list(map(field, batch)) for field in _OBSERVATION_FIELDS]


def _missing_reports(reports: Sequence[MissingReport]) -> _Rows:
    """The missing reports (:meth:`MissingReport.to_dict`) as :class:`_Rows`."""

    def columns(
        batch: list[Any], memos: _Memos, nested: Callable[[Any], str]
    ) -> list[Iterable[str]]:
        return [
            map(_encode_string, map(_UNIT, batch)),
            map(_encode_string, map(_MEASURE, batch)),
            memos("period", _period_text)(list(map(_PERIOD, batch))),
            memos("due", _date_text)(list(map(_DUE, batch))),
            memos("targets", lambda targets: nested(list(targets)))(list(map(_TARGETS, batch))),
            memos("received", _date_or_null)(list(map(_RECEIVED, batch))),
        ]

    def dicts(batch: Sequence[Any]) -> list[dict[str, Any]]:
        return [report.to_dict() for report in batch]

    return _Rows(reports, MissingReport, columns, dicts)


def _streamed(value: Any) -> Any:
    """``value``, or a long list as a :class:`_Lazy` one, written a batch at a time."""
    if value.__class__ is list and len(value) > _BATCH:
        return _Lazy(value, len(value))
    return value


def _holds_streamed(value: Any) -> bool:
    """Whether ``value`` is an object with a list written a batch at a time."""
    return (
        value.__class__ is dict
        and bool(value)
        and any(
            isinstance(v, _Lazy) or (v.__class__ is list and len(v) > _BATCH)
            for v in value.values()
        )
    )


def iter_json(scorecard: Scorecard, *, compact: bool = False) -> Iterator[str]:
    """:func:`render_json`'s text in pieces (one or more per assessment).

    .. versionadded:: 0.2.0
    """
    # The scorecard's dictionary without its two long lists, which are made item by item.
    frame = attrs.evolve(scorecard, assessments=(), missing_reports=()).to_dict()
    frame["summary"] = scorecard.summary
    # One assessment at a time: the largest cite tens of thousands of observations.
    frame["assessments"] = _Lazy(
        map(_assessment_dict, scorecard.assessments), len(scorecard.assessments), batch=1
    )
    frame["missing_reports"] = _missing_reports(scorecard.missing_reports)
    if compact:
        encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
        chunks = _compact(frame, encode)
    else:
        chunks = _Indented().chunks(frame, 0)
    # Bidirectional controls from files are written as escapes: the same data, no spoofing.
    for chunk in chunks:
        yield escape_bidi_controls(chunk)
    yield "\n"


_BATCH = 512  # items of a long list encoded in one call


def _all_scalars(items: Collection[Any]) -> bool:
    """Whether every item is a JSON scalar: their types are looked at in C first (a list of
    40,000 unit ids), item by item only when some type is a subclass."""
    return set(map(type, items)) <= _SCALAR_TYPES or all(isinstance(x, _SCALARS) for x in items)


def _batches(value: _Lazy) -> Iterator[list[Any]]:
    iterator = iter(value.items)
    while batch := list(itertools.islice(iterator, value.batch)):
        yield batch


def _compact(value: Any, encode: Callable[[Any], str]) -> Iterator[str]:
    if isinstance(value, _Rows):
        yield "["
        memos = _Memos()
        for number, batch in enumerate(_batches(value)):
            text = value.encoded(batch, memos, encode, encode, None)
            if text is None:
                text = encode(value.dicts(batch))[1:-1]
            yield ("," if number else "") + text
        yield "]"
    elif isinstance(value, _Lazy):
        yield "["
        for number, batch in enumerate(_batches(value)):
            if not any(map(_holds_streamed, batch)):
                yield ("," if number else "") + encode(batch)[1:-1]
                continue
            for index, item in enumerate(batch):
                yield "," if number or index else ""
                yield from _compact(item, encode)
        yield "]"
    elif _holds_streamed(value):
        yield "{"
        for number, (key, item) in enumerate(value.items()):
            yield ("," if number else "") + encode(str(key)) + ":"
            yield from _compact(_streamed(item), encode)
        yield "}"
    else:
        yield encode(value)


class _Indented:
    """Indented JSON, byte for byte as ``json.dumps(..., indent=2)`` writes it."""

    def __init__(self) -> None:
        self._encoders: dict[int, Callable[[Any], str]] = {}
        self._key = json.JSONEncoder(ensure_ascii=False).encode

    def _flat_encoder(self, depth: int) -> Callable[[Any], str]:
        """The C encoder, with each item of a flat container on its own line at ``depth``."""
        found = self._encoders.get(depth)
        if found is None:
            separator = ",\n" + _INDENT * depth
            found = self._encoders[depth] = json.JSONEncoder(
                ensure_ascii=False, separators=(separator, ": ")
            ).encode
        return found

    def chunks(self, value: Any, depth: int) -> Iterator[str]:
        if isinstance(value, _Rows):
            yield from self._rows(value, depth)
        elif isinstance(value, _Lazy):
            yield from self._lazy(value, depth)
        elif _holds_streamed(value):
            inner = _INDENT * (depth + 1)
            yield "{"
            for number, (key, item) in enumerate(value.items()):
                yield ("," if number else "") + "\n" + inner + self._key(str(key)) + ": "
                yield from self.chunks(_streamed(item), depth + 1)
            yield "\n" + _INDENT * depth + "}"
        else:
            yield self.encode(value, depth)

    def _lazy(self, value: _Lazy, depth: int) -> Iterator[str]:
        if not value.size:
            yield "[]"
            return
        inner = _INDENT * (depth + 1)
        yield "["
        for number, batch in enumerate(_batches(value)):
            text = self._batch(batch, depth)
            if text is not None:
                yield ("," if number else "") + "\n" + text
                continue
            for index, item in enumerate(batch):  # items of other shapes: one at a time
                yield ("," if number or index else "") + "\n" + inner
                yield from self.chunks(item, depth + 1)
        yield "\n" + _INDENT * depth + "]"

    def _rows(self, value: _Rows, depth: int) -> Iterator[str]:
        if not value.size:
            yield "[]"
            return
        inner = _INDENT * (depth + 1)
        memos = _Memos()

        def item(entry: Any) -> str:
            return self.encode(entry, depth + 1)

        def nested(entry: Any) -> str:
            return self.encode(entry, depth + 2)

        yield "["
        for number, batch in enumerate(_batches(value)):
            text = value.encoded(batch, memos, item, nested, depth + 1)
            if text is None:
                text = (",\n" + inner).join(map(item, value.dicts(batch)))
            yield ("," if number else "") + "\n" + inner + text
        yield "\n" + _INDENT * depth + "]"

    def _batch(self, items: list[Any], depth: int) -> str | None:
        """Items of a list at ``depth`` that are objects of scalars and lists of scalars (the
        missing reports), in one call: each distinct list is encoded once and put in place of
        a placeholder. None for items of any other shape."""
        outer = _INDENT * depth
        if (
            set(map(type, items)) == {dict}
            and all(items)
            and set(map(type, itertools.chain.from_iterable(map(dict.values, items))))
            <= _SCALAR_TYPES
        ):  # objects of scalars only (evidence), told apart in C
            return self._flat_objects(items, depth)[2 : -(len(outer) + 2)]
        lists: dict[tuple[Any, ...], str] = {}
        standing = []
        for item in items:
            if item.__class__ is not dict or not item:
                return None
            flat: dict[Any, Any] = {}
            for key, entry in item.items():
                if entry.__class__ is list:
                    if not _all_scalars(entry):
                        return None
                    flat[key] = lists.setdefault(tuple(entry), f"{_PLACEHOLDER}{len(lists)}")
                elif isinstance(entry, _SCALARS):
                    flat[key] = entry
                else:
                    return None
            standing.append(flat)
        text = self._flat_objects(standing, depth)
        placeholders = {_encode_string(token): entry for entry, token in lists.items()}
        if text.count(_encode_string(_PLACEHOLDER)[1:-1]) != sum(
            text.count(token) for token in placeholders
        ):
            return None  # a value holds the placeholder character itself
        for token, entry in placeholders.items():
            text = text.replace(token, self.encode(list(entry), depth + 2))
        return text[2 : -(len(outer) + 2)]  # the items, without the list's brackets

    def encode(self, value: Any, depth: int) -> str:
        """``value`` indented as if it stood at ``depth`` in a larger document."""
        kind = value.__class__
        if kind is str:
            return _encode_string(value)
        if value is None or kind is bool:
            return _LITERALS[value]
        if kind is int:
            return int.__repr__(value)
        if isinstance(value, dict):
            if not value:
                return "{}"
            if _all_scalars(value.values()):
                return self._flat(value, depth, "{", "}")
            if all(
                isinstance(v, _SCALARS) or (v.__class__ is list and _all_scalars(v))
                for v in value.values()
            ):
                return self._flat_with_lists(value, depth)
            inner = _INDENT * (depth + 1)
            items = [
                inner + self._key(str(k)) + ": " + self.encode(v, depth + 1)
                for k, v in value.items()
            ]
            return "{\n" + ",\n".join(items) + "\n" + _INDENT * depth + "}"
        if isinstance(value, list | tuple):
            if not value:
                return "[]"
            if _all_scalars(value):
                return self._flat(value, depth, "[", "]")
            if all(isinstance(v, dict) and v and _all_scalars(v.values()) for v in value):
                return self._flat_objects(value, depth)
            inner = _INDENT * (depth + 1)
            items = [inner + self.encode(v, depth + 1) for v in value]
            return "[\n" + ",\n".join(items) + "\n" + _INDENT * depth + "]"
        return self._key(value)

    def _flat(self, value: Any, depth: int, opening: str, closing: str) -> str:
        inner = _INDENT * (depth + 1)
        text = self._flat_encoder(depth + 1)(value)
        return opening + "\n" + inner + text[1:-1] + "\n" + _INDENT * depth + closing

    def _flat_with_lists(self, value: dict[Any, Any], depth: int) -> str:
        """An object of scalars and lists of scalars (a missing report): each list is encoded
        on its own and put in place of a token, the object in one call."""
        tokens: dict[str, str] = {}
        standing: dict[Any, Any] = {}
        for key, item in value.items():
            if item.__class__ is list:
                token = f"{_PLACEHOLDER}{len(tokens)}"
                tokens[_encode_string(token)] = self.encode(item, depth + 1)
                standing[key] = token
            else:
                standing[key] = item
        text = self._flat(standing, depth, "{", "}")
        if text.count(_encode_string(_PLACEHOLDER)[1:-1]) != len(tokens):  # the token in a value
            inner = _INDENT * (depth + 1)
            items = [
                inner + self._key(str(k)) + ": " + self.encode(v, depth + 1)
                for k, v in value.items()
            ]
            return "{\n" + ",\n".join(items) + "\n" + _INDENT * depth + "}"
        for token, encoded in tokens.items():
            text = text.replace(token, encoded, 1)
        return text

    def _flat_objects(self, value: list[Any] | tuple[Any, ...], depth: int) -> str:
        """A list of flat, non-empty objects: one C call, then the separators indented."""
        outer, inner = _INDENT * (depth + 1), _INDENT * (depth + 2)
        text = self._flat_encoder_marked()(value)[2:-2]  # without the outer '[{' and '}]'
        text = text.replace("}," + _MARK + "{", "\n" + outer + "},\n" + outer + "{\n" + inner)
        text = text.replace("," + _MARK, ",\n" + inner)
        return "[\n" + outer + "{\n" + inner + text + "\n" + outer + "}\n" + _INDENT * depth + "]"

    def _flat_encoder_marked(self) -> Callable[[Any], str]:
        found = self._encoders.get(-1)
        if found is None:
            found = self._encoders[-1] = json.JSONEncoder(
                ensure_ascii=False, separators=("," + _MARK, ": ")
            ).encode
        return found
