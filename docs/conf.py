"""Sphinx configuration for the policytargets documentation."""

import importlib.metadata
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_ext"))

project = "policytargets"
author = "The policytargets contributors"
copyright = "2026, The policytargets contributors"
release = importlib.metadata.version("policytargets")
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
    "plan_reference",
    "row_reasons",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
myst_enable_extensions = ["colon_fence", "deflist", "dollarmath"]
myst_heading_anchors = 3
exclude_patterns = ["_build", "_ext"]

napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_attr_annotations = True
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_default_options = {"members": True, "show-inheritance": False}

# The build is offline (no intersphinx), so references to the standard library and to attrs
# cannot resolve; everything else must (`-n`).
nitpick_ignore_regex = [
    (r"py:.*", r"(fractions|datetime|decimal|collections\.abc|typing|types|enum|re)\..*"),
    (r"py:.*", r"(Fraction|Decimal|Mapping|Iterable|Iterator|Sequence|Callable|Any|Literal)"),
    (r"py:.*", r"(dt|attrs|argparse|pathlib|os)\..*"),
    (r"py:.*", r"(Value|Lang|ValueKind|ReadResult|Method|Number|Direction|PathLike)"),
    (r"py:.*", r"policytargets\..*\.(Value|Lang|ValueKind|ReadResult|Method|Number|Direction)"),
    (r"py:.*", r"(policytargets\..*\.)?(Expression|Operand)"),
    (r"py:.*", r"(policytargets\.quantities\.)?DecimalSeparator"),
    (r"py:class", r"policytargets\.errors\._ProblemsError"),
    (r"py:class", r"hypothesis\..*"),  # the optional extra of policytargets.testing
]

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

doctest_global_setup = f"""
from pathlib import Path
EXAMPLES = Path({str(EXAMPLES)!r})
import datetime
import datetime as dt
from fractions import Fraction
import policytargets as pt
from policytargets import *
from policytargets.quantities import *
from policytargets.timeline import *
from policytargets.report import render, render_schedule
"""

html_theme = "alabaster"
html_title = "policytargets"
html_static_path: list[str] = []
