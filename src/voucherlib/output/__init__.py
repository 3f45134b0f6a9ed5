"""Output: rendering a report's tables to text, CSV, JSON, XLSX and HTML."""
