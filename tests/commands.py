"""Every command of the command line, run on the example it ships with (shared by the CLI tests)."""

EXAMPLE_COMMANDS = {
    "settle": ["settle", "--example"],
    "facility": ["facility", "--example", "--daily-rate", "25"],
    "audit": ["audit", "--example"],
    "audit-facility": ["audit-facility", "--example", "--daily-rate", "25"],
    "tables": ["tables", "--example"],
    "summary": ["summary", "--example"],
    "check-cases": ["check-cases", "--example"],
}
