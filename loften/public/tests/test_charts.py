"""Indicator bar charts: pure geometry."""

from decimal import Decimal

from loften.public.charts import bar_chart


def test_no_values_no_chart():
    assert bar_chart([]) is None


def test_bars_scale_from_zero_and_the_largest_value_fills_the_plot():
    chart = bar_chart(
        [("2023", Decimal("30")), ("2024", Decimal("15"))],
        width=200,
        height=120,
        margin_top=20,
        margin_bottom=20,
    )
    tall, short = chart.bars
    assert chart.baseline == 100
    assert (tall.y, tall.height) == (20, 80)
    assert (short.y, short.height) == (60, 40)
    assert tall.x < short.x
    assert tall.value_y < tall.y


def test_negative_values_fall_below_the_baseline():
    chart = bar_chart([("2023", Decimal("-5")), ("2024", Decimal("5"))])
    falling, rising = chart.bars
    assert falling.y == chart.baseline
    assert rising.y + rising.height == chart.baseline
    assert falling.value_y > falling.y + falling.height


def test_all_zero_values_draw_flat_bars_without_dividing_by_zero():
    chart = bar_chart([("2023", Decimal("0"))])
    assert chart.bars[0].height == 0
