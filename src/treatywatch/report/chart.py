"""A bar chart of events over time, as an SVG string built with ElementTree (so it is escaped)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from datetime import date

SVG = "http://www.w3.org/2000/svg"
WIDTH, HEIGHT, PAD_LEFT, PAD_BOTTOM, PAD_TOP = 640, 200, 36, 28, 12


def _buckets(days: list[date], until: date | None = None) -> tuple[list[str], Counter]:
    """Month buckets for spans up to three years, else years; every bucket in range is listed.

    With `until` the range ends there (the day the page is about), not at the last event."""
    first, last = min(days), max(days)
    if until is not None:
        first, last = min(first, until), until
    if (last.year - first.year) * 12 + last.month - first.month < 11:  # show a year at least
        months = last.year * 12 + last.month - 1 - 11
        first = date(months // 12, months % 12 + 1, 1)
    if (last.year - first.year) * 12 + last.month - first.month < 36:
        keys, year, month = [], first.year, first.month
        while (year, month) <= (last.year, last.month):
            keys.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return keys, Counter(f"{d.year:04d}-{d.month:02d}" for d in days)
    keys = [str(y) for y in range(first.year, last.year + 1)]
    return keys, Counter(str(d.year) for d in days)


def _el(parent: ET.Element, tag: str, text: str | None = None, **attrs: object) -> ET.Element:
    node = ET.SubElement(parent, tag, {k.replace("_", "-"): str(v) for k, v in attrs.items()})
    node.text = text
    return node


def events_chart(days: list[date], title: str = "Events over time",
                 until: date | None = None) -> str:
    """SVG markup: one bar per month (or year) with the number of events dated in it, the last
    bucket being the one of `until` when given.

    Returns an empty string when there are no dates.
    """
    if until is not None:
        days = [d for d in days if d <= until]
    if not days:
        return ""
    keys, counts = _buckets(days, until)
    top = max(counts.values())
    plot_w, plot_h = WIDTH - PAD_LEFT - 8, HEIGHT - PAD_BOTTOM - PAD_TOP
    step = plot_w / len(keys)
    root = ET.Element("svg", {"xmlns": SVG, "viewBox": f"0 0 {WIDTH} {HEIGHT}",
                              "class": "chart", "role": "img", "width": str(WIDTH),
                              "height": str(HEIGHT)})
    _el(root, "title", f"{title}: {sum(counts.values())} events, {keys[0]} to {keys[-1]}")
    _el(root, "line", x1=PAD_LEFT, y1=PAD_TOP + plot_h, x2=WIDTH - 8, y2=PAD_TOP + plot_h,
        stroke="#555")
    _el(root, "text", str(top), x=PAD_LEFT - 6, y=PAD_TOP + 10, text_anchor="end", font_size=11)
    _el(root, "text", "0", x=PAD_LEFT - 6, y=PAD_TOP + plot_h, text_anchor="end", font_size=11)
    label_every = max(1, len(keys) // 8)
    for i, key in enumerate(keys):
        n = counts.get(key, 0)
        x = PAD_LEFT + i * step
        if n:
            h = plot_h * n / top
            w = min(step * 0.8, 48)
            bar = _el(root, "rect", x=f"{x + (step - w) / 2:.1f}", y=f"{PAD_TOP + plot_h - h:.1f}",
                      width=f"{w:.1f}", height=f"{h:.1f}", fill="#b3541e")
            _el(bar, "title", f"{key}: {n} event{'s' if n != 1 else ''}")
        if i % label_every == 0:
            _el(root, "text", key, x=f"{x + step / 2:.1f}", y=HEIGHT - 10, text_anchor="middle",
                font_size=10)
    return ET.tostring(root, encoding="unicode")
