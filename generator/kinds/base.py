"""What a slide kind declares: its model, its name in messages, its layout needs and its planning function."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..model import SlideBase

if TYPE_CHECKING:
    from ..plan import SlidePlan
    from ..planner.draw import Draw

Design = tuple[tuple[str, ...], tuple[str, ...]]
"""PowerPoint's layout types and layout names (then LibreOffice's names) that describe a layout."""

CONTENT_LAYOUTS: Design = (("obj", "tx"), ("Title and Content", "Title, Content"))
TITLE_ONLY_LAYOUTS: Design = (("titleOnly",), ("Title Only",))
TITLE_SLIDE_LAYOUTS: Design = (("title",), ("Title Slide",))
SECTION_LAYOUTS: Design = (("secHead",), ("Section Header",))


@dataclass(frozen=True)
class LayoutNeeds:
    """What a layout must have to show a kind, and which layouts a designer would choose for it."""

    placeholders: tuple[str, ...]
    """The placeholders a layout needs: 'title', 'subtitle', 'body' (bullets and text go in the body)."""
    made_for: Design
    """The layouts made for the kind."""
    will_do: Design | None = None
    """The layouts that will do when none is made for it."""
    places: int | None = None
    """How many content placeholders the kind fills; None when it fills none of them (heading slides)."""
    content: bool = False
    """Whether `content` under `theme.layouts` maps it: it shows bullets, text, a visual or a quote."""


TEXT_NEEDS = LayoutNeeds(("title", "body"), CONTENT_LAYOUTS, places=1, content=True)
"""Bullets or text in the layout's body placeholder."""
VISUAL_NEEDS = LayoutNeeds(("title",), CONTENT_LAYOUTS, TITLE_ONLY_LAYOUTS, places=1, content=True)
"""A visual (or a quote) drawn in the content area under the title."""


@dataclass(frozen=True)
class SlideKind:
    """One kind of slide, found by `generator.kinds` in the module that declares it as `KIND`."""

    model: type[SlideBase]
    noun: str
    """How messages name a slide of the kind: 'quote slide'."""
    keys: frozenset[str]
    """The keys that select the kind: its content keys, or the key that names a heading slide."""
    needs: LayoutNeeds
    plan: Callable[[Draw, Any], SlidePlan]
    """Returns the plan of one slide of the kind."""
    place: int
    """Where the kind comes in lists of kinds (messages, the schema, `lecturedeck inspect`)."""
    heading: bool = False
    """A heading slide (section, closing): its key names it, whatever other keys it has."""
    visual: str | None = None
    """The key of the visual it shows, for a kind that may go beside bullets (`generator.kinds.beside`)."""

    @property
    def name(self) -> str:
        """Return the kind's name: its `kind` in `theme.layouts`, in messages and in `slide.kind`."""
        return self.model.kind
