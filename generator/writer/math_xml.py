"""Equations in text: Office Math (OMML) inside a paragraph, as PowerPoint 2010 and later store it."""

from __future__ import annotations

from lxml.etree import SubElement, fromstring
from pptx.oxml.xmlchemy import BaseOxmlElement

from ..math_text import Piece
from ..ooxml import NAMESPACES, qn
from .oxml import add_run

MC = NAMESPACES["mc"]
A14 = NAMESPACES["a14"]
_M = NAMESPACES["m"]
# How far an exponent is raised and an index lowered per level, in thousandths of a percent of
# the font size (DrawingML's `baseline`). An exponent goes up as the superscript button sets it;
# an index goes down less than the subscript button's 25 %, which makes LibreOffice draw the whole
# line taller than the plan measured (about 0.15 em at 25 %, none at 8 %), pushing the box's
# last line out of it.
_RAISED = 30000
_LOWERED = 8000
MATH_FONT = "Cambria Math"
"""The font Office sets equations in (LibreOffice substitutes its own math font)."""


def add_equation(
    paragraph: BaseOxmlElement,
    omml: str,
    latex: str,
    text: tuple[Piece, ...],
    *,
    font: str,
    size: int,
    color: str,
    language: str,
    bold: bool,
    whole: bool,
) -> None:
    """Append an equation to `paragraph`: `mc:AlternateContent` whose choice is `a14:m` holding the
    OMML (`m:oMath` or `m:oMathPara`), and whose fallback is a text for programs without it.

    PowerPoint (2010 and later) reads `a14` and Office Math, so it shows and edits the native
    equation. LibreOffice also takes a choice that requires `a14` alone, but draws its Office Math
    only when the equation is its box's `whole` text (a box sized to it). Elsewhere the choice also
    requires `m`: PowerPoint understands both, while LibreOffice compares the whole attribute with
    its list of prefixes ("a14", "p14", …), so it takes the fallback: the equation's `text` in runs
    of `font`, raised and lowered. A whole box's fallback is its LaTeX source. `size` is in EMU.
    """
    alternate = SubElement(paragraph, f"{{{MC}}}AlternateContent", nsmap={"mc": MC})
    if whole:
        choice = SubElement(alternate, f"{{{MC}}}Choice", Requires="a14", nsmap={"a14": A14})
    else:
        choice = SubElement(alternate, f"{{{MC}}}Choice", Requires="a14 m", nsmap={"a14": A14, "m": _M})
    holder = SubElement(choice, f"{{{A14}}}m")
    math = fromstring(omml)
    for run in math.iter(f"{{{_M}}}r"):
        _style(run, size=size, color=color, language=language, bold=bold)
    holder.append(math)
    fallback = SubElement(alternate, f"{{{MC}}}Fallback")
    if whole:
        add_run(fallback, latex, font=MATH_FONT, size=size, bold=bold, italic=False, color=color, language=language)
        return
    for piece in text:
        written = add_run(
            fallback,
            piece.text,
            font=font,
            size=size,
            bold=bold,
            italic=piece.italic,
            color=color,
            language=language,
            proofing=False,
        )
        if piece.level:
            written[0].set("baseline", str(piece.level * (_RAISED if piece.level > 0 else _LOWERED)))


def _style(run: BaseOxmlElement, *, size: int, color: str, language: str, bold: bool) -> None:
    """Give an equation's `m:r` its drawing run properties (after its `m:rPr`, before its `m:t`)."""
    upright = run.find(f"{{{_M}}}rPr/{{{_M}}}sty") is not None
    properties = run.makeelement(qn("a:rPr"), {"lang": language, "sz": str(size // 127)})
    properties.set("b", "1" if bold else "0")
    properties.set("i", "0" if upright else "1")
    SubElement(SubElement(properties, qn("a:solidFill")), qn("a:srgbClr"), val=color.upper())
    SubElement(properties, qn("a:latin"), typeface=MATH_FONT)
    SubElement(properties, qn("a:cs"), typeface=MATH_FONT)
    run.insert(1 if run.find(f"{{{_M}}}rPr") is not None else 0, properties)
