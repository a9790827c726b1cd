"""The text slide: a title and paragraphs."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from ..model import Text, TitledSlide
from .base import TEXT_NEEDS, SlideKind

if TYPE_CHECKING:
    from ..plan import SlidePlan
    from ..planner.draw import Draw


class TextSlide(TitledSlide):
    kind: ClassVar[str] = "text"
    text: Text
    """One or more paragraphs; blank lines separate them. A paragraph `$$…$$` is a display equation."""


def _plan(draw: Draw, slide: TextSlide) -> SlidePlan:
    return draw.content(slide, draw.text(slide.text))


KIND = SlideKind(TextSlide, "text slide", frozenset({"text"}), TEXT_NEEDS, _plan, 40)
