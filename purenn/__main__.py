"""``python -m purenn``: see purenn/cli.py for the options."""

import sys

from purenn.cli import main

if __name__ == "__main__":
    sys.exit(main())
