"""The XML edits python-pptx has no API for: alt text, bullets, language, fields, decoration, order."""

# lxml ships no type information, so its element methods are untyped here.
# pyright: reportUnknownMemberType=false, reportUnknownVariableType=false

from __future__ import annotations

from collections.abc import Sequence
from copy import deepcopy

from lxml.etree import SubElement, XPath
from pptx.oxml.xmlchemy import BaseOxmlElement, OxmlElement

from ..ooxml import NAMESPACES, qn
from .fast_path import escape_text

_DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
_DECORATIVE_NS = NAMESPACES["adec"]
_LINK_COLOR_URI = "{A12FA001-AC4F-418D-AE19-62706E023703}"
_LINK_COLOR = qn("ahyp:hlinkClr")
# PowerPoint's own id for its slide-number field; a fixed id keeps builds reproducible.
_SLIDE_NUMBER_FIELD_ID = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"
_P, _P_PR, _SPC_BEF, _SPC_PTS = qn("a:p"), qn("a:pPr"), qn("a:spcBef"), qn("a:spcPts")
_BU_NONE, _BU_FONT, _BU_CHAR = qn("a:buNone"), qn("a:buFont"), qn("a:buChar")
_R, _R_PR, _T, _LATIN, _HLINK_CLICK = qn("a:r"), qn("a:rPr"), qn("a:t"), qn("a:latin"), qn("a:hlinkClick")
_SOLID_FILL, _SRGB_COLOR, _END_PARA_R_PR, _R_ID = qn("a:solidFill"), qn("a:srgbClr"), qn("a:endParaRPr"), qn("r:id")
_SP_PR, _XFRM, _OFF, _EXT, _BODY_PR = qn("p:spPr"), qn("a:xfrm"), qn("a:off"), qn("a:ext"), qn("a:bodyPr")
_SP, _NV_SP_PR, _C_NV_PR, _C_NV_SP_PR, _NV_PR = qn("p:sp"), qn("p:nvSpPr"), qn("p:cNvPr"), qn("p:cNvSpPr"), qn("p:nvPr")
_PRST_GEOM, _AV_LST, _GD, _NO_FILL, _LN = qn("a:prstGeom"), qn("a:avLst"), qn("a:gd"), qn("a:noFill"), qn("a:ln")
_PRST_DASH, _TX_BODY, _LST_STYLE, _SP_AUTOFIT = qn("a:prstDash"), qn("p:txBody"), qn("a:lstStyle"), qn("a:spAutoFit")
_BG, _BG_PR, _EFFECT_LST = qn("p:bg"), qn("p:bgPr"), qn("a:effectLst")
_AUTOFITS = {qn("a:noAutofit"), qn("a:normAutofit"), qn("a:spAutoFit")}
_AFTER_AUTOFIT = {qn("a:scene3d"), qn("a:sp3d"), qn("a:flatTx"), qn("a:extLst")}


class ShapeIds:
    """The ids of the shapes added to one slide, as python-pptx's `_next_shape_id` gives them.

    python-pptx finds the largest id by searching the whole slide for every shape it adds; here
    the slide is searched once and the ids counted on from there.
    """

    def __init__(self, tree: BaseOxmlElement) -> None:
        self._next = _largest_id(_EVERY_ID(tree)) + 1

    def take(self) -> int:
        """Return the id for a new shape."""
        taken = self._next
        self._next += 1
        return taken

    def added(self, shape: BaseOxmlElement) -> None:
        """Count the ids in `shape`, added to the slide by python-pptx (which chose its ids itself)."""
        self._next = max(self._next, _largest_id(_IDS_WITHIN(shape)) + 1)


# What python-pptx's `max_shape_id` reads (every `id` in the slide), compiled once.
_EVERY_ID = XPath("//@id")
_IDS_WITHIN = XPath(".//@id")


def _largest_id(ids: list[str]) -> int:
    """Return the largest number among `ids` (0 if none), as python-pptx reads them."""
    return max((int(found) for found in ids if found.isdigit()), default=0)


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
    if tree[len(tree) - len(shapes) :] == shapes:
        return  # as they were added, mostly: moving a diagram's group walks all of it
    for shape in shapes:
        tree.append(shape)  # lxml moves an element appended where it already is


def style_run(run_properties: BaseOxmlElement, *, font: str | None, size: int | None, color: str | None) -> None:
    """Give a field's run properties a font, a size (EMU) and a colour, in schema order; None:
    left to its placeholder."""
    if size is not None:
        run_properties.set("sz", str(round(size / 127)))
    if color is not None:
        fill = OxmlElement("a:solidFill")
        colour = OxmlElement("a:srgbClr")
        colour.set("val", color)
        fill.append(colour)
        run_properties.append(fill)
    if font is not None:
        latin = OxmlElement("a:latin")
        latin.set("typeface", font)
        run_properties.append(latin)


# The paragraphs and runs of text frames, written straight into the XML. python-pptx's text API
# looks up or adds each element and attribute one property at a time, which made the text of a
# deck the larger part of writing it. These functions give the same elements and attributes,
# in the same order, as the python-pptx calls named in each docstring.


def clear_paragraphs(body: BaseOxmlElement) -> None:
    """Remove every paragraph of a text body (python-pptx's `TextFrame.clear_content`)."""
    for paragraph in body.findall(_P):
        body.remove(paragraph)


def add_paragraph(
    body: BaseOxmlElement,
    *,
    align: str | None,
    space_before: int | None,
    margin: int,
    hang: int,
    char: str | None,
    font: str,
    level: int | None = None,
) -> BaseOxmlElement:
    """Append a paragraph with its alignment, space before (EMU) and bullet, and return it.

    As python-pptx's `add_paragraph()`, `alignment`, `space_before` and then `set_bullet` make
    it; with a `level`, the paragraph is at that level and its bullet and margin are the
    level's in the placeholder's list style (`margin`, `hang` and `char` are not written).
    """
    paragraph = SubElement(body, _P)
    properties = SubElement(paragraph, _P_PR)
    if align is not None:
        properties.set("algn", align)
    if level is not None:
        if level:
            properties.set("lvl", str(level))
        if space_before is not None:
            SubElement(SubElement(properties, _SPC_BEF), _SPC_PTS, val=str(space_before // 127))
        return paragraph
    properties.set("marL", str(margin))
    properties.set("indent", str(-hang if char else 0))
    if space_before is not None:
        SubElement(SubElement(properties, _SPC_BEF), _SPC_PTS, val=str(space_before // 127))
    if char is None:
        SubElement(properties, _BU_NONE)
    else:
        SubElement(properties, _BU_FONT, typeface=font)
        SubElement(properties, _BU_CHAR, char=char)
    return paragraph


def add_run(
    paragraph: BaseOxmlElement,
    text: str,
    *,
    font: str | None,
    size: int | None,
    bold: bool | None,
    italic: bool | None,
    color: str | None,
    language: str,
    link: str | None = None,
    proofing: bool = True,
) -> BaseOxmlElement:
    """Append a run of `text` in `font` at `size` (EMU), `color` (RRGGBB) and `language`; return it.

    As python-pptx's `add_run()`, `text`, `font.name`, `font.size`, `font.bold`, `font.italic`,
    `font.color.rgb` (each unless None: the run then inherits it), `hyperlink.address` (`link`
    is the relationship id) make it, then `set_run_defaults` and, unless `proofing`, `set_no_proofing`.
    """
    run = SubElement(paragraph, _R)
    properties = SubElement(run, _R_PR)
    if size is not None:
        properties.set("sz", str(size // 127))
    if bold is not None:
        properties.set("b", "1" if bold else "0")
    if italic is not None:
        properties.set("i", "1" if italic else "0")
    properties.set("lang", language)
    properties.set("cap", "none")
    if not proofing:
        properties.set("noProof", "1")
    if color is not None:
        SubElement(SubElement(properties, _SOLID_FILL), _SRGB_COLOR, val=color.upper())
    if font is not None:
        SubElement(properties, _LATIN, typeface=font)
    if link is not None:
        click = SubElement(properties, _HLINK_CLICK)
        click.set(_R_ID, link)
        if color is not None:
            # PowerPoint and LibreOffice draw a link in the theme's hyperlink colour, whatever the
            # run's: this extension (Office 2019+, LibreOffice 7.4+) has them draw the run's, the
            # colour lecturedeck planned and checked.
            ext = SubElement(SubElement(click, qn("a:extLst")), qn("a:ext"), uri=_LINK_COLOR_URI)
            SubElement(ext, _LINK_COLOR, val="tx", nsmap={"ahyp": NAMESPACES["ahyp"]})
    SubElement(run, _T).text = escape_text(text)
    return run


def set_box(shape: BaseOxmlElement, left: int, top: int, width: int, height: int) -> None:
    """Place and size the shape (EMU), as python-pptx's `left`, `top`, `width`, `height` do."""
    properties = shape.find(_SP_PR)
    if properties is None:
        raise TypeError(f"this is a bug in generator: no <p:spPr> under {shape.tag!r}")
    frame = properties.find(_XFRM)
    if frame is None:
        frame = properties.makeelement(_XFRM, {})
        properties.insert(0, frame)
    offset = frame.find(_OFF)
    if offset is None:
        offset = frame.makeelement(_OFF, {})
        frame.insert(0, offset)
    offset.set("x", str(left))
    offset.set("y", str(top))
    extent = frame.find(_EXT)
    if extent is None:
        extent = frame.makeelement(_EXT, {})
        offset.addnext(extent)
    extent.set("cx", str(width))
    extent.set("cy", str(height))


def set_text_frame(body: BaseOxmlElement, *, margin_x: int, margin_y: int, anchor: str, own: bool = True) -> None:
    """Wrap the text body's words, switch autofit off and set its insets (EMU) and vertical `anchor`.

    As python-pptx's `word_wrap = True`, `auto_size = NONE`, the four margins and
    `vertical_anchor`, in that order, except that every inset is written; unless `own`, the
    insets and anchor are left to the placeholder's layout.
    """
    properties = body.find(_BODY_PR)
    if properties is None:
        raise TypeError("this is a bug in generator: a text body without <a:bodyPr>")
    properties.set("wrap", "square")
    for autofit in [child for child in properties if child.tag in _AUTOFITS]:
        properties.remove(autofit)
    no_autofit = properties.makeelement(qn("a:noAutofit"), {})
    later = next((child for child in properties if child.tag in _AFTER_AUTOFIT), None)
    if later is None:
        properties.append(no_autofit)
    else:
        later.addprevious(no_autofit)
    if not own:
        return
    for inset, value in (("lIns", margin_x), ("rIns", margin_x), ("tIns", margin_y), ("bIns", margin_y)):
        # Written even at PowerPoint's default (python-pptx would leave it out): left out, a
        # placeholder inherits its layout's inset, and a template's may differ from the planned one.
        properties.set(inset, str(value))
    properties.set("anchor", anchor)


# Shapes written straight into a shape tree. python-pptx adds a shape by reading every id on the
# slide (and, in a group, refits the group to all its children after each one), and sets each
# property by looking its element up: that took most of the time of a large deck. These
# functions give exactly the elements and attributes, in the same order, that python-pptx's
# `add_shape` or `add_textbox` and the properties named in each docstring give (less the theme
# style that `drop_theme_style` removes).


def add_autoshape(
    tree: BaseOxmlElement,
    shape_id: int,
    name: str,
    box: tuple[int, int, int, int],
    preset: str,
    guides: Sequence[tuple[str, int]] = (),
) -> BaseOxmlElement:
    """Append an autoshape of `preset` geometry at `box` (left, top, width, height in EMU); return it.

    As `add_shape` and `name`, without its theme style, and `adjustments[0] = ...` (which
    writes every adjustment of the shape) when there are `guides`.
    """
    shape = _add_shape(tree, shape_id, name, box, text_box=False)
    adjustments = SubElement(SubElement(shape[1], _PRST_GEOM, prst=preset), _AV_LST)
    for guide, value in guides:
        SubElement(adjustments, _GD, name=guide, fmla=f"val {value}")
    body = SubElement(shape, _TX_BODY)
    SubElement(body, _BODY_PR, rtlCol="0", anchor="ctr")
    SubElement(body, _LST_STYLE)
    SubElement(SubElement(body, _P), _P_PR, algn="ctr")
    return shape


def add_text_box(tree: BaseOxmlElement, shape_id: int, name: str, box: tuple[int, int, int, int]) -> BaseOxmlElement:
    """Append a text box at `box` (left, top, width, height in EMU) and return it (as `add_textbox` and `name`)."""
    shape = _add_shape(tree, shape_id, name, box, text_box=True)
    SubElement(SubElement(shape[1], _PRST_GEOM, prst="rect"), _AV_LST)
    SubElement(shape[1], _NO_FILL)
    body = SubElement(shape, _TX_BODY)
    SubElement(SubElement(body, _BODY_PR, wrap="none"), _SP_AUTOFIT)
    SubElement(body, _LST_STYLE)
    SubElement(body, _P)
    return shape


def _add_shape(
    tree: BaseOxmlElement, shape_id: int, name: str, box: tuple[int, int, int, int], *, text_box: bool
) -> BaseOxmlElement:
    left, top, width, height = box
    shape = SubElement(tree, _SP)
    names = SubElement(shape, _NV_SP_PR)
    SubElement(names, _C_NV_PR, id=str(shape_id), name=name)
    if text_box:
        SubElement(names, _C_NV_SP_PR, txBox="1")
    else:
        SubElement(names, _C_NV_SP_PR)
    SubElement(names, _NV_PR)
    frame = SubElement(SubElement(shape, _SP_PR), _XFRM)
    SubElement(frame, _OFF, x=str(left), y=str(top))
    SubElement(frame, _EXT, cx=str(width), cy=str(height))
    return shape


def paint(shape: BaseOxmlElement, fill: str | None, line: tuple[str, int, str] | None) -> None:
    """Fill a new shape with `fill` (RRGGBB; None: none) and outline it with `line` (colour, EMU, dash).

    As `fill.background()` or `fill.solid()` and `fill.fore_color.rgb`, then
    `line.fill.background()` or `line.color.rgb`, `line.width` and `line.dash_style`.
    """
    properties = shape[1]
    for old in properties.findall(_NO_FILL):
        properties.remove(old)
    if fill is None:
        SubElement(properties, _NO_FILL)
    else:
        SubElement(SubElement(properties, _SOLID_FILL), _SRGB_COLOR, val=fill.upper())
    outline = SubElement(properties, _LN)
    if line is None:
        SubElement(outline, _NO_FILL)
        return
    color, width, dash = line
    if width:  # python-pptx leaves out the width 0, the attribute's default
        outline.set("w", str(width))
    SubElement(SubElement(outline, _SOLID_FILL), _SRGB_COLOR, val=color.upper())
    SubElement(outline, _PRST_DASH, val=dash)


_CHROME_PLACEHOLDER = XPath(
    "./p:cSld/p:spTree/p:sp[p:nvSpPr/p:nvPr/p:ph[@type=$kind]]",
    namespaces={"p": NAMESPACES["p"]},
)


def add_chrome_placeholder(
    tree: BaseOxmlElement, owners: Sequence[BaseOxmlElement], kind: str, shape_id: int
) -> BaseOxmlElement | None:
    """Return a copy of the first `kind` placeholder ('ftr', 'dt' or 'sldNum') of `owners` (a slide's
    layout, then its master) added to `tree` as PowerPoint's Header & Footer adds it: no place of
    its own, an empty text body; None when neither has one.
    """
    for owner in owners:
        found = _CHROME_PLACEHOLDER(owner, kind=kind)
        if not found:
            continue
        shape = deepcopy(found[0])
        shape.find(f"{qn('p:nvSpPr')}/{qn('p:cNvPr')}").set("id", str(shape_id))
        properties = shape.find(qn("p:spPr"))
        for child in list(properties if properties is not None else []):
            properties.remove(child)
        body = shape.find(qn("p:txBody"))
        if body is not None:
            shape.remove(body)
        body = SubElement(shape, qn("p:txBody"))
        SubElement(body, qn("a:bodyPr"))
        SubElement(body, qn("a:lstStyle"))
        SubElement(body, qn("a:p"))
        tree.append(shape)
        return shape
    return None


def set_name(shape: BaseOxmlElement, name: str) -> None:
    """Name the shape (as python-pptx's `name`)."""
    _properties(shape).set("name", name)


def set_background(slide: BaseOxmlElement, color: str) -> None:
    """Give a new slide a solid `color` (RRGGBB) background, as `background.fill.solid()` and `fore_color.rgb`."""
    background = slide[0].makeelement(_BG, {})
    slide[0].insert(0, background)
    properties = SubElement(background, _BG_PR)
    SubElement(SubElement(properties, _SOLID_FILL), _SRGB_COLOR, val=color.upper())
    SubElement(properties, _EFFECT_LST)
