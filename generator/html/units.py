"""Plan lengths (EMU) as CSS pixels: 914400 EMU to the inch, 96 pixels to the inch."""

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
