"""The README's command-line examples run as written, from a copy of the repository's files."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from policytargets.cli import main

ROOT = Path(__file__).resolve().parent.parent


def readme_commands(section: str) -> list[str]:
    """The shell lines of the first ``sh`` block after the heading ``section``."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    after = text[text.index(f"## {section}") :]
    block = re.search(r"```sh\n(.*?)```", after, re.DOTALL)
    assert block is not None
    joined = block.group(1).replace("\\\n", " ")
    return [
        line.strip()
        for line in joined.splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]


def test_the_command_line_section_activates_the_venv_of_the_quick_start() -> None:
    commands = readme_commands("On the command line")
    assert commands[0] == ". .venv/bin/activate"
    assert all(command.startswith("policytargets ") for command in commands[1:])
    assert len(commands) >= 5


def test_every_command_line_example_succeeds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    for command in readme_commands("On the command line")[1:]:
        words = shlex.split(command)[1:]  # what the shell passes to policytargets
        argv = [
            str(match)
            for word in words
            for match in (sorted(Path().glob(word)) if "*" in word else [word])
        ]
        code = main(argv)
        captured = capsys.readouterr()
        assert (command, code, captured.err) == (command, 0, ""), command
        assert captured.out or "--output" in argv
    assert (tmp_path / "plan77.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
