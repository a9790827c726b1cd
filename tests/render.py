"""Open decks in a real client: LibreOffice converts them to PDF, Poppler reads the PDF back."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

requires_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="needs LibreOffice and Poppler ('make test' installs them)",
)


@dataclass(frozen=True)
class RenderedDeck:
    """A deck as LibreOffice rendered it: the PDF, its page count and the text of each page."""

    pdf: Path
    pages: int
    page_texts: list[str]


def render_pdf(pptx: Path, workdir: Path) -> RenderedDeck:
    """Convert `pptx` to PDF with headless LibreOffice (a throw-away profile) and read it back.

    LibreOffice exits 0 even when it fails to convert, so the PDF itself is checked.
    """
    profile = workdir / "lo-profile"
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(workdir),
            str(pptx),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    pdf = workdir / f"{pptx.stem}.pdf"
    assert pdf.is_file() and pdf.stat().st_size > 0, f"LibreOffice did not convert {pptx.name}"
    return _read_pdf(pdf)


@dataclass(frozen=True)
class Word:
    """A word on a rendered page and its box, in points from the page's top-left corner."""

    text: str
    left: float
    top: float
    right: float
    bottom: float


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')


def page_words(pdf: Path, page: int) -> tuple[tuple[float, float], list[Word]]:
    """Return the size of page `page` (1-based) and every word on it with its box."""
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    size = _PAGE.search(html)
    assert size is not None
    words = [Word(m.group(5), *(float(m.group(i)) for i in range(1, 5))) for m in _WORD.finditer(html)]
    return (float(size.group(1)), float(size.group(2))), words


def libreoffice_installed() -> bool:
    return shutil.which("soffice") is not None and shutil.which("pdftotext") is not None


_BATCH = 40
"""Decks per LibreOffice process: start-up is most of the cost of a small deck."""


def check_in_libreoffice(decks: list[tuple[str, Path]], workdir: Path) -> list[str]:
    """Return a line for every deck LibreOffice does not render as built.

    Each PDF must exist, have one page per slide, and show each slide's title on its page.
    """
    from generator.check.readback import read_deck

    problems = []
    for start in range(0, len(decks), _BATCH):
        batch = decks[start : start + _BATCH]
        subprocess.run(
            [
                "soffice",
                "--headless",
                f"-env:UserInstallation={(workdir / 'profile').as_uri()}",
                "--convert-to",
                "pdf",
                "--outdir",
                str(workdir),
                *(str(path) for _, path in batch),
            ],
            capture_output=True,
            timeout=900,
            check=False,
        )
        for test, path in batch:
            pdf = workdir / f"{path.stem}.pdf"
            if not pdf.is_file():
                problems.append(f"{test}: LibreOffice did not convert the deck")
                continue
            rendered = _read_pdf(pdf)
            titles = read_deck(path).titles
            if rendered.pages != len(titles):
                problems.append(f"{test}: {rendered.pages} pages for {len(titles)} slides")
                continue
            for number, title in enumerate(titles):
                # The start of the title: a title far too long for the slide is cut off by design.
                wanted = _comparable(title)[:40]
                if wanted and _renderable(title) and wanted not in _comparable(rendered.page_texts[number]):
                    problems.append(f"{test}: slide {number + 1}'s title {title[:60]!r} is not on its page")
    return problems


def _read_pdf(pdf: Path) -> RenderedDeck:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    match = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
    assert match is not None
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return RenderedDeck(pdf, int(match.group(1)), text.split("\f"))


def _comparable(text: str) -> str:
    """Return `text` as compared with a PDF's text: NFKC, no whitespace (lines wrap mid-word)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def _renderable(text: str) -> bool:
    """Return whether the test fonts draw every character of `text`: Latin scripts and punctuation.

    Generated decks use any Unicode; a character no installed font has comes out of the PDF as
    something else, so such titles are only counted, not compared.
    """
    return all(ord(char) < 0x250 or unicodedata.category(char).startswith(("P", "Z")) for char in text)
