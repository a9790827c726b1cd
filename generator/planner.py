"""model.Deck + Theme + Assets -> plan.Presentation: every layout decision lives here."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from pptx.util import Emu, Inches, Pt

from .assets import Assets, DiagramAsset
from .assets.code import CodeAsset, TokenKind
from .assets.images import ImageAsset
from .diagnostics import Diagnostic, SourcePos, error, warning
from .diagram_plan import DiagramStyle, NativeDiagram, plan_native_diagram
from .geometry import Box
from .inline import Run, parse_inline, plain_text
from .model import (
    VISUAL_KEYS,
    Bullet,
    BulletsCodeSlide,
    BulletsDiagramSlide,
    BulletsImageSlide,
    BulletsSlide,
    BulletsTableSlide,
    CodeSlide,
    Column,
    ColumnsSlide,
    DiagramSlide,
    ImageSlide,
    QuoteSlide,
    QuoteSpec,
    SectionSlide,
    TableSlide,
    TableSpec,
    TextSlide,
    TitledSlide,
    credits_of,
)
from .plan import (
    CARD_CORNER,
    CODE_CORNER,
    INSET_X,
    INSET_Y,
    Align,
    Anchor,
    CodeRun,
    Diagram,
    Listing,
    Paragraph,
    Picture,
    Presentation,
    Role,
    Rule,
    Shape,
    SlidePlan,
    Table,
    TableCell,
    TextBox,
    TextStyle,
    bullet_margin,
    corner_inset,
)
from .source import YamlPath
from .textfit import LINE_SPACING, text_width_pt, wrapped_lines
from .theme import Theme
from .validate import ValidDeck

if TYPE_CHECKING:
    from .theme.template import Layout, Placeholder

_SIZE_STEP = 2.0
"""Points removed per step when text is shrunk to fit."""
_LEVEL_STEP = 2.0
"""Points smaller per bullet level."""
_PARAGRAPH_GAP = Pt(10)
DIAGRAM_TEXT_FLOOR_PT = 12.0
"""Smallest text in a native diagram; denser diagrams are drawn at it and reported."""
_BULLET_GAP = Pt(6)
_MIN_COLUMN_PT = 54.0
"""Narrowest table column (0.75 in) unless the table has no room for it."""
_CELL_SLACK_PT = 6.0
_CODE_PADDING = Emu(Inches(0.2))
_CAPTION_HEIGHT = Emu(Inches(0.5))
_CAPTION_GAP = Emu(Inches(0.1))
_CHECKED = "this is a bug in lecturedeck: theme.load_theme checks that each layout has the placeholders used"
# A cell that reads as a number ("3.10", "-12", "45 %", "$1,200") lines up on the right.
_NUMBER = re.compile(r"^[-+−]?[$€£¥]?\d[\d.,\u00a0\u202f ]*\s?%?$")

VisualSlide = (
    DiagramSlide
    | ImageSlide
    | TableSlide
    | CodeSlide
    | BulletsDiagramSlide
    | BulletsImageSlide
    | BulletsTableSlide
    | BulletsCodeSlide
)


@dataclass(frozen=True)
class _Frame:
    """The fixed regions of a content slide."""

    title: Box
    rule: Box
    content: Box
    body: Box
    """Where bullets and text go: the content region, or a template's body placeholder."""
    footer: Box
    number: Box


class _Planner:
    """Plans one deck; holds the theme, the assets and the diagnostics found on the way."""

    def __init__(self, valid: ValidDeck, theme: Theme, assets: Assets) -> None:
        self.valid = valid
        self.deck = valid.deck
        self.theme = theme
        self.assets = assets
        self.problems: list[Diagnostic] = []
        self.frame = self._frame()
        self.native_diagrams: dict[tuple[int, Box, DiagramStyle, str], tuple[NativeDiagram, tuple[str, ...]]] = {}
        """Native diagrams planned so far, by layout, box, style and alt text: a diagram many
        slides show (a named one) is planned once."""

    # --- geometry and styles ------------------------------------------------------------------

    def _frame(self) -> _Frame:
        t = self.theme
        width = Emu(t.slide_width - 2 * t.margin)
        footer_top = Emu(t.slide_height - Inches(0.55))
        number_width = Emu(Inches(1.2))
        content = Box(t.margin, Emu(Inches(1.75)), width, Emu(footer_top - Inches(1.75) - Inches(0.15)))
        return _Frame(
            title=Box(t.margin, Emu(Inches(0.35)), width, Emu(Inches(1.05))),
            rule=Box(Emu(t.margin + INSET_X), Emu(Inches(1.45)), Emu(Inches(1.0)), Emu(Inches(0.06))),
            content=content,
            body=content,
            footer=Box(t.margin, footer_top, Emu(width - number_width), Emu(Inches(0.4))),
            number=Box(Emu(t.slide_width - t.margin - number_width), footer_top, number_width, Emu(Inches(0.4))),
        )

    def frame_of(self, layout: Layout) -> _Frame:
        """Return the regions of a slide on `layout`: the built-in frame, or where the template's
        placeholders are. Without content placeholders, the content goes between the title and
        the footer.
        """
        built_in = self.frame
        if self.theme.template is None:
            return built_in
        title = layout.title.box if layout.title else built_in.title
        chrome_top = min((box.top for box in (layout.footer, layout.number) if box), default=built_in.footer.top)
        # A footer at the top (or just under the title) leaves the content the rest of the slide.
        if chrome_top < title.bottom + Inches(1):
            chrome_top = Emu(self.theme.slide_height - Inches(0.4))
        below_title = Emu(title.bottom + Inches(0.2))
        content = layout.content or Box(
            title.left, below_title, title.width, Emu(chrome_top - below_title - Inches(0.15))
        )
        return _Frame(
            title=title,
            rule=built_in.rule,
            content=content,
            body=layout.body.box if layout.body else content,
            footer=layout.footer or built_in.footer,
            number=layout.number or built_in.number,
        )

    def style(
        self, size: Pt, color: str | None = None, *, bold: bool = False, heading: bool = False, on_accent: bool = False
    ) -> TextStyle:
        c = self.theme.colors
        return TextStyle(
            font=self.theme.heading_font if heading else self.theme.body_font,
            code_font=self.theme.code_font,
            size=size,
            color=color or c.text,
            link_color=c.on_accent if on_accent else c.link,
            bold=bold,
        )

    def pos(self, path: YamlPath) -> SourcePos:
        return self.valid.doc.pos(path)

    # --- the deck -----------------------------------------------------------------------------

    def plan(self) -> Presentation:
        deck = self.deck
        sections = [s for s in deck.slides if isinstance(s, SectionSlide)]
        first_number = 3 if deck.agenda else 2
        slides = [self.title_slide()]
        if deck.agenda:
            slides.append(self.agenda_slide(sections))
        credits: list[tuple[int, str]] = []
        for index, slide in enumerate(deck.slides):
            path: YamlPath = ("slides", index)
            number = first_number + index
            slides.append(self.slide(slide, path, number))
            credits.extend((number, credit) for credit in credits_of(slide))
        if deck.wants_credits:
            slides.append(self.credits_slide(credits, first_number + len(deck.slides)))
        return Presentation(
            width=self.theme.slide_width,
            height=self.theme.slide_height,
            slides=tuple(slides),
            title=plain_text(deck.title),
            author=deck.author,
            subject=deck.subtitle,
            language=deck.language,
            template=self.theme.template,
        )

    def title_slide(self) -> SlidePlan:
        layout = self.theme.layout("title-slide")
        if self.theme.template is not None:
            return self.template_title_slide(layout)
        deck, t, c, s = self.deck, self.theme, self.theme.colors, self.theme.sizes
        band = Emu(Inches(0.35))
        left = Emu(band + t.margin)
        width = Emu(t.slide_width - left - t.margin)
        pos = self.pos(("title",))
        title_box = Box(left, Emu(Inches(1.3)), width, Emu(Inches(2.2)))
        title_size = self.fit_size(
            [(parse_inline(deck.title), None)],
            title_box,
            s.deck_title,
            Pt(32),
            heading=True,
            bold=True,
            pos=pos,
            what="the deck title",
        )
        shapes: list[Shape] = [
            TextBox(
                title_box,
                (self.paragraph(deck.title, self.style(title_size, c.title, bold=True, heading=True)),),
                Role.TITLE,
                pos,
                anchor=Anchor.BOTTOM,
                name="Title",
                placeholder=_position(layout.title),
            ),
            Rule(Box(Emu(0), Emu(0), band, t.slide_height), c.accent),
            Rule(Box(Emu(left + INSET_X), Emu(Inches(3.7)), Emu(Inches(1.2)), Emu(Inches(0.06))), c.accent),
        ]
        lines = []
        if deck.subtitle:
            lines.append(self.paragraph(deck.subtitle, self.style(s.deck_subtitle, c.text)))
        byline = " · ".join(part for part in (deck.author, deck.date) if part)
        if byline:
            lines.append(self.paragraph(byline, self.style(s.deck_byline, c.muted), space_before=Pt(12)))
        if lines:
            shapes.append(
                TextBox(
                    Box(left, Emu(Inches(3.9)), width, Emu(Inches(1.6))),
                    tuple(lines),
                    Role.SUBTITLE,
                    self.pos(("subtitle",)),
                    name="Subtitle",
                    placeholder=_position(layout.subtitle),
                )
            )
        if deck.source:
            shapes.append(self.source_line(Box(left, Emu(t.slide_height - Inches(1.05)), width, Emu(Inches(0.5)))))
        return SlidePlan(layout.name, plain_text(deck.title), tuple(shapes), (), pos, c.background, content=False)

    def source_line(self, box: Box) -> TextBox:
        """Return the title slide's "Source: ..." line, small, at the foot of `box`."""
        style = self.style(self.theme.sizes.deck_source, self.theme.colors.muted)
        return TextBox(
            box,
            (self.paragraph(f"Source: {self.deck.source}", style),),
            Role.CHROME,
            self.pos(("source",)),
            anchor=Anchor.BOTTOM,
            name="Source",
        )

    def template_title_slide(self, layout: Layout) -> SlidePlan:
        """Return the title slide in the template's title and subtitle placeholders, as it sets them."""
        deck, t, c, s = self.deck, self.theme, self.theme.colors, self.theme.sizes
        pos = self.pos(("title",))
        title = self.in_placeholder(
            deck.title, layout.title, s.deck_title, Pt(32), pos, "the deck title", "Title", Role.TITLE
        )
        shapes: list[Shape] = [title]
        subtitle = layout.subtitle
        lines = []
        if deck.subtitle:
            lines.append(self.paragraph(deck.subtitle, self.style(s.deck_subtitle, c.text)))
        byline = " · ".join(part for part in (deck.author, deck.date) if part)
        if byline:
            lines.append(self.paragraph(byline, self.style(s.deck_byline, c.muted), space_before=Pt(12)))
        if lines:
            assert subtitle is not None, _CHECKED
            align = Align(subtitle.align)
            shapes.append(
                TextBox(
                    subtitle.box,
                    tuple(replace(line, align=align) for line in lines),
                    Role.SUBTITLE,
                    self.pos(("subtitle",)),
                    anchor=Anchor(subtitle.anchor),
                    name="Subtitle",
                    placeholder=subtitle.position,
                )
            )
        if deck.source:
            width = Emu(t.slide_width - 2 * t.margin)
            shapes.append(self.source_line(Box(t.margin, Emu(t.slide_height - Inches(0.9)), width, Emu(Inches(0.5)))))
        return SlidePlan(
            layout.name,
            plain_text(deck.title),
            tuple(shapes),
            (),
            pos,
            c.background,
            content=False,
            paint_background=t.paint_background,
        )

    def in_placeholder(
        self,
        text: str,
        slot: Placeholder | None,
        size: Pt,
        floor: Pt,
        pos: SourcePos,
        what: str,
        name: str,
        role: Role,
    ) -> TextBox:
        """Return `text` as a heading in a template's placeholder, aligned and anchored as the
        template sets it, at the largest size from `size` down to `floor` that fits.
        """
        assert slot is not None, _CHECKED
        size = self.fit_size([(parse_inline(text), None)], slot.box, size, floor, heading=True, pos=pos, what=what)
        paragraph = self.paragraph(
            text, self.style(size, self.theme.colors.title, heading=True), align=Align(slot.align)
        )
        return TextBox(
            slot.box, (paragraph,), role, pos, anchor=Anchor(slot.anchor), name=name, placeholder=slot.position
        )

    def agenda_slide(self, sections: Sequence[SectionSlide]) -> SlidePlan:
        pos = self.pos(("agenda",))
        if not sections:
            self.problems.append(
                error(
                    "schema.agenda",
                    pos,
                    "'agenda: true' but the deck has no section slides",
                    expected="at least one slide with 'section:'",
                    found="no sections",
                    hint="add '- section: ...' slides, or set 'agenda: false'",
                )
            )
        bullets = [Bullet.model_construct(text=s.section, term=None, children=[]) for s in sections]
        layout = self.theme.layout("bullets")
        body = self.bullet_body(bullets, self.frame_of(layout).body, pos)
        return self.content_slide("Agenda", pos, body, number=2, layout=layout)

    def credits_slide(self, credits: list[tuple[int, str]], number: int) -> SlidePlan:
        pos = self.pos(("credits",))
        if not credits:
            self.problems.append(
                warning(
                    "schema.credits",
                    pos,
                    "'credits: true' but no slide has a 'credit'",
                    expected="a 'credit:' on the slides whose visuals need attribution",
                    found="no credits",
                    hint="add 'credit: ...' to a slide, or remove 'credits: true'",
                )
            )
            bullets = [
                Bullet.model_construct(
                    text="This deck uses no material that needs attribution.", term=None, children=[]
                )
            ]
        else:
            bullets = [Bullet.model_construct(term=f"Slide {n}", text=text, children=[]) for n, text in credits]
        layout = self.theme.layout("bullets")
        body = self.bullet_body(bullets, self.frame_of(layout).body, pos)
        return self.content_slide("Credits", pos, body, number=number, layout=layout)

    # --- one slide of the deck ----------------------------------------------------------------

    def slide(self, slide: object, path: YamlPath, number: int) -> SlidePlan:
        pos = self.pos(path)
        if getattr(slide, "caption", None) and not any(getattr(slide, key, None) for key in VISUAL_KEYS):
            self.problems.append(
                warning(
                    "schema.caption",
                    self.pos((*path, "caption")),
                    f"the caption of slide {number} is not shown: the slide has no {', '.join(VISUAL_KEYS)}",
                    expected="'caption' on a slide with a visual",
                    found="a caption with nothing to caption",
                    hint="move the text into the slide's content, or delete 'caption'",
                )
            )
        layout = self.theme.layout(getattr(slide, "kind", "title"), getattr(slide, "layout", None))
        frame = self.frame_of(layout)
        match slide:
            case SectionSlide():
                return self.section_slide(slide, path, number, layout)
            case BulletsDiagramSlide() | BulletsImageSlide() | BulletsTableSlide() | BulletsCodeSlide():
                content = frame.content
                gap = Emu(Inches(0.4))
                left_width = Emu(int(content.width * 0.42))
                text_box = replace(content, width=left_width)
                visual_box = Box(
                    Emu(content.left + left_width + gap),
                    content.top,
                    Emu(content.width - left_width - gap),
                    content.height,
                )
                body = self.bullet_body(slide.bullets, text_box, self.pos((*path, "bullets")), role=Role.TEXT)
                shapes = (*body, *self.visual(slide, path, visual_box))
                return self.content_slide(slide.title, pos, shapes, number, slide.notes, path, layout=layout)
            case BulletsSlide():
                body = self.bullet_body(slide.bullets, frame.body, self.pos((*path, "bullets")))
                return self.content_slide(slide.title, pos, body, number, slide.notes, path, layout=layout)
            case TextSlide():
                body = self.text_body(slide.text, frame.body, self.pos((*path, "text")))
                return self.content_slide(slide.title, pos, body, number, slide.notes, path, layout=layout)
            case ColumnsSlide():
                body = self.columns_body(slide.columns, path, frame.content)
                return self.content_slide(slide.title, pos, body, number, slide.notes, path, layout=layout)
            case DiagramSlide() | ImageSlide() | TableSlide() | CodeSlide():
                body = self.visual(slide, path, frame.content)
                return self.content_slide(slide.title, pos, body, number, slide.notes, path, layout=layout)
            case QuoteSlide():
                body = self.quote_body(slide.quote, frame.content, path)
                return self.content_slide(slide.title, pos, body, number, slide.notes, path, layout=layout)
            case TitledSlide():
                return self.content_slide(slide.title, pos, (), number, slide.notes, path, layout=layout)
        raise AssertionError(f"unplanned slide kind: {type(slide).__name__}")

    def section_slide(self, slide: SectionSlide, path: YamlPath, number: int, layout: Layout) -> SlidePlan:
        if self.theme.template is not None:
            return self.template_section_slide(slide, path, number, layout)
        t, c, s = self.theme, self.theme.colors, self.theme.sizes
        width = Emu(t.slide_width - 2 * t.margin)
        pos = self.pos(path)
        title_box = Box(t.margin, Emu(Inches(1.8)), width, Emu(Inches(2.0)))
        size = self.fit_size(
            [(parse_inline(slide.section), None)],
            title_box,
            s.section,
            Pt(30),
            heading=True,
            bold=True,
            pos=pos,
            what="the section title",
        )
        shapes: list[Shape] = [
            TextBox(
                title_box,
                (
                    self.paragraph(
                        slide.section, self.style(size, c.on_accent, bold=True, heading=True, on_accent=True)
                    ),
                ),
                Role.TITLE,
                pos,
                anchor=Anchor.BOTTOM,
                name="Title",
                placeholder=_position(layout.title),
            ),
            Rule(
                Box(Emu(t.margin + INSET_X), Emu(Inches(4.0)), Emu(Inches(1.2)), Emu(Inches(0.06))), c.on_accent_muted
            ),
        ]
        if slide.subtitle:
            shapes.append(
                TextBox(
                    Box(t.margin, Emu(Inches(4.2)), width, Emu(Inches(1.2))),
                    (
                        self.paragraph(
                            slide.subtitle, self.style(s.section_subtitle, c.on_accent_muted, on_accent=True)
                        ),
                    ),
                    Role.SUBTITLE,
                    self.pos((*path, "subtitle")),
                    name="Subtitle",
                    placeholder=_position(layout.subtitle),
                )
            )
        shapes.extend(self.chrome(number, self.frame, on_accent=True))
        return SlidePlan(
            layout.name,
            plain_text(slide.section),
            tuple(shapes),
            self.notes(slide.notes),
            pos,
            background=c.accent,
            content=False,
        )

    def template_section_slide(self, slide: SectionSlide, path: YamlPath, number: int, layout: Layout) -> SlidePlan:
        """Return a section slide in the template's section layout, its subtitle in the second placeholder."""
        t, c, s = self.theme, self.theme.colors, self.theme.sizes
        pos = self.pos(path)
        title = self.in_placeholder(
            slide.section, layout.title, s.section, Pt(30), pos, "the section title", "Title", Role.TITLE
        )
        shapes: list[Shape] = [title]
        subtitle = layout.subtitle
        if slide.subtitle:
            assert subtitle is not None, _CHECKED
            paragraph = self.paragraph(
                slide.subtitle, self.style(s.section_subtitle, c.muted), align=Align(subtitle.align)
            )
            shapes.append(
                TextBox(
                    subtitle.box,
                    (paragraph,),
                    Role.SUBTITLE,
                    self.pos((*path, "subtitle")),
                    anchor=Anchor(subtitle.anchor),
                    name="Subtitle",
                    placeholder=subtitle.position,
                )
            )
        shapes.extend(self.chrome(number, self.frame_of(layout)))
        return SlidePlan(
            layout.name,
            plain_text(slide.section),
            tuple(shapes),
            self.notes(slide.notes),
            pos,
            c.background,
            content=False,
            paint_background=t.paint_background,
        )

    def content_slide(
        self,
        title: str,
        pos: SourcePos,
        body: Sequence[Shape],
        number: int,
        notes: str | None = None,
        path: YamlPath | None = None,
        *,
        layout: Layout,
    ) -> SlidePlan:
        c, s = self.theme.colors, self.theme.sizes
        title_pos = self.pos((*path, "title")) if path else pos
        frame = self.frame_of(layout)
        accents: tuple[Shape, ...] = ()
        if self.theme.template is None:
            size = self.fit_size(
                [(parse_inline(title), None)],
                frame.title,
                s.title,
                s.title_floor,
                heading=True,
                bold=True,
                pos=title_pos,
                what="the title",
            )
            title_box = TextBox(
                frame.title,
                (self.paragraph(title, self.style(size, c.title, bold=True, heading=True)),),
                Role.TITLE,
                title_pos,
                anchor=Anchor.BOTTOM,
                name="Title",
                placeholder=_position(layout.title),
            )
            accents = (Rule(frame.rule, c.accent),)
        else:
            title_box = self.in_placeholder(
                title, layout.title, s.title, s.title_floor, title_pos, "the title", "Title", Role.TITLE
            )
        # Bullets and text fill the layout's body placeholder; everything else is drawn on the slide.
        placed = tuple(
            replace(shape, placeholder=_position(layout.body))
            if isinstance(shape, TextBox) and shape.role is Role.BODY
            else shape
            for shape in body
        )
        shapes = (title_box, *accents, *placed, *self.chrome(number, frame))
        return SlidePlan(
            layout.name,
            plain_text(title),
            shapes,
            self.notes(notes),
            pos,
            c.background,
            paint_background=self.theme.paint_background,
        )

    def chrome(self, number: int, frame: _Frame, *, on_accent: bool = False) -> list[Shape]:
        """Return the footer and slide number shapes that every slide but the title slide carries."""
        c, s = self.theme.colors, self.theme.sizes
        color = c.on_accent_muted if on_accent else c.muted
        shapes: list[Shape] = []
        if self.deck.footer:
            shapes.append(
                TextBox(
                    frame.footer,
                    (self.paragraph(self.deck.footer, self.style(s.footer, color, on_accent=on_accent)),),
                    Role.CHROME,
                    self.pos(("footer",)),
                    anchor=Anchor.MIDDLE,
                    name="Footer",
                )
            )
        if self.deck.slide_numbers:
            paragraph = Paragraph((Run(str(number)),), self.style(s.footer, color), align=Align.RIGHT)
            shapes.append(
                TextBox(
                    frame.number,
                    (paragraph,),
                    Role.CHROME,
                    self.pos(("slide_numbers",)),
                    anchor=Anchor.MIDDLE,
                    name="Slide Number",
                    slide_number=True,
                )
            )
        return shapes

    # --- text bodies ---------------------------------------------------------------------------

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

    def bullet_runs(self, bullets: Sequence[Bullet], level: int = 0) -> list[tuple[tuple[Run, ...], int]]:
        items: list[tuple[tuple[Run, ...], int]] = []
        for bullet in bullets:
            runs = parse_inline(bullet.text)
            if bullet.term is not None:
                term = tuple(replace(run, bold=True) for run in parse_inline(bullet.term))
                runs = (*term, Run(": "), *runs)
            items.append((runs, level))
            items.extend(self.bullet_runs(bullet.children, level + 1))
        return items

    def bullet_body(
        self,
        bullets: Sequence[Bullet],
        box: Box,
        pos: SourcePos,
        *,
        role: Role = Role.BODY,
        heading: str | None = None,
        fill: str | None = None,
    ) -> list[Shape]:
        items = self.bullet_runs(bullets)
        return [
            self.text_shape(
                [(runs, level) for runs, level in items], box, pos, role, heading=heading, fill=fill, what="the bullets"
            )
        ]

    def text_body(
        self,
        text: str,
        box: Box,
        pos: SourcePos,
        *,
        role: Role = Role.BODY,
        heading: str | None = None,
        fill: str | None = None,
    ) -> list[Shape]:
        blocks = [" ".join(block.split()) for block in text.split("\n\n") if block.strip()]
        return [
            self.text_shape(
                [(parse_inline(block), None) for block in blocks],
                box,
                pos,
                role,
                heading=heading,
                fill=fill,
                what="the text",
            )
        ]

    def text_shape(
        self,
        items: list[tuple[tuple[Run, ...], int | None]],
        box: Box,
        pos: SourcePos,
        role: Role,
        *,
        heading: str | None,
        fill: str | None,
        what: str,
        base: Pt | None = None,
    ) -> TextBox:
        s, c = self.theme.sizes, self.theme.colors
        size = self.fit_size(
            self.with_heading(items, heading),
            box,
            base or s.body,
            s.body_floor,
            pos=pos,
            what=what,
            bold_first=bool(heading),
        )
        paragraphs: list[Paragraph] = []
        if heading:
            paragraphs.append(
                Paragraph(parse_inline(heading), self.style(Pt(size.pt + _LEVEL_STEP), c.accent, bold=True))
            )
        for index, (runs, level) in enumerate(items):
            level_size = self.level_size(size, level)
            gap = _PARAGRAPH_GAP if level is None else _BULLET_GAP
            paragraphs.append(
                Paragraph(runs, self.style(level_size), level, space_before=gap if index or heading else Pt(0))
            )
        return TextBox(box, tuple(paragraphs), role, pos, fill=fill, name="Content" if role is Role.BODY else "Text")

    @staticmethod
    def with_heading(
        items: list[tuple[tuple[Run, ...], int | None]], heading: str | None
    ) -> list[tuple[tuple[Run, ...], int | None]]:
        """Return the items with the heading's runs first, as they are measured."""
        return [(parse_inline(heading), None), *items] if heading else items

    def columns_body(self, columns: Sequence[Column], path: YamlPath, content: Box) -> list[Shape]:
        """Return one card per column across `content`: equal widths, one font size, cards as tall
        as the fullest.
        """
        gap = Emu(Inches(0.35))
        width = Emu((content.width - gap * (len(columns) - 1)) // len(columns))
        base = Pt(self.theme.sizes.body.pt - (2 if len(columns) == 2 else 4))
        pad = Emu(Inches(0.15))
        cells = []
        for index, column in enumerate(columns):
            box = Box(
                Emu(content.left + index * (width + gap) + pad),
                Emu(content.top + pad),
                Emu(width - 2 * pad),
                Emu(content.height - 2 * pad),
            )
            items: list[tuple[tuple[Run, ...], int | None]]
            if column.bullets is not None:
                items = [(runs, level) for runs, level in self.bullet_runs(column.bullets)]
            else:
                items = [
                    (parse_inline(" ".join(b.split())), None) for b in (column.text or "").split("\n\n") if b.strip()
                ]
            cells.append((box, items, self.pos((*path, "columns", index)), column.heading))
        # Fit each column alone, then set all at the smallest size so the columns match.
        floor = self.theme.sizes.body_floor
        common = min(
            (
                self.fit_size(
                    self.with_heading(items, heading),
                    box,
                    base,
                    floor,
                    pos=pos,
                    what="",
                    bold_first=heading is not None,
                    report=False,
                )
                for box, items, pos, heading in cells
            ),
            key=lambda size: size.pt,
        )
        shapes = [
            self.text_shape(
                items,
                box,
                pos,
                Role.TEXT,
                heading=heading,
                fill=self.theme.colors.card,
                what=f"column {i + 1}",
                base=common,
            )
            for i, (box, items, pos, heading) in enumerate(cells)
        ]
        # Cards are measured on their inner box, then drawn on the outer one with the padding, less
        # what the card's rounded corners push the text in already.
        height = min(content.height, max(self.content_height(shape) for shape in shapes) + 2 * pad + Inches(0.1))
        cards = [
            Box(Emu(shape.box.left - pad), content.top, Emu(shape.box.width + 2 * pad), Emu(height)) for shape in shapes
        ]
        return [
            replace(
                shape,
                box=card,
                padding_x=Emu(shape.padding_x + pad - corner_inset(card, CARD_CORNER)),
                padding_y=Emu(shape.padding_y + pad - corner_inset(card, CARD_CORNER)),
            )
            for shape, card in zip(shapes, cards, strict=True)
        ]

    def content_height(self, shape: TextBox) -> int:
        """Return the height the shape's text needs, in EMU, including the box's insets."""
        total = 2 * shape.padding_y
        for paragraph in shape.paragraphs:
            indent = bullet_margin(paragraph.level) if paragraph.level is not None else 0
            width_pt = (shape.box.width - 2 * shape.padding_x - indent) / 12700
            size = paragraph.style.size
            lines = wrapped_lines(paragraph.runs, paragraph.style.font, self.theme.code_font, size.pt, width_pt)
            total += lines * size * LINE_SPACING + paragraph.space_before
        return int(total)

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
        bold_first: bool = False,
        report: bool = True,
    ) -> Pt:
        """Return the largest font size, from `size` down to `floor`, at which `items` fit `box`.

        Follows the deck's `fit` policy when even the floor does not fit (or, under `warn` and
        `error`, when the full size does not).
        """
        font = self.theme.heading_font if heading else self.theme.body_font
        return self.fit(
            lambda current: self._height(items, box, current, font, bold, bold_first),
            box,
            size,
            floor,
            pos=pos,
            what=what,
            report=report,
        )

    def fit(
        self,
        needed: Callable[[Pt], int],
        box: Box,
        size: Pt,
        floor: Pt,
        *,
        pos: SourcePos,
        what: str,
        inset: int = INSET_Y,
        report: bool = True,
        hint: str = "shorten the text, or split it over two slides (details can go in the notes)",
    ) -> Pt:
        """Return the largest font size, from `size` down to `floor` in steps, at which the height
        `needed` at that size (EMU) fits `box` less `inset` above and below.

        Follows the deck's `fit` policy when even the floor does not fit (or, under `warn` and
        `error`, when the full size does not): reports overflow.text at `pos` unless not `report`.
        """
        policy = self.deck.fit
        current = size
        while True:
            if needed(current) <= box.height - 2 * inset:
                return current
            if policy != "shrink" or current.pt - _SIZE_STEP < floor.pt:
                break
            current = Pt(current.pt - _SIZE_STEP)
        if not report:
            return current
        diagnostic = error if policy == "error" else warning
        smallest = f" even at {current.pt:.0f} pt" if policy == "shrink" else f" at {current.pt:.0f} pt"
        self.problems.append(
            diagnostic(
                "overflow.text",
                pos,
                f"{what} do not fit the slide{smallest}"
                if what.endswith("s")
                else f"{what} does not fit the slide{smallest}",
                expected=f"text that fits a {box.width.inches:.1f} x {box.height.inches:.1f} in box",
                found=f"about {needed(current) / 914400:.1f} in of text",
                hint=hint,
            )
        )
        return current

    def level_size(self, size: Pt, level: int | None) -> Pt:
        """Return the font size of a bullet at `level`: a step smaller per level, never below the floor."""
        if not level:
            return size
        return Pt(max(size.pt - level * _LEVEL_STEP, self.theme.sizes.body_floor.pt))

    def _height(
        self,
        items: Sequence[tuple[tuple[Run, ...], int | None]],
        box: Box,
        size: Pt,
        font: str,
        bold: bool,
        bold_first: bool,
    ) -> int:
        total = 0.0
        for index, (runs, level) in enumerate(items):
            level_size = self.level_size(size, level)
            if bold or (bold_first and index == 0):
                runs = tuple(replace(r, bold=True) for r in runs)
                level_size = Pt(size.pt + _LEVEL_STEP) if bold_first and index == 0 else level_size
            indent = bullet_margin(level) if level is not None else 0
            width_pt = (box.width - 2 * INSET_X - indent) / 12700
            lines = wrapped_lines(runs, font, self.theme.code_font, level_size.pt, width_pt)
            gap = 0 if index == 0 else (_BULLET_GAP if level is not None else _PARAGRAPH_GAP)
            total += lines * level_size * LINE_SPACING + gap
        return int(total)

    # --- visuals -------------------------------------------------------------------------------

    def visual(self, slide: VisualSlide, path: YamlPath, box: Box) -> list[Shape]:
        """Return the slide's visual in `box` and its caption, if any.

        Diagrams and images are scaled into the box and centred, the caption at its foot; tables
        and code take the height they need from the top, the caption right under them.
        """
        c, s = self.theme.colors, self.theme.sizes
        area = replace(box, height=Emu(box.height - _CAPTION_HEIGHT - _CAPTION_GAP)) if slide.caption else box
        shape: Shape | None = None
        match slide:
            case DiagramSlide() | BulletsDiagramSlide():
                asset = self.assets.diagrams.get((*path, "diagram"))
                if asset is not None:
                    diagram_pos = self.pos((*path, "diagram"))
                    picture = asset.picture is not None
                    shape = self.picture(asset, area, diagram_pos) if picture else self.native(asset, area, diagram_pos)
            case ImageSlide() | BulletsImageSlide():
                image = self.assets.images.get((*path, "image"))
                if image is not None:
                    shape = self.image_picture(image, area, self.pos((*path, "image")))
            case TableSlide() | BulletsTableSlide():
                shape = self.table(slide.table, area, self.valid.doc.key_position((*path, "table")))
            case CodeSlide() | BulletsCodeSlide():
                listing = self.assets.code.get((*path, "code"))
                if listing is not None:
                    shape = self.listing(listing, area, self.valid.doc.key_position((*path, "code")))
        shapes: list[Shape] = [] if shape is None else [shape]
        if slide.caption:
            top = Emu(box.bottom - _CAPTION_HEIGHT)
            if isinstance(shape, Table | Listing):
                top = Emu(min(top, shape.box.bottom + _CAPTION_GAP))
            caption = self.paragraph(slide.caption, self.style(s.caption, c.muted), align=Align.CENTER)
            shapes.append(
                TextBox(
                    Box(box.left, top, box.width, _CAPTION_HEIGHT),
                    (caption,),
                    Role.TEXT,
                    self.pos((*path, "caption")),
                    anchor=Anchor.MIDDLE,
                    name="Caption",
                )
            )
        return shapes

    @staticmethod
    def scaled_into(box: Box, width: float, height: float) -> Box:
        """Return the largest box of `width`:`height` proportions inside `box`, centred in it."""
        scale = min(box.width / width, box.height / height)
        placed_width, placed_height = Emu(int(width * scale)), Emu(int(height * scale))
        return Box(
            Emu(box.left + (box.width - placed_width) // 2),
            Emu(box.top + (box.height - placed_height) // 2),
            placed_width,
            placed_height,
        )

    def image_picture(self, image: ImageAsset, box: Box, pos: SourcePos) -> Picture:
        """Return the image scaled to fit `box`, aspect ratio kept, centred."""
        return Picture(
            self.scaled_into(box, image.width, image.height),
            image.image,
            image.alt,
            pos,
            name="Picture",
            svg=image.svg,
            decorative=image.decorative,
        )

    def table(self, spec: TableSpec, box: Box, pos: SourcePos) -> Table:
        """Return the table across `box`'s width, as tall as its rows need, at the largest size that fits.

        Columns get widths in proportion to their longest cell, but never narrower than their
        longest word (or _MIN_COLUMN_PT); numeric columns are aligned right.
        """
        c, s = self.theme.colors, self.theme.sizes
        header = [tuple(replace(run, bold=True) for run in parse_inline(cell)) for cell in spec.header]
        grid = [header, *([parse_inline(cell) for cell in row] for row in spec.rows)]
        numeric = [
            any(row[j].strip() for row in spec.rows)
            and all(_NUMBER.match(plain_text(row[j]).strip()) for row in spec.rows if row[j].strip())
            for j in range(len(header))
        ]

        def layout(size: Pt) -> tuple[list[Emu], list[Emu]]:
            widths = self.column_widths(grid, box.width, size)
            return widths, [self.row_height(row, widths, size) for row in grid]

        size = self.fit(
            lambda size: sum(layout(size)[1]),
            box,
            s.table,
            s.body_floor,
            pos=pos,
            what="the table",
            inset=0,
            hint="shorten the cells, or split the rows over two slides (details can go in the notes)",
        )
        widths, heights = layout(size)
        rows = []
        for index, row in enumerate(grid):
            if index == 0:
                style, fill = self.style(size, c.on_accent, bold=True, on_accent=True), c.accent
            else:
                # Banded rows: every second body row on the light card colour.
                style, fill = self.style(size), c.card if index % 2 == 0 else c.background
            rows.append(
                tuple(
                    TableCell(Paragraph(runs, style, align=Align.RIGHT if numeric[j] else Align.LEFT), fill)
                    for j, runs in enumerate(row)
                )
            )
        return Table(
            Box(box.left, box.top, box.width, Emu(sum(heights))), tuple(widths), tuple(heights), tuple(rows), pos
        )

    def column_widths(self, grid: Sequence[Sequence[tuple[Run, ...]]], total: int, size: Pt) -> list[Emu]:
        """Return column widths adding up to `total`, in proportion to each column's longest cell."""
        # Renderers set text a little wider than Pillow measures it: a word that only just fits
        # would wrap there, so every column gets some slack.
        pad = 2 * INSET_X / 12700 + _CELL_SLACK_PT
        natural = [max(self.runs_width(row[j], size) for row in grid) + pad for j in range(len(grid[0]))]
        words = [max(self.longest_word(row[j], size) for row in grid) + pad for j in range(len(grid[0]))]
        shares = _share(natural, [max(word, _MIN_COLUMN_PT) for word in words], total / 12700)
        widths = [int(share * 12700) for share in shares]
        # Whole EMU: the rounding left over goes to the widest column, so the sum is exact.
        widest = widths.index(max(widths))
        widths[widest] += total - sum(widths)
        return [Emu(width) for width in widths]

    def runs_width(self, runs: tuple[Run, ...], size: Pt) -> float:
        """Return the width of `runs` set on one line, in points."""
        return sum(self.run_width(run, run.text, size) for run in runs)

    def longest_word(self, runs: tuple[Run, ...], size: Pt) -> float:
        """Return the width of the widest word in `runs`, in points (0 for no words)."""
        return max((self.run_width(run, word, size) for run in runs for word in run.text.split()), default=0.0)

    def run_width(self, run: Run, text: str, size: Pt) -> float:
        font = self.theme.code_font if run.code else self.theme.body_font
        return text_width_pt(text, font, size.pt, bold=run.bold, italic=run.italic)

    def row_height(self, row: Sequence[tuple[Run, ...]], widths: Sequence[Emu], size: Pt) -> Emu:
        """Return the height of a table row: its tallest cell's wrapped lines, plus the cell margins."""
        lines = max(
            wrapped_lines(runs, self.theme.body_font, self.theme.code_font, size.pt, (width - 2 * INSET_X) / 12700)
            for runs, width in zip(row, widths, strict=True)
        )
        return Emu(int(lines * size * LINE_SPACING + 2 * INSET_Y))

    def listing(self, code: CodeAsset, box: Box, pos: SourcePos) -> Listing:
        """Return the code on a card as wide as `box` and as tall as its lines need, at the largest
        size from 24 pt down to the code floor at which every line fits without wrapping.
        """
        s, palette, font = self.theme.sizes, self.theme.code_colors, self.theme.code_font
        # The card's rounded corners push the text in too; at most by the corners of the whole box.
        inset = Emu(_CODE_PADDING + corner_inset(box, CODE_CORNER))
        width_pt = (box.width - 2 * inset) / 12700
        texts = ["".join(token.text for token in line) for line in code.lines]

        def needed(size: Pt) -> int:
            # A line wider than the card wraps, taking as many lines as it is card widths long.
            rows = sum(max(1, math.ceil(text_width_pt(text, font, size.pt) / width_pt)) for text in texts)
            return int(rows * size * LINE_SPACING)

        def widest(size: Pt) -> float:
            return max((text_width_pt(text, font, size.pt) for text in texts), default=0.0)

        # Shrink for width first (a wrapped line of code misleads), then let `fit` judge the height.
        size = s.code
        while widest(size) > width_pt and size.pt - _SIZE_STEP >= s.code_floor.pt and self.deck.fit == "shrink":
            size = Pt(size.pt - _SIZE_STEP)
        size = self.fit(
            needed,
            box,
            size,
            s.code_floor,
            pos=pos,
            what="the code",
            inset=inset,
            hint="show fewer or shorter lines, or split the listing over two slides",
        )
        if widest(size) > width_pt:
            number, text = max(enumerate(texts, start=1), key=lambda item: text_width_pt(item[1], font, size.pt))
            per_line = int(width_pt / text_width_pt("0", font, size.pt))
            diagnostic = error if self.deck.fit == "error" else warning
            at = f"even at {size.pt:.0f} pt" if self.deck.fit == "shrink" else f"at {size.pt:.0f} pt"
            self.problems.append(
                diagnostic(
                    "overflow.text",
                    pos,
                    f"line {number} of the code is too long for the slide {at}",
                    expected=f"lines of at most {per_line} characters",
                    found=f"{len(text.rstrip())} characters",
                    hint="break the line in two; a wrapped line of code is hard to read",
                )
            )
        lines = tuple(
            tuple(
                CodeRun(token.text, palette.color(token.kind), italic=token.kind is TokenKind.COMMENT) for token in line
            )
            for line in code.lines
        )
        height = Emu(min(box.height, needed(size) + 2 * inset))
        return Listing(
            Box(box.left, box.top, box.width, height), lines, font, size, palette.background, pos, _CODE_PADDING
        )

    def quote_body(self, quote: str | QuoteSpec, box: Box, path: YamlPath) -> list[Shape]:
        """Return the pull quote, italic in quote marks, with "— by" under it on the right, and an
        accent bar beside the quote; the block is centred in `box`.
        """
        c, s = self.theme.colors, self.theme.sizes
        text, by = (quote, None) if isinstance(quote, str) else (quote.text, quote.by)
        pos = self.pos((*path, "quote"))
        blocks = [" ".join(block.split()) for block in text.split("\n\n") if block.strip()]
        if not blocks[0].startswith(('"', "“", "„", "«", "'", "‘")):
            blocks[0] = f"“{blocks[0]}"
            blocks[-1] = f"{blocks[-1]}”"
        indent = Emu(Inches(0.45))
        text_box = Box(Emu(box.left + indent), box.top, Emu(box.width - indent), box.height)

        def shape(size: Pt) -> TextBox:
            paragraphs = [
                Paragraph(
                    tuple(replace(run, italic=True) for run in parse_inline(block)),
                    self.style(size, c.accent),
                    space_before=_PARAGRAPH_GAP if index else Pt(0),
                )
                for index, block in enumerate(blocks)
            ]
            if by:
                by_size = Pt(min(s.quote_by.pt, size.pt))
                paragraphs.append(
                    self.paragraph(f"— {by}", self.style(by_size, c.muted), align=Align.RIGHT, space_before=Pt(18))
                )
            return TextBox(text_box, tuple(paragraphs), Role.TEXT, pos, anchor=Anchor.MIDDLE, name="Quote")

        size = self.fit(
            lambda size: self.content_height(shape(size)) - 2 * INSET_Y,
            text_box,
            s.quote,
            s.body_floor,
            pos=pos,
            what="the quote",
        )
        quoted = shape(size)
        total = min(self.content_height(quoted), text_box.height)
        words = self.content_height(replace(quoted, paragraphs=quoted.paragraphs[: len(blocks)])) - 2 * INSET_Y
        top = text_box.top + (text_box.height - total) // 2 + INSET_Y
        bar = Rule(
            Box(Emu(box.left + INSET_X), Emu(top), Emu(Inches(0.08)), Emu(min(words, text_box.height))), c.accent
        )
        return [quoted, bar]

    def picture(self, asset: DiagramAsset, box: Box, pos: SourcePos) -> Picture:
        """Return the diagram's SVG picture scaled to fit `box`, aspect ratio kept, centred.

        Its PNG fallback is drawn after planning, at the size chosen here.
        """
        vector = asset.picture
        assert vector is not None
        placed = self.scaled_into(box, vector.width_pt, vector.height_pt)
        # Twice the pixels of the picture shown at 96 dpi: sharp on projectors and high-density
        # screens, and no bigger than the slide can use.
        fallback_px = max(round(placed.width.inches * 96 * 2), 1)
        return Picture(
            placed,
            None,
            asset.alt,
            pos,
            name="Diagram",
            svg=vector.svg,
            decorative=asset.decorative,
            fallback_px=fallback_px,
        )

    def native(self, asset: DiagramAsset, box: Box, pos: SourcePos) -> Diagram:
        """Return the diagram as native shapes scaled to fit `box`, with what Graphviz could not map."""
        c = self.theme.colors
        style = DiagramStyle(
            font_name=self.theme.body_font,
            text_color=c.text,
            line_color=c.muted,
            node_fill=c.card,
            cluster_fill=c.background,
            font_pt=14.0,
            min_font_pt=DIAGRAM_TEXT_FLOOR_PT,
        )
        key = (id(asset.layout), box, style, asset.alt)
        planned = self.native_diagrams.get(key)
        if planned is None:
            planned = self.native_diagrams[key] = plan_native_diagram(asset.layout, box, style, asset.alt)
        diagram, notes = planned
        self.problems.extend(
            warning(
                "diagram.native",
                pos,
                note,
                expected="a diagram drawn as Graphviz lays it out",
                found=note,
                hint="adjust the DOT source, or use 'render: picture' for this diagram",
            )
            for note in notes
        )
        return Diagram(diagram, pos, decorative=asset.decorative)


def _position(slot: Placeholder | None) -> int | None:
    """Return the place of a layout's placeholder among a slide's placeholders, None for none."""
    return slot.position if slot is not None else None


def plan_deck(valid: ValidDeck, theme: Theme, assets: Assets) -> tuple[Presentation, list[Diagnostic]]:
    """Return the planned presentation and the problems found while planning (overflow, alt text)."""
    planner = _Planner(valid, theme, assets)
    presentation = planner.plan()
    return presentation, planner.problems


def _share(weights: Sequence[float], minimums: Sequence[float], total: float) -> list[float]:
    """Return `total` shared in proportion to `weights`, each share at least its minimum.

    A share below its minimum is raised to it and the rest is shared again among the others;
    when even the minimums do not fit, they are shrunk in proportion instead.
    """
    if sum(minimums) >= total:
        return [total * minimum / sum(minimums) for minimum in minimums]
    fixed: dict[int, float] = {}
    while True:
        free = [index for index in range(len(weights)) if index not in fixed]
        room = total - sum(fixed.values())
        weight = sum(weights[index] for index in free)
        shares = {index: room * weights[index] / weight for index in free}
        short = [index for index in free if shares[index] < minimums[index]]
        if not short:
            return [fixed.get(index, shares.get(index, 0.0)) for index in range(len(weights))]
        fixed.update((index, minimums[index]) for index in short)
