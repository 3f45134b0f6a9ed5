"""The shared vocabulary of every layer: errors, money, the month, citations, rule sets, the calendar.

Nothing here reads a file of the user's or knows a rule: the rules (:mod:`voucherlib.rules`)
read their values from the rule set and compute with these types.
"""
