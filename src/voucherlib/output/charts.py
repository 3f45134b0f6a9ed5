"""Bar charts drawn once from exact data: as inline SVG (no dependency, for the HTML view) and
with matplotlib (``pip install 'voucherlib[plot]'``, only when asked for).

A :class:`BarChart` has categories (e.g. months) and one or more series of Decimal GEL (e.g.
claimed and payable); each category gets a group of horizontal bars, one per series.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from voucherlib.core.errors import MissingExtra
from voucherlib.core.money import money_text
from voucherlib.output.table import Chart, middle_cut

__all__ = ["BarChart", "matplotlib_pyplot"]

_COLOURS = ("#1f4e79", "#e07b39", "#6a9f58", "#b04a5a")


@dataclass(frozen=True, slots=True)
class BarChart:
    """Grouped horizontal bars: ``series`` is ``(label, values)`` with one value per category."""

    name: str
    title: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[Decimal, ...]], ...]
    unit: str = "GEL"
    lang: str = "en"
    """The language its amounts are written in (their thousands parted as it parts them)."""

    def svg(self) -> str:
        """The chart as an SVG element (every text escaped)."""
        esc = html.escape
        bar, gap, label_w, plot_w = 14, 10, 260, 420
        group = bar * len(self.series) + gap
        top = 28
        height = top + group * max(len(self.categories), 1) + 30
        width = label_w + plot_w + 110
        top_value = max((v for _, values in self.series for v in values), default=Decimal(0))
        scale = float(plot_w) / float(top_value) if top_value > 0 else 0.0
        out = [
            f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' "
            f"viewBox='0 0 {width} {height}' role='img' aria-label='{esc(self.title)}' class='chart'>",
            f"<title>{esc(self.title)}</title>",
        ]
        for i, category in enumerate(self.categories):
            y0 = top + i * group
            out.append(
                f"<text x='{label_w - 6}' y='{y0 + bar * len(self.series) / 2 + 4}' text-anchor='end' "
                f"font-size='12'>{esc(middle_cut(category, 40))}<title>{esc(category)}</title></text>"
            )
            for j, (label, values) in enumerate(self.series):
                value = values[i]
                w = max(float(value) * scale, 0.0)
                y = y0 + j * bar
                out.append(
                    f"<rect class='bar' x='{label_w}' y='{y}' width='{w:.1f}' height='{bar - 2}' "
                    f"fill='{_COLOURS[j % len(_COLOURS)]}'><title>{esc(label)}: {money_text(value, grouping=True, lang=self.lang)} {esc(self.unit)}</title></rect>"
                )
                out.append(
                    f"<text x='{label_w + w + 4:.1f}' y='{y + bar - 4}' font-size='10'>{money_text(value, grouping=True, lang=self.lang)}</text>"
                )
        for j, (label, _) in enumerate(self.series):
            x = label_w + j * 150
            out.append(f"<rect x='{x}' y='6' width='12' height='12' fill='{_COLOURS[j % len(_COLOURS)]}'/>")
            out.append(f"<text x='{x + 16}' y='16' font-size='12'>{esc(label)}</text>")
        out.append("</svg>")
        return "".join(out)

    def chart(self) -> Chart:
        """The chart for a :class:`~voucherlib.output.table.Document` (HTML view)."""
        return Chart(self.name, self.title, self.svg())

    def plot(self, ax: Any) -> Any:
        """Draw the chart on a matplotlib ``Axes`` (values are shown exactly in the bar labels)."""
        n = len(self.series)
        height = 0.8 / max(n, 1)
        positions = range(len(self.categories))
        for j, (label, values) in enumerate(self.series):
            ys = [p + j * height for p in positions]
            bars = ax.barh(ys, [float(v) for v in values], height=height, label=label, color=_COLOURS[j % 4])
            ax.bar_label(bars, labels=[money_text(v, grouping=True, lang=self.lang) for v in values], fontsize=8)
        ax.set_yticks([p + height * (n - 1) / 2 for p in positions], list(self.categories))
        ax.invert_yaxis()
        ax.set_title(self.title)
        ax.set_xlabel(self.unit)
        # room right of the longest bar for its value label; the legend beside the axes, off the bars
        longest = max((float(v.copy_abs()) for _, values in self.series for v in values), default=0.0)  # (no context)
        ax.set_xlim(0, longest * 1.25 or 1)
        if n > 1:
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0, fontsize=8)
        return ax


def matplotlib_pyplot() -> Any:
    """matplotlib's pyplot, or an error that says which extra to install."""
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:
        raise MissingExtra("charts", "matplotlib", "plot") from exc
    return plt


def plot_charts(charts: Sequence[BarChart]) -> Any:
    """A matplotlib Figure with one chart per row."""
    plt = matplotlib_pyplot()
    heights = [1.2 + 0.35 * len(c.categories) * max(len(c.series), 1) for c in charts]
    fig, axes = plt.subplots(
        len(charts), 1, figsize=(10, sum(heights)), height_ratios=heights, squeeze=False, layout="constrained"
    )  # constrained: the long category names and the legends outside the axes stay inside the figure
    for chart, ax in zip(charts, axes[:, 0], strict=True):
        chart.plot(ax)
    return fig
