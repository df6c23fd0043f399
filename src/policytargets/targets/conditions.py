"""Per-unit conditions: ``security-level >= 3``, ``mobile = true and fixed = true``.

A share or count target counts the units that meet a condition. By default the condition is
"the measure is true"; a condition may compare a unit's own value (``security-level >= 3``),
the growth of its own series, year over year (``growth(revenue) >= 20%``) or against a fixed
base period (``growth(revenue, 2022) >= 20%``), the ratio of two of its measures
(``digital-value / value-added >= 10%``) or two of its measures with each other
(``trained <= staff``), and combine conditions with ``and``, ``or``, ``not`` and parentheses.
A measure named alone (``mobile and fixed``) means "the measure is true".

The grammar, read by one hand-written tokenizer and a recursive-descent parser in time linear
in the text (``and`` and ``or`` chains are read by loops, only parentheses and ``not`` nest,
and nesting is limited to :data:`MAX_DEPTH` levels)::

    condition  := conjunction ("or" conjunction)*
    conjunction:= negation ("and" negation)*
    negation   := "not" negation | "(" condition ")" | comparison | measure
    comparison := operand comparator operand
    operand    := term ("/" term)?
    term       := number | true | false | measure | "growth(" measure ["," period] ")"

A unit that has not reported what a condition needs neither meets nor fails it, unless the
rest of the condition decides (``false and unknown`` is false, ``true or unknown`` is true).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import NamedTuple, TypeAlias

import attrs

from policytargets.errors import DataError, quoted
from policytargets.observations import Observation, ObservationLog
from policytargets.periods import Period, optional_period
from policytargets.quantities import (
    Comparator,
    Requirement,
    Value,
    exact_text,
    parse_value,
    to_requirement,
)
from policytargets.targets.base import Context, ValueKind, number_of

__all__ = [
    "MAX_DEPTH",
    "AllOf",
    "AnyOf",
    "Comparison",
    "Condition",
    "Constant",
    "Expression",
    "GrowthOf",
    "MeasureValue",
    "Negation",
    "Operand",
    "RatioOf",
    "UnitCheck",
    "UnitChecks",
    "to_condition",
]

MAX_DEPTH = 50
"""How deeply parentheses and ``not`` may nest in a condition."""


@attrs.frozen
class UnitCheck:
    """Whether one unit meets a condition for a period, and on what evidence.

    ``met`` is None when the unit has not reported what the condition needs.

    Attributes:
        met: Whether the unit meets the condition (None: not reported).
        evidence: Every observation the condition read.
        carried_forward: Whether an earlier period's observation stood in.

    .. versionadded:: 0.1.0
    """

    met: bool | None
    evidence: tuple[Observation, ...] = ()
    carried_forward: bool = False


# Operands ---------------------------------------------------------------------------------


@attrs.frozen
class Constant:
    """A value written in a condition: ``3``, ``20%``, ``true``.

    .. versionadded:: 0.2.0
    """

    value: Value
    percent: bool = False

    def __str__(self) -> str:
        if isinstance(self.value, bool):
            return "true" if self.value else "false"
        if self.percent:
            return f"{exact_text(self.value * 100)}%"
        return exact_text(self.value)


@attrs.frozen
class MeasureValue:
    """A unit's own value of a measure for the period.

    .. versionadded:: 0.2.0
    """

    measure: str

    def __str__(self) -> str:
        return self.measure


@attrs.frozen
class GrowthOf:
    """The growth of a unit's series: against the previous period, or a fixed ``base``.

    .. versionadded:: 0.2.0
    """

    measure: str
    base: Period | None = attrs.field(default=None, converter=optional_period)

    def __str__(self) -> str:
        base = f", {self.base}" if self.base is not None else ""
        return f"growth({self.measure}{base})"


@attrs.frozen
class RatioOf:
    """One operand divided by another: ``digital-value / value-added``.

    .. versionadded:: 0.2.0
    """

    numerator: Constant | MeasureValue | GrowthOf
    denominator: Constant | MeasureValue | GrowthOf

    def __str__(self) -> str:
        return f"{self.numerator} / {self.denominator}"


Operand: TypeAlias = Constant | MeasureValue | GrowthOf | RatioOf
"""What a comparison compares: a constant, a measure, a growth or a ratio."""


# Expressions ------------------------------------------------------------------------------


@attrs.frozen
class Comparison:
    """Two operands compared: ``security-level >= 3``, ``trained <= staff``.

    .. versionadded:: 0.2.0
    """

    left: Operand
    comparator: Comparator
    right: Operand

    def __str__(self) -> str:
        return f"{self.left} {self.comparator.value} {self.right}"


@attrs.frozen
class Negation:
    """``not`` a condition.

    .. versionadded:: 0.2.0
    """

    part: Expression

    def __str__(self) -> str:
        inner = str(self.part)
        return f"not {inner}" if isinstance(self.part, Negation) else f"not ({inner})"


@attrs.frozen
class AllOf:
    """Conditions joined by ``and``.

    .. versionadded:: 0.2.0
    """

    parts: tuple[Expression, ...]

    def __str__(self) -> str:
        return " and ".join(f"({p})" if isinstance(p, AnyOf) else str(p) for p in self.parts)


@attrs.frozen
class AnyOf:
    """Conditions joined by ``or``.

    .. versionadded:: 0.2.0
    """

    parts: tuple[Expression, ...]

    def __str__(self) -> str:
        return " or ".join(str(p) for p in self.parts)


Expression: TypeAlias = Comparison | Negation | AllOf | AnyOf
"""A parsed condition."""


# Tokenizer --------------------------------------------------------------------------------

_COMPARATORS = {
    ">=": Comparator.GE,
    "≥": Comparator.GE,
    "<=": Comparator.LE,
    "≤": Comparator.LE,
    "==": Comparator.EQ,
    "=": Comparator.EQ,
    ">": Comparator.GT,
    "<": Comparator.LT,
}
_PUNCTUATION = frozenset("(),/")
_STOPS = frozenset("()<>=≥≤/,") | _PUNCTUATION
_KEYWORDS = frozenset({"and", "or", "not"})


@attrs.frozen
class _Token:
    kind: str  # "word", "comparator", one of "(),/", or "end"
    text: str
    position: int


def _tokens(text: str) -> list[_Token]:
    """Split a condition into tokens in one pass over its characters."""
    tokens: list[_Token] = []
    index, length = 0, len(text)
    while index < length:
        char = text[index]
        if char.isspace():
            index += 1
            continue
        if char in _PUNCTUATION:
            tokens.append(_Token(char, char, index))
            index += 1
            continue
        two = text[index : index + 2]
        if two in _COMPARATORS:
            tokens.append(_Token("comparator", two, index))
            index += 2
            continue
        if char in _COMPARATORS:
            tokens.append(_Token("comparator", char, index))
            index += 1
            continue
        start = index
        digits = True  # so far a whole number, which a decimal comma may continue
        while index < length:
            char = text[index]
            if char.isspace() or char in _STOPS:
                # A decimal comma inside a number ("66,7%") is part of it.
                if (
                    char == ","
                    and digits
                    and index > start
                    and index + 1 < length
                    and text[index + 1].isdigit()
                ):
                    digits = False
                    index += 1
                    continue
                break
            digits = digits and (char.isdigit() or (index == start and char in "+-"))
            index += 1
        if index == start:  # a lone '!' and the like
            index += 1
        tokens.append(_Token("word", text[start:index], start))
    tokens.append(_Token("end", "", length))
    return tokens


# Parser -----------------------------------------------------------------------------------


class _Parser:
    """A recursive-descent parser over the token list; it never backtracks."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokens(text)
        self.index = 0
        self.depth = 0

    def error(self, message: str, token: _Token | None = None) -> ValueError:
        token = token or self.tokens[self.index]
        return ValueError(f"condition: {message} (at character {token.position + 1})")

    @property
    def current(self) -> _Token:
        return self.tokens[self.index]

    def previous_text(self) -> str:
        return self.tokens[self.index - 1].text if self.index else ""

    def take(self) -> _Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def keyword(self, word: str) -> bool:
        token = self.current
        if token.kind == "word" and token.text.casefold() == word:
            self.index += 1
            return True
        return False

    def parse(self) -> Expression:
        if self.current.kind == "end":
            raise self.error("empty: write e.g. 'security-level >= 3'")
        expression = self.disjunction()
        if self.current.kind != "end":
            raise self.error(
                f"expected 'and', 'or' or the end after {quoted(self.previous_text())}"
            )
        return expression

    def disjunction(self) -> Expression:
        parts = [self.conjunction()]
        while self.keyword("or"):
            parts.append(self.conjunction())
        return parts[0] if len(parts) == 1 else AnyOf(tuple(_flatten(parts, AnyOf)))

    def conjunction(self) -> Expression:
        parts = [self.negation()]
        while self.keyword("and"):
            parts.append(self.negation())
        return parts[0] if len(parts) == 1 else AllOf(tuple(_flatten(parts, AllOf)))

    def nested(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.error(f"nested more than {MAX_DEPTH} levels deep")

    def negation(self) -> Expression:
        if self.keyword("not"):
            self.nested()
            part = self.negation()
            self.depth -= 1
            return Negation(part)
        if self.current.kind == "(":
            opening = self.take()
            self.nested()
            inner = self.disjunction()
            self.depth -= 1
            if self.current.kind != ")":
                raise self.error(
                    f"expected ')' to close the '(' at character {opening.position + 1}"
                )
            self.take()
            return inner
        return self.comparison()

    def comparison(self) -> Expression:
        left = self.operand()
        token = self.current
        if token.kind != "comparator":
            if isinstance(left, MeasureValue) and (
                token.kind in {"end", ")"} or token.text.casefold() in {"and", "or"}
            ):
                return Comparison(left, Comparator.EQ, Constant(True))
            raise self.error(f"expected a comparator after {quoted(self.previous_text())}")
        self.take()
        comparator = _COMPARATORS[token.text]
        right = self.operand()
        if isinstance(left, Constant) and isinstance(right, Constant):
            raise self.error("a comparison must read a measure", token)
        for side in (left, right):
            if isinstance(side, Constant) and isinstance(side.value, bool):
                other = right if side is left else left
                if comparator is not Comparator.EQ:
                    raise self.error(
                        f"a yes/no value takes '=', not {quoted(comparator.value)}", token
                    )
                if not isinstance(other, MeasureValue):
                    raise self.error(f"{other} is a number, not a yes/no fact", token)
        return Comparison(left, comparator, right)

    def operand(self) -> Operand:
        top = self.term()
        if self.current.kind != "/":
            return top
        slash = self.take()
        bottom = self.term()
        if isinstance(top, Constant) and isinstance(bottom, Constant):
            if isinstance(top.value, bool) or isinstance(bottom.value, bool):
                raise self.error("yes/no values cannot be divided", slash)
            if bottom.value == 0:
                raise self.error("division by zero", slash)
            if bottom.percent:  # "100/3%" is (100/3)%
                return Constant(top.value / (bottom.value * 100) / 100, percent=True)
            return Constant(top.value / bottom.value, percent=top.percent)
        for part in (top, bottom):
            if isinstance(part, Constant) and isinstance(part.value, bool):
                raise self.error("yes/no values cannot be divided", slash)
        return RatioOf(top, bottom)

    def term(self) -> Constant | MeasureValue | GrowthOf:
        token = self.current
        if token.kind != "word" or token.text.casefold() in _KEYWORDS:
            after = self.previous_text()
            where = f" after {quoted(after)}" if after else ""
            found = "the end" if token.kind == "end" else quoted(token.text)
            raise self.error(f"expected a measure or a value{where}, found {found}")
        self.take()
        first = token.text[0]
        if first.isdigit() or first in "+-.":
            try:
                return Constant(parse_value(token.text), percent=token.text.endswith("%"))
            except ValueError as error:
                raise self.error(str(error), token) from None
        if token.text.casefold() in {"true", "false"}:
            return Constant(token.text.casefold() == "true")
        if token.text == "growth" and self.current.kind == "(":
            return self.growth()
        return MeasureValue(token.text)

    def growth(self) -> GrowthOf:
        self.take()  # "("
        measure = self.current
        if measure.kind != "word":
            raise self.error("expected a measure after 'growth('")
        self.take()
        base: Period | None = None
        if self.current.kind == ",":
            self.take()
            period = self.current
            if period.kind != "word":
                raise self.error("expected a base period after ','")
            self.take()
            try:
                base = Period.parse(period.text)
            except ValueError as error:
                raise self.error(str(error), period) from None
        if self.current.kind != ")":
            raise self.error(f"expected ')' after {quoted(self.previous_text())}")
        self.take()
        return GrowthOf(measure.text, base)


def _flatten(parts: list[Expression], kind: type[AllOf] | type[AnyOf]) -> Iterator[Expression]:
    for part in parts:
        if isinstance(part, kind):
            yield from part.parts
        else:
            yield part


# Kinds of the measures a condition reads -------------------------------------------------


def _operand_measures(operand: Operand) -> Iterator[tuple[str, ValueKind | None]]:
    """Each measure an operand reads, with the kind it needs (None: as compared)."""
    match operand:
        case MeasureValue(measure):
            yield measure, None
        case GrowthOf(measure):
            yield measure, "number"
        case RatioOf(top, bottom):
            for part in (top, bottom):
                for measure, _ in _operand_measures(part):
                    yield measure, "number"
        case Constant():
            return


def _expression_measures(expression: Expression) -> Iterator[tuple[str, ValueKind]]:
    stack: list[Expression] = [expression]
    while stack:
        node = stack.pop()
        match node:
            case AllOf(parts) | AnyOf(parts):
                stack.extend(reversed(parts))
            case Negation(part):
                stack.append(part)
            case Comparison(left, _, right):
                boolean = any(
                    isinstance(side, Constant) and isinstance(side.value, bool)
                    for side in (left, right)
                )
                for side in (left, right):
                    for measure, kind in _operand_measures(side):
                        yield measure, kind or ("boolean" if boolean else "number")


def _measure_kinds(expression: Expression) -> dict[str, ValueKind]:
    kinds: dict[str, ValueKind] = {}
    for measure, kind in _expression_measures(expression):
        if kinds.setdefault(measure, kind) != kind:
            raise ValueError(
                f"condition: {quoted(measure)} is read both as a number and as a yes/no fact"
            )
    return kinds


# Evaluation -------------------------------------------------------------------------------
#
# A condition is evaluated for many units at once, part by part: each operand gives every
# unit's value (None: not reported) and the rows of the log it read, in lists aligned with
# the units, so that a share over 40,000 units costs a few passes over lists and an
# Observation is built only for what the evidence cites.


class _Operand(NamedTuple):
    """One operand for every unit: its values, the rows it read, whether any was carried."""

    values: list[Value | None]
    reads: tuple[list[int | None], ...]  # one list of rows (None: nothing) per read
    carried: list[bool] | None  # None: no unit's value was carried forward


class _Outcome(NamedTuple):
    """One expression for every unit: whether each meets it (None: not reported)."""

    met: list[bool | None]
    reads: tuple[list[int | None], ...]
    carried: list[bool] | None


def _either(first: list[bool] | None, second: list[bool] | None) -> list[bool] | None:
    if first is None or second is None:
        return first if second is None else second
    return [a or b for a, b in zip(first, second, strict=True)]


def _operand(
    operand: Operand,
    units: Sequence[str],
    period: Period,
    context: Context,
    carry_forward: bool,
) -> _Operand:
    log = context.log
    match operand:
        case Constant(value):
            return _Operand([value] * len(units), (), None)
        case MeasureValue(measure):
            rows = context.rows(measure, period, units)
            carried: list[bool] | None = None
            if carry_forward and None in rows:
                day = period.start.fromordinal(period.start.toordinal() - 1)
                carried = [False] * len(units)
                for index, row in enumerate(rows):
                    if row is None:
                        earlier = context.latest_row(measure, units[index], day)
                        if earlier is not None:
                            rows[index] = earlier
                            carried[index] = True
            return _Operand(log.values(rows), (rows,), carried)
        case GrowthOf(measure, base):
            then = context.rows(measure, base or period.previous(), units)
            now = context.rows(measure, period, units)
            values = [
                _growth(log, *pair)
                for pair in zip(then, now, log.values(then), log.values(now), strict=True)
            ]
            return _Operand(values, (then, now), None)
        case RatioOf(top, bottom):
            above = _operand(top, units, period, context, carry_forward)
            below = _operand(bottom, units, period, context, carry_forward)
            values = [_ratio(a, b) for a, b in zip(above.values, below.values, strict=True)]
            return _Operand(
                values, (*above.reads, *below.reads), _either(above.carried, below.carried)
            )
    raise TypeError(operand)  # pragma: no cover - the match is exhaustive


def _growth(
    log: ObservationLog,
    then: int | None,
    now: int | None,
    before: Value | None,
    after: Value | None,
) -> Value | None:
    if then is None or now is None or before is None or after is None:
        return None
    # A yes/no fact where a number is needed is refused, naming the observation.
    start = number_of(log.observation(then)) if isinstance(before, bool) else before
    end = number_of(log.observation(now)) if isinstance(after, bool) else after
    if start <= 0:
        # Growth from zero or a negative value is not defined: the unit cannot count.
        return False
    return end / start - 1


def _ratio(above: Value | None, below: Value | None) -> Value | None:
    if isinstance(above, bool) or isinstance(below, bool):
        return False  # an undefined growth inside
    if above is None or below is None:
        return None
    if below == 0:
        return False  # undefined: the unit cannot count
    return above / below


def _compare(
    numeric: bool, comparator: Comparator, left: Value | None, right: Value | None
) -> bool | None:
    if left is None or right is None:
        return None
    if isinstance(left, bool) or isinstance(right, bool):
        if numeric:
            return False  # an undefined growth or ratio never counts
        both = isinstance(left, bool) and isinstance(right, bool)
        return both and comparator is Comparator.EQ and left == right
    return comparator.holds(left, right)


def _comparison(
    comparison: Comparison, left: list[Value | None], right: list[Value | None]
) -> list[bool | None]:
    comparator = comparison.comparator
    simple = isinstance(comparison.left, MeasureValue | Constant) and isinstance(
        comparison.right, MeasureValue | Constant
    )
    wanted = comparison.right
    if (
        simple
        and comparator is Comparator.EQ
        and isinstance(wanted, Constant)
        and isinstance(wanted.value, bool)
    ):
        # "measure = true", the usual condition: only the same yes/no value meets it.
        value = wanted.value
        return [None if v is None else v is value for v in left]
    numeric = not simple
    return [_compare(numeric, comparator, a, b) for a, b in zip(left, right, strict=True)]


def _expression(
    expression: Expression,
    units: Sequence[str],
    period: Period,
    context: Context,
    carry_forward: bool,
) -> _Outcome:
    match expression:
        case Comparison(left, _, right):
            a = _operand(left, units, period, context, carry_forward)
            b = _operand(right, units, period, context, carry_forward)
            met = _comparison(expression, a.values, b.values)
            return _Outcome(met, (*a.reads, *b.reads), _either(a.carried, b.carried))
        case Negation(part):
            inner = _expression(part, units, period, context, carry_forward)
            return _Outcome([None if m is None else not m for m in inner.met], *inner[1:])
        case AllOf(parts) | AnyOf(parts):
            # Every part is read, so that the evidence lists every observation.
            outcomes = [_expression(p, units, period, context, carry_forward) for p in parts]
            decisive = isinstance(expression, AnyOf)  # True decides "or", False decides "and"
            met = [
                _junction(values, decisive)
                for values in zip(*(o.met for o in outcomes), strict=True)
            ]
            carried: list[bool] | None = None
            for outcome in outcomes:
                carried = _either(carried, outcome.carried)
            return _Outcome(met, tuple(r for o in outcomes for r in o.reads), carried)
    raise TypeError(expression)  # pragma: no cover - the match is exhaustive


def _junction(values: tuple[bool | None, ...], decisive: bool) -> bool | None:
    if decisive in values:
        return decisive
    return None if None in values else not decisive


def _has_junction(expression: Expression) -> bool:
    """Whether ``and`` or ``or`` appears (they list each observation once per unit)."""
    while isinstance(expression, Negation):
        expression = expression.part
    return isinstance(expression, AllOf | AnyOf)


@attrs.frozen
class UnitChecks:
    """Whether each of many units meets a condition for a period, and on what evidence.

    What :meth:`~policytargets.Condition.check_units` returns: lists aligned with the units
    asked about, and the rows of the log the condition read, so that no
    :class:`~policytargets.Observation` is built until the evidence is asked for
    (:meth:`evidence_rows` and :meth:`~policytargets.ObservationLog.observation`).

    Attributes:
        met: For each unit, whether it meets the condition (None: not reported).
        carried_forward: For each unit, whether an earlier period's observation stood in.
        reads: The rows each read of the condition found, one list per read, aligned with the
            units (None where it found nothing).
        merged: Whether a unit's evidence lists each observation once (a condition with
            ``and`` or ``or``), as :meth:`~policytargets.Condition.check` does.

    .. versionadded:: 0.2.0
    """

    met: list[bool | None]
    carried_forward: list[bool]
    reads: tuple[list[int | None], ...]
    merged: bool

    def evidence_rows(self) -> list[int]:
        """The rows every unit read, unit after unit in order: the evidence of a share."""
        reads = self.reads
        if len(reads) == 1:
            return [row for row in reads[0] if row is not None]
        if not self.merged:
            return [row for rows in zip(*reads, strict=True) for row in rows if row is not None]
        found: list[int] = []
        for rows in zip(*reads, strict=True):
            found.extend(dict.fromkeys(row for row in rows if row is not None))
        return found


# The public face --------------------------------------------------------------------------


@attrs.frozen
class Condition:
    """What a unit must satisfy to count towards a share or a count.

    The simple form compares one measure with a value (``Condition("security-level",
    ">= 3")``); :meth:`parse` reads any condition, and keeps the simple form when the text is
    one.

    >>> Condition.parse("mobile = true and (fixed = true or fixed-speed >= 30)").measures()
    {'mobile': 'boolean', 'fixed': 'boolean', 'fixed-speed': 'number'}

    Attributes:
        measure: The per-unit measure the simple form reads (None for a compound condition).
        require: The requirement on the unit's value (default ``= true``).
        growth: Compare the growth of the unit's series instead of its value.
        base: With ``growth``: a fixed base period (default: the previous period).
        expression: A compound condition (``and``, ``or``, ``not``, ratios, two measures
            compared), as :meth:`parse` reads it.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       Compound conditions (``expression``); ``measure`` is None for them.
    """

    measure: str | None = None
    require: Requirement = attrs.field(
        default=Requirement(Comparator.EQ, True), converter=to_requirement
    )
    growth: bool = False
    base: Period | None = attrs.field(default=None, converter=optional_period)
    expression: Expression | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if (self.measure is None) == (self.expression is None):
            raise ValueError("a condition is a 'measure' and a requirement, or an 'expression'")
        if self.expression is not None:
            _measure_kinds(self.expression)

    @classmethod
    def parse(cls, text: str) -> Condition:
        """Read a condition such as ``"security-level >= 3"``, ``"growth(revenue) >= 20%"``,
        ``"mobile = true and fixed = true"`` or ``"digital-value / value-added >= 10%"``.

        Raises:
            ValueError: The text is not a condition; the message says where and why
                ("condition: expected a comparator after 'mobile' (at character 8)"), or a
                measure is read both as a number and as a yes/no fact.

        .. versionchanged:: 0.2.0
           ``and``, ``or``, ``not``, parentheses, ratios and comparisons of two measures.
        """
        expression = _Parser(text).parse()
        if isinstance(expression, Comparison) and isinstance(expression.right, Constant):
            left, right = expression.left, expression.right
            requirement = Requirement(expression.comparator, right.value, right.percent)
            if isinstance(left, MeasureValue):
                return cls(left.measure, requirement)
            if isinstance(left, GrowthOf):
                return cls(left.measure, requirement, growth=True, base=left.base)
        return cls(expression=expression)

    @property
    def tree(self) -> Expression:
        """The condition as an expression, whichever form it was given in.

        .. versionadded:: 0.2.0
        """
        if self.expression is not None:
            return self.expression
        assert self.measure is not None  # noqa: S101 - guaranteed by __attrs_post_init__
        left: Operand = (
            GrowthOf(self.measure, self.base) if self.growth else MeasureValue(self.measure)
        )
        right = Constant(self.require.value, self.require.percent)
        return Comparison(left, self.require.comparator, right)

    @property
    def is_default(self) -> bool:
        """Whether this is plain "the measure is true"."""
        return (
            self.expression is None
            and not self.growth
            and self.require == Requirement(Comparator.EQ, True)
        )

    @property
    def value_kind(self) -> str:
        """Whether the simple form's measure must hold a ``"number"`` or a ``"boolean"``
        (compound conditions: see :meth:`measures`)."""
        return "number" if self.growth or not self.require.is_boolean else "boolean"

    def measures(self) -> dict[str, ValueKind]:
        """Every measure the condition reads, with the kind of value it must hold.

        .. versionadded:: 0.2.0
        """
        return _measure_kinds(self.tree)

    @property
    def label(self) -> str:
        """The measures it reads, for sentences ("no unit reported mobile, fixed").

        .. versionadded:: 0.2.0
        """
        return ", ".join(self.measures())

    def check(
        self, unit: str, period: Period, context: Context, *, carry_forward: bool = False
    ) -> UnitCheck:
        """Whether ``unit`` meets the condition for ``period``, and every observation read."""
        checks = self.check_units([unit], period, context, carry_forward=carry_forward)
        evidence = context.log.observations(checks.evidence_rows())
        return UnitCheck(checks.met[0], evidence, checks.carried_forward[0])

    def check_units(
        self,
        units: Sequence[str],
        period: Period,
        context: Context,
        *,
        carry_forward: bool = False,
    ) -> UnitChecks:
        """Whether each of ``units`` meets the condition for ``period``, as :meth:`check`
        says for each, read for all of them at once.

        Raises:
            DataError: A value the condition reads as a number is a yes/no fact; the first
                such value, unit by unit in order, is named.

        .. versionadded:: 0.2.0
        """
        try:
            outcome = _expression(self.tree, units, period, context, carry_forward)
        except DataError:
            if len(units) > 1:  # name the value that a unit-by-unit reading meets first
                for unit in units:
                    self.check_units([unit], period, context, carry_forward=carry_forward)
            raise
        carried = outcome.carried or [False] * len(units)
        return UnitChecks(outcome.met, carried, outcome.reads, _has_junction(self.tree))

    def __str__(self) -> str:
        return str(self.tree)


def to_condition(value: Condition | str | None) -> Condition | None:
    """A condition, parsed from text when needed (for converters).

    .. versionadded:: 0.2.0
    """
    return Condition.parse(value) if isinstance(value, str) else value
