"""A written .pptx read once for the checks on it: part names, XML parts, and what each slide shows."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from ..ooxml import NAMESPACES, clark
from ..reproducible import ZipEntries

_P = clark("p")
_MC = clark("mc")
_A = clark("a")
# What python-pptx counts as a shape on a slide, and the title placeholder types (PP_PLACEHOLDER).
_SHAPE_TAGS = {f"{_P}{tag}" for tag in ("sp", "grpSp", "graphicFrame", "cxnSp", "pic", "contentPart")}
_TITLE_TYPES = ("title", "ctrTitle")


@dataclass(frozen=True)
class FirstShape:
    """The first shape of a slide in reading order: its name, its text, whether it is a placeholder."""

    name: str
    text: str
    placeholder: bool


@dataclass(frozen=True)
class SlideFacts:
    """What the checks need of one slide's XML, read as python-pptx reads it."""

    ids: tuple[str | None, ...]
    """The `id` of every `cNvPr` (the shapes' ids), in document order."""
    title: str
    """The text of the last title placeholder; "" without one."""
    first: FirstShape | None


class WrittenPackage:
    """The zip of a written deck: its part names, its XML parts, and each slide's facts read once.

    A slide is parsed once for all the checks and only its facts are kept, so checking a deck
    of thousands of slides neither parses them twice nor holds them all in memory.
    """

    def __init__(self, entries: ZipEntries) -> None:
        self._entries = entries
        self.names = {info.filename for info in entries.infos}
        self._slides: dict[str, SlideFacts] = {}

    @classmethod
    @contextmanager
    def open(cls, path: Path) -> Iterator[WrittenPackage]:
        """Yield the package at `path`, open until the block ends (raises what zipfile raises)."""
        with ZipEntries(path) as entries:
            yield cls(entries)

    def data(self, name: str) -> bytes:
        """Return the bytes of the part `name` (raises KeyError if there is none)."""
        return self._entries.read_name(name)

    def xml(self, name: str) -> ElementTree.Element:
        """Return the part `name` parsed (raises KeyError if there is none)."""
        return ElementTree.fromstring(self._entries.read_name(name))

    def slide(self, name: str) -> SlideFacts:
        """Return the facts of the slide part `name`."""
        found = self._slides.get(name)
        if found is None:
            found = self._slides[name] = _slide_facts(self._entries.read_name(name))
        return found


def _slide_facts(data: bytes) -> SlideFacts:
    """Return the facts of a slide's XML.

    A slide of a diagram is mostly the diagram's group, thousands of elements the facts do not
    depend on (but for their ids): the ids are read from the text, and the groups' contents
    left out before the XML is parsed. Any XML this cannot read that way is parsed whole.
    """
    ids = tuple(_id(match.group(1)) for match in _SHAPE_PROPERTIES.finditer(data))
    slide = ElementTree.fromstring(_without_group_contents(data))
    tree = slide.find(f"{_P}cSld/{_P}spTree")
    shapes = [child for child in tree if child.tag in _SHAPE_TAGS] if tree is not None else []
    title = ""
    for shape in shapes:
        placeholder = _placeholder(shape)
        if placeholder is not None and placeholder.get("type", "obj") in _TITLE_TYPES:
            title = _text(shape)
    first = None
    if shapes:
        properties = shapes[0][0].find(f"{_P}cNvPr") if len(shapes[0]) else None
        first = FirstShape(
            properties.get("name", "") if properties is not None else "",
            _text(shapes[0]),
            _placeholder(shapes[0]) is not None,
        )
    return SlideFacts(ids, title, first)


def _placeholder(shape: ElementTree.Element) -> ElementTree.Element | None:
    """Return the shape's `p:ph` (under its first child's `p:nvPr`), or None if it is no placeholder."""
    return shape[0].find(f"{_P}nvPr/{_P}ph") if len(shape) else None


def _text(shape: ElementTree.Element) -> str:
    """Return a shape's text as python-pptx's `text_frame.text` gives it ("" for shapes without text)."""
    if shape.tag != f"{_P}sp":
        return ""
    body = shape.find(f"{_P}txBody")
    if body is None:
        return ""
    return "\n".join(paragraph_text(paragraph) for paragraph in body.iterfind(f"{_A}p"))


def paragraph_text(paragraph: ElementTree.Element) -> str:
    """Return the `a:p`'s text (ElementTree's or lxml's); an equation counts as its fallback text
    (written out, or its LaTeX), which python-pptx's `text` leaves out."""
    parts = []
    for child in paragraph:
        if child.tag == f"{_A}br":
            parts.append("\v")
        elif child.tag in (f"{_A}r", f"{_A}fld"):
            text = child.find(f"{_A}t")
            parts.append((text.text or "") if text is not None else "")
        elif child.tag == f"{_MC}AlternateContent":
            parts.extend(text.text or "" for text in child.iterfind(f"{_MC}Fallback/{_A}r/{_A}t"))
    return "".join(parts)


# The start tag of an element named cNvPr (a shape's id, name and alt text), in any namespace.
_SHAPE_PROPERTIES = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?cNvPr((?:\s[^>]*)?)/?>")
_ID = re.compile(rb'\sid="([^"]*)"')
_P_DECLARATION = f'xmlns:p="{NAMESPACES["p"]}"'.encode()
_GROUP = re.compile(rb"<p:grpSp>|</p:grpSp>|<p:grpSpPr\b")


def _id(attributes: bytes) -> str | None:
    found = _ID.search(attributes)
    return found.group(1).decode() if found else None


def _without_group_contents(data: bytes) -> bytes:
    """Return the slide's XML with each group's shapes left out, its own properties kept.

    Only for XML as lxml writes it (the `p` prefix declared on the root, no comments or CDATA);
    anything else is returned as it is.
    """
    if _P_DECLARATION not in data[:1000] or b"<!--" in data or b"<![CDATA[" in data:
        return data
    kept: list[bytes] = []
    position = depth = 0
    cut = -1
    for match in _GROUP.finditer(data):
        token = match.group(0)
        if token == b"<p:grpSp>":
            depth += 1
        elif token == b"</p:grpSp>":
            depth -= 1
            if depth == 0 and cut >= 0:
                kept.append(data[position:cut])
                position, cut = match.start(), -1
            if depth < 0:
                return data
        elif depth == 1 and cut < 0:
            # The outer group's own properties end here; its shapes follow, up to its end tag.
            end = data.find(b">", match.end())
            close = data.find(b"</p:grpSpPr>", end)
            if end < 0:
                return data
            cut = close + len(b"</p:grpSpPr>") if data[end - 1 : end] != b"/" and close >= 0 else end + 1
    if depth != 0:
        return data
    kept.append(data[position:])
    return b"".join(kept)
