"""Exact values and requirements: reading ``"70%"``, ``"2/3"``, ``"> 60%"``; formatting them.

Every number is a :class:`fractions.Fraction`, so that 7 of 10 meets 70% and 2 of 3 meets
``"2/3"`` with no floating-point doubt. A decimal is read exactly from its text (``0.1`` is
``1/10``). A number is never misread:

- In data files (:func:`parse_data_number`), ``1250``, ``1250,5``, ``1250.5``, ``0,125`` and
  ``66,7%`` read as written; with both separators the last is the decimal one
  (``1.250,5`` and ``1,250.5`` are 1250.5); repeated single separators group thousands
  (``1.250.000``); a single separator that could group thousands (``1.250``, ``1,250``) is
  ambiguous and refused, unless the file declares its decimal separator.
- In plan files and Python (:func:`parse_number`), ``.`` is the decimal point, as in TOML
  and in what :func:`policytargets.dump_plan` writes (``"1.250"`` is one and a quarter);
  ``,`` is a decimal comma (``"66,7%"``) except where it could group thousands (``"1,250"``
  is refused as ambiguous); thousands separators are not accepted (``"1.250.000"`` is
  refused): write counts without them.

Only the digits 0-9 are read: digits of other scripts (``৪``, which looks like 8 and is 4)
are refused, never read as another number.
"""

from __future__ import annotations

import enum
import math
import re
import unicodedata
from decimal import Decimal
from fractions import Fraction
from typing import Literal, TypeAlias

import attrs

from policytargets.errors import quoted

__all__ = [
    "MAX_DIGITS",
    "MAX_EXPONENT",
    "PLAIN_DIGITS",
    "Comparator",
    "DecimalSeparator",
    "Lang",
    "Requirement",
    "Value",
    "exact_number",
    "exact_text",
    "format_number",
    "format_percent",
    "format_value",
    "order_of_magnitude",
    "parse_data_number",
    "parse_data_value",
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

MAX_DIGITS = 100
"""The most digits a number read from a file may have (``1e999999999`` never becomes a
Fraction with a billion digits)."""

MAX_EXPONENT = 100
"""The largest power of ten in a number read from a file (``1e100`` is read, ``1e101`` and
``1e-101`` are refused)."""

PLAIN_DIGITS = 21
"""Reports write a number whose integer part has more digits than this in scientific
notation (``1.23e+30``)."""


def _too_long(text: object, digits: int) -> str:
    return (
        f"{text!s:.40} has {digits} digits; numbers are limited to {MAX_DIGITS} digits"
        if digits > MAX_DIGITS
        else ""
    )


_NUMBER = re.compile(
    r"""^(?P<sign>[+-])?
        (?:
          (?P<num>[0-9]+)\s*/\s*(?P<den>[0-9]+)     # a fraction: 2/3
        | (?P<int>[0-9]+)(?:[.,](?P<frac>[0-9]+))?  # an integer or a decimal: 66,7
        | [.,](?P<lead>[0-9]+)                      # a decimal without integer part: .5
        )
        \s*(?P<pct>%)?$""",
    re.VERBOSE,
)

# A number as data files write it: digits and separators, any grouping (checked after).
_DATA_NUMBER = re.compile(r"^(?P<sign>[+-])?(?P<body>[0-9][0-9.,]*|[.,][0-9]+)\s*(?P<pct>%)?$")
_GROUPED = {
    separator: re.compile(rf"[1-9][0-9]{{0,2}}(?:\{separator}[0-9]{{3}})+") for separator in ".,"
}

DecimalSeparator: TypeAlias = Literal[".", ","]
"""The decimal separator a data file declares: ``"."`` or ``","``."""


def _other_script_digits(text: str) -> str | None:
    """A digit of another script in ``text`` (``"৪"``), if any: they are never read."""
    for char in text:
        if char.isdigit() and not ("0" <= char <= "9"):
            return char
    return None


def _refuse_other_digits(text: str) -> None:
    digit = _other_script_digits(text)
    if digit is not None:
        name = unicodedata.name(digit, "a digit")
        raise ValueError(
            f"{quoted(text)} has a digit of another script ({digit!r}, {name.lower()}): "
            "write numbers with the digits 0-9"
        )


def _ambiguous(text: str, separator: str, integer: str, fraction: str, hint: str) -> ValueError:
    shortened = fraction.rstrip("0")
    decimal = f"{integer}{separator}{shortened}" if shortened else integer
    if shortened == fraction:
        decimal = f"{integer}{separator}{fraction}0"
    return ValueError(
        f"{quoted(text.strip())} is ambiguous: {separator!r} may group thousands "
        f"({integer}{fraction}) or be a decimal separator ({integer}{separator}{fraction}); "
        f"write {integer}{fraction} for the whole number, or {decimal} for the decimal{hint}"
    )


def _significant_digits(match: re.Match[str]) -> int:
    if match["num"] is not None:
        return max(len(match["num"].lstrip("0")), len(match["den"].lstrip("0")))
    return len(((match["int"] or "") + (match["frac"] or match["lead"] or "")).lstrip("0"))


def parse_number(text: str) -> Fraction:
    """Read a number exactly from its text.

    This is how plan files and Python read numbers; data files follow
    :func:`parse_data_number`. Accepted forms: integers (``18250``), decimals with ``.`` or
    ``,`` (``0.4``, ``66,7``), fractions (``2/3``) and percentages of any of them (``70%``,
    ``66,7%``, ``1/3%``). ``.`` is the decimal point; a ``,`` that could separate thousands
    (``1,250``) is refused as ambiguous, as are thousands separators and digits of other
    scripts.

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
    if match is not None and (too_long := _too_long(text, _significant_digits(match))):
        raise ValueError(too_long)
    if match is None:
        _refuse_other_digits(stripped)
        if stripped.count(".") + stripped.count(",") > 1 and re.fullmatch(
            r"[+-]?[\d.,]+%?", stripped
        ):
            raise ValueError(
                f"{quoted(text)} has more than one separator; thousands separators are not "
                "accepted ('.' and ',' are both decimal separators): write the number "
                "without them"
            )
        raise ValueError(
            f"{quoted(text)} is not a number (expected e.g. 70%, 66,7%, 2/3, 0.4, 18250)"
        )
    if match["num"] is not None:
        den = int(match["den"])
        if den == 0:
            raise ValueError(f"{quoted(text)} divides by zero")
        value = Fraction(int(match["num"]), den)
    elif match["int"] is not None:
        frac = match["frac"] or ""
        if "," in stripped and _could_group(match["int"], frac):
            raise _ambiguous(
                text,
                ",",
                match["int"],
                frac,
                " (in a plan file, '.' is the decimal point and ',' a decimal comma)",
            )
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
    boolean = _boolean(text)
    if boolean is not None:
        return boolean
    return parse_number(text)


def _boolean(text: str) -> bool | None:
    word = unicodedata.normalize("NFC", text.strip()).casefold()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    return None


def _could_group(integer: str, fraction: str) -> bool:
    """Whether ``integer``, one separator and ``fraction`` could be a thousands grouping."""
    return len(fraction) == 3 and 1 <= len(integer) <= 3 and integer[0] != "0"


def parse_data_number(text: str, decimal: DecimalSeparator | None = None) -> Fraction:
    """Read a number as a data file writes it, never misreading it.

    ``1250``, ``1250,5``, ``1250.5``, ``0,125`` and ``66,7%`` read as written. With both
    separators, the last is the decimal one and the others group thousands (``1.250,5`` and
    ``1,250.5`` are 1250.5). Repeated single separators group thousands (``1.250.000``). A
    single separator between a non-zero integer part of one to three digits and exactly three
    digits (``1.250``, ``1,250``; not ``0,125``, not ``12500,5``) could mean either, and is
    refused with a hint, unless the file declares its decimal separator (``decimal``): then
    that one is the decimal separator and the other one only groups thousands. Fractions
    (``2/3``) read as in :func:`parse_number`. Only the digits 0-9 are read.

    Args:
        text: The text to read; surrounding white space is ignored.
        decimal: The decimal separator the file declares (a note line ``# decimal = ","``),
            or None.

    Raises:
        ValueError: The text is not a number, is ambiguous, groups digits wrongly, or holds
            digits of another script. The message says how to write it.

    >>> parse_data_number("1.250.000"), parse_data_number("1.250,5")
    (Fraction(1250000, 1), Fraction(2501, 2))
    >>> parse_data_number("1.250", decimal=",")
    Fraction(1250, 1)

    .. versionadded:: 0.2.0
    """
    stripped = text.strip()
    match = _DATA_NUMBER.match(stripped)
    if match is None:
        if "/" in stripped:
            return parse_number(stripped)
        _refuse_other_digits(stripped)
        raise ValueError(f"{quoted(text)} is not a number (expected e.g. 70%, 66,7%, 1250, 0.4)")
    body = match["body"]
    integer, fraction = _split_decimal(text, body, decimal)
    if too_long := _too_long(text, len((integer + fraction).lstrip("0"))):
        raise ValueError(too_long)
    scale = 10 ** len(fraction)
    value = Fraction(int(integer or "0") * scale + int(fraction or "0"), scale)
    if match["sign"] == "-":
        value = -value
    if match["pct"]:
        value /= 100
    return value


def _split_decimal(text: str, body: str, decimal: DecimalSeparator | None) -> tuple[str, str]:
    """The integer digits and the decimal digits of ``body`` (digits and separators)."""
    dots, commas = body.count("."), body.count(",")
    if not dots and not commas:
        return body, ""
    if decimal is not None:
        group = "," if decimal == "." else "."
        head, point, tail = body.rpartition(decimal) if decimal in body else (body, "", "")
        if body.count(decimal) > 1 or group in tail or (point and not tail):
            raise _malformed(text, decimal)
        return _ungroup(text, head, group, decimal), tail
    if dots and commas:
        last = "." if body.rfind(".") > body.rfind(",") else ","
        group = "," if last == "." else "."
        head, _, tail = body.rpartition(last)
        if body.count(last) > 1 or not tail:
            raise _malformed(text, None)
        return _ungroup(text, head, group, None), tail
    separator = "." if dots else ","
    if dots + commas > 1:
        return _ungroup(text, body, separator, None), ""
    head, _, tail = body.partition(separator)
    if not tail:
        raise _malformed(text, None)
    if _could_group(head, tail):
        raise _ambiguous(
            text,
            separator,
            head,
            tail,
            ", or declare the file's decimal separator with a note line before the header: "
            '# decimal = "." or # decimal = ","',
        )
    return head, tail


def _ungroup(text: str, digits: str, group: str, decimal: str | None) -> str:
    """``digits`` without its thousands separators ``group``, checked as groups of three."""
    if group not in digits:
        return digits
    if not _GROUPED[group].fullmatch(digits):
        raise _malformed(text, decimal)
    return digits.replace(group, "")


def _malformed(text: str, decimal: str | None) -> ValueError:
    declared = f" (the file declares {decimal!r} as its decimal separator)" if decimal else ""
    return ValueError(
        f"{quoted(text)} is not a number as written{declared}: thousands are grouped by three "
        "(1.250.000 or 1,250,000) and a decimal separator comes once, last (1.250,5 or 1,250.5)"
    )


def parse_data_value(text: str, decimal: DecimalSeparator | None = None) -> Value:
    """Read a value from a data file: a yes/no word (as :func:`parse_value`) or a number read
    by :func:`parse_data_number`. Text is NFC-normalised, so ``có`` is yes however typed.

    Raises:
        ValueError: The text is neither a yes/no word nor a number.

    .. versionadded:: 0.2.0
    """
    boolean = _boolean(text)
    if boolean is not None:
        return boolean
    return parse_data_number(text, decimal)


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
    if isinstance(value, int | float | Decimal):
        return exact_number(value)
    if isinstance(value, str):
        return parse_value(value)
    raise ValueError(f"{quoted(value)} is not a value (expected a number, true/false or text)")


def exact_number(value: int | float | Decimal) -> Fraction:
    """The exact value of a number read by a TOML or JSON parser, within the size limits.

    A float is read from its shortest decimal text (``0.1`` is exactly 1/10). A number with
    more than :data:`~policytargets.quantities.MAX_DIGITS` digits, or a power of ten beyond
    :data:`~policytargets.quantities.MAX_EXPONENT`
    either way (``1e999999999``), is refused before any Fraction is built, so that a small
    file cannot make the library compute for hours.

    Raises:
        ValueError: The number is not finite or is beyond the limits; the message names them.

    >>> from decimal import Decimal
    >>> from policytargets.quantities import exact_number
    >>> exact_number(Decimal("66.7")), exact_number(0.1)
    (Fraction(667, 10), Fraction(1, 10))

    .. versionadded:: 0.2.0
    """
    if isinstance(value, bool):
        raise ValueError(f"{quoted(value)} is not a number")
    if isinstance(value, int):
        if abs(value) >= 10**MAX_DIGITS:  # compared, never turned into text
            raise ValueError(f"an integer of more than {MAX_DIGITS} digits is beyond the limit")
        return Fraction(value)
    decimal = Decimal(repr(value)) if isinstance(value, float) else value
    if not decimal.is_finite():
        raise ValueError(f"must be a finite number, not {value}")
    significant = len(decimal.as_tuple().digits)
    if significant > MAX_DIGITS:
        raise ValueError(f"a number of {significant} digits is beyond the limit of {MAX_DIGITS}")
    if decimal and abs(decimal.adjusted()) > MAX_EXPONENT:
        raise ValueError(
            f"{decimal:.3e} is beyond the limit of numbers from 1e-{MAX_EXPONENT} to "
            f"1e{MAX_EXPONENT}"
        )
    return Fraction(decimal)


def value_text(value: Value) -> str:
    """The exact text of a value, as used in JSON: ``"7/10"``, ``"1"``, ``"true"``.

    Any tool can read it back exactly (``Fraction("7/10")``).

    .. versionadded:: 0.1.0
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if value.denominator == 1:
        return _int_text(value.numerator)
    return f"{_int_text(value.numerator)}/{_int_text(value.denominator)}"


_CHUNK = 10**1000


def _int_text(number: int) -> str:
    """The decimal digits of an integer of any size (``str`` stops at 4,300 digits)."""
    if -_CHUNK < number < _CHUNK:
        return str(number)
    sign = "-" if number < 0 else ""
    chunks: list[str] = []
    rest = abs(number)
    while rest >= _CHUNK:
        rest, chunk = divmod(rest, _CHUNK)
        chunks.append(str(chunk).rjust(1000, "0"))
    chunks.append(str(rest))
    return sign + "".join(reversed(chunks))


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
                f"{quoted(text)} is not a requirement: write a comparator (>=, >, <=, <, =) and a "
                "value, e.g. '>= 70%' or '= true'"
            )
        op = _COMPARATOR_ALIASES.get(match["op"], match["op"])
        raw = match["value"]
        try:
            value = parse_value(raw)
        except ValueError as error:
            raise ValueError(f"{quoted(text)}: {error}") from None
        comparator = Comparator(op)
        if isinstance(value, bool) and comparator is not Comparator.EQ:
            raise ValueError(f"{quoted(text)}: a yes/no requirement takes '=', not {op!r}")
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
        return _int_text(value.numerator)
    rest, twos, fives = value.denominator, 0, 0
    while rest % 2 == 0:
        rest, twos = rest // 2, twos + 1
    while rest % 5 == 0:
        rest, fives = rest // 5, fives + 1
    if rest != 1:
        return value_text(value)
    places = max(twos, fives)
    digits = _int_text(abs((value * 10**places).numerator)).rjust(places + 1, "0")
    sign = "-" if value < 0 else ""
    return f"{sign}{digits[:-places]}.{digits[-places:]}"


def order_of_magnitude(value: Fraction) -> int:
    """The power of ten of a non-zero number, exactly: 3 for 1250, -2 for 0.05.

    No float is involved, so that a number beyond the range of floats has one too.

    >>> order_of_magnitude(Fraction(1250)), order_of_magnitude(Fraction(1, 20))
    (3, -2)

    .. versionadded:: 0.2.0
    """
    magnitude = abs(value)
    if not magnitude:
        raise ValueError("zero has no order of magnitude")
    exponent = magnitude.numerator.bit_length() - magnitude.denominator.bit_length()
    exponent = exponent * 3 // 10  # log10(2) ~ 0.30103, then corrected exactly
    while _power_of_ten(exponent) > magnitude:
        exponent -= 1
    while _power_of_ten(exponent + 1) <= magnitude:
        exponent += 1
    return exponent


def _power_of_ten(exponent: int) -> Fraction:
    return Fraction(10**exponent) if exponent >= 0 else Fraction(1, 10**-exponent)


def _fixed(value: Fraction, digits: int) -> str:
    """``value`` rounded half to even to ``digits`` decimals, thousands grouped with ``,``."""
    scaled = round(value * 10**digits)
    text = str(abs(scaled)).rjust(digits + 1, "0")
    whole, decimals = (text[:-digits], text[-digits:].rstrip("0")) if digits else (text, "")
    grouped = f"{int(whole):,}"
    sign = "-" if scaled < 0 else ""
    return f"{sign}{grouped}.{decimals}" if decimals else f"{sign}{grouped}"


def _scientific(value: Fraction, digits: int) -> str:
    exponent = order_of_magnitude(value)
    mantissa = _fixed(value / _power_of_ten(exponent), digits)
    if mantissa.lstrip("-").startswith("10"):  # 9.999 rounded up to 10
        exponent += 1
        mantissa = _fixed(value / _power_of_ten(exponent), digits)
    return f"{mantissa}e{exponent:+03d}"


_SWAP_SEPARATORS = str.maketrans(",.", ".,")


def _separators(text: str, lang: Lang) -> str:
    # Rendered with English separators first, then swapped for Vietnamese ("18.250,5").
    if lang == "vi":
        return text.translate(_SWAP_SEPARATORS)
    return text


def format_number(value: Fraction, lang: Lang = "en", *, digits: int = 2) -> str:
    """Render a number for people: thousands grouped, at most ``digits`` decimals.

    A number whose integer part has more than
    :data:`~policytargets.quantities.PLAIN_DIGITS` digits is written in scientific notation
    (``1.25e+30``), whatever its size.

    >>> format_number(Fraction(18250), "vi"), format_number(Fraction(5, 4), "en")
    ('18.250', '1.25')
    >>> format_number(Fraction(125 * 10**28), "vi")
    '1,25e+30'

    .. versionadded:: 0.1.0
    """
    if abs(value) >= 10**PLAIN_DIGITS:
        return _separators(_scientific(value, digits), lang)
    return _separators(_fixed(value, digits), lang)


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
