"""A template opened to add slides to: a .potx read as a presentation, its own slides removed."""

# lxml ships no type information, so its element methods are untyped here.
# pyright: reportUnknownMemberType=false, reportUnknownVariableType=false

from __future__ import annotations

import functools
import io
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from pptx import Presentation as open_presentation

from .template_package import clean_template, read_package

if TYPE_CHECKING:
    from pptx.presentation import Presentation as PptxPresentation
    from pptx.slide import SlideLayout

_CONTENT_TYPES = "[Content_Types].xml"
_TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
_PRESENTATION_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


def open_template(path: Path | None) -> PptxPresentation:
    """Return the presentation a deck is written into: the built-in template when `path` is
    None, else the .pptx or .potx at `path` without the slides it holds.

    Raises TemplateRefused for a file that is not a usable PowerPoint package (see
    `template_package.clean_template`), and what python-pptx raises on one it cannot read.
    """
    return open_template_bytes(None if path is None else read_package(path))


@functools.cache
def builtin_package() -> bytes:
    """Return the built-in template: python-pptx's default with the built-in look's text styles
    (see `builtin_template`), made once per process."""
    # Imported here: the built-in look's values come from the theme, which reads templates
    # through this module.
    from .builtin_template import make_builtin_package

    return make_builtin_package()


def open_template_bytes(package: bytes | None) -> PptxPresentation:
    """Return `open_template` of a file holding `package`; the built-in template for None.

    A template file is data from anywhere: only its cleaned package (`clean_template`) is opened;
    the built-in one goes the same way.
    """
    if package is None:
        package = builtin_package()
    deck = open_presentation(io.BytesIO(_cleaned(package)))
    _remove_slides(deck)
    return deck


# Keyed by the file's bytes: a deck and its theme open the same template, and watch mode
# rebuilds many times in one process.
@functools.lru_cache(maxsize=4)
def _cleaned(package: bytes) -> bytes:
    """Return the cleaned package of a template, typed as a presentation."""
    return _as_presentation(clean_template(package).package)


def as_presentation_file(path: Path) -> io.BytesIO:
    """Return the .pptx or .potx at `path` as a presentation file python-pptx opens, slides and
    all: a .potx retyped in memory (for listing a template's example slides)."""
    return io.BytesIO(_as_presentation(read_package(path)))


def layouts_by_name(deck: PptxPresentation) -> dict[str, SlideLayout]:
    """Return the deck's slide layouts by name, over all its masters, in order.

    A name that an earlier master already has is followed by its master's number, as in
    'Title, Content (2)': templates with several masters repeat the names of their layouts.
    Within one master the first layout of a name wins.
    """
    layouts: dict[str, SlideLayout] = {}
    for number, master in enumerate(deck.slide_masters, start=1):
        earlier = set(layouts)
        for layout in master.slide_layouts:
            layouts.setdefault(layout.name if layout.name not in earlier else f"{layout.name} ({number})", layout)
    return layouts


def _as_presentation(package: bytes) -> bytes:
    """Return the package with a template's main part typed as a presentation's.

    python-pptx refuses to open a .potx by that content type alone; the parts are the same.
    """
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        types = archive.read(_CONTENT_TYPES)
        if _TEMPLATE_TYPE not in types:
            return package
        entries = [(info, archive.read(info)) for info in archive.infolist()]
    rewritten = io.BytesIO()
    with zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in entries:
            archive.writestr(
                info, types.replace(_TEMPLATE_TYPE, _PRESENTATION_TYPE) if info.filename == _CONTENT_TYPES else data
            )
    return rewritten.getvalue()


def _remove_slides(deck: PptxPresentation) -> None:
    """Remove every slide of the template, with its relationship, so that its part, its notes
    slide and everything only they use are not saved (python-pptx saves the parts it can reach).
    """
    presentation = deck.part
    root = deck.element
    # Custom shows and sections name the template's slides; they would point at nothing.
    for stale in root.xpath("./p:custShowLst | ./p:extLst/p:ext[*[local-name()='sectionLst']]"):
        stale.getparent().remove(stale)
    slide_list = root.get_or_add_sldIdLst()
    for slide_id in list(slide_list):
        slide_list.remove(slide_id)
        presentation.drop_rel(slide_id.rId)
