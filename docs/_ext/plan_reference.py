"""The plan-file reference, generated from the one declaration of the format.

``policytargets.io.plan_format`` declares every table and key of a plan file; the reader and
the JSON Schema derive from it, and so does this page. The directive::

    ```{plan-file-reference}
    :lang: vi
    ```

writes, for every table, each key with its kind, whether it is required or its default, the
values allowed, what it means (in the page's language) and an example taken from the plan
files shipped in ``examples/``. A table of kinds shows, for each kind of value, a wrong value
and the error the reader gives for it: the message is produced by loading a plan with that
mistake while the docs are built, so it is always the one a user sees.
"""

from __future__ import annotations

import copy
import json
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

import policytargets as pt
from policytargets.io import loads_plan
from policytargets.io.plan_format import RULE_KEYS, TABLES, Key, rule_fields
from policytargets.targets import TARGET_TYPES

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

WORDS = {
    "en": {
        "key": "key",
        "kind": "kind",
        "need": "required / default",
        "allowed": "allowed values",
        "meaning": "meaning",
        "example": "example",
        "required": "required",
        "optional": "optional",
        "keys_of": "Keys of each target type",
        "type": "type",
        "takes": "keys it takes (required in bold)",
        "kinds": "Kinds of value, and the error for a wrong one",
        "wrong": "a wrong value",
        "error": "what policytargets says",
        "refused": "Refused here",
        "rule_keys": "Keys that depend on the target type",
    },
    "vi": {
        "key": "khóa",
        "kind": "kiểu",
        "need": "bắt buộc / mặc định",
        "allowed": "giá trị cho phép",
        "meaning": "ý nghĩa",
        "example": "ví dụ",
        "required": "bắt buộc",
        "optional": "không bắt buộc",
        "keys_of": "Các khóa của từng loại chỉ tiêu",
        "type": "loại",
        "takes": "các khóa (in đậm: bắt buộc)",
        "kinds": "Các kiểu giá trị, và thông báo lỗi khi ghi sai",
        "wrong": "giá trị ghi sai",
        "error": "thông báo của policytargets (tiếng Anh)",
        "refused": "Không dùng ở đây",
        "rule_keys": "Các khóa tùy theo loại chỉ tiêu",
    },
}

# One plan that loads, and for each kind of value one key of that kind given a wrong value.
_VALID: dict[str, Any] = {
    "schema": "policytargets/plan@1",
    "plan": {"id": "p", "title": "T", "effective": "2023-01-01"},
    "populations": [{"id": "agencies", "name": "P", "units": [{"id": "a", "name": "A"}]}],
    "targets": [
        {
            "id": "t",
            "type": "threshold-share",
            "title": "T",
            "population": "agencies",
            "measure": "m",
            "milestones": [{"by": 2025, "require": ">= 70%"}],
        }
    ],
}
_MISTAKES: dict[str, tuple[str, str, Any]] = {
    "identifier": ("plan", "id", " plan 77"),
    "text": ("plan", "title", 77),
    "texts": ("plan", "implements", "348/QĐ-TTg"),
    "date": ("plan", "effective", "31/02/2023"),
    "period": ("targets.0.milestones.0", "by", "2025-Q5"),
    "requirement": ("targets.0.milestones.0", "require", "about 70%"),
    "condition": ("targets.0", "condition", "security-level >>= 3"),
    "flag": ("targets.0", "carry_forward", "yes"),
    "choice": ("targets.0", "interpolation", "curved"),
    "target-type": ("targets.0", "type", "average"),
    "schedule": ("targets.0", "schedule", {"2024": "a lot"}),
    "value": ("targets.0", "baseline", {"period": 2023, "value": "one third"}),
}


def kind_errors() -> Iterator[tuple[str, Any, str]]:
    """Each kind with a wrong value for it and the message the reader gives, as printed."""
    for kind, (path, key, wrong) in _MISTAKES.items():
        plan = copy.deepcopy(_VALID)
        table = plan
        for part in path.split("."):
            table = table[int(part)] if part.isdigit() else table[part]
        table[key] = wrong
        try:
            loads_plan(json.dumps(plan), format="json", name="plan.json")
        except pt.PlanError as error:
            yield kind, {key: wrong}, str(error.problems[0])
        else:  # pragma: no cover - a mistake that loads is a bug in this page
            msg = f"{kind}: {key} = {wrong!r} was accepted"
            raise AssertionError(msg)


def _examples() -> dict[tuple[str, str], Any]:
    """The first value of each (table, key) in the plan files shipped as examples."""
    found: dict[tuple[str, str], Any] = {}

    def walk(table_name: str, data: Mapping[str, Any]) -> None:
        table = TABLES[table_name]
        for name, value in data.items():
            key = _find(table_name, name)
            if key is None:
                continue
            found.setdefault((table_name, name), value)
            if key.kind == "table" and isinstance(value, Mapping) and key.table:
                walk(key.table, value)
            elif key.kind == "tables" and isinstance(value, list) and key.table:
                for item in value:
                    if isinstance(item, Mapping):
                        walk(key.table, item)
        del table

    for path in sorted(EXAMPLES.rglob("*.toml")):
        walk("file", tomllib.loads(path.read_text(encoding="utf-8")))
    return found


def _find(table_name: str, name: str) -> Key | None:
    table = TABLES[table_name]
    if name in table.names:
        return table.key(name)
    if table_name == "target":
        return RULE_KEYS.get(name)
    return None


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return str(value)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _code(text: str, limit: int = 60) -> str:
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"`` {text} ``" if "`" in text else f"`{text}`"


def _key_rows(table_name: str, keys: tuple[Key, ...], lang: str, examples: Any) -> list[str]:
    w = WORDS[lang]
    rows = [
        f"| {w['key']} | {w['kind']} | {w['need']} | {w['allowed']} | {w['meaning']} "
        f"| {w['example']} |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for key in keys:
        need = w["required"] if key.required else w["optional"]
        if key.default is not None:
            need = f"{w['optional']}, `{_toml(key.default)}`"
        allowed = ", ".join(f"`{c}`" for c in key.choices)
        if key.kind == "target-type":
            allowed = ", ".join(f"`{t}`" for t in TARGET_TYPES)
        kind = f"[{key.table}](#{_anchor(key.table, lang)})" if key.table else key.kind
        example = None if key.nested else examples.get((table_name, key.name))
        shown = _code(f"{key.name} = {_toml(example)}") if example is not None else "—"
        meaning = key.vi if lang == "vi" else key.en
        rows.append(
            f"| `{key.name}` | {kind} | {need} | {allowed} | {_cell(meaning)} | {_cell(shown)} |"
        )
    return rows


def _anchor(table_name: str, lang: str) -> str:
    return f"plan-{lang}-{table_name}"


def reference(lang: str) -> str:
    """The reference, as MyST Markdown, in ``lang``."""
    w = WORDS[lang]
    examples = _examples()
    lines: list[str] = []
    for table in TABLES.values():
        heading = "the file" if table.name == "file" else table.name
        if lang == "vi" and table.name == "file":
            heading = "toàn tệp"
        lines += [f"({_anchor(table.name, lang)})=", f"## `{heading}`", ""]
        lines += [table.vi if lang == "vi" else table.en, ""]
        lines += _key_rows(table.name, table.keys, lang, examples)
        lines.append("")
        if table.refused:
            refused = "; ".join(f"`{k}` {why}" for k, why in table.refused.items())
            lines += [f"{w['refused']}: {refused}.", ""]
        if table.name == "target":
            lines += [f"### {w['rule_keys']}", ""]
            lines += _key_rows("target", tuple(RULE_KEYS.values()), lang, examples)
            lines += ["", f"### {w['keys_of']}", ""]
            lines += [f"| {w['type']} | {w['takes']} |", "| --- | --- |"]
            for kind in TARGET_TYPES:
                fields = rule_fields(kind)
                keys = ", ".join(
                    f"**`{name}`**" if needed else f"`{name}`" for name, needed in fields.items()
                )
                lines.append(f"| `{kind}` | {keys} |")
            lines.append("")
    lines += [f"## {w['kinds']}", "", f"| {w['kind']} | {w['wrong']} | {w['error']} |"]
    lines.append("| --- | --- | --- |")
    for kind, wrong, message in kind_errors():
        shown = ", ".join(f"{k} = {_toml(v)}" for k, v in wrong.items())
        lines.append(f"| {kind} | {_code(shown)} | {_cell(message)} |")
    return "\n".join(lines) + "\n"


class PlanFileReference(SphinxDirective):
    """``{plan-file-reference}`` with ``:lang: en`` (default) or ``vi``."""

    option_spec = {"lang": lambda text: directives.choice(text, ("en", "vi"))}  # noqa: RUF012

    def run(self) -> list[Any]:
        text = reference(self.options.get("lang", "en"))
        return self.parse_text_to_nodes(text, allow_section_headings=True)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("plan-file-reference", PlanFileReference)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
