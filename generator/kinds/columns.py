"""The columns slide: two or three columns side by side, each with a heading, bullets or text."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, ClassVar

from pydantic import Field

from ..model import Column, TitledSlide
from .base import CONTENT_LAYOUTS, TITLE_ONLY_LAYOUTS, LayoutNeeds, SlideKind

if TYPE_CHECKING:
    from ..plan import SlidePlan
    from ..planner.draw import Draw


class ColumnsSlide(TitledSlide):
    kind: ClassVar[str] = "columns"
    columns: Annotated[list[Column], Field(min_length=2, max_length=3)]


def _plan(draw: Draw, slide: ColumnsSlide) -> SlidePlan:
    return draw.content(slide, draw.columns(slide))


# Without a two-content layout, the cards go in the content area of a content layout or under
# the title of a title-only one: never on a cover whose two small text boxes happen to count two.
_NEEDS = LayoutNeeds(
    ("title",),
    (("twoObj", "twoTxTwoObj"), ("Two Content", "Comparison", "Title, 2 Content")),
    (CONTENT_LAYOUTS[0] + TITLE_ONLY_LAYOUTS[0], CONTENT_LAYOUTS[1] + TITLE_ONLY_LAYOUTS[1]),
    places=2,
)
KIND = SlideKind(ColumnsSlide, "columns slide", frozenset({"columns"}), _NEEDS, _plan, 50)
