"""The words of the explanations, in English and Georgian.

Each rule module builds its explanation from these phrases, so that ``explain(lang="ka")``
says the same steps in Georgian. A phrase is a format string with named fields.
"""

from __future__ import annotations

from typing import Any

from voucherlib.core.errors import InvalidInput

__all__ = ["LANGUAGES", "check_lang", "has_phrase", "phrase", "phrase_keys", "say"]

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
        "  {days} დღე შეზღუდული შესაძლებლობის სტატუსით × {rate} ლარი/დღე = {amount} ლარი  [{cite}]",
    ),
    "voucher.rate_without": (
        "  {days} days without disability status x {rate} GEL/day = {amount} GEL  [{cite}]",
        "  {days} დღე შეზღუდული შესაძლებლობის სტატუსის გარეშე × {rate} ლარი/დღე = {amount} ლარი  [{cite}]",
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
        "  დაქვითვა: {per_day}% × {late} = {percent}% ({amount} ლარიდან) = {deduction} ლარი (D8)  [{cite}]",
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
    # ---------------------------------------------------------------- the calendar
    **{
        f"weekday.{i}": pair
        for i, pair in enumerate(
            [
                ("Monday", "ორშაბათი"),
                ("Tuesday", "სამშაბათი"),
                ("Wednesday", "ოთხშაბათი"),
                ("Thursday", "ხუთშაბათი"),
                ("Friday", "პარასკევი"),
                ("Saturday", "შაბათი"),
                ("Sunday", "კვირა"),
            ]
        )
    },
    **{
        f"month.{i}": pair
        for i, pair in enumerate(
            [
                ("January", "იანვარი"),
                ("February", "თებერვალი"),
                ("March", "მარტი"),
                ("April", "აპრილი"),
                ("May", "მაისი"),
                ("June", "ივნისი"),
                ("July", "ივლისი"),
                ("August", "აგვისტო"),
                ("September", "სექტემბერი"),
                ("October", "ოქტომბერი"),
                ("November", "ნოემბერი"),
                ("December", "დეკემბერი"),
            ],
            start=1,
        )
    },
    "dayoff.declared": ("day off declared by {source}", "მთავრობის მიერ გამოცხადებული დასვენების დღე ({source_ka})"),
    "dayoff.holiday": (
        "public holiday: {name} (Labour Code of Georgia, Art. 30)",
        "უქმე დღე: {name} (საქართველოს შრომის კოდექსი, მუხლი 30)",
    ),
    "dayoff.one_off": ("one-off public holiday (holidays package, country GE)", "ერთჯერადი უქმე დღე"),
    "dayoff.caller": ("non-working day added by the caller", "გამომძახებლის მიერ დამატებული არასამუშაო დღე"),
    # ---------------------------------------------------------------- Annex 2.8 facilities
    "facility.shelter": ("shelter", "თავშესაფარი"),
    "facility.day_centre": ("day centre", "დღის ცენტრი"),
    "facility.head": (
        "{name} in {city}, limit {limit} places, {month} (Annex 2.8):",
        "{name}, {city}, ლიმიტი {limit} ადგილი, {month} (დანართი №2.8):",
    ),
    "facility.no_cap": (
        "  no per-facility cap on paid beneficiaries in {city} for a {name} (R4, D13){cite}",
        "  {city}: ანაზღაურებად ბენეფიციართა ზღვარი არ არის (R4, D13){cite}",
    ),
    "facility.cap": (
        "  paid beneficiaries per day: at most {cap} (R4, D13){cite}",
        "  ანაზღაურებადი ბენეფიციარი დღეში: არაუმეტეს {cap} (R4, D13){cite}",
    ),
    "facility.run": (
        "  {span} ({days} d): {served} served, {paid} paid",
        "  {span} ({days} დღე): მომსახურებული {served}, ანაზღაურებადი {paid}",
    ),
    "facility.span": ("{first} to {last}", "{first} – {last}"),
    "facility.paid_days": ("  paid beneficiary-days: {days}", "  ანაზღაურებადი ბენეფიციარ-დღეები: {days}"),
    "facility.no_rate": (
        "  amount for them: unknown (no per-beneficiary daily rate given)",
        "  მათი თანხა: უცნობია (დღიური განაკვეთი არ არის მითითებული)",
    ),
    "facility.amount": (
        "  amount for them: {days} x {rate} GEL ({source}) = {amount} GEL",
        "  მათი თანხა: {days} × {rate} ლარი = {amount} ლარი",
    ),
    "facility.total": ("  total: {total} GEL", "  სულ: {total} ლარი"),
    "places.head": (
        "Unfilled places of a {name} with a limit of {limit} places, {month} (R3, D11):",
        "შეუვსებელი ადგილები ({name}, ლიმიტი {limit} ადგილი), {month} (R3, D11):",
    ),
    "places.run": (
        "  {span} ({days} d): {served} served, {unfilled} unfilled, at most {cap} paid (50% of the limit): "
        "{comp} x {rate} GEL x {days} d = {amount} GEL  {cite}",
        "  {span} ({days} დღე): მომსახურებული {served}, შეუვსებელი {unfilled}, ანაზღაურდება არაუმეტეს {cap} "
        "(ლიმიტის 50%): {comp} × {rate} ლარი × {days} დღე = {amount} ლარი  {cite}",
    ),
    "places.total": (
        "  compensated place-days: {days}; amount: {amount} GEL",
        "  ანაზღაურებადი ადგილ-დღეები: {days}; თანხა: {amount} ლარი",
    ),
    # ---------------------------------------------------------------- the audit: verdicts and reasons
    "verdict.matches": ("matches", "ემთხვევა"),
    "verdict.over-claimed": ("over-claimed", "მოთხოვნილია მეტი"),
    "verdict.under-claimed": ("under-claimed", "მოთხოვნილია ნაკლები"),
    "verdict.not funded (late)": ("not funded (late)", "არ ფინანსდება (დაგვიანება)"),
    "verdict.invalid": ("invalid", "ვერ შემოწმდა"),
    "verdict.deducted": (", {percent}% deducted", ", დაქვითულია {percent}%"),
    "reason.over-claimed": (
        "claimed {amount} GEL more than the rules give",
        "მოთხოვნილია {amount} ლარით მეტი, ვიდრე წესით ეკუთვნის",
    ),
    "reason.under-claimed": (
        "claimed {amount} GEL less than the rules give",
        "მოთხოვნილია {amount} ლარით ნაკლები, ვიდრე წესით ეკუთვნის",
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
        "„{field}“: მითითებულია {value}; მოსალოდნელია {expected}",
    ),
    "reason.no_rule": ("no rule in force on {date}", "{date}-ისთვის მოქმედი წესი ცნობილი არ არის"),
    "reason.unreadable": ("the row cannot be read", "სტრიქონის წაკითხვა ვერ მოხერხდა"),
    "expect.any": ("a valid value", "სწორი მნიშვნელობა"),
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
    "expect.facility_id": ("a facility of the occupancy file", "ობიექტი, რომლის დღიური დატვირთვაც ცნობილია"),
    "expect.daily_rate": ("a daily rate per beneficiary", "ერთ ბენეფიციარზე დღიური განაკვეთი (ლარი)"),
    "expect.occupancy": ("valid daily occupancy", "სწორი დღიური დატვირთვა"),
    "expect.line": ("a row label or a beneficiary id", "სტრიქონის ნომერი ან ბენეფიციარის კოდი"),
    # ---------------------------------------------------------------- the audit: columns and totals
    "column.row": ("row", "სტრიქონი"),
    "column.beneficiary_id": ("beneficiary", "ბენეფიციარის კოდი"),
    "column.name": ("name", "სახელი, გვარი"),
    "column.month": ("month", "მომსახურების თვე"),
    "column.enrolled_on": ("enrolled", "ჩარიცხვის თარიღი"),
    "column.discharged_on": ("discharged", "ამორიცხვის თარიღი"),
    "column.disability": ("disability", "შშმ სტატუსი"),
    "column.submitted_on": ("submitted", "წარდგენის თარიღი"),
    "column.claimed": ("claimed", "მოთხოვნილი"),
    "column.computed": ("computed", "გამოთვლილი"),
    "column.difference": ("difference", "სხვაობა"),
    "column.deducted": ("deducted", "დაქვითული"),
    "column.payable": ("payable", "ასანაზღაურებელი"),
    "column.verdict": ("verdict", "შედეგი"),
    "column.reason": ("reason", "მიზეზი"),
    "column.explanation": ("explanation", "განმარტება"),
    "column.facility_id": ("facility", "ობიექტი"),
    "column.daily_rate": ("daily rate", "დღიური განაკვეთი"),
    "column.occupancy": ("occupancy", "დატვირთვა"),
    "column.code": ("finding", "მიგნება"),
    "column.severity": ("severity", "სიმძიმე"),
    "column.rows": ("rows", "სტრიქონები"),
    "column.amount": ("amount", "თანხა"),
    "column.provision": ("provision", "ნორმა"),
    "column.decision": ("decision", "გადაწყვეტილება"),
    "column.text": ("finding", "აღწერა"),
    "column.item": ("item", "მაჩვენებელი"),
    "column.value": ("value", "მნიშვნელობა"),
    "column.provider": ("provider", "მიმწოდებელი"),
    "part.children served": ("children served", "მომსახურებული ბავშვები"),
    "part.unfilled places": ("unfilled places", "შეუვსებელი ადგილები"),
    "part.claim": ("claim", "მოთხოვნა"),
    "part.occupancy": ("occupancy", "დატვირთვა"),
    "audit.title": (
        "Invoice audit (Annex 2.12 youth vouchers)",
        "ანგარიშ-ფაქტურის შემოწმება (დანართი №2.12, ვაუჩერები)",
    ),
    "facility_audit.title": (
        "Invoice audit (Annex 2.8 shelters and day centres)",
        "ანგარიშ-ფაქტურის შემოწმება (დანართი №2.8, თავშესაფრები და დღის ცენტრები)",
    ),
    "summary.title": ("Summary", "შეჯამება"),
    "summary.lines": ("lines", "სტრიქონები"),
    "summary.checked": ("lines checked", "შემოწმებული სტრიქონები"),
    "summary.claimed": ("claimed (checked lines), GEL", "მოთხოვნილი (შემოწმებული სტრიქონები), ლარი"),
    "summary.computed": ("computed, GEL", "გამოთვლილი, ლარი"),
    "summary.difference": ("difference (claimed - computed), GEL", "სხვაობა (მოთხოვნილი − გამოთვლილი), ლარი"),
    "summary.deducted": ("deducted for late submission, GEL", "დაგვიანებისთვის დაქვითული, ლარი"),
    "summary.payable": ("payable, GEL", "ასანაზღაურებელი, ლარი"),
    "summary.unchecked_claimed": ("claimed on lines not checked, GEL", "შეუმოწმებელ სტრიქონებზე მოთხოვნილი, ლარი"),
    "summary.unchecked": ("lines not checked", "შეუმოწმებელი სტრიქონები"),
    "summary.findings": ("Findings", "მიგნებები"),
    "summary.lines_sheet": ("Lines", "სტრიქონები"),
    "summary.total_checked": ("total of the checked lines", "შემოწმებული სტრიქონების ჯამი"),
    "summary.charts": ("Charts", "დიაგრამები"),
    "summary.none": ("No findings.", "მიგნებები არ არის."),
    "summary.line": (
        "{lines} lines ({counts}); {checked} checked: claimed {claimed} GEL - computed {computed} GEL = "
        "difference {difference} GEL; deducted {deducted} GEL; payable {payable} GEL",
        "{lines} სტრიქონი ({counts}); შემოწმდა {checked}: მოთხოვნილი {claimed} ლარი − გამოთვლილი {computed} ლარი = "
        "სხვაობა {difference} ლარი; დაქვითული {deducted} ლარი; ასანაზღაურებელი {payable} ლარი",
    ),
    "summary.line_unchecked": (
        "; not checked: {unchecked} lines claiming {amount} GEL",
        "; ვერ შემოწმდა: {unchecked} სტრიქონი, მოთხოვნილი {amount} ლარი",
    ),
    "explain.head": ("Line {row}, {id}: {verdict}", "სტრიქონი {row}, {id}: {verdict}"),
    "explain.reason": ("  reason: {reason}", "  მიზეზი: {reason}"),
    "explain.tail": (
        "  claimed {claimed} GEL, computed {computed} GEL: difference (claimed - computed) {difference} GEL",
        "  მოთხოვნილია {claimed} ლარი, გამოთვლილია {computed} ლარი; სხვაობა {difference} ლარი",
    ),
    # ---------------------------------------------------------------- the audit: findings
    "severity.error": ("error", "შეცდომა"),
    "severity.warning": ("warning", "გაფრთხილება"),
    "severity.info": ("note", "შენიშვნა"),
    "finding.double-billing": (
        "{id} is billed {count} times for {month} (rows {rows}): {amount} GEL claimed in all",
        "{id} {month}-ისთვის მოთხოვნილია {count}-ჯერ (სტრიქონები {rows}): სულ {amount} ლარი",
    ),
    "finding.overlapping-stays": (
        "{id} has stays that overlap from {first} to {last} (rows {rows})",
        "{id}: მომსახურების პერიოდები ერთმანეთს ფარავს {first} – {last} (სტრიქონები {rows})",
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
        "{id}, {month}: claimed {amount} GEL more than the rules give",
        "{id}, {month}: მოთხოვნილია {amount} ლარით მეტი, ვიდრე წესით ეკუთვნის",
    ),
    "finding.claim-below": (
        "{id}, {month}: claimed {amount} GEL less than the rules give",
        "{id}, {month}: მოთხოვნილია {amount} ლარით ნაკლები, ვიდრე წესით ეკუთვნის",
    ),
    "finding.not-checked": (
        "row {rows} ({id}) could not be checked: {reason}",
        "სტრიქონი {rows} ({id}) ვერ შემოწმდა: {reason}",
    ),
    "finding.late-deduction": (
        "{id}, {month}: the document was {late} working days late: {percent}% ({amount} GEL) deducted",
        "{id}, {month}: დოკუმენტი {late} სამუშაო დღით დაგვიანდა: დაქვითულია {percent}% ({amount} ლარი)",
    ),
    # ---------------------------------------------------------------- charts
    "chart.by_month": ("Claimed and payable by month, GEL", "მოთხოვნილი და ასანაზღაურებელი თვეების მიხედვით, ლარი"),
    "chart.by_provider": (
        "Claimed and payable by provider, GEL",
        "მოთხოვნილი და ასანაზღაურებელი მიმწოდებლების მიხედვით, ლარი",
    ),
    "chart.by_facility": (
        "Claimed and payable by facility, GEL",
        "მოთხოვნილი და ასანაზღაურებელი ობიექტების მიხედვით, ლარი",
    ),
    "chart.deductions": ("Deductions by cause, GEL", "დაქვითვები მიზეზების მიხედვით, ლარი"),
    "chart.claimed": ("claimed", "მოთხოვნილი"),
    "chart.payable": ("payable", "ასანაზღაურებელი"),
    "chart.amount": ("GEL", "ლარი"),
    "cause.late": ("late submission", "დაგვიანებით წარდგენა"),
    "cause.not_funded": ("not funded (late)", "არ ფინანსდება (დაგვიანება)"),
    "cause.over_claimed": ("claimed above the rules", "წესით გათვალისწინებულზე მეტი"),
    "cause.not_checked": ("lines not checked", "შეუმოწმებელი სტრიქონები"),
    "provider.all": ("the invoice", "ანგარიშ-ფაქტურა"),
}


def check_lang(lang: Any) -> str:
    if lang not in LANGUAGES:
        raise InvalidInput("lang", lang, "'en' (English) or 'ka' (Georgian)")
    return str(lang)


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
    return phrase(lang, key).format(**fields)
