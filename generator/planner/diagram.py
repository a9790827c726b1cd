"""Diagram bodies: a Graphviz diagram as a picture, or as native shapes."""

from __future__ import annotations

from ..assets import DiagramAsset
from ..diagnostics import SourcePos, warning
from ..diagram_plan import DiagramStyle, UnknownColour, plan_native_diagram
from ..geometry import Box
from ..plan import Diagram, Picture
from .context import Planner
from .frames import scaled_into

DIAGRAM_TEXT_FLOOR_PT = 12.0
"""Smallest text in a native diagram; denser diagrams are drawn at it and reported."""


def diagram_shape(planner: Planner, asset: DiagramAsset, box: Box, pos: SourcePos) -> Picture | Diagram:
    """Return the diagram in `box`: its picture when it is drawn as one, else its native shapes."""
    return picture(planner, asset, box, pos) if asset.picture is not None else native(planner, asset, box, pos)


def picture(planner: Planner, asset: DiagramAsset, box: Box, pos: SourcePos) -> Picture:
    """Return the diagram's SVG picture scaled to fit `box`, aspect ratio kept, centred.

    Its PNG fallback is drawn after planning, at the size chosen here. Text the scaling sets
    below the floor native diagrams keep is reported the same way (diagram.native).
    """
    vector = asset.picture
    assert vector is not None
    placed = scaled_into(box, vector.width_pt, vector.height_pt)
    scale = placed.width.pt / vector.width_pt
    if vector.smallest_text_pt is not None and vector.smallest_text_pt * scale < DIAGRAM_TEXT_FLOOR_PT - 0.05:
        shown = vector.smallest_text_pt * scale
        note = (
            f"diagram too dense: its text would be {shown:.1f} pt at this size (floor"
            f" {DIAGRAM_TEXT_FLOOR_PT:.0f} pt); simplify it or split it"
        )
        planner.problems.append(
            warning(
                "diagram.native",
                pos,
                note,
                expected=f"diagram text of at least {DIAGRAM_TEXT_FLOOR_PT:.0f} pt on the slide",
                found=note,
                hint="give the diagram fewer nodes or a smaller layout, or the slide more room for it",
            )
        )
    # Twice the pixels of the picture shown at 96 dpi: sharp on projectors and high-density
    # screens, and no bigger than the slide can use.
    fallback_px = max(round(placed.width.inches * 96 * 2), 1)
    return Picture(
        placed,
        None,
        asset.alt,
        pos,
        name="Diagram",
        svg=vector.svg,
        decorative=asset.decorative,
        fallback_px=fallback_px,
    )


def native(planner: Planner, asset: DiagramAsset, box: Box, pos: SourcePos) -> Diagram:
    """Return the diagram as native shapes scaled to fit `box`, with what Graphviz could not map."""
    c = planner.theme.colors
    style = DiagramStyle(
        font_name=planner.theme.body_font,
        text_color=c.text,
        line_color=c.muted,
        node_fill=c.card,
        cluster_fill=c.background,
        font_pt=14.0,
        min_font_pt=DIAGRAM_TEXT_FLOOR_PT,
    )
    key = (id(asset.layout), box, style, asset.alt)
    planned = planner.native_diagrams.get(key)
    if planned is None:
        planned = planner.native_diagrams[key] = plan_native_diagram(asset.layout, box, style, asset.alt)
    diagram, notes = planned
    planner.problems.extend(
        warning(
            "diagram.native",
            pos,
            note,
            expected="a diagram drawn as Graphviz lays it out",
            found=note,
            hint="adjust the DOT source, or use 'render: picture' for this diagram",
        )
        for note in notes
        # Graphviz knew no such colour either: that was reported once, at its DOT line.
        if not (isinstance(note, UnknownColour) and note.colour in asset.reported_colours)
    )
    return Diagram(diagram, pos, decorative=asset.decorative)
