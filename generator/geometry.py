"""Boxes on a slide in EMU, and the points and path segments of a drawing in any unit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeAlias, TypeVar

from .units import Emu

N = TypeVar("N", float, Emu)
"""The unit of a drawing's coordinates: points (float) in a Graphviz layout, EMU on a slide."""


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


@dataclass(frozen=True)
class Point(Generic[N]):
    """A position from the drawing's top-left corner, y growing downwards."""

    x: N
    y: N


@dataclass(frozen=True)
class LineTo(Generic[N]):
    """A straight segment from the current point to `end`."""

    end: Point[N]


@dataclass(frozen=True)
class CurveTo(Generic[N]):
    """A cubic Bézier segment from the current point to `end`, pulled by `c1` and `c2`."""

    c1: Point[N]
    c2: Point[N]
    end: Point[N]


Segment: TypeAlias = LineTo[N] | CurveTo[N]
