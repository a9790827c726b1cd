"""Code bodies: the listing on a card, at the largest size at which no line wraps."""

from __future__ import annotations

import math

from ..assets.code import CodeAsset, TokenKind
from ..diagnostics import SourcePos, error, warning
from ..geometry import Box
from ..plan import CODE_CORNER, CodeRun, Listing, corner_inset
from ..textfit import LINE_SPACING, text_width_pt
from ..units import Emu, Inches, Pt, emu_to_pt
from .context import Planner
from .fitting import SIZE_STEP, fit

_CODE_PADDING = Emu(Inches(0.2))


def code_width(planner: Planner, code: CodeAsset, size: Pt) -> Emu:
    """Return the width of a card showing `code` at `size` with no line wrapped."""
    font = planner.theme.code_font
    widest = max((text_width_pt("".join(t.text for t in line), font, size.pt) for line in code.lines), default=0.0)
    # The card's rounded corners take a little more than a tenth of an inch from each side.
    return Emu(int(widest * 12700) + 2 * _CODE_PADDING + Inches(0.25))


def listing(planner: Planner, code: CodeAsset, box: Box, pos: SourcePos, *, start: Pt | None = None) -> Listing:
    """Return the code on a card as wide as `box` and as tall as its lines need, at the largest
    size from `start` (default 24 pt) down to the code floor at which every line fits without
    wrapping.
    """
    s, palette, font = planner.theme.sizes, planner.theme.code_colors, planner.theme.code_font
    fit_policy = planner.deck.fit
    # The card's rounded corners push the text in too; at most by the corners of the whole box.
    inset = Emu(_CODE_PADDING + corner_inset(box, CODE_CORNER))
    width_pt = emu_to_pt(box.width - 2 * inset)
    texts = ["".join(token.text for token in line) for line in code.lines]

    def needed(size: Pt) -> int:
        # A line wider than the card wraps, taking as many lines as it is card widths long.
        rows = sum(max(1, math.ceil(text_width_pt(text, font, size.pt) / width_pt)) for text in texts)
        return int(rows * size * LINE_SPACING)

    def widest(size: Pt) -> float:
        return max((text_width_pt(text, font, size.pt) for text in texts), default=0.0)

    # Shrink for width first (a wrapped line of code misleads), then let `fit` judge the height.
    size = start or s.code
    while widest(size) > width_pt and size.pt - SIZE_STEP >= s.code_floor.pt and fit_policy == "shrink":
        size = Pt(size.pt - SIZE_STEP)
    size = fit(
        planner,
        needed,
        box,
        size,
        Pt(min(s.code_floor.pt, size.pt)),
        pos=pos,
        what="the code",
        inset=inset,
        hint="show fewer or shorter lines, or split the listing over two slides",
    )
    if widest(size) > width_pt:
        number, text = max(enumerate(texts, start=1), key=lambda item: text_width_pt(item[1], font, size.pt))
        per_line = int(width_pt / text_width_pt("0", font, size.pt))
        diagnostic = error if fit_policy == "error" else warning
        at = f"even at {size.pt:.0f} pt" if fit_policy == "shrink" else f"at {size.pt:.0f} pt"
        planner.problems.append(
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
        tuple(CodeRun(token.text, palette.color(token.kind), italic=token.kind is TokenKind.COMMENT) for token in line)
        for line in code.lines
    )
    height = Emu(min(box.height, needed(size) + 2 * inset))
    return Listing(Box(box.left, box.top, box.width, height), lines, font, size, palette.background, pos, _CODE_PADDING)
