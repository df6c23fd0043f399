"""Cells that a spreadsheet would run as formulas: neutralised when written, restored when read.

Every CSV file policytargets writes (reports, schedules, data-collection templates) is opened
in spreadsheet software by someone. A cell from a plan or data file that starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return (``=HYPERLINK(...)``, ``+cmd``, ``@SUM``)
would run as a formula there, so it is written with a leading ``'``, which spreadsheets show
as text. Numbers stay numbers: a cell that is nothing but a number (``-1/12``) cannot be a
formula and is written as it is. The observation reader removes that ``'`` again, so that a
filled-in template reads back with the plan's own ids.
"""

from __future__ import annotations

import re

__all__ = ["FORMULA_STARTS", "neutralise", "restore"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""The first characters that make a spreadsheet read a cell as a formula.

.. versionadded:: 0.2.0
"""


_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:[eE]-?[0-9]+)?(?:/[0-9]+)?")


def neutralise(cell: str) -> str:
    """``cell``, prefixed with ``'`` if a spreadsheet would run it as a formula.

    A cell that is nothing but a number (``-1/12``, ``-0.25``) is left as it is: a sign,
    digits, a point and a slash cannot make a formula, and a spreadsheet should read it as a
    number.

    >>> from policytargets.io.spreadsheet import neutralise
    >>> neutralise("=1+1"), neutralise("-1/12"), neutralise("7/10"), neutralise("-2+3")
    ("'=1+1", '-1/12', '7/10', "'-2+3")

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 Numbers are left as they are.
    """
    if cell.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(cell):
        return f"'{cell}"
    return cell


def restore(cell: str) -> str:
    """The cell :func:`neutralise` was given: ``'=1+1`` is ``=1+1``; other text is unchanged.

    >>> from policytargets.io.spreadsheet import restore
    >>> restore("'=HYPERLINK(1)"), restore("'quoted")
    ('=HYPERLINK(1)', "'quoted")

    .. versionadded:: 0.2.0
    """
    if cell[:1] == "'" and cell[1:].startswith(FORMULA_STARTS):
        return cell[1:]
    return cell
