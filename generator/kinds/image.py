"""The image slide: a title and a picture from a PNG, JPEG, GIF or SVG file."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from ..model import ImageValue, TitledSlide
from .base import VISUAL_NEEDS, SlideKind

if TYPE_CHECKING:
    from ..plan import SlidePlan
    from ..planner.draw import Draw


class ImageSlide(TitledSlide):
    kind: ClassVar[str] = "image"
    image: ImageValue
    """A path to the picture, or a mapping with `file`, `alt` and `credit`."""


def _plan(draw: Draw, slide: ImageSlide) -> SlidePlan:
    return draw.content(slide, draw.visual(slide, "image"))


KIND = SlideKind(ImageSlide, "image slide", frozenset({"image"}), VISUAL_NEEDS, _plan, 70, visual="image")
