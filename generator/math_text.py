"""An equation written out as text in one line: what programs without Office Math show instead.

LibreOffice reads Office Math only as a box's whole text, so an equation among words reaches it
as this text: letters in italic, exponents and indices raised and lowered, a fraction `a/b`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import NamedTuple

# Operators set between spaces, as mathematics sets them (a minus that opens a group is a sign).
_SPACED = frozenset("=+−-±∓×÷·<>≤≥≠≈≡∼≃≅∝→←↔⇒⇐⇔∈∉⊂⊃⊆⊇∪∩∧∨")
_OPENERS = frozenset("([{⟨")
_LARGE = frozenset("∑∏∐∫∬∭∮⋃⋂⋁⋀⨁⨂⨀")
# Accents as latex2mathml writes them → the combining marks that set them over a letter.
_ACCENTS = {"^": "\u0302", "¯": "\u0304", "‾": "\u0305", "―": "\u0305", "→": "\u20d7", "~": "\u0303", "˙": "\u0307"}
# A space that does not break: an equation is never broken across lines, as it is measured.
_SPACE = "\u00a0"
_THIN = "\u202f"


class Piece(NamedTuple):
    """A stretch of an equation's text: `level` 1 is raised (an exponent), -1 lowered (an index)."""

    text: str
    level: int
    italic: bool


def readable(root: ET.Element) -> tuple[Piece, ...]:
    """Return the text of latex2mathml's MathML `root`, in pieces that share level and slant."""
    merged: list[Piece] = []
    for piece in _pieces(root, 0):
        if merged and merged[-1].level == piece.level and merged[-1].italic == piece.italic:
            merged[-1] = Piece(merged[-1].text + piece.text, piece.level, piece.italic)
        elif piece.text:
            merged.append(piece)
    return tuple(merged)


def _local(element: ET.Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def _text(element: ET.Element) -> str:
    return (element.text or "").strip()


def _pieces(element: ET.Element, level: int) -> list[Piece]:
    name = _local(element)
    parts = list(element)
    if name == "mi":
        # As the equation sets it: a single letter in italic, a name (`sin`) upright.
        return [Piece(_text(element), level, len(_text(element)) == 1)]
    if name in ("mn", "mo", "mtext", "ms"):
        return [Piece((element.text or "").replace(" ", _SPACE), level, False)]
    if name == "mspace":
        return [Piece(_THIN, level, False)]
    if name in ("msup", "msub", "msubsup", "munder", "mover", "munderover") and parts:
        if name == "mover" and len(parts) == 2 and _text(parts[1]) in _ACCENTS:
            return _accented(_pieces(parts[0], level), _ACCENTS[_text(parts[1])])
        # Limits under and over (a sum's, `lim`'s) are written as its index and exponent.
        lowered = name in ("msub", "msubsup", "munder", "munderover")
        out = _pieces(parts[0], level)
        for index, part in enumerate(parts[1:]):
            raised = not lowered or index == 1
            out += _pieces(part, level + 1 if raised else level - 1)
        # An operator with limits (a sum, `lim`) is set apart from what it applies to.
        operator = _local(parts[0]) == "mo" and (_text(parts[0]) in _LARGE or len(_text(parts[0])) > 1)
        return [*out, Piece(_THIN, level, False)] if operator else out
    if name == "mfrac" and len(parts) == 2:
        between = _SPACE if element.get("linethickness") == "0" else "/"
        return [*_grouped(parts[0], level), Piece(between, level, False), *_grouped(parts[1], level)]
    if name == "msqrt":
        return [Piece("√", level, False), *_grouped(element, level)]
    if name == "mroot" and len(parts) == 2:
        return [*_pieces(parts[1], level + 1), Piece("√", level, False), *_grouped(parts[0], level)]
    if name == "mtable":
        rows = [[_pieces(cell, level) for cell in row] for row in parts]
        return _joined([_joined(cells, f",{_SPACE}", level) for cells in rows], f";{_SPACE}", level)
    return _row(parts, level)


def _row(children: list[ET.Element], level: int) -> list[Piece]:
    out: list[Piece] = []
    for index, child in enumerate(children):
        shown = _text(child)
        before = children[index - 1] if index else None
        opens = before is None or (_local(before) == "mo" and (_text(before) in _SPACED or _text(before) in _OPENERS))
        # Scripts are set tight (`∑ i=1`), as mathematics sets them.
        if _local(child) == "mo" and shown in _SPACED and not opens and level == 0:
            out += [Piece(_SPACE, level, False), *_pieces(child, level), Piece(_SPACE, level, False)]
        else:
            out += _pieces(child, level)
    return out


def _grouped(element: ET.Element, level: int) -> list[Piece]:
    """Return the pieces of `element`'s content, in brackets when it is more than one term (`(x+1)/2`)."""
    single = element
    # An mrow (or a root) of one child is that child.
    while _local(single) in ("mrow", "mstyle", "msqrt") and len(single) == 1:
        single = single[0]
    inner = _row(list(single), level) if _local(single) in ("mrow", "mstyle", "msqrt") else _pieces(single, level)
    if _local(single) not in ("mrow", "mstyle", "msqrt", "mfrac"):
        return inner
    return [Piece("(", level, False), *inner, Piece(")", level, False)]


def _accented(pieces: list[Piece], mark: str) -> list[Piece]:
    """Return `pieces` with `mark` combined over each of their characters (`x̄`, `AB` barred)."""
    return [Piece("".join(char + mark for char in piece.text), piece.level, piece.italic) for piece in pieces]


def _joined(groups: list[list[Piece]], separator: str, level: int) -> list[Piece]:
    out: list[Piece] = []
    for index, group in enumerate(groups):
        if index:
            out.append(Piece(separator, level, False))
        out += group
    return out
