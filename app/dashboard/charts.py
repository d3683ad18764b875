"""Charts as plain geometry for the templates' SVG: no JavaScript, no library, nothing to
download, and the same picture on paper. Each chart is shown beside its data table."""

from dataclasses import dataclass

WIDTH = 640
HEIGHT = 220
LABEL_HEIGHT = 36  # room under the columns for their labels
ROW_HEIGHT = 44  # a row of a bar chart: its label on a line of its own, then the bar
ROW_LABEL = 18  # the label's line: long Kazakh labels get the chart's whole width


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: int
    text: str  # the value as shown


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]


def columns(items: list[tuple[str, int]], shown: list[str] | None = None) -> Chart:
    """Vertical columns, one per (label, value), scaled to the largest value."""
    shown = shown or [str(value) for _, value in items]
    top = max((value for _, value in items), default=0) or 1
    slot = WIDTH / max(len(items), 1)
    plot = HEIGHT - LABEL_HEIGHT
    bars = []
    for index, ((label, value), text) in enumerate(zip(items, shown, strict=True)):
        height = plot * value / top
        bars.append(
            Bar(index * slot + slot * 0.15, plot - height, slot * 0.7, height, label, value, text)
        )
    return Chart(WIDTH, HEIGHT, bars)


def rows(items: list[tuple[str, int]], maximum: int | None = None) -> Chart:
    """Horizontal bars, one per (label, value), against ``maximum`` (default: the largest),
    each under its label."""
    top = maximum or max((value for _, value in items), default=0) or 1
    bars = [
        Bar(
            0,
            index * ROW_HEIGHT + ROW_LABEL,
            WIDTH * 0.85 * value / top,
            ROW_HEIGHT - ROW_LABEL - 6,
            label,
            value,
            str(value),
        )
        for index, (label, value) in enumerate(items)
    ]
    return Chart(WIDTH, max(len(items), 1) * ROW_HEIGHT, bars)
