"""The words of the explanations, in English and Georgian.

Each rule module builds its explanation from these phrases, so that ``explain(lang="ka")``
says the same steps in Georgian. A phrase is a format string with named fields.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping
from typing import Any

from voucherlib.core.errors import InvalidInput, label_printed, printable

__all__ = [
    "LANGUAGES",
    "check_lang",
    "fill",
    "georgian_text",
    "has_georgian",
    "has_phrase",
    "parameter_said",
    "phrase",
    "phrase_keys",
    "row_spans",
    "say",
    "template",
]

LANGUAGES = ("en", "ka")

_PHRASES: dict[str, tuple[str, str]] = {
    # R1, the youth voucher of a month (Annex 2.12)
    "voucher": (
        "Youth voucher (Annex 2.12), service month {month}:",
        "ახალგაზრდის ვაუჩერი (დანართი №2.12), მომსახურების თვე {month}:",
    ),
    "voucher.enrolled_before": ("before the month", "თვის დაწყებამდე"),
    "voucher.not_discharged": ("not discharged", "არ არის ამორიცხული"),
    "voucher.discharged": ("discharged {date}", "ამორიცხულია {date}"),
    "voucher.discharge_counted": ("the discharge day counted", "ამორიცხვის დღე ითვლება"),
    "voucher.discharge_not_counted": ("the discharge day not counted", "ამორიცხვის დღე არ ითვლება"),
    "voucher.no_service": (
        "enrolled {enrolled}, {discharged}: no day of service in {month}{rule}",
        "ჩარიცხულია {enrolled}, {discharged}: {month}-ში მომსახურების დღე არ არის{rule}",
    ),
    "voucher.service": (
        "enrolled {enrolled}, {discharged}: service {first} to {last} = {value} days{whole}{rule}",
        "ჩარიცხულია {enrolled}, {discharged}: მომსახურება {first} – {last} = {value} დღე{whole}{rule}",
    ),
    "voucher.whole_month": (" (the whole month)", " (მთელი თვე)"),
    "voucher.status_days": (
        "disability status on {periods} (days of service with it: {value})",
        "შეზღუდული შესაძლებლობის სტატუსი: {periods} (მომსახურების დღეები სტატუსით: {value})",
    ),
    "voucher.rate_with": (
        "{days} days with disability status x {daily_rate:.2f} GEL/day = {value:.2f} GEL",
        "{days} დღე შეზღუდული შესაძლებლობის სტატუსით × {daily_rate:.2f} ლარი/დღე = {value:.2f} ლარი",
    ),
    "voucher.rate_without": (
        "{days} days without disability status x {daily_rate:.2f} GEL/day = {value:.2f} GEL",
        "{days} დღე შეზღუდული შესაძლებლობის სტატუსის გარეშე × {daily_rate:.2f} ლარი/დღე = {value:.2f} ლარი",
    ),
    "voucher.amount": (
        "amount: {value} GEL (rounded to the tetri, half up)",
        "თანხა: {value} ლარი (დამრგვალებულია თეთრის სიზუსტით, ნახევარი თეთრი — მეტობით)",  # (D3's half up: review 58)
    ),
    # R2, the deadline and the late penalty (Annex 2.12, Art. 4, para 5)
    "settle": (
        "Settlement of service month {month}: {payable}",
        "ანგარიშსწორება, მომსახურების თვე {month}: {payable}",
    ),
    # the head's words: the sum payable, or (funded False) that the voucher is not funded, which
    # is not a sum of 0.00 (D8; review 134: "payable 0.00 GEL", as a month without a day served)
    "settle.head_payable": ("payable {value} GEL", "ასანაზღაურებელი {value} ლარი"),
    "settle.head_not_funded": ("NOT FUNDED, nothing payable", "არ ფინანსდება, ასანაზღაურებელი არაფერია"),
    "settle.calendar": (
        "working days: Monday to Friday but {calendar}",
        "სამუშაო დღეები: ორშაბათიდან პარასკევის ჩათვლით; არასამუშაო დღეებად ითვლება {calendar_ka}",
    ),
    "settle.due": ("document due by {value}", "დოკუმენტის წარდგენის ვადა: {value}"),
    # the days counted reach past the last day the declared days off are known for (D52; review 275 F2)
    "settle.days_off_unknown": (
        "the days off the Government declared are known through {value}: a weekday after it that is no Labour Code"
        " holiday is counted as a working day (a day off declared since is not counted unless given to the calendar)",
        "მთავრობის მიერ გამოცხადებული უქმე დღეები ცნობილია {value}-ის ჩათვლით: მის შემდეგ ორშაბათიდან პარასკევის"
        " ჩათვლით ყოველი დღე, რომელიც შრომის კოდექსის უქმე დღე არ არის, სამუშაო დღედ ითვლება (მას შემდეგ"
        " გამოცხადებული უქმე დღე არ ითვლება, თუ ის კალენდარს არ მიეთითა)",
    ),
    "settle.rolled": (
        "document due on {nominal}, not a working day ({reason}); rolled to {value}",
        "წარდგენის ვადის ბოლო დღე, {nominal}, არასამუშაო დღეა ({reason}); ვადა გადადის მომდევნო სამუშაო დღეზე — {value}",  # (review 143 F1: "-მდე" left the day out)
    ),
    "settle.in_time": (
        "submitted {submitted}: in time, nothing deducted",
        "წარდგენილია {submitted}: ვადაში, არაფერი იქვითება",
    ),
    # after the deadline on a day off, with no working day since it (D24; review 117: "in time")
    "settle.after_deadline": (
        "submitted {submitted}: after the deadline, but no working day has passed since it{not_counted}: 0 working"
        " days late, nothing deducted",
        "წარდგენილია {submitted}: ვადის გასვლის შემდეგ, თუმცა ვადის ბოლო დღიდან არცერთი სამუშაო დღე არ გასულა{not_counted}: "
        "დაგვიანებული სამუშაო დღე — 0, არაფერი იქვითება",
    ),
    "settle.late": (
        "submitted {submitted}: {value} working days late ({days}{not_counted})",
        "წარდგენილია {submitted}: {value} სამუშაო დღით დაგვიანებით ({days}{not_counted})",
    ),
    "settle.not_counted": ("; not counted, no working day: {days}", "; არ ითვლება, არასამუშაო დღე: {days}"),
    "settle.deduction": (
        "deduction: {per_day}% x {late} = {percent}% of {amount} GEL = {value} GEL",
        "დაქვითვა: {per_day}% × {late} = {amount} ლარის {percent}% = {value} ლარი",
    ),
    "settle.deduction_of_payable": (  # (D34: P% of the amount, rounded, is not the deduction: review 180 F1)
        "deduction: {per_day}% x {late} = {percent}% of {amount} GEL; payable {kept}% of it, {exact} GEL, "
        "rounded to {payable} GEL (half up): {amount} GEL - {payable} GEL = {value} GEL",
        "დაქვითვა: {per_day}% × {late} = {amount} ლარის {percent}%; ასანაზღაურებელია მისი {kept}%, {exact} ლარი, "
        "დამრგვალებით {payable} ლარი (ნახევარი თეთრი — მეტობით): {amount} ლარი − {payable} ლარი = {value} ლარი",
    ),
    "settle.deduction_capped": (
        "deduction: {per_day}% x {late} = {percent}%, more than the whole: capped at 100% of {amount} GEL = {value} GEL",
        "დაქვითვა: {per_day}% × {late} = {percent}%, რაც 100%-ს აღემატება: იქვითება {amount} ლარის 100% = {value} ლარი",
    ),
    "settle.not_funded": (
        "more than {max_late} working days late: the voucher is NOT FUNDED",
        "{max_late} სამუშაო დღეზე მეტი დაგვიანება: ვაუჩერის ტალონი დაფინანსებას არ ექვემდებარება",
    ),
    "settle.payable": (
        "payable: {value} GEL, to be paid by {due}",
        "ასანაზღაურებელი: {value} ლარი, ანაზღაურდება {due}-ის ჩათვლით",
    ),
    # D9's day as written, which a document submitted after it (still funded: its deadline rolled
    # past the 13th) came after (review 117: the line promised a day already gone, without a word)
    "settle.payable_after": (
        "payable: {value} GEL, to be paid by {due} as written, which is before the document came ({submitted})",
        "ასანაზღაურებელი: {value} ლარი; დადგენილებით განსაზღვრული ანაზღაურების ვადაა {due}-ის ჩათვლით, რაც "
        "დოკუმენტის წარდგენის თარიღზე ({submitted}) ადრეა",
    ),
    "settle.nothing": ("payable: nothing (not funded)", "ასანაზღაურებელი: არაფერი (არ ფინანსდება)"),
    # R3, R4: shelters and day centres (Annex 2.8, Art. 6, para 4 "g")
    "service.shelter": ("shelter", "თავშესაფარი"),
    "service.day_centre": ("day centre", "დღის ცენტრი"),
    "facility": (
        "{Service} in {city}, limit {limit} places, {month} (Annex 2.8):",
        "{Service}, {city}, ლიმიტი {limit} ადგილი, {month} (დანართი №2.8):",
    ),
    "facility.no_cap": (
        "no per-facility cap on paid beneficiaries in {city} for a {service}",
        "{city}: ანაზღაურებადი ბენეფიციარების ზღვარი არ არის ({service})",
    ),
    "facility.cap": (
        "paid beneficiaries per day: at most {value}",
        "ანაზღაურებადი ბენეფიციარი დღეში: არაუმეტეს {value}",
    ),
    "facility.caps": (
        "paid beneficiaries per day, at most: {caps}",
        "ანაზღაურებადი ბენეფიციარი დღეში, არაუმეტეს: {caps}",
    ),
    "facility.cap_run": ("{span}: at most {value}", "{span}: არაუმეტეს {value}"),
    "facility.no_cap_run": ("{span}: no cap", "{span}: ზღვარი არ არის"),
    "facility.run": (
        "{span} ({days} d): {served} served, {value} paid",
        "{span} ({days} დღე): მომსახურებული {served}, ანაზღაურებადი {value}",
    ),
    "facility.paid_days": ("paid beneficiary-days: {value}", "ანაზღაურებადი ბენეფიციარ-დღე: {value}"),
    "facility.no_rate": (
        "amount for them: unknown (no per-beneficiary daily rate given)",
        "მათი თანხა: უცნობია (ბენეფიციარის დღიური განაკვეთი არ არის მოცემული)",
    ),
    "facility.rate_changes": (
        "amount for them: unknown (the rule set's per-beneficiary daily rate changes within the month, on {day})",
        "მათი თანხა: უცნობია (წესების ნაკრებში ბენეფიციარის დღიური განაკვეთი თვის განმავლობაში იცვლება, {day})",
    ),
    "facility.amount": (
        "amount for them: {days} x {daily_rate:.2f} GEL ({source}) = {value:.2f} GEL",
        "მათი თანხა: {days} × {daily_rate:.2f} ლარი ({source}) = {value:.2f} ლარი",
    ),
    "facility.amount_rounded": (
        "amount for them: {days} x {daily_rate:.2f} GEL ({source}) = {value:.2f} GEL (rounded to the tetri, half up; D3)",
        "მათი თანხა: {days} × {daily_rate:.2f} ლარი ({source}) = {value:.2f} ლარი (დამრგვალებულია თეთრის სიზუსტით,"
        " ნახევარი თეთრი — მეტობით; D3)",
    ),
    "facility.paid_over_limit": (
        "of them, above the limit of {limit} places on {days} days (up to {most} paid in a day): {value} beneficiary-days",
        "მათგან ლიმიტით განსაზღვრულ {limit} ადგილზე მეტი {days} დღეს (დღეში ანაზღაურებულია {most}-მდე): {value}"
        " ბენეფიციარ-დღე",
    ),
    "facility.within_cap": (
        "compensation kept within the R4 cap of each day (the other reading): {value:.2f} GEL withheld",
        "კომპენსაცია R4-ის დღიური ზღვრის ფარგლებში („გ“ ქვეპუნქტის ალტერნატიული განმარტებით): ზღვრის გადამეტებით დაკავებულია {value:.2f} ლარი",
    ),
    "facility.total": ("total: {value:.2f} GEL", "სულ: {value:.2f} ლარი"),
    "facility.total_over": (  # (review 164 F4: the total cited D20 without the amount that rests on it)
        "total: {value:.2f} GEL, of which {over:.2f} GEL unfilled-place compensation paid over the R4 cap of a day",
        "სულ: {value:.2f} ლარი, მათ შორის R4-ის დღიური ზღვრის გადამეტებით ანაზღაურებული შეუვსებელი ადგილების "
        "კომპენსაცია — {over:.2f} ლარი",
    ),
    "places": (
        "Unfilled places of a {service} with a limit of {limit} places, {month}:",
        "შეუვსებელი ადგილები ({service}, ლიმიტი {limit} ადგილი), {month}:",
    ),
    "places.run": (
        "{span} ({days} d): {served} served, {unfilled} unfilled, at most {cap} paid ({share:f}% of the limit): "
        "{compensated} x {daily_rate:.2f} GEL x {days} d = {value:.2f} GEL",
        "{span} ({days} დღე): მომსახურებული {served}, შეუვსებელი {unfilled}, ანაზღაურდება არაუმეტეს {cap} "
        "(ლიმიტის {share:f}%): {compensated} × {daily_rate:.2f} ლარი × {days} დღე = {value:.2f} ლარი",
    ),
    "places.run_rounded": (
        "{span} ({days} d): {served} served, {unfilled} unfilled, at most {cap} paid ({share:f}% of the limit, "
        "rounded down to whole places): {compensated} x {daily_rate:.2f} GEL x {days} d = {value:.2f} GEL",
        "{span} ({days} დღე): მომსახურებული {served}, შეუვსებელი {unfilled}, ანაზღაურდება არაუმეტეს {cap} "
        "(ლიმიტის {share:f}%, ქვემოთ დამრგვალებული მთელ ადგილებამდე): {compensated} × {daily_rate:.2f} "
        "ლარი × {days} დღე = {value:.2f} ლარი",
    ),
    "places.run_share_unknown": (
        "{span} ({days} d): {served} served, {unfilled} unfilled, at most {cap} paid (the limit's share): "
        "{compensated} x {daily_rate:.2f} GEL x {days} d = {value:.2f} GEL",
        "{span} ({days} დღე): მომსახურებული {served}, შეუვსებელი {unfilled}, ანაზღაურდება არაუმეტეს {cap} "
        "(ლიმიტის წილი): {compensated} × {daily_rate:.2f} ლარი × {days} დღე = {value:.2f} ლარი",
    ),
    "places.share": (
        "at most {value:f}% of the limit's places",
        "ლიმიტით განსაზღვრული ადგილების არაუმეტეს {value:f}%",
    ),
    "places.amount": (
        "compensated place-days: {place_days}; amount: {value:.2f} GEL",
        "ანაზღაურებადი ადგილ-დღე: {place_days}; თანხა: {value:.2f} ლარი",
    ),
    # audits
    "audit.line": ("Line {row}{who}: {verdict}", "სტრიქონი {row}{who}: {verdict}"),
    "audit.reason": ("reason: {reason}", "მიზეზი: {reason}"),
    "audit.difference": (
        "claimed {claimed} GEL, computed {computed} GEL: difference (claimed - computed) {value} GEL",
        "მოთხოვნილია {claimed} ლარი, გამოთვლილია {computed} ლარი; სხვაობა (მოთხოვნილი − გამოთვლილი) {value} ლარი",
    ),
    "verdict.matches": ("matches", "ემთხვევა"),
    "verdict.matches.counted": ("{n} matches", "{n} ემთხვევა"),  # (said of one: 1 match, review 259 F4)
    "verdict.over-claimed": ("over-claimed", "მოთხოვნილია მეტი"),
    "verdict.under-claimed": ("under-claimed", "მოთხოვნილია ნაკლები"),
    "verdict.not funded (late)": ("not funded (late)", "არ ფინანსდება (დაგვიანება)"),
    "verdict.invalid": ("invalid", "ვერ შემოწმდა"),
    "verdict.already billed": ("already billed", "უკვე მოთხოვნილია"),
    "verdict.deducted": (", {percent}% deducted", ", დაქვითულია {percent}%"),
    "reason.already_billed": (
        "already billed on row {row}: a day is billed once (D28)",
        "უკვე მოთხოვნილია სტრიქონში {row}: ერთი და იმავე დღის ანაზღაურება მხოლოდ ერთხელ მოითხოვება (D28)",
    ),
    "audit.already_billed": (
        "computed here {value} GEL, payable {value} GEL: all it bills is billed on row {billed_on}; alone, the line computes",
        "აქ გამოთვლილია {value} ლარი, ასანაზღაურებელია {value} ლარი: ყველაფერი, რასაც ითხოვს, მოთხოვნილია სტრიქონზე {billed_on}; ცალკე სტრიქონი ასე გამოითვლება",
    ),
    "reason.over-claimed": (
        "claimed {amount} GEL more than computed",
        "მოთხოვნილია {amount} ლარით მეტი, ვიდრე გამოთვლილია",
    ),
    "reason.within_tolerance": (
        ", within the tolerance of {tolerance} GEL",
        ", დასაშვები სხვაობის ({tolerance} ლარი) ფარგლებში",
    ),
    "summary.calendar": (
        "; days off counted: {calendar}",
        "; გათვალისწინებული უქმე დღეები: {calendar}",
    ),
    "cli.day_off_anyway": (
        "note: {flag} {day} is no working day anyway ({reason}): it changes nothing",
        "შენიშვნა: {flag} {day} ისედაც არასამუშაო დღეა ({reason}): არაფერს ცვლის",
    ),
    "cli.working_day_anyway": (
        "note: {flag} {day} is a working day anyway: it changes nothing",
        "შენიშვნა: {flag} {day} ისედაც სამუშაო დღეა: არაფერს ცვლის",
    ),
    "summary.tolerance": (
        "; a claim within {tolerance} GEL of the amount computed matches (tolerance)",
        "; მოთხოვნა, რომელიც გამოთვლილი თანხიდან {tolerance} ლარის ფარგლებშია, ემთხვევა (დასაშვები სხვაობა)",
    ),
    "reason.under-claimed": (
        "claimed {amount} GEL less than computed",
        "მოთხოვნილია {amount} ლარით ნაკლები, ვიდრე გამოთვლილია",
    ),
    "reason.not_funded": (
        "{late} working days late (more than {max})",
        "{late} სამუშაო დღით დაგვიანებული ({max}-ზე მეტი)",
    ),
    "reason.late": (
        "{late} working days late: {deducted} GEL deducted",
        "{late} სამუშაო დღით დაგვიანებული: დაქვითულია {deducted} ლარი",
    ),
    "reason.invalid": (
        "{field}: got {value}; expected {expected}",
        "„{field}“: მითითებულია {value}; უნდა იყოს: {expected}",
    ),
    "value.nothing": ("nothing", "არაფერი"),  # a blank cell (None, "", spaces, NaN), from any input form
    # what the library says of a value too big to show (the error's value; a Reason)
    "value.cell_chars": ("row {row}, {column}: {chars:,} characters", "სტრიქონი {row}, {column}: {chars:,} სიმბოლო"),
    "value.line_chars": ("line {line:,}: {chars:,} characters", "ხაზი {line:,}: {chars:,} სიმბოლო"),
    "value.line": ("line {line:,}", "ხაზი {line:,}"),
    "value.more_rows": ("more than {max:,} rows", "{max:,}-ზე მეტი სტრიქონი"),
    "value.rows": ("{rows:,} rows", "{rows:,} სტრიქონი"),
    "value.cells": ("{count:,} cells", "{count:,} უჯრა"),
    "value.cell_text": ("cell {cell}: {text}", "უჯრა {cell}: {text}"),
    "value.more_chars": ("more than {max:,} characters", "{max:,}-ზე მეტი სიმბოლო"),
    "value.columns": ("{columns:,} columns", "{columns:,} სვეტი"),
    "value.periods": ("{count} status periods", "სტატუსის {count} პერიოდი"),
    "value.days_of": ("{count} of {days} days", "{days} დღიდან {count}"),
    "value.counts": ("a sequence of {count} counts", "{count} მნიშვნელობისგან შედგენილი მიმდევრობა"),
    "value.series_index": ("a Series indexed {labels}", "სერია ინდექსით {labels}"),
    "value.row": ("row {row:,}", "სტრიქონი {row:,}"),
    "value.column": ("column {column}", "სვეტი {column}"),
    "value.merged_cell": (
        "the cell {cell}, covered by the merged cells {merged}",
        "უჯრა {cell}, რომელსაც ფარავს გაერთიანებული უჯრები {merged}",
    ),
    "value.days": ("{days} days", "{days} დღე"),
    "value.more_lines": ("more than {max:,} lines", "{max:,}-ზე მეტი სტრიქონი"),
    "value.dtype_column": ("a {dtype} column", "'{dtype}' ტიპის სვეტი"),
    "value.standard_input": ("standard input", "სტანდარტული შეტანა"),
    "reason.unreadable": ("the row cannot be read", "სტრიქონის წაკითხვა ვერ მოხერხდა"),
    "expect.claimed": ("the amount claimed, e.g. '620.00'", "მოთხოვნილი თანხა ლარებში, მაგ. 620.00, თეთრის სიზუსტით"),
    "expect.month": ("a month, e.g. 2021-11", "თვე, მაგ. 2021-11"),
    "expect.enrolled_on": ("a date, e.g. 2021-11-05", "თარიღი, მაგ. 2021-11-05, არა უგვიანეს ამორიცხვისა"),
    "expect.discharged_on": ("a date on or after enrolment", "თარიღი, არა უადრეს ჩარიცხვისა"),
    "expect.submitted_on": (
        "the date the document was submitted",
        "დოკუმენტის წარდგენის თარიღი, არა უადრეს მომსახურების თვისა",
    ),
    "expect.disability": ("yes or no, or status periods", "კი ან არა, ან სტატუსის პერიოდები, მაგ. 2021-11-16.."),
    "expect.beneficiary_id": ("a beneficiary id", "ბენეფიციარის კოდი"),
    "expect.facility_id": ("a facility of the occupancy file", "დაწესებულება, რომლის დღიური დატვირთვაც ცნობილია"),
    "expect.daily_rate": ("a daily rate per beneficiary", "ერთ ბენეფიციარზე დღიური განაკვეთი (ლარი)"),
    "expect.occupancy": ("valid daily occupancy", "სწორი დღიური დატვირთვა"),
    "expect.line": ("a row label or a beneficiary id", "სტრიქონის ნომერი ან ბენეფიციარის კოდი"),
    # ---------------------------------------------------------------- errors: why an input was refused
    # An InvalidInput said in a language (InvalidInput.message): its field and value as given, what
    # was expected from its Expected (an ``expected.*`` phrase below). The English of each
    # ``expected.*`` phrase is the error's ``expected`` text (str(error) is English, always).
    "error.invalid": (
        "{field}: got {value}; expected {expected}",
        "{field}: მითითებულია {value}; უნდა იყოს: {expected}",
    ),
    "error.no_rule": (
        "no rule for {parameter!r} is in force on {date}{detail}; {hint}",
        "{date}-ისთვის არ არის მოქმედი წესი: {parameter}{detail}; {hint}",
    ),
    # the use of a limit table (limits_in_use) and of a budget (budget_in_use), as text (R5-R7)
    "limits.heading": (
        "Annex {annex} limits in use ({column}{month}; in force from {date}):",
        "დანართი №{annex}: ლიმიტის გამოყენება ({column}{month}; ძალაშია {date}-დან):",
    ),
    "limits.of": ("{used} of {limit}", "{used} / {limit}"),
    "limits.over": ("OVER", "ლიმიტს აღემატება"),
    "limits.derived": ("the limit {limit}: {why}", "ლიმიტი {limit}: {why}"),
    "limits.total": ("total", "სულ"),
    "budget.use": (
        "Annex {annex} ({title}): spent {spent} of {amount} GEL ({share}%), remaining {remaining} GEL",
        "დანართი №{annex} ({title}): დახარჯულია {spent} ლარი {amount} ლარიდან ({share}%), დარჩენილია {remaining} ლარი",
    ),
    "budget.use_over": (
        "Annex {annex} ({title}): spent {spent} of {amount} GEL ({share}%), over the budget by {over} GEL",
        "დანართი №{annex} ({title}): დახარჯულია {spent} ლარი {amount} ლარიდან ({share}%), ბიუჯეტი გადაჭარბებულია"
        " {over} ლარით",
    ),
    "budget.over": ("OVER BUDGET", "ბიუჯეტს აღემატება"),
    "hint.rule_set": (
        "supply a rule set that covers it: {advice}",
        "მიუთითეთ წესების ნაკრები, რომელიც ამ თარიღს მოიცავს: {advice}",
    ),
    # a year that inherits a key taking effect within it: its own file gives it from the year's start
    "advice.value_from_start": (
        "{source} with a value of {section} from {start}",
        "{source}, სადაც {section}-ს მნიშვნელობა აქვს {start}-დან",
    ),
    # the year covers the day: what it lacks is one key (review 111 M1; its lead said to supply a
    # rule set that covers the day, and its advice was English under --lang ka)
    "hint.cap_other_service": (
        "give it in program {program}: {section}, written as the other service's cap is (new, rule, unit, "
        'values), with the value "none" (no cap) or its cap',
        "მიუთითეთ ის პროგრამაში {program}: {section}, ისე, როგორც მეორე მომსახურების ზღვარია ჩაწერილი "
        "('new', 'rule', 'unit', 'values'), "
        "მნიშვნელობით 'none' (ზღვრის გარეშე) ან მისი ზღვრით",
    ),
    "error.no_rule_because": (" ({why})", " ({why})"),
    # the parameters of the rule sets by name, for a Georgian refusal that names one (review 85:
    # the key alone, in Latin letters); a cap of any city by "shelter.paid_beneficiary_cap"
    "parameter.youth_voucher.daily_rate.with_disability": (
        "the daily funding of a person with disability status",
        "შეზღუდული შესაძლებლობის სტატუსის მქონე პირის დღიური დაფინანსება",
    ),
    "parameter.youth_voucher.daily_rate.without_disability": (
        "the daily funding of a person without disability status",
        "შეზღუდული შესაძლებლობის სტატუსის არმქონე პირის დღიური დაფინანსება",
    ),
    "parameter.youth_voucher.submission.deadline_day": (
        "the day of the month after the service by which the usage document is due at the Agency",
        "მომსახურების გაწევის მომდევნო თვის რიცხვი, რომლის ჩათვლითაც სააგენტოს უნდა წარედგინოს მომსახურებით სარგებლობის"
        " მონაცემების ამსახველი დოკუმენტი",
    ),
    "parameter.youth_voucher.payment.due_day": (
        "the day of the month after the service by which the amount is reimbursed",
        "მომსახურების გაწევის მომდევნო თვის რიცხვი, რომლის ჩათვლითაც ექვემდებარება ანაზღაურებას ასანაზღაურებელი თანხა",
    ),
    "parameter.youth_voucher.late_penalty.deduction_per_working_day": (
        "the share deducted for each late working day",
        "ყოველ დაგვიანებულ სამუშაო დღეზე გამოსაკლები წილი",
    ),
    "parameter.youth_voucher.late_penalty.max_late_working_days": (
        "the most working days late still funded",
        "დაგვიანებულ სამუშაო დღეთა მაქსიმალური რაოდენობა, რომლის შემთხვევაშიც ვაუჩერის ტალონი კვლავ ექვემდებარება"
        " დაფინანსებას",
    ),
    "parameter.shelter.unfilled_place_rate.day_centre": (
        "the daily payment for an unfilled place of a day centre",
        "დღის ცენტრის შეუვსებელი ადგილის დღიური ანაზღაურება",
    ),
    "parameter.shelter.unfilled_place_rate.shelter": (
        "the daily payment for an unfilled place of a shelter",
        "თავშესაფრის შეუვსებელი ადგილის დღიური ანაზღაურება",
    ),
    "parameter.shelter.unfilled_place_share": (
        "the most unfilled places paid, as a share of the limit",
        "ანაზღაურებადი შეუვსებელი ადგილების მაქსიმალური წილი ლიმიტიდან",
    ),
    "parameter.shelter.paid_beneficiary_cap": (
        "the most beneficiaries paid per day in a facility of the city",
        "ქალაქის დაწესებულებაში დღეში ანაზღაურებადი ბენეფიციარების მაქსიმალური რაოდენობა",
    ),
    "parameter.early_development.target_group.age_years": (
        "the age up to which children are in the target group",
        "ასაკი, რომლამდეც ბავშვი სამიზნე ჯგუფს განეკუთვნება",
    ),
    "parameter.early_development.monthly_visit_limit": (
        "the most early-development visits funded in a month",
        "ერთი თვის განმავლობაში დაფინანსებული ვიზიტების მაქსიმალური რაოდენობა",
    ),
    "parameter.youth_voucher.standards.max_beneficiaries_per_housing_unit": (
        "the most beneficiaries in one housing unit",
        "ერთ საცხოვრებელ ერთეულში ბენეფიციარების მაქსიმალური რაოდენობა",
    ),
    "parameter.youth_voucher.standards.beneficiaries_per_worker": (
        "the beneficiaries per worker",
        "ბენეფიციარების რაოდენობა ერთ მუშაკზე",
    ),
    "error.parameter_named": ("{parameter} ({name})", "„{parameter}“ ({name})"),
    "error.not_funded_anyway": (
        "{message}; not funded whatever its amount: submitted {late:,} working days late ({due}more than {max:,}; "
        "Annex 2.12, Art. 4, para 5; D21)",
        "{message}; დაფინანსებას არ ექვემდებარება თანხის მიუხედავად: დოკუმენტი წარდგენილია {late:,} სამუშაო დღით გვიან "
        "({due}{max:,}-ზე მეტით; №2.12 დანართის მე-4 მუხლის მე-5 პუნქტი; D21)",
    ),
    "error.not_funded_due": (
        "due by {deadline} (D6, D16), late on {days}{not_counted} (D7); ",
        "წარდგენის ვადა: {deadline} (D6, D16), დაგვიანების დღეები: {days}{not_counted} (D7); ",
    ),
    "error.not_funded_off": ("; not counted, no working day: {days}", "; არ ითვლება, არასამუშაო დღე: {days}"),
    "rule.no_program_year": (
        "no program year of the rule set covers it; it has {spans}",
        "წესების ნაკრების არცერთი საპროგრამო წელი მას არ მოიცავს; ნაკრებშია: {spans}",
    ),
    "rule.span": ("{program}: {start} to {end}", "{program}: {start} – {end}"),
    "rule.cap_one_service": (
        "program {program} caps the city's {other} but sets no cap of its {service}: a city's caps name both services",
        "პროგრამა {program} ზღვარს უწესებს ქალაქის მომსახურებას „{other}“, მომსახურებას „{service}“ კი არა: "
        "ქალაქის ზღვრები ორივე მომსახურებას უნდა ასახელებდეს",
    ),
    "rule.not_set": ("program {program} does not set it", "პროგრამა {program} მას არ ადგენს"),
    # (the decree's own verb, „ამოქმედდეს“: review 58)
    "rule.takes_effect": ("it takes effect on {date}", "ამოქმედდება {date}-დან"),
    "rule.takes_effect_by": ("it applies from {date} by {by}", "ვრცელდება {date}-დან: {by}"),
    "rule.takes_effect_in_year": (
        "it takes effect on {date}, within program year {program}, which starts on {start}",
        "ამოქმედდება {date}-დან, საპროგრამო წელში {program}, რომელიც იწყება {start}-დან",
    ),
    "reason.header_again": (
        "the header again, its columns in the same places (two tables joined?): a header, not a row of data",
        "ისევ სათაური, სვეტები იმავე ადგილებზე (ორი ცხრილი შეერთდა?): სათაური და არა მონაცემების სტრიქონი",
    ),
    "reason.row_width": (
        "row has {cells} cells; the header has {width}",
        "სტრიქონში {cells} უჯრაა, სათაურის სტრიქონში კი {width}",
    ),
    "reason.line_break": (
        "{column} holds a line break (the row runs over lines {line:,}-{end:,})",
        "{column} შეიცავს ხაზის გადატანას (სტრიქონი გრძელდება ფაილის {line:,}–{end:,} ხაზებზე)",
    ),
    "reason.not_given": ("{field}: not given", "{field}: არ არის მითითებული"),
    "reason.no_claim": ("no claim covers this facility-month", "დაწესებულების ამ თვეზე მოთხოვნა არ არის წარდგენილი"),
    "report.left_out": (
        "{lines:,} lines, {findings:,} findings: a table of more than {most:,} rows is left out of this view;"
        " {frame} and {findings_frame} hold them, {page} the whole page",
        "{lines:,} სტრიქონი, {findings:,} მიგნება: {most:,}-ზე მეტი სტრიქონის ცხრილი ამ ხედში არ არის ნაჩვენები;"
        " ისინი მოცემულია {frame}-სა და {findings_frame}-ში, მთელი გვერდი — {page}-ში",
    ),
    "reason.at_row": ("row {row}: {reason}", "სტრიქონი {row}: {reason}"),
    "reason.no_date": (
        "{field}: not given; expected the day of the count (YYYY-MM-DD)",
        "{field}: მითითებული არ არის; უნდა იყოს: დათვლის დღე ('YYYY-MM-DD')",
    ),
    "expected.reason": ("{reason}", "{reason}"),  # what the reason of another row says should be
    # dates and months
    "expected.date": (
        "a date written YYYY-MM-DD, e.g. '2021-10-12'",
        "თარიღი ფორმატით 'YYYY-MM-DD', მაგ. '2021-10-12'",
    ),
    "expected.date.day_first": (
        "a date written YYYY-MM-DD, e.g. '2021-10-12'; for a file whose dates are written day first "
        "(06/12/21, 06.12.2021), as a Georgian-locale spreadsheet shows them, give {advice}",
        "თარიღი ფორმატით 'YYYY-MM-DD', მაგ. '2021-10-12'; ფაილისთვის, რომლის თარიღებში დღე პირველია "
        "(06/12/21, 06.12.2021), როგორც მათ ქართული ლოკალის ცხრილი აჩვენებს, მიუთითეთ {advice}",
    ),
    "expected.date.either_order": (
        "a date written YYYY-MM-DD, e.g. '2021-10-12'; this date reads both ways round (day {first} of month"
        " {second} if written day first, day {second} of month {first} if month first): for a file whose dates"
        " are written day first, as a Georgian-locale spreadsheet shows them, give {advice}; a file written"
        " month first, as an en-US spreadsheet writes it, is not read: write its dates YYYY-MM-DD",
        "თარიღი ფორმატით 'YYYY-MM-DD', მაგ. '2021-10-12'; ეს თარიღი ორივენაირად იკითხება (თვე {second}, რიცხვი {first},"
        " თუ დღე პირველია; თვე {first}, რიცხვი {second}, თუ თვე პირველია): ფაილისთვის, რომლის"
        " თარიღებში დღე პირველია, როგორც მათ ქართული ლოკალის ცხრილი აჩვენებს, მიუთითეთ {advice}; ფაილი,"
        " რომლის თარიღებში თვე პირველია (როგორც აშშ-ის ლოკალის ცხრილი წერს), არ იკითხება: ჩაწერეთ თარიღები"
        " ფორმატით 'YYYY-MM-DD'",
    ),
    "expected.date_read_day_first": (
        "a date written day first (DD/MM/YYYY or DD/MM/YY, DD.MM.YYYY or DD.MM.YY, DD-MM-YYYY), e.g. "
        "'06/12/2021', or YYYY-MM-DD, as the file's dates are read (day first)",
        "თარიღი, რომელშიც დღე პირველია ('DD/MM/YYYY' ან 'DD/MM/YY', 'DD.MM.YYYY' ან 'DD.MM.YY', 'DD-MM-YYYY'), "
        "მაგ. '06/12/2021', ან 'YYYY-MM-DD', როგორც ფაილის თარიღები იკითხება (დღე პირველია)",
    ),
    "expected.date_day_first": (
        "a date written day first that exists (DD/MM/YYYY or DD/MM/YY, DD.MM.YYYY or DD.MM.YY, DD-MM-YYYY), "
        "e.g. '06/12/2021'",
        "არსებული თარიღი, რომელშიც დღე პირველია ('DD/MM/YYYY' ან 'DD/MM/YY', 'DD.MM.YYYY' ან 'DD.MM.YY', "
        "'DD-MM-YYYY'), მაგ. '06/12/2021'",
    ),
    "expected.date.month_first": (
        "a date written YYYY-MM-DD, e.g. '2021-10-12' (a date written month first, as 12/31/2021, is not read)",
        "თარიღი ფორმატით 'YYYY-MM-DD', მაგ. '2021-10-12' (თარიღი, რომელშიც თვე პირველია, მაგ. 12/31/2021, არ იკითხება)",
    ),
    "expected.day_first.month_first_row": (
        "a file whose dates are all written day first: in column {column!r}, row {row}, this date can only be "
        "month, day, year, so the file's dates are written month first, which is not read; write its dates YYYY-MM-DD",
        "ფაილი, რომლის ყველა თარიღში დღე პირველია: სვეტში {column!r}, სტრიქონში {row}, ეს თარიღი მხოლოდ თვე, დღე, "
        "წელი შეიძლება იყოს, ანუ ფაილის თარიღებში თვე პირველია, რაც არ იკითხება; ჩაწერეთ თარიღები ფორმატით "
        "'YYYY-MM-DD'",
    ),
    "expected.month_number_cell": (
        "a month, not a number: a spreadsheet may have taken a month written 10.2021 for the number 10.2021 (and "
        "10.2020 for 10.202), and so does pandas reading a file without dtype=str; format the column as text and "
        "write the months YYYY-MM (2021-10), or keep them as date cells, or read the file with dtype=str",
        "თვე და არა რიცხვი: ცხრილმა 10.2021-ად ჩაწერილი თვე შესაძლოა რიცხვად 10.2021 მიიღო (10.2020 კი 10.202-ად); "
        "ასევე იქცევა 'pandas', როცა ფაილს 'dtype=str'-ის გარეშე კითხულობს; სვეტს მიეცით ტექსტის ფორმატი და "
        "ჩაწერეთ თვეები ფორმატით 'YYYY-MM' (2021-10), ან დატოვეთ ისინი თარიღის უჯრებად, ან წაიკითხეთ ფაილი "
        "'dtype=str'-ით",
    ),
    "expected.date_number_cell": (
        "a date, not a number: a number here may be a date whose cell lost its date format (44520 is 20 Nov 2021 in "
        "a workbook); give the column a date format, or write the dates YYYY-MM-DD",
        "თარიღი და არა რიცხვი: აქ რიცხვი შესაძლოა თარიღი იყოს, რომლის უჯრამაც თარიღის ფორმატი დაკარგა (სამუშაო "
        "წიგნში 44520 არის 2021 წლის 20 ნოემბერი); სვეტს მიეცით თარიღის ფორმატი, ან ჩაწერეთ თარიღები ფორმატით "
        "'YYYY-MM-DD'",
    ),
    "expected.date_number_cell_serial": (
        "a date, not a number: a number here may be a date whose cell lost its date format ({number} is {day} in "
        "a workbook of the 1900 date system, Excel's default, {day_1904} in one of the 1904 system); give the "
        "column a date format, or write the dates YYYY-MM-DD",
        "თარიღი და არა რიცხვი: აქ რიცხვი შესაძლოა თარიღი იყოს, რომლის უჯრამაც თარიღის ფორმატი დაკარგა (სამუშაო "
        "წიგნში {number} არის {day} 1900 წლის თარიღების სისტემით, რომელიც ნაგულისხმევია, და {day_1904} 1904 "
        "წლის სისტემით); სვეტს მიეცით თარიღის ფორმატი, ან ჩაწერეთ თარიღები ფორმატით 'YYYY-MM-DD'",
    ),
    "expected.dates_mixed": (
        "a file whose dates are all date cells, or all text: it holds both {this} (this cell) and {other_kind} "
        "({other_column!r}: {other}), as a spreadsheet leaves a day-first file it read month first (it made a date "
        "cell, the wrong way round, of each date that reads either way: 05/11/2021 as 11 May), so no date cell of "
        "the file can be trusted (D35); import the file again with its dates read day first (a Georgian locale, "
        "with its CSV import's 'Detect special numbers' on), or keep every date as text{typo}",
        "ფაილი, რომლის ყველა თარიღი ან თარიღის უჯრაა, ან ტექსტი: მასში ერთად არის {this} (ეს უჯრა) და "
        "{other_kind} ({other_column!r}: {other}), როგორც ცხრილი ტოვებს დღით დაწყებულ ფაილს, რომელიც თვით "
        "დაწყებულად წაიკითხა (ორივენაირად წასაკითხი თარიღი შებრუნებულად აქცია თარიღის უჯრად: 05/11/2021 — 11 "
        "მაისად), ამიტომ ფაილის არცერთ თარიღის უჯრას ვერ ვენდობით (D35); ხელახლა შემოიტანეთ ფაილი ისე, რომ "
        "თარიღები დღით დაწყებულად წაიკითხოს (ქართული ლოკალი, 'CSV'-ის შემოტანისას ჩართული 'Detect special "
        "numbers'), ან დატოვეთ ყველა თარიღი ტექსტად{typo}",
    ),
    "expected.dates_mixed_row": (
        "a file whose dates are all date cells, or all text: it holds both {this} (this cell, row {row}) and "
        "{other_kind} ({other_column!r}: {other}), as a spreadsheet leaves a day-first file it read month first (it "
        "made a date cell, the wrong way round, of each date that reads either way: 05/11/2021 as 11 May), so no "
        "date cell of the file can be trusted (D35); import the file again with its dates read day first (a "
        "Georgian locale, with its CSV import's 'Detect special numbers' on), or keep every date as text{typo}",
        "ფაილი, რომლის ყველა თარიღი ან თარიღის უჯრაა, ან ტექსტი: მასში ერთად არის {this} (ეს უჯრა, სტრიქონი "
        "{row}) და {other_kind} ({other_column!r}: {other}), როგორც ცხრილი ტოვებს დღით დაწყებულ ფაილს, რომელიც "
        "თვით დაწყებულად წაიკითხა (ორივენაირად წასაკითხი თარიღი შებრუნებულად აქცია თარიღის უჯრად: 05/11/2021 — "
        "11 მაისად), ამიტომ ფაილის არცერთ თარიღის უჯრას ვერ ვენდობით (D35); ხელახლა შემოიტანეთ ფაილი ისე, რომ "
        "თარიღები დღით დაწყებულად წაიკითხოს (ქართული ლოკალი, 'CSV'-ის შემოტანისას ჩართული 'Detect special "
        "numbers'), ან დატოვეთ ყველა თარიღი ტექსტად{typo}",
    ),
    "expected.dates_mixed_period": (
        "a file whose status periods are not written day first with '/' or '-' beside date cells: it holds both {this} "
        "(this cell) and {other_kind} ({other_column!r}: {other}); this is what a spreadsheet leaves of a day-first file "
        "it read month first (its date cells the wrong way round), and also what a workbook of a Georgian locale holds "
        "when its periods are typed so, and the two cannot be told apart (D35): if a spreadsheet imported the file from "
        "a CSV, read that CSV itself, day first (its dates are text), or import it again with its dates read day "
        "first and then write the periods' ends YYYY-MM-DD or with dots (01.12.2021..15.12.2021); if the workbook "
        "was typed in a Georgian locale, write the periods' ends so{typo}",
        "ფაილი, რომლის სტატუსის პერიოდები თარიღის უჯრების გვერდით არ არის ჩაწერილი დღით დაწყებულად '/' ან '-' "
        "ნიშნით: მასში ერთად არის {this} (ეს უჯრა) და {other_kind} ({other_column!r}: {other}); ასეთ ფაილს ტოვებს "
        "ცხრილი, რომელმაც დღით დაწყებული ფაილი თვით დაწყებულად წაიკითხა (მისი თარიღის უჯრები შებრუნებულია), და "
        "ასეთივეა ქართული ლოკალის სამუშაო წიგნი, როცა პერიოდები ასე აკრიფეს, და ამ ორის გარჩევა შეუძლებელია (D35): "
        "თუ ცხრილმა ფაილი 'CSV'-დან შემოიტანა, წაიკითხეთ თავად ეს 'CSV' დღით დაწყებულად (მისი თარიღები "
        "ტექსტია), ან ხელახლა შემოიტანეთ ისე, რომ თარიღები დღით დაწყებულად წაიკითხოს, შემდეგ კი ჩაწერეთ "
        "პერიოდების ბოლოები ფორმატით 'YYYY-MM-DD' ან წერტილებით (01.12.2021..15.12.2021); თუ სამუშაო წიგნი "
        "ქართულ ლოკალში აიკრიფა, ჩაწერეთ პერიოდების ბოლოები ასე{typo}",
    ),
    "expected.dates_mixed_period_row": (
        "a file whose status periods are not written day first with '/' or '-' beside date cells: it holds both {this} "
        "(this cell, row {row}) and {other_kind} ({other_column!r}: {other}); this is what a spreadsheet leaves of a "
        "day-first file it read month first (its date cells the wrong way round), and also what a workbook of a "
        "Georgian locale holds when its periods are typed so, and the two cannot be told apart (D35): if a "
        "spreadsheet imported the file from a CSV, read that CSV itself, day first (its dates are text), or import "
        "it again with its dates read day first and then write the periods' ends YYYY-MM-DD or with dots "
        "(01.12.2021..15.12.2021); if the workbook was typed in a Georgian locale, write the periods' ends so{typo}",
        "ფაილი, რომლის სტატუსის პერიოდები თარიღის უჯრების გვერდით არ არის ჩაწერილი დღით დაწყებულად '/' ან '-' "
        "ნიშნით: მასში ერთად არის {this} (ეს უჯრა, სტრიქონი {row}) და {other_kind} ({other_column!r}: {other}); "
        "ასეთ ფაილს ტოვებს ცხრილი, რომელმაც დღით დაწყებული ფაილი თვით დაწყებულად წაიკითხა (მისი თარიღის უჯრები "
        "შებრუნებულია), და ასეთივეა ქართული ლოკალის სამუშაო წიგნი, როცა პერიოდები ასე აკრიფეს, და ამ ორის გარჩევა "
        "შეუძლებელია (D35): თუ ცხრილმა ფაილი 'CSV'-დან შემოიტანა, წაიკითხეთ თავად ეს 'CSV' დღით დაწყებულად (მისი თარიღები "
        "ტექსტია), ან ხელახლა შემოიტანეთ ისე, რომ თარიღები დღით დაწყებულად წაიკითხოს, შემდეგ კი ჩაწერეთ "
        "პერიოდების ბოლოები ფორმატით 'YYYY-MM-DD' ან წერტილებით (01.12.2021..15.12.2021); თუ სამუშაო წიგნი "
        "ქართულ ლოკალში აიკრიფა, ჩაწერეთ პერიოდების ბოლოები ასე{typo}",
    ),
    "date_kind.cell": ("a date cell", "თარიღის უჯრა"),
    "date_kind.cell_text": (
        "a date cell or its text with a time of day (a CSV's date-time: write it YYYY-MM-DD)",
        "თარიღის უჯრა ან მისი ტექსტი დროით ('CSV'-ის თარიღი დროით: ჩაწერეთ ის ფორმატით 'YYYY-MM-DD')",
    ),
    "date_kind.typo": (
        "; the text {text} is no day: if it is a typo, correct it first",
        "; ტექსტი {text} თარიღი არ არის: თუ ეს შეცდომაა, ჯერ ის გაასწორეთ",
    ),
    "date_kind.text": (
        "a date written as text day first with '/', '-' or '.'",
        "ტექსტად, დღით დაწყებულად, '/'-ით, '-'-ით ან '.'-ით ჩაწერილი თარიღი",
    ),
    "expected.day_first.month_first": (
        "a file whose dates are all written day first: in column {column!r} this date can only be month, day, "
        "year, so the file's dates are written month first, which is not read; write its dates YYYY-MM-DD",
        "ფაილი, რომლის ყველა თარიღში დღე პირველია: სვეტში {column!r} ეს თარიღი მხოლოდ თვე, დღე, წელი შეიძლება "
        "იყოს, ანუ ფაილის თარიღებში თვე პირველია, რაც არ იკითხება; ჩაწერეთ თარიღები ფორმატით 'YYYY-MM-DD'",
    ),
    "expected.date_day_first.century": (
        "a date whose two-digit year lies in {first} to {last} ({year!r} could be of either century): "
        "write its year with four digits",
        "თარიღი, რომლის ორნიშნა წელი {first}-{last} შუალედშია ({year!r} ორივე საუკუნისა შეიძლება იყოს): "
        "ჩაწერეთ წელი ოთხი ციფრით",
    ),
    "expected.date_cell.time": (
        "a date written YYYY-MM-DD, e.g. '2021-10-12' (a date has no time of day)",
        "თარიღი ფორმატით 'YYYY-MM-DD', მაგ. '2021-10-12' (თარიღს დღის დრო არ აქვს)",
    ),
    # (review 227 F3: a date cell holding a time of day was told to be written YYYY-MM-DD)
    "expected.date_cell.at_time": (
        "a date without a time of day (a date cell at 00:00: the date typed alone, or its time cut off)",
        "თარიღი დღის დროის გარეშე (თარიღის უჯრა 00:00-ზე: მხოლოდ თარიღი, ან მისი დრო მოცილებული)",
    ),
    "expected.date_cell.zone": (
        "a date written YYYY-MM-DD, e.g. '2021-10-12' (a date has no time zone)",
        "თარიღი ფორმატით 'YYYY-MM-DD', მაგ. '2021-10-12' (თარიღს დროის სარტყელი არ აქვს)",
    ),
    "expected.date_cell.year": (
        "a date written YYYY-MM-DD, e.g. '2021-10-12' (a year from 1 to 9999)",
        "თარიღი ფორმატით 'YYYY-MM-DD', მაგ. '2021-10-12' (წელი 1-დან 9999-მდე)",
    ),
    "expected.date_value": (
        "a date: datetime.date, 'YYYY-MM-DD', or a naive datetime / Timestamp / datetime64 at midnight",
        "თარიღი: 'datetime.date', 'YYYY-MM-DD', ან დროის სარტყლის გარეშე 'datetime' / 'Timestamp' / "
        "'datetime64' შუაღამისას",
    ),
    "expected.date_value.not_a_date": (
        "a date: datetime.date, 'YYYY-MM-DD', or a naive datetime / Timestamp / datetime64 at midnight "
        "(NaT, NaN and NA are not dates)",
        "თარიღი: 'datetime.date', 'YYYY-MM-DD', ან დროის სარტყლის გარეშე 'datetime' / 'Timestamp' / "
        "'datetime64' შუაღამისას ('NaT', 'NaN' და 'NA' თარიღი არ არის)",
    ),
    "expected.date_value.zone": (
        "a date: datetime.date, 'YYYY-MM-DD', or a naive datetime / Timestamp / datetime64 at midnight "
        "(a date has no time zone)",
        "თარიღი: 'datetime.date', 'YYYY-MM-DD', ან დროის სარტყლის გარეშე 'datetime' / 'Timestamp' / "
        "'datetime64' შუაღამისას (თარიღს დროის სარტყელი არ აქვს)",
    ),
    "expected.date_value.time": (
        "a date: datetime.date, 'YYYY-MM-DD', or a naive datetime / Timestamp / datetime64 at midnight "
        "(a date has no time of day)",
        "თარიღი: 'datetime.date', 'YYYY-MM-DD', ან დროის სარტყლის გარეშე 'datetime' / 'Timestamp' / "
        "'datetime64' შუაღამისას (თარიღს დღის დრო არ აქვს)",
    ),
    "expected.date_value.nat": (
        "a date: datetime.date, 'YYYY-MM-DD', or a naive datetime / Timestamp / datetime64 at midnight "
        "(NaT is not a date)",
        "თარიღი: 'datetime.date', 'YYYY-MM-DD', ან დროის სარტყლის გარეშე 'datetime' / 'Timestamp' / "
        "'datetime64' შუაღამისას ('NaT' თარიღი არ არის)",
    ),
    "expected.date_value.span": (
        "a date: datetime.date, 'YYYY-MM-DD', or a datetime64 of a unit of one day at most (this one's unit,"
        " '{unit}', is a span of days, and numpy gives its first day for any day in it)",
        "თარიღი: 'datetime.date', 'YYYY-MM-DD', ან 'datetime64', რომლის ერთეული ერთ დღეს არ აღემატება (ამის"
        " ერთეული, '{unit}', დღეების მონაკვეთია, და 'numpy' მასში ნებისმიერი დღისთვის მის პირველ დღეს იძლევა)",
    ),
    "expected.date_value.whole_day": (
        "a date: datetime.date, 'YYYY-MM-DD', or a naive datetime / Timestamp / datetime64 at midnight "
        "(a datetime64 of a whole day)",
        "თარიღი: 'datetime.date', 'YYYY-MM-DD', ან დროის სარტყლის გარეშე 'datetime' / 'Timestamp' / "
        "'datetime64' შუაღამისას (მთელი დღის 'datetime64')",
    ),
    "expected.date_value.year": (
        "a date: datetime.date, 'YYYY-MM-DD', or a naive datetime / Timestamp / datetime64 at midnight "
        "(a year from 1 to 9999)",
        "თარიღი: 'datetime.date', 'YYYY-MM-DD', ან დროის სარტყლის გარეშე 'datetime' / 'Timestamp' / "
        "'datetime64' შუაღამისას (წელი 1-დან 9999-მდე)",
    ),
    "expected.month": ("a month written YYYY-MM, e.g. '2021-10'", "თვე ფორმატით 'YYYY-MM', მაგ. '2021-10'"),
    "expected.month_two_digit_year": (
        "a month written YYYY-MM, e.g. '2021-10' (a two-digit year is read as {low} to {high}: write the year in full)",
        "თვე ფორმატით 'YYYY-MM', მაგ. '2021-10' (ორნიშნა წელი იკითხება როგორც {low}–{high}: დაწერეთ წელი სრულად)",
    ),
    # "Nov 21" may be a day of November in English (month first, no year): refused (review 275 F6)
    "expected.month_name_day": (
        "a month written YYYY-MM, e.g. '2021-10' (a month's English name and two digits after a space may be a"
        " day of that month: write the year in full, 'Nov 2021', or after a hyphen, 'Nov-21')",
        "თვე ფორმატით 'YYYY-MM', მაგ. '2021-10' (თვის ინგლისური სახელი და ორი ციფრი ჰარის შემდეგ შეიძლება ამ თვის"
        " დღე იყოს: დაწერეთ წელი სრულად, 'Nov 2021', ან დეფისის შემდეგ, 'Nov-21')",
    ),
    # a label of AuditReport.explain (review 276 F5: said in English in a Georgian message)
    "expected.line_label": (
        "a row label the report shows, or a {whose}",
        "ანგარიშის სტრიქონის ნომერი, როგორც ცხრილი აჩვენებს, ან {whose}",
    ),
    "expected.line_label_such_as": (
        "a row label the report shows (such as {labels}), or a {whose}",
        "ანგარიშის სტრიქონის ნომერი, როგორც ცხრილი აჩვენებს (მაგ. {labels}), ან {whose}",
    ),
    "expected.line_id": ("a {whose}", "{whose}"),
    "expected.line_of_report": (
        "a line of this report, an AuditLine (a line of another report is explained by that report, with its"
        " findings; a row label or an id by report.explain(label))",
        "ამ ანგარიშის სტრიქონი, 'AuditLine' (სხვა ანგარიშის სტრიქონს ის ანგარიში ხსნის, თავისი მიგნებებით;"
        " სტრიქონის ნომერს ან კოდს 'report.explain(label)')",
    ),
    "expected.line_row": ("a row label the report shows", "ანგარიშის სტრიქონის ნომერი, როგორც ცხრილი აჩვენებს"),
    "expected.line_row_label": (
        "a row label the report shows (such as {labels})",
        "ანგარიშის სტრიქონის ნომერი, როგორც ცხრილი აჩვენებს (მაგ. {labels})",
    ),
    "expected.line_label_two": (
        "a label of one line or one id: {label} is the label of row {row} and the {whose} of {other}; say which"
        " with by='row' or by='id'",
        "ერთი სტრიქონის ნომერი ან ერთი კოდი: {label} არის {row} სტრიქონის ნომერიც და {whose}ც ({other});"
        " მიუთითეთ, რომელი: by='row' ან by='id'",
    ),
    "expected.month.day_first": (
        "a month written YYYY-MM, e.g. '2021-10'; for a file whose month column holds dates written day first"
        " (01.11.2021, what a Georgian-locale spreadsheet saves of a month kept as a date), give {advice}",
        "თვე ფორმატით 'YYYY-MM', მაგ. '2021-10'; ფაილისთვის, რომლის თვის სვეტში თარიღებია, რომლებშიც დღე"
        " პირველია (01.11.2021, რასაც ქართული ლოკალის ცხრილი ინახავს თარიღად შენახული თვისგან), მიუთითეთ {advice}",
    ),
    "expected.month_value": (
        "a Month, a 'YYYY-MM' string or a date (as the date arguments)",
        "თვე: 'Month', ტექსტი 'YYYY-MM' ან თარიღი (როგორც თარიღის არგუმენტები)",
    ),
    "expected.month_value.span": (
        "a Month, a 'YYYY-MM' string or a date, or a datetime64 of one month a step (this one's unit, '{unit}',"
        " is a span of months, and numpy gives its first month for any month in it)",
        "თვე: 'Month', ტექსტი 'YYYY-MM' ან თარიღი, ან 'datetime64', რომლის ერთეული ერთი თვეა (ამის ერთეული,"
        " '{unit}', თვეების მონაკვეთია, და 'numpy' მასში ნებისმიერი თვისთვის მის პირველ თვეს იძლევა)",
    ),
    "expected.month_number": (
        "a month written YYYY-MM with a month from 01 to 12",
        "თვე ფორმატით 'YYYY-MM', თვის ნომრით 01-დან 12-მდე",
    ),
    "expected.month_year": (
        "a month written YYYY-MM of a year from 0001 to 9998",
        "თვე ფორმატით 'YYYY-MM', წლით 0001-დან 9998-მდე",
    ),
    "expected.after_enrolment": (
        "a date on or after enrolled_on ({enrolled_on})",
        "თარიღი, არა უადრეს ჩარიცხვის თარიღისა ({enrolled_on})",
    ),
    "expected.after_start": ("a date on or after start ({start})", "თარიღი, არა უადრეს პერიოდის დასაწყისისა ({start})"),
    "expected.submitted_in_month": (
        "a date on or after the first day of the service month {month} (D10)",
        "თარიღი, არა უადრეს მომსახურების თვის ({month}) პირველი დღისა (D10)",
    ),
    "expected.submitted_within": (
        "a date within {years} years of the service month {month} (D19)",
        "თარიღი, მომსახურების თვიდან ({month}) არაუგვიანეს {years} წლისა (D19)",
    ),
    "expected.submitted_on": (
        "the date the document was submitted (a column, or {advice})",
        "დოკუმენტის წარდგენის თარიღი (სვეტში, ან {advice})",
    ),
    # flags, periods, ids, text, counts
    "expected.formula_value": (
        "a value, not a formula whose value was never calculated (open the workbook in a spreadsheet and save it, "
        "which calculates it, or write the value)",
        "მნიშვნელობა და არა ფორმულა, რომლის მნიშვნელობა არასდროს გამოთვლილა (გახსენით ცხრილი და შეინახეთ, რაც "
        "მას გამოთვლის, ან ჩაწერეთ მნიშვნელობა)",
    ),
    "expected.merged_value": (
        "a value of its own: the spreadsheet shows the first cell's value across merged cells, but the"
        " file holds it in that cell alone (unmerge the cells and write the value in each row)",
        "საკუთარი მნიშვნელობა: ცხრილი გაერთიანებულ უჯრებში პირველი უჯრის მნიშვნელობას აჩვენებს, ფაილი კი"
        " მას მხოლოდ ამ უჯრაში ინახავს (გააუქმეთ უჯრების გაერთიანება და მნიშვნელობა თითოეულ სტრიქონში ჩაწერეთ)",
    ),
    "expected.merged_range": (
        "merged cells given as a range of this sheet's cells, e.g. 'C2:C3'",
        "გაერთიანებული უჯრები, მოცემული ამ ფურცლის უჯრების დიაპაზონით, მაგ. 'C2:C3'",
    ),
    "expected.sheet_shown": (
        "a sheet the workbook shows: the one sheet with data is hidden, and the workbook shows its other"
        " sheets empty; show it, or name it ({advice}) if it is the table",
        "ფურცელი, რომელსაც წიგნი აჩვენებს: მონაცემების მქონე ერთადერთი ფურცელი დამალულია, წიგნი კი სხვა"
        " ფურცლებს ცარიელს აჩვენებს; გამოაჩინეთ ან დაასახელეთ ({advice}), თუ ცხრილი ესაა",
    ),
    "expected.row_shown": (
        "a row the sheet shows: it is hidden (or filtered out, or lower than a pixel), so the spreadsheet does"
        " not show it, where every row of the file is read; show it, or delete it if it is no part of the table",
        "სტრიქონი, რომელსაც ფურცელი აჩვენებს: ის დამალულია (ან გაფილტრულია, ან პიქსელზე დაბალია) და ცხრილი მას არ"
        " აჩვენებს, ფაილის ყველა სტრიქონი კი იკითხება; გამოაჩინეთ ან წაშალეთ, თუ ცხრილის ნაწილი არ არის",
    ),
    "expected.column_shown": (
        # (a <col> without a width: Excel draws it as nothing, LibreOffice the default width: review 138 F5)
        "a column the sheet shows: it is hidden (or narrower than a pixel, or given no width, which Excel"
        " draws as nothing), so a spreadsheet may not show it, where every column of the table is read; show"
        " it (give it a width), or delete it if it is no part of the table",
        "სვეტი, რომელსაც ფურცელი აჩვენებს: ის დამალულია (ან პიქსელზე ვიწროა, ან სიგანე არ აქვს მითითებული,"
        " რასაც 'Excel' არ აჩვენებს) და ცხრილმა შეიძლება ის არ აჩვენოს, ცხრილის ყველა სვეტი კი იკითხება;"
        " გამოაჩინეთ (მიუთითეთ სიგანე) ან წაშალეთ, თუ ცხრილის ნაწილი არ არის",
    ),
    "expected.rows_in_order": (
        "rows written in order, each once (a row numbered after row {before:,}, as a spreadsheet writes them)",
        "სტრიქონები თანმიმდევრობით, თითო ერთხელ (სტრიქონი {before:,}-ის შემდეგ ნომრით, როგორც ცხრილი წერს)",
    ),
    "expected.cells_once": (
        "each cell written once, as a spreadsheet writes it (cell {cell} is written twice: which of its values is meant cannot be told)",
        "თითო უჯრა ერთხელ ჩაწერილი, როგორც ცხრილი წერს (უჯრა {cell} ორჯერაა ჩაწერილი: ვერ დადგინდება, რომელი მნიშვნელობაა სწორი)",
    ),
    "expected.cell_in_its_row": (
        "each cell in the row its reference names (cell {cell} is written in row {row}: which row it belongs"
        " to cannot be told; a spreadsheet places it by its reference)",
        "თითო უჯრა იმ სტრიქონში, რომელსაც მისი მისამართი ასახელებს (უჯრა {cell} ჩაწერილია {row} სტრიქონში:"
        " ვერ დადგინდება, რომელ სტრიქონს ეკუთვნის; ცხრილი მას მისი მისამართით ათავსებს)",
    ),
    "expected.cell_number": (
        "a number as spreadsheets write one in the file (the digits 0-9, a sign, a point, an exponent):"
        " spreadsheets read this one as another number or as none",
        "რიცხვი, როგორც ცხრილები წერენ მას ფაილში (ციფრები 0-9, ნიშანი, წერტილი, ხარისხის მაჩვენებელი):"
        " ცხრილები ამას სხვა რიცხვად კითხულობენ ან საერთოდ არ კითხულობენ",
    ),
    "expected.cell_shared_string": (
        "the number of an entry of the workbook's shared strings, 0 to {last}",
        "სამუშაო წიგნის საერთო სტრიქონების ჩანაწერის ნომერი, 0-დან {last}-მდე",
    ),
    "expected.cell_type": (
        "a cell type spreadsheets write ('b', 'd', 'e', 'inlineStr', 'n', 's', 'str'): a spreadsheet shows this"
        " cell empty",
        "უჯრის ტიპი, რომელსაც ცხრილები წერენ ('b', 'd', 'e', 'inlineStr', 'n', 's', 'str'): ცხრილი ამ უჯრას"
        " ცარიელს აჩვენებს",
    ),
    "expected.cell_boolean": (
        "0 or 1, as a spreadsheet writes a yes/no cell",
        "0 ან 1, როგორც ცხრილი წერს კი/არა უჯრას",
    ),
    "expected.merged_apart": (
        "merged ranges that do not overlap, as a spreadsheet writes them (more ranges meet this row than it has columns)",
        "გაერთიანებული დიაპაზონები, რომლებიც ერთმანეთს არ ფარავს, როგორც ცხრილი წერს (ამ სტრიქონს მის სვეტებზე მეტი დიაპაზონი ხვდება)",
    ),
    "expected.output_no_folder": (
        "a file in a folder that exists ({folder} does not)",
        "ფაილი არსებულ საქაღალდეში ({folder} არ არსებობს)",
    ),
    "expected.output_link_loop": (
        "a file, not a symlink that leads back to itself",
        "ფაილი და არა სიმბოლური ბმული, რომელიც საკუთარ თავს უბრუნდება",
    ),
    "expected.output_folder": ("a file, not a folder", "ფაილი და არა საქაღალდე"),
    "expected.output_unopenable": (
        "a path the system can write a file at ({why})",
        "გზა, რომელზეც სისტემას ფაილის ჩაწერა შეუძლია ({why})",
    ),
    "expected.output_folder_read_only": (
        "a file in a folder that may be written (this one may not)",
        "ფაილი საქაღალდეში, რომელშიც ჩაწერა დაშვებულია (ამ საქაღალდეში არ არის დაშვებული)",
    ),
    "expected.output_read_only": (
        "a file that may be written (this one may not)",
        "ფაილი, რომელშიც ჩაწერა დაშვებულია (ამ ფაილში არ არის დაშვებული)",
    ),
    "expected.whole_copy": (
        "a copy of every field: model_copy(update=...) (include= or exclude= would make no such model)",
        "ყველა ველის ასლი: 'model_copy(update=...)' ('include=' ან 'exclude=' ასეთ მოდელს ვერ შექმნის)",
    ),
    "expected.check_anew": (
        "no change by model_copy(update=...), which does not check a {model} again: {call}() called with the"
        " changed input is the check made anew",
        "'model_copy(update=...)'-ით ცვლილება არ მიიღება, რადგან '{model}' ხელახლა არ მოწმდება: '{call}()'"
        " შეცვლილი მონაცემით არის ხელახლა ჩატარებული შემოწმება",
    ),
    "expected.recomputed_copy": (
        "no change by model_copy(update=...), which does not recompute a {model}: {model}.from_dict of its"
        " to_dict() with the change (and the rule set it was computed with) is the result recomputed",
        "'model_copy(update=...)'-ით ცვლილება არ მიიღება, რადგან '{model}' ხელახლა არ გამოითვლება: '{model}.from_dict'"
        " მისი 'to_dict()'-ით და ცვლილებით (და წესების ნაკრებით, რომლითაც გამოითვალა) არის ხელახლა გამოთვლილი შედეგი",
    ),
    "expected.rules_of_the_month": (
        "the rule set the voucher month was computed with ({name!r}); to settle under the rule set"
        " given, compute the month under it first (voucher_month(..., rules=...))",
        "წესების ნაკრები, რომლითაც ვაუჩერის თვე გამოითვალა ({name!r}); მოცემული ნაკრებით ანგარიშსწორებისთვის"
        " ჯერ თვე გამოთვალეთ ამ ნაკრებით ('voucher_month(..., rules=...)')",
    ),
    "expected.volatile_value": (
        "a value, not a formula the spreadsheet calculates again each time it opens the sheet (such as"
        " =TODAY()): its stored value is the day it was saved, not what the sheet shows; write the value",
        "მნიშვნელობა და არა ფორმულა, რომელსაც ცხრილი ფურცლის ყოველ გახსნაზე თავიდან ითვლის (მაგ. '=TODAY()'):"
        " მისი შენახული მნიშვნელობა შენახვის დღისაა და არა ის, რასაც ფურცელი აჩვენებს; ჩაწერეთ მნიშვნელობა",
    ),
    "expected.error_value": (
        "a value, not a spreadsheet error such as #N/A (the cell's formula failed: correct it, or write the value)",
        "მნიშვნელობა და არა ცხრილის შეცდომა, მაგ. '#N/A' (უჯრის ფორმულამ ვერ იმუშავა: გაასწორეთ ან ჩაწერეთ მნიშვნელობა)",
    ),
    "expected.array_range": (
        "an array formula's range of this sheet's cells, e.g. 'G2:G4'",
        "მასივის ფორმულის დიაპაზონი ამ ფურცლის უჯრებით, მაგ. 'G2:G4'",
    ),
    "expected.one_of": ("one of {choices}", "ერთ-ერთი: {choices}"),
    "expected.one_of_several": (
        "one of {choices} (Annex {annex} has several)",
        "ერთ-ერთი: {choices} (№{annex} დანართს რამდენიმე სვეტი აქვს)",
    ),
    "expected.municipality_name": (
        "a municipality name, e.g. 'Tbilisi' or 'ქ. თბილისი'",
        "მუნიციპალიტეტის სახელი, მაგ. 'Tbilisi' ან 'ქ. თბილისი'",
    ),
    "expected.municipality_of": (
        "a municipality of the Annex {annex} table",
        "№{annex} დანართის ცხრილის მუნიციპალიტეტი",
    ),
    "expected.municipality_of_close": (
        "a municipality of the Annex {annex} table; closest: {close}",
        "№{annex} დანართის ცხრილის მუნიციპალიტეტი; უახლოესი: {close}",
    ),
    "expected.city_split": (
        "the part of the place the facility is in, which the limit tables list in parts ({parts}), one of them capped",
        "ადგილის ის ნაწილი, სადაც დაწესებულებაა: ლიმიტების ცხრილები მას ნაწილებად ასახელებს ({parts}) და "
        "ერთ-ერთს ზღვარი აქვს",
    ),
    "expected.city_in_capped": (
        "the city or municipality whose cap the facility has: this town lies in {municipality}, to which "
        "the rule set's program year gives a cap (write {municipality} where its cap bounds the facility)",
        "ქალაქი ან მუნიციპალიტეტი, რომლის ზღვარიც ვრცელდება დაწესებულებაზე (ეს ქალაქი შედის ერთეულში, "
        "რომელსაც წესების ნაკრების საპროგრამო წელი ზღვარს უწესებს — {municipality}; მიუთითეთ {municipality}, "
        "თუ მისი ზღვარი ვრცელდება დაწესებულებაზე)",
    ),
    "expected.municipality_of_town": (
        "a municipality of the Annex {annex} table: this town lies in the municipality whose row is {close}",
        "№{annex} დანართის ცხრილის მუნიციპალიტეტი: ეს ქალაქი მდებარეობს მუნიციპალიტეტში, რომლის სტრიქონია {close}",
    ),
    "expected.municipality_split": (
        "a row of the Annex {annex} table, which counts this municipality in parts: {close}",
        "№{annex} დანართის ცხრილის სტრიქონი; ცხრილი ამ მუნიციპალიტეტს ნაწილებად ითვლის: {close}",
    ),
    "expected.tolerance": ("an amount of 0 GEL or more", "თანხა 0 ლარი ან მეტი"),
    "expected.flag": ("yes or no (also true/false, 1/0, კი/არა)", "კი ან არა (ასევე 'yes'/'no', 'true'/'false', 1/0)"),
    "expected.disability": (
        "yes or no (also 1 or 0), or status periods such as '2021-11-16..' or '..2021-11-15'",
        "კი ან არა (ასევე 1 ან 0), ან სტატუსის პერიოდები, მაგ. '2021-11-16..' ან '..2021-11-15'",
    ),
    "expected.periods": (
        "status periods written FROM..TO, separated by ';'",
        "სტატუსის პერიოდები ფორმატით 'FROM..TO' (საწყისი..საბოლოო თარიღი), ერთმანეთისგან ';'-ით გამოყოფილი",
    ),
    "expected.period_with_a_date": (
        "a status period with at least one date, 'FROM..TO', 'FROM..' or '..TO' (yes: status throughout)",
        "სტატუსის პერიოდი ერთი თარიღით მაინც: 'FROM..TO', 'FROM..' ან '..TO' (სტატუსი მთელი პერიოდის განმავლობაში: კი)",
    ),
    "expected.periods_per_day": (
        "at most one period per day of the month ({days})",
        "თვის თითო დღეზე არაუმეტეს ერთი პერიოდისა ({days})",
    ),
    "expected.id": (
        "an id (required: a blank cell names nobody)",
        "კოდი (სავალდებულოა: ცარიელი უჯრა არავის აღნიშნავს)",
    ),
    "expected.id_text": (
        "an id written as text (a number cell keeps only 15 to 17 digits)",
        "კოდი ტექსტის სახით (რიცხვით უჯრაში მხოლოდ 15–17 ციფრი ინახება)",
    ),
    "expected.id_scientific": (
        "an id written as text (a number shown in scientific notation, as a spreadsheet saves a long number "
        "in a number cell, has lost its digits: make the id column text before the file is saved)",
        "კოდი ტექსტის სახით (სამეცნიერო ჩანაწერით ნაჩვენებ რიცხვს, როგორც ცხრილი ინახავს რიცხვით უჯრაში გრძელ "
        "რიცხვს, ციფრები დაკარგული აქვს: ფაილის შენახვამდე კოდების სვეტს ტექსტის ფორმატი მიეცით)",
    ),
    "expected.id_visible": (
        "an id of visible characters (it holds the invisible {char}: two ids that look alike would be two beneficiaries)",
        "კოდი ხილული სიმბოლოებით (შეიცავს უხილავ სიმბოლოს {char}: ორი ვიზუალურად მსგავსი კოდი ორ ბენეფიციარს აღნიშნავდა)",
    ),
    "expected.id_known.beneficiaries": (
        "an id of characters of agreed meaning (it holds {char}, {what}; a page shows it as an empty box if at"
        " all: two ids that look alike would be two beneficiaries)",
        "კოდი შეთანხმებული მნიშვნელობის სიმბოლოებით (შეიცავს {char}-ს, {what}; გვერდი მას ცარიელ ოთხკუთხედად"
        " აჩვენებს ან საერთოდ არ აჩვენებს: ორი ვიზუალურად მსგავსი კოდი ორ ბენეფიციარს აღნიშნავდა)",
    ),
    "expected.id_known.facilities": (
        "an id of characters of agreed meaning (it holds {char}, {what}; a page shows it as an empty box if at"
        " all: two ids that look alike would be two facilities)",
        "კოდი შეთანხმებული მნიშვნელობის სიმბოლოებით (შეიცავს {char}-ს, {what}; გვერდი მას ცარიელ ოთხკუთხედად"
        " აჩვენებს ან საერთოდ არ აჩვენებს: ორი ვიზუალურად მსგავსი კოდი ორ დაწესებულებას აღნიშნავდა)",
    ),
    "value.unassigned": (
        "a code point to which Unicode {version}, as this Python knows it, assigns no character",
        "კოდურ წერტილს, რომელსაც 'Unicode {version}', როგორც ეს 'Python' იცნობს, სიმბოლოს არ ანიჭებს",
    ),
    "value.private_use": (
        "a code point for private use, whose character only programs that agree on it know",
        "პირადი სარგებლობის კოდურ წერტილს, რომლის სიმბოლოს მხოლოდ მასზე შეთანხმებული პროგრამები იცნობენ",
    ),
    "value.surrogate": (
        "a lone surrogate, half of the pair that writes one character in UTF-16",
        "მარტოხელა სუროგატს, წყვილის ნახევარს, რომელიც 'UTF-16'-ში ერთ სიმბოლოს წერს",
    ),
    "expected.id_letters_replaced": (
        "an id without U+FFFD: it stands where a letter was lost when the text was read in an encoding it was"
        " not written in (by pandas' encoding_errors='replace', or by the program that saved the file), and ids"
        " that differed in that letter would be one; read the source in its own encoding, or write the id again",
        "კოდი 'U+FFFD'-ის გარეშე: ის დგას იქ, სადაც ასო იყო, როცა ფაილი წაიკითხეს კოდირებით, რომლითაც არ იყო"
        " ჩაწერილი ('pandas'-ის 'encoding_errors=\"replace\"', ან პროგრამამ, რომელმაც ფაილი შეინახა), და კოდები,"
        " რომლებიც ამ ასოთი განსხვავდებოდა, ერთად იქცეოდა; წაიკითხეთ წყარო თავისი კოდირებით, ან ჩაწერეთ კოდი ხელახლა",
    ),
    "expected.facility_id_visible": (
        "an id of visible characters (it holds the invisible {char}: two ids that look alike would be two facilities)",
        "კოდი ხილული სიმბოლოებით (შეიცავს უხილავ სიმბოლოს {char}: ორი ვიზუალურად მსგავსი კოდი ორ დაწესებულებას აღნიშნავდა)",
    ),
    "expected.text": ("text, a number or a date", "ტექსტი, რიცხვი ან თარიღი"),
    "expected.stored_rules": (
        "the rule set the data was computed under, {named}: pass that rule set ({how})",
        "წესების ნაკრები, რომლითაც მონაცემები გამოითვალა, {named}: გადაეცით ეს ნაკრები ({how})",
    ),
    "expected.stored_calendar": (
        "the calendar the data was settled under, {named}: pass that calendar ({how})",
        "კალენდარი, რომლითაც მონაცემები გამოითვალა, {named}: გადაეცით ეს კალენდარი ({how})",
    ),
    "expected.unit_name": ("a housing unit's name, as text", "საცხოვრებელი ერთეულის სახელი, ტექსტის სახით"),
    "expected.unit_visible": (
        "a housing unit's name of visible characters (it holds the invisible {char}: two names that look alike would be two units)",
        "საცხოვრებელი ერთეულის სახელი ხილული სიმბოლოებით (შეიცავს უხილავ სიმბოლოს {char}: ორი ვიზუალურად მსგავსი სახელი ორ ერთეულს აღნიშნავდა)",
    ),
    "expected.unit_known": (
        "a housing unit's name of characters of agreed meaning (it holds {char}, {what}; a page shows it as an"
        " empty box if at all: two names that look alike would be two units)",
        "საცხოვრებელი ერთეულის სახელი შეთანხმებული მნიშვნელობის სიმბოლოებით (შეიცავს {char}-ს, {what}; გვერდი"
        " მას ცარიელ ოთხკუთხედად აჩვენებს ან საერთოდ არ აჩვენებს: ორი ვიზუალურად მსგავსი სახელი ორ ერთეულს"
        " აღნიშნავდა)",
    ),
    "expected.unit_once": (
        "each housing unit named once ({other} names the same unit: the spaces around a name, how many spaces part its words, the case of its letters and how a letter is written ('é' as one character or as 'e' and an accent) do not change it)",
        "თითოეული საცხოვრებელი ერთეული ერთხელ დასახელებული ({other} იმავე ერთეულს ასახელებს: ჰარები სახელის წინ და ბოლოს, ჰარების რაოდენობა სიტყვებს შორის, ასოების რეგისტრი და ერთი და იმავე ასოს ჩაწერის ხერხი (მაგ. 'é' ერთი სიმბოლოთი თუ 'e' და მახვილით) სახელს არ ცვლის)",
    ),
    "expected.text_chars": ("text of at most {chars:,} characters", "ტექსტი, არაუმეტეს {chars:,} სიმბოლოსი"),
    "expected.numpy_float": (
        "a float64 number or text, not a numpy {kind} (it has lost digits; D18)",
        "'float64' რიცხვი ან ტექსტი და არა {kind} (მასში ციფრები იკარგება; D18)",
    ),
    # (review 93: Decimal("26") was refused as no whole number, which it is: say the forms taken)
    "expected.count": (
        "a whole number of 0 or more, as an integer or its digits as text",
        "მთელი რიცხვი, 0 ან მეტი, მოცემული მთელ რიცხვად ან მისი ციფრებით ტექსტად",
    ),
    "expected.count_decimals": (
        "a whole number written without decimals ({whole!r}): a count of text is read as its digits alone",
        "მთელი რიცხვი ათწილადი ნაწილის გარეშე ({whole!r}): ტექსტად მოცემული რაოდენობა მხოლოდ ციფრებით იკითხება",
    ),
    "expected.count_up_to": ("a whole number from 0 to {max:,}", "მთელი რიცხვი 0-დან {max:,}-მდე"),
    "expected.service": ("'shelter' or 'day_centre'", "'shelter' (თავშესაფარი) ან 'day_centre' (დღის ცენტრი)"),
    # amounts of money
    "expected.money": ("an amount of GEL, e.g. '620.00'", "თანხა ლარებში, მაგ. '620.00'"),
    "expected.money_text": (  # the lari sign is named, not drawn: few fonts have U+20BE
        "an amount of GEL such as '620.00', '620,00', '1 234,56' or '1,234.56' "
        "(optionally with GEL, lari, ლარი, ლ. or the lari sign U+20BE)",
        "თანხა ლარებში, მაგ. '620.00', '620,00', '1 234,56' ან '1,234.56' "
        "(შეიძლება ერთვოდეს 'GEL', 'lari', 'ლარი', 'ლ.' ან ლარის ნიშანი, 'U+20BE')",
    ),
    "expected.money_dash": (
        "an amount of GEL such as '620.00' or '0': a dash alone is how a spreadsheet's accounting format "
        "shows 0, and could as well stand for an amount not known; write 0 if it is 0",
        "თანხა ლარებში, მაგ. '620.00' ან '0': მხოლოდ ტირე ასე აჩვენებს ცხრილის საბუღალტრო ფორმატი 0-ს, და "
        "შეიძლება უცნობ თანხასაც ნიშნავდეს; ჩაწერეთ 0, თუ ეს 0-ია",
    ),
    "expected.money_finite": ("a finite amount of GEL", "სასრული თანხა ლარებში"),
    "expected.money_below": ("an amount below {max:,} GEL", "{max:,} ლარზე ნაკლები თანხა"),
    "expected.money_chars": ("an amount of at most 100 characters", "თანხა, არაუმეტეს 100 სიმბოლოსი"),
    "expected.tetri": (
        "an amount in whole tetri (at most 2 decimals)",
        "თანხა მთელი თეთრის სიზუსტით (არაუმეტეს 2 ათწილადი ნიშნისა)",
    ),
    "expected.decimals": (
        "an amount with at most {places} decimals",
        "თანხა, არაუმეტეს {places} ათწილადი ნიშნით",
    ),
    "expected.point_once": (
        "{point!r} once, before the tetri, and never between thousands",
        "{point!r} ერთხელ, თეთრის წინ, და არასდროს ათასეულებს შორის",
    ),
    "expected.one_reading": (
        "an amount that can only be read one way: {text!r} may be a thousand and more or a lari and a fraction; "
        "write it with two decimals, or say which character the file uses before the tetri "
        "(decimal_separator=',' or '.', --decimal-separator)",
        "თანხა, რომელიც მხოლოდ ერთნაირად იკითხება: {text!r} შეიძლება იყოს ათასი ან მეტი, ან ლარი და მისი "
        "ნაწილი; ჩაწერეთ ორი ათწილადი ნიშნით, ან მიუთითეთ, რომელი სიმბოლო დგას ფაილში თეთრის წინ "
        "(decimal_separator=',' ან '.', '--decimal-separator')",
    ),
    "expected.one_reading_decimal": (
        "an amount that can only be read one way: {text!r} may be a thousand and more or a lari and a fraction; "
        "write it with two decimals, or give it as a Decimal (Decimal({thousand!r}) or Decimal({fraction!r}))",
        "თანხა, რომელიც მხოლოდ ერთნაირად იკითხება: {text!r} შეიძლება იყოს ათასი ან მეტი, ან ლარი და მისი "
        "ნაწილი; ჩაწერეთ ორი ათწილადი ნიშნით, ან მიუთითეთ 'Decimal'-ით (Decimal({thousand!r}) ან "
        "Decimal({fraction!r}))",
    ),
    "expected.one_reading_rate": (
        "an amount that can only be read one way: {text!r} may be a thousand and more or a lari and a fraction; "
        "write it so that it reads one way ({thousand!r} or {written!r}), or give it as a Decimal "
        "(Decimal({thousand!r}) or Decimal({fraction!r}))",
        "თანხა, რომელიც მხოლოდ ერთნაირად იკითხება: {text!r} შეიძლება იყოს ათასი ან მეტი, ან ლარი და მისი "
        "ნაწილი; ჩაწერეთ ისე, რომ ერთნაირად იკითხებოდეს ({thousand!r} ან {written!r}), ან მიუთითეთ "
        "'Decimal'-ით (Decimal({thousand!r}) ან Decimal({fraction!r}))",
    ),
    "expected.one_reading_written": (
        "an amount that can only be read one way: {text!r} may be a thousand and more or a lari and a fraction; "
        "write it with two decimals (e.g. {example!r})",
        "თანხა, რომელიც მხოლოდ ერთნაირად იკითხება: {text!r} შეიძლება იყოს ათასი ან მეტი, ან ლარი და მისი "
        "ნაწილი; ჩაწერეთ ორი ათწილადი ნიშნით (მაგ. {example!r})",
    ),
    "expected.one_reading_either": (
        "an amount that can only be read one way: {text!r} may be a thousand and more or a lari and a fraction; "
        "write it so that it reads one way ({thousand!r} or {fraction!r})",
        "თანხა, რომელიც მხოლოდ ერთნაირად იკითხება: {text!r} შეიძლება იყოს ათასი ან მეტი, ან ლარი და მისი "
        "ნაწილი; ჩაწერეთ ისე, რომ ერთნაირად იკითხებოდეს ({thousand!r} ან {fraction!r})",
    ),
    "expected.one_reading_flag": (
        "an amount that can only be read one way: {text!r} may be a thousand and more or a lari and a fraction; "
        "write it with two decimals, or say which character comes before the tetri ({advice})",
        "თანხა, რომელიც მხოლოდ ერთნაირად იკითხება: {text!r} შეიძლება იყოს ათასი ან მეტი, ან ლარი და მისი "
        "ნაწილი; ჩაწერეთ ორი ათწილადი ნიშნით, ან მიუთითეთ, რომელი სიმბოლო დგას თეთრის წინ ({advice})",
    ),
    "expected.one_grouping": ("one kind of thousands separator", "ათასეულების ერთი სახის გამყოფი"),
    "expected.grouping": (
        "thousands grouped by three digits, e.g. '1 234 567,00'",
        "ათასეულები სამ-სამ ციფრად დაჯგუფებული, მაგ. '1 234 567,00'",
    ),
    "expected.not_negative": ("an amount of 0 or more", "თანხა, 0 ან მეტი"),
    "expected.header_again_moved": (
        "one table under one header: row {row} repeats a header whose columns do not stand as the first header's "
        "({moved}), as when two tables are joined in one file, so the rows under it may be read from the wrong "
        "columns; put each table in a file of its own, or the columns of every table in one order, under the "
        "same headers",
        "ერთი ცხრილი ერთი სათაურით: სტრიქონი {row} იმეორებს სათაურს, რომლის სვეტებიც პირველი სათაურისას არ "
        "ემთხვევა ({moved}), როგორც ერთ ფაილში ორი ცხრილის შეერთებისას, ამიტომ მის ქვემოთ სტრიქონები შესაძლოა "
        "სხვა სვეტებიდან წაიკითხებოდეს; "
        "თითოეული ცხრილი ცალკე ფაილში ჩაწერეთ, ან ყველა ცხრილის სვეტები ერთი რიგით დაალაგეთ",
    ),
    "expected.header_again_small_table": (
        "one table under one header: row {row} holds a few headings ({moved}), over a few columns only: a small "
        "table of its own under the lines (a recap by month or by beneficiary) or a second table joined with its "
        "other headings left blank, whose rows would be read from the wrong columns; move such a table to a sheet "
        "or a file of its own",
        "ერთი ცხრილი ერთი სათაურით: სტრიქონი {row} რამდენიმე სათაურს შეიცავს ({moved}), მხოლოდ რამდენიმე სვეტზე: ეს "
        "არის ან ცალკე მცირე ცხრილი სტრიქონების ქვემოთ (შეჯამება თვეების ან ბენეფიციარების მიხედვით), ან "
        "მიერთებული მეორე ცხრილი, რომლის დანარჩენი სათაურები ცარიელია და რომლის სტრიქონებიც სხვა სვეტებიდან "
        "წაიკითხებოდა; ასეთი ცხრილი ცალკე ფურცელზე ან ცალკე ფაილში გადაიტანეთ",
    ),
    "expected.header_again_unknown": (
        "one header: row {row} repeats the header, but its cells over columns amounts are read from are "
        "blank or headings voucherlib cannot place ({cells}), so it cannot tell that the rows under it stand "
        "in the first header's columns; write its headings as the first header writes them",
        "ერთი სათაური: სტრიქონი {row} იმეორებს სათაურს, მაგრამ მისი უჯრები იმ სვეტებზე, საიდანაც თანხები "
        "იკითხება, ცარიელია ან ისეთი სათაურებია, რომლებსაც 'voucherlib' ვერ განალაგებს ({cells}), ამიტომ ვერ "
        "დადგინდება, რომ მის ქვემოთ სტრიქონები პირველი სათაურის სვეტებშია; მისი სათაურები ისე ჩაწერეთ, როგორც "
        "პირველ სათაურშია",
    ),
    # (review 223 F2: a weak heading in its place, `ბენეფიციარი` beside a page caption, was called
    # a heading voucherlib cannot place)
    "expected.header_again_weak_beside": (
        "one header: row {row} repeats the header, but its heading of the ids ({cells}) may name the names "
        "too, and the row holds other words beside it ({others}), so voucherlib cannot tell that the rows "
        "under it stand in the first header's columns; leave the other words out of the row, or head the "
        "ids' column beneficiary_id",
        "ერთი სათაური: სტრიქონი {row} იმეორებს სათაურს, მაგრამ მისი იდენტიფიკატორების სათაური ({cells}) "
        "შეიძლება სახელებსაც ნიშნავდეს, სტრიქონში კი მის გვერდით სხვა სიტყვებიცაა ({others}), ამიტომ ვერ "
        "დადგინდება, რომ მის ქვემოთ სტრიქონები პირველი სათაურის სვეტებშია; ამოიღეთ სხვა სიტყვები ამ "
        "სტრიქონიდან, ან იდენტიფიკატორების სვეტს დაარქვით 'beneficiary_id'",
    ),
    "expected.header_again_weak_twice": (
        "one header: row {row} repeats the header, but its headings ({cells}) may each name the ids or the "
        "names, so voucherlib cannot tell which column holds the ids under it; head the ids' column "
        "beneficiary_id",
        "ერთი სათაური: სტრიქონი {row} იმეორებს სათაურს, მაგრამ მისი სათაურებიდან ({cells}) თითოეული შეიძლება "
        "ნიშნავდეს იდენტიფიკატორებს ან სახელებს, ამიტომ ვერ დადგინდება, რომელ სვეტშია მის ქვემოთ "
        "იდენტიფიკატორები; იდენტიფიკატორების სვეტს დაარქვით 'beneficiary_id'",
    ),
    "expected.header_again_unheaded": (
        "columns without a header row: row {row} holds a header ({moved}), which tells that the rows under it "
        "may stand in other columns; leave the header rows out of the columns given",
        "სვეტები სათაურის სტრიქონის გარეშე: სტრიქონი {row} სათაურს შეიცავს ({moved}), რაც მიუთითებს, რომ მის "
        "ქვემოთ სტრიქონები შესაძლოა სხვა სვეტებში იყოს; მიცემული სვეტებიდან სათაურის სტრიქონები ამოიღეთ",
    ),
    "expected.budget_amount": ("an amount of GEL above 0", "ლარის თანხა, 0-ზე მეტი"),
    "expected.measures_sum": (
        "the sum of the budget's measures, or no measures",
        "ბიუჯეტის ღონისძიებების თანხების ჯამი, ან ღონისძიებების გარეშე",
    ),
    "expected.rate_at_most": (
        "a rate of at most {most:,} GEL a day (the most a rule set may set)",
        "განაკვეთი, დღეში არაუმეტეს {most:,} ლარისა (ეს არის მაქსიმალური განაკვეთი, რომლის დადგენაც წესების ნაკრებს შეუძლია)",
    ),
    "expected.rate_not_negative": (
        "a rate of 0 GEL or more, without a minus sign",
        "განაკვეთი, 0 ლარი ან მეტი, მინუს ნიშნის გარეშე",
    ),
    # files
    "expected.sheet_no_doctype": (
        "a worksheet (or shared-strings part) without a document type declaration, as spreadsheets write it (the"
        " declaration's entities may write cells, formulas or hidden columns that cannot be looked for): save the"
        " workbook again in a spreadsheet",
        "ფურცელი (ან სამუშაო წიგნის საერთო ტექსტების ფაილი) დოკუმენტის ტიპის გამოცხადების გარეშე, როგორც ცხრილების"
        " პროგრამები წერენ (ასეთ გამოცხადებაში განსაზღვრულ 'XML'-ერთეულებს ('ENTITY') შეუძლია ჩაწეროს უჯრები,"
        " ფორმულები ან დამალული სვეტები ისე, რომ მათი მოძებნა შეუძლებელი იყოს): ხელახლა შეინახეთ სამუშაო წიგნი"
        " ცხრილების პროგრამაში",
    ),
    "expected.sheet_prolog": (
        "a worksheet (or shared-strings part) whose first element comes within its first {most:,} bytes, as spreadsheets write it"
        " (about 60 bytes of declaration): save the workbook again in a spreadsheet",
        "ფურცელი (ან სამუშაო წიგნის საერთო ტექსტების ფაილი), რომლის პირველი ელემენტი მის პირველ {most:,} ბაიტში"
        " იწყება, როგორც ცხრილების პროგრამები წერენ (დეკლარაცია დაახლოებით 60 ბაიტია): ხელახლა შეინახეთ სამუშაო"
        " წიგნი ცხრილების პროგრამაში",
    ),
    "expected.workbook_sheets": (
        "a workbook each of whose {listed:,} listed sheets can be opened ({opened:,} could: a sheet's link in the"
        " workbook does not name its part as the file writes it): save the workbook again in a spreadsheet",
        "სამუშაო წიგნი, რომლის ჩამოთვლილი {listed:,} ფურცლიდან თითოეული იხსნება (გაიხსნა {opened:,}: ფურცლის ბმული"
        " სამუშაო წიგნში მის ფაილს ისე არ ასახელებს, როგორც ის ფაილშია ჩაწერილი): ხელახლა შეინახეთ სამუშაო წიგნი"
        " ცხრილების პროგრამაში",
    ),
    "expected.sheet_names_apart": (
        "a workbook whose sheets' names differ otherwise than in case ({names} is named as another sheet is):"
        " rename the sheet in a spreadsheet",
        "სამუშაო წიგნი, რომლის ფურცლების სახელები ერთმანეთისგან არა მხოლოდ რეგისტრით განსხვავდება ({names} სხვა"
        " ფურცლის სახელს ემთხვევა): გადაარქვით ფურცელს სახელი ცხრილების პროგრამაში",
    ),
    "expected.workbook_part_once": (
        "a workbook whose sheets each have a part of their own ({part} is named by more than one): save the"
        " workbook again in a spreadsheet",
        "სამუშაო წიგნი, რომლის თითოეულ ფურცელს თავისი ფაილი აქვს ({part} ერთზე მეტ ფურცელს აქვს მითითებული):"
        " ხელახლა შეინახეთ სამუშაო წიგნი ცხრილების პროგრამაში",
    ),
    "expected.sheet_utf8": (
        "a worksheet (or shared-strings part) written in UTF-8, as spreadsheets write it (this one is in another encoding, in which"
        " its hidden columns, merged cells and formulas cannot be looked for): save the workbook again in a"
        " spreadsheet",
        "'UTF-8' კოდირებით ჩაწერილი ფურცელი (ან სამუშაო წიგნის საერთო ტექსტების ფაილი), როგორც ცხრილების პროგრამები"
        " წერენ (ეს სხვა კოდირებითაა, რომელშიც მისი დამალული სვეტები, გაერთიანებული უჯრები და ფორმულები ვერ"
        " მოიძებნება): ხელახლა შეინახეთ სამუშაო წიგნი ცხრილების პროგრამაში",
    ),
    "expected.utf8_at": (
        "UTF-8 text (byte {byte} of the file, on line {line}, is not: the file was saved in another encoding; save it as"
        " CSV UTF-8, or as XLSX)",
        "'UTF-8' ტექსტი (ფაილის ბაიტი {byte}, ხაზზე {line}, ასეთი არ არის: ფაილი სხვა კოდირებით არის შენახული;"
        " შეინახეთ როგორც 'CSV UTF-8', ან როგორც 'XLSX')",
    ),
    "expected.utf8_at_text": (
        "UTF-8 text (byte {byte} of the file, on line {line}, is not: the file was saved in another encoding;"
        " save it as UTF-8)",
        "'UTF-8' ტექსტი (ფაილის ბაიტი {byte}, ხაზზე {line}, ასეთი არ არის: ფაილი სხვა კოდირებით არის შენახული;"
        " შეინახეთ როგორც 'UTF-8')",
    ),
    "expected.utf8.utf16_text": (
        "UTF-8 text (this file is UTF-16, as its first bytes say): save it as UTF-8",
        "'UTF-8' ტექსტი (ეს ფაილი 'UTF-16'-ია, როგორც მისი პირველი ბაიტები ამბობს): შეინახეთ როგორც 'UTF-8'",
    ),
    "expected.utf8.utf16": (
        'UTF-8 text (this file is UTF-16, as its first bytes say, what Excel saves as "Unicode Text"): save it'
        " as CSV UTF-8, or as XLSX",
        "'UTF-8' ტექსტი (ეს ფაილი 'UTF-16'-ია, როგორც მისი პირველი ბაიტები ამბობს): შეინახეთ როგორც 'CSV UTF-8',"
        " ან როგორც 'XLSX'",
    ),
    "expected.utf8.workbook": (
        "a CSV file of UTF-8 text (this file is a workbook, as its first bytes say): name it .xlsx",
        "'UTF-8' ტექსტის 'CSV' ფაილი (ეს ფაილი წიგნია, როგორც მისი პირველი ბაიტები ამბობს): დაარქვით '.xlsx'",
    ),
    "expected.utf8.old_workbook": (
        "a CSV file of UTF-8 text (this file is an old Excel workbook, .xls, as its first bytes say): save it as"
        " .xlsx, or as CSV UTF-8",
        "'UTF-8' ტექსტის 'CSV' ფაილი (ეს ფაილი ძველი 'Excel'-ის წიგნია, '.xls', როგორც მისი პირველი ბაიტები"
        " ამბობს): შეინახეთ როგორც '.xlsx', ან როგორც 'CSV UTF-8'",
    ),
    "expected.readable_file": ("a readable file ({reason})", "წაკითხვადი ფაილი ({reason})"),
    # (review 226 F1: --rules through_2026 beside a file of that name read the shipped year, silently)
    "expected.shipped_or_file": (
        "the shipped year {name} or the file {path}, which has the same name: write {local} for the file, or rename it",
        "მიწოდებული წელი {name} ან ფაილი {path}, რომელსაც იგივე სახელი აქვს: ფაილისთვის ჩაწერეთ {local}, "
        "ან გადაარქვით მას სახელი",
    ),
    "expected.toml_text_lines": (
        "a rule-set file's path, or its TOML text in lines ended by a line feed (text without one is "
        "taken for a path, and no such file exists)",
        "წესების ნაკრების ფაილის მისამართი ან მისი 'TOML' ტექსტი ხაზებად, რომლებიც ხაზის გადატანის "
        "ნიშნით მთავრდება (ტექსტი ამ ნიშნის გარეშე მისამართად აღიქმება, ასეთი ფაილი კი არ არსებობს)",
    ),
    "os.ENOENT": ("{text}", "ასეთი ფაილი ან საქაღალდე არ არსებობს"),  # the system's words (strerror) in English
    "os.EACCES": ("{text}", "წვდომა აკრძალულია"),
    "os.EISDIR": ("{text}", "ეს საქაღალდეა"),
    "os.ENOTDIR": ("{text}", "გზის ნაწილი საქაღალდე არ არის"),
    "os.other": ("{text}", "{text}"),
    "expected.not_a_directory": ("a file, not a directory", "ფაილი და არა საქაღალდე"),
    "expected.regular_file": (
        "a file on disk, not a pipe or a device (give a pipe's text on standard input, -)",
        "ფაილი დისკზე და არა არხი ან მოწყობილობა (არხის ტექსტი მიეცით სტანდარტულ შეტანაზე, -)",
    ),
    "expected.file_size": (
        "a file of at most {max:,} bytes (it has {size:,})",
        "ფაილი, არაუმეტეს {max:,} ბაიტისა (მასშია {size:,})",
    ),
    "expected.workbook.xls": (
        "an XLSX workbook (this file is an old Excel workbook, .xls, as its first bytes say): save it as .xlsx,"
        " or as CSV UTF-8",
        "'XLSX' სამუშაო წიგნი (ეს ფაილი ძველი 'Excel'-ის წიგნია, '.xls', როგორც მისი პირველი ბაიტები ამბობს):"
        " შეინახეთ '.xlsx'-ად, ან 'CSV UTF-8'-ად",
    ),
    "expected.workbook.ods": (
        "an XLSX workbook (this file is an OpenDocument spreadsheet, .ods): save it as .xlsx, or as CSV UTF-8",
        "'XLSX' სამუშაო წიგნი (ეს ფაილი 'OpenDocument'-ის ცხრილია, '.ods'): შეინახეთ '.xlsx'-ად, ან 'CSV UTF-8'-ად",
    ),
    "expected.workbook.text": (
        "an XLSX workbook (this file is text, as its first bytes say: a CSV file is named .csv)",
        "'XLSX' სამუშაო წიგნი (ეს ფაილი ტექსტია, როგორც მისი პირველი ბაიტები ამბობს: 'CSV' ფაილის სახელი '.csv'-ით"
        " მთავრდება)",
    ),
    "expected.readable_workbook": ("a readable XLSX workbook ({kind})", "წაკითხვადი 'XLSX' სამუშაო წიგნი ({kind})"),
    "expected.readable_csv": ("CSV that can be read ({reason})", "წაკითხვადი 'CSV' ({reason})"),
    "expected.table_in_force": (
        "a month from {day}, when the limit table of Annex {annex} takes effect (Decree No. 467, Art. 2)",
        "თვე {day}-დან — №{annex} დანართის ლიმიტების ცხრილის ამოქმედების დღიდან (№467 დადგენილების მე-2 მუხლი)",
    ),
    "expected.table_in_force_until": (
        "a month to {day}, the last day of the 2021 Program's year, whose limit table of Annex {annex} this is"
        " (a later year's table is not bundled: D4)",
        "თვე არაუგვიანეს {day}-ისა (ჩათვლით) — 2021 წლის პროგრამის ბოლო დღისა; ეს არის ამ პროგრამის №{annex} დანართის"
        " ლიმიტების ცხრილი (შემდეგი წლის ცხრილი თან არ ახლავს: D4)",
    ),
    "expected.table_file": (
        "a .csv (or .tsv, .txt) or .xlsx file, or a DataFrame",
        "'.csv' (ან '.tsv', '.txt') ან '.xlsx' ფაილი, ან 'DataFrame'",
    ),
    "expected.sheet_of_workbook": (
        "no sheet: a sheet is one of an .xlsx workbook's, and a .csv file or a DataFrame has none",
        "ფურცლის გარეშე: ფურცელი '.xlsx' წიგნის ნაწილია, '.csv' ფაილს ან 'DataFrame'-ს კი ფურცელი არ აქვს",
    ),
    "expected.table_file_saved": (
        "a .csv (or .tsv, .txt) or .xlsx file (save an .xls or .ods workbook as .xlsx, or as CSV UTF-8)",
        "'.csv' (ან '.tsv', '.txt') ან '.xlsx' ფაილი ('.xls' ან '.ods' წიგნი შეინახეთ როგორც '.xlsx', ან როგორც"
        " 'CSV UTF-8')",
    ),
    "expected.max_rows": ("at most {max:,} rows of data", "მონაცემების არაუმეტეს {max:,} სტრიქონისა"),
    "expected.rows_at_most": ("at most {max:,} rows", "არაუმეტეს {max:,} სტრიქონისა"),
    "expected.rows_in_format": (
        "at most {max:,} rows in this format (use .csv or .json)",
        "არაუმეტეს {max:,} სტრიქონისა ამ ფორმატში (გამოიყენეთ '.csv' ან '.json')",
    ),
    "expected.rows_in_format_flag": (
        "at most {max:,} rows in HTML or XLSX, which are built whole (write CSV or JSON: {advice})",
        "არაუმეტეს {max:,} სტრიქონისა 'HTML' ან 'XLSX' ფორმატში, რომლებიც მთლიანად იწყობა (გამოიყენეთ 'CSV' ან 'JSON': {advice})",
    ),
    "expected.toml_money": (
        'money written as a string, "{example}", never as a TOML number with a point (a float, never exact)',
        "თანხა ტექსტად, ბრჭყალებში: \"{example}\"; წერტილიანი 'TOML' რიცხვი ('float') ზუსტი არ არის",
    ),
    "expected.cell_chars": ("cells of at most {max:,}", "უჯრები, თითოეული არაუმეტეს {max:,} სიმბოლოსი"),
    "expected.text_at_most": ("at most {max:,} of text", "ტექსტი, არაუმეტეს {max:,} სიმბოლოსი"),
    "expected.line_chars": (
        "lines of at most {max:,} characters ({columns} cells of at most {cell:,} characters)",
        "ხაზები, თითოეული არაუმეტეს {max:,} სიმბოლოსი ({columns} უჯრა, თითოეული არაუმეტეს {cell:,} სიმბოლოსი)",
    ),
    "expected.quotes_closed": (
        "CSV whose quotes are closed where they belong: {column!r} runs from line {line:,} to line {end:,} "
        "and holds what looks like whole rows",
        "'CSV', რომლის ბრჭყალები თავის ადგილზეა დახურული: {column!r} გრძელდება ფაილის ხაზიდან {line:,} ხაზამდე "
        "{end:,} და, როგორც ჩანს, მთელ სტრიქონებს შეიცავს",
    ),
    "reason.quote_never_closed": ("a quote is opened and never closed", "ბრჭყალი გაიხსნა და აღარ დაიხურა"),
    "reason.cells_outside": (
        "row has cells outside the {columns} columns of the header (cell {cell}: {value}; a column"
        " without a header cell, such as a table's index that pandas writes unless index=False?)",
        "სტრიქონს აქვს უჯრები სათაურის {columns} სვეტის გარეთ (უჯრა {cell}: {value}; სვეტი სათაურის"
        " უჯრის გარეშე, მაგ. ცხრილის ინდექსი?)",
    ),
    "expected.file_name_ending": ("a file name ending {endings}", "ფაილის სახელი, რომელიც ბოლოვდება: {endings}"),
    "expected.bytes_at_most": ("at most {max:,} bytes", "არაუმეტეს {max:,} ბაიტისა"),
    "expected.workbook_expands": (
        "a workbook that expands to at most {max:,} bytes (it has {expanded:,})",
        "სამუშაო წიგნი, რომელიც გაშლისას არაუმეტეს {max:,} ბაიტია (ეს {expanded:,} ბაიტია)",
    ),
    "expected.workbook_at_most": ("a workbook of at most {cap:,} {what}", "სამუშაო წიგნი, არაუმეტეს {cap:,} {what}"),
    "workbook.elements": ("XML elements", "'XML' ელემენტისა"),
    "workbook.row_cells": ("cells in a row", "უჯრისა ერთ სტრიქონში"),
    "workbook.cells": ("cells", "უჯრისა"),
    "workbook.shared_strings": ("shared strings", "საერთო ტექსტისა ('shared strings')"),
    "workbook.shared_chars": ("characters of shared strings", "საერთო ტექსტების სიმბოლოსი"),
    "expected.exact_money": (
        "an exact amount: a Decimal, an int or a string like '620.00', never a float",
        "ზუსტი თანხა: 'Decimal', მთელი რიცხვი ან ტექსტი, მაგ. '620.00' (არასდროს 'float')",
    ),
    "expected.label_written": (
        "a row label the results can write out (this whole number has more digits than Python writes):"
        " 'frame.reset_index(drop=True)'",
        "სტრიქონის ჭდე, რომელსაც შედეგები ჩაწერს (ამ მთელ რიცხვს მეტი ციფრი აქვს, ვიდრე ჩაიწერება):"
        " 'frame.reset_index(drop=True)'",
    ),
    "expected.unique_labels": (
        "a label of its own for each row, by which the results name it (the frame's index gives this "
        "one to more than one row): 'frame.reset_index(drop=True)', or 'pd.concat([...], ignore_index=True)'",
        "თითოეულ სტრიქონს საკუთარი ჭდე, რომლითაც შედეგები მას ასახელებს (ცხრილის ინდექსი ამ ჭდეს "
        "ერთზე მეტ სტრიქონს აძლევს): 'frame.reset_index(drop=True)' ან 'pd.concat([...], ignore_index=True)'",
    ),
    "expected.unique_labels_blanks": (
        "a label of its own for each row, by which the results name it (this one and {other} differ only by"
        " the blanks around them, which the tables do not show): 'frame.reset_index(drop=True)'",
        "თითოეულ სტრიქონს საკუთარი ჭდე, რომლითაც შედეგები მას ასახელებს (ეს ჭდე და {other} მხოლოდ ირგვლივ"
        " ჰარეებით განსხვავდება, რასაც ცხრილები არ აჩვენებს): 'frame.reset_index(drop=True)'",
    ),
    "expected.lines_at_most": ("at most {max:,} lines", "არაუმეტეს {max:,} სტრიქონისა"),
    "expected.workbook_parts": (
        "a workbook whose parts other than its sheets and shared strings expand to at most {max:,} bytes "
        "together (they have {size:,})",
        "სამუშაო წიგნი, რომლის შემადგენელი ფაილები, ფურცლებისა და საერთო ტექსტების გარდა, გაშლისას ჯამში "
        "არაუმეტეს {max:,} ბაიტია (ეს {size:,} ბაიტია)",
    ),
    "expected.tetri_column": (
        "a column of whole tetri (a Series, an array or a list); for one value, gel_from_tetri",
        "მთელი თეთრების სვეტი ('Series', მასივი ან სია); ერთი მნიშვნელობისთვის 'gel_from_tetri'",
    ),
    "expected.float64": (
        "numbers held as float64 (as a spreadsheet stores them) or as text: a float of another width "
        "has lost or invented digits of the amount or the id (D18)",
        "რიცხვები 'float64' სახით (როგორც ცხრილი ინახავს) ან ტექსტად: სხვა სიგანის 'float' თანხის ან "
        "კოდის ციფრებს კარგავს ან იგონებს (D18)",
    ),
    "expected.column_cells": (
        "a column: a list, a 1-D array, a Series or an Arrow array of cells",
        "სვეტი: უჯრების სია ('list'), ერთგანზომილებიანი მასივი, 'Series' ან 'Arrow' მასივი",
    ),
    "expected.exact_amount": (
        "an exact amount: a Decimal, an int or a string like '620.00'",
        "ზუსტი თანხა: 'Decimal', მთელი რიცხვი ან ტექსტი, მაგ. '620.00'",
    ),
    "expected.tetri_int": ("a whole number of tetri (an int)", "თეთრის მთელი რაოდენობა ('int')"),
    "expected.disability_value": (
        "True, False or a list of status periods (start, end)",
        "'True', 'False' ან სტატუსის პერიოდების სია (დასაწყისი, დასასრული)",
    ),
    "expected.required_field": (
        "a value: the field is required",
        "მნიშვნელობა: ველი სავალდებულოა",
    ),
    "expected.toml_date": (
        "a TOML date, e.g. 2022-01-01 (a day: no time of day, no time zone)",
        "'TOML'-ის თარიღი, მაგ. '2022-01-01' (დღე: დღის დროისა და დროის სარტყლის გარეშე)",
    ),
    "expected.program_title": (
        "a program's title in English ('title') or in Georgian ('title_ka')",
        "პროგრამის დასახელება ინგლისურად ('title') ან ქართულად ('title_ka')",
    ),
    "expected.one_length": (
        "as many cells as column {first} ({count}): every column holds one cell a row",
        "იმდენი უჯრა, რამდენიც სვეტ '{first}'-შია ({count}): ყოველი სვეტი თითო სტრიქონზე თითო უჯრას შეიცავს",
    ),
    "expected.one_index": (
        "the index of column {first}: a mapping's Series are read row by row in order, and these"
        " do not hold their rows under the same labels (pandas.DataFrame(mapping) lines them up)",
        "სვეტის '{first}' ინდექსი: ასახვის 'Series'-ები სტრიქონ-სტრიქონ, რიგის მიხედვით იკითხება, და"
        " მათი სტრიქონები ერთსა და იმავე ჭდეებს არ ატარებს ('pandas.DataFrame(mapping)' მათ ჭდეებით ათანაბრებს)",
    ),
    "expected.lazy_frame": (
        "a pandas or Polars DataFrame: collect() a Polars LazyFrame first (its rows are not yet computed)",
        "'pandas'-ის ან 'Polars'-ის 'DataFrame': 'Polars'-ის 'LazyFrame' ჯერ 'collect()'-ით გამოითვალეთ (მისი"
        " სტრიქონები ჯერ გამოთვლილი არ არის)",
    ),
    "expected.calendar_year": (
        "a year in the years {first} to {last}, which the holidays package has data for (D26)",
        "წელი {first}–{last} წლებიდან, რომლებზეც 'holidays' პაკეტს მონაცემები აქვს (D26)",
    ),
    "expected.calendar_date": (
        "a date in the years {first} to {last}, which the holidays package has data for (D26)",
        "თარიღი {first}–{last} წლებიდან, რომლებზეც 'holidays' პაკეტს მონაცემები აქვს (D26)",
    ),
    "expected.calendar_next_working_day": (
        "a date with a working day after it in the years {first} to {last}, which the holidays package has data"
        " for (D26)",
        "თარიღი, რომლის შემდეგაც სამუშაო დღეა {first}–{last} წლებში, რომლებზეც 'holidays' პაკეტს მონაცემები აქვს (D26)",
    ),
    "expected.working_day_not_off": (
        "a day that is not also given as a day off ({other})",
        "დღე, რომელიც არ არის ასევე მითითებული არასამუშაო დღედ ({other})",
    ),
    "expected.period_indices": (
        "a Period column whose storage holds its months (this one holds the indices of a categorical column's"
        " dictionary: a Feather or IPC file of a categorical Period column, read back where pandas' Period type"
        " is known, loses its months; write the month as text or as a plain, not categorical, Period)",
        "'Period' სვეტი, რომლის საცავშიც მისი თვეებია (ამაში კატეგორიული სვეტის ლექსიკონის ინდექსებია: კატეგორიული"
        " 'Period' სვეტის 'Feather' ან 'IPC' ფაილი, წაკითხული იქ, სადაც 'pandas'-ის 'Period' ტიპი ცნობილია, კარგავს"
        " თვეებს; ჩაწერეთ თვე ტექსტად ან ჩვეულებრივ, არაკატეგორიულ 'Period'-ად)",
    ),
    "expected.arrow_type": (
        "a column of a type Arrow reads (a date, text, a whole number of 64 bits or fewer, a flag)",
        "სვეტი ისეთი ტიპის, რომელსაც 'Arrow' კითხულობს (თარიღი, ტექსტი, 64 ან ნაკლებბიტიანი მთელი რიცხვი, ნიშანი)",
    ),
    "expected.birth_date_in_range": (
        "a birth date whose {age}th birthday is a day of the calendar (in the year 9998 at the latest): a date kept"
        " for an unknown birth date cannot be checked",
        "დაბადების თარიღი, რომლის {age} წლის შესრულების დღე კალენდრის დღეა (არაუგვიანეს 9998 წლისა): უცნობი დაბადების თარიღის"
        " ნაცვლად შენახული თარიღი ვერ შემოწმდება",
    ),
    "expected.program_number_once": (
        "a number no other program of the report has (program[{other}] has it)",
        "ნომერი, რომელიც ანგარიშის სხვა პროგრამას არ აქვს (ის აქვს 'program[{other}]'-ს)",
    ),
    "expected.places": ("a whole number of decimals from 0 to 28", "ათწილადი ნიშნების მთელი რიცხვი 0-დან 28-მდე"),
    "expected.stdin_text": (
        "the file's text on standard input (it was empty or closed)",
        "ფაილის ტექსტი სტანდარტულ შეტანაზე (ის ცარიელი ან დახურული იყო)",
    ),
    "expected.report_programs": (
        "a report of one [[program]] table or more (number, title, beneficiaries, amount)",
        "ანგარიში ერთი ან მეტი '[[program]]' ცხრილით ('number', 'title', 'beneficiaries', 'amount')",
    ),
    "expected.known_field": (
        "one of {model}'s fields ({fields}): no field is named so (a misspelt name?)",
        "'{model}'-ის ერთ-ერთი ველი ({fields}): ასეთი სახელის ველი არ არსებობს (შეცდომით დაწერილი სახელი?)",
    ),
    "expected.status_period_named": (
        "a status period named by its ends: a named tuple's fields are start and end (these are {fields}:"
        " which is which is not known; give a (start, end) pair or a StatusPeriod)",
        "სტატუსის პერიოდი, რომლის ბოლოებს სახელი აქვს: სახელდებული 'tuple'-ის ველებია 'start' და 'end' (ეს"
        " არის {fields}: რომელი რომელია, უცნობია; მიუთითეთ წყვილი (დასაწყისი, დასასრული) ან 'StatusPeriod')",
    ),
    "expected.status_period_keywords": (
        "a StatusPeriod made with both keywords, StatusPeriod(start=..., end=...) (None: open)",
        "'StatusPeriod' ორივე საკვანძო სიტყვით, 'StatusPeriod(start=..., end=...)' ('None': ღია)",
    ),
    "expected.status_period": (
        "a StatusPeriod, a (start, end) pair of dates or a mapping naming both start and end, either may be None",
        "'StatusPeriod', თარიღების წყვილი (დასაწყისი, დასასრული) ან ასახვა, რომელშიც ორივე, 'start' და 'end', არის"
        " დასახელებული; ნებისმიერი შეიძლება იყოს 'None'",
    ),
    "expected.occupancy_value": (
        "a whole number, a list, tuple, numpy array or pandas Series of daily counts, or a mapping date -> count",
        "მთელი რიცხვი, დღიური რაოდენობების სია ('list', 'tuple', 'numpy array' ან 'pandas Series'), "
        "ან ასახვა თარიღი -> რაოდენობა",
    ),
    "expected.count_per_day": (
        "one count per day of {month} ({days})",
        "{month}-ის ყოველი დღისთვის ერთი რაოდენობა ({days})",
    ),
    "expected.sheet_of": ("a sheet of {file}: {sheets}", "ფაილის ({file}) ფურცელი: {sheets}"),
    "expected.one_sheet": (
        "one sheet with data, or the sheet to read named ({advice}): {file} has data on more than one",
        "ერთი ფურცელი მონაცემებით, ან წასაკითხი ფურცლის სახელი ({advice}): {file}-ში მონაცემები ერთზე მეტ ფურცელზეა",
    ),
    # cities (D30)
    "expected.city": (
        "a city or municipality name, e.g. 'Tbilisi' or 'თბილისი'",
        "ქალაქის ან მუნიციპალიტეტის სახელი, მაგ. 'თბილისი' ან 'Tbilisi'",
    ),
    "expected.city_form": (
        "a city name in a recognised form (D30): this one holds {city!r}, a city with a paid-beneficiary cap, "
        "but is no form of it; write one of {forms}",
        "ქალაქის სახელი ცნობილი ფორმით (D30): ეს სახელი შეიცავს ქალაქის სახელს {city!r} (ამ ქალაქს "
        "ანაზღაურებადი ბენეფიციარების ზღვარი აქვს), მაგრამ არ არის მისი არცერთი ცნობილი ფორმა; "
        "ჩაწერეთ ერთ-ერთი: {forms}",
    ),
    "expected.city_script": (
        "a city name written in Georgian or English letters: a name in another script cannot be checked against "
        "the cities with a paid-beneficiary cap (D30); write e.g. 'Tbilisi' or 'თბილისი'",
        "ქალაქის სახელი ქართული ან ლათინური ასოებით: სხვა დამწერლობით დაწერილი სახელი ვერ შემოწმდება "
        "ანაზღაურებადი ბენეფიციარების ზღვრის მქონე ქალაქებთან (D30); ჩაწერეთ, მაგ., 'Tbilisi' ან 'თბილისი'",
    ),
    "expected.city_district": (
        "the city, not its district: this is a district of {city!r}, a city with a paid-beneficiary cap (D30); "
        "write one of {forms}",
        "ქალაქი და არა მისი რაიონი: ეს რაიონი ეკუთვნის ქალაქს {city!r}, რომელსაც ანაზღაურებადი ბენეფიციარების "
        "ზღვარი აქვს (D30); ჩაწერეთ ერთ-ერთი: {forms}",
    ),
    "expected.municipality_district": (
        "a municipality of the Annex {annex} table: this is a district of the city whose row is {close} (D30)",
        "№{annex} დანართის ცხრილის მუნიციპალიტეტი: ეს რაიონი ეკუთვნის ქალაქს, რომლის სტრიქონიცაა {close} (D30)",
    ),
    "expected.result_of_annex": (
        "results of Annex {annex}: this is a result of Annex {of}",
        "№{annex} დანართის შედეგები: ეს №{of} დანართის შედეგია",
    ),
    "expected.budget_result": (
        "results of Annex {annex}: this is a result of Annex {of}, whose budget it counts against",
        "№{annex} დანართის შედეგები: ეს №{of} დანართის შედეგია და მის ბიუჯეტს ეკუთვნის",
    ),
    "expected.budget_year": (
        "a result of a service month of {year}: the budget is that of the Program of {year}, and pays its months (D45)",
        "{year} წლის მომსახურების თვის შედეგი: ბიუჯეტი {year} წლის პროგრამისაა და მისი თვეების ანაზღაურებას "
        "ფარავს (D45)",
    ),
    "expected.result_payable_facility": (
        "a FacilityMonth or a facility audit's line (anything with a Decimal 'payable'): a PlaceCompensation is"
        " the unfilled places' part of a FacilityMonth",
        "'FacilityMonth' ან დაწესებულების აუდიტის სტრიქონი (ნებისმიერი შედეგი, რომელსაც ათწილადი 'payable' აქვს):"
        " 'PlaceCompensation' 'FacilityMonth'-ის შეუვსებელი ადგილების ნაწილია",
    ),
    "expected.result_settled_row": (
        "a Settlement: a row of settle_file holds it as its settlement"
        " ('[row.settlement for row in report.rows if row.settlement is not None]')",
        "ანგარიშსწორება: 'settle_file'-ის სტრიქონი მას 'settlement'-ად ინახავს"
        " ('[row.settlement for row in report.rows if row.settlement is not None]')",
    ),
    "expected.settlements_of_report": (
        "a collection of settlements: a report of settle_file holds them in its rows"
        " ('[row.settlement for row in report.rows if row.settlement is not None]')",
        "ანგარიშსწორებების კრებული: 'settle_file'-ის ანგარიში მათ სტრიქონებში ინახავს"
        " ('[row.settlement for row in report.rows if row.settlement is not None]')",
    ),
    "expected.result_payable": (
        "a Settlement (or anything with a Decimal 'payable')",
        "ანგარიშსწორება (ან ნებისმიერი შედეგი, რომელსაც ათწილადი 'payable' აქვს)",
    ),
    "expected.result_unchecked": (
        "a result with an amount payable: this line of the audit was not checked and has none; pass the lines "
        "checked ('[line for line in report.lines if line.checked]')",
        "შედეგი ასანაზღაურებელი თანხით: აუდიტის ეს სტრიქონი არ შემოწმებულა და თანხა არ აქვს; გადაეცით "
        "შემოწმებული სტრიქონები ('[line for line in report.lines if line.checked]')",
    ),
    "expected.city_unknown": (
        "the city or municipality of Georgia the facility is in, as it is named (e.g. 'Tbilisi', 'Gori', "
        "'ზუგდიდი'): a neighbourhood, a village or another place is not read, for its paid-beneficiary cap "
        "cannot be told (D30)",
        "საქართველოს ქალაქი ან მუნიციპალიტეტი, სადაც დაწესებულება მდებარეობს (მაგ. 'თბილისი', 'გორი', "
        "'ზუგდიდი'): უბანი, სოფელი ან სხვა ადგილი არ მიიღება, რადგან მისი ანაზღაურებადი ბენეფიციარების "
        "ზღვარი ვერ დადგინდება (D30)",
    ),
    "expected.city_spelt": (
        "a city name spelt exactly; did you mean {city!r}?",
        "ზუსტად ჩაწერილი ქალაქის სახელი; ხომ არ იგულისხმებოდა {city!r}?",
    ),
    # the header of a file
    "expected.columns_missing": (
        "the columns {columns} (missing: {missing})",
        "სვეტები {columns} (აკლია: {missing})",
    ),
    "expected.named_column": (
        "a name in every header cell above a column (the header's cell {position}, counted from its"
        " first, has none: a table's index, which pandas writes unless index=False? delete the column,"
        " or name it): {columns}",
        "სახელი სათაურის ყოველ უჯრაში სვეტის თავზე (სათაურის უჯრას №{position}, მისი პირველიდან"
        " დათვლით, სახელი არ აქვს: ცხრილის ინდექსი? წაშალეთ სვეტი ან დაარქვით სახელი): {columns}",
    ),
    "expected.named_frame_column": (
        "a known column (English or Georgian), not one pandas named for a header cell left empty (a"
        " table's index that to_csv wrote? read the file with index_col=0, write it with index=False,"
        " or drop the column): {columns}",
        "ცნობილი სვეტი (ინგლისურად ან ქართულად) და არა ის, რომელსაც 'pandas' სახელს ცარიელი სათაურის"
        " უჯრის გამო არქმევს (ცხრილის ინდექსი? წაიკითხეთ 'index_col=0'-ით, ჩაწერეთ 'index=False'-ით, ან"
        " წაშალეთ სვეტი): {columns}",
    ),
    "expected.id_letters_lost": (
        "an id without '?': a '?' stands where a letter was when the file was saved in a code page without "
        "Georgian letters (Excel's 'CSV (Comma delimited)'), and ids that differed in that letter would be one; "
        "save the file from the workbook again as 'CSV UTF-8', or as XLSX",
        "კოდი '?'-ის გარეშე: '?' დგას იქ, სადაც ასო იყო, როცა ფაილი შეინახეს კოდირებით, რომელსაც ქართული ასოები "
        "არ აქვს ('Excel'-ის 'CSV (Comma delimited)'), და კოდები, რომლებიც ამ ასოთი განსხვავდებოდა, ერთად "
        "ჩაითვლებოდა; ხელახლა შეინახეთ სამუშაო წიგნიდან როგორც 'CSV UTF-8', ან როგორც 'XLSX'",
    ),
    "expected.holidays_one_off": (
        "a version of the holidays package whose days off the Government declared in {year} are the days this "
        "release of voucherlib holds: this one adds {days}, which would move deadlines and change amounts; "
        "install the version the release was checked with, or a release of voucherlib that holds the day",
        "'holidays' პაკეტის ვერსია, რომლის მიხედვითაც მთავრობის მიერ {year} წელს გამოცხადებული უქმე დღეები ის "
        "დღეებია, რომლებიც 'voucherlib'-ის ამ ვერსიაშია: ეს ვერსია ამატებს {days}, რაც ვადებს გადაწევდა და "
        "თანხებს შეცვლიდა; დააყენეთ ვერსია, რომლითაც ეს ვერსია შემოწმდა, ან 'voucherlib'-ის ვერსია, რომელშიც "
        "ეს დღეა",
    ),
    "expected.holidays_checked": (
        "a version of the holidays package whose Labour Code holidays (Art. 30) of {year} are the days this "
        "release of voucherlib checked: this one adds {added} and leaves out {missing}, which would move "
        "deadlines and change amounts; install the version the release was checked with, or a release of "
        "voucherlib that knows the change",
        "'holidays' პაკეტის ვერსია, რომლის შრომის კოდექსის უქმე დღეები (30-ე მუხლი) {year} წლისთვის ის დღეებია, "
        "რომლებიც 'voucherlib'-ის ამ ვერსიამ შეამოწმა: ეს ვერსია ამატებს {added} და გამოტოვებს {missing}, რაც "
        "ვადებს გადაწევდა და თანხებს შეცვლიდა; დააყენეთ ვერსია, რომლითაც ეს ვერსია შემოწმდა, ან 'voucherlib'-ის "
        "ვერსია, რომელმაც ეს ცვლილება იცის",
    ),
    "expected.holidays_checked_adds": (
        "a version of the holidays package whose Labour Code holidays (Art. 30) of {year} are the days this "
        "release of voucherlib checked: this one adds {added}, which would move deadlines and change amounts; "
        "install the version the release was checked with, or a release of voucherlib that knows the change",
        "'holidays' პაკეტის ვერსია, რომლის შრომის კოდექსის უქმე დღეები (30-ე მუხლი) {year} წლისთვის ის დღეებია, "
        "რომლებიც 'voucherlib'-ის ამ ვერსიამ შეამოწმა: ეს ვერსია ამატებს {added}, რაც ვადებს გადაწევდა და "
        "თანხებს შეცვლიდა; დააყენეთ ვერსია, რომლითაც ეს ვერსია შემოწმდა, ან 'voucherlib'-ის ვერსია, რომელმაც "
        "ეს ცვლილება იცის",
    ),
    "expected.holidays_checked_leaves_out": (
        "a version of the holidays package whose Labour Code holidays (Art. 30) of {year} are the days this "
        "release of voucherlib checked: this one leaves out {missing}, which would move deadlines and change "
        "amounts; install the version the release was checked with, or a release of voucherlib that knows the "
        "change",
        "'holidays' პაკეტის ვერსია, რომლის შრომის კოდექსის უქმე დღეები (30-ე მუხლი) {year} წლისთვის ის დღეებია, "
        "რომლებიც 'voucherlib'-ის ამ ვერსიამ შეამოწმა: ეს ვერსია გამოტოვებს {missing}, რაც ვადებს გადაწევდა და "
        "თანხებს შეცვლიდა; დააყენეთ ვერსია, რომლითაც ეს ვერსია შემოწმდა, ან 'voucherlib'-ის ვერსია, რომელმაც "
        "ეს ცვლილება იცის",
    ),
    "expected.header_letters_lost": (
        "a header naming the columns {columns}; the row taken for the header holds '?' or 'áƒ' where "
        "its letters were: the file was saved in a code page without Georgian letters (Excel's 'CSV (Comma "
        "delimited)'), which lost them in every cell; save it from the workbook again as 'CSV UTF-8', or as XLSX",
        "სათაური, რომელიც ასახელებს სვეტებს {columns}; სათაურად მიღებულ სტრიქონში ასოების ნაცვლად '?' ან "
        "'áƒ' წერია: ფაილი შენახულია კოდირებით, რომელსაც ქართული ასოები არ აქვს ('Excel'-ის 'CSV (Comma "
        "delimited)'), და ყველა უჯრაში ასოები დაიკარგა; ხელახლა შეინახეთ სამუშაო წიგნიდან როგორც 'CSV UTF-8', "
        "ან როგორც 'XLSX'",
    ),
    "expected.header_not_found": (
        "a header naming the columns {columns}; the row taken for the header names none of them: if it"
        " is the header, name its columns so; if it is a caption above the header, write it in one cell"
        " or delete it (the header is the first row of more than one cell, below at most five title"
        " rows of one cell each: a caption in two cells, a date beside it, is taken for the header)",
        "სათაური, რომელიც ასახელებს სვეტებს {columns}; სათაურად მიღებული სტრიქონი არცერთ მათგანს არ"
        " ასახელებს: თუ ეს სათაურია, სვეტებს ასე დაარქვით; თუ ეს სათაურის ზემოთ წარწერაა, დაწერეთ იგი"
        " ერთ უჯრაში ან წაშალეთ (სათაური პირველი სტრიქონია ერთზე მეტი უჯრით, მაქსიმუმ ხუთი ერთუჯრიანი"
        " სტრიქონის შემდეგ: ორ უჯრაში დაწერილი წარწერა, მის გვერდით თარიღი, სათაურად მიიღება)",
    ),
    "expected.header_groups": (
        "a header naming the columns {columns} in one row; the row taken for the header does not, and the"
        " row below it does: if it is a caption above the header, write it in one cell or delete it; if it"
        " holds headings of groups of columns over the columns' own (two rows of headings, merged cells),"
        " delete it (the header is the first row of more than one cell, below at most five title rows of"
        " one cell each)",
        "სათაური, რომელიც ერთ სტრიქონში ასახელებს სვეტებს {columns}; სათაურად მიღებული სტრიქონი მათ არ"
        " ასახელებს, მის ქვემოთ მდებარე კი ასახელებს: თუ ეს სათაურის ზემოთ წარწერაა, დაწერეთ იგი ერთ"
        " უჯრაში ან წაშალეთ; თუ მასში სვეტების ჯგუფების სათაურებია სვეტების სათაურების ზემოთ (სათაურის"
        " ორი სტრიქონი, გაერთიანებული უჯრები), წაშალეთ იგი (სათაური პირველი სტრიქონია ერთზე მეტი უჯრით,"
        " მაქსიმუმ ხუთი ერთუჯრიანი სტრიქონის შემდეგ)",
    ),
    "expected.known_column": (
        "a known column (English or Georgian): {columns}",
        "ცნობილი სვეტი (ინგლისურად ან ქართულად): {columns}",
    ),
    "expected.column_once": (
        "each column once ({column!r} is given twice)",
        "თითოეული სვეტი ერთხელ ({column!r} ორჯერაა მითითებული)",
    ),
    "expected.max_columns": ("at most {max} columns", "არაუმეტეს {max} სვეტისა"),
    "expected.header_row": ("a header row with the columns {columns}", "სათაურის სტრიქონი სვეტებით {columns}"),
    "expected.header_naming": (
        "a header row naming the columns {columns}",
        "სათაურის სტრიქონი, რომელშიც დასახელებულია სვეტები {columns}",
    ),
    "expected.delimiter_other": (
        "the columns {columns} separated by {delimiter}: the file seems to use {found} between fields ({advice})",
        "სვეტები {columns}, გამოყოფილი {delimiter}-ით: ფაილში ველებს შორის, როგორც ჩანს, {found} დგას ({advice})",
    ),
    "expected.delimiter_one_column": (
        "the columns {columns} separated by ',', ';' or a tab: the header came out as a single column; "
        "name the file's delimiter ({advice})",
        "სვეტები {columns}, გამოყოფილი ',', ';' ან ტაბულაციით: სათაური ერთ სვეტად წაიკითხა; მიუთითეთ "
        "ფაილის გამყოფი ({advice})",
    ),
    # facility files and their audit
    "expected.day_of_month": ("a day of {month}", "{month}-ის დღე"),
    "expected.each_day_once": ("each day once", "თითოეული დღე ერთხელ"),
    "expected.every_day": ("the {days} days of {month}, each once", "{month}-ის {days} დღე, თითოეული ერთხელ"),
    "expected.count_every_day": (
        "a count for every day of {month} (missing {missing})",
        "რაოდენობა {month}-ის ყოველი დღისთვის (აკლია {missing})",
    ),
    "expected.same_on_rows": (
        "the same {column} on every row of facility {facility} (row {row})",
        "ერთი და იგივე {column} დაწესებულების ({facility}) ყველა სტრიქონში (სტრიქონი {row})",
    ),
    "expected.same_limit_on_rows": (
        "the same limit on every row of facility {facility} in a month (row {row}): a limit that changes within"
        " the month is not computed (D51: work that month out by hand, each day's unfilled places within its own"
        " limit); a day the facility was closed is given as 0 children under the month's limit (D44)",
        "ერთი და იგივე ლიმიტი დაწესებულების ({facility}) თვის ყველა სტრიქონში (სტრიქონი {row}): თვის განმავლობაში"
        " შეცვლილი ლიმიტი არ გამოითვლება (D51: ეს თვე ხელით გამოთვალეთ, ყოველი დღის შეუვსებელი ადგილები მისივე"
        " ლიმიტის ფარგლებში); დღე, როცა დაწესებულება დახურული იყო, თვის ლიმიტით და 0 ბავშვით მიეთითება (D44)",
    ),
    "expected.same_service_on_rows": (
        "the same service on every row of facility {facility} (row {row}): a facility id names one service"
        " of one provider, so a shelter and a day centre of one provider each have an id of their own",
        "ერთი და იგივე მომსახურება დაწესებულების ({facility}) ყველა სტრიქონში (სტრიქონი {row}): დაწესებულების კოდი"
        " ერთი მიმწოდებლის ერთ მომსახურებას აღნიშნავს, ამიტომ ერთი მიმწოდებლის თავშესაფარსა და"
        " დღის ცენტრს თითოეულს საკუთარი კოდი აქვს",
    ),
    "expected.one_row_a_day": (
        "one row per day for facility {facility} (row {row} repeats it)",
        "დაწესებულებისთვის ({facility}) თითო დღეზე ერთი სტრიქონი (სტრიქონი {row} მას იმეორებს)",
    ),
    "expected.facility_month": (
        "a facility with daily occupancy for {month} in the occupancy file",
        "დაწესებულება, რომლის დღიური დატვირთვაც {month}-ისთვის დატვირთვის ფაილშია",
    ),
    "expected.occupancy_valid": ("valid daily occupancy ({reason})", "სწორი დღიური დატვირთვა ({reason})"),
    "expected.daily_rate_needed": (
        "a per-beneficiary daily rate of Annex 2.8 (GEL): it is not in Decree 467's text, so give "
        "{advice} or a rule set ({rules}) with 'shelter.daily_rate_per_beneficiary.{service}' in force on every "
        "day of the month",
        "ერთ ბენეფიციარზე დღიური განაკვეთი (დანართი №2.8, ლარი): №467 დადგენილების ტექსტში ის არ არის, "
        "ამიტომ მიუთითეთ {advice} ან წესების ნაკრები ({rules}), რომელშიც "
        "'shelter.daily_rate_per_beneficiary.{service}' მოქმედებს თვის ყველა დღეს",
    ),
    "expected.rate_for_service": (
        "a rate for the {service} too, as for each service given ({advice}), or a rule set with"
        " 'shelter.daily_rate_per_beneficiary.{service}'",
        "განაკვეთი {service}-ისთვისაც, როგორც თითოეული მითითებული მომსახურებისთვის ({advice}), ან წესების"
        " ნაკრები, რომელშიც არის 'shelter.daily_rate_per_beneficiary.{service}'",
    ),
    "expected.daily_rate_within_cap": (
        "a per-beneficiary daily rate of Annex 2.8 (GEL): with {reading} a day's amount is capped at N "
        "beneficiaries x that rate (D20); give {advice}",
        "ერთ ბენეფიციარზე დღიური განაკვეთი (დანართი №2.8, ლარი): {reading} პარამეტრით დღის თანხა არ აღემატება "
        "ნამრავლს: ბენეფიციართა ზღვრული რაოდენობა × ეს განაკვეთი (D20); მიუთითეთ {advice}",
    ),
    "expected.series_index": (
        "a Series of daily counts indexed by the days' dates, or by their positions 0..n-1 "
        "(series.to_numpy() gives the counts as the Series holds them: in day order, if it is sorted by day)",
        "დღიური რაოდენობების სერია, ინდექსით დღეების თარიღებზე ან მათ რიგით ნომრებზე '0..n-1' "
        "('series.to_numpy()' რაოდენობებს სერიის რიგით იძლევა: დღეების რიგით, თუ ის დღეებით არის დალაგებული)",
    ),
    "expected.one_age_limit_a_month": (
        "a month with one age limit of the target group (R5), or a child of the same answer under each: the rule"
        " set changes it within {month} ({limits}), and this child is of the group's age under one and not the other",
        "თვე სამიზნე ჯგუფის ერთი ასაკობრივი ზღვრით (R5), ან ბავშვი, რომლის პასუხიც ყოველ ზღვარზე ერთია: წესების"
        " ნაკრებში ის იცვლება {month}-ის განმავლობაში ({limits}), ეს ბავშვი კი ერთით ჯგუფის ასაკისაა, მეორით — არა",
    ),
    "expected.one_cap_a_month": (
        "a month with one cap on paid beneficiaries (R4): the rule set changes it within {month} ({caps});"
        " a facility's cap on each day is in facility_month(...).days",
        "თვე ანაზღაურებადი ბენეფიციარების ერთი ზღვრით (R4): წესების ნაკრებში ის იცვლება {month}-ის"
        " განმავლობაში ({caps}); დაწესებულების ზღვარი ყოველ დღეზე 'facility_month(...).days'-შია",
    ),
    "expected.one_rate_a_month": (
        "one per-beneficiary daily rate of Annex 2.8 for the month: the rule set's "
        "'shelter.daily_rate_per_beneficiary.{service}' changes within {month} (on {day}), and a month "
        "is priced at one rate; give {advice} for this month alone (a rate given prices every month it is given for)",
        "თვის ერთი დღიური განაკვეთი ერთ ბენეფიციარზე (დანართი №2.8): წესების ნაკრებში "
        "'shelter.daily_rate_per_beneficiary.{service}' იცვლება {month}-ის განმავლობაში ({day}), თვე კი "
        "ერთი განაკვეთით ითვლება; მიუთითეთ {advice} მხოლოდ ამ თვისთვის (მოცემული განაკვეთი ყველა თვეს ეხება, "
        "რომლისთვისაც მიეთითება)",
    ),
    # ---------------------------------------------------------------- the audit: columns and totals
    "column.row": ("row", "სტრიქონი"),
    "column.beneficiary_id": ("beneficiary", "ბენეფიციარის კოდი"),
    "column.name": ("name", "სახელი, გვარი"),
    "column.month": ("month", "მომსახურების თვე"),
    "column.enrolled_on": ("enrolled", "ჩარიცხვის თარიღი"),
    "column.discharged_on": ("discharged", "ამორიცხვის თარიღი"),
    "column.disability": ("disability", "შეზღუდული შესაძლებლობის სტატუსი"),  # (შშმ: "with disability"; review 143 F10)
    "column.submitted_on": ("submitted", "წარდგენის თარიღი"),
    "column.claimed": ("claimed", "მოთხოვნილი"),
    "column.computed": ("computed", "გამოთვლილი"),
    "column.difference": ("difference", "სხვაობა"),
    "column.deducted": ("deducted", "დაქვითული"),
    "column.payable": ("payable", "ასანაზღაურებელი"),
    "column.verdict": ("verdict", "შედეგი"),
    "column.reason": ("reason", "მიზეზი"),
    "column.explanation": ("explanation", "განმარტება"),
    "column.explained": ("of", "რას ეხება"),
    "expected.sheet_rows": (
        "at most {max:,} rows a sheet, its header and totals included",
        "ფურცელზე არაუმეტეს {max:,} სტრიქონისა, სათაურისა და ჯამის ჩათვლით",
    ),
    "sheet.explanations": ("explanations", "განმარტებები"),
    # (a shelter or day centre as an institution, not ობიექტი, a site or a program's object: review 143 F12, review 145)
    "column.facility_id": ("facility", "დაწესებულების კოდი"),
    "column.part": ("component", "კომპონენტი"),
    # a facility's occupancy columns, by their Georgian headers (review 207 F2: "city:", „city“)
    "column.city": ("city", "ქალაქი"),
    "column.service": ("service", "მომსახურება"),
    "column.limit": ("limit", "ლიმიტი"),
    "column.date": ("date", "თარიღი"),
    "column.children_served": ("children served", "მომსახურებული"),
    "column.daily_rate": ("daily rate", "დღიური განაკვეთი"),
    "column.claimed_children": ("claimed for children", "მოთხოვნილი ბენეფიციარებზე"),
    "column.claimed_unfilled": ("claimed for unfilled places", "მოთხოვნილი შეუვსებელ ადგილებზე"),
    "column.occupancy": ("occupancy", "დატვირთვა"),
    "column.code": ("finding", "მიგნება"),
    "column.severity": ("severity", "სიმძიმე"),
    "column.rows": ("rows", "სტრიქონები"),
    "column.amount": ("amount", "თანხა"),
    "column.provision": ("provision", "ნორმა"),
    "column.act": ("act", "აქტი"),
    "column.decision": ("decision", "გადაწყვეტილება"),
    "column.text": ("description", "აღწერა"),  # (review 28: "finding" twice; the code is the finding)
    "column.item": ("item", "მაჩვენებელი"),
    "column.value": ("value", "მნიშვნელობა"),
    "column.provider": ("provider", "მიმწოდებელი"),
    "part.children served": ("children served", "მომსახურებული ბავშვები"),
    "part.unfilled places": ("unfilled places", "შეუვსებელი ადგილები"),
    "part.claim": ("claim", "მოთხოვნა"),
    "part.occupancy": ("occupancy", "დატვირთვა"),
    "audit.title": (
        "Invoice audit (Annex 2.12 youth vouchers)",
        "მიმწოდებლის მიერ წარდგენილი დოკუმენტის შემოწმება (დანართი №2.12, ვაუჩერები)",
    ),
    "facility_audit.title": (
        "Invoice audit (Annex 2.8 shelters and day centres)",
        "მიმწოდებლის მიერ წარდგენილი დოკუმენტის შემოწმება (დანართი №2.8, თავშესაფრები და დღის ცენტრები)",
    ),
    # Labels and titles of the command line's documents
    "label.row": ("row {row}", "სტრიქონი {row}"),
    "label.row_of": ("row {row} ({ident}):", "სტრიქონი {row} ({ident}):"),
    "label.rows": ("rows {rows}", "სტრიქონები {rows}"),
    "label.occupancy_rows": ("{rows} of the occupancy file", "{rows} (დატვირთვის ფაილი)"),  # (after "row": review 85)
    # the command line's usage refusals (exit 2), said in the command's language
    "usage.input_or_example": (
        "give a {name} (or - for standard input) or --example, one of the two",
        "მიუთითეთ {name} (ან '-' სტანდარტული შეტანისთვის) ან '--example', ერთ-ერთი",
    ),
    "usage.xlsx_on_terminal": (
        "--format xlsx writes a binary workbook: redirect it to a file, or use -o FILE.xlsx",
        "'--format xlsx' ბინარულ წიგნს წერს: გადაამისამართეთ ფაილში, ან გამოიყენეთ '-o FILE.xlsx'",
    ),
    "usage.format_mismatch": (
        "--format {format} does not match -o {output} (its format is {fmt})",
        "'--format' {format} არ შეესაბამება '-o' {output}-ს (მისი ფორმატია {fmt})",
    ),
    "usage.cannot_write": (
        "-o: cannot write {path}: {why}",
        "'-o': {path} ვერ ჩაიწერება; უნდა იყოს: {why}",
    ),
    "usage.output_is_input": (
        "-o {output} is the input {path}: writing would destroy it; name another file",
        "'-o' {output} შემავალი ფაილია ({path}): ჩაწერა გაანადგურებს მას; მიუთითეთ სხვა ფაილი",
    ),
    "usage.output_is_stdin": (
        "-o {output} is the standard input: writing would destroy it; name another file",
        "'-o' {output} სტანდარტული შეტანაა: ჩაწერა გაანადგურებს მას; მიუთითეთ სხვა ფაილი",
    ),
    "usage.occupancy_claims_or_example": (
        "give OCCUPANCY.csv CLAIMS.csv or --example, one of the two",
        "მიუთითეთ 'OCCUPANCY.csv CLAIMS.csv' ან '--example', ერთ-ერთი",
    ),
    "usage.occupancy_and_claims": (
        "give both OCCUPANCY.csv and CLAIMS.csv",
        "მიუთითეთ ორივე, 'OCCUPANCY.csv' და 'CLAIMS.csv'",
    ),
    "usage.one_stdin": (
        "only one of OCCUPANCY and CLAIMS can be - (standard input)",
        "'OCCUPANCY'-დან და 'CLAIMS'-დან მხოლოდ ერთი შეიძლება იყოს '-' (სტანდარტული შეტანა)",
    ),
    "usage.annex_or_example": (
        "give an ANNEX or --example, one of the two",
        "მიუთითეთ 'ANNEX' ან '--example', ერთ-ერთი",
    ),
    "usage.needs_annex": (
        "--municipality and --column need an ANNEX (1.1, 2.2 or 2.4)",
        "'--municipality'-სა და '--column'-ს სჭირდება 'ANNEX' (1.1, 2.2 ან 2.4)",
    ),
    "usage.column_needs_municipality": (
        "--column needs --municipality",
        "'--column'-ს სჭირდება '--municipality'",
    ),
    "usage.case_file_beside": (
        "case {number} {name!r}: {setting}: no file {path!r} (a rule-set file is read beside the cases)",
        "მაგალითი {number} {name!r}: {setting}: ფაილი {path!r} არ არსებობს (წესების ფაილი იკითხება მაგალითების"
        " ფაილის საქაღალდეში)",
    ),
    "usage.case_file_stdin": (
        "case {number} {name!r}: {setting}: no file {path!r} (a rule-set file is read in the current folder, the"
        " cases read from standard input)",
        "მაგალითი {number} {name!r}: {setting}: ფაილი {path!r} არ არსებობს (წესების ფაილი იკითხება მიმდინარე"
        " საქაღალდეში, რადგან მაგალითები სტანდარტული შეტანიდან იკითხება)",
    ),
    "usage.explain_nothing": (
        "--explain adds nothing here: {what}",
        "'--explain' აქ არაფერს ამატებს: {what}",
    ),
    "usage.explain_tables": (
        "the tables carry their citation",
        "ცხრილებს თავისი წყარო ახლავს",
    ),
    "usage.explain_summary": (
        "a summary has no computation to explain",
        "შეჯამებას ასახსნელი გამოთვლა არ აქვს",
    ),
    "usage.explain_not_here": (
        "--explain is written in the text, JSON, HTML and XLSX views; the {fmt} holds the table alone",
        "'--explain' იწერება ტექსტურ, 'JSON', 'HTML' და 'XLSX' ხედებში; {fmt} მხოლოდ ცხრილს შეიცავს",
    ),
    "label.case": ("case {case}: {name}", "მაგალითი {case}: {name}"),
    "label.how": ("how: {how}", "გამოთვლა: {how}"),
    "label.case_computed": ("case {case}, as the library computes it", "მაგალითი {case}, როგორც ბიბლიოთეკა ითვლის"),
    "label.case_how": ("case {case}, worked out by hand: {how}", "მაგალითი {case}, ხელით გამოთვლა: {how}"),
    "label.case_failed": (
        "case {case} FAILED: {problem}",
        "მაგალითი {case} — ვერ შესრულდა: {problem}",
    ),
    "case.raised": ("raised {kind}: {error}", "შეცდომა ({kind}): {error}"),
    "unit.voucher_months": ("voucher-months", "ვაუჩერ-თვე"),
    "case.needs_submitted_on": (
        "{name}: computed when the case says when the document was submitted (submitted_on)",
        "{name}: გამოითვლება, როცა მაგალითი ამბობს, როდის წარედგინა დოკუმენტი ('submitted_on')",
    ),
    "case.not_computed": ("{name}: not computed by a {kind} case", "{name}: ამ სახის ({kind}) მაგალითი ამას არ ითვლის"),
    "case.differs": (
        "{name}: expected {want}, computed {got}",
        "{name}: მოსალოდნელი შედეგი {want}, გამოთვლილია {got}",
    ),
    "case.yes": ("yes", "კი"),
    "case.no": ("no", "არა"),
    "document.settle": ("voucherlib settle", "ვაუჩერების ანგარიშსწორება"),
    "document.facility": ("voucherlib facility", "თავშესაფრებისა და დღის ცენტრების თვეები"),
    "document.tables": ("voucherlib tables", "ლიმიტები და ბიუჯეტები"),
    "document.summary": ("voucherlib summary", "პროგრამების შეჯამება"),
    "document.check_cases": ("voucherlib check-cases", "გამოთვლის მაგალითების შემოწმება"),
    "facility.summary": (
        "totals: facility-months {months}, rows {rows}, invalid {invalid}; unfilled-place compensation {amount} GEL",
        "სულ: {months} დაწესებულება-თვე {rows} სტრიქონიდან, ვერ გამოითვალა {invalid}; შეუვსებელი ადგილების "
        "კომპენსაცია {amount} ლარი",
    ),
    "xlsx.cut": (
        " [cut: a worksheet cell holds 32,767 characters; the whole text, {length} characters, is in the JSON and"
        " HTML views]",
        " [შემოკლებულია: უჯრა 32 767 სიმბოლოს იტევს; მთლიანი ტექსტი ({length} სიმბოლო) არის 'JSON' და 'HTML' ფორმატებში]",
    ),
    "facility.alike": (
        "; {count} facility-months computed under ids that look alike (unless they are different facilities, the"
        " month of one facility is computed more than once; D39): {items}",
        "; {count} დაწესებულება-თვე გამოთვლილია ვიზუალურად მსგავს კოდებზე (თუ ეს კოდები სხვადასხვა დაწესებულებას"
        " არ აღნიშნავს, ერთი დაწესებულების თვე ერთზე მეტჯერ არის გამოთვლილი; D39): {items}",
    ),
    "facility.summary_total": (", total {amount} GEL", ", სულ {amount} ლარი"),
    "facility.over_limit": (
        "more children paid for than the limit of {limit} places on {days} days (up to {most} paid in a day):"
        " {paid} beneficiary-days paid above the limit (D48)",
        "{days} დღეს ანაზღაურებულია ლიმიტით განსაზღვრულ {limit} ადგილზე მეტი ბავშვი (დღეში ანაზღაურებულია {most}-მდე):"
        " ლიმიტს ზემოთ ანაზღაურებულია {paid} ბენეფიციარ-დღე (D48)",
    ),
    "expected.rate_service_once": (
        "each service's rate once ({service} is given twice)",
        "თითოეული მომსახურების განაკვეთი ერთხელ ({service} მითითებულია ორჯერ)",
    ),
    "expected.rates": (
        "one daily rate in GEL, or one for each service ({advice})",
        "ერთი დღიური განაკვეთი ლარებში, ან თითო თითოეული მომსახურებისთვის ({advice})",
    ),
    "facility.one_rate": (
        "one daily rate, {rate} GEL, prices the shelters and the day centres alike; a rate for each service: {advice}",
        "ერთი დღიური განაკვეთი, {rate} ლარი, თავშესაფრებსაც და დღის ცენტრებსაც ერთნაირად ეხება;"
        " თითოეული მომსახურების განაკვეთი: {advice}",
    ),
    "facility.summary_over_limit": (
        "; {months} facility-months paying for more children than the limit on some day (D48):"
        " see the notes under the table",
        "; {months} დაწესებულება-თვე, სადაც რომელიმე დღეს ლიმიტზე მეტი ბავშვი ანაზღაურდება (D48):"
        " იხ. შენიშვნები ცხრილის ქვეშ",
    ),
    "facility.summary_unpriced": (
        "; {months} facility-months without a per-beneficiary daily rate (D13): their amount for the children "
        "and their total are not computed; give {advice}, or one for each service: {per_service}",
        "; {months} დაწესებულება-თვე ერთ ბენეფიციარზე დღიური განაკვეთის გარეშე (D13): ბავშვებისთვის თანხა და "
        "ჯამი არ არის გამოთვლილი; მიუთითეთ {advice} ან განაკვეთი თითოეული მომსახურებისთვის: {per_service}",
    ),
    "cases.summary": (
        "{cases} cases, {passed} passed, {failed} failed ({source})",
        "{cases} მაგალითი: შესრულდა {passed}, ვერ შესრულდა {failed} ({source})",
    ),
    "summary.title": ("Summary", "შეჯამება"),
    "summary.lines": ("lines", "სტრიქონები"),
    "summary.checked": ("lines checked", "შემოწმებული სტრიქონები"),
    "summary.claimed": ("claimed (checked lines), GEL", "მოთხოვნილი (შემოწმებული სტრიქონები), ლარი"),
    "summary.computed": ("computed, GEL", "გამოთვლილი, ლარი"),
    "summary.difference": ("difference (claimed - computed), GEL", "სხვაობა (მოთხოვნილი − გამოთვლილი), ლარი"),
    # a voucher not funded (more than 5 working days late, D8) is withheld whole: not a deduction,
    # but in the same sum (computed - payable), so the label names both (review 42)
    "summary.deducted": (
        "deducted or not funded for late submission, GEL",
        "დაგვიანებისთვის დაქვითული ან დაუფინანსებელი, ლარი",
    ),
    "summary.payable": ("payable, GEL", "ასანაზღაურებელი, ლარი"),
    "summary.unchecked_claimed": ("claimed on lines not checked, GEL", "შეუმოწმებელ სტრიქონებზე მოთხოვნილი, ლარი"),
    "summary.unchecked": ("lines not checked", "შეუმოწმებელი სტრიქონები"),
    "summary.unread": (
        "lines not checked whose claim could not be read or was refused",
        "შეუმოწმებელი სტრიქონები, რომელთა მოთხოვნილი თანხა ვერ წაიკითხა ან უარყოფილია",
    ),
    "summary.tolerance_row": ("tolerance: a claim this close matches, GEL", "დასაშვები სხვაობა (ემთხვევა), ლარი"),
    "summary.count": ("count", "რაოდენობა"),
    "summary.findings": ("Findings", "მიგნებები"),
    "summary.lines_sheet": ("Lines", "სტრიქონები"),
    "summary.total_checked": ("total of the checked lines", "შემოწმებული სტრიქონების ჯამი"),
    "summary.charts": ("Charts", "დიაგრამები"),
    "summary.none": ("No findings.", "მიგნებები არ არის."),
    "summary.line": (
        "{lines} lines{counts}; {checked} checked: claimed {claimed} GEL - computed {computed} GEL = "
        "difference {difference} GEL{deducted_clause}; payable {payable} GEL",
        "{lines} სტრიქონი{counts}; შემოწმდა {checked}: მოთხოვნილი {claimed} ლარი − გამოთვლილი {computed} ლარი = "
        "სხვაობა {difference} ლარი{deducted_clause}; ასანაზღაურებელი {payable} ლარი",
    ),
    "summary.line_deducted": (
        "; deducted or not funded {deducted} GEL",
        "; დაქვითული ან დაუფინანსებელი {deducted} ლარი",
    ),
    "error.missing_extra": (
        "{what} needs {package}: {command}",
        "{what} საჭიროა {package}: {command}",
    ),
    "extra.read_xlsx": ("reading XLSX", "'.xlsx' ფაილის წასაკითხად"),
    "extra.write_xlsx": ("writing XLSX", "'.xlsx' ფაილის ჩასაწერად"),
    "extra.frames": ("a table as a pandas DataFrame", "ცხრილისთვის ('DataFrame')"),
    "extra.batch": ("the batch engine, voucherlib.batch,", "ერთობლივი გამოთვლისთვის ('voucherlib.batch')"),
    "extra.charts": ("drawing charts", "დიაგრამების დასახაზად"),
    "tables.in_force_from": ("in force from {day}", "ამოქმედების თარიღი: {day}"),
    "tables.acts_cited": ("the provisions cited are of {act}", "მითითებული ნორმები ეკუთვნის აქტს: {act}"),
    "tables.amending_act": (
        '"as worded by" and "as added by" name {act}',
        "„რედაქციით“ და „დამატებული“ ეხება აქტს: {act}",
    ),
    "tables.carried": (  # (review 164 F1)
        "a provision cited carries the note: {note}",
        "მითითებულ ნორმას ახლავს შენიშვნა: {note}",
    ),
    "summary.by_unit": ("beneficiaries by what they count: {counts}", "ბენეფიციარები ერთეულების მიხედვით: {counts}"),
    "summary.line_unchecked": (
        "; not checked: {unchecked} lines claiming {amount} GEL",
        "; ვერ შემოწმდა: {unchecked} სტრიქონი, მოთხოვნილი {amount} ლარი",
    ),
    "settle.alike": (
        "; {count} months settled under ids that look alike (unless they are different beneficiaries, the month"
        " of one beneficiary is settled more than once; D39): {items}",
        "; {count} თვე გამოთვლილია ვიზუალურად მსგავს კოდებზე (თუ ეს კოდები სხვადასხვა ბენეფიციარს არ აღნიშნავს,"
        " ერთი ბენეფიციარის თვე ერთზე მეტჯერ არის გამოთვლილი; D39): {items}",
    ),
    # rows whose days counted reach past the declared days off known (D52; review 275 F2)
    "summary.days_off_unknown": (
        "; counted on days after {known}, whose declared days off this release does not know (a day off declared"
        " since is not counted unless given; D52): {rows}",
        "; გამოთვლილია {known}-ის შემდეგი დღეების გათვალისწინებით, რომელთა უქმე დღეებიც ამ ვერსიისთვის უცნობია"
        " (მას შემდეგ გამოცხადებული უქმე დღე არ ითვლება, თუ არ მიეთითა; D52): {rows}",
    ),
    "summary.occupancy_lines_in_all": (
        ", ... ({count} facility-months of the occupancy file in all)",
        ", ... (დატვირთვის ფაილის სულ {count} დაწესებულება-თვე)",
    ),
    "summary.rows_in_all": (", ... ({count} in all)", ", ... (სულ {count})"),
    "settle.no_service": (
        "; {count} voucher-months settled with no day of service in the month (R1, D1; 0.00): {rows}",
        "; {count} ვაუჩერ-თვე გამოთვლილია თვეში მომსახურების დღის გარეშე (R1, D1; 0.00): {rows}",
    ),
    "settle.repeated": (
        "; {count} beneficiary-months settled on more than one row (a beneficiary has one voucher a month, D28): "
        "{items}",
        "; {count} ბენეფიციარ-თვე ერთზე მეტ სტრიქონზეა (ბენეფიციარს თვეში ერთი ვაუჩერი აქვს, D28): {items}",
    ),
    "summary.line_unread": (
        # (a negative claim is read, and refused: review 45)
        " ({unread} of them with a claim that could not be read or was refused)",
        " ({unread} მათგანის მოთხოვნილი თანხა ვერ წაიკითხა ან უარყოფილია)",
    ),
    # ---------------------------------------------------------------- the audit: findings
    "severity.error": ("error", "შეცდომა"),
    "severity.warning": ("warning", "გაფრთხილება"),
    "severity.info": ("info", "შენიშვნა"),
    "finding.double-billing": (
        "{id} is billed {count} times for {month} (rows {rows}): {amount} GEL claimed in all",
        "{id}, {month}: მოთხოვნილია {count}-ჯერ (სტრიქონები {rows}): სულ {amount} ლარი",
    ),
    "finding.ids-alike": (
        "{ids} look alike (they differ only in case, in a dash, in how a letter is encoded, in a mark over a"
        " character, in a letter of another alphabet drawn the same, or in leading zeros) and are billed for {month} on {count} rows"
        " (rows {rows}): {amount} GEL claimed in all; if they are one {one}, the month is billed {count} times",
        "{ids} ვიზუალურად მსგავსია (განსხვავდება მხოლოდ რეგისტრით, ტირით, ასოს კოდირებით, სიმბოლოზე დასმული"
        " ნიშნით, სხვა ანბანის ერთნაირად დაწერილი ასოთი ან წინა ნულებით) და {month}-ისთვის მოთხოვნილია {count} სტრიქონზე"
        " (სტრიქონები {rows}): სულ {amount} ლარი; თუ ეს ერთი {one}ა, თვე მოთხოვნილია {count}-ჯერ",
    ),
    "finding.overlapping-stays": (
        "{id} has stays that overlap from {first} to {last} (rows {rows})",
        "{id}: მომსახურების პერიოდები ერთმანეთს გადაფარავს {first} – {last} (სტრიქონები {rows})",
    ),
    "finding.days-outside-stay": (
        "{id} is claimed {amount} GEL for {month}, but the stay ({stay}) has no day in it",
        "{id}: {month}-ისთვის მოთხოვნილია {amount} ლარი, მაგრამ მომსახურების პერიოდში ({stay}) ამ თვის დღე არ არის",
    ),
    "finding.not-funded": (
        "{id}, {month}: the document was {late} working days late (more than {max}): {amount} GEL is not funded",
        "{id}, {month}: დოკუმენტი {late} სამუშაო დღით დაგვიანდა ({max}-ზე მეტი): {amount} ლარი არ ფინანსდება",
    ),
    "finding.claim-above": (
        "{id}, {month}: claimed {amount} GEL more than computed",
        "{id}, {month}: მოთხოვნილია {amount} ლარით მეტი, ვიდრე გამოთვლილია",
    ),
    "finding.claim-below": (
        "{id}, {month}: claimed {amount} GEL less than computed",
        "{id}, {month}: მოთხოვნილია {amount} ლარით ნაკლები, ვიდრე გამოთვლილია",
    ),
    "finding.not-checked": (
        "row {rows} ({id}) could not be checked: {reason}",
        "სტრიქონი {rows} ({id}) ვერ შემოწმდა: {reason}",
    ),
    "finding.not-checked.said": (
        "{rows} ({id}) could not be checked: {reason}",
        "{rows} ({id}) ვერ შემოწმდა: {reason}",
    ),
    "finding.not-checked.said.no_id": (
        "{rows} could not be checked: {reason}",
        "{rows} ვერ შემოწმდა: {reason}",
    ),
    "finding.not-checked.no_id": (
        "row {rows} could not be checked: {reason}",
        "სტრიქონი {rows} ვერ შემოწმდა: {reason}",
    ),
    "finding.late-deduction": (
        "{id}, {month}: the document was {late} working days late: {percent}% ({amount} GEL) deducted",
        "{id}, {month}: დოკუმენტი {late} სამუშაო დღით დაგვიანდა: დაქვითულია {percent}% ({amount} ლარი)",
    ),
    "finding.paid-over-limit": (
        "{id}, {month}: more children paid for than the limit of {limit} places on {days} days (up to {most} paid"
        " in a day): {paid} beneficiary-days above the limit, {amount} GEL",
        "{id}, {month}: {days} დღეს ანაზღაურებულია ლიმიტით განსაზღვრულ {limit} ადგილზე მეტი ბავშვი (დღეში"
        " ანაზღაურებულია {most}-მდე): ლიმიტს ზემოთ {paid} ბენეფიციარ-დღე, {amount} ლარი",
    ),
    "finding.paid-over-limit.unpriced": (
        "{id}, {month}: more children paid for than the limit of {limit} places on {days} days (up to {most} paid"
        " in a day): {paid} beneficiary-days above the limit, their amount unknown (no per-beneficiary daily rate"
        " given)",
        "{id}, {month}: {days} დღეს ანაზღაურებულია ლიმიტით განსაზღვრულ {limit} ადგილზე მეტი ბავშვი (დღეში"
        " ანაზღაურებულია {most}-მდე): ლიმიტს ზემოთ {paid} ბენეფიციარ-დღე, მათი თანხა უცნობია (ბენეფიციარის"
        " დღიური განაკვეთი არ არის მოცემული)",
    ),
    # ---------------------------------------------------------------- charts
    "chart.by_month": ("Claimed and payable by month, GEL", "მოთხოვნილი და ასანაზღაურებელი თვეების მიხედვით, ლარი"),
    "chart.by_provider": (
        "Claimed and payable by provider, GEL",
        "მოთხოვნილი და ასანაზღაურებელი მიმწოდებლების მიხედვით, ლარი",
    ),
    "chart.by_facility": (
        "Claimed and payable by facility, GEL",
        "მოთხოვნილი და ასანაზღაურებელი დაწესებულებების მიხედვით, ლარი",
    ),
    "chart.deductions": (  # (review 35: "deductions" of claims only unchecked, in the facility audit too)
        "Claimed but not payable, by cause, GEL",
        "მოთხოვნილი, მაგრამ არაანაზღაურებადი, მიზეზების მიხედვით, ლარი",
    ),
    "chart.claimed": ("claimed", "მოთხოვნილი"),
    "chart.payable": ("payable", "ასანაზღაურებელი"),
    "chart.unit": ("GEL", "ლარი"),
    "chart.amount": ("amount", "თანხა"),  # (a bar says "amount: 500.24 GEL": review 229 M3, "GEL: 500.24 GEL")
    "cause.late": ("late submission", "დაგვიანებით წარდგენა"),
    "cause.not_funded": ("not funded (late)", "არ ფინანსდება (დაგვიანება)"),
    "cause.over_claimed": ("claimed above the rules", "წესით გათვალისწინებულზე მეტი"),
    "cause.already_billed": ("already billed on another row", "უკვე მოთხოვნილი სხვა სტრიქონზე"),
    "cause.not_checked": ("lines not checked", "შეუმოწმებელი სტრიქონები"),
    "provider.all": ("the invoice", "წარდგენილი დოკუმენტი"),  # (ანგარიშ-ფაქტურა is the tax invoice: review 143 F11)
    "provider.none": (
        "(no provider)",
        "(მიმწოდებელი მითითებული არ არის)",
    ),  # (a blank cell beside named ones: review 267 F4)
    # R5, the target group of early childhood development (Annex 2.2, Art. 3, para 1; D14)
    # The age alone: the paragraph also asks for a diagnosis of Annex 2.14, which is the caller's to
    # check (D14; review 58: "in the target group" claimed what was not checked)
    "target_group.in_group": (
        "Child born {birth_date}, month {month}: of the age of the target group of early childhood"
        " development (from birth to age {age_limit}, up to and including {last_month}, the month the"
        " child turns {age_limit}: {birthday}; the diagnosis of Annex 2.14 is not checked here)",
        "ბავშვი, დაბადებული {birth_date}, თვე {month}: ბავშვთა ადრეული განვითარების ხელშეწყობის"
        " ქვეპროგრამის სამიზნე ჯგუფის ასაკშია (დაბადებიდან {age_limit} წლამდე, {age_limit} წლის შესრულების თვის ჩათვლით:"
        " {last_month}; {age_limit} წელი სრულდება: {birthday}; №2.14 დანართში მოცემული ICD-10-ის დიაგნოზი აქ არ მოწმდება)",
    ),
    "target_group.not_born_yet": (
        "Child born {birth_date}, month {month}: not in the target group of early childhood"
        " development: not born by the end of {month}",
        "ბავშვი, დაბადებული {birth_date}, თვე {month}: არ განეკუთვნება ბავშვთა ადრეული განვითარების"
        " ხელშეწყობის ქვეპროგრამის სამიზნე ჯგუფს: {month}-ის ბოლომდე დაბადებული არ იყო",
    ),
    "target_group.past_age_limit": (
        "Child born {birth_date}, month {month}: not in the target group of early childhood"
        " development: turned {age_limit} on {birthday}, and the group ends with that month ({last_month})",
        "ბავშვი, დაბადებული {birth_date}, თვე {month}: არ განეკუთვნება ბავშვთა ადრეული განვითარების"
        " ხელშეწყობის ქვეპროგრამის სამიზნე ჯგუფს: {age_limit} წელი შეუსრულდა ({birthday}) და სამიზნე"
        " ჯგუფის ასაკში იყო {last_month}-ის ჩათვლით",
    ),
    # R9, safe housing of the youth voucher (Annex 2.12, Art. 2, para 1(a))
    "housing.ok": (
        "Safe housing: every unit houses at most {limit} beneficiaries together",
        "უსაფრთხო საცხოვრებელი: ყველა ერთეულში ერთად ცხოვრობს არაუმეტეს {limit} ბენეფიციარისა",
    ),
    "housing.over": (
        "Safe housing: a unit houses more than {limit} beneficiaries together (units over the limit: {value})",
        "უსაფრთხო საცხოვრებელი: ერთეულში ერთად ცხოვრობს {limit}-ზე მეტი ბენეფიციარი (ასეთი ერთეულები: {value})",
    ),
    "housing.unit": ("{unit}: {value} beneficiaries", "{unit}: {value} ბენეფიციარი"),
}


def _span(first: Any, last: Any) -> str:
    return str(first) if first == last else f"{first} – {last}"


_SPANNED = frozenset(
    {
        "facility.run",
        "facility.cap_run",
        "facility.no_cap_run",
        "places.run",
        "places.run_rounded",
        "places.run_share_unknown",
    }
)
"""The steps said of a run of days (``first`` to ``last``, said as one span)."""


def _derived(lang: str, key: str, f: dict[str, Any]) -> None:
    """Words of a step that depend on its data (enrolled before the month, a span of days ...)."""
    if key.startswith("voucher.") and "enrolled" in f:
        discharged = f["discharged"]
        f["enrolled"] = f["enrolled"] or _said(lang, "voucher.enrolled_before")
        f["discharged"] = (
            say(lang, "voucher.discharged", date=f["discharged"])
            if f["discharged"]
            else _said(lang, "voucher.not_discharged")
        )
        # (whether the discharge day counts, said of a discharge in the month alone: reviews 117, 120)
        counted = "voucher.discharge_counted" if f["count_discharge_day"] else "voucher.discharge_not_counted"
        in_month = f.get("discharged_in_month")  # (given where the month and day are a template's slots)
        if in_month is None:  # (review 120: not of another month's discharge)
            from voucherlib.core.month import falls_in  # (not at import: phrases stay light)

            in_month = falls_in(discharged, f.get("month"))
        f["rule"] = f" ({_said(lang, counted)})" if in_month else ""
        f["whole"] = _said(lang, "voucher.whole_month") if f.get("value") == f.get("month_days") else ""
    if "service" in f and f"service.{f['service']}" in _PHRASES:
        f["service"] = say(lang, f"service.{f['service']}")
        # Georgian has no capitals (upper() would give Mtavruli letters)
        f["Service"] = f["service"] if lang == "ka" else f["service"][:1].upper() + f["service"][1:]
    if "first" in f and "last" in f and key in _SPANNED:
        f["span"] = _span(f["first"], f["last"])
    # an input that has a form for people in the language (reason_ka, city_ka, city_en) is said in it
    for name in [k for k in f if k.endswith("_ka" if lang == "ka" else "_en") and f[k]]:
        f[name[:-3]] = f[name]
    if key in ("settle.late", "settle.after_deadline"):  # the weekdays after the deadline off work, each with why
        f["not_counted"] = say(lang, "settle.not_counted", days=f["not_counted"]) if f.get("not_counted") else ""
    if "verdict" in f and f"verdict.{f['verdict']}" in _PHRASES:
        f["verdict"] = say(lang, f"verdict.{f['verdict']}")
        if f.get("deduction_percent") is not None:  # "matches, 20% deducted"
            f["verdict"] += say(lang, "verdict.deducted", percent=f"{f['deduction_percent']:g}")
    if key == "settle":  # (a step without its funding, built by hand or read from JSON: a sum)
        funded = f.get("funded") is not False
        f["payable"] = (
            say(lang, "settle.head_payable", value=f.get("value")) if funded else _said(lang, "settle.head_not_funded")
        )
    if key == "audit.line":
        if lang == "ka" and f.get("row_ka"):  # (a label of the library's words, as the Georgian table shows it)
            f["row"] = f["row_ka"]
        if isinstance(f.get("row"), str) and not f.get("row_ka"):  # (a frame's label, not the library's words of
            f["row"] = label_printed(f["row"])  # an occupancy line's rows: its controls escaped, review 287 F3)
        if f.get("part"):  # a facility line: "children served", "unfilled places" ...
            f["name"] = say(lang, f"part.{f['part']}")
        # (the invoice's own text, its line ends shown escaped as in its cells: a name of several
        # lines wrote an explanation of its own under the line's label, review 170 F9)
        who = printable(f"{f.get('beneficiary_id', '')} {f.get('name', '')}".strip())
        f["who"] = f", {who}" if who else ""  # (a header again names no one: "Line 5: invalid", review 218 F5)


def fill(lang: str, key: str, fields: dict[str, Any]) -> str:
    """Step ``key``'s phrase in ``lang`` filled with its value and inputs (and the words they imply)."""
    _derived(lang, key, fields)
    try:
        return _filled(lang, phrase(lang, key), fields)
    except (KeyError, ValueError, IndexError, TypeError):  # a step read from JSON that no phrase fits
        return f"{key}: {fields.get('value', '')}"


def template(lang: str, key: str, fields: dict[str, Any], slots: dict[str, int], counted: bool = False) -> str | None:
    """Step ``key``'s phrase in ``lang`` as a format string of positional fields: the field
    called ``name`` becomes ``{slots[name]}`` (two names may share a slot: equal values), the
    words the other ``fields`` imply filled in. It gives what :func:`fill` gives for the values
    of the slotted fields that leave those words as they are: a caller keeps one template per
    shape (which optional parts appear) and checks it once against :func:`fill`. None when the
    phrase cannot be said that way (a field formatted with a spec, words that depend on a number
    such as ``1 working day``). ``counted=True``: an English noun counted by a slot (``{1} working
    days``) is kept as the plural, and the caller fills such a slot with no count that reads one
    (:func:`counted_slots`, :func:`says_one`: ``1 working day``, said by the phrase itself)."""
    probe = dict(fields)
    for name, i in slots.items():
        probe[name] = f"\x00{i}\x00"
    text = fill(lang, key, probe)
    if text.startswith(f"{key}: ") or (lang == "en" and not counted and "working days" in text):
        return None
    parts = text.split("\x00")
    if len(parts) % 2 == 0:
        return None
    out = []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            out.append(braced(part))
        elif part.isdigit():
            out.append("{" + part + "}")
        else:
            return None
    return "".join(out)


def counted_slots(made: str) -> tuple[int, ...]:
    """The slots of a template of :func:`template` that count an English noun (``{1} working
    days``): a text filled with a count of one there reads otherwise (:func:`says_one`)."""
    return tuple(sorted({int(m[1]) for m in _COUNTED.finditer(made) if m[1].isdigit()}))


def says_one(count: Any) -> bool:
    """Whether a count's text reads one (``1``, not ``11`` or ``2.1``): its noun is then singular
    in English, as :func:`fill` says it."""
    return _ONE.search(str(count)) is not None


def braced(text: str) -> str:
    """``text`` as a literal part of a ``str.format`` template (or an f-string): its braces doubled."""
    return text.replace("{", "{{").replace("}", "}}")


def check_lang(lang: Any) -> str:
    if type(lang) is str and lang in LANGUAGES:  # (the usual call, "en" or "ka": as below, faster)
        return lang
    if not isinstance(lang, str) or str.__str__(lang) not in LANGUAGES:  # (the text it holds: D43)
        raise InvalidInput("lang", lang, "'en' (English) or 'ka' (Georgian)")
    return str.__str__(lang)


def parameter_said(lang: str, key: str) -> str:
    """A rule set's parameter as a refusal names it: its key, and in Georgian the key quoted and
    its name (``„youth_voucher.daily_rate.with_disability“ (შეზღუდული შესაძლებლობის სტატუსის
    მქონე პირის დღიური დაფინანსება)``); a parameter without a name, its key alone (in Georgian
    quoted). A cap of any city is named as one (``shelter.paid_beneficiary_cap.<city>.<service>``)."""
    if lang != "ka":
        return key
    named = f"parameter.{key}"
    if named not in _PHRASES and key.startswith("shelter.paid_beneficiary_cap."):
        named = "parameter.shelter.paid_beneficiary_cap"
    if named not in _PHRASES:
        return f"„{key}“"
    return say(lang, "error.parameter_named", parameter=key, name=phrase(lang, named))


def has_phrase(key: str) -> bool:
    return key in _PHRASES


def phrase_keys() -> tuple[str, ...]:
    """Every key of a phrase (what the tests walk to check each has a Georgian text)."""
    return tuple(_PHRASES)


def phrase(lang: str, key: str) -> str:
    """The format string of phrase ``key`` in ``lang`` (an unknown key: ``"key: {value}"``)."""
    if key not in _PHRASES:
        return key + ": {value}"
    en, ka = _PHRASES[key]
    return ka if lang == "ka" else en


def say(lang: str, key: str, **fields: Any) -> str:
    """Phrase ``key`` in ``lang``, filled with ``fields``."""
    return _filled(lang, phrase(lang, key), fields)


_SAID: dict[tuple[str, str], str] = {}


def _said(lang: str, key: str) -> str:
    """Phrase ``key`` in ``lang``, a phrase without fields: plain text, made once."""
    text = _SAID.get((lang, key))
    if text is None:
        text = _SAID[(lang, key)] = say(lang, key)
    return text


GROUPED_KA = " "
"""What parts the thousands of a number in Georgian: a space (``20 432``, as the decree writes its
figures; a Georgian-locale spreadsheet groups them with a no-break space, which the text output
would show escaped as a character that shows as nothing), never a comma, which a Georgian reader
takes for the decimal mark (review 127: ``ბ: 1,146`` read as 1.146). An HTML page draws such a
number on one line (``output.render._html_text``: a wrapped line parted ``10 500.00``)."""


def grouped_as(text: str, lang: str) -> str:
    """``text``, a number written with ``,`` between its thousands (``format(n, ",")``), grouped as
    ``lang`` writes numbers (:data:`GROUPED_KA` in Georgian); the decimal point stays ``.``, as in
    every amount the library writes."""
    return text.replace(",", GROUPED_KA) if lang == "ka" else text


class _GeorgianNumbers(string.Formatter):
    """A phrase's field formatted with thousands (``{n:,}``, ``{amount:,.2f}``) grouped as Georgian
    writes numbers (:func:`grouped_as`); every other field exactly as ``str.format`` gives it."""

    def format_field(self, value: Any, format_spec: str) -> str:
        text = super().format_field(value, format_spec)
        return grouped_as(text, "ka") if "," in format_spec else text


_KA_NUMBERS = _GeorgianNumbers()


def _filled(lang: str, template: str, fields: Mapping[str, Any]) -> str:
    """``template`` filled with ``fields``; in English, the phrase's own ``{n} working days`` is
    said ``1 working day`` when its field ``n`` is 1, and so are its lines, rows, cases and months
    (review 52: "1 lines"; Georgian keeps the noun singular after every number). Only the
    phrase's words change: a value filled in (a user's cell, a sheet's name, a reason) is quoted
    exactly as it is, whatever it says."""
    if lang == "en" and _COUNTED.search(template):
        template = _COUNTED.sub(lambda m: _one_of(m[0]) if says_one(fields.get(m[1], "")) else m[0], template)
    if lang == "ka" and ":," in template:
        return _KA_NUMBERS.vformat(template, (), fields)
    return template.format(**fields)


def row_spans(rows: Iterable[Any]) -> str:
    """Row labels in the order given, each run of consecutive row numbers as ``first-last``
    (``2-31, 40, Sheet2!A5``): a facility-month's thirty rows in a few characters."""
    spans: list[list[Any]] = []
    for row in rows:
        if type(row) is int and spans and type(spans[-1][1]) is int and spans[-1][1] + 1 == row:
            spans[-1][1] = row
        else:
            spans.append([row, row])
    return ", ".join(label_printed(a) if a == b else f"{a}-{b}" for a, b in spans)


def counted(n: int, noun: str) -> str:
    """``n`` and an English noun, plural but for one (``1 row``, ``2 rows``), a thousand or more
    grouped (``10,000 rows``, review 229 M4)."""
    return f"{n} {noun}" if n == 1 else f"{n:,} {noun}s"


_COUNTED = re.compile(
    r"\{(\w+)(?::,)?\} (?:working days|days|lines|rows|cases|months|beneficiary-months|beneficiary-days|facility-months"
    r"|voucher-months|places|beneficiaries|columns|cells|characters|years|decimals|counts|times|matches)(?![\w-])"
)


def _one_of(counted: str) -> str:
    """``{n} days`` said of one: ``{n} day``; ``{n} beneficiaries``, ``{n} beneficiary``; ``{n} times``,
    ``{n} time``; ``{n} matches`` (lines), ``{n} match``."""
    if counted.endswith("ies"):
        return counted[:-3] + "y"
    return counted[:-2] if counted.endswith("ches") else counted[:-1]


_ONE = re.compile(r"(?<![\d.,])1\Z")  # a number that ends in a lone 1 (1, -1; not 11, 2.1)

_GEORGIAN_LETTER = re.compile("[\u10d0-\u10ff]")
_LATIN_WORD = re.compile("[A-Za-z]{2,}")


def has_georgian(text: str) -> bool:
    """Whether ``text`` holds a Georgian letter."""
    return _GEORGIAN_LETTER.search(text) is not None


def georgian_text(text: str, field: str) -> str:
    """``text`` when it is Georgian (a Georgian letter in it, no word in Latin letters); else a
    ValueError naming ``field`` (a rule file's Georgian text, shown with ``lang="ka"``).

    >>> georgian_text("ვიზიტი თვეში", "unit_ka")
    'ვიზიტი თვეში'
    """
    if not has_georgian(text) or _LATIN_WORD.search(text):
        raise ValueError(f"{field} must be Georgian text (no word in Latin letters), got {text!r}")
    return text
