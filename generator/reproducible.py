"""Identical inputs give identical bytes; every deck carries the digest of what was written."""

from __future__ import annotations

import datetime
import hashlib
import io
import os
import re
import struct
import zipfile
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

_CUSTOM_PART = "docProps/custom.xml"
_CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_PROPERTY = "lecturedeck-digest"
_DIGEST = re.compile(rb"<vt:lpwstr>([0-9a-f]{64})</vt:lpwstr>")
_ZIP_EPOCH = datetime.datetime(1980, 1, 1)
"""The earliest time a zip entry can record."""
_UNUSUAL = 0x1 | 0x20 | 0x40
"""Zip flags for encryption and compressed patch data, which `ZipFile.read` refuses or decrypts."""
_LOCAL_HEADER = struct.Struct("<4s22xHH")
"""A zip entry's local header: its signature, then (past 22 bytes) its name's and extra field's lengths."""


def finalize(path: Path, stamp: datetime.datetime) -> None:
    """Rewrite the .pptx at `path` reproducibly and record its content digest inside it.

    Zip entries keep python-pptx's order but get the fixed time `stamp`, fixed permissions and
    compression, so two builds of the same inputs are byte-identical. The digest, stored as a
    custom document property, lets a later build tell whether someone edited the deck.
    """
    entries = [(name, data) for name, data in _read_entries(path) if name != _CUSTOM_PART]
    entries = [(name, _declare_custom_part(name, data)) for name, data in entries]
    custom = _custom_properties(_digest(entries))
    when = max(stamp.replace(tzinfo=None), _ZIP_EPOCH).timetuple()[:6]
    _write_deflated(path, [*entries, (_CUSTOM_PART, custom)], when)


def recorded_digest(path: Path) -> str | None:
    """Return the digest a build recorded in the deck at `path`, or None if it has none."""
    try:
        with zipfile.ZipFile(path) as archive:
            match = _DIGEST.search(archive.read(_CUSTOM_PART))
    except (OSError, KeyError, zipfile.BadZipFile):
        return None
    return match.group(1).decode() if match else None


def current_digest(path: Path) -> str | None:
    """Return the digest of the deck at `path` as it is now, or None if it is not a readable zip."""
    try:
        return _digest([(name, data) for name, data in _read_entries(path) if name != _CUSTOM_PART])
    except (OSError, zipfile.BadZipFile):
        return None


def _digest(entries: list[tuple[str, bytes]]) -> str:
    digest = hashlib.sha256()
    for name, data in sorted(entries):
        digest.update(name.encode() + b"\0" + len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def _read_entries(path: Path) -> list[tuple[str, bytes]]:
    """Return every entry of the zip at `path` (name and bytes), in order, as `ZipFile.read` gives them.

    Raises what `ZipFile` raises on a damaged archive. A deck has thousands of entries, and
    `ZipFile.read` costs more per entry than the data does: stored and deflated entries are
    sliced out of the file and checked here (signature, name, CRC) the way it checks them.
    """
    data = path.read_bytes()
    entries: list[tuple[str, bytes]] = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            content = _entry(data, info)
            entries.append((info.filename, archive.read(info) if content is None else content))
    return entries


def _entry(data: bytes, info: zipfile.ZipInfo) -> bytes | None:
    """Return an entry's bytes read straight from `data`, or None to let `ZipFile.read` read it."""
    if info.flag_bits & _UNUSUAL or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return None  # encrypted, patched or compressed some other way
    start = info.header_offset
    if start + _LOCAL_HEADER.size > len(data):
        return None
    signature, name_length, extra_length = _LOCAL_HEADER.unpack_from(data, start)
    name_start = start + _LOCAL_HEADER.size
    if signature != b"PK\x03\x04" or data[name_start : name_start + name_length] != info.orig_filename.encode(
        "utf-8" if info.flag_bits & 0x800 else "cp437"
    ):
        return None
    begin = name_start + name_length + extra_length
    raw = data[begin : begin + info.compress_size]
    try:
        content = raw if info.compress_type == zipfile.ZIP_STORED else zlib.decompress(raw, -15)
    except zlib.error:
        return None
    if len(content) != info.file_size or zlib.crc32(content) != info.CRC:
        return None
    return content


def _write_deflated(path: Path, entries: list[tuple[str, bytes]], when: tuple[int, ...]) -> None:
    """Write `entries` to a new zip at `path`, each deflated and dated `when`, as `ZipFile.writestr` would.

    The entries are compressed first, on every core (zlib works outside the interpreter lock),
    then written with the headers `writestr` gives them, so the bytes are the same.
    """
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        packed = list(pool.map(_deflate, (data for _, data in entries)))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        assert archive.fp is not None
        for (name, data), compressed in zip(entries, packed, strict=True):
            info = zipfile.ZipInfo(name, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.file_size, info.compress_size, info.CRC = len(data), len(compressed), zlib.crc32(data)
            info.header_offset = archive.fp.tell()
            archive.fp.write(info.FileHeader(zip64=False))
            archive.fp.write(compressed)
            # What `writestr` records so that closing the archive writes its central directory.
            archive.start_dir = archive.fp.tell()
            archive.filelist.append(info)
            archive.NameToInfo[name] = info
            archive._didModify = True


def _deflate(data: bytes) -> bytes:
    """Return `data` deflated as `ZipFile.writestr` does it (raw stream, default level)."""
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def _declare_custom_part(name: str, data: bytes) -> bytes:
    """Add the custom-properties part to the content types and the package relationships."""
    if name == "[Content_Types].xml" and _CUSTOM_PART.encode() not in data:
        override = f'<Override PartName="/{_CUSTOM_PART}" ContentType="{_CUSTOM_TYPE}"/>'.encode()
        return data.replace(b"</Types>", override + b"</Types>")
    if name == "_rels/.rels" and _CUSTOM_REL.encode() not in data:
        relationship = f'<Relationship Id="rIdLecturedeck" Type="{_CUSTOM_REL}" Target="{_CUSTOM_PART}"/>'.encode()
        return data.replace(b"</Relationships>", relationship + b"</Relationships>")
    return data


def _custom_properties(digest: str) -> bytes:
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"'
        ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="' + _PROPERTY + '">'
        f"<vt:lpwstr>{digest}</vt:lpwstr></property></Properties>"
    ).encode()
