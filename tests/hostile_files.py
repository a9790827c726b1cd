"""Hostile templates and pictures, made in memory: each a small variation of a good file."""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable

from PIL import Image
from pptx import Presentation as open_presentation

MASTER = "ppt/slideMasters/slideMaster1.xml"
MASTER_RELS = "ppt/slideMasters/_rels/slideMaster1.xml.rels"
LAYOUT = "ppt/slideLayouts/slideLayout2.xml"
LAYOUT_RELS = "ppt/slideLayouts/_rels/slideLayout2.xml.rels"
PRESENTATION = "ppt/presentation.xml"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_LINKED_PICTURE = (
    '<p:pic><p:nvPicPr><p:cNvPr id="99" name="Pixel"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
    '<p:blipFill><a:blip r:link="rIdOut"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
    '<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="9144" cy="9144"/></a:xfrm>'
    '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'
)
_LINKED_TEXT = (
    '<p:sp><p:nvSpPr><p:cNvPr id="98" name="Link"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr/>'
    '<p:txBody><a:bodyPr/><a:p><a:r><a:rPr><a:hlinkClick r:id="rIdOut"/></a:rPr><a:t>x</a:t></a:r></a:p>'
    "</p:txBody></p:sp>"
)
_LINKED_VIDEO = (
    '<p:pic><p:nvPicPr><p:cNvPr id="97" name="Video"/><p:cNvPicPr/><p:nvPr><a:videoFile r:link="rIdOut"/>'
    "</p:nvPr></p:nvPicPr><p:blipFill><a:blip/></p:blipFill><p:spPr/></p:pic>"
)

Edit = Callable[[str, bytes], bytes]


def base_template() -> bytes:
    """Return python-pptx's default template (4:3, 11 layouts, a thumbnail, no slides)."""
    buffer = io.BytesIO()
    open_presentation().save(buffer)
    return buffer.getvalue()


def template(edit: Edit | None = None, add: dict[str, bytes] | None = None, package: bytes | None = None) -> bytes:
    """Return `package` (default: `base_template()`) with each part passed through `edit` and `add`ed parts."""
    source = zipfile.ZipFile(io.BytesIO(package or base_template()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info)
            archive.writestr(info.filename, edit(info.filename, data) if edit else data)
        for name, data in (add or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


def linked(part: str, rels: str, shape: str, kind: str, target: str) -> bytes:
    """Return a template whose `part` shows `shape`, linked (rIdOut) to the external `target`."""
    relationship = f'<Relationship Id="rIdOut" Type="{_R}/{kind}" Target="{target}" TargetMode="External"/>'

    def edit(name: str, data: bytes) -> bytes:
        if name == part:
            return data.replace(b"</p:spTree>", shape.encode() + b"</p:spTree>", 1)
        if name == rels:
            return data.replace(b"</Relationships>", relationship.encode() + b"</Relationships>")
        return data

    return template(edit)


def linked_picture(target: str) -> bytes:
    return linked(MASTER, MASTER_RELS, _LINKED_PICTURE, "image", target)


def linked_hyperlink(target: str) -> bytes:
    return linked(LAYOUT, LAYOUT_RELS, _LINKED_TEXT, "hyperlink", target)


def linked_video(target: str) -> bytes:
    return linked(MASTER, MASTER_RELS, _LINKED_VIDEO, "video", target)


def replaced(part: str, old: bytes, new: bytes) -> bytes:
    """Return a template with `old` replaced by `new` in `part`."""
    return template(lambda name, data: data.replace(old, new) if name == part else data)


def untyped_layouts() -> bytes:
    """Return a template whose slide layouts lost their content type (a package zipped again by
    hand): python-pptx reads them as plain parts and fails deep inside."""
    pattern = re.compile(rb'<Override PartName="/ppt/slideLayouts/[^"]+" ContentType="[^"]+"/>')
    return template(lambda name, data: pattern.sub(b"", data) if name == "[Content_Types].xml" else data)


def macro_enabled() -> bytes:
    marked = b"presentationml.presentation.macroEnabled.main+xml"
    return template(
        lambda name, data: (
            data.replace(b"presentationml.presentation.main+xml", marked) if name == "[Content_Types].xml" else data
        ),
        {"ppt/vbaProject.bin": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"Attribute VB_Name" * 10},
    )


def damaged(part: str, flip_flag: bool = False) -> bytes:
    """Return a template whose `part` has a corrupt deflate stream, or (`flip_flag`) is marked encrypted."""
    data = bytearray(template())
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = archive.getinfo(part)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    if not flip_flag:
        for offset in range(start + 10, start + 60):
            data[offset] ^= 0x55
        return bytes(data)
    data[info.header_offset + 6] |= 1
    position = 0
    while (position := bytes(data).find(b"PK\x01\x02", position)) >= 0:
        length = struct.unpack("<H", data[position + 28 : position + 30])[0]
        if data[position + 46 : position + 46 + length] == part.encode():
            data[position + 8] |= 1
        position += 4
    return bytes(data)


def other_office_document(kind: str) -> bytes:
    """Return a minimal Word ('wordprocessingml') or Excel ('spreadsheetml') package."""
    main = {"wordprocessingml": "word/document.xml", "spreadsheetml": "xl/workbook.xml"}[kind]
    suffix = {"wordprocessingml": "document.main+xml", "spreadsheetml": "sheet.main+xml"}[kind]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Override PartName="/{main}"'
            f' ContentType="application/vnd.openxmlformats-officedocument.{kind}.{suffix}"/>'
            "</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_R}/officeDocument" Target="{main}"/></Relationships>',
        )
        archive.writestr(main, "<root/>")
    return out.getvalue()


def png(size: tuple[int, int] = (8, 8), color: tuple[int, int, int] = (255, 255, 255)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return buffer.getvalue()


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), (200, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


def png_with_bad_pixels() -> bytes:
    """Return a 4 x 4 PNG whose chunks all pass their checksums but whose rows use filter type 9."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x09" * 52))
        + chunk(b"IEND", b"")
    )
