"""Text measured with real font metrics (Pillow), so the planner knows what fits its box."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import ImageFont

from . import fontconfig
from .diagnostics import Diagnostic, SourcePos, warning
from .inline import Run
from .mathml import MathError, equation

# Metric-compatible open fonts: the deck names the Microsoft font, and the measurement uses a
# font with the same advance widths (LibreOffice substitutes the same ones when rendering).
_CARLITO = ("Carlito-Regular.ttf", "Carlito-Bold.ttf", "Carlito-Italic.ttf", "Carlito-BoldItalic.ttf")
_CALADEA = ("Caladea-Regular.ttf", "Caladea-Bold.ttf", "Caladea-Italic.ttf", "Caladea-BoldItalic.ttf")
_SANS = (
    "LiberationSans-Regular.ttf",
    "LiberationSans-Bold.ttf",
    "LiberationSans-Italic.ttf",
    "LiberationSans-BoldItalic.ttf",
)
_SERIF = (
    "LiberationSerif-Regular.ttf",
    "LiberationSerif-Bold.ttf",
    "LiberationSerif-Italic.ttf",
    "LiberationSerif-BoldItalic.ttf",
)
_MONO = (
    "LiberationMono-Regular.ttf",
    "LiberationMono-Bold.ttf",
    "LiberationMono-Italic.ttf",
    "LiberationMono-BoldItalic.ttf",
)
_FONT_FILES: dict[str, tuple[str, str, str, str]] = {
    "calibri": _CARLITO,
    "cambria": _CALADEA,
    "arial": _SANS,
    "times new roman": _SERIF,
    "courier new": _MONO,
    # The stand-ins by their own names, as LibreOffice's templates name them.
    "carlito": _CARLITO,
    "caladea": _CALADEA,
    "liberation sans": _SANS,
    "liberation serif": _SERIF,
    "liberation mono": _MONO,
    "consolas": (
        "DejaVuSansMono.ttf",
        "DejaVuSansMono-Bold.ttf",
        "DejaVuSansMono-Oblique.ttf",
        "DejaVuSansMono-BoldOblique.ttf",
    ),
    "dejavu sans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf"),
    "wenquanyi micro hei": ("wqy-microhei.ttc",) * 4,
}
_PACKAGES = {
    "calibri": ("Carlito", "fonts-crosextra-carlito"),
    "arial": ("Liberation Sans", "fonts-liberation2"),
    "consolas": ("DejaVu Sans Mono", "fonts-dejavu-core"),
    "dejavu sans": ("DejaVu Sans", "fonts-dejavu-core"),
    "wenquanyi micro hei": ("WenQuanYi Micro Hei", "fonts-wqy-microhei"),
}
"""For each font above: the open font that measures it, and the Debian package that installs it."""
_FALLBACK = "dejavu sans"
_CJK_FALLBACK = "wenquanyi micro hei"
"""What LibreOffice draws Chinese, Japanese and Korean in when the text's font lacks them."""
_FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts")
_REFERENCE_SIZE = 100
_UNASSIGNED = "\U0010fffd"
"""A private-use character no font draws: what a font's missing glyph (.notdef) looks like."""
LINE_SPACING = 1.2
"""Line height as a multiple of the font size (PowerPoint's single spacing for Calibri)."""
_USABLE = 0.99
"""The part of a line's width text is set in: LibreOffice breaks a word that is a fraction of a
point narrower than the line (its layout rounds each glyph's advance), so the model breaks it too."""
_SCRIPT_GAP = 0.25
"""The room LibreOffice adds where CJK text meets other text, in ems: a fifth of the line's
height (1.22 em in Carlito), whether or not a space is there too. PowerPoint adds none."""


# Where Debian/Ubuntu, Fedora and Arch install the fonts above, under a font folder.
_KNOWN_FOLDERS = (
    "truetype/crosextra",
    "truetype/liberation2",
    "truetype/liberation",
    "truetype/dejavu",
    "truetype/wqy",
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
    files = _FONT_FILES.get(family.lower())
    path = (_find(files[bold + 2 * italic]) or _find(files[0])) if files else None
    if path is None and files is None:
        # A font of no known stand-in is measured in what fontconfig draws it in here, as
        # LibreOffice does: the font itself when installed, else its substitute (a serif for
        # a serif font such as Constantia).
        path = fontconfig.match(family, bold=bold, italic=italic, folders=_FONT_DIRS)[0]
    if path is None:
        fallback = _FONT_FILES[_FALLBACK]
        path = _find(fallback[bold + 2 * italic]) or _find(fallback[0])
    return ImageFont.truetype(str(path), _REFERENCE_SIZE) if path else ImageFont.load_default(_REFERENCE_SIZE)


def measured_as(family: str) -> str | None:
    """Return the font file that measures `family` with the same widths (the font itself, or a
    metric-compatible one), or None when none is installed (text in `family` is then measured
    in what stands in for it: `metrics_font`).
    """
    files = _FONT_FILES.get(family.lower())
    if files is None:
        path, itself = fontconfig.match(family, folders=_FONT_DIRS)
        return path.name if path and itself else None
    path = _find(files[0])
    return path.name if path else None


def metrics_font(family: str) -> str:
    """Return the name of the font file that measures `family` (for docs and diagnostics)."""
    font = _font(family, False, False)
    return Path(getattr(font, "path", "built-in")).name


def font_files(family: str) -> str:
    """Return which font files measure `family` (path, size and time of each style), for cache keys.

    Installing the metric-compatible font changes what text measures, and so what a cached
    layout would have been.
    """
    styles = [_font(family, bold, italic) for italic in (False, True) for bold in (False, True)]
    described = []
    for path in dict.fromkeys(getattr(font, "path", "built-in") for font in styles):
        try:
            info = Path(path).stat()
        except OSError:
            described.append(str(path))
        else:
            described.append(f"{path}:{info.st_size}:{info.st_mtime_ns}")
    return ";".join(described)


def stand_in(family: str) -> tuple[str, str, str] | None:
    """Return (the font that should measure `family`, its package, the stand-in measuring instead) if missing.

    None when the metric-compatible font is installed, or none is known for `family`.
    """
    known = _PACKAGES.get(family.lower())
    if known is None or _find(_FONT_FILES[family.lower()][0]) is not None:
        return None
    fallback = _FONT_FILES[_FALLBACK][0]
    return (*known, "DejaVu Sans" if _find(fallback) else "Pillow's built-in font")


def stand_in_warnings(file: str, families: Iterable[str]) -> list[Diagnostic]:
    """Return a warning for each of `families` measured by a stand-in: its metric-compatible font is missing."""
    warnings = []
    for family in dict.fromkeys(families):
        missing = stand_in(family)
        if missing is None:
            continue
        font, package, instead = missing
        warnings.append(
            warning(
                "font.stand-in",
                SourcePos(file, 1, 1),
                f"{family} text is measured with {instead}: {font}, which has {family}'s widths, is not installed",
                expected=f"{font}, so text is fitted as {family} will show it",
                found=f"no {font}; {instead} stands in, and text may be fitted smaller or wrapped sooner than needed",
                hint=f"install it (sudo apt-get update && sudo apt-get install {package}) and build again",
            )
        )
    return warnings


def text_width_pt(text: str, family: str, size_pt: float, *, bold: bool = False, italic: bool = False) -> float:
    """Return the advance width of `text` in points."""
    return _length(text, family, bold, italic) * size_pt / _REFERENCE_SIZE


# Fitting a deck measures the same words again and again (every size tried, every slide), and
# asking FreeType for a width took most of the planning; widths are kept, a bounded number.
@functools.lru_cache(maxsize=1 << 16)
def _length(text: str, family: str, bold: bool, italic: bool) -> float:
    font = _font(family, bold, italic)
    if text.isascii():
        return font.getlength(text)
    # A character the font lacks is drawn from another font, as renderers do: DejaVu Sans (what
    # LibreOffice falls back to here), else a full-width em for a wide (CJK, emoji) character.
    total, start = 0.0, 0
    for index, char in enumerate(text):
        if not _covers(family, bold, italic, char):
            total += font.getlength(text[start:index]) + _fallback_length(char)
            start = index + 1
    return total + font.getlength(text[start:])


@functools.lru_cache(maxsize=1 << 14)
def _covers(family: str, bold: bool, italic: bool, char: str) -> bool:
    """Return whether the font measuring `family` has a glyph for `char` (not its .notdef box)."""
    font = _font(family, bold, italic)
    return (font.getlength(char), font.getbbox(char)) != _notdef(family, bold, italic)


@functools.cache
def _notdef(family: str, bold: bool, italic: bool) -> tuple[float, tuple[float, float, float, float]]:
    font = _font(family, bold, italic)
    return font.getlength(_UNASSIGNED), font.getbbox(_UNASSIGNED)


@functools.lru_cache(maxsize=1 << 14)
def _fallback_length(char: str) -> float:
    # LibreOffice draws a CJK character in its Asian font, which falls back to the CJK font installed.
    for family in (_CJK_FALLBACK, _FALLBACK) if _is_cjk(char) else (_FALLBACK,):
        if _covers(family, False, False, char):
            return _font(family, False, False).getlength(char)
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return float(_REFERENCE_SIZE)
    return _font(_FALLBACK, False, False).getlength(_UNASSIGNED)


def code_size_pt(size_pt: float, family: str, code_family: str) -> float:
    """Return the size at which inline code in `code_family` looks as large as `family` at `size_pt`.

    A monospaced font has a taller x-height than a text font of the same size (DejaVu Sans Mono
    0.55 em, Carlito 0.48 em), so code set at the body size looks a size or two larger; the
    heights are matched, to the half point (PowerPoint stores hundredths).
    """
    scale = _x_height(family) / _x_height(code_family)
    return round(size_pt * min(scale, 1.0) * 2) / 2


@functools.cache
def _x_height(family: str) -> float:
    box = _font(family, False, False).getbbox("x")
    return float(box[3] - box[1]) or 1.0


@dataclass(frozen=True)
class Wrapped:
    """Text as it wraps in a box: the words of each line, and the words too wide for any line."""

    lines: tuple[tuple[str, ...], ...]
    broken: tuple[str, ...]
    """Words wider than the whole line, which renderers then break between characters."""


def wrapped_lines(runs: Sequence[Run], family: str, code_family: str, size_pt: float, width_pt: float) -> int:
    """Return how many lines `runs` take when word-wrapped into `width_pt` (at least 1)."""
    return len(wrap(runs, family, code_family, size_pt, width_pt).lines)


def wrap(runs: Sequence[Run], family: str, code_family: str, size_pt: float, width_pt: float) -> Wrapped:
    """Return `runs` word-wrapped into `width_pt` as LibreOffice and PowerPoint wrap them.

    A line breaks at spaces, after a hyphen or slash inside a word of text, and between Chinese
    and Japanese characters; never inside inline code but at its spaces (the writer makes its
    hyphens non-breaking). A word wider than the line is broken between characters, as renderers do.
    """
    if width_pt <= 0:
        raise ValueError(f"no room for text: {width_pt} pt wide")
    width_pt *= _USABLE
    code_pt = code_size_pt(size_pt, family, code_family)
    lines: list[list[str]] = [[]]
    broken: list[str] = []
    used, last, last_width = 0.0, "", 0.0
    after_cjk = False
    for piece in _pieces(runs):
        if piece.text == "\n":
            lines.append([])
            used = 0.0
            continue

        def measure(text: str, run: Run) -> float:
            code = run.code
            font = code_family if code else family
            return text_width_pt(text, font, code_pt if code else size_pt, bold=run.bold, italic=run.italic)

        width = sum(measure(text, run) for text, run in piece.parts)
        space = 0.0
        if piece.spaced is not None and used:
            code = piece.spaced.code
            # A space after CJK text is drawn in the CJK font, as the script it follows.
            font = code_family if code else _CJK_FALLBACK if after_cjk else family
            space = text_width_pt(" ", font, code_pt if code else size_pt)
        cjk = _is_cjk(piece.text[0])
        gap = _SCRIPT_GAP * size_pt if used and cjk != after_cjk else 0.0
        if used and used + space + gap + width > width_pt:
            if space and _is_emoji(piece.text[0]) and not _is_emoji(last[0]) and lines[-1] != [last]:
                # LibreOffice does not break a line before an emoji it has no font for: the piece
                # of word before it goes to the next line with it.
                lines[-1][-1] = lines[-1][-1].removesuffix(last)
                lines.append([last])
                used, gap = last_width, 0.0
            else:
                lines.append([])
                used, space, gap = 0.0, 0.0, 0.0
        line = lines[-1]
        if line and not space:
            line[-1] += piece.text
        else:
            line.append(piece.text)
        last, last_width = piece.text, width
        used += space + gap + width
        after_cjk = _is_cjk(piece.text[-1])
        if used > width_pt:
            broken.append(piece.text)
            # Renderers break it after the last character that fits, line after line; its tail
            # shares the last line it reaches.
            used -= width
            for char, run in ((char, run) for text, run in piece.parts for char in text):
                advance = measure(char, run)
                if used + advance > width_pt and used > 0:
                    lines.append([""])
                    used = 0.0
                used += advance
    # A fraction, a sum's limits or a matrix stack: each such equation takes about a line more.
    lines.extend([] for run in runs if _tall(run))
    return Wrapped(tuple(tuple(word for word in line if word) for line in lines), tuple(broken))


@dataclass(frozen=True)
class _Piece:
    text: str
    parts: tuple[tuple[str, Run], ...]
    spaced: Run | None
    """The run of the space before it (None: it joins the previous piece into one word)."""


# Break opportunities inside a word of text: after a hyphen or slash followed by a letter or digit.
_SOFT_BREAK = re.compile(r"(?<=[-/\u2010\u2013])(?=\w)")


# A line may break before and after each Chinese or Japanese character; Korean breaks at its
# spaces, as LibreOffice breaks it.
_IDEOGRAPH_SPLIT = re.compile(r"([\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef])")


def _is_emoji(char: str) -> bool:
    return unicodedata.category(char) == "So" and unicodedata.east_asian_width(char) == "W" and not _is_cjk(char)


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return 0x2E80 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF


def _pieces(runs: Sequence[Run]) -> list[_Piece]:
    """Return the unbreakable pieces of `runs` in order, each with its text per run."""
    pieces: list[_Piece] = []
    parts: list[tuple[str, Run]] = []
    spaced: Run | None = None

    def close(next_spaced: Run | None) -> None:
        nonlocal parts, spaced
        if parts:
            # Words are given as drawn: inline code's hyphens are non-breaking (see the writer).
            text = "".join(part.replace("-", "\u2011") if run.code else part for part, run in parts)
            pieces.append(_Piece(text, tuple(parts), spaced))
        parts, spaced = [], next_spaced

    for run in runs:
        if run.math:
            # An equation is measured by the characters it shows, and is never broken across lines.
            parts.append((_measured(run)[0] or " ", run))
            continue
        for chunk in re.split(r"(\s+)", run.text):
            if not chunk:
                continue
            if chunk.isspace():
                for _ in range(chunk.count("\n")):
                    close(None)
                    pieces.append(_Piece("\n", (), None))
                close(run)
                continue
            segments = [chunk] if run.code else _SOFT_BREAK.split(chunk)
            for index, segment in enumerate(segments):
                if index:
                    close(None)
                for text in _IDEOGRAPH_SPLIT.split(segment):
                    if not text:
                        continue
                    if _IDEOGRAPH_SPLIT.fullmatch(text) and parts:
                        close(None)
                    parts.append((text, run))
                    if _IDEOGRAPH_SPLIT.fullmatch(text):
                        close(None)
    close(None)
    return pieces


def _tall(run: Run) -> bool:
    return run.math and _measured(run)[1]


def shown_text(run: Run) -> str:
    """Return the characters `run` shows: its text, or what its equation shows in a line."""
    return _measured(run)[0] if run.math else run.text


def _measured(run: Run) -> tuple[str, bool]:
    """Return what an equation shows on one line and whether it stacks; its LaTeX if it cannot be converted.

    PowerPoint shows the equation (a fraction stacked), LibreOffice its written-out text (`a/b`
    on one line, see writer/math_xml.py): it is measured as the longer of the two, so it fits both.
    """
    try:
        found = equation(run.text, run.display)
    except MathError:
        return run.text, False
    written = "".join(piece.text for piece in found.text)
    return max(found.shown, written, key=len), found.tall


def measuring_fonts() -> list[str]:
    """Return the font files every known family is measured with (as `font_files` gives them).

    A change to any of them can change every font size the planner picks.
    """
    return [font_files(family) for family in _FONT_FILES]
