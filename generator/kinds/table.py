"""The table slide: a title and a native PowerPoint table."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from ..model import TableSpec, TitledSlide
from .base import VISUAL_NEEDS, SlideKind

if TYPE_CHECKING:
    from ..plan import SlidePlan
    from ..planner.draw import Draw


class TableSlide(TitledSlide):
    kind: ClassVar[str] = "table"
    table: TableSpec


def _plan(draw: Draw, slide: TableSlide) -> SlidePlan:
    return draw.content(slide, draw.visual(slide, "table"))


KIND = SlideKind(TableSlide, "table slide", frozenset({"table"}), VISUAL_NEEDS, _plan, 80, visual="table")
