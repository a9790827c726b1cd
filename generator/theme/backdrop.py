"""What is behind text on a template's slide: backgrounds (solid, gradient, picture) and the art above them."""

# lxml ships no type information, so its element methods are untyped here.
# pyright: reportUnknownMemberType=false, reportUnknownVariableType=false, reportUnknownArgumentType=false

from __future__ import annotations

import io
import math
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree

from PIL import Image, UnidentifiedImageError

from ..geometry import Box
from ..ooxml import clark
from ..units import Emu

_P = clark("p")
_A = clark("a")
_R = clark("r")
_GRID = 8
"""Samples per side of a picture, and of a text box checked against what is behind it."""
_SHARE = 0.1
"""The least share of a text box (the part its lines are drawn on) a colour behind it covers to be checked against."""

ColorOf = Callable[[Any], "str | None"]
"""Names a colour element as RRGGBB (theme colours through the master's mapping)."""


@dataclass(frozen=True)
class Paint:
    """A fill as colours: one (solid), a gradient's stops along `angle` degrees, a picture
    sampled on a square grid, row by row, or "unknown" (one colour, "").
    """

    kind: str
    colors: tuple[str, ...]
    angle: float = 0.0

    def at(self, u: float, v: float) -> str:
        """Return the colour at (`u`, `v`), each from 0 to 1 across the filled box."""
        if self.kind == "picture":
            side = math.isqrt(len(self.colors))
            return self.colors[min(side - 1, int(v * side)) * side + min(side - 1, int(u * side))]
        if self.kind == "gradient" and len(self.colors) > 1:
            radians = math.radians(self.angle)
            along = (u - 0.5) * math.cos(radians) + (v - 0.5) * math.sin(radians)
            span = abs(math.cos(radians)) / 2 + abs(math.sin(radians)) / 2 or 1
            t = min(1.0, max(0.0, 0.5 + along / (2 * span)))
            return self.colors[round(t * (len(self.colors) - 1))]
        return self.colors[0]


@dataclass(frozen=True)
class Layer:
    """A fill on a slide: where it is (None: the whole slide), its paint and what it is."""

    box: Box | None
    paint: Paint
    source: str
    """What a message calls it: "the master's background picture", "a shape of the layout", ..."""
    outline: tuple[tuple[float, float], ...] = ()
    """A freeform shape's outline as points from 0 to 1 across its box; empty: the whole box."""

    def covers(self, u: float, v: float) -> bool:
        """Return whether the layer paints the point (`u`, `v`) of its box."""
        if not self.outline:
            return True
        inside = False
        points = self.outline
        for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True):
            if (y1 > v) != (y2 > v) and u < x1 + (v - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
        return inside


@dataclass(frozen=True)
class Behind:
    """A colour behind a text box, and the layer it comes from."""

    color: str
    source: str
    picture: bool


def paint_of(properties: Any, color_of: ColorOf, picture: Callable[[str], bytes | None]) -> Paint | None:
    """Return the paint of the fill in `properties` (an spPr or bgPr), or None for no fill or one
    that cannot be read (a pattern, a picture Pillow cannot open).
    """
    if properties is None:
        return None
    solid = properties.find(f"{_A}solidFill")
    if solid is not None and len(solid):
        color = color_of(solid[0])
        return Paint("solid", (color,)) if color else None
    gradient = properties.find(f"{_A}gradFill")
    if gradient is not None:
        stops = sorted(gradient.findall(f"{_A}gsLst/{_A}gs"), key=lambda stop: int(stop.get("pos", "0")))
        colors = tuple(c for c in (color_of(stop[0]) for stop in stops if len(stop)) if c)
        linear = gradient.find(f"{_A}lin")
        angle = int(linear.get("ang", "0")) / 60000 if linear is not None else 90.0
        return Paint("gradient", colors, angle) if colors else None
    blip = properties.find(f"{_A}blipFill/{_A}blip")
    if blip is not None:
        return _picture_paint(picture(blip.get(f"{_R}embed", "")))
    return None


def _picture_paint(data: bytes | None) -> Paint:
    """Return a picture sampled on the grid; a picture Pillow cannot open (a vector EMF, say) is
    of unknown colours.
    """
    try:
        if data is None:
            raise ValueError
        with Image.open(io.BytesIO(data)) as image:
            small = image.convert("RGB").resize((_GRID, _GRID), Image.Resampling.BOX)
    except (UnidentifiedImageError, OSError, ValueError):
        return Paint("unknown", ("",))
    return Paint(
        "picture",
        tuple("{:02X}{:02X}{:02X}".format(*small.getpixel((x, y))) for y in range(_GRID) for x in range(_GRID)),
    )


def behind(box: Box, layers: Sequence[Layer], slide: Box) -> list[Behind]:
    """Return the colours behind `box` that cover at least a tenth of it, the most covering
    first: at each point of a grid over the box, the topmost layer's colour there. A picture of
    unknown colours has the colour "".
    """
    found: Counter[tuple[str, str, bool]] = Counter()
    for row in range(_GRID):
        y = box.top + box.height * (row + 0.5) / _GRID
        for column in range(_GRID):
            x = box.left + box.width * (column + 0.5) / _GRID
            for layer in reversed(layers):
                area = layer.box or slide
                if (
                    area.width <= 0
                    or area.height <= 0
                    or not (area.left <= x <= area.right and area.top <= y <= area.bottom)
                ):
                    continue
                u, v = (x - area.left) / area.width, (y - area.top) / area.height
                if layer.covers(u, v):
                    color = layer.paint.at(u, v)
                    found[(color, layer.source, layer.paint.kind == "picture")] += 1
                    break
    least = _SHARE * _GRID * _GRID
    return [Behind(color, source, picture) for (color, source, picture), count in found.most_common() if count >= least]


def whole(width: int, height: int) -> Box:
    """Return the box of the whole slide."""
    return Box(Emu(0), Emu(0), Emu(width), Emu(height))


def slide_layers(
    layout: Any,
    master: Any,
    color_of: ColorOf,
    pictures: tuple[Callable[[str], bytes | None], Callable[[str], bytes | None]],
    art: Callable[[Any], Box | None],
) -> tuple[Layer, ...]:
    """Return the fills a slide on `layout` shows, bottom first: the layout's background (else the
    master's), then the master's art unless the layout hides it, then the layout's art.

    `pictures` reads a picture of the layout and of the master by relationship id; `art` returns
    the box of a shape that counts as art, else None.
    """
    layout_picture, master_picture = pictures
    layers: list[Layer] = []
    for owner, name, picture in ((layout, "layout", layout_picture), (master, "master", master_picture)):
        background = owner.find(f"{_P}cSld/{_P}bg")
        if background is None:
            continue
        properties = background.find(f"{_P}bgPr")
        reference = background.find(f"{_P}bgRef")
        paint = paint_of(properties, color_of, picture)
        if paint is None and reference is not None and len(reference):
            color = color_of(reference[0])
            paint = Paint("solid", (color,)) if color else None
        if paint is not None:
            kind = "background picture" if paint.kind == "picture" else "background"
            layers.append(Layer(None, paint, f"the {name}'s {kind}"))
            break
    if not layers:
        # Neither sets one: the slide is filled with the theme's first background colour.
        color = color_of(ElementTree.Element(f"{_A}schemeClr", val="bg1"))
        layers.append(Layer(None, Paint("solid", (color or "FFFFFF",)), "the master's background"))
    owners = [(master, "master", master_picture)] if layout.get("showMasterSp", "1") not in ("0", "false") else []
    for owner, name, picture in [*owners, (layout, "layout", layout_picture)]:
        for shape, place in _members(owner.findall(f"{_P}cSld/{_P}spTree/*"), _unmoved):
            box = art(shape)
            if box is None:
                continue
            box = place(box)
            properties = shape.find(f"{_P}spPr")
            paint = None
            if shape.tag == f"{_P}pic":
                blip = shape.find(f"{_P}blipFill/{_A}blip")
                paint = _picture_paint(picture(blip.get(f"{_R}embed", "")) if blip is not None else None)
            elif properties is not None:
                paint = paint_of(properties, color_of, picture)
                styled = shape.find(f"{_P}style/{_A}fillRef")
                if paint is None and styled is not None and len(styled):
                    color = color_of(styled[0])
                    paint = Paint("solid", (color,)) if color else None
            if paint is not None:
                what = "a picture" if paint.kind == "picture" else "a shape"
                layers.append(Layer(box, paint, f"{what} of the {name}", _outline(properties)))
    return tuple(layers)


def _unmoved(box: Box) -> Box:
    return box


def _members(shapes: Sequence[Any], place: Callable[[Box], Box]) -> Iterator[tuple[Any, Callable[[Box], Box]]]:
    """Yield each shape with what places its box on the slide: a group's members (a title bar
    drawn as a group of a rectangle and a rule) are yielded through the group's transform."""
    for shape in shapes:
        if shape.tag == f"{_P}grpSp":
            yield from _members(list(shape), _through(shape.find(f"{_P}grpSpPr/{_A}xfrm"), place))
        else:
            yield shape, place


def _through(xfrm: Any, outer: Callable[[Box], Box]) -> Callable[[Box], Box]:
    """Return what maps a box in a group's own coordinates (`chOff`, `chExt`) onto its place (`off`, `ext`)."""
    parts = [xfrm.find(f"{_A}{name}") if xfrm is not None else None for name in ("off", "ext", "chOff", "chExt")]
    if any(part is None for part in parts):
        return outer
    off, ext, child_off, child_ext = parts
    scale_x = int(ext.get("cx", 0)) / max(int(child_ext.get("cx", 0)), 1)
    scale_y = int(ext.get("cy", 0)) / max(int(child_ext.get("cy", 0)), 1)

    def place(box: Box) -> Box:
        return outer(
            Box(
                Emu(round(int(off.get("x", 0)) + (box.left - int(child_off.get("x", 0))) * scale_x)),
                Emu(round(int(off.get("y", 0)) + (box.top - int(child_off.get("y", 0))) * scale_y)),
                Emu(round(box.width * scale_x)),
                Emu(round(box.height * scale_y)),
            )
        )

    return place


def _outline(properties: Any) -> tuple[tuple[float, float], ...]:
    """Return the outline of a freeform shape's first path (its curves by their end points),
    flipped as the shape is; empty for a preset shape, taken as filling its box.
    """
    path = properties.find(f"{_A}custGeom/{_A}pathLst/{_A}path") if properties is not None else None
    if path is None:
        return ()
    width, height = int(path.get("w", "0")), int(path.get("h", "0"))
    if width <= 0 or height <= 0:
        return ()
    xfrm = properties.find(f"{_A}xfrm")
    flip_x = xfrm is not None and xfrm.get("flipH") in ("1", "true")
    flip_y = xfrm is not None and xfrm.get("flipV") in ("1", "true")
    points = []
    for step in path:
        ends = step.findall(f"{_A}pt")
        if ends:
            u, v = int(ends[-1].get("x", "0")) / width, int(ends[-1].get("y", "0")) / height
            points.append((1 - u if flip_x else u, 1 - v if flip_y else v))
    return tuple(points) if len(points) > 2 else ()
