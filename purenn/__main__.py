"""``python -m purenn``: see purenn/app/cli/ for the commands and their options."""

import sys

from purenn.app.cli import main

if __name__ == "__main__":
    sys.exit(main())
