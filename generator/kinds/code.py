"""The code slide: a title and a code listing, highlighted by Pygments."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from ..model import CodeSpec, TitledSlide
from .base import VISUAL_NEEDS, SlideKind

if TYPE_CHECKING:
    from ..plan import SlidePlan
    from ..planner.draw import Draw


class CodeSlide(TitledSlide):
    kind: ClassVar[str] = "code"
    code: CodeSpec


def _plan(draw: Draw, slide: CodeSlide) -> SlidePlan:
    return draw.content(slide, draw.visual(slide, "code"))


KIND = SlideKind(CodeSlide, "code slide", frozenset({"code"}), VISUAL_NEEDS, _plan, 90, visual="code")
