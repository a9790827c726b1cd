"""Plan lengths (EMU) as CSS pixels (914400 EMU to the inch, 96 pixels to the inch), and where text sits in its line."""

from __future__ import annotations

from typing import Protocol, SupportsInt

EMU_PER_PX = 9525
"""EMU in one CSS pixel (914400 / 96); the slide is drawn at its size in pixels, then scaled."""


class Boxlike(Protocol):
    """Anything with a left, top, width and height in EMU, as the plan's boxes have."""

    @property
    def left(self) -> SupportsInt: ...
    @property
    def top(self) -> SupportsInt: ...
    @property
    def width(self) -> SupportsInt: ...
    @property
    def height(self) -> SupportsInt: ...


def px(length: SupportsInt | float) -> str:
    """Return a length in EMU (an int, or any of the plan's length types) as CSS pixels, to 0.01 px."""
    value = (length if isinstance(length, float) else int(length)) / EMU_PER_PX
    return f"{value:.2f}".rstrip("0").rstrip(".")


# How far below CSS's baseline a slide program draws a line of text, in em, by font. CSS
# centres the font's hhea ascent and descent in the 1.2 em line; LibreOffice puts the baseline
# at the font's Windows ascent plus about 0.1 em below the line's top. Measured against
# LibreOffice's renders (docs/preview.md) for the metric-compatible fonts the planner measures
# with; any other font is shifted as DejaVu Sans is, what most fonts not installed are drawn in.
_BASELINE_DROP = {
    "calibri": 0.19,
    "carlito": 0.19,
    "arial": 0.06,
    "liberation sans": 0.06,
    "consolas": 0.08,
    "dejavu sans mono": 0.08,
}
_OTHER_DROP = 0.08


def baseline_drop(font: str) -> float:
    """Return how far (em) text in `font` is drawn below CSS's baseline, to sit where the .pptx puts it."""
    return _BASELINE_DROP.get(font.lower(), _OTHER_DROP)
