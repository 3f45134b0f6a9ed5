"""``python -m voucherlib`` runs the command line."""

import sys

from voucherlib.cli import main, quiet_workbook_warnings

quiet_workbook_warnings()
sys.exit(main())
