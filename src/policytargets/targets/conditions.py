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

from collections.abc import Iterator
from typing import TypeAlias

import attrs

from policytargets.observations import Observation
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


@attrs.frozen
class _Read:
    """One operand's value for one unit (None: not reported), with what it read."""

    value: Value | None
    evidence: tuple[Observation, ...] = ()
    carried: bool = False


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


def _shown(text: str) -> str:
    """A token as quoted in a message (a long one is cut)."""
    return text if len(text) <= 40 else f"{text[:37]}..."


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
        return _shown(self.tokens[self.index - 1].text) if self.index else ""

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
            raise self.error(f"expected 'and', 'or' or the end after {self.previous_text()!r}")
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
            raise self.error(f"expected a comparator after {self.previous_text()!r}")
        self.take()
        comparator = _COMPARATORS[token.text]
        right = self.operand()
        if isinstance(left, Constant) and isinstance(right, Constant):
            raise self.error("a comparison must read a measure", token)
        for side in (left, right):
            if isinstance(side, Constant) and isinstance(side.value, bool):
                other = right if side is left else left
                if comparator is not Comparator.EQ:
                    raise self.error(f"a yes/no value takes '=', not {comparator.value!r}", token)
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
            where = f" after {after!r}" if after else ""
            found = "the end" if token.kind == "end" else repr(_shown(token.text))
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
            raise self.error(f"expected ')' after {self.previous_text()!r}")
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
                f"condition: {measure!r} is read both as a number and as a yes/no fact"
            )
    return kinds


# Evaluation -------------------------------------------------------------------------------


def _value(
    operand: Operand,
    unit: str,
    period: Period,
    context: Context,
    carry_forward: bool,
) -> _Read:
    match operand:
        case Constant(value):
            return _Read(value)
        case MeasureValue(measure):
            observation = context.observation(measure, unit, period)
            carried = False
            if observation is None and carry_forward:
                day = period.start.fromordinal(period.start.toordinal() - 1)
                observation = context.latest_state(measure, unit, day)
                carried = observation is not None
            if observation is None:
                return _Read(None)
            return _Read(observation.value, (observation,), carried)
        case GrowthOf(measure, base):
            compared = base or period.previous()
            then = context.observation(measure, unit, compared)
            now = context.observation(measure, unit, period)
            evidence = tuple(o for o in (then, now) if o is not None)
            if then is None or now is None:
                return _Read(None, evidence)
            before, after = number_of(then), number_of(now)
            if before <= 0:
                # Growth from zero or a negative value is not defined: the unit cannot count.
                return _Read(False, evidence)
            return _Read(after / before - 1, evidence)
        case RatioOf(top, bottom):
            above = _value(top, unit, period, context, carry_forward)
            below = _value(bottom, unit, period, context, carry_forward)
            evidence = (*above.evidence, *below.evidence)
            carried = above.carried or below.carried
            if isinstance(above.value, bool) or isinstance(below.value, bool):
                return _Read(False, evidence, carried)  # an undefined growth inside
            if above.value is None or below.value is None:
                return _Read(None, evidence, carried)
            if below.value == 0:
                return _Read(False, evidence, carried)  # undefined: the unit cannot count
            return _Read(above.value / below.value, evidence, carried)
    raise TypeError(operand)  # pragma: no cover - the match is exhaustive


def _compare(comparison: Comparison, left: _Read, right: _Read) -> bool | None:
    if left.value is None or right.value is None:
        return None
    numeric = not isinstance(comparison.left, MeasureValue | Constant) or not isinstance(
        comparison.right, MeasureValue | Constant
    )
    if numeric and (isinstance(left.value, bool) or isinstance(right.value, bool)):
        return False  # an undefined growth or ratio never counts
    if isinstance(left.value, bool) or isinstance(right.value, bool):
        both = isinstance(left.value, bool) and isinstance(right.value, bool)
        return both and comparison.comparator is Comparator.EQ and left.value == right.value
    return comparison.comparator.holds(left.value, right.value)


@attrs.frozen
class _Outcome:
    met: bool | None
    evidence: tuple[Observation, ...]
    carried: bool


def _evaluate(
    expression: Expression, unit: str, period: Period, context: Context, carry_forward: bool
) -> _Outcome:
    match expression:
        case Comparison(left, _, right):
            a = _value(left, unit, period, context, carry_forward)
            b = _value(right, unit, period, context, carry_forward)
            return _Outcome(
                _compare(expression, a, b), (*a.evidence, *b.evidence), a.carried or b.carried
            )
        case Negation(part):
            inner = _evaluate(part, unit, period, context, carry_forward)
            flipped = None if inner.met is None else not inner.met
            return _Outcome(flipped, inner.evidence, inner.carried)
        case AllOf(parts) | AnyOf(parts):
            # Every part is read, so that the evidence lists every observation.
            outcomes = [_evaluate(p, unit, period, context, carry_forward) for p in parts]
            values = [o.met for o in outcomes]
            decisive = isinstance(expression, AnyOf)  # True decides "or", False decides "and"
            if decisive in values:
                met: bool | None = decisive
            elif None in values:
                met = None
            else:
                met = not decisive
            evidence = tuple(dict.fromkeys(o for out in outcomes for o in out.evidence))
            return _Outcome(met, evidence, any(o.carried for o in outcomes))
    raise TypeError(expression)  # pragma: no cover - the match is exhaustive


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
        outcome = _evaluate(self.tree, unit, period, context, carry_forward)
        return UnitCheck(outcome.met, outcome.evidence, outcome.carried)

    def __str__(self) -> str:
        return str(self.tree)


def to_condition(value: Condition | str | None) -> Condition | None:
    """A condition, parsed from text when needed (for converters).

    .. versionadded:: 0.2.0
    """
    return Condition.parse(value) if isinstance(value, str) else value
