"""A template read with python-pptx: slide size, layouts and their placeholders, theme fonts and colours."""

# lxml ships no type information, so its element methods are untyped here.
# pyright: reportUnknownMemberType=false, reportUnknownVariableType=false, reportUnknownArgumentType=false

from __future__ import annotations

import functools
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree

from pptx.exc import PackageNotFoundError
from pptx.opc.constants import RELATIONSHIP_TYPE
from pptx.util import Emu

from ..colors import MODIFIERS, modified
from ..geometry import Box
from ..ooxml import NAMESPACES, clark
from ..writer.template import layouts_by_name, open_template_bytes
from ..writer.template_package import TemplateRefused, clean_template, read_package
from .backdrop import Layer, slide_layers
from .design import art_box, art_boxes, sample_layouts
from .prompts import byline_by_prompt, names_a_byline_part
from .text_style import Insets, TextLevel, read_fill, read_insets, read_levels

if TYPE_CHECKING:
    from pptx.slide import SlideLayout, SlideMaster

_A = clark("a")
_NS = {"a": NAMESPACES["a"], "p": NAMESPACES["p"]}
_TITLES = ("title", "ctrTitle")
_TEXT = ("body", "obj")
# Placeholders that hold a slide's content (not its title, subtitle or chrome).
_CONTENT = (*_TEXT, "chart", "tbl", "pic", "clipArt", "dgm", "media")
_CHROME = ("dt", "ftr", "sldNum")
"""Placeholders a new slide does not get (python-pptx clones every other one, in order)."""
# The master placeholder a layout placeholder inherits its box and text style from.
_MASTER_TYPE = {"ctrTitle": "title", "title": "title", "dt": "dt", "ftr": "ftr", "sldNum": "sldNum"}
# Placeholder types as python-pptx names them, which is how `inspect` lists them.
_TYPE_NAMES = {
    "title": "title",
    "body": "body",
    "ctrTitle": "center_title",
    "subTitle": "subtitle",
    "dt": "date",
    "sldNum": "slide_number",
    "ftr": "footer",
    "hdr": "header",
    "obj": "object",
    "chart": "chart",
    "tbl": "table",
    "clipArt": "clip_art",
    "dgm": "org_chart",
    "media": "media_clip",
    "sldImg": "slide_image",
    "pic": "picture",
    "vertTitle": "vertical_title",
    "vertBody": "vertical_body",
    "vertObj": "vertical_object",
}
_ANCHORS = {"t": "top", "ctr": "middle", "b": "bottom"}
_ALIGNS = {"l": "left", "ctr": "center", "r": "right"}


@dataclass(frozen=True)
class Placeholder:
    """A placeholder that a slide of its layout gets: its place among the slide's placeholders,
    its box, and how text sits in it (`anchor`: top, middle or bottom; `align`: left, center or right).
    """

    position: int
    box: Box
    anchor: str
    align: str
    color: str | None = None
    """The colour (RRGGBB) its text inherits from the layout, master and theme; None if unset."""
    size: float | None = None
    """The size in points its text inherits from the layout and master; None if unset."""
    levels: tuple[TextLevel, ...] = ()
    """How its text looks at each paragraph level (bullets), as the layout, master and theme set it."""
    insets: Insets | None = None
    """Its inner margins, as the layout and master set them."""
    fill: str | None = None
    """The solid colour (RRGGBB) its own box is filled with, from the layout or master; None if unset."""
    link: str | None = None
    """The colour (RRGGBB) of links in its text where the theme's hyperlink colour does not read
    on what is behind it (`planner.frames.layout_frame`); None: the theme's."""


@dataclass(frozen=True)
class Layout:
    """A slide layout of a template and the placeholders lecturedeck can fill on it."""

    name: str
    title: Placeholder | None
    subtitle: Placeholder | None
    """A subtitle placeholder, else the first body placeholder: the title slide's and sections' second text."""
    body: Placeholder | None
    """The biggest body (or content) placeholder: where bullets and text go."""
    content: Box | None
    """Around every content placeholder: where visuals and columns go."""
    footer: Box | None
    number: Box | None
    placeholders: tuple[tuple[int, str, str], ...]
    """Every placeholder as (index, type, name), for `inspect`."""
    design: str = "cust"
    """The layout's type as PowerPoint records it: 'title', 'obj', 'secHead', 'twoObj', 'titleOnly', ..."""
    samples: tuple[int, ...] = ()
    """The numbers (1-based) of the template's own slides made on this layout."""
    art: tuple[Box, ...] = ()
    """Pictures and filled shapes of the layout and its master that slides on it show."""
    order: int = 0
    """The layout's place among all the template's layouts, master by master."""
    layers: tuple[Layer, ...] = ()
    """The fills a slide on the layout shows behind its text, bottom first."""
    chrome_color: str | None = None
    """The colour the template gives its footer text on this layout; None if unset."""
    number_color: str | None = None
    """The colour the template gives its slide number on this layout; None if unset."""
    byline: tuple[tuple[str, Placeholder], ...] = ()
    """Text placeholders besides the title and subtitle that the layout's prompt text marks for
    the presenter ('author'), the institution or the date, the first of each, in prompt order:
    one placeholder may hold several ("Name, Institution")."""
    date: Placeholder | None = None
    """The date placeholder of the layout, else of its master (position -1: a new slide does not
    get it; the writer adds it as PowerPoint's Header & Footer does)."""
    # The footer and slide number placeholders of the layout, else of its master, read as `date` is.
    footer_slot: Placeholder | None = None
    number_slot: Placeholder | None = None
    texts: tuple[tuple[int, Placeholder], ...] = ()
    """The layout's text (body and content) placeholders by their index, for `theme: placeholders:`."""

    def fill_at(self, position: int | None) -> str | None:
        """Return the solid fill of the placeholder at `position` among a slide's placeholders."""
        slots = (self.title, self.subtitle, self.body, *(slot for _, slot in (*self.texts, *self.byline)))
        return next((slot.fill for slot in slots if slot is not None and slot.position == position), None)


@dataclass(frozen=True)
class TemplateColors:
    """The template's theme colours as RRGGBB, with its master's colour mapping applied."""

    text: str
    background: str
    accent: str
    link: str
    title: str
    """The colour of the master's title text."""


@dataclass(frozen=True)
class Template:
    """What a template offers: its slide size, layouts by name (in master order), fonts and colours."""

    width: Emu
    height: Emu
    layouts: dict[str, Layout]
    heading_font: str
    body_font: str
    colors: TemplateColors
    unlinked: tuple[str, ...] = ()
    """The parts whose links to outside the file were dropped (see `template_package`)."""


# PresentationML's bounds for a slide side (ST_SlideSizeCoordinate): 1 to 56 inches.
_SIDE_EMU = (914_400, 51_206_400)
_RESAVE = "open it in PowerPoint or LibreOffice and save it again as .pptx or .potx"


class TemplateError(Exception):
    """The template cannot be read; the message says what was found instead, `hint` how to fix it."""

    def __init__(self, found: str, hint: str = _RESAVE) -> None:
        self.hint = hint
        super().__init__(found)


def read_template(path: Path | None) -> Template:
    """Return what the .pptx or .potx at `path` offers; the built-in template's for None.

    Raises TemplateError when the file is not a PowerPoint package with a slide master.
    """
    try:
        return _read(None if path is None else read_package(path))
    except TemplateRefused as refused:
        raise TemplateError(refused.found, refused.hint) from None
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, IndexError, SyntaxError) as exc:
        raise TemplateError(f"{type(exc).__name__}: {exc}") from None


# Keyed by the file's bytes, so a template changed on disk is read again: watch mode rebuilds
# many times in one process, and reading a template's layouts is a tenth of a rebuild.
@functools.lru_cache(maxsize=4)
def _read(package: bytes | None) -> Template:
    deck = open_template_bytes(package)
    master = deck.slide_masters[0]
    masters = {id(m): _MasterStyle(m) for m in deck.slide_masters}
    samples = sample_layouts(package)
    size = (deck.slide_width or 0, deck.slide_height or 0)
    layouts = {
        name: replace(
            _read_layout(name, layout, masters[id(layout.slide_master)]),
            design=layout.element.get("type", "cust"),
            samples=tuple(n for n, used in enumerate(samples, start=1) if used == layout.part.partname),
            art=art_boxes(layout.element, layout.slide_master.element, *size),
            order=order,
            layers=slide_layers(
                layout.element,
                layout.slide_master.element,
                masters[id(layout.slide_master)].resolve,
                (_picture_reader(layout.part), _picture_reader(layout.slide_master.part)),
                art_box,
            ),
        )
        for order, (name, layout) in enumerate(layouts_by_name(deck).items())
    }
    theme = ElementTree.fromstring(master.part.part_related_by(RELATIONSHIP_TYPE.THEME).blob)
    style = masters[id(master)]
    width, height = deck.slide_width or 0, deck.slide_height or 0
    if not all(_SIDE_EMU[0] <= side <= _SIDE_EMU[1] for side in (width, height)):
        raise TemplateError(
            f"a slide size of {width:,} × {height:,} EMU, outside 1 to 56 inches a side",
            "set the slide size in PowerPoint (Design > Slide Size) and save the template again",
        )
    return Template(
        Emu(width),
        Emu(height),
        layouts,
        _font(theme, "majorFont"),
        _font(theme, "minorFont"),
        _colors(theme, style),
        clean_template(package).unlinked if package is not None else (),
    )


def _picture_reader(part: Any) -> Callable[[str], bytes | None]:
    """Return a function reading the picture `part` relates to by a relationship id."""

    def read(rel_id: str) -> bytes | None:
        try:
            return bytes(part.related_part(rel_id).blob)
        except (KeyError, AttributeError):
            return None

    return read


class _MasterStyle:
    """A slide master's placeholders by type, colour mapping and text styles."""

    def __init__(self, master: SlideMaster) -> None:
        self.element = master.element
        self.placeholders: dict[str, Any] = {}
        for kind, _, element in _placeholders(self.element):
            self.placeholders.setdefault(kind, element)
        color_map = self.element.find("p:clrMap", _NS)
        self.color_map: dict[str, str] = dict(color_map.attrib) if color_map is not None else {}
        # Each master has a theme of its own: a template's later masters often have other colours.
        theme = ElementTree.fromstring(master.part.part_related_by(RELATIONSHIP_TYPE.THEME).blob)
        self.fonts = (_font(theme, "majorFont"), _font(theme, "minorFont"))
        self.scheme: dict[str, str] = {}
        for slot in theme.findall(f"{_A}themeElements/{_A}clrScheme/*"):
            value = _color_value(slot)
            if value:
                self.scheme[slot.tag.removeprefix(_A)] = value.upper()

    def resolve(self, color: Any) -> str | None:
        """Return the RRGGBB of a colour element: an RGB or system colour, or a theme colour
        through this master's colour mapping, with its tints and shades (`colors.MODIFIERS`);
        None for a colour it cannot name.
        """
        if color.tag.endswith("schemeClr"):
            name = str(color.get("val", ""))
            value = self.scheme.get(self.color_map.get(name, name))
        else:
            value = _color_value([color])
        if not value:
            return None
        # A tint or shade of it (PowerPoint's "lighter 40%"), as it is drawn.
        changes = [(child.tag.removeprefix(_A), int(child.get("val", 100000))) for child in color]
        return modified(value.upper(), [change for change in changes if change[0] in MODIFIERS])

    def counterpart(self, kind: str) -> Any:
        """Return the master placeholder a layout placeholder of `kind` inherits from, or None."""
        return self.placeholders.get(_MASTER_TYPE.get(kind, "body"))

    def text_style(self, kind: str, level: str = "/a:lvl1pPr") -> Any:
        """Return the master's first-level paragraph style for text in placeholders of `kind`
        (with `level` empty: the style of every level).
        """
        style = "titleStyle" if kind in _TITLES else "bodyStyle"
        return self.element.find(f"p:txStyles/p:{style}{level}", _NS)


def _placeholders(tree_owner: Any) -> list[tuple[str, int, Any]]:
    """Return the placeholders of a master or layout in document order: (type, index, element).

    Read from the XML directly: python-pptx's placeholder properties run an XPath each, which
    made reading a template several times slower.
    """
    found = []
    for shape in tree_owner.findall("p:cSld/p:spTree/*", _NS):
        placeholder = shape.find("*/p:nvPr/p:ph", _NS)
        if placeholder is not None:
            kind = placeholder.get("type", "obj")
            # Vertical text reads top to bottom: no place for a title or bullets.
            if placeholder.get("orient") == "vert":
                kind = f"vert{kind[0].upper()}{kind[1:]}"
            found.append((kind, int(placeholder.get("idx", "0")), shape))
    return found


def _read_layout(name: str, layout: SlideLayout, master: _MasterStyle) -> Layout:
    every = _placeholders(layout.element)
    cloned = [(kind, index, element) for kind, index, element in every if kind not in _CHROME]
    slots = [
        (kind, _placeholder(position, kind, element, master)) for position, (kind, _, element) in enumerate(cloned)
    ]
    text = [slot for kind, slot in slots if kind in _TEXT]
    body = max(text, key=lambda slot: slot.box.width * slot.box.height, default=None)
    chrome = {kind: element for kind, _, element in every if kind in _CHROME}
    # A title slide's first text placeholder is its subtitle: later ones hold the author, the
    # date or the institution, and are often bigger. One whose prompt asks for those is passed over.
    plain = [slot for (kind, slot), (_, _, element) in zip(slots, cloned, strict=True)
             if kind in _TEXT and not names_a_byline_part(element)]  # fmt: skip
    subtitle = next((slot for kind, slot in slots if kind == "subTitle"), (plain or text or [None])[0])
    return Layout(
        name,
        next((slot for kind, slot in slots if kind in _TITLES), None),
        subtitle,
        body,
        _around([slot.box for kind, slot in slots if kind in _CONTENT]),
        _chrome_box("ftr", chrome, master),
        _chrome_box("sldNum", chrome, master),
        tuple(
            (index, _TYPE_NAMES.get(kind, kind), str(element.find("*/p:cNvPr", _NS).get("name", "")))
            for kind, index, element in every
        ),
        chrome_color=_chrome_color("ftr", chrome, master),
        number_color=_chrome_color("sldNum", chrome, master),
        byline=byline_by_prompt(
            [(slot, element) for (kind, slot), (_, _, element) in zip(slots, cloned, strict=True) if kind in _TEXT],
            subtitle,
        ),
        texts=tuple(
            (index, slot)
            for (kind, slot), (_, index, _) in zip(slots, cloned, strict=True)
            if kind in (*_TEXT, "subTitle")
        ),
        date=_chrome_placeholder("dt", chrome, master),
        footer_slot=_chrome_placeholder("ftr", chrome, master),
        number_slot=_chrome_placeholder("sldNum", chrome, master),
    )


def _chrome_color(kind: str, layout: dict[str, Any], master: _MasterStyle) -> str | None:
    chain = [element for element in (layout.get(kind), master.placeholders.get(kind)) if element is not None]
    return _text_color(chain, None, master) if chain else None


def _chrome_placeholder(kind: str, layout: dict[str, Any], master: _MasterStyle) -> Placeholder | None:
    element = layout.get(kind, master.placeholders.get(kind))
    return _placeholder(-1, kind, element, master) if element is not None else None


def _placeholder(position: int, kind: str, element: Any, master: _MasterStyle) -> Placeholder:
    inherited = master.counterpart(kind)
    chain = [element, inherited] if inherited is not None else [element]
    box = next((box for box in map(_box, chain) if box is not None), Box(Emu(0), Emu(0), Emu(0), Emu(0)))
    anchor = _first(chain, "anchor", "p:txBody/a:bodyPr")
    # PowerPoint keeps alignment in the list style; LibreOffice on the placeholder's paragraph.
    align = _first(chain, "algn", "p:txBody/a:lstStyle/a:lvl1pPr", "p:txBody/a:p/a:pPr")
    # Footers, dates and numbers take no title or body style: their placeholders' own, else ours.
    style = master.text_style(kind) if kind not in _CHROME else None
    if align is None and style is not None:
        align = style.get("algn")
    size = _first(chain[:1], "sz", "p:txBody/a:lstStyle/a:lvl1pPr/a:defRPr") or _first(
        chain[1:], "sz", "p:txBody/a:lstStyle/a:lvl1pPr/a:defRPr", "p:txBody/a:p/a:r/a:rPr"
    )
    if size is None and style is not None:
        found = style.find("a:defRPr", _NS)
        size = found.get("sz") if found is not None else None
    return Placeholder(
        position,
        box,
        _ANCHORS.get(anchor or "t", "top"),
        _ALIGNS.get(align or "l", "left"),
        _text_color(chain, style, master),
        int(size) / 100 if size else None,
        read_levels(chain, style if style is None else master.text_style(kind, ""), master.resolve, master.fonts),
        read_insets(chain),
        fill=read_fill(chain, master.resolve),
    )


# Where a placeholder sets its text colour: PowerPoint in the list style; LibreOffice writes a
# master's on its runs. A layout's runs are only its prompt text, which slides do not inherit.
_LIST_COLOR = "p:txBody/a:lstStyle/a:lvl1pPr/a:defRPr/a:solidFill/*"
_RUN_COLORS = ("p:txBody/a:p/a:r/a:rPr/a:solidFill/*", "p:txBody/a:p/a:endParaRPr/a:solidFill/*")


def _text_color(chain: Sequence[Any], style: Any, master: _MasterStyle) -> str | None:
    """Return the colour text in a placeholder inherits: from the layout's placeholder, the
    master's, then the master's text style.
    """
    fills = [chain[0].find(_LIST_COLOR, _NS)]
    fills += [element.find(path, _NS) for element in chain[1:] for path in (_LIST_COLOR, *_RUN_COLORS)]
    if style is not None:
        fills.append(style.find("a:defRPr/a:solidFill/*", _NS))
    return next((color for color in (master.resolve(f) for f in fills if f is not None) if color), None)


def _first(elements: Sequence[Any], attribute: str, *paths: str) -> str | None:
    """Return the first `attribute` set on an element at one of `paths` under the first of
    `elements` that has one.
    """
    for element in elements:
        for path in paths:
            found = element.find(path, _NS)
            if found is not None and found.get(attribute):
                return str(found.get(attribute))
    return None


def _box(element: Any) -> Box | None:
    offset = element.find("p:spPr/a:xfrm/a:off", _NS)
    extent = element.find("p:spPr/a:xfrm/a:ext", _NS)
    if offset is None or extent is None:
        return None
    edges = ((offset, "x"), (offset, "y"), (extent, "cx"), (extent, "cy"))
    return Box(*(Emu(int(element.get(name, 0))) for element, name in edges))


def _chrome_box(kind: str, layout: dict[str, Any], master: _MasterStyle) -> Box | None:
    chain = [element for element in (layout.get(kind), master.placeholders.get(kind)) if element is not None]
    return next((box for box in map(_box, chain) if box is not None), None)


def _around(boxes: Sequence[Box]) -> Box | None:
    if not boxes:
        return None
    left, top = min(box.left for box in boxes), min(box.top for box in boxes)
    right, bottom = max(box.right for box in boxes), max(box.bottom for box in boxes)
    return Box(Emu(left), Emu(top), Emu(right - left), Emu(bottom - top))


def _font(theme: ElementTree.Element, which: str) -> str:
    latin = theme.find(f"{_A}themeElements/{_A}fontScheme/{_A}{which}/{_A}latin")
    typeface = latin.get("typeface", "") if latin is not None else ""
    return typeface or "Calibri"


def _colors(theme: ElementTree.Element, master: _MasterStyle) -> TemplateColors:
    scheme: dict[str, str] = {}
    for slot in theme.findall(f"{_A}themeElements/{_A}clrScheme/*"):
        value = _color_value(slot)
        if value:
            scheme[slot.tag.removeprefix(_A)] = value

    def mapped(name: str, default: str) -> str:
        return scheme.get(master.color_map.get(name, name), default)

    text = mapped("tx1", "000000")
    # PowerPoint keeps the title colour in the master's title style; LibreOffice on its runs.
    sources = [s for s in (master.text_style("title"), master.placeholders.get("title")) if s is not None]
    fills = [s.find(path, _NS) for s in sources for path in ("a:defRPr/a:solidFill/*", ".//a:r/a:rPr/a:solidFill/*")]
    fill = next((f for f in fills if f is not None), None)
    title = None
    if fill is not None:
        kind = fill.tag.removeprefix(_A)
        title = mapped(fill.get("val", ""), text) if kind == "schemeClr" else _color_value([fill])
    return TemplateColors(
        text=text.upper(),
        background=mapped("bg1", "FFFFFF").upper(),
        accent=mapped("accent1", "1F4E79").upper(),
        link=mapped("hlink", "1D5FA6").upper(),
        title=(title or text).upper(),
    )


def _color_value(colors: Iterable[Any]) -> str | None:
    """Return the first RGB or system colour of `colors` as RRGGBB, or None."""
    for color in colors:
        if color.tag == f"{_A}srgbClr":
            return color.get("val")
        if color.tag == f"{_A}sysClr":
            return color.get("lastClr")
    return None
