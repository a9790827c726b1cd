"""Identical inputs give identical bytes; every deck carries the digest of what was written."""

from __future__ import annotations

import datetime
import functools
import hashlib
import html
import itertools
import os
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from .ooxml import CUSTOM_PROPERTIES as _CUSTOM_REL
from .ooxml import NAMESPACES

_CUSTOM_PART = "docProps/custom.xml"
_CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CONTENT_PROPERTY = "lecturedeck-digest"
"""The sha256 of every entry's name and bytes."""
_LISTING_PROPERTY = "lecturedeck-listing"
"""The sha256 of every entry's name, size and CRC-32: what the zip's directory says of them."""
SOURCE_PROPERTY = "lecturedeck-source"
"""The deck the package was built from, as a path relative to the package's folder."""
_SOURCE_VALUE = re.compile(rb'name="lecturedeck-source"[^>]*>\s*<vt:lpwstr>([^<]*)</vt:lpwstr>')
_PROPERTY_VALUE = re.compile(rb'name="(lecturedeck-[a-z]+)"[^>]*>\s*<vt:lpwstr>([0-9a-f]{64})</vt:lpwstr>')
_ZIP_EPOCH = datetime.datetime(1980, 1, 1)
ZIP_END = datetime.datetime(2107, 12, 31, 23, 59, 58)
"""The last time a zip entry can hold (its year has 7 bits from 1980, its seconds 2-second steps)."""
"""The earliest time a zip entry can record."""
_UNUSUAL = 0x1 | 0x20 | 0x40
"""Zip flags for encryption and compressed patch data, which `ZipFile.read` refuses or decrypts."""
_LOCAL_HEADER = struct.Struct("<4s22xHH")
"""A zip entry's local header: its signature, then (past 22 bytes) its name's and extra field's lengths."""


Entry = tuple[str, Callable[[], bytes]]
"""A zip entry to write: its name, and a function returning its bytes."""


def sealed(
    entries: Sequence[Entry], stamp: datetime.datetime, properties: Mapping[str, str] | None = None
) -> tuple[Iterator[tuple[str, bytes]], tuple[int, ...]]:
    """Return the package `entries` (in their order) with its content digest inside, and the zip time of `stamp`.

    `properties` are more custom document properties to record, text each: SOURCE_PROPERTY names
    the deck it was built from (relative to the package's folder), so a later build can tell
    another deck's output from its own; the rest is what `pull` needs.

    Every entry is to get the fixed time `stamp` (`writer.finalize` writes them with fixed
    permissions and compression too), so two builds of the same inputs are byte-identical. The
    digest, stored as a custom document property, lets a later build tell whether someone edited
    the deck. Each entry's bytes are asked for twice (in name order for the digest, then in order
    as the returned entries are read) and never all held at once: a deck of thousands of slides is
    tens of MB of XML.
    """
    when = min(max(stamp.replace(tzinfo=None), _ZIP_EPOCH), ZIP_END).timetuple()[:6]
    kept = [(name, read) for name, read in entries if name != _CUSTOM_PART]

    def content(entry: Entry) -> bytes:
        name, read = entry
        return _declare_custom_part(name, read())

    custom = _custom_properties(*_digests(kept, content), properties or {})
    contents = ((name, content((name, read))) for name, read in kept)
    return itertools.chain(contents, [(_CUSTOM_PART, custom)]), when


def as_built(path: Path) -> bool | None:
    """Return whether the deck at `path` is as lecturedeck wrote it; None if lecturedeck did not write it.

    The listing digest is compared with the zip's directory, without reading the entries: a
    changed entry has another size or CRC-32. A deck that records only the content digest
    (written by an earlier version) has its entries read and hashed.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            recorded = {
                name.decode(): value.decode() for name, value in _PROPERTY_VALUE.findall(archive.read(_CUSTOM_PART))
            }
            infos = archive.infolist()
    except (OSError, KeyError, zipfile.BadZipFile):
        return None
    if _CONTENT_PROPERTY not in recorded:
        return None
    if _LISTING_PROPERTY in recorded:
        return recorded[_LISTING_PROPERTY] == _listing_digest(
            (info.filename, info.file_size, info.CRC) for info in infos if info.filename != _CUSTOM_PART
        )
    return recorded[_CONTENT_PROPERTY] == _content_digest(path)


def built_from(path: Path) -> str | None:
    """Return the deck the package at `path` records it was built from (relative to its folder), if any."""
    try:
        with zipfile.ZipFile(path) as archive:
            found = _SOURCE_VALUE.search(archive.read(_CUSTOM_PART))
    except (OSError, KeyError, zipfile.BadZipFile):
        return None
    return html.unescape(found[1].decode()) if found else None


def _content_digest(path: Path) -> str | None:
    """Return the content digest of the deck at `path` as it is now, or None if it is not a readable zip."""
    try:
        with ZipEntries(path) as entries:
            kept = [
                (info.filename, functools.partial(entries.read, info))
                for info in entries.infos
                if info.filename != _CUSTOM_PART
            ]
            return _digests(kept, lambda entry: entry[1]())[0]
    except (OSError, zipfile.BadZipFile):
        return None


def _digests(entries: list[Entry], content: Callable[[Entry], bytes]) -> tuple[str, str]:
    """Return the content and listing digests of `entries` (their names and `content`), in name order.

    Entries of one name, which a deck never has, are ordered by their bytes.
    """
    digest = hashlib.sha256()
    listing: list[tuple[str, int, int]] = []
    by_name: dict[str, list[Entry]] = {}
    for entry in entries:
        by_name.setdefault(entry[0], []).append(entry)
    for name in sorted(by_name):
        group = by_name[name]
        for data in [content(group[0])] if len(group) == 1 else sorted(content(entry) for entry in group):
            digest.update(name.encode() + b"\0" + len(data).to_bytes(8, "big"))
            digest.update(data)
            listing.append((name, len(data), zlib.crc32(data)))
    return digest.hexdigest(), _listing_digest(listing)


def _listing_digest(listing: Iterable[tuple[str, int, int]]) -> str:
    """Return the sha256 of entries' names, sizes and CRC-32s, taken in order of name (then size and CRC)."""
    digest = hashlib.sha256()
    for name, size, crc in sorted(listing):
        digest.update(f"{name}\0{size}\0{crc}\n".encode())
    return digest.hexdigest()


class ZipEntries:
    """A zip archive whose entries are read one by one, as `ZipFile.read` gives them.

    A deck has thousands of entries, and `ZipFile.read` costs more per entry than the data
    does: stored and deflated entries are read straight from the file here and checked
    (signature, name, size, CRC) the way it checks them; anything else is left to it.
    Raises what `ZipFile` raises on a damaged archive.
    """

    def __init__(self, path: Path) -> None:
        self._file = path.open("rb")
        try:
            self._archive = zipfile.ZipFile(self._file)
        except BaseException:
            self._file.close()
            raise
        self.infos = self._archive.infolist()

    def __enter__(self) -> ZipEntries:
        return self

    def __exit__(self, *exc: object) -> None:
        self._archive.close()
        self._file.close()

    def read(self, info: zipfile.ZipInfo) -> bytes:
        """Return the bytes `ZipFile.read` gives for the entry's name (of several of one name, the last's)."""
        return self.read_name(info.filename)

    def read_name(self, name: str) -> bytes:
        """Return the bytes of the entry `name`, as `ZipFile.read(name)` does (raises KeyError if there is none)."""
        info = self._archive.getinfo(name)
        content = self._read_directly(info)
        return self._archive.read(info) if content is None else content

    def _read_directly(self, info: zipfile.ZipInfo) -> bytes | None:
        if info.flag_bits & _UNUSUAL or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            return None  # encrypted, patched or compressed some other way
        self._file.seek(info.header_offset)
        header = self._file.read(_LOCAL_HEADER.size)
        if len(header) != _LOCAL_HEADER.size:
            return None
        signature, name_length, extra_length = _LOCAL_HEADER.unpack(header)
        name = info.orig_filename.encode("utf-8" if info.flag_bits & 0x800 else "cp437")
        if signature != b"PK\x03\x04" or self._file.read(name_length) != name:
            return None
        self._file.seek(extra_length, os.SEEK_CUR)
        raw = self._file.read(info.compress_size)
        try:
            content = raw if info.compress_type == zipfile.ZIP_STORED else zlib.decompress(raw, -15)
        except zlib.error:
            return None
        if len(content) != info.file_size or zlib.crc32(content) != info.CRC:
            return None
        return content


def _declare_custom_part(name: str, data: bytes) -> bytes:
    """Add the custom-properties part to the content types and the package relationships."""
    if name == "[Content_Types].xml" and _CUSTOM_PART.encode() not in data:
        override = f'<Override PartName="/{_CUSTOM_PART}" ContentType="{_CUSTOM_TYPE}"/>'.encode()
        return data.replace(b"</Types>", override + b"</Types>")
    if name == "_rels/.rels" and _CUSTOM_REL.encode() not in data:
        relationship = f'<Relationship Id="rIdLecturedeck" Type="{_CUSTOM_REL}" Target="{_CUSTOM_PART}"/>'.encode()
        return data.replace(b"</Relationships>", relationship + b"</Relationships>")
    return data


def _custom_properties(content: str, listing: str, properties: Mapping[str, str]) -> bytes:
    more = "".join(
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{pid}" name="{escape(name)}">'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(properties.items(), start=4)
    )
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<Properties xmlns="{NAMESPACES["op"]}" xmlns:vt="{NAMESPACES["vt"]}">'
        '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="' + _CONTENT_PROPERTY + '">'
        f"<vt:lpwstr>{content}</vt:lpwstr></property>"
        '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="' + _LISTING_PROPERTY + '">'
        f"<vt:lpwstr>{listing}</vt:lpwstr></property>{more}</Properties>"
    ).encode()
