"""Bullets beside a visual: one rule that makes a `bullets+<visual>` kind of every visual kind."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal, get_type_hints

from ..model import Bullets, TitledSlide
from .base import SlideKind

if TYPE_CHECKING:
    from ..plan import SlidePlan
    from ..planner.draw import Draw


class BesideSlide(TitledSlide):
    """The keys of a slide with bullets beside its visual; each kind adds its visual's key."""

    kind: ClassVar[str]
    split: Literal["1/3", "2/5", "1/2", "3/5", "2/3", "below"] | None = None
    """The bullets' share of the width beside the visual, or `below`: the visual under the
    bullets at full width. Without it the split follows what the bullets and the visual need."""
    bullets: Bullets


def beside(visual: SlideKind) -> SlideKind:
    """Return the kind of a slide with bullets beside `visual`'s visual: 'bullets+diagram'."""
    key = visual.visual
    assert key is not None, f"this is a bug in lecturedeck: the {visual.name} kind shows no visual"
    name = f"bullets+{key}"
    # The model's name and its fields' order are those of the editors' schema (Bullets<Visual>Slide).
    model: type[BesideSlide] = type(
        f"Bullets{key.capitalize()}Slide",
        (BesideSlide,),
        {
            "__module__": __name__,
            "__qualname__": f"Bullets{key.capitalize()}Slide",
            "__annotations__": {key: get_type_hints(visual.model, include_extras=True)[key]},
            "kind": name,
        },
    )

    def plan(draw: Draw, slide: Any) -> SlidePlan:
        return draw.content(slide, draw.beside(slide, key))

    noun = f"bullets-and-{key} slide"
    return SlideKind(model, noun, frozenset({"bullets", key}), visual.needs, plan, visual.place)
