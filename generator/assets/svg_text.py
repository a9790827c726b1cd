"""The smallest text in a Graphviz SVG, so a picture-mode diagram is held to the text floor too."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

_SCALE = re.compile(r"scale\(\s*([\d.eE+-]+)(?:[\s,]+([\d.eE+-]+))?\s*\)")
_SVG = "{http://www.w3.org/2000/svg}"


def smallest_text_pt(svg: Path) -> float | None:
    """Return the size of the smallest text Graphviz drew in `svg`, in the drawing's points.

    Graphviz shrinks a drawing (a graph `size`) with a `scale()` on its top group, which applies
    to the text's `font-size` as well. None when the drawing has no text.
    """
    root = ElementTree.parse(svg).getroot()
    scale = 1.0
    group = root.find(f"{_SVG}g")
    if group is not None:
        match = _SCALE.search(group.get("transform") or "")
        if match is not None:
            scale = min(float(match.group(1)), float(match.group(2) or match.group(1)))
    sizes = [float(size) for text in root.iter(f"{_SVG}text") if (size := text.get("font-size"))]
    return min(sizes) * scale if sizes else None
