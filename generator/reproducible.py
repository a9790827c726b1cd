"""Identical inputs give identical bytes; every deck carries the digest of what was written."""

from __future__ import annotations

import datetime
import hashlib
import re
import zipfile
from pathlib import Path

_CUSTOM_PART = "docProps/custom.xml"
_CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_PROPERTY = "lecturedeck-digest"
_DIGEST = re.compile(rb"<vt:lpwstr>([0-9a-f]{64})</vt:lpwstr>")
_ZIP_EPOCH = datetime.datetime(1980, 1, 1)
"""The earliest time a zip entry can record."""


def finalize(path: Path, stamp: datetime.datetime) -> None:
    """Rewrite the .pptx at `path` reproducibly and record its content digest inside it.

    Zip entries keep python-pptx's order but get the fixed time `stamp`, fixed permissions and
    compression, so two builds of the same inputs are byte-identical. The digest, stored as a
    custom document property, lets a later build tell whether someone edited the deck.
    """
    with zipfile.ZipFile(path) as archive:
        entries = [(name, archive.read(name)) for name in archive.namelist() if name != _CUSTOM_PART]
    entries = [(name, _declare_custom_part(name, data)) for name, data in entries]
    custom = _custom_properties(_digest(entries))
    when = max(stamp.replace(tzinfo=None), _ZIP_EPOCH).timetuple()[:6]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in [*entries, (_CUSTOM_PART, custom)]:
            info = zipfile.ZipInfo(name, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)


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
        with zipfile.ZipFile(path) as archive:
            return _digest([(name, archive.read(name)) for name in archive.namelist() if name != _CUSTOM_PART])
    except (OSError, zipfile.BadZipFile):
        return None


def _digest(entries: list[tuple[str, bytes]]) -> str:
    digest = hashlib.sha256()
    for name, data in sorted(entries):
        digest.update(name.encode() + b"\0" + len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


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
