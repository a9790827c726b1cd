"""The bullets slide: a title and a bulleted list, up to three levels deep."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from ..model import Bullets, TitledSlide
from .base import TEXT_NEEDS, SlideKind

if TYPE_CHECKING:
    from ..plan import SlidePlan
    from ..planner.draw import Draw


class BulletsSlide(TitledSlide):
    kind: ClassVar[str] = "bullets"
    bullets: Bullets


def _plan(draw: Draw, slide: BulletsSlide) -> SlidePlan:
    return draw.content(slide, draw.bullets(slide.bullets))


KIND = SlideKind(BulletsSlide, "bullets slide", frozenset({"bullets"}), TEXT_NEEDS, _plan, 30)
