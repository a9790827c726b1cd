"""What a template's design says about its layouts: the art drawn on them and the layouts its own slides use."""

# lxml ships no type information, so its element methods are untyped here.
# pyright: reportUnknownMemberType=false, reportUnknownVariableType=false, reportUnknownArgumentType=false

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Sequence
from typing import Any
from xml.etree import ElementTree

from ..geometry import Box
from ..ooxml import clark
from ..units import Emu

_P = clark("p")
_A = clark("a")
_R = clark("r")
_REL = clark("rel")
_FILLS = (f"{_A}solidFill", f"{_A}gradFill", f"{_A}blipFill", f"{_A}pattFill")
_THIN = 0.02
"""A shape narrower or lower than this share of the slide is a rule or a hairline, not art text can sit on."""
_GRID = 24
"""Points per side of the grid an area's cover by art is measured on."""


def art_boxes(layout: Any, master: Any, width: int, height: int) -> tuple[Box, ...]:
    """Return the boxes of the pictures and filled shapes a slide on `layout` shows behind its
    text: the layout's own, and its master's unless the layout hides them.

    Placeholders, text boxes without a fill, lines and hairlines are not art.
    """
    owners = [layout]
    if layout.get("showMasterSp", "1") not in ("0", "false"):
        owners.append(master)
    boxes = []
    for owner in owners:
        for shape in owner.findall(f"{_P}cSld/{_P}spTree/*"):
            box = art_box(shape)
            if box is not None and box.width > width * _THIN and box.height > height * _THIN:
                boxes.append(box)
    return tuple(boxes)


def art_box(shape: Any) -> Box | None:
    tag = shape.tag.removeprefix(_P)
    if shape.find(f"*/{_P}nvPr/{_P}ph") is not None:
        return None
    if tag in ("pic", "grpSp", "graphicFrame"):
        paths = (f"{_P}spPr/{_A}xfrm", f"{_P}grpSpPr/{_A}xfrm", f"{_P}xfrm")
        return next((box for box in (_box(shape.find(path)) for path in paths) if box is not None), None)
    if tag != "sp":
        return None
    properties = shape.find(f"{_P}spPr")
    if properties is None or properties.find(f"{_A}noFill") is not None:
        return None
    styled = shape.find(f"{_P}style/{_A}fillRef")
    filled = any(properties.find(fill) is not None for fill in _FILLS) or (
        styled is not None and styled.get("idx", "0") != "0"
    )
    return _box(properties.find(f"{_A}xfrm")) if filled else None


def _box(xfrm: Any) -> Box | None:
    if xfrm is None:
        return None
    offset, extent = xfrm.find(f"{_A}off"), xfrm.find(f"{_A}ext")
    if offset is None or extent is None:
        return None
    return Box(
        Emu(int(offset.get("x", 0))),
        Emu(int(offset.get("y", 0))),
        Emu(int(extent.get("cx", 0))),
        Emu(int(extent.get("cy", 0))),
    )


def covered(area: Box, art: Sequence[Box]) -> float:
    """Return the share (0 to 1) of `area` that lies under some box of `art`, measured on a grid."""
    if not art or area.width <= 0 or area.height <= 0:
        return 0.0
    hits = 0
    for row in range(_GRID):
        y = area.top + area.height * (row + 0.5) / _GRID
        for column in range(_GRID):
            x = area.left + area.width * (column + 0.5) / _GRID
            if any(box.left <= x <= box.right and box.top <= y <= box.bottom for box in art):
                hits += 1
    return hits / (_GRID * _GRID)


def sample_layouts(package: bytes | None) -> list[str]:
    """Return the part name of the layout each of the template's own slides uses, in slide order.

    The built-in template (None) has no slides.
    """
    if package is None:
        return []
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        names = set(archive.namelist())

        def targets(part: str) -> dict[str, str]:
            rels = posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")
            if rels not in names:
                return {}
            found = {}
            for rel in ElementTree.fromstring(archive.read(rels)).findall(f"{_REL}Relationship"):
                target = rel.get("Target", "")
                found[rel.get("Id", "")] = posixpath.normpath(posixpath.join(posixpath.dirname(part), target))
            return found

        main = "ppt/presentation.xml"
        slides = targets(main)
        order = ElementTree.fromstring(archive.read(main)).findall(f"{_P}sldIdLst/{_P}sldId")
        used = []
        for slide_id in order:
            slide = slides.get(slide_id.get(f"{_R}id", ""))
            if slide is None:
                continue
            layout = next((t for t in targets(slide).values() if "slideLayout" in t), None)
            if layout is not None:
                used.append(f"/{layout}")
        return used
