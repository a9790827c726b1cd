"""The quote slide: a title and a pull quote with who said it."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from ..model import QuoteValue, TitledSlide
from .base import VISUAL_NEEDS, SlideKind

if TYPE_CHECKING:
    from ..plan import SlidePlan
    from ..planner.draw import Draw


class QuoteSlide(TitledSlide):
    kind: ClassVar[str] = "quote"
    quote: QuoteValue
    """The quoted text, or a mapping with `text` and `by`."""


def _plan(draw: Draw, slide: QuoteSlide) -> SlidePlan:
    return draw.content(slide, draw.quote(slide.quote))


KIND = SlideKind(QuoteSlide, "quote slide", frozenset({"quote"}), VISUAL_NEEDS, _plan, 100)
