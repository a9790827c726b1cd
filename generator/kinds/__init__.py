"""The slide kinds: each module here declares one as `KIND`; the lists and unions of kinds come from them."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated, Any, Union

from pydantic import Discriminator, Tag

from ..model import SlideBase
from .base import TEXT_NEEDS, TITLE_SLIDE_LAYOUTS, LayoutNeeds, SlideKind
from .beside import beside

_NOT_KINDS = ("base", "beside")
"""The modules of the package that declare no kind."""


def _find_kinds() -> tuple[SlideKind, ...]:
    """Return every kind: those the package's modules declare, in their place, then bullets beside each visual.

    A new kind is a new module here; nothing lists the modules, so adding one touches no other file.
    """
    found = pkgutil.iter_modules(__path__)
    modules = [importlib.import_module(f"{__name__}.{m.name}") for m in found if m.name not in _NOT_KINDS]
    declared = sorted((module.KIND for module in modules), key=lambda kind: kind.place)
    return (*declared, *(beside(kind) for kind in declared if kind.visual is not None))


KINDS: dict[str, SlideKind] = {kind.name: kind for kind in _find_kinds()}
"""Every slide kind by name, in the order lists of kinds show them."""
SLIDE_MODELS: dict[str, type[SlideBase]] = {name: kind.model for name, kind in KINDS.items()}
CONTENT_KEYS = tuple(key for kind in KINDS.values() if not kind.heading and len(kind.keys) == 1 for key in kind.keys)
"""The keys that give a titled slide its content."""
VISUAL_KEYS = tuple(kind.visual for kind in KINDS.values() if kind.visual is not None and kind.keys == {kind.visual})
"""The keys of the visuals that may go beside bullets."""

HEADING_KEYS = tuple(key for kind in KINDS.values() if kind.heading for key in kind.keys)
"""The keys that name a heading slide, which has no `title`: 'section', ..."""

LAYOUT_NEEDS: dict[str, LayoutNeeds] = {
    "title-slide": LayoutNeeds(("title", "subtitle"), TITLE_SLIDE_LAYOUTS),
    "content": TEXT_NEEDS,
    **{name: kind.needs for name, kind in KINDS.items()},
}
"""What a layout needs to show each kind that `theme.layouts` maps to a layout."""
LAYOUT_KINDS = tuple(LAYOUT_NEEDS)
"""What `theme.layouts` maps to a layout: the deck's title slide, every slide that shows content
(bullets, text, a visual or a quote) at once, and each slide kind."""


def slide_kind(keys: Iterable[Any]) -> str | None:
    """Return the slide kind that a slide's keys select, or None when they select none.

    A heading slide's key selects it whatever else the slide has; otherwise the slide's content
    keys select the kind with exactly those keys ('bullets' and 'text' select none).
    """
    keys = set(keys)
    heading = next((kind for kind in KINDS.values() if kind.heading and kind.keys <= keys), None)
    if heading is not None:
        return heading.name
    content = keys.intersection(CONTENT_KEYS)
    return next((kind.name for kind in KINDS.values() if not kind.heading and kind.keys == content), None)


def _slide_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        return slide_kind(value)
    if isinstance(value, SlideBase):
        return value.kind
    return None


if TYPE_CHECKING:
    Slide = SlideBase
else:
    # One member per kind, tagged with its name: pydantic validates a slide as the model its keys select.
    Slide = Annotated[
        Union[tuple(Annotated[kind.model, Tag(name)] for name, kind in KINDS.items())],  # noqa: UP007
        Discriminator(_slide_tag, custom_error_type="slide_kind", custom_error_message="slide_kind"),
    ]
