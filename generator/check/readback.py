"""A summary of a written .pptx, read back with python-pptx: what a person opening it would see."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from pptx import Presentation as open_presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.shapes.base import BaseShape
from pptx.shapes.group import GroupShape
from pptx.text.text import TextFrame

from .written import paragraph_text

_TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)


@dataclass(frozen=True)
class ShapeSummary:
    """One shape: its kind, name, text, alt text and box (EMU)."""

    kind: str
    name: str
    text: str
    alt: str
    left: int
    top: int
    width: int
    height: int
    children: tuple[ShapeSummary, ...] = ()


@dataclass(frozen=True)
class SlideSummary:
    """One slide: number, layout name, title, shapes in reading order, notes text."""

    number: int
    layout: str
    title: str
    shapes: tuple[ShapeSummary, ...]
    notes: str


@dataclass(frozen=True)
class DeckSummary:
    """A whole written deck."""

    width: int
    height: int
    slides: tuple[SlideSummary, ...]

    @property
    def titles(self) -> list[str]:
        return [slide.title for slide in self.slides]

    def to_json(self) -> dict[str, object]:
        """Return the summary as plain data for `inspect --json`."""
        return {
            "width": self.width,
            "height": self.height,
            "slides": [
                {
                    "number": s.number,
                    "layout": s.layout,
                    "title": s.title,
                    "notes": s.notes,
                    "shapes": [_shape_json(shape) for shape in s.shapes],
                }
                for s in self.slides
            ],
        }


def _shape_json(shape: ShapeSummary) -> dict[str, object]:
    data: dict[str, object] = {
        "kind": shape.kind,
        "name": shape.name,
        "text": shape.text,
        "alt": shape.alt,
        "box": [shape.left, shape.top, shape.width, shape.height],
    }
    if shape.children:
        data["children"] = [_shape_json(child) for child in shape.children]
    return data


def read_deck(path: Path | BinaryIO) -> DeckSummary:
    """Return the summary of the .pptx at `path`, or in the file `path` (raises what python-pptx
    raises on a bad file)."""
    deck = open_presentation(path if not isinstance(path, Path) else str(path))
    slides = []
    for number, slide in enumerate(deck.slides, start=1):
        title = ""
        for shape in slide.placeholders:
            if shape.placeholder_format.type in _TITLE_TYPES:
                title = _frame_text(shape.text_frame)
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        slides.append(
            SlideSummary(
                number, slide.slide_layout.name, title, tuple(_summarise(shape) for shape in slide.shapes), notes or ""
            )
        )
    return DeckSummary(int(deck.slide_width or 0), int(deck.slide_height or 0), tuple(slides))


def _frame_text(frame: TextFrame) -> str:
    """Return the frame's text as python-pptx's `text` does, with each equation's fallback text in it."""
    return "\n".join(paragraph_text(paragraph._p) for paragraph in frame.paragraphs)


def _summarise(shape: BaseShape) -> ShapeSummary:
    kind = (
        "placeholder" if shape.is_placeholder else str(shape.shape_type.name if shape.shape_type else "other").lower()
    )
    text = _frame_text(shape.text_frame) if shape.has_text_frame else ""
    alt = shape.element.xpath("./*[1]/p:cNvPr/@descr")
    children: tuple[ShapeSummary, ...] = ()
    if shape.shape_type == MSO_SHAPE_TYPE.GROUP and isinstance(shape, GroupShape):
        children = tuple(_summarise(child) for child in shape.shapes)
    return ShapeSummary(
        kind,
        shape.name,
        text,
        str(alt[0]) if alt else "",
        int(shape.left or 0),
        int(shape.top or 0),
        int(shape.width or 0),
        int(shape.height or 0),
        children,
    )
