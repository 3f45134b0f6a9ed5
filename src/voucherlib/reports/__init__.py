"""Reports: results of the rules gathered for a reader (audits, settled files, facility months, summaries)."""
