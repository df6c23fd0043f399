"""The reasons a data row is read by no target, generated from the engine's own list.

``policytargets.assess.ROW_REASONS`` lists the reason codes, in the order reports show them;
each report language says every reason with its own template (``Labels.messages``). The
directive::

    ```{row-reasons}
    :lang: vi
    ```

writes a table of every code with the sentence a report in that language writes for it, so
that a new reason appears in the docs with no edit to them.
"""

from __future__ import annotations

from typing import Any

from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from policytargets.assess import ROW_REASONS
from policytargets.report.labels import labels_for

WORDS = {
    "en": {
        "code": "code",
        "sentence": "what a report says",
        "count": "N",
        "rows": "file: lines",
        "measures": "measures",
    },
    "vi": {
        "code": "mã",
        "sentence": "báo cáo ghi",
        "count": "N",
        "rows": "tệp: các dòng",
        "measures": "các chỉ số",
    },
}


def reasons_table(lang: str) -> str:
    """A Markdown table: each reason code and its sentence in ``lang``, placeholders in italics."""
    words = WORDS[lang]
    messages = labels_for("vi" if lang == "vi" else "en").messages
    lines = [f"| {words['code']} | {words['sentence']} |", "| --- | --- |"]
    for code in ROW_REASONS:
        sentence = messages[code].format_map(
            {name: f"*{words[name]}*" for name in ("count", "rows", "measures")}
        )
        lines.append(f"| `{code}` | {sentence} |")
    return "\n".join(lines) + "\n"


class RowReasons(SphinxDirective):
    """``{row-reasons}`` with ``:lang: en`` (default) or ``vi``."""

    option_spec = {"lang": lambda text: directives.choice(text, ("en", "vi"))}  # noqa: RUF012

    def run(self) -> list[Any]:
        return self.parse_text_to_nodes(reasons_table(self.options.get("lang", "en")))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("row-reasons", RowReasons)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
