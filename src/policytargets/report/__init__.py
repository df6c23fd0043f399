"""Reports of a scorecard: a terminal table, Markdown, HTML, CSV and JSON, in vi or en; and a
plan's target schedules (:func:`render_schedule`).

>>> from policytargets.report import FORMATS
>>> FORMATS
('table', 'markdown', 'html', 'csv', 'json')

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from policytargets.assess import Scorecard
from policytargets.observations import ObservationLog
from policytargets.report.csv_report import render_csv
from policytargets.report.html import render_html
from policytargets.report.json_report import render_json
from policytargets.report.labels import LANGS, check_lang, report_text
from policytargets.report.markdown import render_markdown
from policytargets.report.schedule import render_schedule
from policytargets.report.table import render_table

__all__ = ["FORMATS", "LANGS", "render", "render_schedule"]

FORMATS = ("table", "markdown", "html", "csv", "json")
"""The report formats, as the command line's ``--format`` names them.

.. versionadded:: 0.1.0
"""


def render(
    scorecard: Scorecard,
    format: str,
    *,
    lang: str = "vi",
    observations: ObservationLog | None = None,
    compact: bool = False,
    fragment: bool = False,
) -> str:
    """Render a scorecard as a report.

    The same inputs always give the same text, byte for byte (no timestamps, no order taken
    from sets or dictionaries), with ``\\n`` line endings.

    Args:
        scorecard: The scorecard to report.
        format: One of ``FORMATS``: ``"table"`` (aligned text for a terminal),
            ``"markdown"`` (GitHub-flavoured), ``"html"`` (one self-contained file with a chart
            per target, printable on A4), ``"csv"`` (one row per assessment) or ``"json"``
            (exactly :meth:`policytargets.Scorecard.to_dict`).
        lang: ``"vi"`` (default) or ``"en"``: labels, titles, dates and numbers. CSV headers
            and JSON keys are the same in both languages.
        observations: The observation log to chart; by default the one the scorecard was
            evaluated on (:attr:`policytargets.Scorecard.observations`). Only the HTML
            charts use it: with a log, each chart plots the target's actual value for every
            period up to the as-of date (read as the engine reads it, with the scorecard's
            as-of and knowledge dates); without one (a scorecard built by hand), a chart
            plots only the values judged in the scorecard's assessments, and says so.
        compact: For JSON: no indentation and no spaces between tokens (a third smaller).
        fragment: For ``"html"``: a ``<div>`` to place inside another page, its CSS scoped
            under one class (no ``html``, ``body`` or ``:root`` rules), instead of a whole
            page. Notebooks show a scorecard's summary this way.

    Returns:
        The report, ending with a newline.

    Raises:
        ValueError: ``format`` or ``lang`` is unknown; the message names the allowed values.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       ``compact``; ``observations`` defaults to the scorecard's own log; ``fragment``.
    """
    if format not in FORMATS:
        allowed = ", ".join(repr(known) for known in FORMATS)
        raise ValueError(f"unknown report format {format!r}: use one of {allowed}")
    language = check_lang(lang)
    if format == "json":
        return render_json(scorecard, compact=compact)
    if format == "csv":
        return render_csv(scorecard, language)
    text = report_text(scorecard, language)
    if format == "table":
        return render_table(text)
    if format == "markdown":
        return render_markdown(text)
    log = observations if observations is not None else scorecard.observations
    return render_html(text, scorecard, log, fragment=fragment)
