"""Colour contrast, as WCAG measures it: shared by the theme, which picks colours, and the checks."""

from __future__ import annotations

import colorsys
from collections.abc import Sequence

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


def readable(color: str, text: str, behind: Sequence[str], least: float = MIN_CONTRAST) -> str:
    """Return `color` mixed with `text` in steps of a tenth until it has `least` contrast on each
    colour `behind` it (`text` itself when no mix does)."""
    for step in range(11):
        mixed = mix(text, color, step / 10)
        if all(contrast(mixed, color_behind) >= least for color_behind in behind):
            return mixed
    return text


def mix(color: str, other: str, share: float) -> str:
    """Return `share` of `color` mixed with the rest of `other`, channel by channel."""
    channels = (round(int(color[i : i + 2], 16) * share + int(other[i : i + 2], 16) * (1 - share)) for i in (0, 2, 4))
    return "".join(f"{channel:02X}" for channel in channels)


def contrast(foreground: str, background: str) -> float:
    """Return the WCAG contrast ratio of two RRGGBB colours (1 to 21)."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(color: str) -> float:
    channels = [int(color[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


MODIFIERS = frozenset({"tint", "shade", "lumMod", "lumOff"})
"""The DrawingML colour modifiers `modified` applies: those PowerPoint's colour picker writes for
its "lighter" and "darker" shades, and templates' tints of their text colour."""


def modified(color: str, changes: Sequence[tuple[str, int]]) -> str:
    """Return the RRGGBB `color` with DrawingML colour modifiers (name, value in thousandths of
    a per cent) applied in order, as LibreOffice and PowerPoint apply them: a tint mixes in white
    and a shade black in linear RGB, lumMod and lumOff scale and shift the HSL lightness.
    Modifiers outside MODIFIERS are left out (the caller knows which it met).
    """
    red, green, blue = (int(color[i : i + 2], 16) / 255 for i in (0, 2, 4))
    for name, value in changes:
        share = value / 100000
        if name in ("tint", "shade"):
            linear = [_linear(c) for c in (red, green, blue)]
            linear = [1 - (1 - c) * share if name == "tint" else c * share for c in linear]
            red, green, blue = (_encoded(min(max(c, 0.0), 1.0)) for c in linear)
        elif name in ("lumMod", "lumOff"):
            hue, lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
            lightness = lightness * share if name == "lumMod" else lightness + share
            red, green, blue = colorsys.hls_to_rgb(hue, min(max(lightness, 0.0), 1.0), saturation)
    return "".join(f"{round(c * 255):02X}" for c in (red, green, blue))


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def _encoded(channel: float) -> float:
    return channel * 12.92 if channel <= 0.0031308 else 1.055 * channel ** (1 / 2.4) - 0.055
