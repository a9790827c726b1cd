"""Text measured with real font metrics (Pillow), so the planner knows what fits its box."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path

from PIL import ImageFont

from .inline import Run
from .mathml import MathError, equation

# Metric-compatible open fonts: the deck names the Microsoft font, and the measurement uses a
# font with the same advance widths (LibreOffice substitutes the same ones when rendering).
_FONT_FILES: dict[str, tuple[str, str, str, str]] = {
    "calibri": ("Carlito-Regular.ttf", "Carlito-Bold.ttf", "Carlito-Italic.ttf", "Carlito-BoldItalic.ttf"),
    "arial": (
        "LiberationSans-Regular.ttf",
        "LiberationSans-Bold.ttf",
        "LiberationSans-Italic.ttf",
        "LiberationSans-BoldItalic.ttf",
    ),
    "consolas": (
        "DejaVuSansMono.ttf",
        "DejaVuSansMono-Bold.ttf",
        "DejaVuSansMono-Oblique.ttf",
        "DejaVuSansMono-BoldOblique.ttf",
    ),
    "dejavu sans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf"),
}
_FALLBACK = "dejavu sans"
_FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts")
_REFERENCE_SIZE = 100
LINE_SPACING = 1.2
"""Line height as a multiple of the font size (PowerPoint's single spacing for Calibri)."""


# Where Debian/Ubuntu, Fedora and Arch install the fonts above, under a font folder.
_KNOWN_FOLDERS = (
    "truetype/crosextra",
    "truetype/liberation2",
    "truetype/liberation",
    "truetype/dejavu",
    "google-carlito-fonts",
    "liberation-sans",
    "dejavu-sans-fonts",
    "dejavu-sans-mono-fonts",
    "TTF",
)


@functools.cache
def _find(file_name: str) -> Path | None:
    """Return the font file named `file_name`: in a known folder, else the first found under a font folder."""
    for folder in _FONT_DIRS:
        for known in _KNOWN_FOLDERS:
            path = folder / known / file_name
            if path.is_file():
                return path
    return _font_files().get(file_name)


@functools.cache
def _font_files() -> dict[str, Path]:
    """Return every file under the font folders by name, the first found of a name kept.

    One walk for all the fonts looked for (a system with many fonts took a walk per font).
    """
    found: dict[str, Path] = {}
    for folder in _FONT_DIRS:
        if folder.is_dir():
            for path in folder.rglob("*"):
                found.setdefault(path.name, path)
    return found


@functools.cache
def _font(family: str, bold: bool, italic: bool) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for name in (family.lower(), _FALLBACK):
        files = _FONT_FILES.get(name)
        if files:
            path = _find(files[bold + 2 * italic]) or _find(files[0])
            if path:
                return ImageFont.truetype(str(path), _REFERENCE_SIZE)
    return ImageFont.load_default(_REFERENCE_SIZE)


def metrics_font(family: str) -> str:
    """Return the name of the font file that measures `family` (for docs and diagnostics)."""
    font = _font(family, False, False)
    return Path(getattr(font, "path", "built-in")).name


def text_width_pt(text: str, family: str, size_pt: float, *, bold: bool = False, italic: bool = False) -> float:
    """Return the advance width of `text` in points."""
    return _length(text, family, bold, italic) * size_pt / _REFERENCE_SIZE


# Fitting a deck measures the same words again and again (every size tried, every slide), and
# asking FreeType for a width took most of the planning; widths are kept, a bounded number.
@functools.lru_cache(maxsize=1 << 16)
def _length(text: str, family: str, bold: bool, italic: bool) -> float:
    return _font(family, bold, italic).getlength(text)


def wrapped_lines(runs: Sequence[Run], family: str, code_family: str, size_pt: float, width_pt: float) -> int:
    """Return how many lines `runs` take when word-wrapped into `width_pt` (at least 1)."""
    if width_pt <= 0:
        raise ValueError(f"no room for text: {width_pt} pt wide")
    words = _words(runs)
    space = text_width_pt(" ", family, size_pt)
    # A fraction, a sum's limits or a matrix stack: each such equation takes about a line more.
    lines, used = 1 + sum(_tall(run) for run in runs), 0.0
    for word, run in words:
        if word == "\n":
            lines, used = lines + 1, 0.0
            continue
        width = text_width_pt(word, code_family if run.code else family, size_pt, bold=run.bold, italic=run.italic)
        needed = width if used == 0 else used + space + width
        if needed <= width_pt or used == 0:
            used = needed
            # A single word wider than the line wraps character by character in PowerPoint.
            while used > width_pt:
                lines += 1
                used -= width_pt
        else:
            lines += 1
            used = width
    return lines


def _tall(run: Run) -> bool:
    return run.math and _measured(run)[1]


def shown_text(run: Run) -> str:
    """Return the characters `run` shows: its text, or what its equation shows in a line."""
    return _measured(run)[0] if run.math else run.text


def _measured(run: Run) -> tuple[str, bool]:
    """Return what an equation shows on one line and whether it stacks; its LaTeX if it cannot be converted."""
    try:
        found = equation(run.text, run.display)
    except MathError:
        return run.text, False
    return found.shown, found.tall


def _words(runs: Sequence[Run]) -> list[tuple[str, Run]]:
    words: list[tuple[str, Run]] = []
    for run in runs:
        if run.math:
            # An equation is measured by the characters it shows, and is not broken across lines.
            words.append((_measured(run)[0] or " ", run))
            continue
        for line_index, line in enumerate(run.text.split("\n")):
            if line_index:
                words.append(("\n", run))
            words.extend((word, run) for word in line.split())
    return words
