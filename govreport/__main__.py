"""``python -m govreport``: the command line, as the ``govreport`` script runs it."""

import sys

from govreport.cli import main

sys.exit(main())
