"""``python -m lmcourse``: the instructor's command (see :mod:`lmcourse.grading.cli`)."""

import sys

from .grading.cli import main

if __name__ == "__main__":
    sys.exit(main())
