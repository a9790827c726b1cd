"""Slides drawn by headless Chromium from the HTML deck and by LibreOffice from the .pptx, measured alike.

Both renders become PDFs (Chromium prints the HTML deck, one slide a page; LibreOffice converts
the .pptx) rasterised by the same Poppler at 96 dpi, so one CSS pixel is one image pixel and
only the two layout engines differ.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageFilter, ImageStat

from generator.geometry import Box

CHROMIUM = "/usr/bin/chromium"
EMU_PER_PX = 9525
INK = 90
"""How far (0-255, any channel) a pixel must be from the box's background to count as text."""


def chromium_installed() -> bool:
    return Path(CHROMIUM).is_file() and shutil.which("pdftoppm") is not None


def print_html(html: Path, pdf: Path) -> None:
    """Print `html` to `pdf` with headless Chromium: offline, a throw-away profile, no header or footer."""
    with tempfile.TemporaryDirectory(prefix="chromium-") as profile:
        subprocess.run(
            [
                CHROMIUM,
                *("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"),
                *("--disable-component-update", "--disable-sync", "--no-first-run", "--no-pdf-header-footer"),
                f"--user-data-dir={profile}",
                f"--print-to-pdf={pdf}",
                html.resolve().as_uri(),
            ],
            capture_output=True,
            timeout=120,
            check=False,
        )
    assert pdf.is_file() and pdf.stat().st_size > 0, f"Chromium did not print {html.name}"


def rasterise(pdf: Path) -> list[Image.Image]:
    """Return every page of `pdf` as an RGB image at 96 dpi (in a folder beside it, named after it)."""
    folder = pdf.with_name(f"{pdf.stem}-pages")
    folder.mkdir()
    subprocess.run(["pdftoppm", "-r", "96", "-png", str(pdf), str(folder / "page")], check=True, timeout=120)
    return [Image.open(page).convert("RGB") for page in sorted(folder.glob("page-*.png"))]


@dataclass(frozen=True)
class Ink:
    """Where text is drawn in a box: each line's top and bottom row, and the leftmost and rightmost column."""

    lines: tuple[tuple[int, int], ...]
    left: int
    right: int


def ink_in(image: Image.Image, box: Box) -> Ink:
    """Return the lines of ink in `box` (EMU) of a rendered slide, against the box's commonest colour."""
    edges = (
        int(box.left) // EMU_PER_PX,
        int(box.top) // EMU_PER_PX,
        -(-int(box.right) // EMU_PER_PX),
        -(-int(box.bottom) // EMU_PER_PX),
    )
    crop = image.crop(edges)
    counted = crop.getcolors(crop.width * crop.height) or [(1, (255, 255, 255))]
    background = max(counted)[1]
    spread = ImageChops.difference(crop, Image.new("RGB", crop.size, background)).split()
    distance = ImageChops.lighter(ImageChops.lighter(spread[0], spread[1]), spread[2])
    mask = distance.point(lambda value: 255 if value > INK else 0)
    rows = [value > 0 for value in mask.resize((1, crop.height), Image.Resampling.BOX).tobytes()]
    lines: list[tuple[int, int]] = []
    for y, inked in enumerate(rows):
        # A gap of a few rows is inside a line (a descender's tip, an underline), not between lines.
        if inked and (not lines or y + edges[1] - lines[-1][1] > 5):
            lines.append((y + edges[1], y + edges[1]))
        if inked:
            lines[-1] = (lines[-1][0], y + edges[1])
    bounds = mask.getbbox() or (0, 0, 0, 0)
    return Ink(tuple(lines), bounds[0] + edges[0], bounds[2] + edges[0])


def ink_distance(html: Ink, pptx: Ink) -> int:
    """Return the largest distance in pixels between the same line's top or bottom, or the text's left or right."""
    assert len(html.lines) == len(pptx.lines)
    rows = [
        abs(a - b) for one, other in zip(html.lines, pptx.lines, strict=True) for a, b in zip(one, other, strict=True)
    ]
    return max([*rows, abs(html.left - pptx.left), abs(html.right - pptx.right)])


def pixel_difference(html: Image.Image, pptx: Image.Image) -> float:
    """Return the mean difference of two renders (0: the same, 1: black on white), slightly blurred.

    The blur (1.5 px) forgives the two engines' anti-aliasing and sub-pixel glyph placement, so
    what is left is what a person would notice: things in other places, colours, shapes.
    """
    soft = ImageFilter.GaussianBlur(1.5)
    difference = ImageChops.difference(html.convert("L").filter(soft), pptx.convert("L").filter(soft))
    return ImageStat.Stat(difference).mean[0] / 255
