"""Output: one table model (:mod:`~voucherlib.output.table`) and one renderer
(:mod:`~voucherlib.output.render`) to text, CSV, JSON, XLSX and HTML."""

from voucherlib.output.render import FORMATS, format_of, json_data, render, to_xlsx, write
from voucherlib.output.table import Chart, Column, Document, Table

__all__ = ["FORMATS", "Chart", "Column", "Document", "Table", "format_of", "json_data", "render", "to_xlsx", "write"]
