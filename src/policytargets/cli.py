"""The ``policytargets`` command: validate a plan, evaluate it on data, print templates and
schedules.

Exit status: 0 on success, 1 for invalid input (a plan or data file with problems, a file that
cannot be read), 2 for a usage error. Problems go to standard error, one a line
(``file:line: path: message``), never as a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import errno
import functools
import io
import json
import os
import shutil
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO, TextIO

from policytargets import __version__
from policytargets.align import align
from policytargets.assess import evaluate, observation_problems
from policytargets.errors import PlanError, PolicyTargetsError, Problem, problem_lines
from policytargets.io import collection_template, load_plan, locate_problems, plan_schema
from policytargets.io._bulk import bulk_load
from policytargets.io.observation_files import read_observations
from policytargets.periods import Period, parse_date
from policytargets.plan import Plan
from policytargets.report import FORMATS, LANGS, render, render_schedule
from policytargets.report.alignment import ALIGNMENT_FORMATS, render_alignment
from policytargets.report.json_report import write_json
from policytargets.report.labels import BIDI_CONTROLS
from policytargets.report.schedule import SCHEDULE_FORMATS

__all__ = ["main"]

_EPILOG = """\
examples:
  policytargets validate examples/vinhlong_plan77.toml
  policytargets evaluate examples/vinhlong_plan77.toml examples/data/plan77_observations.csv \\
      --as-of 2026-01-01 --format markdown --lang en
  policytargets evaluate plan.toml data-2024.csv revisions.csv --as-of "30/12/2024" \\
      --known-at 2024-12-20 --format json --output scorecard.json
  policytargets evaluate plan.toml data.csv --as-of 2026-01-01 --breakdown parent
  policytargets template plan.toml --period 2025 --output collect-2025.csv
  policytargets template plan.toml --period 2025 --period 2026 --output collect.xlsx
  policytargets schedule plan.toml --lang en --format csv --output schedule.csv
  policytargets align examples/vinhlong_plan77.toml examples/national_348.toml \\
      examples/data/*.csv --as-of 2026-01-01 --lang en
  policytargets schema --output plan.schema.json
  cat data.csv | policytargets evaluate plan.toml - --as-of 2026-01-01 --output -

Dates may be ISO (2023-10-30), day first (30/10/2023) or Vietnamese
("ngày 30 tháng 10 năm 2023"). A data file named - is standard input; --output - is
standard output. A CSV written to a file begins with a UTF-8 byte-order mark, so that
spreadsheets show Vietnamese. Exit status: 0 success, 1 invalid plan or data (every
problem on standard error, one a line), 2 usage error.
"""

_TEMPLATE_FORMATS = ("csv", "xlsx")
"""The formats of ``policytargets template`` (``xlsx`` needs ``policytargets[excel]``)."""

_STDIO = "-"
"""The file name that stands for standard input (data) or standard output (``--output``)."""


_Writer = Callable[[TextIO], None]
"""Writes a command's output to a stream (large reports are written as they are made)."""


class _InputError(Exception):
    """Input that cannot be used, as problems to print one a line."""

    def __init__(self, problems: Sequence[Problem | str]) -> None:
        super().__init__()
        self.problems = [str(problem) for problem in problems]


def _date(text: str) -> dt.date:
    try:
        return parse_date(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _period(text: str) -> Period:
    try:
        return Period.parse(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="policytargets",
        description="Where a government stands against every target of its plans, on any "
        "date, on what evidence.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(
        name: str, help_text: str, epilog: str, *, plan: bool = True
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name,
            help=help_text,
            description=help_text,
            epilog=f"example:\n  {epilog}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        if plan:
            sub.add_argument("plan", metavar="PLAN", type=Path, help="the plan file (TOML or JSON)")
        return sub

    def output(sub: argparse.ArgumentParser, what: str) -> None:
        sub.add_argument(
            "--output",
            type=Path,
            metavar="FILE",
            help=f"write {what} to FILE instead of standard output (- is standard output); "
            "the file is replaced only once the output is complete",
        )

    def lang(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--lang",
            choices=LANGS,
            default="vi",
            help="the language of labels, dates and numbers: %(choices)s (default: %(default)s)",
        )

    command(
        "validate",
        "check a plan file and report every problem",
        "policytargets validate plan.toml",
    )
    evaluate = command(
        "evaluate",
        "assess every target of a plan on observation data as of a date",
        "policytargets evaluate plan.toml data.csv --as-of 2026-01-01 --format json",
    )
    evaluate.add_argument(
        "data",
        metavar="DATA",
        type=Path,
        nargs="+",
        help="observation files: CSV (comma or semicolon), or .xlsx workbooks with "
        "policytargets[excel]; - reads standard input",
    )
    evaluate.add_argument(
        "--as-of", required=True, type=_date, metavar="DATE", help="the evaluation date"
    )
    evaluate.add_argument(
        "--known-at",
        type=_date,
        metavar="DATE",
        help="count only observations recorded by this date (reproduce a past report)",
    )
    evaluate.add_argument(
        "--breakdown",
        metavar="KEY",
        help="judge every target over a population also per group of its units: 'parent' "
        "(an agency's province, following mergers) or an attribute's name",
    )
    evaluate.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        help="the report's format: %(choices)s (default: %(default)s)",
    )
    lang(evaluate)
    evaluate.add_argument(
        "--compact",
        action="store_true",
        help="with --format json: no indentation (a third smaller, for programs)",
    )
    output(evaluate, "the report")
    template = command(
        "template",
        "write a data-collection template (CSV, or an .xlsx workbook) with every row the plan "
        "needs for the periods, values empty",
        "policytargets template plan.toml --period 2025 --output collect-2025.xlsx",
    )
    template.add_argument(
        "--period",
        required=True,
        action="append",
        type=_period,
        metavar="PERIOD",
        help="a period to collect: 2025, 2024-Q3, 2024-06, ...; repeat it for several "
        "(one sheet each in a workbook)",
    )
    template.add_argument(
        "--format",
        choices=_TEMPLATE_FORMATS,
        help="the template's format: %(choices)s (default: xlsx when --output ends in "
        ".xlsx, else csv; xlsx needs policytargets[excel])",
    )
    output(template, "the template")
    schedule = command(
        "schedule",
        "print each target's required or expected value per period (the 'Phụ lục I' view)",
        "policytargets schedule plan.toml --lang en --format csv --output schedule.csv",
    )
    schedule.add_argument(
        "--format",
        choices=SCHEDULE_FORMATS,
        default="table",
        help="the schedule's format: %(choices)s (default: %(default)s)",
    )
    lang(schedule)
    output(schedule, "the schedule")
    align = command(
        "align",
        "compare a plan's targets with those of the plan it implements (targets linked by "
        "'implements'), and judge its data by both",
        "policytargets align plan.toml national.toml data.csv --as-of 2026-01-01",
    )
    align.add_argument(
        "reference", metavar="REFERENCE", type=Path, help="the plan it implements (TOML or JSON)"
    )
    align.add_argument(
        "data",
        metavar="DATA",
        type=Path,
        nargs="*",
        help="the plan's observation files (optional; they need --as-of), as for evaluate; "
        "- reads standard input",
    )
    align.add_argument(
        "--as-of",
        type=_date,
        metavar="DATE",
        help="the evaluation date (needed with DATA; without it populations are taken at "
        "the end of each period)",
    )
    align.add_argument(
        "--known-at",
        type=_date,
        metavar="DATE",
        help="count only observations recorded by this date (reproduce a past report)",
    )
    align.add_argument(
        "--format",
        choices=ALIGNMENT_FORMATS,
        default="table",
        help="the comparison's format: %(choices)s (default: %(default)s)",
    )
    lang(align)
    output(align, "the comparison")
    schema = command(
        "schema",
        "print the JSON Schema of plan files, for editors that check TOML or JSON",
        "policytargets schema --output plan.schema.json",
        plan=False,
    )
    output(schema, "the schema")
    return parser


class _Stdin(io.BytesIO):
    """The bytes of standard input, named as problems and evidence show it."""

    name = "<stdin>"


class _Output:
    """What a command writes (text, bytes, or a writer of text), and whether it is CSV (a BOM
    in files)."""

    def __init__(self, content: str | bytes | _Writer, *, csv: bool = False) -> None:
        self.content = content
        self.csv = csv


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: the process's arguments).

    Returns:
        0 on success, 1 for invalid input (a plan or data file with problems, a file that
        cannot be read or written), 2 for a usage error.

    .. versionadded:: 0.1.0
    """
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            _utf8(stream)
    parser = _parser()
    if "_ARGCOMPLETE" in os.environ:  # the shell asks for completions
        _complete(parser)
    try:
        arguments = parser.parse_args(argv)
        if arguments.command == "align" and arguments.data and arguments.as_of is None:
            parser.error("align: DATA files need --as-of DATE")
        if arguments.command == "align" and arguments.known_at and not arguments.data:
            parser.error("align: --known-at needs DATA files")
    except SystemExit as stop:  # argparse's usage errors (2), --help and --version (0)
        return stop.code if isinstance(stop.code, int) else 2
    handlers: dict[str, Callable[[argparse.Namespace], _Output]] = {
        "validate": _validate,
        "evaluate": _evaluate,
        "template": _template,
        "schedule": _schedule,
        "align": _align,
        "schema": _schema,
    }
    try:
        target: Path | None = getattr(arguments, "output", None)
        if target is not None and str(target) == _STDIO:
            target = None
        if target is not None:
            _refuse_overwriting_inputs(target, arguments)
        with bulk_load():  # what a command makes lives until it ends: no cycles to collect
            result = handlers[arguments.command](arguments)
            if target is not None:
                _write_file(target, result)
            elif sys.stdout is None:  # started with standard output closed
                return 1
            else:
                _write_stdout(result)
    except _UsageError as error:
        _print_problems([str(error)])
        return 2
    except _InputError as error:
        _print_problems(problem_lines(error.problems))
        return 1
    except PolicyTargetsError as error:  # bad input found past the readers' checks
        problems = getattr(error, "problems", None) or [str(error)]
        _print_problems(problem_lines(problems))
        return 1
    except ImportError as error:  # an optional extra that is not installed
        sys.stderr.write(f"{error}\n")
        return 1
    except BrokenPipeError:
        # The reader stopped early (`| head`): silence the interpreter's final flush.
        _silence_stdout()
        return 1
    except OSError as error:
        if error.errno == errno.EBADF and error.filename is None:  # standard output closed
            _silence_stdout()
            return 1
        _print_problems([_os_error(error)])
        return 1
    return 0


class _UsageError(Exception):
    """A command line that cannot be carried out as written (exit status 2)."""


def _refuse_overwriting_inputs(target: Path, arguments: argparse.Namespace) -> None:
    inputs: list[Path] = [
        getattr(arguments, name) for name in ("plan", "reference") if hasattr(arguments, name)
    ]
    inputs += [path for path in getattr(arguments, "data", ()) if str(path) != _STDIO]
    for source in inputs:
        if _same_file(target, source):
            raise _UsageError(
                f"{target}: --output names an input file ({source}); it would be overwritten, "
                "so nothing was written: choose another file"
            )


def _same_file(first: Path, second: Path) -> bool:
    try:
        return first.samefile(second)
    except OSError:  # one of them does not exist (yet)
        return first.resolve() == second.resolve()


def _write_file(target: Path, result: _Output) -> None:
    """Write a command's output to ``target`` whole or not at all.

    A regular file (or a new one) is written into a temporary file beside it, then renamed
    over it, so that a full disk or an interruption leaves no partial file; CSV written to a
    file begins with a UTF-8 byte-order mark (spreadsheets then read it as UTF-8). Anything
    else (a terminal, a pipe, ``/dev/null``) is written to directly. Errors name ``target``.
    """
    real = target.resolve() if target.is_symlink() else target
    if real.is_dir():
        raise _InputError([f"{target}: is a directory; --output names a file"])
    try:
        if real.exists() and not real.is_file():
            _write_to(real, result, bom=False)
            return
        descriptor, temporary = tempfile.mkstemp(
            dir=real.parent, prefix=f".{real.name}.", suffix=".tmp"
        )
    except OSError as error:
        error.filename = str(target)
        raise
    try:
        _write_to(descriptor, result, bom=result.csv)
        _default_mode(Path(temporary), real)
        Path(temporary).replace(real)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        error.filename = str(target)
        raise
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _write_to(file: Path | int, result: _Output, *, bom: bool) -> None:
    """Write the output to a path or an open file descriptor (which is closed)."""
    content = result.content
    if isinstance(content, bytes):
        binary = os.fdopen(file, "wb") if isinstance(file, int) else file.open("wb")
        with binary:
            binary.write(content)
        return
    stream: TextIO = (
        os.fdopen(file, "w", encoding="utf-8", newline="")
        if isinstance(file, int)
        else file.open("w", encoding="utf-8", newline="")
    )
    with stream:
        if bom:
            stream.write("\ufeff")
        _write_text(content, stream)


def _write_stdout(result: _Output) -> None:
    """Write the output to standard output: no byte-order mark there."""
    content = result.content
    if isinstance(content, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
    else:
        _write_text(content, sys.stdout)
        sys.stdout.flush()


def _write_text(content: str | _Writer, stream: TextIO) -> None:
    if isinstance(content, str):
        stream.write(content)
    else:
        content(stream)


def _default_mode(temporary: Path, target: Path) -> None:
    """Give the new file the mode an ordinary write would: the old file's, or the umask's."""
    if target.exists():
        shutil.copymode(target, temporary)
        return
    umask = os.umask(0)
    os.umask(umask)
    temporary.chmod(0o666 & ~umask)


def _print_problems(lines: Sequence[str]) -> None:
    if sys.stderr is None:
        return
    for line in lines:
        sys.stderr.write(f"{_printable(line)}\n")


def _printable(text: str) -> str:
    """``text`` with control characters and bidirectional controls written as escapes.

    Problems quote what a file holds; a terminal escape sequence in a data file must not
    clear the screen or retitle the terminal when the problem is printed.
    """
    return "".join(
        char.encode("unicode_escape").decode("ascii")
        if unicodedata.category(char) == "Cc" or char in BIDI_CONTROLS
        else char
        for char in text
    )


def _silence_stdout() -> None:
    # io.UnsupportedOperation (a ValueError) or None: no real standard output to silence
    with contextlib.suppress(OSError, AttributeError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _complete(parser: argparse.ArgumentParser) -> None:
    """Answer the shell's completion request, if the optional argcomplete is installed."""
    try:
        import argcomplete  # noqa: PLC0415 - optional, and only when the shell asks
    except ImportError:
        return
    argcomplete.autocomplete(parser)


def _utf8(stream: TextIO) -> None:
    if isinstance(stream, io.TextIOWrapper) and stream.encoding.lower().replace("-", "") != "utf8":
        stream.reconfigure(encoding="utf-8", errors="backslashreplace")


def _os_error(error: OSError) -> str:
    where = f"{error.filename}: " if error.filename is not None else ""
    return f"{where}{error.strerror or error}"


def _read_plan(path: Path) -> Plan:
    try:
        return load_plan(path)
    except PlanError as error:
        raise _InputError(error.problems) from None
    except OSError as error:
        raise _InputError([_os_error(error)]) from None


def _validate(arguments: argparse.Namespace) -> _Output:
    plan = _read_plan(arguments.plan)
    targets = len(plan.targets)
    milestones = sum(len(target.all_milestones) for target in plan.targets)
    return _Output(
        f"{arguments.plan}: valid, {targets} target{'s' if targets != 1 else ''}, "
        f"{milestones} milestone{'s' if milestones != 1 else ''}\n"
    )


def _sources(paths: Sequence[Path]) -> list[Path | BinaryIO]:
    """The data files to read, with standard input for ``-``."""
    if sum(str(path) == _STDIO for path in paths) > 1:
        raise _InputError(["standard input (-) can be read only once"])
    return [_Stdin(sys.stdin.buffer.read()) if str(path) == _STDIO else path for path in paths]


def _evaluate(arguments: argparse.Namespace) -> _Output:
    problems: list[Problem | str] = []
    plan = None
    try:
        plan = _read_plan(arguments.plan)
    except _InputError as error:
        problems.extend(error.problems)
    log = None
    try:
        log, found = read_observations(*_sources(arguments.data))
        problems.extend(found)
    except OSError as error:
        problems.append(_os_error(error))
    if plan is not None and log is not None:
        # Rows the plan cannot use (an unknown unit, a number for a yes/no measure) are
        # reported with the files' own problems, all in one pass; which rows no target reads
        # is left to evaluate(), which accounts for them once.
        problems.extend(observation_problems(plan, log))
    if problems or plan is None or log is None:
        raise _InputError(problems)
    card = evaluate(
        plan,
        log,
        as_of=arguments.as_of,
        known_at=arguments.known_at,
        breakdown=arguments.breakdown,
    )
    if arguments.format == "json":  # written as it is encoded: national reports are large
        return _Output(functools.partial(write_json, card, compact=arguments.compact))
    # The log lets the HTML charts plot every period, not only the judged ones.
    report = render(card, arguments.format, lang=arguments.lang, observations=log)
    return _Output(report, csv=arguments.format == "csv")


def _template(arguments: argparse.Namespace) -> _Output:
    plan = _read_plan(arguments.plan)
    chosen = arguments.format
    if chosen is None:
        output: Path | None = arguments.output
        chosen = "xlsx" if output is not None and output.suffix.lower() == ".xlsx" else "csv"
    if chosen == "xlsx":
        from policytargets.io.xlsx import xlsx_template  # noqa: PLC0415 - an optional extra

        return _Output(xlsx_template(plan, arguments.period))
    return _Output(collection_template(plan, *arguments.period), csv=True)


def _schedule(arguments: argparse.Namespace) -> _Output:
    plan = _read_plan(arguments.plan)
    text = render_schedule(plan, arguments.format, lang=arguments.lang)
    return _Output(text, csv=arguments.format == "csv")


def _align(arguments: argparse.Namespace) -> _Output:
    problems: list[Problem | str] = []
    plans: list[Plan] = []
    for path in (arguments.plan, arguments.reference):
        try:
            plans.append(_read_plan(path))
        except _InputError as error:
            problems.extend(error.problems)
    log = None
    if arguments.data:
        try:
            log, found = read_observations(*_sources(arguments.data))
            problems.extend(found)
        except OSError as error:
            problems.append(_os_error(error))
    if len(plans) == 2 and log is not None:  # rows the plan cannot use, in the same pass
        problems.extend(observation_problems(plans[0], log))
    if problems:
        raise _InputError(problems)
    plan, reference = plans
    try:
        alignment = align(plan, reference, log, as_of=arguments.as_of, known_at=arguments.known_at)
    except PlanError as error:  # links to targets the reference lacks: say where they are
        raise _InputError(locate_problems(error.problems, arguments.plan)) from None
    text = render_alignment(alignment, arguments.format, lang=arguments.lang)
    return _Output(text, csv=arguments.format == "csv")


def _schema(arguments: argparse.Namespace) -> _Output:
    return _Output(json.dumps(plan_schema(), ensure_ascii=False, indent=2) + "\n")
