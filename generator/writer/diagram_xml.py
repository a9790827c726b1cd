"""OOXML for native diagrams: their shapes, written straight into the group, and Bézier paths."""

# lxml ships no type information, so its element methods are untyped here.
# pyright: reportUnknownMemberType=false, reportUnknownVariableType=false

from __future__ import annotations

from collections.abc import Sequence

from lxml.etree import SubElement
from pptx.oxml.xmlchemy import BaseOxmlElement, OxmlElement

from generator.diagram_plan import EdgePath
from generator.geometry import Box, CurveTo, LineTo, Point
from generator.ooxml import qn
from generator.units import Emu
from generator.writer.fast_path import escape_text

_SOLID_FILL, _SRGB_COLOR, _NO_AUTOFIT = qn("a:solidFill"), qn("a:srgbClr"), qn("a:noAutofit")
_P, _P_PR, _R, _R_PR, _LATIN, _T = qn("a:p"), qn("a:pPr"), qn("a:r"), qn("a:rPr"), qn("a:latin"), qn("a:t")
_PATH_TAGS = {
    tag: qn(tag)
    for tag in (
        *("a:avLst", "a:gdLst", "a:ahLst", "a:cxnLst", "a:rect", "a:pathLst", "a:path"),
        *("a:moveTo", "a:cubicBezTo", "a:lnTo", "a:close", "a:pt"),
    )
}


def set_edge_geometry(shape: BaseOxmlElement, edge: EdgePath) -> None:
    """Replace a shape's preset geometry with the edge's paths as a custom geometry.

    Path coordinates are EMU from the edge's box, in a path space the size of that box, so
    they map one to one onto the slide. The shape must already sit in `edge.box`.
    """
    properties = _child(shape, "p:spPr")
    preset = _child(properties, "a:prstGeom")
    geometry = OxmlElement("a:custGeom")
    for name in ("a:avLst", "a:gdLst", "a:ahLst", "a:cxnLst"):
        _add(geometry, name)
    _add(geometry, "a:rect", l="l", t="t", r="r", b="b")
    path_list = _add(geometry, "a:pathLst")
    for path in edge.paths:
        element = _add(path_list, "a:path", w=str(edge.box.width), h=str(edge.box.height))
        if not path.filled:
            element.set("fill", "none")
        if not path.stroked:
            element.set("stroke", "0")
        _add_points(_add(element, "a:moveTo"), edge, path.start)
        for segment in path.segments:
            match segment:
                case CurveTo(c1=c1, c2=c2, end=end):
                    _add_points(_add(element, "a:cubicBezTo"), edge, c1, c2, end)
                case LineTo(end=end):
                    _add_points(_add(element, "a:lnTo"), edge, end)
        if path.closed:
            _add(element, "a:close")
    preset.addprevious(geometry)
    properties.remove(preset)


def _add_points(parent: BaseOxmlElement, edge: EdgePath, *points: Point[Emu]) -> None:
    for point in points:
        _add(parent, "a:pt", x=str(point.x - edge.box.left), y=str(point.y - edge.box.top))


def _add(parent: BaseOxmlElement, tag: str, **attributes: str) -> BaseOxmlElement:
    return SubElement(parent, _PATH_TAGS[tag], attributes)


def _child(parent: BaseOxmlElement, tag: str) -> BaseOxmlElement:
    child = parent.find(qn(tag))
    if not isinstance(child, BaseOxmlElement):
        raise TypeError(f"this is a bug in generator: no <{tag}> under {parent.tag!r}")
    return child


# The text and frame of a native diagram's shapes, written straight into the XML (see
# `oxml.add_autoshape`): the same elements and attributes, in the same order, as the python-pptx
# calls named in each docstring.


def write_lines(shape: BaseOxmlElement, lines: Sequence[str], *, font: str, size: int, color: str) -> None:
    """Set the text of a new shape to `lines`, centred, in `font` at `size` (EMU) and `color`.

    As `word_wrap = False`, `auto_size = NONE`, `vertical_anchor = MIDDLE` and the four margins
    0, then for each line a paragraph (the first is the one there), `alignment = CENTER` and a
    run with `text`, `font.name`, `font.size` and `font.color.rgb`.
    """
    body = shape[2]
    properties = body[0]
    properties.set("wrap", "none")
    properties.set("anchor", "ctr")
    for margin in ("lIns", "rIns", "tIns", "bIns"):
        properties.set(margin, "0")
    for autofit in list(properties):
        properties.remove(autofit)
    SubElement(properties, _NO_AUTOFIT)
    for index, line in enumerate(lines):
        paragraph = body[2] if index == 0 else SubElement(body, _P)
        if paragraph.find(_P_PR) is None:
            SubElement(paragraph, _P_PR, algn="ctr")
        run = SubElement(paragraph, _R)
        run_properties = SubElement(run, _R_PR, sz=str(size // 127))
        SubElement(SubElement(run_properties, _SOLID_FILL), _SRGB_COLOR, val=color.upper())
        SubElement(run_properties, _LATIN, typeface=font)
        SubElement(run, _T).text = escape_text(line)


def set_shape_id(shape: BaseOxmlElement, shape_id: int) -> None:
    """Give a shape of a group (a copy of another) its own id."""
    shape[0][0].set("id", str(shape_id))


def fit_group(group: BaseOxmlElement, boxes: Sequence[Box]) -> None:
    """Place and size `group` at the bounds of `boxes`, those of its children.

    As python-pptx's `recalculate_extents`, run once after the last child instead of after each.
    """
    left, top = min(box.left for box in boxes), min(box.top for box in boxes)
    width, height = max(box.right for box in boxes) - left, max(box.bottom for box in boxes) - top
    frame = _child(_child(group, "p:grpSpPr"), "a:xfrm")
    for offset in (_child(frame, "a:chOff"), _child(frame, "a:off")):
        offset.set("x", str(left))
        offset.set("y", str(top))
    for extent in (_child(frame, "a:chExt"), _child(frame, "a:ext")):
        extent.set("cx", str(width))
        extent.set("cy", str(height))
