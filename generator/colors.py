"""Colour contrast, as WCAG measures it: shared by the theme, which picks colours, and the checks."""

from __future__ import annotations

MIN_CONTRAST = 4.5
"""WCAG 2.1 AA contrast ratio for normal text."""
MIN_LARGE_CONTRAST = 3.0
"""WCAG 2.1 AA contrast ratio for large text: LARGE_PT and over, or LARGE_BOLD_PT and over in bold."""
LARGE_PT = 18.0
LARGE_BOLD_PT = 14.0


def least_contrast(size_pt: float, *, bold: bool) -> float:
    """Return the contrast WCAG 2.1 AA asks of text of `size_pt` points: large text's strokes
    are wide enough to read at 3:1."""
    large = size_pt >= LARGE_PT or (bold and size_pt >= LARGE_BOLD_PT)
    return MIN_LARGE_CONTRAST if large else MIN_CONTRAST


def contrast(foreground: str, background: str) -> float:
    """Return the WCAG contrast ratio of two RRGGBB colours (1 to 21)."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(color: str) -> float:
    channels = [int(color[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
