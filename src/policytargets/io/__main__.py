"""Print the JSON Schema of plan files, generated from the format's declaration.

Run from the project's folder to regenerate the shipped schema::

    python -m policytargets.io > src/policytargets/io/plan.schema.json
"""

import sys

from policytargets.io.plan_format import schema_text

sys.stdout.buffer.write(schema_text().encode("utf-8"))
