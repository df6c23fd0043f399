"""The public face: every exported name imports, ``__all__`` is sorted, and types are shipped."""

import importlib
import importlib.metadata
import pathlib
import subprocess
import sys

import pytest

import policytargets as pt


def test_every_name_in_all_imports() -> None:
    module = importlib.import_module("policytargets")
    for name in pt.__all__:
        assert getattr(module, name) is not None, name


def test_all_is_sorted_and_unique() -> None:
    assert list(pt.__all__) == sorted(pt.__all__)
    assert len(set(pt.__all__)) == len(pt.__all__)


def test_the_core_names_are_public() -> None:
    for name in ("Plan", "evaluate", "ThresholdShare", "Ratio", "BooleanCompliance", "Growth"):
        assert name in pt.__all__


def test_version_comes_from_the_installed_metadata() -> None:
    assert pt.__version__ == importlib.metadata.version("policytargets")


def test_the_package_ships_type_information() -> None:
    assert (pathlib.Path(pt.__file__).parent / "py.typed").is_file()


def test_errors_are_value_errors_under_one_root() -> None:
    for error in (pt.PlanError, pt.DataError):
        assert issubclass(error, pt.PolicyTargetsError)
        assert issubclass(error, ValueError)


def test_importing_the_package_loads_no_reader_writer_or_report() -> None:
    """``import policytargets`` stays cheap: files, reports, trend methods and metadata load on
    first use."""
    code = (
        "import sys, policytargets\n"
        "heavy = ['policytargets.report', 'policytargets.io', 'policytargets.progress',\n"
        "         'policytargets.projection', 'json', 'csv', 'tomllib', 'importlib.metadata',\n"
        "         'difflib', 'dateutil.rrule']\n"
        "print(' '.join(name for name in heavy if name in sys.modules))\n"
    )
    loaded = printed_by(code)
    assert loaded == []


def printed_by(code: str) -> list[str]:
    """The words a script prints, run in a fresh interpreter."""
    return subprocess.run(  # noqa: S603 - this interpreter, with a fixed script
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()


def test_lazy_names_load_on_first_use() -> None:
    assert pt.load_plan is importlib.import_module("policytargets.io").load_plan
    assert pt.report is importlib.import_module("policytargets.report")
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = pt.nothing  # type: ignore[attr-defined]
    assert {"load_plan", "__version__", "evaluate"} <= set(dir(pt))


def test_the_condition_parser_loads_on_first_use() -> None:
    code = (
        "import sys, policytargets as pt\n"
        "before = 'policytargets.targets.conditions' in sys.modules\n"
        "share = pt.ThresholdShare(population='a', condition='score >= 3')\n"
        "module = sys.modules['policytargets.targets.conditions']\n"
        "print(before, pt.Condition is module.Condition is pt.targets.Condition,\n"
        "      type(share.condition) is module.Condition)\n"
    )
    assert printed_by(code) == ["False", "True", "True"]
    assert pt.targets.conditions is importlib.import_module("policytargets.targets.conditions")
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = pt.targets.nothing  # type: ignore[attr-defined]
