"""The public face: every exported name imports, ``__all__`` is sorted, and types are shipped."""

import importlib
import importlib.metadata
import pathlib

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
