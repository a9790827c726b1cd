"""The diagram slide: a title and a Graphviz diagram, drawn as editable shapes or a picture."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from ..model import DiagramValue, TitledSlide
from .base import VISUAL_NEEDS, SlideKind

if TYPE_CHECKING:
    from ..plan import SlidePlan
    from ..planner.draw import Draw


class DiagramSlide(TitledSlide):
    kind: ClassVar[str] = "diagram"
    diagram: DiagramValue


def _plan(draw: Draw, slide: DiagramSlide) -> SlidePlan:
    return draw.content(slide, draw.visual(slide, "diagram"))


KIND = SlideKind(DiagramSlide, "diagram slide", frozenset({"diagram"}), VISUAL_NEEDS, _plan, 60, visual="diagram")
