"""The exceptions of policytargets: one root, and errors that list every problem at once.

Every error raised for bad input is a :class:`PolicyTargetsError`, and also the standard
exception a caller would expect (:class:`ValueError`), so that ``except ValueError`` keeps
working. An error about a file carries every :class:`Problem` found in it, each with the file,
the line where it is known and the path of the offending field
(``targets[2].milestones[0].require``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import attrs

__all__ = [
    "QUOTED_LENGTH",
    "SHOWN_PROBLEMS",
    "DataError",
    "PlanError",
    "PolicyTargetsError",
    "Problem",
    "ProblemCollector",
    "problem_lines",
    "quoted",
    "shortened",
]

QUOTED_LENGTH = 80
"""How many characters of a value a user gave an error message quotes at most; a longer one
is cut, and "…" says so.

.. versionadded:: 0.2.0
"""


def quoted(value: object) -> str:
    """A value a user gave, quoted in an error message (its ``repr``), cut to
    :data:`QUOTED_LENGTH` characters with "…" before the closing quote.

    >>> from policytargets.errors import QUOTED_LENGTH, quoted
    >>> quoted("70%")
    "'70%'"
    >>> len(quoted("9" * 10_000)) == QUOTED_LENGTH
    True

    .. versionadded:: 0.2.0
    """
    text = repr(value)
    if len(text) <= QUOTED_LENGTH:
        return text
    return shortened(text[:-1], QUOTED_LENGTH - 1) + text[-1]


def shortened(text: str, length: int = QUOTED_LENGTH) -> str:
    """``text`` cut to ``length`` characters, the last of them "…", where it is longer: a key
    path or a name from a file, shown without quotes.

    >>> from policytargets.errors import shortened
    >>> shortened("targets[0]." + "x" * 100)[-5:], len(shortened("x" * 100))
    ('xxxx…', 80)

    .. versionadded:: 0.2.0
    """
    if len(text) <= length:
        return text
    return f"{text[: length - 1]}…"


SHOWN_PROBLEMS = 100
"""How many problems an error message (and the command line) lists before saying how many
more there are; the error's ``problems`` keep every one.

.. versionadded:: 0.2.0
"""


@attrs.frozen
class Problem:
    """One thing wrong with an input, and where it is.

    Attributes:
        message: What is wrong, in a sentence a user can act on.
        path: The key path of the offending field, such as ``targets[2].milestones[0].require``
            (empty when the problem concerns the whole input).
        file: The file name, when the input came from a file.
        line: The 1-based line in that file, where it can be known.

    .. versionadded:: 0.1.0
    """

    message: str
    path: str = ""
    file: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = self.file or ""
        if self.line is not None:
            where = f"{where}:{self.line}" if where else f"line {self.line}"
        parts = [p for p in (where, shortened(self.path)) if p]
        prefix = ": ".join(parts)
        return f"{prefix}: {self.message}" if prefix else self.message

    def located(self, *, file: str | None = None, line: int | None = None) -> Problem:
        """Return this problem with the file (and line) filled in where still unknown."""
        return attrs.evolve(
            self,
            file=self.file if self.file is not None else file,
            line=self.line if self.line is not None else line,
        )


class PolicyTargetsError(Exception):
    """The root of every exception that policytargets raises on purpose.

    .. versionadded:: 0.1.0
    """


class _ProblemsError(PolicyTargetsError, ValueError):
    """An error made of one or more :class:`Problem` records."""

    def __init__(self, problems: Iterable[Problem | str]) -> None:
        listed = tuple(p if isinstance(p, Problem) else Problem(p) for p in problems)
        if not listed:
            listed = (Problem("invalid input"),)
        self.problems: tuple[Problem, ...] = listed
        super().__init__(self._compose())

    def _compose(self) -> str:
        if len(self.problems) == 1:
            return str(self.problems[0])
        lines = [f"{len(self.problems):,} problems:"]
        lines.extend(f"  {line}" for line in problem_lines(self.problems))
        return "\n".join(lines)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.problems)


class PlanError(_ProblemsError):
    """A plan (built in Python or read from a file) is invalid.

    Attributes:
        problems: Every problem found, each with its file, line and key path.

    .. versionadded:: 0.1.0
    """


class DataError(_ProblemsError):
    """Observations are invalid: a bad row, a value of the wrong kind, a conflicting duplicate.

    Attributes:
        problems: Every problem found, each with its file, line and field.

    .. versionadded:: 0.1.0
    """


@attrs.define
class ProblemCollector:
    """Gathers problems while checking an input, to raise them all at once.

    .. versionadded:: 0.1.0
    """

    problems: list[Problem] = attrs.field(factory=list)

    def add(self, message: str, path: str = "", *, line: int | None = None) -> None:
        """Record one problem."""
        self.problems.append(Problem(message, path, line=line))

    def extend(self, problems: Iterable[Problem]) -> None:
        """Record problems found elsewhere (for example by a nested check)."""
        self.problems.extend(problems)

    def __bool__(self) -> bool:
        return bool(self.problems)

    def raise_plan_error(self) -> None:
        """Raise a :class:`PlanError` with every problem, if there is any."""
        if self.problems:
            raise PlanError(self.problems)

    def raise_data_error(self) -> None:
        """Raise a :class:`DataError` with every problem, if there is any."""
        if self.problems:
            raise DataError(self.problems)


def problem_lines(problems: Sequence[Problem | str], limit: int = SHOWN_PROBLEMS) -> list[str]:
    """The problems one a line, the first ``limit`` of them, then how many more there are.

    >>> from policytargets.errors import problem_lines
    >>> problem_lines([Problem("bad", line=n) for n in range(1, 1236)], limit=1)
    ['line 1: bad', '... and 1,234 more problems (1,235 in all)']

    .. versionadded:: 0.2.0
    """
    lines = [str(problem) for problem in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"... and {len(problems) - limit:,} more problems ({len(problems):,} in all)")
    return lines
