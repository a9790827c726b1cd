"""Every part of a written deck read back: XML parts parse, pictures decode."""

from __future__ import annotations

import io
import posixpath
import warnings
from xml.etree import ElementTree

from PIL import Image

from .written import WrittenPackage

_PICTURES = (".png", ".jpg", ".jpeg", ".gif")


def unreadable_parts(written: WrittenPackage) -> list[str]:
    """Return what is wrong with each part of `written` that a reader could not read.

    A picture that does not decode or an XML part that does not parse is a fault of the build,
    found here, not by the presenter's PowerPoint. Slides are left to the checks that parse them.
    """
    found: list[str] = []
    for name in sorted(written.names):
        suffix = posixpath.splitext(name)[1].lower()
        if suffix in (".xml", ".rels", ".svg") and not _is_slide(name):
            try:
                written.xml(name)
            except ElementTree.ParseError as exc:
                found.append(f"the part '{name}' is not well-formed XML ({exc})")
        elif suffix in _PICTURES:
            try:
                with warnings.catch_warnings(), Image.open(io.BytesIO(written.data(name))) as picture:
                    warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                    picture.load()
            except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError) as exc:
                found.append(f"the picture '{name}' does not decode ({exc})")
    return found


def _is_slide(name: str) -> bool:
    return name.startswith("ppt/slides/slide") and name.endswith(".xml")
