"""The columns slide: two or three columns side by side, each with a heading, bullets or text."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, ClassVar

from pydantic import Field

from ..model import Column, TitledSlide
from .base import TITLE_ONLY_LAYOUTS, LayoutNeeds, SlideKind

if TYPE_CHECKING:
    from ..plan import SlidePlan
    from ..planner.draw import Draw


class ColumnsSlide(TitledSlide):
    kind: ClassVar[str] = "columns"
    columns: Annotated[list[Column], Field(min_length=2, max_length=3)]


def _plan(draw: Draw, slide: ColumnsSlide) -> SlidePlan:
    return draw.content(slide, draw.columns(slide))


_NEEDS = LayoutNeeds(
    ("title",),
    (("twoObj", "twoTxTwoObj"), ("Two Content", "Comparison", "Title, 2 Content")),
    TITLE_ONLY_LAYOUTS,
    places=2,
)
KIND = SlideKind(ColumnsSlide, "columns slide", frozenset({"columns"}), _NEEDS, _plan, 50)
