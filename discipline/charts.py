"""Charts drawn on the server as SVG (issue 6): they work without Internet, print, go into the PDF as they are,
and read without colour — every bar and point carries its value as text, and series differ by marker shape
and dash pattern as well as by colour.

No script and no inline style (the portal's Content-Security-Policy forbids both): SVG presentation
attributes only.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

INK, MUTED, GRID = "#212529", "#6c757d", "#dee2e6"
SANS = "Liberation Sans, Arial, sans-serif"  # on screen
SERIF = "Liberation Serif, Times New Roman, serif"  # in documents: the face static/documents/nd30.css embeds
# Series: colour, dash pattern, marker — distinct in each of the three.
SERIES = [
    ("#0d6efd", "", "circle"),
    ("#dc3545", "6 3", "square"),
    ("#198754", "2 3", "triangle"),
    ("#6f42c1", "8 3 2 3", "diamond"),
    ("#fd7e14", "4 4", "cross"),
    ("#20c997", "1 2", "circle-open"),
]


def _number(value, decimals: int = 0) -> str:
    """A number the Vietnamese way: decimal comma, no thousands separator under 10,000."""
    if value is None:
        return "–"
    text = f"{value:.{decimals}f}" if decimals else f"{value:.0f}"
    return text.replace(".", ",")


def _svg(width: int, height: int, title: str, body: list[str], font: str = SANS) -> str:
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" class="chart" font-family="{font}">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def bars(title: str, labels: list[str], values: list, *, decimals: int = 0, width: int = 420,
         height: int = 150, colour: str = SERIES[0][0], font: str = SANS) -> str:
    """One bar per label with its value written above it ("–" where there is no value)."""
    top, bottom, left, right = 18, 22, 6, 6  # bars: labels sit over their bar
    plot_h = height - top - bottom
    step = (width - left - right) / max(len(labels), 1)
    highest = max((v for v in values if v is not None), default=0) or 1
    body = [f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="{GRID}"/>']
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        x = left + i * step
        if value is not None:
            h = plot_h * value / highest
            body.append(f'<rect x="{x + step * 0.15:.1f}" y="{top + plot_h - h:.1f}" width="{step * 0.7:.1f}" '
                        f'height="{h:.1f}" fill="{colour}"/>')
            y = top + plot_h - h - 3
        else:
            y = top + plot_h - 3
        body.append(f'<text x="{x + step / 2:.1f}" y="{y:.1f}" font-size="10" text-anchor="middle" '
                    f'fill="{INK}">{_number(value, decimals)}</text>')
        body.append(f'<text x="{x + step / 2:.1f}" y="{height - 6}" font-size="10" text-anchor="middle" '
                    f'fill="{MUTED}">{escape(label)}</text>')
    return _svg(width, height, title, body, font)


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "square":
        return f'<rect x="{x - 3:.1f}" y="{y - 3:.1f}" width="6" height="6" fill="{colour}"/>'
    if kind == "triangle":
        return f'<polygon points="{x:.1f},{y - 4:.1f} {x - 4:.1f},{y + 3:.1f} {x + 4:.1f},{y + 3:.1f}" fill="{colour}"/>'
    if kind == "diamond":
        return (f'<polygon points="{x:.1f},{y - 4:.1f} {x + 4:.1f},{y:.1f} {x:.1f},{y + 4:.1f} {x - 4:.1f},{y:.1f}" '
                f'fill="{colour}"/>')
    if kind == "cross":
        return (f'<path d="M{x - 3:.1f},{y - 3:.1f}L{x + 3:.1f},{y + 3:.1f}M{x - 3:.1f},{y + 3:.1f}L{x + 3:.1f},'
                f'{y - 3:.1f}" stroke="{colour}" stroke-width="2"/>')
    if kind == "circle-open":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="white" stroke="{colour}" stroke-width="1.5"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>'


def lines(title: str, labels: list[str], series: list[tuple[str, list]], *, decimals: int = 1,
          width: int = 640, height: int = 220, low=None, high=None, values_of: int | None = 0, font: str = SANS) -> str:
    """Lines over the months, one per series: marker, dash and colour per series, a legend with the same, the
    values of series ``values_of`` (None: none) written at their points, each line named at its end."""
    top, bottom, left, right = 26, 22, 16, 70
    plot_h, plot_w = height - top - bottom, width - left - right
    present = [v for _name, values in series for v in values if v is not None]
    low = min(present, default=0) if low is None else low
    high = max(present, default=1) if high is None else high
    span = (high - low) or 1
    step = plot_w / max(len(labels) - 1, 1)

    def y_of(value):
        return top + plot_h - plot_h * (value - low) / span

    body = [f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="{GRID}"/>']
    for i, label in enumerate(labels):
        body.append(f'<text x="{left + i * step:.1f}" y="{height - 6}" font-size="10" text-anchor="middle" '
                    f'fill="{MUTED}">{escape(label)}</text>')
    legend_x = left
    ends = []  # [y, x, name] of each line's last point: the line's name is written there
    for index, (name, values) in enumerate(series):
        colour, dash, marker = SERIES[index % len(SERIES)]
        points = [(left + i * step, y_of(v), v) for i, v in enumerate(values) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _v in points)
            dashes = f' stroke-dasharray="{dash}"' if dash else ""
            body.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="1.8"{dashes}/>')
        for x, y, value in points:
            body.append(_marker(marker, x, y, colour))
            if values_of is not None and index == values_of:
                body.append(f'<text x="{x:.1f}" y="{y - 7:.1f}" font-size="9.5" text-anchor="middle" '
                            f'fill="{INK}">{_number(value, decimals)}</text>')
        if points:
            ends.append([points[-1][1], points[-1][0], name])
        if len(series) > 1:
            body.append(_marker(marker, legend_x + 4, 10, colour))
            body.append(f'<text x="{legend_x + 11}" y="13" font-size="10" fill="{INK}">{escape(name)}</text>')
            legend_x += 16 + 6.2 * len(name)
    # Names that would overlap are pushed apart, keeping their order from top to bottom.
    ends.sort()
    for i in range(1, len(ends)):
        ends[i][0] = max(ends[i][0], ends[i - 1][0] + 11)
    for y, x, name in ends:
        body.append(f'<text x="{x + 8:.1f}" y="{y + 3:.1f}" font-size="10" fill="{INK}">{escape(name)}</text>')
    return _svg(width, height, title, body, font)


def spark(title: str, values: list, *, decimals: int = 1, width: int = 150, height: int = 34, font: str = SANS) -> str:
    """A division's trend in a table cell: the line, its first and last values written."""
    known = [(i, v) for i, v in enumerate(values) if v is not None]
    if not known:
        return _svg(width, height, title, [f'<text x="2" y="20" font-size="10" fill="{MUTED}">–</text>'], font)
    low, high = min(v for _i, v in known), max(v for _i, v in known)
    span = (high - low) or 1
    left, right, step = 26, 30, (width - 56) / max(len(values) - 1, 1)
    ys = {i: 4 + (height - 8) * (1 - (v - low) / span) for i, v in known}
    path = " ".join(f"{left + i * step:.1f},{ys[i]:.1f}" for i, _v in known)
    first, last = known[0], known[-1]
    body = [f'<polyline points="{path}" fill="none" stroke="{SERIES[0][0]}" stroke-width="1.5"/>',
            _marker("circle", left + last[0] * step, ys[last[0]], SERIES[0][0]),
            f'<text x="0" y="{height / 2 + 3:.1f}" font-size="9.5" fill="{MUTED}">{_number(first[1], decimals)}</text>',
            f'<text x="{width - right + 4}" y="{height / 2 + 3:.1f}" font-size="9.5" fill="{INK}">'
            f'{_number(last[1], decimals)}</text>']
    return _svg(width, height, title, body, font)


def dashboard_charts(board, *, font: str = SANS) -> dict:
    """The charts of a ``discipline.dashboard.Dashboard``: on screen in a sans face, in the PDF in the serif."""
    labels = [f"{m:02d}" for _y, m in board.months]
    trend = [figures for _key, figures in board.trend]
    numbers = sorted({number for figures in trend if figures for number in figures.by_content} | set(range(1, 7)))
    by_content = [
        (f"ND{number}", bars(_("Violations of content ND%(number)s per month") % {"number": number}, labels,
                             [figures.by_content.get(number, 0) if figures else None for figures in trend],
                             width=300, height=120, font=font))
        for number in numbers
    ]
    on_time = lines(_("On-time rate per month, per cent"), labels,
                    [(_("Sở") if board.division is None else board.division.code,
                      [figures.on_time_rate if figures else None for figures in trend])],
                    decimals=1, height=200, font=font)
    divisions = lines(
        _("Average score per division and month"), labels,
        [(row.division.code, [f.average if f else None for _key, f in row.trend]) for row in board.divisions[:6]],
        decimals=1, height=240, values_of=None, font=font)
    for row in board.divisions:
        row.spark = spark(_("Average score of %(division)s per month") % {"division": row.division.name},
                          [f.average if f else None for _key, f in row.trend], font=font)
    return {"by_content": by_content, "on_time": on_time, "divisions": divisions,
            "divisions_in_chart": board.divisions[:6]}
