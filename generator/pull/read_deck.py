"""An edited deck read back: each slide's shapes, their paragraphs in deck syntax, and the notes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.exc import PackageNotFoundError
from pptx.shapes.base import BaseShape
from pptx.text.text import _Paragraph

from ..inline import Run
from ..ooxml import clark
from .markup import runs_to_markup

_A = clark("a")
_FIRST_MARGIN = 228600
_LEVEL_STEP = 342900
"""A bullet's left margin: 0.25 in, then 0.375 in a level (`plan.bullet_margin`)."""
_TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)


@dataclass
class ReadShape:
    """A shape as the deck holds it now: its kind (title, text, table, diagram, picture, rule), box and text."""

    kind: str
    box: tuple[int, int, int, int]
    paragraphs: list[tuple[int | None, tuple[Run, ...]]] = field(default_factory=list)
    """(bullet level or None, runs) per paragraph."""
    lines: list[str] = field(default_factory=list)
    """The paragraphs' plain texts (code is read as text)."""
    grid: tuple[int, int] = (0, 0)
    colors: set[str] = field(default_factory=set)
    """Every colour (RRGGBB) set in the shape: fills, text and lines."""
    labels: dict[str, str] = field(default_factory=dict)
    """A diagram's texts by the name of the shape showing them, lines joined by newlines."""


@dataclass
class ReadSlide:
    number: int
    shapes: list[ReadShape]
    notes: list[str]


def read_deck(path: Path, code_font: str) -> list[ReadSlide] | None:
    """Return the slides of the deck at `path`, or None if it is not a deck python-pptx can open."""
    try:
        deck = Presentation(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError):
        return None
    slides = []
    for number, slide in enumerate(deck.slides, start=1):
        shapes = [_shape(shape, code_font) for shape in slide.shapes]
        notes: list[str] = []
        if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None:
            notes = [runs_to_markup(_runs(p, code_font)[1]) for p in slide.notes_slide.notes_text_frame.paragraphs]
            notes = [" ".join(text.split()) for text in notes if text.strip()]
        slides.append(ReadSlide(number, shapes, notes))
    return slides


def _shape(shape: BaseShape, code_font: str) -> ReadShape:
    read = _content(shape, code_font)
    # LibreOffice writes colours out for a shape's style (p:style) and the end of each paragraph
    # (a:endParaRPr), which do not show, and gives links its own colour: those are not compared.
    shown = ".//a:srgbClr[not(ancestor::p:style or ancestor::a:endParaRPr or ancestor::a:rPr[a:hlinkClick])]/@val"
    read.colors = {value.upper() for value in shape.element.xpath(shown)}
    return read


def _content(shape: BaseShape, code_font: str) -> ReadShape:
    box = (int(shape.left or 0), int(shape.top or 0), int(shape.width or 0), int(shape.height or 0))
    if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
        labels = {
            child.name: "\n".join(p.text.replace("\v", "\n") for p in child.text_frame.paragraphs)
            for child in shape.shapes  # type: ignore[attr-defined]
            if child.has_text_frame and child.text_frame.text.strip()
        }
        return ReadShape("diagram", box, labels=labels)
    if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
        return ReadShape("picture", box)
    if getattr(shape, "has_table", False):
        table = shape.table  # type: ignore[attr-defined]
        cells = [_runs(cell.text_frame.paragraphs[0], code_font) for row in table.rows for cell in row.cells]
        read = ReadShape("table", box, cells, [cell.text_frame.text for row in table.rows for cell in row.cells])
        read.grid = (len(table.rows), len(table.columns))
        return read
    if not shape.has_text_frame or not shape.text_frame.text.strip():  # type: ignore[attr-defined]
        return ReadShape("rule", box)
    frame = shape.text_frame  # type: ignore[attr-defined]
    paragraphs = [_runs(p, code_font) for p in frame.paragraphs]
    lines = [p.text.replace("\v", "\n") for p in frame.paragraphs]
    while paragraphs and not "".join(run.text for run in paragraphs[-1][1]).strip():
        paragraphs.pop()
        lines.pop()
    kind = "title" if shape.is_placeholder and shape.placeholder_format.type in _TITLES else "text"
    return ReadShape(kind, box, paragraphs, lines)


def _runs(paragraph: _Paragraph, code_font: str) -> tuple[int | None, tuple[Run, ...]]:
    """Return a paragraph's bullet level (None: no bullet) and its runs."""
    runs = []
    for run in paragraph.runs:
        link = run.hyperlink.address if run.hyperlink is not None else None
        font = run.font
        # A line break inside a paragraph is a space in deck text.
        text = run.text.replace("\v", " ")
        runs.append(Run(text, bool(font.bold), bool(font.italic), bool(code_font) and font.name == code_font, link))
    return _level(paragraph), tuple(runs)


def plain(runs: tuple[Run, ...]) -> str:
    """Return the text of `runs`, spaces collapsed as the planner collapses them."""
    return " ".join("".join(run.text for run in runs).split())


def markup(runs: tuple[Run, ...], *, bold: bool) -> str:
    """Return `runs` in deck syntax, spaces collapsed; `bold`: the paragraph's style is bold."""
    return " ".join(runs_to_markup(runs, bold=bold).split())


def _level(paragraph: _Paragraph) -> int | None:
    properties = paragraph._p.pPr
    if properties is None or properties.find(f"{_A}buNone") is not None:
        return None
    if properties.find(f"{_A}buChar") is None and properties.find(f"{_A}buAutoNum") is None:
        # A bullet in a template's placeholder takes its mark from the template, by its level.
        return paragraph.level
    margin = int(properties.get("marL", _FIRST_MARGIN))
    return max(paragraph.level, round((margin - _FIRST_MARGIN) / _LEVEL_STEP), 0)
