"""Where a text box's text is drawn: the part of its box that what is behind the text is read from."""

from __future__ import annotations

from ..geometry import Box
from ..plan import Align, Anchor, Paragraph, TextBox
from ..textfit import LINE_SPACING, shown_text, text_width_pt, wrap
from ..units import EMU_PER_PT, Emu


def inked(box: TextBox) -> Box:
    """Return the part of `box` its text is drawn on: as wide as its widest line where it is
    aligned (the full width when a paragraph wraps), and as tall as its lines where it is
    anchored. A template's art beside a short centred title, or under the empty foot of a body
    placeholder, is not behind the text.
    """
    room = Emu(box.box.width - 2 * box.padding_x)
    if not box.paragraphs or room <= 0:
        return box.box
    spans = [_span(paragraph, room) for paragraph in box.paragraphs]
    left = min(start for start, _ in spans)
    right = max(end for _, end in spans)
    height = min(sum(_height(paragraph, room) for paragraph in box.paragraphs), box.box.height - 2 * box.padding_y)
    free = box.box.height - 2 * box.padding_y - height
    top = {Anchor.TOP: 0, Anchor.MIDDLE: free // 2, Anchor.BOTTOM: free}[box.anchor]
    return Box(
        Emu(box.box.left + box.padding_x + left),
        Emu(box.box.top + box.padding_y + top),
        Emu(max(right - left, 1)),
        Emu(max(height, 1)),
    )


def _span(paragraph: Paragraph, room: Emu) -> tuple[int, int]:
    """Return where `paragraph`'s lines start and end across the box's inner width `room`."""
    indent = paragraph.indent
    text = "".join(shown_text(run) for run in paragraph.drawn_runs)
    style = paragraph.style
    points = sum(
        text_width_pt(shown_text(run), style.code_font if run.code else style.font, style.size.pt, bold=run.bold)
        for run in paragraph.drawn_runs
    )
    width = round(points * EMU_PER_PT)
    if "\n" in text or width >= room - indent:
        return indent, room
    start = {Align.RIGHT: room - width, Align.CENTER: (room - indent - width) // 2 + indent}.get(
        paragraph.align, indent
    )
    return start, start + width


def _height(paragraph: Paragraph, room: Emu) -> int:
    """Return the height of `paragraph`'s lines and the space above them, in EMU."""
    style = paragraph.style
    width_pt = max((room - paragraph.indent) / EMU_PER_PT, 1.0)
    lines = len(wrap(paragraph.drawn_runs, style.font, style.code_font, style.size.pt, width_pt).lines)
    points = lines * style.size.pt * LINE_SPACING * paragraph.line_spacing + paragraph.space_before.pt
    return round(points * EMU_PER_PT)
