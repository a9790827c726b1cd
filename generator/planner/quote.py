"""Quote bodies: the pull quote in quote marks, its author under it, an accent bar beside it."""

from __future__ import annotations

from dataclasses import replace

from ..diagnostics import SourcePos
from ..geometry import Box
from ..inline import parse_inline
from ..model import QuoteSpec
from ..plan import INSET_X, INSET_Y, Align, Anchor, Paragraph, Role, Rule, Shape, TextBox
from ..units import Emu, Inches, Pt
from .context import Planner
from .fitting import PARAGRAPH_GAP, content_height, fit


def quote_body(planner: Planner, quote: str | QuoteSpec, box: Box, pos: SourcePos) -> list[Shape]:
    """Return the pull quote, italic in quote marks, with "— by" under it on the right, and an
    accent bar beside the quote; the block is centred in `box`.
    """
    c, s = planner.theme.colors, planner.theme.sizes
    text, by = (quote, None) if isinstance(quote, str) else (quote.text, quote.by)
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
                planner.style(size, c.accent),
                space_before=PARAGRAPH_GAP if index else Pt(0),
            )
            for index, block in enumerate(blocks)
        ]
        if by:
            by_size = Pt(min(s.quote_by.pt, size.pt))
            paragraphs.append(
                planner.paragraph(f"— {by}", planner.style(by_size, c.muted), align=Align.RIGHT, space_before=Pt(18))
            )
        return TextBox(text_box, tuple(paragraphs), Role.TEXT, pos, anchor=Anchor.MIDDLE, name="Quote")

    size = fit(
        planner,
        lambda size: content_height(planner, shape(size)) - 2 * INSET_Y,
        text_box,
        s.quote,
        s.body_floor,
        pos=pos,
        what="the quote",
    )
    quoted = shape(size)
    total = min(content_height(planner, quoted), text_box.height)
    words = content_height(planner, replace(quoted, paragraphs=quoted.paragraphs[: len(blocks)])) - 2 * INSET_Y
    top = text_box.top + (text_box.height - total) // 2 + INSET_Y
    bar = Rule(Box(Emu(box.left + INSET_X), Emu(top), Emu(Inches(0.08)), Emu(min(words, text_box.height))), c.accent)
    return [quoted, bar]
