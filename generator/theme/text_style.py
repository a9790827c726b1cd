"""The text style a template's placeholder gives each paragraph level, read into plain values."""

# lxml ships no type information, so its element methods are untyped here.
# pyright: reportUnknownMemberType=false, reportUnknownVariableType=false, reportUnknownArgumentType=false

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..colors import MODIFIERS
from ..ooxml import NAMESPACES, clark

_NS = {prefix: NAMESPACES[prefix] for prefix in ("a", "p")}
_A = clark("a")
LEVELS = 9
"""PowerPoint's paragraph levels, lvl1pPr to lvl9pPr."""
# What PowerPoint and LibreOffice use where no layer of the template sets a value.
_SIZE = 1800
_INSETS = (91440, 45720, 91440, 45720)
_BULLETS = ("a:buNone", "a:buChar", "a:buAutoNum", "a:buBlip")


@dataclass(frozen=True)
class TextLevel:
    """How a paragraph at one level of a placeholder looks unless it says otherwise."""

    size: float
    """Points."""
    font: str
    """The typeface, a theme font reference resolved to the master theme's font."""
    color: str | None
    """RRGGBB; None where the template sets no colour (the theme's text colour then shows)."""
    margin: int
    """Where the text starts, in EMU from the box's inset (a bullet hangs left of it)."""
    bullet: bool
    """Whether the level shows a bullet mark or number."""
    space_before: float
    """Points above the paragraph."""
    line_spacing: float
    """A share of single spacing (0.9 for 90 %)."""
    align: str | None = None
    """The paragraph alignment the template sets ('l', 'ctr', 'r', ...); None: PowerPoint's left."""
    bold: bool = False
    """The template sets the text bold."""
    tinted: bool = False
    """The template's colour has modifiers `color` leaves out (beyond the tints and shades of
    `colors.MODIFIERS`, such as a saturation change): a slide that inherits it shows another
    colour than the one planned and checked, so the writer writes the planned one."""
    inherited: bool = True
    """A slide's text inherits the level's style: the template sets it where PowerPoint looks
    (list styles and the master's text styles). False for a master LibreOffice saved, which
    keeps it only in its placeholder's sample paragraphs: the writer must then write it out."""


@dataclass(frozen=True)
class Insets:
    """A placeholder's inner margins in EMU, as its layout and master set them."""

    left: int
    top: int
    right: int
    bottom: int


def read_levels(
    chain: Sequence[Any], master_style: Any, resolve: Callable[[Any], str | None], fonts: tuple[str, str]
) -> tuple[TextLevel, ...]:
    """Return the style of each level of a placeholder: from its own list style (`chain[0]`, the
    layout's), the master placeholder's (`chain[1:]`), then the master's text style
    (`master_style`, its bodyStyle or titleStyle); `fonts` are the theme's heading and body fonts.
    """
    levels = []
    for number in range(1, LEVELS + 1):
        name = f"lvl{number}pPr"
        sources = [element.find(f"p:txBody/a:lstStyle/a:{name}", _NS) for element in chain]
        if master_style is not None:
            sources.append(master_style.find(f"a:{name}", _NS))
        found = [(source, source.find("a:defRPr", _NS)) for source in sources if source is not None]
        inherited = bool(found)
        if not found:
            found = _sample_paragraph(chain[1:], number - 1)
        paragraphs = [paragraph for paragraph, _ in found]
        runs = [run for _, run in found if run is not None]
        size = int(_first(runs, ".", "sz") or _SIZE) / 100
        color = next((c for c in _all(runs, "a:solidFill/*") if resolve(c)), None)
        levels.append(
            TextLevel(
                size=size,
                font=_typeface(_first(runs, "a:latin", "typeface"), fonts),
                color=resolve(color) if color is not None else None,
                margin=next((int(p.get("marL")) for p in paragraphs if p.get("marL")), 0),
                bullet=next((kind != "a:buNone" for kind in _bullets(paragraphs)), False),
                space_before=_spacing(paragraphs, "a:spcBef", size) + _spacing(paragraphs, "a:spcAft", size),
                line_spacing=_line_spacing(paragraphs),
                align=next((str(p.get("algn")) for p in paragraphs if p.get("algn")), None),
                bold=_first(runs, ".", "b") in ("1", "true"),
                tinted=color is not None and any(child.tag.removeprefix(_A) not in MODIFIERS for child in color),
                inherited=inherited,
            )
        )
    return tuple(levels)


def _sample_paragraph(masters: Sequence[Any], level: int) -> list[tuple[Any, Any]]:
    """Return the paragraph properties and first run properties of the master placeholder's
    sample paragraph at `level` (0-based), where LibreOffice keeps a master's outline styles.
    """
    for master in masters:
        for paragraph in master.findall("p:txBody/a:p", _NS):
            properties = paragraph.find("a:pPr", _NS)
            if properties is not None and int(properties.get("lvl", 0)) == level:
                return [(properties, paragraph.find("a:r/a:rPr", _NS))]
    return []


def read_insets(chain: Sequence[Any]) -> Insets:
    """Return the insets of a placeholder: the first layer of `chain` that sets each."""
    values = [_first(chain, "p:txBody/a:bodyPr", name) for name in ("lIns", "tIns", "rIns", "bIns")]
    return Insets(*(int(value) if value else default for value, default in zip(values, _INSETS, strict=True)))


def read_fill(chain: Sequence[Any], resolve: Callable[[Any], str | None]) -> str | None:
    """Return the solid colour a placeholder's own box is filled with (a title on a band of its
    own fill): the first layer of `chain` that sets a fill; None for none, or one not solid."""
    for element in chain:
        properties = element.find("p:spPr", _NS)
        if properties is None:
            continue
        solid = properties.find("a:solidFill", _NS)
        if solid is not None and len(solid):
            return resolve(solid[0])
        if any(properties.find(kind, _NS) is not None for kind in _FILLS):
            return None
    return None


_FILLS = ("a:noFill", "a:gradFill", "a:blipFill", "a:pattFill", "a:grpFill")


def _first(elements: Sequence[Any], path: str, attribute: str) -> str | None:
    for element in elements:
        found = element if path == "." else element.find(path, _NS)
        if found is not None and found.get(attribute):
            return str(found.get(attribute))
    return None


def _all(elements: Sequence[Any], path: str) -> list[Any]:
    return [found for element in elements if (found := element.find(path, _NS)) is not None]


def _bullets(elements: Sequence[Any]) -> list[str]:
    """Return the bullet kind each layer sets ('a:buNone', 'a:buChar', ...), nearest first."""
    return [kind for element in elements for kind in _BULLETS if element.find(kind, _NS) is not None]


def _typeface(typeface: str | None, fonts: tuple[str, str]) -> str:
    heading, body = fonts
    if typeface is None or typeface.startswith("+mn"):
        return body
    return heading if typeface.startswith("+mj") else typeface


def _spacing(elements: Sequence[Any], tag: str, size: float) -> float:
    """Return the spacing `tag` sets in points: exact points, or a share of the font size."""
    for element in elements:
        spacing = element.find(tag, _NS)
        if spacing is None:
            continue
        points = spacing.find("a:spcPts", _NS)
        if points is not None:
            return int(points.get("val", 0)) / 100
        share = spacing.find("a:spcPct", _NS)
        if share is not None:
            return int(share.get("val", 0)) / 100000 * size
    return 0.0


def _line_spacing(elements: Sequence[Any]) -> float:
    for element in elements:
        share = element.find("a:lnSpc/a:spcPct", _NS)
        if share is not None:
            return int(share.get("val", 100000)) / 100000
        if element.find("a:lnSpc", _NS) is not None:
            return 1.0  # exact points: measured as single spacing
    return 1.0
