"""Equations in text: Office Math (OMML) inside a paragraph, as PowerPoint 2010 and later store it."""

from __future__ import annotations

from lxml.etree import SubElement, fromstring
from pptx.oxml.xmlchemy import BaseOxmlElement

from ..ooxml import NAMESPACES, qn
from .oxml import add_run

MC = NAMESPACES["mc"]
A14 = NAMESPACES["a14"]
_M = NAMESPACES["m"]
MATH_FONT = "Cambria Math"
"""The font Office sets equations in (LibreOffice substitutes its own math font)."""


def add_equation(
    paragraph: BaseOxmlElement, omml: str, latex: str, *, size: int, color: str, language: str, bold: bool
) -> None:
    """Append an equation to `paragraph`: `mc:AlternateContent` whose choice is `a14:m` holding the
    OMML (`m:oMath` or `m:oMathPara`), and whose fallback is a run of the LaTeX source.

    Programs that read Office 2010's drawing extensions (PowerPoint) show and edit the native
    equation; others (and screen readers that skip it) get the LaTeX as text. `size` is in EMU.
    """
    alternate = SubElement(paragraph, f"{{{MC}}}AlternateContent", nsmap={"mc": MC})
    choice = SubElement(alternate, f"{{{MC}}}Choice", Requires="a14", nsmap={"a14": A14})
    holder = SubElement(choice, f"{{{A14}}}m")
    math = fromstring(omml)
    for run in math.iter(f"{{{_M}}}r"):
        _style(run, size=size, color=color, language=language, bold=bold)
    holder.append(math)
    fallback = SubElement(alternate, f"{{{MC}}}Fallback")
    add_run(fallback, latex, font=MATH_FONT, size=size, bold=bold, italic=False, color=color, language=language)


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
