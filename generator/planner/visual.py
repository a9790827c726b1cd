"""Visual bodies: a diagram, image, table or code listing with its caption, alone or beside bullets."""

from __future__ import annotations

from dataclasses import replace

from ..assets.images import ImageAsset
from ..diagnostics import SourcePos
from ..geometry import Box
from ..model import (
    BulletsCodeSlide,
    BulletsDiagramSlide,
    BulletsImageSlide,
    BulletsTableSlide,
    CodeSlide,
    DiagramSlide,
    ImageSlide,
    TableSlide,
)
from ..plan import Align, Anchor, Listing, Picture, Role, Shape, Table, TextBox
from ..source import YamlPath
from ..units import Emu, Inches
from .code import listing
from .context import Planner
from .diagram import diagram_shape
from .frames import scaled_into
from .table import table
from .text import bullet_body

_CAPTION_HEIGHT = Emu(Inches(0.5))
_CAPTION_GAP = Emu(Inches(0.1))

VisualSlide = (
    DiagramSlide
    | ImageSlide
    | TableSlide
    | CodeSlide
    | BulletsDiagramSlide
    | BulletsImageSlide
    | BulletsTableSlide
    | BulletsCodeSlide
)
BesideSlide = BulletsDiagramSlide | BulletsImageSlide | BulletsTableSlide | BulletsCodeSlide


def beside_body(planner: Planner, slide: BesideSlide, path: YamlPath, content: Box) -> list[Shape]:
    """Return the slide's bullets in the left part of `content` and its visual in the right."""
    gap = Emu(Inches(0.4))
    left_width = Emu(int(content.width * 0.42))
    text_box = replace(content, width=left_width)
    visual_box = Box(
        Emu(content.left + left_width + gap),
        content.top,
        Emu(content.width - left_width - gap),
        content.height,
    )
    body = bullet_body(planner, slide.bullets, text_box, planner.pos((*path, "bullets")), role=Role.TEXT)
    return [*body, *visual(planner, slide, path, visual_box)]


def visual(planner: Planner, slide: VisualSlide, path: YamlPath, box: Box) -> list[Shape]:
    """Return the slide's visual in `box` and its caption, if any.

    Diagrams and images are scaled into the box and centred, the caption at its foot; tables
    and code take the height they need from the top, the caption right under them.
    """
    c, s = planner.theme.colors, planner.theme.sizes
    area = replace(box, height=Emu(box.height - _CAPTION_HEIGHT - _CAPTION_GAP)) if slide.caption else box
    shape: Shape | None = None
    match slide:
        case DiagramSlide() | BulletsDiagramSlide():
            asset = planner.assets.diagrams.get((*path, "diagram"))
            if asset is not None:
                shape = diagram_shape(planner, asset, area, planner.pos((*path, "diagram")))
        case ImageSlide() | BulletsImageSlide():
            image = planner.assets.images.get((*path, "image"))
            if image is not None:
                shape = image_picture(image, area, planner.pos((*path, "image")))
        case TableSlide() | BulletsTableSlide():
            shape = table(planner, slide.table, area, planner.valid.doc.key_position((*path, "table")))
        case CodeSlide() | BulletsCodeSlide():
            code = planner.assets.code.get((*path, "code"))
            if code is not None:
                shape = listing(planner, code, area, planner.valid.doc.key_position((*path, "code")))
    shapes: list[Shape] = [] if shape is None else [shape]
    if slide.caption:
        top = Emu(box.bottom - _CAPTION_HEIGHT)
        if isinstance(shape, Table | Listing):
            top = Emu(min(top, shape.box.bottom + _CAPTION_GAP))
        caption = planner.paragraph(slide.caption, planner.style(s.caption, c.muted), align=Align.CENTER)
        shapes.append(
            TextBox(
                Box(box.left, top, box.width, _CAPTION_HEIGHT),
                (caption,),
                Role.TEXT,
                planner.pos((*path, "caption")),
                anchor=Anchor.MIDDLE,
                name="Caption",
            )
        )
    return shapes


def image_picture(image: ImageAsset, box: Box, pos: SourcePos) -> Picture:
    """Return the image scaled to fit `box`, aspect ratio kept, centred."""
    return Picture(
        scaled_into(box, image.width, image.height),
        image.image,
        image.alt,
        pos,
        name="Picture",
        svg=image.svg,
        decorative=image.decorative,
    )
