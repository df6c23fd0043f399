"""The ``json`` format: exactly the scorecard's dictionary (the JSON contract).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import json

from policytargets.assess import Scorecard

__all__ = ["render_json"]


def render_json(scorecard: Scorecard) -> str:
    """``Scorecard.to_dict()`` as indented JSON, keys in the contract's order, and a newline.

    Non-ASCII text is kept as is (UTF-8), so Vietnamese titles stay readable.

    .. versionadded:: 0.1.0
    """
    return json.dumps(scorecard.to_dict(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
