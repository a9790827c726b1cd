"""NativeDiagram -> SVG: the same preset shapes and Bézier paths as the .pptx, with labels as text over them."""

from __future__ import annotations

from html import escape

from ..diagram_plan import (
    ClusterShape,
    EdgePath,
    NativeDiagram,
    NodeShape,
    ShapeKind,
    Stroke,
    TextStyle,
)
from ..geometry import Box, CurveTo, LineTo
from .units import baseline_drop, px

_PX_PER_PT = 96 / 72
# PowerPoint's default adjustments of the preset shapes (a share of the shorter side), so the
# outlines match the ones the .pptx draws.
_ROUNDED_CORNER = 0.16667
_CAN_CAP = 0.25
_FOLD = 0.16667
_HEXAGON = 0.25
_OCTAGON = 0.29289
_SLANT = 0.25


def diagram_to_html(diagram: NativeDiagram, name: str, *, decorative: bool) -> str:
    """Return the diagram as an SVG of its shapes and edges, with its labels as HTML text over it.

    The SVG's user space is the slide in EMU, so every point is the plan's own number. The group
    has the diagram's alt text (or is hidden from screen readers when decorative); its labels are
    real text all the same, for search and copying.
    """
    box = diagram.box
    parts = [_cluster(cluster) for cluster in diagram.clusters]
    parts.extend(_node(node) for node in diagram.nodes)
    parts.extend(_edge(edge) for edge in diagram.edges)
    view = f"{int(box.left)} {int(box.top)} {int(box.width)} {int(box.height)}"
    svg = (
        f'<svg class="shape" viewBox="{view}" style="left:{px(box.left)}px;top:{px(box.top)}px;'
        f'width:{px(box.width)}px;height:{px(box.height)}px" aria-hidden="true">{"".join(parts)}</svg>'
    )
    texts = [_label(node.box, node.lines, node.text) for node in diagram.nodes if node.lines]
    texts.extend(_label(label.box, label.lines, label.text) for label in diagram.texts)
    described = (
        'aria-hidden="true"' if decorative or not diagram.alt else f'role="img" aria-label="{escape(diagram.alt)}"'
    )
    return f'<div class="diagram" data-name="{escape(name)}" {described}>{svg}{"".join(texts)}</div>'


def _cluster(cluster: ClusterShape) -> str:
    return _outline("rounded_rectangle", cluster.box, cluster.corner, cluster.fill, cluster.line)


def _node(node: NodeShape) -> str:
    ring = "" if node.ring is None else _outline(node.kind, node.ring.box, node.corner, None, node.line)
    if node.kind == "text":
        return ring + _outline("rectangle", node.box, None, node.fill, node.line)
    return ring + _outline(node.kind, node.box, node.corner, node.fill, node.line)


def _outline(kind: ShapeKind, box: Box, corner: float | None, fill: str | None, line: Stroke | None) -> str:
    """Return the SVG element of a preset shape in `box`, filled and outlined as planned."""
    paint = _paint(fill, line)
    left, top, width, height = int(box.left), int(box.top), int(box.width), int(box.height)
    right, bottom, short = left + width, top + height, min(width, height)
    middle_x, middle_y = left + width / 2, top + height / 2
    match kind:
        case "rectangle" | "text":
            return f'<rect x="{left}" y="{top}" width="{width}" height="{height}" {paint}/>'
        case "rounded_rectangle":
            radius = (_ROUNDED_CORNER if corner is None else corner) * short
            return f'<rect x="{left}" y="{top}" width="{width}" height="{height}" rx="{radius:.0f}" {paint}/>'
        case "oval":
            return (
                f'<ellipse cx="{middle_x:.0f}" cy="{middle_y:.0f}" rx="{width / 2:.0f}" ry="{height / 2:.0f}" {paint}/>'
            )
        case "can":
            cap = short * _CAN_CAP / 2
            rx = width / 2
            arc = f"A{rx:.0f},{cap:.0f} 0 0 0"
            body = (
                f"M{left},{top + cap:.0f} L{left},{bottom - cap:.0f} {arc} {right},{bottom - cap:.0f}"
                f" L{right},{top + cap:.0f} {arc} {left},{top + cap:.0f}Z"
            )
            lid = f'<ellipse cx="{middle_x:.0f}" cy="{top + cap:.0f}" rx="{rx:.0f}" ry="{cap:.0f}" {paint}/>'
            return f'<path d="{body}" {paint}/>{lid}'
        case "folded_corner":
            fold = short * _FOLD
            sheet = [(left, top), (right, top), (right, bottom - fold), (right - fold, bottom), (left, bottom)]
            flap = [(right - fold, bottom), (right - fold * 0.8, bottom - fold * 0.8), (right, bottom - fold)]
            return _polygon(sheet, paint) + _polygon(flap, paint)
    points = _preset_points(kind, left, top, right, bottom, short)
    return _polygon(points, paint)


def _preset_points(
    kind: ShapeKind, left: int, top: int, right: int, bottom: int, short: int
) -> list[tuple[float, float]]:
    """Return the corners of a straight-sided preset shape, as PowerPoint draws it at its default adjustment."""
    width, height = right - left, bottom - top
    middle_x, middle_y = left + width / 2, top + height / 2
    match kind:
        case "diamond":
            return [(middle_x, top), (right, middle_y), (middle_x, bottom), (left, middle_y)]
        case "hexagon":
            x = short * _HEXAGON
            return [
                (left + x, top),
                (right - x, top),
                (right, middle_y),
                (right - x, bottom),
                (left + x, bottom),
                (left, middle_y),
            ]
        case "octagon":
            x = short * _OCTAGON
            return [
                *((left + x, top), (right - x, top), (right, top + x), (right, bottom - x)),
                *((right - x, bottom), (left + x, bottom), (left, bottom - x), (left, top + x)),
            ]
        case "triangle":
            return [(middle_x, top), (right, bottom), (left, bottom)]
        case "parallelogram":
            x = short * _SLANT
            return [(left + x, top), (right, top), (right - x, bottom), (left, bottom)]
        case "trapezoid":
            x = short * _SLANT
            return [(left, bottom), (left + x, top), (right - x, top), (right, bottom)]
        case "pentagon":
            # A regular pentagon in its box: the shoulders at 38 % of the height, the feet 19 % in.
            shoulder = top + height * 0.382
            return [
                (middle_x, top),
                (right, shoulder),
                (right - width * 0.191, bottom),
                (left + width * 0.191, bottom),
                (left, shoulder),
            ]
    raise TypeError(f"this is a bug in generator: no outline for the shape kind {kind!r}")


def _polygon(points: list[tuple[float, float]], paint: str) -> str:
    return f'<polygon points="{" ".join(f"{x:.0f},{y:.0f}" for x, y in points)}" {paint}/>'


def _paint(fill: str | None, line: Stroke | None) -> str:
    """Return the SVG fill and stroke attributes of a shape (none where the plan has none)."""
    fill_part = f'fill="#{fill}"' if fill else 'fill="none"'
    if line is None:
        return fill_part + ' stroke="none"'
    width = int(line.width)
    dash = {
        "solid": "",
        "dashed": f' stroke-dasharray="{4 * width} {3 * width}"',
        "dotted": f' stroke-dasharray="{width} {width}"',
    }
    return f'{fill_part} stroke="#{line.color}" stroke-width="{width}"{dash[line.dash]}'


def _edge(edge: EdgePath) -> str:
    """Return the edge's paths: Graphviz's Bézier curves and its arrowheads, point for point as planned."""
    drawn: list[str] = []
    for path in edge.paths:
        commands = [f"M{int(path.start.x)},{int(path.start.y)}"]
        for segment in path.segments:
            match segment:
                case CurveTo(c1=c1, c2=c2, end=end):
                    commands.append(f"C{int(c1.x)},{int(c1.y)} {int(c2.x)},{int(c2.y)} {int(end.x)},{int(end.y)}")
                case LineTo(end=end):
                    commands.append(f"L{int(end.x)},{int(end.y)}")
        if path.closed:
            commands.append("Z")
        fill = f"#{edge.fill}" if path.filled else "none"
        stroke = _paint(None, edge.stroke).removeprefix('fill="none" ') if path.stroked else 'stroke="none"'
        drawn.append(f'<path d="{" ".join(commands)}" fill="{fill}" {stroke} stroke-linejoin="round"/>')
    return "".join(drawn)


def _label(box: Box, lines: tuple[str, ...], text: TextStyle) -> str:
    """Return text centred in `box` on the lines Graphviz broke it into, never wrapped (as in the .pptx)."""
    style = (
        f"left:{px(box.left)}px;top:{px(box.top)}px;width:{px(box.width)}px;height:{px(box.height)}px;"
        f"font-family:&quot;{escape(text.font_name)}&quot;,sans-serif;font-size:{text.font_pt * _PX_PER_PT:.2f}px;"
        f"color:#{text.color}"
    )
    drop = baseline_drop(text.font_name)
    body = "".join(f'<p style="top:{drop}em">{escape(line)}</p>' for line in lines)
    return f'<div class="shape label" style="{style}">{body}</div>'
