"""A written .pptx read once for the checks on it: part names, XML parts, and what each slide shows."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
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

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.names = set(archive.namelist())
        self._slides: dict[str, SlideFacts] = {}

    @classmethod
    @contextmanager
    def open(cls, path: Path) -> Iterator[WrittenPackage]:
        """Yield the package at `path`, open until the block ends (raises what zipfile raises)."""
        with zipfile.ZipFile(path) as archive:
            yield cls(archive)

    def xml(self, name: str) -> ElementTree.Element:
        """Return the part `name` parsed (raises KeyError if there is none)."""
        return ElementTree.fromstring(self.archive.read(name))

    def slide(self, name: str) -> SlideFacts:
        """Return the facts of the slide part `name`."""
        found = self._slides.get(name)
        if found is None:
            found = self._slides[name] = _slide_facts(self.xml(name))
        return found


def _slide_facts(slide: ElementTree.Element) -> SlideFacts:
    ids = tuple(element.get("id") for element in slide.iter() if element.tag.endswith("}cNvPr"))
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
    return "\n".join(_paragraph_text(paragraph) for paragraph in body.iterfind(f"{_A}p"))


def _paragraph_text(paragraph: ElementTree.Element) -> str:
    parts = []
    for child in paragraph:
        if child.tag == f"{_A}br":
            parts.append("\v")
        elif child.tag in (f"{_A}r", f"{_A}fld"):
            text = child.find(f"{_A}t")
            parts.append((text.text or "") if text is not None else "")
    return "".join(parts)
