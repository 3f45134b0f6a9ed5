"""``python -m voucherlib`` runs the command line."""

import sys

from voucherlib.cli import main

sys.exit(main())
