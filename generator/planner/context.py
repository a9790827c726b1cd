"""The state of planning one deck, shared by every planning module: theme, assets, problems, styles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..assets import Assets
from ..diagnostics import Diagnostic
from ..diagram_plan import DiagramStyle, NativeDiagram
from ..geometry import Box
from ..inline import parse_inline
from ..plan import Align, Paragraph, TextStyle
from ..textfit import code_size_pt
from ..units import Pt
from ..validate import ValidDeck
from .frames import Frame, built_in_frame, layout_frame

if TYPE_CHECKING:
    from ..theme import Theme
    from ..theme.template import Layout

CHECKED = "this is a bug in lecturedeck: theme.load_theme checks that each layout has the placeholders used"


class Planner:
    """Plans one deck; holds the theme, the assets and the diagnostics found on the way."""

    def __init__(self, valid: ValidDeck, theme: Theme, assets: Assets) -> None:
        self.valid = valid
        self.deck = valid.deck
        self.theme = theme
        self.assets = assets
        self.problems: list[Diagnostic] = []
        self.slide_number = 0
        """The number of the slide being planned, for the messages that name it."""
        self.footers_fitted: set[Box] = set()
        """The footer boxes whose text has been measured (the footer is the same on every slide)."""
        self.frame = built_in_frame(theme)
        self._frames: dict[str, Frame] = {}
        self.native_diagrams: dict[tuple[int, Box, DiagramStyle, str], tuple[NativeDiagram, tuple[str, ...]]] = {}
        """Native diagrams planned so far, by layout, box, style and alt text: a diagram many
        slides show (a named one) is planned once."""

    def frame_of(self, layout: Layout) -> Frame:
        """Return the regions of a slide on `layout` (see `frames.layout_frame`), worked out once
        per layout: reading what is behind its body samples the template's art."""
        if layout.name not in self._frames:
            self._frames[layout.name] = layout_frame(self.theme, self.frame, layout)
        return self._frames[layout.name]

    def style(
        self,
        size: Pt,
        color: str | None = None,
        *,
        bold: bool = False,
        heading: bool = False,
        on_accent: bool = False,
        font: str | None = None,
    ) -> TextStyle:
        c = self.theme.colors
        font = font or (self.theme.heading_font if heading else self.theme.body_font)
        return TextStyle(
            font=font,
            code_font=self.theme.code_font,
            size=size,
            color=color or c.text,
            link_color=c.on_accent if on_accent else c.link,
            bold=bold,
            code_size=Pt(code_size_pt(size.pt, font, self.theme.code_font)),
        )

    def paragraph(
        self,
        text: str,
        style: TextStyle,
        *,
        level: int | None = None,
        align: Align = Align.LEFT,
        space_before: Pt = Pt(0),
    ) -> Paragraph:
        return Paragraph(parse_inline(text), style, level, align, space_before)

    def notes(self, notes: str | None) -> tuple[Paragraph, ...]:
        if not notes:
            return ()
        style = self.style(Pt(12))
        blocks = [block.strip() for block in notes.split("\n\n") if block.strip()]
        return tuple(Paragraph(parse_inline(" ".join(block.split("\n"))), style) for block in blocks)
