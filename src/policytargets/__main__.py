"""``python -m policytargets``: the command line (see :mod:`policytargets.cli`)."""

import sys

from policytargets.cli import main

if __name__ == "__main__":
    sys.exit(main())
