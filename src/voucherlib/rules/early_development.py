"""R5. The target group of early childhood development (Annex 2.2, Art. 3, para 1
of the 2021 State Program (Decree No. 825), as worded by Decree No. 467, Art. 1, para 2(b.a)).

Children from birth to age seven, *including the month in which the child turns seven*, with
developmental delay, disability or risk confirmed by an ICD-10 diagnosis of Annex 2.14. At
most 20,432 visits a month are funded, shared out by municipality (see
:func:`voucherlib.limits_in_use` with Annex 2.2).

Decision D14: a child is in the target group in month M when born on or before the last day
of M and M is not after the month of the seventh birthday. Birthdays are computed with
``dateutil.relativedelta``, so a child born on 29 February turns seven on 28 February. The
diagnosis is not checked here: it is a medical fact the caller knows. In force from 1 Oct 2021.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, Literal, Self

from dateutil.relativedelta import relativedelta
from pydantic import model_validator

from voucherlib.core.citation import Citation
from voucherlib.core.errors import InvalidInput, expected
from voucherlib.core.frozen import CheckResult
from voucherlib.core.month import Month, MonthLike, as_date, dates_by_policy
from voucherlib.core.phrases import check_lang
from voucherlib.core.ruleset import RuleSet, resolve_rules
from voucherlib.core.trace import Quantity, Step

__all__ = ["TargetGroupCheck", "in_early_development_target_group"]

AGE = "early_development.target_group.age_years"
GroupReason = Literal["in_group", "not_born_yet", "past_age_limit"]
"""Why a child is, or is not, of the target group's age in a month."""
_GIVEN = "what the birth date, the month and the age limit give"


class TargetGroupCheck(CheckResult):
    """Whether a child is of the Annex 2.2 target group's age in a month, and why. True in a boolean
    test. The group also asks for a diagnosis of Annex 2.14, which is not checked here (D14): the
    caller checks it. Made in code, its birthday, last month and reason must be those its birth
    date, month and age limit give (review 191 F2), and a copy with an update is refused."""

    made_by: ClassVar[str] = "in_early_development_target_group"
    """The function that makes the check: called again with a changed input, the check made anew."""

    birth_date: dt.date
    """The child's date of birth."""
    month: Month
    """The month asked about."""
    age_limit: int
    """The age the target group ends at (7)."""
    birthday: dt.date
    """The day the child reaches the age limit (its seventh birthday)."""
    last_month: Month
    """The last month in the target group: the month of that birthday, under the age limit in force
    in :attr:`month` (a rule set that changes the limit later answers for those months by their own
    limit: review 220 F5)."""
    reason: GroupReason
    """``in_group``, ``not_born_yet`` or ``past_age_limit``."""
    citation: Citation
    """Annex 2.2, Art. 3, para 1, as worded by Decree 467."""

    _dates = dates_by_policy(
        "birth_date", "birthday", required=True
    )  # (review 234 F2: 0 was 1970-01-01, a number seconds)

    @model_validator(mode="after")
    def _as_its_dates_give(self) -> Self:
        if self.age_limit < 0:  # (review 199 F4: "turned -3")
            raise InvalidInput("TargetGroupCheck.age_limit", self.age_limit, "a whole number of years, 0 or more")
        answer = _answer(self.birth_date, self.month, self.age_limit, self.birth_date)
        for name, value in zip(("birthday", "last_month", "reason"), answer, strict=True):
            if getattr(self, name) != value:
                raise InvalidInput(f"TargetGroupCheck.{name}", getattr(self, name), f"{value} ({_GIVEN})")
        return self

    @property
    def in_group(self) -> bool:
        """True when the child is of the target group's age in the month (``reason ==
        "in_group"``; the diagnosis of Annex 2.14 is the caller's to check, D14)."""
        return self.reason == "in_group"

    def __bool__(self) -> bool:
        return self.in_group

    def explain(self, lang: str = "en") -> str:
        """The answer with its reason (D14) and the provision, in English or Georgian: :meth:`trace` as text."""
        return self.trace().explain(check_lang(lang))

    def trace(self) -> Step:
        """The answer as data: one step, keyed by the reason (``target_group.in_group`` ...), its
        value whether the child is in the group, the dates it rests on, D14 and the citation."""
        return Step(
            f"target_group.{self.reason}",
            self.in_group,
            "yes/no",
            (
                Quantity("birth_date", self.birth_date, "date"),
                Quantity("month", str(self.month), "month"),
                Quantity("age_limit", self.age_limit, "years"),
                Quantity("birthday", self.birthday, "date"),
                Quantity("last_month", str(self.last_month), "month"),
            ),
            self.citation,
            ("D14",),
            rule="R5",
        )


def _answer(born: dt.date, m: Month, age: int, given: Any) -> tuple[dt.date, Month, GroupReason]:
    """(the day a child born on ``born`` reaches ``age``, the month of that day, whether the child
    is of the group's age in ``m``): R5, D14; ``given`` is the birth date as given, named when the
    birthday is past the calendar."""
    try:  # (review 74: 9999-12-31, a records system's "unknown", was a bare ValueError)
        birthday = born + relativedelta(years=age)
        last = Month.of(birthday)
    except (ValueError, OverflowError):  # (InvalidInput of the month is a ValueError too)
        raise InvalidInput("birth_date", given, expected("birth_date_in_range", age=age)) from None
    if born > m.last_day:
        return birthday, last, "not_born_yet"
    return birthday, last, "past_age_limit" if m > last else "in_group"


def in_early_development_target_group(
    birth_date: dt.date | str, month: MonthLike, *, rules: RuleSet | None = None
) -> TargetGroupCheck:
    """Is a child born on ``birth_date`` of the Annex 2.2 target group's age in ``month`` (R5, D14)?
    The group's diagnosis (Annex 2.14) is not checked: the caller checks it.

    >>> bool(in_early_development_target_group("2014-10-31", "2021-10"))  # turns 7 this month
    True
    >>> in_early_development_target_group("2014-10-31", "2021-11").reason
    'past_age_limit'
    """
    born = as_date(birth_date, "birth_date")
    m = Month.of(month)
    runs = resolve_rules(rules).segments(AGE, m.first_day, m.last_day)
    answers = []
    for _, _, limit in runs:
        assert isinstance(limit.value, int)
        answers.append((limit, *_answer(born, m, limit.value, birth_date)))
    # A month within which the age limit changes: answered when the child's answer is the same under
    # each limit (the last one's figures), else refused naming the limits and their days (review 193
    # F3: the first day's limit answered the month; review 199 F1: every child was refused)
    if len({answer[3] for answer in answers}) > 1:
        limits = ", ".join(f"{v.value}: {start.isoformat()}..{end.isoformat()}" for start, end, v in runs)
        raise InvalidInput("month", str(m), expected("one_age_limit_a_month", month=m, limits=limits))
    value, birthday, last, reason = answers[-1]
    age = value.value
    assert isinstance(age, int)
    return TargetGroupCheck(
        birth_date=born,
        month=m,
        age_limit=age,
        birthday=birthday,
        last_month=last,
        reason=reason,
        citation=value.citation,
    )
