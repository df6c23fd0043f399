"""The documentation says what the program does: its commands run, its labels are the reports'.

Every ``policytargets`` command in a ``sh`` block of the docs runs here (in a copy of
``examples/``) and must succeed; the pages that explain a report quote its labels exactly as
``report/labels.py`` declares them; every extra that a page tells users to install exists; and
each Vietnamese page gives the same commands as its English page.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shlex
import shutil
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from policytargets.assess import Status
from policytargets.cli import main
from policytargets.io import loads_plan
from policytargets.io.plan_format import RULE_KEYS, TABLES
from policytargets.io.plan_format import schema_text as plan_schema_text
from policytargets.report.labels import EN, VI, Labels
from policytargets.targets import TARGET_TYPES

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = sorted(p for p in DOCS.rglob("*.md") if "_build" not in p.parts)

# Pages in Vietnamese and the English page each one mirrors.
MIRRORS = {
    "vi/cai-dat.md": "install.md",
    "vi/doc-bao-cao.md": "reading-reports.md",
    "vi/huong-dan.md": "how-to.md",
}

_BLOCK = re.compile(r"^```(?:sh|bash|console)\n(.*?)^```", re.MULTILINE | re.DOTALL)
_PROGRAM = re.compile(r"^(?:\.venv/bin/)?policytargets\s")


def shell_commands(page: Path) -> list[str]:
    """The command lines of a page's shell blocks: continuations joined, comments removed."""
    commands = []
    for block in _BLOCK.findall(page.read_text(encoding="utf-8")):
        for line in block.replace("\\\n", " ").splitlines():
            command = " ".join(shlex.split(line, comments=True))
            if command:
                commands.append(command)
    return commands


def program_calls() -> list[tuple[str, str]]:
    return [
        (page.relative_to(DOCS).as_posix(), command)
        for page in PAGES
        for command in shell_commands(page)
        if _PROGRAM.match(command)
    ]


@pytest.mark.parametrize(("page", "command"), program_calls())
def test_every_documented_command_runs(
    page: str, command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    assert main(_arguments(command)) == 0, f"{page}: {command}"


def _arguments(command: str) -> list[str]:
    """The arguments of a documented command, with its wildcards expanded as a shell would."""
    arguments: list[str] = []
    for word in shlex.split(command)[1:]:
        matches = sorted(map(str, Path().glob(word))) if any(c in word for c in "*?[") else [word]
        assert matches, f"{word!r} matches no file"
        arguments.extend(matches)
    return arguments


def test_the_docs_have_commands_to_check() -> None:
    # Guards the extraction above: an empty list would make the test above vacuous.
    assert len(program_calls()) >= 10


def _extras() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return set(project.get("optional-dependencies", {}))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_every_extra_a_page_installs_exists(page: Path) -> None:
    named = re.findall(r"install '\.\[([a-z,]+)\]'", page.read_text(encoding="utf-8"))
    for group in named:
        assert set(group.split(",")) <= _extras(), f"{page.name}: unknown extra in {group!r}"


@pytest.mark.parametrize(("vi", "en"), MIRRORS.items())
def test_vietnamese_pages_give_the_same_commands(vi: str, en: str) -> None:
    # Vietnamese is the reports' default language; the English page asks for English.
    english = [c.replace(" --lang en", "") for c in shell_commands(DOCS / en)]
    assert shell_commands(DOCS / vi) == english


# The labels a reader meets in a report, which the "how to read" pages explain one by one.
EXPLAINED = (
    "notices",
    "as_of",
    "known_at",
    "summary",
    "plan_note",
    "source",
    "note",
    "milestone",
    "deadline",
    "status",
    "required",
    "actual",
    "period",
    "expected",
    "gap",
    "met_total",
    "required_units",
    "units_short",
    "strive",
    "projections",
    "progress",
    "missing_reports",
    "unreported",
)


@pytest.mark.parametrize(
    ("page", "labels"), [("reading-reports.md", EN), ("vi/doc-bao-cao.md", VI)]
)
def test_reading_pages_explain_every_label_as_printed(page: str, labels: Labels) -> None:
    text = (DOCS / page).read_text(encoding="utf-8")
    for field in EXPLAINED:
        label = getattr(labels, field)
        assert f"**{label}**" in text or f"*{label}*" in text, f"{page}: {field} = {label!r}"
    for status in Status:
        assert f"**{labels.statuses[status]}**" in text, f"{page}: {status}"
        assert f"`{status.value}`" in text


def _reference_module() -> Any:
    spec = importlib.util.spec_from_file_location(
        "plan_reference", DOCS / "_ext" / "plan_reference.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _schema_properties(node: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for name, value in node.get("properties", {}).items():
            yield f"{path}.{name}", value
        for name, value in node.items():
            yield from _schema_properties(value, f"{path}/{name}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _schema_properties(value, f"{path}[{index}]")


def test_every_schema_property_has_a_description() -> None:
    schema = json.loads(plan_schema_text())
    missing = [
        path
        for path, value in _schema_properties(schema)
        if not value.get("description") and not path.endswith(("/if.type", "/if.method"))
    ]
    # The `if` of a conditional names a key only to test its value: it documents nothing.
    assert missing == []


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_reference_documents_every_key_in_both_languages(lang: str) -> None:
    text = _reference_module().reference(lang)
    for table in TABLES.values():
        section = text.split(f"(plan-{lang}-{table.name})=")[1].split(f"(plan-{lang}-")[0]
        for key in table.keys:
            assert key.en.strip()
            assert key.vi.strip()
            assert f"| `{key.name}` |" in section, f"{table.name}.{key.name}"
            assert (key.vi if lang == "vi" else key.en).replace("|", "\\|") in section
    for key in RULE_KEYS.values():
        assert f"| `{key.name}` |" in text


def test_the_reference_quotes_the_errors_users_get() -> None:
    errors = list(_reference_module().kind_errors())
    assert {kind for kind, _, _ in errors} >= {"date", "period", "requirement", "condition"}
    for kind, wrong, message in errors:
        (key,) = wrong
        assert message.startswith("plan.json:"), message
        assert f".{key}" in message or f"{key}:" in message, (kind, message)


_TEXT = re.compile(r"^```text\n(.*?)^```", re.MULTILINE | re.DOTALL)


def test_the_vietnamese_faq_quotes_only_messages_the_english_page_checks() -> None:
    # troubleshooting.md runs each case as a doctest; hoi-dap.md quotes the same messages.
    checked = (DOCS / "troubleshooting.md").read_text(encoding="utf-8")
    quoted = _TEXT.findall((DOCS / "vi" / "hoi-dap.md").read_text(encoding="utf-8"))
    assert len(quoted) >= 4
    for message in quoted:
        assert message.strip() in checked, message


def _outputs_after_commands(page: Path) -> list[tuple[str, str]]:
    """Each ``sh`` block directly followed by a ``text`` block: the command and its output."""
    text = page.read_text(encoding="utf-8")
    pairs = re.findall(
        r"^```sh\n([^`]*?)^```\n\n```text\n([^`]*?)^```", text, re.MULTILINE | re.DOTALL
    )
    return [(command.strip(), output) for command, output in pairs]


@pytest.mark.parametrize("page", ["how-to.md", "vi/huong-dan.md"])
def test_the_how_to_shows_what_its_commands_print(
    page: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    pairs = _outputs_after_commands(DOCS / page)
    assert len(pairs) >= 2
    for command, output in pairs:
        capsys.readouterr()
        assert main(_arguments(command)) == 0, command
        printed = capsys.readouterr().out
        for line in output.splitlines():
            assert line.strip() in printed, (command, line)


_TOML = re.compile(r"^```toml\n(.*?)^```", re.MULTILINE | re.DOTALL)


def test_every_target_type_example_loads() -> None:
    preamble, *examples = _TOML.findall((DOCS / "target-types.md").read_text(encoding="utf-8"))
    assert len(examples) >= 15
    for example in examples:
        plan = loads_plan(preamble + "\n" + example, name="target-types.md")
        assert len(plan.targets) == 1
    # All of them together are one plan: their ids are distinct.
    together = loads_plan(preamble + "\n".join(examples), name="target-types.md")
    assert {target.rule.__class__ for target in together.targets} == set(TARGET_TYPES.values())
