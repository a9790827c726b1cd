"""A template file taken as data: size-limited, macro-free, without external links, only the parts a deck needs."""

# lxml ships no type information, so its element methods are untyped here.
# pyright: reportUnknownMemberType=false, reportUnknownVariableType=false, reportUnknownArgumentType=false

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..ooxml import NAMESPACES, OFFICE_DOCUMENT, qn
from ..paths import read_at_most

MAX_TEMPLATE_BYTES = 50_000_000
MAX_PART_BYTES = 30_000_000
MAX_TEMPLATE_UNPACKED_BYTES = 100_000_000
MAX_COMPRESSION_RATIO = 100
"""Above it (for parts over 1 MB unpacked) a part is taken for a decompression bomb."""

_RATIO_FROM_BYTES = 1_000_000
_R = NAMESPACES["r"]
# Not followed: the template's own slides (a deck has its own) and its preview picture.
_NOT_COPIED = ("/slide", "/metadata/thumbnail", "/vbaProject")
# Parts that show nothing unless the part's XML names them; an unnamed one is left behind.
_MEDIA = ("/image", "/media", "/video", "/audio", "/oleObject")
# Elements that mean nothing without the relationship they name; others lose only the attribute.
_REMOVED_WITH_LINK = {
    qn(tag)
    for tag in ("p:sldId", "p:sld", "a:hlinkClick", "a:hlinkHover", "a:videoFile", "a:audioFile", "a:quickTimeFile")
}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_NOT_PRESENTATIONS = {
    "wordprocessingml": "a Word document (.docx)",
    "spreadsheetml": "an Excel workbook (.xlsx)",
}


class TemplateRefused(Exception):
    """The template file cannot be used as it is: `found` says what it is, `hint` how to fix it."""

    def __init__(self, found: str, hint: str) -> None:
        self.found = found
        self.hint = hint
        super().__init__(found)


@dataclass(frozen=True)
class CleanTemplate:
    """A template's package rebuilt from the parts a deck needs, and what was left out of it."""

    package: bytes
    unlinked: tuple[str, ...]
    """The parts whose links to outside the file (URLs, other files) were dropped."""


def read_package(path: Path) -> bytes:
    """Return the bytes of the template file at `path`.

    Raises TemplateRefused for a file over MAX_TEMPLATE_BYTES (read no further than the limit),
    and OSError as reading the file does.
    """
    package = read_at_most(path, MAX_TEMPLATE_BYTES)
    if isinstance(package, int):
        raise TemplateRefused(
            f"a file of {package:,} bytes, over the limit of {MAX_TEMPLATE_BYTES:,}",
            "remove large pictures or media from the template's masters and layouts and save it again",
        )
    return package


def clean_template(package: bytes) -> CleanTemplate:
    """Return the package rebuilt with only the parts reachable from its masters and layouts,
    every external relationship dropped (and the XML that named it), no thumbnail and no media
    that no part shows.

    Raises TemplateRefused for parts over the size limits (the file's own size is checked by
    `read_package`), an encrypted, macro-enabled, corrupt or non-presentation package, and an
    XML part that does not parse.
    """
    if package.startswith(_OLE_MAGIC):
        raise TemplateRefused(
            "a password-protected presentation or an old binary .ppt file",
            "remove the password (or open the .ppt) in PowerPoint and save it as .pptx or .potx",
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(package))
    except zipfile.BadZipFile:
        raise TemplateRefused(
            "a file that is not a zip package (every .pptx and .potx is one)",
            "open it in PowerPoint or LibreOffice and save it again as .pptx or .potx",
        ) from None
    with archive:
        parts = _read_parts(archive)
    main = _main_part(parts)
    kept: dict[str, bytes] = {}
    unlinked: list[str] = []
    typed: dict[str, str] = {}
    pending = ["", main]
    while pending:
        name = pending.pop()
        if name in kept:
            continue
        rels_name = _rels_of(name)
        if name:
            kept[name] = parts[name]
            if name.endswith(".xml"):
                _parse(name, parts[name])
        if rels_name not in parts:
            continue
        rels, targets, dropped, external = _relationships(parts, name, rels_name)
        kept[rels_name] = rels
        pending.extend(target for target, _ in targets)
        typed.update((target, kind.rsplit("/", 1)[-1]) for target, kind in targets)
        if name and dropped:
            kept[name] = _without_links(name, parts[name], dropped)
        if external:
            unlinked.append(name or "_rels/.rels")
    kept["[Content_Types].xml"] = parts["[Content_Types].xml"]
    _check_types(parts["[Content_Types].xml"], typed)
    return CleanTemplate(_zip(kept), tuple(unlinked))


_CONTENT_TYPES = {
    "slideMaster": "application/vnd.openxmlformats-officedocument.presentationml.slideMaster+xml",
    "slideLayout": "application/vnd.openxmlformats-officedocument.presentationml.slideLayout+xml",
    "theme": "application/vnd.openxmlformats-officedocument.theme+xml",
}
"""The content type each part a deck is built on must be declared with: PowerPoint and
python-pptx read a part by it, and a master or layout declared as anything else cannot be used."""


def _check_types(types: bytes, typed: dict[str, str]) -> None:
    """Raise TemplateRefused when a slide master, layout or theme the package relates to is not
    declared with its content type in [Content_Types].xml (a package zipped again by hand)."""
    root = _parse("[Content_Types].xml", types)
    overrides = {item.get("PartName", "").lstrip("/"): item.get("ContentType") for item in root if item.get("PartName")}
    defaults = {item.get("Extension", "").lower(): item.get("ContentType") for item in root if item.get("Extension")}
    for name, kind in sorted(typed.items()):
        wanted = _CONTENT_TYPES.get(kind)
        declared = overrides.get(name, defaults.get(posixpath.splitext(name)[1].lstrip(".").lower()))
        if wanted is not None and declared != wanted:
            raise TemplateRefused(
                f"the {kind} part '{name}' declared as {declared or 'nothing'} in [Content_Types].xml",
                "open it in PowerPoint or LibreOffice and save it again as .pptx or .potx",
            )


def _read_parts(archive: zipfile.ZipFile) -> dict[str, bytes]:
    """Return every part of the archive by name, within the size limits; raises TemplateRefused."""
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if info.flag_bits & 0x1:
            raise TemplateRefused(f"the encrypted part '{info.filename}'", "save the template again without a password")
        if info.file_size > MAX_PART_BYTES or total > MAX_TEMPLATE_UNPACKED_BYTES:
            raise TemplateRefused(
                f"the part '{info.filename}' of {info.file_size:,} bytes unpacked"
                + ("" if info.file_size > MAX_PART_BYTES else f", {total:,} bytes in all so far"),
                f"keep each part under {MAX_PART_BYTES:,} bytes and the whole under"
                f" {MAX_TEMPLATE_UNPACKED_BYTES:,} bytes unpacked; remove large media from the template",
            )
        if info.file_size > _RATIO_FROM_BYTES and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
            raise TemplateRefused(
                f"the part '{info.filename}' packed {info.file_size // max(info.compress_size, 1):,} to 1",
                f"save the template again; no real part packs more than {MAX_COMPRESSION_RATIO} to 1",
            )
    parts: dict[str, bytes] = {}
    for info in archive.infolist():
        try:
            parts[info.filename] = archive.read(info)
        # zipfile raises NotImplementedError for a compression method it cannot read, RuntimeError
        # for an encrypted member: both are the template's damage, not unfinished code here.
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
            raise TemplateRefused(
                f"the damaged part '{info.filename}' ({exc})",
                "open the template in PowerPoint or LibreOffice and save it again",
            ) from None
    return parts


def _main_part(parts: dict[str, bytes]) -> str:
    """Return the name of the package's presentation part; raises TemplateRefused for other packages."""
    if "[Content_Types].xml" not in parts or "_rels/.rels" not in parts:
        raise TemplateRefused(
            "a zip file that is not an Office document (it has no [Content_Types].xml or _rels/.rels)",
            "choose a .pptx or .potx file saved by PowerPoint or LibreOffice",
        )
    types = parts["[Content_Types].xml"]
    macros = [name for name in parts if posixpath.basename(name).lower().startswith(("vbaproject", "vbadata"))]
    if b"macroEnabled" in types or macros:
        held = f" (its macros are in '{macros[0]}')" if macros else ""
        raise TemplateRefused(
            f"a macro-enabled presentation{held}",
            "open it in PowerPoint and save it as a PowerPoint Presentation (.pptx) or Template (.potx),"
            " which leaves the macros out",
        )
    for marker, kind in _NOT_PRESENTATIONS.items():
        if marker.encode() in types and b"presentationml" not in types:
            raise TemplateRefused(
                f"{kind}, not a presentation", "choose a PowerPoint template (.pptx or .potx) for the theme"
            )
    root = _parse("_rels/.rels", parts["_rels/.rels"])
    for rel in root:
        if rel.get("Type") == OFFICE_DOCUMENT and rel.get("TargetMode") != "External":
            target = posixpath.normpath(rel.get("Target", "").lstrip("/"))
            if target in parts:
                return target
    raise TemplateRefused(
        "a package without a presentation part",
        "choose a .pptx or .potx file saved by PowerPoint or LibreOffice",
    )


def _relationships(
    parts: dict[str, bytes], name: str, rels_name: str
) -> tuple[bytes, list[tuple[str, str]], set[str], bool]:
    """Return the relationships of part `name` without the external, uncopied and unused ones,
    the parts they lead to (with the relationship's type), the ids dropped, and whether an
    external one was among them.
    """
    root = _parse(rels_name, parts[rels_name])
    unused = _unused_ids(parts, name, rels_name)
    targets: list[tuple[str, str]] = []
    dropped: set[str] = set()
    external_found = False
    for rel in list(root):
        kind = rel.get("Type", "")
        target = posixpath.normpath(posixpath.join(posixpath.dirname(name), rel.get("Target", "")).lstrip("/"))
        external = rel.get("TargetMode") == "External"
        external_found = external_found or external
        if external or kind.endswith(_NOT_COPIED) or rel.get("Id") in unused or target not in parts:
            dropped.add(rel.get("Id", ""))
            root.remove(rel)
        else:
            targets.append((target, kind))
    rels = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return rels, targets, dropped, external_found


def _unused_ids(parts: dict[str, bytes], name: str, rels_name: str) -> set[str]:
    """Return the ids of `name`'s media relationships that its XML never names."""
    if not name:
        return set()
    root = _parse(rels_name, parts[rels_name])
    return {
        rel.get("Id", "")
        for rel in root
        if rel.get("Type", "").endswith(_MEDIA) and f'"{rel.get("Id")}"'.encode() not in parts[name]
    }


def _without_links(name: str, data: bytes, dropped: set[str]) -> bytes:
    """Return part `name` without the elements or attributes that name the `dropped` relationships."""
    root = _parse(name, data)
    for element in list(root.iter()):
        for attribute, value in list(element.attrib.items()):
            if attribute.startswith(f"{{{_R}}}") and value in dropped:
                parent = element.getparent()
                if element.tag in _REMOVED_WITH_LINK and parent is not None:
                    parent.remove(element)
                    break
                del element.attrib[attribute]
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _parse(name: str, data: bytes) -> etree._Element:
    """Return the root of the XML part `name`; raises TemplateRefused when it does not parse."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise TemplateRefused(
            f"the part '{name}', which is not well-formed XML ({exc})",
            "open the template in PowerPoint or LibreOffice and save it again",
        ) from None


def _rels_of(name: str) -> str:
    """Return the name of the relationships part of part `name` ('' is the package)."""
    return posixpath.join(posixpath.dirname(name), "_rels", f"{posixpath.basename(name)}.rels")


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()
