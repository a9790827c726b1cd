"""Visual bodies: a diagram, image, table or code listing with its caption, alone or beside bullets."""

from __future__ import annotations

from dataclasses import replace

from ..assets.images import ImageAsset
from ..diagnostics import SourcePos, warning
from ..geometry import Box
from ..inline import parse_inline
from ..kinds.beside import BesideSlide
from ..located import where
from ..model import TableSpec, TitledSlide
from ..plan import INSET_X, INSET_Y, Align, Anchor, Listing, Picture, Role, Shape, Table, TextBox
from ..textfit import LINE_SPACING, code_size_pt, wrapped_lines
from ..units import Emu, Inches, Pt, emu_to_pt
from .code import code_width, listing
from .context import Planner
from .diagram import diagram_shape
from .fitting import Items, content_height, fit_size, fits
from .frames import scaled_into
from .table import table
from .text import bullet_runs, text_shape

_CAPTION_HEIGHT = Emu(Inches(0.5))
_CAPTION_GAP = Emu(Inches(0.1))
MIN_PIXELS_PER_INCH = 96
"""A raster picture shown with fewer of its pixels per inch of slide is reported (image.resolution)."""
_SPLITS = {"1/3": 1 / 3, "2/5": 2 / 5, "1/2": 1 / 2, "3/5": 3 / 5, "2/3": 2 / 3}
"""The bullets' share of the width beside a visual, by the deck's `split`."""
_BESIDE_GAP = Emu(Inches(0.4))
_STACK_GAP = Emu(Inches(0.2))
_CAPTION_LINES = 2
"""A caption may wrap onto a second line; a longer one is reported (overflow.text)."""


def beside_body(planner: Planner, slide: BesideSlide, key: str, content: Box) -> list[Shape]:
    """Return the slide's bullets in the left part of `content` and its visual (under `key`) in the right, or
    the visual under the bullets (`split: below`, or code too wide to go beside them).

    The bullets' share of the width is the deck's `split`, else what the content needs: for
    code, the width of its longest line at a size matching the bullets; for other visuals, the
    least width at which the bullets keep their full size with no word broken.
    """
    s = planner.theme.sizes
    bullets_pos = where(slide, "bullets").pos
    items: Items = [(runs, level) for runs, level in bullet_runs(slide.bullets)]
    code = planner.assets.code.get(where(slide, "code").path) if key == "code" else None
    code_size = Pt(min(s.code.pt, code_size_pt(s.body.pt, planner.theme.body_font, planner.theme.code_font)))
    if slide.split is not None and slide.split != "below":
        share = _SPLITS[slide.split]
    elif code is not None:
        needed = (code_width(planner, code, code_size) + _BESIDE_GAP) / content.width
        share = max(_SPLITS["1/3"], 1 - needed)
    else:
        share = next(
            (_SPLITS[key] for key in ("1/3", "2/5") if fits(planner, items, _left(content, _SPLITS[key]), s.body)),
            _SPLITS["1/2"],
        )
    if slide.split == "below" or (slide.split is None and share < _SPLITS["2/5"] and code is not None):
        return _stacked(planner, slide, key, content, items)
    left = _left(content, share)
    visual_box = Box(
        Emu(left.right + _BESIDE_GAP), content.top, Emu(content.width - left.width - _BESIDE_GAP), content.height
    )
    body = text_shape(planner, items, left, bullets_pos, Role.TEXT, heading=None, fill=None, what="the bullets")
    # Code beside bullets is set to look as large as they are, never larger than a listing's size.
    matched = code_size_pt(body.paragraphs[0].style.size.pt, planner.theme.body_font, planner.theme.code_font)
    return [body, *visual(planner, slide, key, visual_box, code_start=Pt(min(s.code.pt, matched)))]


def _left(content: Box, share: float) -> Box:
    return replace(content, width=Emu(int(content.width * share)))


def _stacked(planner: Planner, slide: BesideSlide, key: str, content: Box, items: Items) -> list[Shape]:
    """Return the bullets across the top of `content` and the visual under them, full width."""
    pos = where(slide, "bullets").pos
    # The bullets take the height they need at the largest size that fits half the area.
    top = replace(content, height=Emu(content.height // 2))
    body = text_shape(planner, items, top, pos, Role.TEXT, heading=None, fill=None, what="the bullets")
    used = Emu(min(content_height(planner, body), top.height))
    body = replace(body, box=replace(top, height=used))
    below = Box(
        content.left, Emu(content.top + used + _STACK_GAP), content.width, Emu(content.height - used - _STACK_GAP)
    )
    return [body, *visual(planner, slide, key, below)]


def visual(planner: Planner, slide: TitledSlide, key: str, box: Box, *, code_start: Pt | None = None) -> list[Shape]:
    """Return the slide's visual (its value under `key`) in `box` and its caption, if any.

    Diagrams and images are scaled into the box and centred, the caption at its foot; tables
    and code take the height they need from the top, the caption right under them.
    """
    c, s = planner.theme.colors, planner.theme.sizes
    caption_height = _caption_height(planner, slide.caption, box) if slide.caption else Emu(0)
    area = replace(box, height=Emu(box.height - caption_height - _CAPTION_GAP)) if slide.caption else box
    shape: Shape | None = None
    place = where(slide, key)
    match key:
        case "diagram":
            asset = planner.assets.diagrams.get(place.path)
            if asset is not None:
                shape = diagram_shape(planner, asset, area, place.pos)
        case "image":
            image = planner.assets.images.get(place.path)
            if image is not None:
                shape = image_picture(planner, image, area, place.pos)
        case "table":
            spec = getattr(slide, key)
            assert isinstance(spec, TableSpec), f"this is a bug in lecturedeck: {key} holds {spec!r}"
            shape = table(planner, spec, area, place.key_pos)
        case "code":
            code = planner.assets.code.get(place.path)
            if code is not None:
                shape = listing(planner, code, area, place.key_pos, start=code_start)
        case _:
            raise AssertionError(f"this is a bug in lecturedeck: no visual is drawn for '{key}'")
    shapes: list[Shape] = [] if shape is None else [shape]
    if slide.caption:
        top = Emu(box.bottom - caption_height)
        if isinstance(shape, Table | Listing):
            top = Emu(min(top, shape.box.bottom + _CAPTION_GAP))
        caption_box = Box(box.left, top, box.width, caption_height)
        pos = where(slide, "caption").pos
        runs = parse_inline(slide.caption)
        fit_size(planner, [(runs, None)], caption_box, s.caption, s.caption, pos=pos, what="the caption")
        caption = planner.paragraph(slide.caption, planner.style(s.caption, c.muted), align=Align.CENTER)
        shapes.append(TextBox(caption_box, (caption,), Role.TEXT, pos, anchor=Anchor.MIDDLE, name="Caption"))
    return shapes


def _caption_height(planner: Planner, caption: str, box: Box) -> Emu:
    """Return the height of the caption under a visual: a line or two of it, as it wraps."""
    theme, size = planner.theme, planner.theme.sizes.caption
    width = emu_to_pt(box.width - 2 * INSET_X)
    lines = min(wrapped_lines(parse_inline(caption), theme.body_font, theme.code_font, size.pt, width), _CAPTION_LINES)
    return Emu(max(_CAPTION_HEIGHT, int(lines * size * LINE_SPACING + 2 * INSET_Y)))


def image_picture(planner: Planner, image: ImageAsset, box: Box, pos: SourcePos) -> Picture:
    """Return the image scaled to fit `box`, aspect ratio kept, centred.

    A raster shown at fewer than 96 of its pixels per inch looks blurred on a projector; it is
    reported (image.resolution).
    """
    placed = scaled_into(box, image.width, image.height)
    per_inch = image.width / placed.width.inches if placed.width else float("inf")
    if image.svg is None and per_inch < MIN_PIXELS_PER_INCH:
        size = f"{placed.width.inches:.1f} x {placed.height.inches:.1f} in"
        pixels = f"{image.width:.0f} x {image.height:.0f} pixels"
        planner.problems.append(
            warning(
                "image.resolution",
                pos,
                f"'{image.image.name}' ({pixels}) is shown {size} on the slide: {per_inch:.0f} pixels per inch",
                expected=f"at least {MIN_PIXELS_PER_INCH} pixels per inch on the slide",
                found=f"{pixels} over {size}",
                hint=f"use a larger picture (at least {placed.width.inches * MIN_PIXELS_PER_INCH:.0f} pixels wide),"
                " or an SVG",
            )
        )
    return Picture(
        placed,
        image.image,
        image.alt,
        pos,
        name="Picture",
        svg=image.svg,
        decorative=image.decorative,
    )
