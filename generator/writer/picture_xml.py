"""Pictures as PowerPoint stores them: a PNG, and the same picture as SVG in Office 2016's svgBlip."""

# lxml ships no type information, so its element methods are untyped here.
# pyright: reportUnknownMemberType=false, reportUnknownVariableType=false

from __future__ import annotations

from typing import TYPE_CHECKING

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.xmlchemy import BaseOxmlElement, OxmlElement

from ..ooxml import NAMESPACES, qn
from . import oxml

if TYPE_CHECKING:
    from pptx.shapes.picture import Picture as PictureShape
    from pptx.slide import Slide

    from ..plan import Picture
    from .fast_path import Appender

_SVG_EXTENSION = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
_SVG_NAMESPACE = NAMESPACES["asvg"]


def add_picture(slide: Slide, picture: Picture, appender: Appender) -> PictureShape:
    """Return a new picture on `slide` showing `picture` in its box, with its alt text.

    With an SVG, the picture's blip keeps the PNG for viewers without SVG (Office before
    2016, many others) and carries the SVG in the extension PowerPoint itself writes.
    """
    box = picture.box
    if picture.image is None:
        raise ValueError(f"this is a bug in lecturedeck: the picture '{picture.name}' was never drawn")
    shape = slide.shapes.add_picture(str(picture.image), box.left, box.top, box.width, box.height)
    shape.name = picture.name
    # python-pptx puts the image's file name in the alt text; a screen reader would read it out.
    oxml.set_alt_text(shape.element, picture.alt, decorative=picture.decorative)
    if picture.svg is not None:
        relation = slide.part.relate_to(appender.svg_part(picture.svg.read_bytes()), RT.IMAGE)
        _add_svg_blip(shape.element, relation)
    return shape


def _add_svg_blip(picture: BaseOxmlElement, relation: str) -> None:
    """Add `<a:extLst><a:ext uri=…><asvg:svgBlip r:embed=relation/></a:ext></a:extLst>` to the blip."""
    blip = picture.find(f"{qn('p:blipFill')}/{qn('a:blip')}")
    if not isinstance(blip, BaseOxmlElement):
        raise TypeError("this is a bug in generator: a picture without <a:blip>")
    extensions = blip.find(qn("a:extLst"))
    if extensions is None:
        extensions = OxmlElement("a:extLst")
        blip.append(extensions)
    extension = OxmlElement("a:ext")
    extension.set("uri", _SVG_EXTENSION)
    extension.append(
        extension.makeelement(f"{{{_SVG_NAMESPACE}}}svgBlip", {qn("r:embed"): relation}, {"asvg": _SVG_NAMESPACE})
    )
    extensions.append(extension)
