"""``python -m purenn``: see purenn/app/cli.py for the options."""

import sys

from purenn.app.cli import main

if __name__ == "__main__":
    sys.exit(main())
