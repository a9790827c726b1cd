"""The operations of `fast_path` through python-pptx's and zipfile's public API alone: its reference."""

from __future__ import annotations

import functools
import io
import zipfile
from typing import TYPE_CHECKING

from pptx.opc.package import Part

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from pptx.presentation import Presentation as PptxPresentation
    from pptx.shapes.base import BaseShape
    from pptx.slide import Slide, SlideLayout
    from pptx.text.text import TextFrame

    from .diagram_shapes import DrawnDiagram
    from .fast_path import PackageEntry

_SVG_CONTENT_TYPE = "image/svg+xml"


class StockAppender:
    """Appends slides, notes pages and pictures to `deck` as python-pptx's documented calls do.

    Each addition searches the deck as python-pptx does (linear, so a deck of n slides takes
    O(n²)), and every slide's XML tree is kept until the deck is saved.
    """

    def __init__(self, deck: PptxPresentation) -> None:
        self._deck = deck
        self.diagrams: dict[int, DrawnDiagram] = {}
        """The native diagrams drawn so far (see `diagram_shapes.add_native_diagram`)."""

    def add_slide(self, layout: SlideLayout) -> Slide:
        """Return a new last slide based on `layout` (`Slides.add_slide`)."""
        return self._deck.slides.add_slide(layout)

    def placeholders(self, slide: Slide) -> list[BaseShape]:
        """Return the placeholders of `slide` in the layout's order (`slide.placeholders` sorts them by idx)."""
        return [shape for shape in slide.shapes if shape.is_placeholder]

    def notes_frame(self, slide: Slide) -> TextFrame:
        """Return the text frame of the slide's new notes page (`slide.notes_slide.notes_text_frame`)."""
        frame = slide.notes_slide.notes_text_frame
        if frame is None:
            raise ValueError("this is a bug in lecturedeck: the notes master has no body placeholder")
        return frame

    def finish(self, slide: Slide) -> None:
        """Do nothing: python-pptx keeps the slide's tree until the deck is saved."""

    def svg_part(self, svg: bytes) -> Part:
        """Return the package's part holding `svg` (found by walking every part), else a new /ppt/media/imageN.svg."""
        package = self._deck.part.package
        for part in package.iter_parts():
            if part.content_type == _SVG_CONTENT_TYPE and part.blob == svg:
                return part
        return Part(package.next_image_partname("svg"), _SVG_CONTENT_TYPE, package, svg)

    def entries(self) -> list[PackageEntry]:
        """Return the zip entries of the deck as `Presentation.save` writes them, in its order."""
        saved = io.BytesIO()
        self._deck.save(saved)
        with zipfile.ZipFile(saved) as archive:
            return [(info.filename, functools.partial(_given, archive.read(info))) for info in archive.infolist()]


def _given(data: bytes) -> bytes:
    return data


def write_deflated(path: Path, entries: Iterable[tuple[str, bytes]], when: tuple[int, ...]) -> None:
    """Write `entries` to a new zip at `path`, each deflated and dated `when`, with `ZipFile.writestr`."""
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
