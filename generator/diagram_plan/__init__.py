"""A Graphviz layout planned as native slide shapes: boxes, Bézier paths and labels, in EMU.

`native` plans a layout into a box (`plan_native_diagram`); `shapes` holds the planned
elements the writers draw; `colours` reads Graphviz's colour values.
"""

from __future__ import annotations

from .native import UnknownColour, plan_native_diagram
from .shapes import (
    ClusterShape,
    Dash,
    DiagramStyle,
    EdgePath,
    LabelText,
    NativeDiagram,
    NodeShape,
    Path,
    Ring,
    ShapeKind,
    Stroke,
    TextStyle,
)

__all__ = [
    "ClusterShape",
    "Dash",
    "DiagramStyle",
    "EdgePath",
    "LabelText",
    "NativeDiagram",
    "NodeShape",
    "Path",
    "Ring",
    "ShapeKind",
    "Stroke",
    "TextStyle",
    "UnknownColour",
    "plan_native_diagram",
]
