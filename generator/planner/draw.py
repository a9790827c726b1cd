"""What a slide kind's planning function is handed: the slide's place, and the planner's bodies and parts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..diagnostics import SourcePos
from ..geometry import Box
from ..inline import Run
from ..located import where
from ..model import Bullet, QuoteSpec, SlideBase, TitledSlide
from ..plan import Role, Shape, SlidePlan, TextBox
from ..units import Pt
from .columns import columns_body
from .content import chrome, content_slide, in_placeholder
from .context import CHECKED, Planner
from .fitting import fit_size
from .frames import Frame, placeholder_position
from .inherited import in_template, slot_font
from .quote import quote_body
from .text import bullet_body, text_body
from .visual import beside_body, visual

if TYPE_CHECKING:
    from ..theme.template import Layout, Placeholder


@dataclass(frozen=True)
class Draw:
    """One slide of `slides:` being planned: where it is, its number and layout, and what draws it.

    The kinds (`generator.kinds`) plan through it, so that the model layer imports no planner.
    """

    planner: Planner
    slide: SlideBase
    """The entry of `slides:` being planned; its place in the deck comes with it (see `located`)."""
    number: int
    layout: Layout
    frame: Frame
    checked: str = CHECKED
    """The message of an assertion on what `theme.load_theme` checked."""

    def content(self, slide: TitledSlide, body: Sequence[Shape]) -> SlidePlan:
        """Return the slide with its title, `body` in its layout's content area, and its notes."""
        title_pos = where(slide, "title").pos
        return content_slide(
            self.planner, slide.title, where(slide).pos, body, self.number, slide.notes, title_pos, layout=self.layout
        )

    def bullets(self, bullets: Sequence[Bullet]) -> list[Shape]:
        """Return the slide's `bullets:` in the body placeholder's area."""
        return bullet_body(
            self.planner, bullets, self.frame.body, where(self.slide, "bullets").pos, slot=self.frame.body_slot
        )

    def text(self, text: str) -> list[Shape]:
        """Return the slide's `text:` paragraphs in the body placeholder's area."""
        return text_body(self.planner, text, self.frame.body, where(self.slide, "text").pos, slot=self.frame.body_slot)

    def columns(self, slide: Any) -> list[Shape]:
        """Return the slide's `columns:` side by side in the content area."""
        return columns_body(self.planner, slide, self.frame.content)

    def visual(self, slide: Any, key: str) -> list[Shape]:
        """Return the slide's visual (its value under `key`) and caption in the content area."""
        return visual(self.planner, slide, key, self.frame.content)

    def beside(self, slide: Any, key: str) -> list[Shape]:
        """Return the slide's bullets beside (or above) its visual under `key`."""
        return beside_body(self.planner, slide, key, self.frame.content)

    def quote(self, quote: str | QuoteSpec) -> list[Shape]:
        """Return the pull quote centred in the content area."""
        return quote_body(self.planner, quote, self.frame.content, where(self.slide, "quote").pos)

    def fit_size(
        self,
        items: Sequence[tuple[tuple[Run, ...], int | None]],
        box: Box,
        size: Pt,
        floor: Pt,
        *,
        pos: SourcePos,
        what: str,
        heading: bool = False,
        bold: bool = False,
    ) -> Pt:
        """Return the largest size from `size` down to `floor` at which `items` fit `box` (see `fitting.fit_size`)."""
        return fit_size(self.planner, items, box, size, floor, pos=pos, what=what, heading=heading, bold=bold)

    def in_placeholder(
        self, text: str, slot: Placeholder | None, size: Pt, floor: Pt, pos: SourcePos, what: str, name: str, role: Role
    ) -> TextBox:
        """Return `text` as a heading in a template's placeholder (see `content.in_placeholder`)."""
        return in_placeholder(self.planner, text, slot, size, floor, pos, what, name, role)

    def in_template(self, shape: TextBox, slot: Placeholder) -> TextBox:
        """Return `shape` left to the template's placeholder `slot` (see `inherited.in_template`)."""
        return in_template(self.planner, shape, slot)

    def slot_font(self, slot: Placeholder) -> str | None:
        """Return the font of text in the template's placeholder `slot` (see `inherited.slot_font`)."""
        return slot_font(self.planner, slot)

    def chrome(self, frame: Frame, *, on_accent: bool = False) -> list[Shape]:
        """Return the slide's footer and number in `frame`."""
        return chrome(self.planner, self.number, frame, on_accent=on_accent)

    def placeholder_position(self, slot: Placeholder | None) -> int | None:
        """Return the place of a layout's placeholder among a slide's placeholders, None for none."""
        return placeholder_position(slot)
