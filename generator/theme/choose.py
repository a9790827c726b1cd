"""Each slide kind's layout chosen as a designer would: by what the layout is for, what the
template's own slides use, and whether the text would sit on the template's art."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..colors import MIN_LARGE_CONTRAST, contrast
from ..geometry import Box
from ..kinds import KINDS, LAYOUT_NEEDS
from .backdrop import behind
from .design import covered
from .template import Layout

CONTENT_KINDS = tuple(name for name, kind in KINDS.items() if kind.needs.content)
"""The kinds that `content` under `theme.layouts` maps at once."""
_CLEAR = 0.1
"""The most of a layout's text area that may lie under art for the area to count as clear."""
_ROOM = 0.2
"""The least share of the slide a layout's text or content area takes to hold bullets or a visual."""
_TITLES_ONLY = ("section", "closing")
"""The kinds whose slides are a title and a line under it, repeated through a deck."""
_MASTER_NUMBER = re.compile(r" \(\d+\)$")
"""What follows a layout's name when an earlier master has a layout of that name: "Title Slide (4)"."""
_CONTENT_TYPES = ("body", "object", "chart", "table", "picture", "clip_art", "org_chart", "media_clip")


@dataclass(frozen=True)
class Choice:
    """A kind's layout and why it was chosen."""

    name: str
    why: str


def serves(layout: Layout, kind: str, needs: Mapping[str, tuple[str, ...]]) -> bool:
    """Return whether `layout` has the placeholders (`needs`) that `kind` slides need."""
    return all(getattr(layout, role) is not None for role in needs[kind])


def choose_layout(
    layouts: Mapping[str, Layout], kind: str, needs: Mapping[str, tuple[str, ...]], slide: Box
) -> Choice | None:
    """Return the layout `kind` slides use unless the deck names one, or None if none can show them.

    Of the layouts with the placeholders the kind needs, the first by: its content area clear of
    art, made for the kind (by type or name), else one that will do, for section and closing
    slides a title that reads on what is behind it, fewest content placeholders left empty or
    missing, used by the template's own slides (the title slide: by its first slide), least
    art, and order in the template. `slide` is the whole slide, where backgrounds lie.
    """
    candidates = [layout for layout in layouts.values() if serves(layout, kind, needs)]
    if not candidates:
        return None
    best = max(candidates, key=lambda layout: _merit(layout, kind, slide))
    return Choice(best.name, _why(best, kind, slide))


def _merit(layout: Layout, kind: str, slide: Box) -> tuple[bool, int, bool, bool, int, bool, float, int]:
    art = covered_share(layout, kind)
    used = 1 in layout.samples if kind == "title-slide" else bool(layout.samples)
    reads = title_reads(layout, kind, slide)
    fit = _fit(layout, kind)
    return (art <= _CLEAR, fit, _roomy(layout, kind, slide), reads, -_empty(layout, kind), used, -art, -layout.order)


def _roomy(layout: Layout, kind: str, slide: Box) -> bool:
    """Return whether the area where `kind` puts its body text or visuals on `layout` is room
    enough for them (a fifth of the slide): a Keynote export types every layout as one for text,
    its title-only layout too, whose one body is the strip of a subtitle. True for heading kinds."""
    area = _area(layout, kind)
    return area is None or area.width * area.height >= _ROOM * slide.width * slide.height


def title_reads(layout: Layout, kind: str, slide: Box) -> bool:
    """Return whether the title of a section or closing slide reads on `layout`: its colour has
    the contrast WCAG asks of large text with every colour behind its box (a template's cover
    may set its title on art; a slide repeated through the deck should not). True for other
    kinds, and where the colours are not known.
    """
    slot = layout.title
    if kind not in _TITLES_ONLY or slot is None or slot.color is None:
        return True
    if slot.fill is not None:
        # The title's own box is filled: its text is on that fill, whatever lies under the box.
        return contrast(slot.color, slot.fill) >= MIN_LARGE_CONTRAST
    under = behind(slot.box, layout.layers, slide)
    return all(contrast(slot.color, found.color) >= MIN_LARGE_CONTRAST for found in under if found.color)


def made_for(layout: Layout, kind: str) -> bool:
    """Return whether `layout` is made for `kind` slides, by its type or its name."""
    return _fit(layout, kind) == 2


def _fit(layout: Layout, kind: str) -> int:
    """Return 2 for a layout made for `kind`, 1 for one that will do, else 0."""
    needs = LAYOUT_NEEDS[kind]
    # A later master's "Title Slide (4)" is a title slide as much as the first master's.
    name = _MASTER_NUMBER.sub("", layout.name)
    for score, design in ((2, needs.made_for), (1, needs.will_do)):
        types, names = design or ((), ())
        if layout.design in types or name in names:
            return score
    return 0


def _empty(layout: Layout, kind: str) -> int:
    places = LAYOUT_NEEDS[kind].places
    if places is None:
        return 0
    filled = sum(1 for _, type_name, _ in layout.placeholders if type_name in _CONTENT_TYPES)
    return abs(filled - places)


def covered_share(layout: Layout, kind: str) -> float:
    """Return the share of the area where `kind` puts its body text or visuals on `layout` that
    lies under art; 0 for kinds with only titles, which templates often set on a band of art.
    """
    area = _area(layout, kind)
    return covered(area, layout.art) if area is not None else 0.0


def _area(layout: Layout, kind: str) -> Box | None:
    """Return where `kind` puts its body text or visuals on `layout`; None for heading kinds."""
    needs = LAYOUT_NEEDS[kind]
    return layout.body.box if "body" in needs.placeholders and layout.body else layout.content if needs.places else None


def _why(layout: Layout, kind: str, slide: Box) -> str:
    reasons = []
    fit = _fit(layout, kind)
    types = LAYOUT_NEEDS[kind].made_for[0]
    if fit == 2:
        reasons.append(f"made for it (type '{layout.design}')" if layout.design in types else "made for it (by name)")
    elif fit == 1:
        reasons.append("the nearest kind of layout")
    else:
        reasons.append("has the placeholders it needs")
    if layout.samples:
        numbers = ", ".join(str(n) for n in layout.samples)
        reasons.append(f"used by the template's slide{'s' if len(layout.samples) > 1 else ''} {numbers}")
    if kind in _TITLES_ONLY and layout.title is not None and layout.title.color is not None:
        reads = title_reads(layout, kind, slide)
        reasons.append("its title reads on what is behind it" if reads else "its title is on art it does not read on")
    if LAYOUT_NEEDS[kind].places:
        art = covered_share(layout, kind)
        reasons.append("content area clear of art" if art == 0 else f"{art:.0%} of its content area over art")
    return "; ".join(reasons)
