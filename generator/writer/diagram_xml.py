"""OOXML edits for native diagrams that python-pptx has no API for: Bézier paths, no theme style."""

# lxml ships no type information, so its element methods are untyped here.
# pyright: reportUnknownMemberType=false, reportUnknownVariableType=false

from __future__ import annotations

from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import BaseOxmlElement, OxmlElement

from generator.diagram_plan import BezierSegment, EdgePath, EmuPoint, LineSegment


def drop_theme_style(shape: BaseOxmlElement) -> None:
    """Remove the theme style reference python-pptx gives a new shape.

    Its effect reference adds the theme's drop shadow, which Graphviz's picture doesn't have;
    the writer sets fill and outline explicitly instead.
    """
    shape.remove_all("p:style")


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
                case BezierSegment(c1=c1, c2=c2, end=end):
                    _add_points(_add(element, "a:cubicBezTo"), edge, c1, c2, end)
                case LineSegment(end=end):
                    _add_points(_add(element, "a:lnTo"), edge, end)
        if path.closed:
            _add(element, "a:close")
    preset.addprevious(geometry)
    properties.remove(preset)


def _add_points(parent: BaseOxmlElement, edge: EdgePath, *points: EmuPoint) -> None:
    for point in points:
        _add(parent, "a:pt", x=str(point.x - edge.box.left), y=str(point.y - edge.box.top))


def _add(parent: BaseOxmlElement, tag: str, **attributes: str) -> BaseOxmlElement:
    child = OxmlElement(tag)
    for name, value in attributes.items():
        child.set(name, value)
    parent.append(child)
    return child


def _child(parent: BaseOxmlElement, tag: str) -> BaseOxmlElement:
    child = parent.find(qn(tag))
    if not isinstance(child, BaseOxmlElement):
        raise TypeError(f"this is a bug in generator: no <{tag}> under {parent.tag!r}")
    return child
