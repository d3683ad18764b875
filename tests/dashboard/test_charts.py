"""Chart geometry: bars scale to the largest value (or a given maximum) and keep their data."""

from app.dashboard import charts


def test_columns_scale_to_the_largest_value():
    chart = charts.columns([("Sep", 10), ("Oct", 40), ("Nov", 0)])
    plot = chart.height - charts.LABEL_HEIGHT
    heights = [bar.height for bar in chart.bars]
    assert heights == [plot / 4, plot, 0]
    assert [bar.y + bar.height for bar in chart.bars] == [plot] * 3  # one baseline
    assert [(bar.label, bar.value) for bar in chart.bars] == [("Sep", 10), ("Oct", 40), ("Nov", 0)]
    assert chart.bars[0].x < chart.bars[1].x < chart.bars[2].x


def test_rows_scale_to_a_maximum_when_given():
    chart = charts.rows([("Gifts", 50), ("Reporting", 100)], maximum=100)
    assert chart.bars[1].width == 2 * chart.bars[0].width
    assert chart.height == 2 * charts.ROW_HEIGHT


def test_an_empty_or_all_zero_chart_draws_nothing_tall():
    assert charts.columns([]).bars == []
    assert [bar.height for bar in charts.columns([("Sep", 0)]).bars] == [0]
