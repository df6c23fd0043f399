"""Exact values and requirements: reading ``"70%"``, ``"2/3"``, ``"> 60%"``; formatting them.

Every number is a :class:`fractions.Fraction`, so that 7 of 10 meets 70% and 2 of 3 meets
``"2/3"`` with no floating-point doubt. A decimal is read exactly from its text (``0.1`` is
``1/10``). Both ``.`` and the Vietnamese ``,`` are decimal separators and there are **no
thousands separators**: ``"1.250"`` and ``"1,25"`` both mean one and a quarter, and a value
with more than one separator (``"1.250.000"``) is rejected, so that a count written the
Vietnamese way is never silently read as a small decimal. Write counts without separators
(``1250000``).
"""

from __future__ import annotations

import enum
import math
import re
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from typing import Literal, TypeAlias

import attrs

__all__ = [
    "Comparator",
    "Lang",
    "Requirement",
    "Value",
    "exact_text",
    "format_number",
    "format_percent",
    "format_value",
    "parse_number",
    "parse_value",
    "to_requirement",
    "to_value",
    "value_text",
]

Value: TypeAlias = Fraction | bool
"""A measured or required value, which is an exact number or a yes/no fact."""

Lang: TypeAlias = Literal["vi", "en"]
"""A report language, Vietnamese (``"vi"``) or English (``"en"``)."""

_NUMBER = re.compile(
    r"""^(?P<sign>[+-])?
        (?:
          (?P<num>\d+)\s*/\s*(?P<den>\d+)           # a fraction: 2/3
        | (?P<int>\d+)(?:[.,](?P<frac>\d+))?        # an integer or a decimal: 66,7
        | [.,](?P<lead>\d+)                         # a decimal without integer part: .5
        )
        \s*(?P<pct>%)?$""",
    re.VERBOSE,
)


def parse_number(text: str) -> Fraction:
    """Read a number exactly from its text.

    Accepted forms: integers (``18250``), decimals with ``.`` or ``,`` (``0.4``, ``66,7``),
    fractions (``2/3``) and percentages of any of them (``70%``, ``66,7%``, ``1/3%``).

    Args:
        text: The text to read; surrounding white space is ignored.

    Returns:
        The exact value (``"70%"`` gives ``Fraction(7, 10)``).

    Raises:
        ValueError: The text is not a number in an accepted form. The message says why.

    >>> parse_number("66,7%")
    Fraction(667, 1000)
    >>> parse_number("2/3")
    Fraction(2, 3)

    .. versionadded:: 0.1.0
    """
    stripped = text.strip()
    match = _NUMBER.match(stripped)
    if match is None:
        if stripped.count(".") + stripped.count(",") > 1 and re.fullmatch(
            r"[+-]?[\d.,]+%?", stripped
        ):
            raise ValueError(
                f"{text!r} has more than one separator; thousands separators are not "
                "accepted ('.' and ',' are both decimal separators): write the number "
                "without them"
            )
        raise ValueError(f"{text!r} is not a number (expected e.g. 70%, 66,7%, 2/3, 0.4, 18250)")
    if match["num"] is not None:
        den = int(match["den"])
        if den == 0:
            raise ValueError(f"{text!r} divides by zero")
        value = Fraction(int(match["num"]), den)
    elif match["int"] is not None:
        frac = match["frac"] or ""
        value = Fraction(int(match["int"] + frac), 10 ** len(frac))
    else:
        lead = match["lead"]
        value = Fraction(int(lead), 10 ** len(lead))
    if match["sign"] == "-":
        value = -value
    if match["pct"]:
        value /= 100
    return value


_TRUE = frozenset({"true", "yes", "có", "đúng", "đạt"})
_FALSE = frozenset({"false", "no", "không", "sai", "chưa"})


def parse_value(text: str) -> Value:
    """Read a value: ``true``/``false`` (also Vietnamese ``có``/``không``) or an exact number.

    Raises:
        ValueError: The text is neither a yes/no word nor a number.

    >>> parse_value("true"), parse_value("0,5")
    (True, Fraction(1, 2))

    .. versionadded:: 0.1.0
    """
    word = text.strip().casefold()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    return parse_number(text)


def to_value(value: Value | int | float | Decimal | str) -> Value:
    """A value from Python: ``True``, ``7``, ``Decimal("0.7")``, ``0.7`` or text ``"70%"``.

    A float is read from its shortest decimal text (``0.1`` is exactly 1/10), which is what
    was written in the source; NaN and infinities are rejected.

    Raises:
        ValueError: The value is not a yes/no fact or a finite number.

    .. versionadded:: 0.1.0
    """
    if isinstance(value, bool | Fraction):
        return value
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float | Decimal):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} is not a finite number")
        return Fraction(repr(value)) if isinstance(value, float) else Fraction(value)
    if isinstance(value, str):
        return parse_value(value)
    raise ValueError(f"{value!r} is not a value (expected a number, true/false or text)")


def value_text(value: Value) -> str:
    """The exact text of a value, as used in JSON: ``"7/10"``, ``"1"``, ``"true"``.

    Any tool can read it back exactly (``Fraction("7/10")``).

    .. versionadded:: 0.1.0
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class Comparator(enum.Enum):
    """How a value is compared with a required value.

    .. versionadded:: 0.1.0
    """

    GE = ">="
    GT = ">"
    LE = "<="
    LT = "<"
    EQ = "="

    def holds(self, actual: Fraction, required: Fraction) -> bool:
        """Whether ``actual`` stands in this relation to ``required``."""
        match self:
            case Comparator.GE:
                return actual >= required
            case Comparator.GT:
                return actual > required
            case Comparator.LE:
                return actual <= required
            case Comparator.LT:
                return actual < required
            case Comparator.EQ:
                return actual == required


_COMPARATOR_ALIASES = {"≥": ">=", "≤": "<=", "==": "="}
_REQUIREMENT = re.compile(r"^\s*(?P<op>>=|<=|==|≥|≤|>|<|=)\s*(?P<value>\S.*?)\s*$")


@attrs.frozen
class Requirement:
    """A comparator and a required value: ``>= 70%``, ``> 60%``, ``= true``.

    Attributes:
        comparator: How the actual value is compared.
        value: The required value (a number, or ``True``/``False`` for a yes/no fact).
        percent: Whether the value was written as a percentage (for display only).

    .. versionadded:: 0.1.0
    """

    comparator: Comparator
    value: Value
    percent: bool = False

    @classmethod
    def parse(cls, text: str) -> Requirement:
        """Read a requirement such as ``">= 70%"``, ``"> 60%"``, ``"= true"``, ``"<= 2/3"``.

        Raises:
            ValueError: The text has no comparator, or its value is not a number or a yes/no
                word, or a yes/no value is used with an order comparator.

        >>> Requirement.parse("> 60%")
        Requirement(comparator=<Comparator.GT: '>'>, value=Fraction(3, 5), percent=True)
        """
        match = _REQUIREMENT.match(text)
        if match is None:
            raise ValueError(
                f"{text!r} is not a requirement: write a comparator (>=, >, <=, <, =) and a "
                "value, e.g. '>= 70%' or '= true'"
            )
        op = _COMPARATOR_ALIASES.get(match["op"], match["op"])
        raw = match["value"]
        try:
            value = parse_value(raw)
        except ValueError as error:
            raise ValueError(f"{text!r}: {error}") from None
        comparator = Comparator(op)
        if isinstance(value, bool) and comparator is not Comparator.EQ:
            raise ValueError(f"{text!r}: a yes/no requirement takes '=', not {op!r}")
        return cls(comparator, value, percent=raw.rstrip().endswith("%"))

    @property
    def is_boolean(self) -> bool:
        """Whether this requires a yes/no fact rather than a number."""
        return isinstance(self.value, bool)

    def is_met(self, actual: Value) -> bool:
        """Whether ``actual`` meets this requirement.

        Raises:
            TypeError: A number is compared with a yes/no requirement or the reverse; plan
                validation makes this impossible for targets.
        """
        if isinstance(self.value, bool) or isinstance(actual, bool):
            if isinstance(self.value, bool) and isinstance(actual, bool):
                return actual == self.value
            raise TypeError(f"cannot compare {actual!r} with requirement {self}")
        return self.comparator.holds(actual, self.value)

    def with_value(self, value: Value) -> Requirement:
        """The same comparator applied to another value (an interpolated expectation)."""
        return attrs.evolve(self, value=value)

    def required_units(self, population: int) -> int | None:
        """The smallest number of units out of ``population`` that meets this share requirement.

        ``>= 70%`` of 10 is 7, of 3 is 3; ``> 60%`` of 3 is 2; ``>= 2/3`` of 3 is 2. For
        ``<=`` and ``<`` the smallest count is 0 when 0 meets; for ``=`` it is the one count
        that meets, if any. Returns None when no count from 0 to ``population`` meets.

        .. versionadded:: 0.1.0
        """
        if isinstance(self.value, bool) or population < 0:
            return None
        if population == 0:
            return None
        scaled = self.value * population
        match self.comparator:
            case Comparator.GE:
                count = max(0, math.ceil(scaled))
            case Comparator.GT:
                count = max(0, math.floor(scaled) + 1)
            case Comparator.EQ:
                count = int(scaled) if scaled.denominator == 1 else population + 1
            case Comparator.LE | Comparator.LT:
                count = 0
        if count > population or not self.is_met(Fraction(count, population)):
            return None
        return count

    def __str__(self) -> str:
        if isinstance(self.value, bool):
            shown = value_text(self.value)
        elif self.percent:
            shown = f"{exact_text(self.value * 100)}%"
        else:
            shown = exact_text(self.value)
        return f"{self.comparator.value} {shown}"


def to_requirement(value: Requirement | str) -> Requirement:
    """A requirement, parsed from text when needed (for converters).

    .. versionadded:: 0.1.0
    """
    return value if isinstance(value, Requirement) else Requirement.parse(value)


def exact_text(value: Fraction) -> str:
    """Exact, short text for a number: ``70``, ``0.4``, ``-0.125``, ``2/3``.

    A terminating decimal is written as one, however long; any other number as a fraction.
    :func:`policytargets.parse_number` reads it back exactly.

    >>> exact_text(Fraction(7, 10)), exact_text(Fraction(-1, 8)), exact_text(Fraction(2, 3))
    ('0.7', '-0.125', '2/3')

    .. versionadded:: 0.1.0
    """
    if value.denominator == 1:
        return str(value.numerator)
    rest, twos, fives = value.denominator, 0, 0
    while rest % 2 == 0:
        rest, twos = rest // 2, twos + 1
    while rest % 5 == 0:
        rest, fives = rest // 5, fives + 1
    if rest != 1:
        return f"{value.numerator}/{value.denominator}"
    places = max(twos, fives)
    digits = str(abs((value * 10**places).numerator)).rjust(places + 1, "0")
    sign = "-" if value < 0 else ""
    return f"{sign}{digits[:-places]}.{digits[-places:]}"


def _round(value: Fraction, digits: int) -> Decimal:
    quantum = Decimal(1).scaleb(-digits)
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(quantum, rounding=ROUND_HALF_EVEN)


_SWAP_SEPARATORS = str.maketrans(",.", ".,")


def _separators(text: str, lang: Lang) -> str:
    # Rendered with English separators first, then swapped for Vietnamese ("18.250,5").
    if lang == "vi":
        return text.translate(_SWAP_SEPARATORS)
    return text


def format_number(value: Fraction, lang: Lang = "en", *, digits: int = 2) -> str:
    """Render a number for people: thousands grouped, at most ``digits`` decimals.

    >>> format_number(Fraction(18250), "vi"), format_number(Fraction(5, 4), "en")
    ('18.250', '1.25')

    .. versionadded:: 0.1.0
    """
    rounded = _round(value, digits).normalize()
    text = f"{rounded:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return _separators(text, lang)


def format_percent(value: Fraction, lang: Lang = "en", *, digits: int = 1) -> str:
    """Render a share as a percentage: vi ``66,7%``, en ``66.7%``.

    >>> format_percent(Fraction(2, 3), "vi"), format_percent(Fraction(7, 10), "en")
    ('66,7%', '70%')

    .. versionadded:: 0.1.0
    """
    return format_number(value * 100, lang, digits=digits) + "%"


_BOOL_TEXT: dict[Lang, tuple[str, str]] = {"vi": ("có", "không"), "en": ("yes", "no")}


def format_value(value: Value | None, lang: Lang = "en", *, percent: bool = False) -> str:
    """Render any value for people; ``None`` (no data) is a dash.

    .. versionadded:: 0.1.0
    """
    if value is None:
        return "—"
    if isinstance(value, bool):
        yes, no = _BOOL_TEXT[lang]
        return yes if value else no
    return format_percent(value, lang) if percent else format_number(value, lang)
