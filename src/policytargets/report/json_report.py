"""The ``json`` format: exactly the scorecard's dictionary (the JSON contract).

Indented JSON (two spaces, as :func:`json.dumps` writes with ``indent=2``) is for people;
compact JSON (no white space between tokens) is a third smaller, for programs. Both are
written with the standard library's C encoder: flat objects and lists of flat objects (the
evidence of an assessment, the missing reports) are encoded in one call each and indented
afterwards, so that indentation costs almost nothing. Assessments are encoded one at a time,
and any list longer than a batch (an assessment's 40,000 pieces of evidence) a batch at a
time, so that a national scorecard never exists twice in memory (as objects and as
dictionaries) and no large part of it is held as text.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Collection, Iterable, Iterator
from typing import Any, TextIO

import attrs

from policytargets.assess import Scorecard
from policytargets.report.labels import escape_bidi_controls

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
            v.__class__ is _Lazy or (v.__class__ is list and len(v) > _BATCH)
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
        (a.to_dict() for a in scorecard.assessments), len(scorecard.assessments), batch=1
    )
    frame["missing_reports"] = _Lazy(
        (m.to_dict() for m in scorecard.missing_reports), len(scorecard.missing_reports)
    )
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
    if isinstance(value, _Lazy):
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
        if isinstance(value, _Lazy):
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
