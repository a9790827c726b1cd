"""The title-only slide: a title and nothing under it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import TitledSlide
from .base import TITLE_ONLY_LAYOUTS, LayoutNeeds, SlideKind

if TYPE_CHECKING:
    from ..plan import SlidePlan
    from ..planner.draw import Draw


def _plan(draw: Draw, slide: TitledSlide) -> SlidePlan:
    return draw.content(slide, [])


KIND = SlideKind(
    TitledSlide, "title-only slide", frozenset(), LayoutNeeds(("title",), TITLE_ONLY_LAYOUTS, places=0), _plan, 20
)
