"""Boxes on a slide, in EMU."""

from __future__ import annotations

from dataclasses import dataclass

from .units import Emu


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in EMU from the slide's top-left corner."""

    left: Emu
    top: Emu
    width: Emu
    height: Emu

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height
