"""The planned presentation: every slide, shape and box decided, ready to transcribe."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from .diagnostics import SourcePos
from .geometry import Box
from .inline import Run
from .units import Emu, Pt

if TYPE_CHECKING:
    from .diagram_plan import NativeDiagram

INSET_X = Emu(91440)
"""Left and right inner margin of every text box (0.1 in, PowerPoint's default)."""
INSET_Y = Emu(45720)
"""Top and bottom inner margin of every text box (0.05 in, PowerPoint's default)."""


class Align(StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


class Anchor(StrEnum):
    TOP = "top"
    MIDDLE = "middle"
    BOTTOM = "bottom"


@dataclass(frozen=True)
class TextStyle:
    """How a paragraph's runs look unless a run says otherwise."""

    font: str
    code_font: str
    size: Pt
    color: str
    link_color: str
    bold: bool = False
    code_size: Pt | None = None
    """The size of inline code, set so it looks as large as the text (None: the text's size)."""


@dataclass(frozen=True)
class Paragraph:
    """One paragraph: its runs, bullet level (None: no bullet) and look."""

    runs: tuple[Run, ...]
    style: TextStyle
    level: int | None = None
    align: Align = Align.LEFT
    space_before: Pt = Pt(0)
    margin: Emu | None = None
    """Where the text starts from the box's inset; None: `bullet_margin(level)` for a bullet, else 0."""
    line_spacing: float = 1.0
    """A share of single spacing."""
    inherited: frozenset[str] = frozenset()
    """What the writer leaves to the template's placeholder, of 'font', 'size', 'color', 'bold',
    'bullet', 'spacing' and 'align': the planned values are the template's, for measuring and checks."""

    @property
    def drawn_runs(self) -> tuple[Run, ...]:
        """Return the runs as they are drawn, so as they are measured: all bold in a bold style."""
        if not self.style.bold:
            return self.runs
        return tuple(replace(run, bold=True) for run in self.runs)

    @property
    def indent(self) -> Emu:
        """Return where the text starts from the box's inset."""
        if self.margin is not None:
            return self.margin
        return bullet_margin(self.level) if self.level is not None else Emu(0)


class Role(StrEnum):
    """What a text shape is for; the writer puts titles and subtitles in placeholders."""

    TITLE = "title"
    SUBTITLE = "subtitle"
    BODY = "body"
    TEXT = "text"
    CHROME = "chrome"
    """Footer, slide number and source line: small by design, exempt from the body-size check."""


@dataclass(frozen=True)
class TextBox:
    """Text in a box: a placeholder (title, subtitle, body) or a free text box."""

    box: Box
    paragraphs: tuple[Paragraph, ...]
    role: Role
    pos: SourcePos
    anchor: Anchor = Anchor.TOP
    fill: str | None = None
    name: str = "Text"
    slide_number: bool = False
    """The box holds the slide number as a field that PowerPoint keeps up to date."""
    padding_x: Emu = INSET_X
    """Inner margin left and right of the text."""
    padding_y: Emu = INSET_Y
    """Inner margin above and below the text."""
    placeholder: int | None = None
    """The layout placeholder the text goes in, by its place among the slide's placeholders;
    None for a text box of its own."""
    inherit_frame: bool = False
    """The insets and anchor are the placeholder's own (the padding and anchor planned are its
    values): the writer leaves them to the template."""


@dataclass(frozen=True)
class Picture:
    """An image scaled into its box (aspect kept), with alternative text."""

    box: Box
    image: Path | None
    """The raster image; the fallback for viewers without SVG when `svg` is set. None until the
    fallback of `fallback_px` pixels wide is drawn, after planning."""
    alt: str
    pos: SourcePos
    name: str = "Picture"
    svg: Path | None = None
    """The same picture as SVG, shown instead of `image` wherever SVG is supported."""
    decorative: bool = False
    """The deck marks it decorative (`alt: ""`): screen readers skip it."""
    fallback_px: int = 0
    """Width of the PNG fallback to draw for `svg`: twice the picture's width at 96 dpi."""


@dataclass(frozen=True)
class Rule:
    """A decorative filled rectangle (accent bars); marked decorative for screen readers."""

    box: Box
    fill: str


@dataclass(frozen=True)
class Diagram:
    """A Graphviz diagram drawn as native, editable shapes in one group."""

    diagram: NativeDiagram
    pos: SourcePos
    name: str = "Diagram"
    decorative: bool = False
    """The deck marks it decorative (`alt: ""`): screen readers skip it."""

    @property
    def alt(self) -> str:
        return self.diagram.alt


@dataclass(frozen=True)
class TableCell:
    """One cell of a table: its text and the colour behind it."""

    paragraph: Paragraph
    fill: str


@dataclass(frozen=True)
class Table:
    """A native PowerPoint table; its first row is the header."""

    box: Box
    column_widths: tuple[Emu, ...]
    """Widths of the columns, left to right; they add up to the box's width."""
    row_heights: tuple[Emu, ...]
    """Heights of the rows, top to bottom, as measured; they add up to the box's height."""
    rows: tuple[tuple[TableCell, ...], ...]
    pos: SourcePos
    name: str = "Table"


@dataclass(frozen=True)
class CodeRun:
    """A stretch of a line of code in one colour."""

    text: str
    color: str
    italic: bool = False


@dataclass(frozen=True)
class Listing:
    """A code listing on a card: one paragraph per line, in the code font, never proofed."""

    box: Box
    lines: tuple[tuple[CodeRun, ...], ...]
    font: str
    size: Pt
    fill: str
    pos: SourcePos
    padding: Emu
    """Inner margin on every side of the card."""
    name: str = "Code"


Shape = TextBox | Picture | Rule | Diagram | Table | Listing


@dataclass(frozen=True)
class SlidePlan:
    """One slide: the layout it is based on, its shapes in reading order, and its notes."""

    layout_name: str
    title: str
    shapes: tuple[Shape, ...]
    notes: tuple[Paragraph, ...]
    pos: SourcePos
    background: str = "FFFFFF"
    content: bool = True
    """A content slide (not the title or a section slide): its body text must be readable at 18 pt."""
    paint_background: bool = True
    """Paint `background` on the slide; False lets the layout's own background show (a template's),
    and `background` is then only what text is checked against."""


@dataclass(frozen=True)
class Presentation:
    """The whole deck, ready for the writer."""

    width: Emu
    height: Emu
    slides: tuple[SlidePlan, ...]
    title: str
    author: str | None
    subject: str | None
    language: str
    template: Path | None = None
    """The .pptx or .potx the slides are added to; None for the built-in template."""


def bullet_margin(level: int) -> Emu:
    """Return the left margin of a bullet paragraph at `level` (0-based); the bullet hangs in it."""
    return Emu(228600 + level * 342900)


BULLET_HANG = Emu(228600)
"""How far the bullet character hangs left of its text (0.25 in)."""

CARD_CORNER = 0.04
"""Corner radius of a filled text box (a column's card), as a share of its shorter side."""
CODE_CORNER = 0.03
"""Corner radius of a code listing's card, as a share of its shorter side."""


def corner_inset(box: Box, corner: float) -> Emu:
    """Return how far a rounded rectangle's corners push its text in from each side.

    PowerPoint and LibreOffice lay text out in the preset's text rectangle, inset from the box by
    the corner radius times 1 - 1/sqrt(2) (0.29289), besides the text frame's own margins.
    """
    return Emu(math.ceil(corner * min(box.width, box.height) * 0.29289))
