"""Files in and out: plan files (TOML or JSON), observation CSV files, collection templates.

.. versionadded:: 0.1.0
"""

from policytargets.io.observation_files import (
    load_observations,
    loads_observations,
    read_observations,
)
from policytargets.io.plan_files import (
    SCHEMA_ID,
    PlanFormat,
    dump_plan,
    load_plan,
    loads_plan,
    locate_problems,
    plan_from_dict,
    plan_schema,
    plan_to_dict,
)
from policytargets.io.roster import load_units
from policytargets.io.template import collection_template

__all__ = [
    "SCHEMA_ID",
    "PlanFormat",
    "collection_template",
    "dump_plan",
    "load_observations",
    "load_plan",
    "load_units",
    "loads_observations",
    "loads_plan",
    "locate_problems",
    "plan_from_dict",
    "plan_schema",
    "plan_to_dict",
    "read_observations",
]
