"""The words of the explanations, in English and Georgian.

Each rule module builds its explanation from these phrases, so that ``explain(lang="ka")``
says the same steps in Georgian. A phrase is a format string with named fields.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from voucherlib.core.errors import InvalidInput

__all__ = ["LANGUAGES", "check_lang", "day_span", "say"]

LANGUAGES = ("en", "ka")

_PHRASES: dict[str, tuple[str, str]] = {
    "voucher.head": (
        "Youth voucher (Annex 2.12), service month {month}:",
        "ახალგაზრდის ვაუჩერი (დანართი №2.12), მომსახურების თვე {month}:",
    ),
    "voucher.enrolled_before": ("before the month", "თვის დაწყებამდე"),
    "voucher.not_discharged": ("not discharged", "არ არის ამორიცხული"),
    "voucher.discharged": ("discharged {date}", "ამორიცხულია {date}"),
    "voucher.discharge_counted": ("the discharge day counted", "ამორიცხვის დღე ითვლება"),
    "voucher.discharge_not_counted": ("the discharge day not counted", "ამორიცხვის დღე არ ითვლება"),
    "voucher.no_service": (
        "  enrolled {enrolled}, {discharged}: no day of service in {month} ({rule}; D1)",
        "  ჩარიცხულია {enrolled}, {discharged}: {month}-ში მომსახურების დღე არ არის ({rule}; D1)",
    ),
    "voucher.service": (
        "  enrolled {enrolled}, {discharged}: service {first} to {last} = {days} days{whole} ({rule}; D1)",
        "  ჩარიცხულია {enrolled}, {discharged}: მომსახურება {first} – {last} = {days} დღე{whole} ({rule}; D1)",
    ),
    "voucher.whole_month": (" (the whole month)", " (მთელი თვე)"),
    "voucher.rate_with": (
        "  {days} days with disability status x {rate} GEL/day = {amount} GEL  [{cite}]",
        "  {days} დღე შეზღუდული შესაძლებლობის სტატუსით x {rate} ლარი/დღე = {amount} ლარი  [{cite}]",
    ),
    "voucher.rate_without": (
        "  {days} days without disability status x {rate} GEL/day = {amount} GEL  [{cite}]",
        "  {days} დღე შეზღუდული შესაძლებლობის სტატუსის გარეშე x {rate} ლარი/დღე = {amount} ლარი  [{cite}]",
    ),
    "voucher.amount": (
        "  amount: {amount} GEL (rounded to the tetri, half up; D3)",
        "  თანხა: {amount} ლარი (დამრგვალებულია თეთრამდე; D3)",
    ),
    "settle.due": (
        "  document due by {deadline} (D6)  [{cite}]",
        "  დოკუმენტის წარდგენის ვადა: {deadline} (D6)  [{cite}]",
    ),
    "settle.rolled": (
        "  document due on {nominal}, not a working day ({reason}); rolled to {deadline} (D6)  [{cite}]",
        "  ვადა {nominal} არასამუშაო დღეა ({reason}); გადაიწევს {deadline}-მდე (D6)  [{cite}]",
    ),
    "settle.in_time": (
        "  submitted {submitted}: in time, nothing deducted",
        "  წარდგენილია {submitted}: ვადაში, არაფერი იქვითება",
    ),
    "settle.late": (
        "  submitted {submitted}: {late} working days late ({days}; D7)",
        "  წარდგენილია {submitted}: {late} სამუშაო დღით დაგვიანებით ({days}; D7)",
    ),
    "settle.deduction": (
        "  deduction: {per_day}% x {late} = {percent}% of {amount} GEL = {deduction} GEL (D8)  [{cite}]",
        "  დაქვითვა: {per_day}% x {late} = {percent}% ({amount} ლარიდან) = {deduction} ლარი (D8)  [{cite}]",
    ),
    "settle.not_funded": (
        "  more than {max_late} working days late: the voucher is NOT FUNDED (D8)  [{cite}]",
        "  {max_late} სამუშაო დღეზე მეტი დაგვიანება: ვაუჩერის ტალონი დაფინანსებას არ ექვემდებარება (D8)  [{cite}]",
    ),
    "settle.payable": (
        "  payable: {payable} GEL, to be paid by {due} (D9)",
        "  ასანაზღაურებელი: {payable} ლარი, ანაზღაურდება {due}-ის ჩათვლით (D9)",
    ),
    "settle.nothing": ("  payable: nothing (not funded)", "  ასანაზღაურებელი: არაფერი (არ ფინანსდება)"),
    "service.shelter": ("shelter", "თავშესაფარი"),
    "service.day_centre": ("day centre", "დღის ცენტრი"),
    "days.span": ("{first} to {last}", "{first} – {last}"),
    "facility.head": (
        "{Service} in {city}, limit {limit} places, {month} (Annex 2.8):",
        "{Service} ({city}), ლიმიტი {limit} ადგილი, {month} (დანართი №2.8):",
    ),
    "facility.no_cap": (
        "  no per-facility cap on paid beneficiaries in {city} for a {service} (R4, D13){cite}",
        "  ანაზღაურებად ბენეფიციართა ზღვარი არ არის დადგენილი ({city}, {service}) (R4, D13){cite}",
    ),
    "facility.cap": (
        "  paid beneficiaries per day: at most {cap} (R4, D13){cite}",
        "  ანაზღაურებადი ბენეფიციარები დღეში: არაუმეტეს {cap} (R4, D13){cite}",
    ),
    "facility.run": (
        "  {span} ({days} d): {served} served, {paid} paid",
        "  {span} ({days} დღე): მომსახურება მიიღო {served}, ანაზღაურდება {paid}",
    ),
    "facility.paid_days": ("  paid beneficiary-days: {days}", "  ანაზღაურებადი ბენეფიციარ-დღეები: {days}"),
    "facility.no_rate": (
        "  amount for them: unknown (no per-beneficiary daily rate given)",
        "  მათი თანხა: უცნობია (ბენეფიციარის დღიური განაკვეთი მოცემული არ არის)",
    ),
    "facility.amount": (
        "  amount for them: {days} x {rate} GEL ({source}) = {amount} GEL",
        "  მათი თანხა: {days} x {rate} ლარი ({source}) = {amount} ლარი",
    ),
    "facility.rate_given": ("given by the caller", "მოცემულია მომხმარებლის მიერ"),
    "facility.within_cap": (
        "  compensation kept within the R4 cap of each day (D20, the other reading): {withheld} GEL withheld",
        "  კომპენსაცია ყოველი დღის R4 ზღვარს არ აღემატება (D20, სხვა განმარტება): დაკავებულია {withheld} ლარი",
    ),
    "facility.total": ("  total: {total} GEL", "  სულ: {total} ლარი"),
    "places.head": (
        "Unfilled places of a {service} with a limit of {limit} places, {month} (R3, D11):",
        "შეუვსებელი ადგილები ({service}, ლიმიტი {limit} ადგილი), {month} (R3, D11):",
    ),
    "places.run": (
        "  {span} ({days} d): {served} served, {unfilled} unfilled, at most {cap} paid (50% of the limit): "
        "{paid} x {rate} GEL x {days} d = {amount} GEL  {cite}",
        "  {span} ({days} დღე): მომსახურება მიიღო {served}, შეუვსებელია {unfilled}, ანაზღაურდება არაუმეტეს {cap} "
        "(ლიმიტის 50%): {paid} x {rate} ლარი x {days} დღე = {amount} ლარი  {cite}",
    ),
    "places.total": (
        "  compensated place-days: {place_days}; amount: {amount} GEL",
        "  ანაზღაურებული ადგილ-დღეები: {place_days}; თანხა: {amount} ლარი",
    ),
}


def check_lang(lang: Any) -> str:
    if lang not in LANGUAGES:
        raise InvalidInput("lang", lang, "'en' (English) or 'ka' (Georgian)")
    return str(lang)


def say(lang: str, key: str, **fields: Any) -> str:
    """Phrase ``key`` in ``lang``, filled with ``fields``."""
    en, ka = _PHRASES[key]
    return (ka if lang == "ka" else en).format(**fields)


def day_span(first: dt.date, last: dt.date, lang: str = "en") -> str:
    """``"2021-09-01"`` for one day, ``"2021-09-01 to 2021-09-30"`` for a run of days."""
    if first == last:
        return first.isoformat()
    return say(lang, "days.span", first=first.isoformat(), last=last.isoformat())
