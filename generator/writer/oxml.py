"""The XML edits python-pptx has no API for: alt text, bullets, language, fields, decoration, order."""

# lxml ships no type information, so its element methods are untyped here.
# pyright: reportUnknownMemberType=false, reportUnknownVariableType=false

from __future__ import annotations

from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import BaseOxmlElement, OxmlElement

_DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
_DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"
# PowerPoint's own id for its slide-number field; a fixed id keeps builds reproducible.
_SLIDE_NUMBER_FIELD_ID = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"


def _properties(shape: BaseOxmlElement) -> BaseOxmlElement:
    """Return a shape's `p:cNvPr` (its id, name, and alt text)."""
    found = shape.find(".//" + qn("p:cNvPr"))
    if not isinstance(found, BaseOxmlElement):
        raise TypeError(f"this is a bug in generator: no <p:cNvPr> under {shape.tag!r}")
    return found


def set_alt_text(shape: BaseOxmlElement, text: str, *, decorative: bool) -> None:
    """Set the shape's alternative text, and mark it decorative for screen readers if `decorative`."""
    properties = _properties(shape)
    properties.set("descr", text)
    if decorative:
        mark_decorative(shape)


def mark_decorative(shape: BaseOxmlElement) -> None:
    """Mark the shape decorative (Office 2019+), so screen readers skip it."""
    properties = _properties(shape)
    ext_list = OxmlElement("a:extLst")
    ext = OxmlElement("a:ext")
    ext.set("uri", _DECORATIVE_URI)
    decorative = ext.makeelement(f"{{{_DECORATIVE_NS}}}decorative", {"val": "1"})
    ext.append(decorative)
    ext_list.append(ext)
    properties.append(ext_list)


def drop_theme_style(shape: BaseOxmlElement) -> None:
    """Remove the theme style python-pptx gives new autoshapes (it adds a shadow and outline)."""
    for style in shape.findall(qn("p:style")):
        shape.remove(style)


def set_bullet(paragraph: BaseOxmlElement, *, margin: int, hang: int, char: str | None, font: str) -> None:
    """Give the paragraph an explicit bullet (or none), whatever the layout's master says."""
    properties = paragraph.get_or_add_pPr()
    for tag in ("a:buNone", "a:buChar", "a:buAutoNum", "a:buFont", "a:buClr", "a:buSzPct"):
        for old in properties.findall(qn(tag)):
            properties.remove(old)
    properties.set("marL", str(margin))
    properties.set("indent", str(-hang if char else 0))
    if char is None:
        _insert_bullet_child(properties, OxmlElement("a:buNone"))
        return
    bullet_font = OxmlElement("a:buFont")
    bullet_font.set("typeface", font)
    _insert_bullet_child(properties, bullet_font)
    bullet = OxmlElement("a:buChar")
    bullet.set("char", char)
    _insert_bullet_child(properties, bullet)


def _insert_bullet_child(properties: BaseOxmlElement, child: BaseOxmlElement) -> None:
    # Schema order inside a:pPr: lnSpc, spcBef, spcAft, buClr..., buFont, buNone/buChar, tabLst, defRPr, extLst.
    later = [qn(tag) for tag in ("a:tabLst", "a:defRPr", "a:extLst")]
    for index, existing in enumerate(properties):
        if existing.tag in later:
            properties.insert(index, child)
            return
    properties.append(child)


def set_run_defaults(run_properties: BaseOxmlElement, language: str) -> None:
    """Set a run's language (spell-check, screen readers) and keep its letter case as written."""
    run_properties.set("lang", language)
    # Some layouts (python-pptx's Section Header) set all caps; the deck shows text as written.
    run_properties.set("cap", "none")


def set_no_proofing(run_properties: BaseOxmlElement) -> None:
    """Keep spell-check off the run: code is not prose in the deck's language."""
    run_properties.set("noProof", "1")


def set_end_size(paragraph: BaseOxmlElement, size: int) -> None:
    """Give the paragraph's end mark a size (EMU), which sets the height of an empty paragraph."""
    paragraph.get_or_add_endParaRPr().set("sz", str(round(size / 127)))


def add_slide_number_field(paragraph: BaseOxmlElement, text: str) -> BaseOxmlElement:
    """Append a slide-number field showing `text` and return its run properties element."""
    field = OxmlElement("a:fld")
    field.set("id", _SLIDE_NUMBER_FIELD_ID)
    field.set("type", "slidenum")
    run_properties = OxmlElement("a:rPr")
    field.append(run_properties)
    text_element = OxmlElement("a:t")
    text_element.text = text
    field.append(text_element)
    end = paragraph.find(qn("a:endParaRPr"))
    if end is not None:
        end.addprevious(field)
    else:
        paragraph.append(field)
    return run_properties


def order_shapes(tree: BaseOxmlElement, shapes: list[BaseOxmlElement]) -> None:
    """Put `shapes` last in the shape tree in the given order: the reading order of the slide."""
    for shape in shapes:
        tree.remove(shape)
        tree.append(shape)


def style_run(run_properties: BaseOxmlElement, *, font: str, size: int, color: str) -> None:
    """Give a field's run properties a font, a size (EMU) and a colour, in schema order."""
    run_properties.set("sz", str(round(size / 127)))
    fill = OxmlElement("a:solidFill")
    colour = OxmlElement("a:srgbClr")
    colour.set("val", color)
    fill.append(colour)
    run_properties.append(fill)
    latin = OxmlElement("a:latin")
    latin.set("typeface", font)
    run_properties.append(latin)
