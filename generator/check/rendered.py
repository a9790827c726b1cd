"""The plan compared with a real render: every word inside its frame, lines and breaks as measured."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from html import unescape
from pathlib import Path
from typing import assert_never

from ..diagnostics import Diagnostic, MissingProgramError, SourcePos, warning
from ..geometry import Box
from ..plan import (
    CARD_CORNER,
    INSET_X,
    Anchor,
    Diagram,
    Listing,
    Paragraph,
    Picture,
    Presentation,
    Rule,
    Table,
    TextBox,
    corner_inset,
)
from ..textfit import LINE_SPACING, Wrapped, shown_text, wrap
from ..units import Emu

POPPLER_HINT = (
    "Install Poppler's pdftotext: 'sudo apt-get install poppler-utils' (Debian/Ubuntu), 'brew install poppler' (macOS)."
)
_EMU_PER_PT = 12700
_TOLERANCE_PT = 1.5
"""How far a word's box may pass its frame's edge: PDF word boxes include the glyphs' side bearings."""


@dataclass(frozen=True)
class Word:
    """A word on a rendered page and its box, in points from the page's top-left corner."""

    text: str
    left: float
    top: float
    right: float
    bottom: float


@dataclass(frozen=True)
class Frame:
    """A planned text area on a slide: its box in points, its words and the lines they take."""

    what: str
    pos: SourcePos
    left: float
    top: float
    right: float
    bottom: float
    words: tuple[str, ...]
    lines: int | None
    """None when the lines are not compared: text holding an equation or a link, which LibreOffice
    lays out otherwise (`_laid_out_otherwise`), an emoji, or a character the PDF gives back as another."""
    broken: tuple[str, ...]
    """Words the plan knows are wider than their line (already reported while planning)."""
    size: float


class Problem(StrEnum):
    """How a render can disagree with the plan."""

    OUTSIDE = "outside"
    LINES = "lines"
    BROKEN = "broken"


@dataclass(frozen=True)
class Finding:
    """One disagreement between the plan and the render of a slide."""

    slide: int
    frame: Frame
    problem: Problem
    detail: str


def slide_frames(presentation: Presentation) -> list[list[Frame]]:
    """Return every slide's text frames as planned: text boxes, table cells and code cards."""
    slides = []
    for slide in presentation.slides:
        frames: list[Frame] = []
        for shape in slide.shapes:
            match shape:
                case TextBox() if not shape.slide_number:
                    frames.append(_text_frame(shape))
                case Table():
                    frames.extend(_cell_frames(shape))
                case Listing():
                    frames.append(_listing_frame(shape))
                case Diagram():
                    frames.extend(_label_frames(shape))
                case TextBox() | Picture() | Rule():
                    pass  # the slide number, which PowerPoint fills in, and shapes without text
                case _:
                    assert_never(shape)
        slides.append([frame for frame in frames if frame.words])
    return slides


def _text_frame(shape: TextBox) -> Frame:
    words: list[str] = []
    broken: list[str] = []
    lines: int | None = 0
    # A card (a filled box) is a rounded rectangle, whose corners push its text in further.
    inset = shape.padding_x + (corner_inset(shape.box, CARD_CORNER) if shape.fill else 0)
    for paragraph in shape.paragraphs:
        wrapped = _wrap(paragraph, (shape.box.width - 2 * inset - paragraph.indent) / _EMU_PER_PT)
        words.extend(_text_words(paragraph, wrapped))
        broken.extend(wrapped.broken)
        lines = None if lines is None or _laid_out_otherwise(paragraph) else lines + len(wrapped.lines)
    size = max((p.style.size.pt for p in shape.paragraphs), default=0.0)
    box = _one_line_strip(shape, size) if lines == 1 else shape.box
    return _frame(shape.name, shape.pos, box, words, lines, broken, size)


def _one_line_strip(shape: TextBox, size: float) -> Box:
    """Return the box a line of text at `size` in `shape` is drawn in: a box shorter than the
    line (a template's footer or title strip, which fitting lets one line fill) grows past the
    edge its anchor leaves open, as the renderer spills the line."""
    spacing = max(p.line_spacing for p in shape.paragraphs)
    line = round(size * LINE_SPACING * spacing * _EMU_PER_PT) + 2 * shape.padding_y
    short = line - shape.box.height
    if short <= 0:
        return shape.box
    above = {Anchor.TOP: 0, Anchor.MIDDLE: short // 2, Anchor.BOTTOM: short}[shape.anchor]
    box = shape.box
    return Box(box.left, Emu(box.top - above), box.width, Emu(line))


def _laid_out_otherwise(paragraph: Paragraph) -> bool:
    """Return whether `paragraph` holds text whose lines LibreOffice sets otherwise than the plan:
    an equation, or a link (which LibreOffice draws as one field, broken only between characters
    when it is wider than its line, where PowerPoint breaks it at its spaces as the plan does)."""
    return any(run.math or run.link for run in paragraph.runs)


def _text_words(paragraph: Paragraph, wrapped: Wrapped) -> list[str]:
    """Return the words of `wrapped` but equations and links: LibreOffice Math draws an equation
    as a picture of its own, whose symbols stand where its layout puts them, not as words; a link
    is broken where its field fills the line."""
    skipped = [part for run in paragraph.runs if run.math or run.link for part in shown_text(run).split()]
    words = [word for line in wrapped.lines for word in line]
    return [word for word in words if not any(part in word or word in part for part in skipped)]


def _wrap(paragraph: Paragraph, width_pt: float) -> Wrapped:
    style = paragraph.style
    return wrap(paragraph.drawn_runs, style.font, style.code_font, style.size.pt, max(width_pt, 1.0))


def _cell_frames(table: Table) -> Iterator[Frame]:
    top = table.box.top
    for row, height in zip(table.rows, table.row_heights, strict=True):
        left = table.box.left
        for cell, width in zip(row, table.column_widths, strict=True):
            wrapped = _wrap(cell.paragraph, (width - 2 * INSET_X) / _EMU_PER_PT)
            words = _text_words(cell.paragraph, wrapped)
            box = Box(left, top, width, height)
            size = cell.paragraph.style.size.pt
            lines = None if _laid_out_otherwise(cell.paragraph) else len(wrapped.lines)
            yield _frame("table cell", table.pos, box, words, lines, wrapped.broken, size)
            left += width
        top += height


def _label_frames(diagram: Diagram) -> Iterator[Frame]:
    """Yield a frame per node of a native diagram: its label must be drawn inside its shape."""
    for node in diagram.diagram.nodes:
        words = [word for line in node.lines for word in line.split()]
        yield _frame(f"node {node.name}", diagram.pos, node.box, words, len(node.lines), (), node.text.font_pt)


def _listing_frame(listing: Listing) -> Frame:
    texts = ["".join(run.text for run in line) for line in listing.lines]
    words = [word for text in texts for word in text.split()]
    # A blank line has no words in the PDF to count it by.
    lines = sum(1 for text in texts if text.strip())
    return _frame("code", listing.pos, listing.box, words, lines, (), listing.size.pt)


def _frame(
    what: str,
    pos: SourcePos,
    box: Box,
    words: list[str],
    lines: int | None,
    broken: tuple[str, ...] | list[str],
    size: float,
) -> Frame:
    readable = [word for word in words if _readable(word)]
    return Frame(
        what,
        pos,
        box.left / _EMU_PER_PT,
        box.top / _EMU_PER_PT,
        (box.left + box.width) / _EMU_PER_PT,
        (box.top + box.height) / _EMU_PER_PT,
        tuple(segment for word in readable for segment in _segments(word)),
        lines if len(readable) == len(words) and not any(map(_has_emoji, words)) else None,
        tuple(segment for word in broken for segment in _segments(word)),
        size,
    )


def _readable(word: str) -> bool:
    """Return whether `word` comes back from the PDF as written: LibreOffice writes a character
    beyond the Basic Multilingual Plane that no font has (an ideograph of CJK Extension B, a
    hieroglyph) as other characters; emoji come back as they are."""
    return all(ord(char) < 0x10000 or unicodedata.category(char) == "So" for char in word)


def _has_emoji(word: str) -> bool:
    """Return whether `word` holds an emoji: LibreOffice here has no emoji font and draws a box
    half as wide as the em the plan measures (about what an emoji font takes in PowerPoint), so
    its lines are not counted."""
    return any(ord(char) >= 0x1F000 and unicodedata.category(char) == "So" for char in word)


# Where a renderer may break a word: after a hyphen or slash (not inside inline code, whose
# hyphens are drawn non-breaking) and around each CJK character.
_BREAKS = re.compile(r"(?<=[-/\u2010\u2013])(?=\w)|(?=[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef])")
_CJK_AFTER = re.compile(r"(?<=[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef])")


def _segments(word: str) -> list[str]:
    """Return the pieces of `word` between the places a renderer may break it, as compared."""
    pieces = [part for piece in _BREAKS.split(word) for part in _CJK_AFTER.split(piece)]
    return [normal for normal in map(_normal, pieces) if normal]


def _normal(text: str) -> str:
    """Return `text` as compared with a PDF's words: NFKC, hyphens plain, invisible marks dropped."""
    text = unicodedata.normalize("NFKC", text).replace("\u2010", "-").replace("\u2011", "-")
    return "".join(char for char in text if unicodedata.category(char) not in ("Cf", "Mn", "Zs"))


def compare(frames: list[list[Frame]], pages: list[list[Word]]) -> list[Finding]:
    """Return where the rendered `pages` disagree with the planned `frames`, slide by slide."""
    findings: list[Finding] = []
    for number, (planned, words) in enumerate(zip(planned_pages(frames, pages), pages, strict=True), start=1):
        findings.extend(_compare_slide(number, planned, words))
    return findings


def planned_pages(frames: list[list[Frame]], pages: list[list[Word]]) -> list[list[Frame]]:
    """Return `frames` for as many slides as were rendered (a missing page is its own problem)."""
    return frames[: len(pages)] + [[] for _ in range(len(pages) - len(frames))]


def _joined(words: list[Word]) -> list[Word]:
    """Return `words` with those that touch on a line joined: Poppler splits a word where its font
    changes (an italic quote mark before inline code), the renderer did not."""
    joined: list[Word] = []
    for word in words:
        last = joined[-1] if joined else None
        if last and abs(word.top - last.top) < 6 and -0.5 < word.left - last.right < 0.5:
            word = Word(
                last.text + word.text, last.left, min(last.top, word.top), word.right, max(last.bottom, word.bottom)
            )
            joined[-1] = word
        else:
            joined.append(word)
    return joined


def _compare_slide(number: int, frames: list[Frame], words: list[Word]) -> Iterator[Finding]:
    free = [(segment, word) for word in _joined(words) for segment in _segments(word.text)]
    matched: list[list[Word]] = []
    missing: list[list[str]] = []
    for frame in frames:
        found, lost = [], []
        for text in frame.words:
            if text in frame.broken:
                # Drawn in pieces, as planned: looking for it whole would take another frame's word.
                continue
            # Poppler gives right-to-left words in the order their letters are drawn.
            candidates = [i for i, (seen, _) in enumerate(free) if seen in (text, text[::-1])]
            if not candidates:
                lost.append(text)
                continue
            best = min(candidates, key=lambda i: _distance(frame, free[i][1]))
            found.append(free.pop(best)[1])
        matched.append(found)
        missing.append(lost)
    leftovers = [seen for seen, _ in free]
    for frame, found, lost in zip(frames, matched, missing, strict=True):
        outside = [word for word in found if _distance(frame, word) > 0]
        if outside:
            shown = ", ".join(repr(word.text) for word in outside[:3])
            yield Finding(number, frame, Problem.OUTSIDE, f"{shown} drawn outside {frame.what}")
        # A word is broken when the render shows it as pieces the plan did not predict.
        broken = [text for text in lost if text not in frame.broken and _in_pieces(text, leftovers)]
        if broken:
            yield Finding(number, frame, Problem.BROKEN, f"{broken[0]!r} broken across lines in {frame.what}")
        if not lost and not frame.broken and frame.lines is not None:
            rendered = _line_count(found, frame.size)
            if abs(rendered - frame.lines) > 1:
                detail = f"{rendered} lines drawn where {frame.lines} were measured in {frame.what}"
                yield Finding(number, frame, Problem.LINES, detail)


def _distance(frame: Frame, word: Word) -> float:
    """Return how far `word` passes its frame's edges, in points (0 when inside)."""
    tolerance = _TOLERANCE_PT + 0.1 * frame.size
    return max(
        frame.left - word.left - tolerance,
        word.right - frame.right - tolerance,
        frame.top - word.top - tolerance,
        word.bottom - frame.bottom - tolerance,
        0.0,
    )


def _in_pieces(text: str, leftovers: list[str]) -> bool:
    return any(len(piece) >= 2 and piece != text and piece in text for piece in leftovers)


def _line_count(words: list[Word], size: float) -> int:
    """Return how many lines `words` stand on: tops closer than half a line are one line."""
    tops = sorted(word.top for word in words)
    lines, last = 0, None
    for top in tops:
        if last is None or top - last > 0.5 * size * LINE_SPACING:
            lines += 1
            last = top
    return lines


# A word drawn past the page's top or left edge (a title grown upwards) has negative coordinates.
_WORD = re.compile(r'<word xMin="(-?[\d.]+)" yMin="(-?[\d.]+)" xMax="(-?[\d.]+)" yMax="(-?[\d.]+)">([^<]*)</word>')


def require_pdftotext() -> str:
    """Return the path of Poppler's `pdftotext`; raises MissingProgramError when it is not installed."""
    program = shutil.which("pdftotext")
    if program is None:
        raise MissingProgramError("pdftotext", POPPLER_HINT)
    return program


def pdf_words(pdf: Path) -> list[list[Word]]:
    """Return every word of every page of `pdf` with its box (Poppler's `pdftotext -bbox`).

    Raises MissingProgramError when Poppler is not installed.
    """
    program = require_pdftotext()
    # Poppler can write text it cannot map as bytes that are not UTF-8 (seen with hostile decks).
    done = subprocess.run([program, "-bbox", str(pdf), "-"], capture_output=True, check=True)
    html = done.stdout.decode("utf-8", errors="replace")
    pages = html.split("<page ")[1:]
    return [
        [Word(unescape(m.group(5)), *(float(m.group(i)) for i in range(1, 5))) for m in _WORD.finditer(page)]
        for page in pages
    ]


def render_diagnostics(findings: list[Finding]) -> list[Diagnostic]:
    """Return a warning for each finding, at the YAML of the text it concerns."""
    hints = {
        Problem.OUTSIDE: "shorten the text, or split it over two slides (details can go in the notes)",
        Problem.LINES: "leave some room: shorten the text a little",
        Problem.BROKEN: "shorten the word, or put it on a line of its own",
    }
    return [
        warning(
            f"render.{finding.problem.value}",
            finding.frame.pos,
            f"slide {finding.slide}: {finding.detail} in LibreOffice's render",
            expected="every word inside its box, on the lines measured",
            found=finding.detail,
            hint=hints[finding.problem],
        )
        for finding in findings
    ]
