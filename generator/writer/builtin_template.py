"""The built-in template, made in memory: python-pptx's default with the built-in look's text styles.

It is made, not shipped as a file: it follows the built-in sizes, colours and bullets
(`theme.TypeScale`, `theme.Palette`, the planner's bullet spacing) by construction.
"""

# lxml ships no type information, so its element methods are untyped here.
# pyright: reportUnknownMemberType=false, reportUnknownVariableType=false

from __future__ import annotations

import io

from pptx import Presentation
from pptx.oxml.xmlchemy import OxmlElement

from ..ooxml import qn
from ..plan import BULLET_HANG, bullet_margin
from ..planner.fitting import BULLET_GAP, LEVEL_STEP
from ..theme import Palette, TypeScale

_BULLETS = ("•", "–", "▪")


def _level(level: int, old: object) -> object:
    """Return the bodyStyle paragraph style of `level` (0-based) as the built-in look sets bullets."""
    sizes = TypeScale()
    style = OxmlElement(f"a:lvl{level + 1}pPr")
    for name, value in getattr(old, "attrib", {}).items():
        style.set(name, value)
    style.set("marL", str(bullet_margin(level)))
    style.set("indent", str(-BULLET_HANG))
    spacing = OxmlElement("a:spcBef")
    points = OxmlElement("a:spcPts")
    points.set("val", str(round(BULLET_GAP.pt * 100)))
    spacing.append(points)
    style.append(spacing)
    font = OxmlElement("a:buFont")
    font.set("typeface", "Arial")
    style.append(font)
    char = OxmlElement("a:buChar")
    char.set("char", _BULLETS[level % len(_BULLETS)])
    style.append(char)
    run = OxmlElement("a:defRPr")
    run.set("sz", str(round(max(sizes.body.pt - level * LEVEL_STEP, sizes.body_floor.pt) * 100)))
    run.set("kern", "1200")
    fill = OxmlElement("a:solidFill")
    color = OxmlElement("a:srgbClr")
    color.set("val", Palette().text)
    fill.append(color)
    run.append(fill)
    for tag, typeface in (("a:latin", "+mn-lt"), ("a:ea", "+mn-ea"), ("a:cs", "+mn-cs")):
        face = OxmlElement(tag)
        face.set("typeface", typeface)
        run.append(face)
    style.append(run)
    return style


def _title_style(master: object) -> None:
    """Give the master's title style and title placeholder the built-in look of slide titles:
    bold, left, in the title colour, at the title size, anchored at the bottom."""
    style = master.find(f"{qn('p:txStyles')}/{qn('p:titleStyle')}/{qn('a:lvl1pPr')}")
    style.set("algn", "l")
    run = style.find(qn("a:defRPr"))
    run.set("sz", str(round(TypeScale().title.pt * 100)))
    run.set("b", "1")
    fill = run.find(qn("a:solidFill"))
    for old in list(fill):
        fill.remove(old)
    color = OxmlElement("a:srgbClr")
    color.set("val", Palette().title)
    fill.append(color)
    for shape in master.iter(qn("p:sp")):
        if _placeholder_type(shape) == "title":
            shape.find(f"{qn('p:txBody')}/{qn('a:bodyPr')}").set("anchor", "b")


def _deck_title_style(layout: object) -> None:
    """Give the title slide layout's title the deck title's size (its other looks are the master's)."""
    for shape in layout.iter(qn("p:sp")):
        if _placeholder_type(shape) != "ctrTitle":
            continue
        styles = shape.find(f"{qn('p:txBody')}/{qn('a:lstStyle')}")
        level = OxmlElement("a:lvl1pPr")
        run = OxmlElement("a:defRPr")
        run.set("sz", str(round(TypeScale().deck_title.pt * 100)))
        level.append(run)
        styles.append(level)


def _placeholder_type(shape: object) -> str | None:
    """Return the placeholder type of a shape element ("body" for an untyped one), None for a shape."""
    placeholder = shape.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}")
    return None if placeholder is None else placeholder.get("type", "body")


def _chrome_styles(master: object) -> None:
    """Give the master's footer and slide number placeholders the built-in look of the chrome
    (the footer size, the muted colour; the footer left, the number right), so that a deck's
    footer and number go in them as in any template's."""
    for shape in master.iter(qn("p:sp")):
        align = {"ftr": "l", "sldNum": "r"}.get(_placeholder_type(shape) or "")
        if align is None:
            continue
        style = shape.find(f"{qn('p:txBody')}/{qn('a:lstStyle')}/{qn('a:lvl1pPr')}")
        style.set("algn", align)
        run = style.find(qn("a:defRPr"))
        run.set("sz", str(round(TypeScale().footer.pt * 100)))
        fill = run.find(qn("a:solidFill"))
        for old in list(fill):
            fill.remove(old)
        color = OxmlElement("a:srgbClr")
        color.set("val", Palette().muted)
        fill.append(color)


def _drop_date_placeholders(part: object) -> None:
    """Remove the date placeholder: the built-in look shows the deck's date on its title slide only."""
    for shape in list(part.iter(qn("p:sp"))):
        if _placeholder_type(shape) == "dt":
            shape.getparent().remove(shape)


def make_builtin_package() -> bytes:
    """Return the built-in template as the bytes of a .pptx."""
    deck = Presentation()
    master = deck.slide_masters[0].element
    body = master.find(f"{qn('p:txStyles')}/{qn('p:bodyStyle')}")
    for level in range(9):
        old = body.find(qn(f"a:lvl{level + 1}pPr"))
        new = _level(level, old)
        if old is not None:
            old.addprevious(new)
            body.remove(old)
        else:
            body.append(new)
    _title_style(master)
    _chrome_styles(master)
    for part in (master, *(layout.element for layout in deck.slide_layouts)):
        _drop_date_placeholders(part)
    _deck_title_style(deck.slide_layouts[0].element)
    deck.core_properties.title = "lecturedeck built-in template"
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()
