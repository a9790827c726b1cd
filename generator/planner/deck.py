"""The deck's order: the title slide, the agenda, one slide per entry of `slides:`, the credits."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..assets import Assets
from ..deck_model import credits_of
from ..diagnostics import Diagnostic, error, warning
from ..inline import plain_text
from ..kinds import KINDS, VISUAL_KEYS
from ..kinds.section import SectionSlide
from ..located import where
from ..model import Bullet, SlideBase
from ..plan import Presentation, SlidePlan
from ..validate import ValidDeck
from .content import content_slide
from .context import Planner
from .draw import Draw
from .text import bullet_body
from .title import title_slide

if TYPE_CHECKING:
    from ..theme import Theme


def plan_deck(valid: ValidDeck, theme: Theme, assets: Assets) -> tuple[Presentation, list[Diagnostic]]:
    """Return the planned presentation and the problems found while planning (overflow, alt text)."""
    planner = Planner(valid, theme, assets)
    deck = planner.deck
    sections = [s for s in deck.slides if isinstance(s, SectionSlide)]
    first_number = 3 if deck.agenda else 2
    # Each slide's number, for the messages about it ("slide 1: the deck title shrunk ...").
    planner.slide_number = 1
    slides = [title_slide(planner)]
    if deck.agenda:
        planner.slide_number = 2
        slides.append(_agenda_slide(planner, sections))
    credits: list[tuple[int, str]] = []
    for index, slide in enumerate(deck.slides):
        number = first_number + index
        planner.slide_number = number
        slides.append(_slide(planner, slide, number))
        credits.extend((number, credit) for credit in credits_of(slide))
    if deck.wants_credits:
        planner.slide_number = first_number + len(deck.slides)
        slides.append(_credits_slide(planner, credits, planner.slide_number))
    presentation = Presentation(
        width=theme.slide_width,
        height=theme.slide_height,
        slides=tuple(slides),
        title=plain_text(deck.title),
        author=deck.author,
        subject=deck.subtitle,
        language=deck.language,
        template=theme.template,
    )
    return presentation, planner.problems


def _agenda_slide(planner: Planner, sections: Sequence[SectionSlide]) -> SlidePlan:
    pos = where(planner.deck, "agenda").pos
    if not sections:
        planner.problems.append(
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
    layout = planner.theme.layout("bullets")
    frame = planner.frame_of(layout)
    body = bullet_body(planner, bullets, frame.body, pos, slot=frame.body_slot)
    return content_slide(planner, "Agenda", pos, body, number=2, layout=layout)


def _credits_slide(planner: Planner, credits: list[tuple[int, str]], number: int) -> SlidePlan:
    pos = where(planner.deck, "credits").pos
    if not credits:
        planner.problems.append(
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
            Bullet.model_construct(text="This deck uses no material that needs attribution.", term=None, children=[])
        ]
    else:
        bullets = [Bullet.model_construct(term=f"Slide {n}", text=text, children=[]) for n, text in credits]
    layout = planner.theme.layout("bullets")
    frame = planner.frame_of(layout)
    body = bullet_body(planner, bullets, frame.body, pos, slot=frame.body_slot)
    return content_slide(planner, "Credits", pos, body, number=number, layout=layout)


def _slide(planner: Planner, slide: SlideBase, number: int) -> SlidePlan:
    """Return the plan of one entry of `slides:`, on the layout its kind (or its `layout:`) names."""
    if getattr(slide, "caption", None) and not any(getattr(slide, key, None) for key in VISUAL_KEYS):
        planner.problems.append(
            warning(
                "schema.caption",
                where(slide, "caption").pos,
                f"the caption of slide {number} is not shown: the slide has no {', '.join(VISUAL_KEYS)}",
                expected="'caption' on a slide with a visual",
                found="a caption with nothing to caption",
                hint="move the text into the slide's content, or delete 'caption'",
            )
        )
    kind = KINDS[slide.kind]
    layout = planner.theme.layout(kind.name, slide.layout)
    return kind.plan(Draw(planner, slide, number, layout, planner.frame_of(layout)), slide)
