"""Geometry of the small bar charts drawn for indicators. Pure; no database.

The template draws the bars as inline SVG (no JavaScript); the same numbers are
always shown in a table beside the chart.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal
    x: float
    y: float
    width: float
    height: float
    value_y: (
        float  # where the value is written: above a rising bar, below a falling one
    )

    @property
    def centre(self) -> float:
        return round(self.x + self.width / 2, 1)


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    baseline: float
    label_y: float
    bars: tuple[Bar, ...]


def bar_chart(
    points: Sequence[tuple[str, Decimal]],
    *,
    width: int = 320,
    height: int = 180,
    margin_top: int = 22,
    margin_bottom: int = 26,
    gap: float = 0.3,
) -> BarChart | None:
    """A bar per (label, value), scaled to fit; None when there is nothing to draw.

    The scale always includes zero, so bar lengths compare honestly.
    """
    if not points:
        return None
    values = [value for _, value in points]
    low = min(Decimal(0), min(values))
    high = max(Decimal(0), max(values))
    if high == low:
        high = low + 1
    if low < 0:
        margin_bottom += 16  # room for the value under a falling bar
    plot_height = height - margin_top - margin_bottom
    slot = width / len(points)
    bar_width = slot * (1 - gap)

    def y_of(value: Decimal) -> float:
        return margin_top + float((high - value) / (high - low)) * plot_height

    baseline = y_of(Decimal(0))
    bars = []
    for index, (label, value) in enumerate(points):
        top = min(y_of(value), baseline)
        height_ = abs(y_of(value) - baseline)
        bars.append(
            Bar(
                label=label,
                value=value,
                x=round(index * slot + (slot - bar_width) / 2, 1),
                y=round(top, 1),
                width=round(bar_width, 1),
                height=round(height_, 1),
                value_y=round(top - 5 if value >= 0 else top + height_ + 14, 1),
            )
        )
    return BarChart(
        width=width,
        height=height,
        baseline=round(baseline, 1),
        label_y=height - 8,
        bars=tuple(bars),
    )
