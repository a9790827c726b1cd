"""Package checks the schema validator misses: ids, relationships, orphan parts, hyperlinks."""

from __future__ import annotations

import posixpath
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

from ..diagnostics import Diagnostic, SourcePos, error
from ..ooxml import HYPERLINK as _HYPERLINK
from ..ooxml import clark
from .readable import unreadable_parts
from .written import WrittenPackage

_REL_NS = clark("rel")
_CT_NS = clark("ct")
_P_NS = clark("p")
MAX_URL_LENGTH = 2_080
"""The longest hyperlink PowerPoint and browsers reliably open."""
_SCHEMES = ("http://", "https://", "mailto:")


def check_package(pptx_path: Path) -> list[Diagnostic]:
    """Return an error for each structural fault in the .pptx package at `pptx_path`."""
    with WrittenPackage.open(pptx_path) as written:
        return package_problems(pptx_path, written)


def package_problems(pptx_path: Path, written: WrittenPackage) -> list[Diagnostic]:
    """Return an error for each structural fault in `written`, the package at `pptx_path`."""
    pos = SourcePos(str(pptx_path), 1, 1)
    # The other checks read the XML parts: a part that does not parse is the whole report.
    problems: list[str] = unreadable_parts(written)
    names = written.names
    if problems:
        return _errors(pos, problems)
    parts = {name for name in names if not name.endswith(".rels") and name != "[Content_Types].xml"}
    targets: set[str] = set()
    for rels_name in sorted(n for n in names if n.endswith(".rels")):
        source = _source_of(rels_name)
        if source and source not in names:
            problems.append(f"relationships '{rels_name}' belong to a part that does not exist")
        relationships = written.xml(rels_name)
        for relationship in relationships.iter(f"{_REL_NS}Relationship"):
            target = relationship.get("Target", "")
            if relationship.get("TargetMode") == "External":
                if relationship.get("Type") == _HYPERLINK:
                    problems.extend(_hyperlink_problems(target, rels_name))
                continue
            resolved = _resolve(source, target)
            targets.add(resolved)
            if resolved not in names:
                problems.append(f"'{rels_name}' points at '{resolved}', which is missing")
    for orphan in sorted(parts - targets):
        problems.append(f"the part '{orphan}' is not used by any relationship")
    problems.extend(_content_type_problems(written, parts))
    problems.extend(_id_problems(written))
    return _errors(pos, problems)


def _errors(pos: SourcePos, problems: list[str]) -> list[Diagnostic]:
    return [
        error(
            "package.structure",
            pos,
            f"the written deck is malformed: {problem}",
            expected="a well-formed PowerPoint package",
            found=problem,
            hint="this is a bug in lecturedeck; please report it with the deck",
        )
        for problem in problems
    ]


def _source_of(rels_name: str) -> str:
    folder, file = posixpath.split(rels_name)
    parent = posixpath.dirname(folder)
    return posixpath.join(parent, file.removesuffix(".rels")) if file != ".rels" else ""


def _resolve(source: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def _hyperlink_problems(target: str, rels_name: str) -> list[str]:
    found = []
    if not target.lower().startswith(_SCHEMES):
        found.append(f"a hyperlink in '{rels_name}' is not http, https or mailto: '{target[:80]}'")
    if len(target) >= MAX_URL_LENGTH:
        found.append(f"a hyperlink in '{rels_name}' is {len(target):,} characters long")
    return found


def _content_type_problems(written: WrittenPackage, parts: set[str]) -> list[str]:
    types = written.xml("[Content_Types].xml")
    defaults = {d.get("Extension", "").lower() for d in types.iter(f"{_CT_NS}Default")}
    overrides = {o.get("PartName", "").lstrip("/") for o in types.iter(f"{_CT_NS}Override")}
    return [
        f"the part '{part}' has no content type"
        for part in sorted(parts)
        if part not in overrides and posixpath.splitext(part)[1].lstrip(".").lower() not in defaults
    ]


def _id_problems(written: WrittenPackage) -> list[str]:
    found = []
    presentation = written.xml("ppt/presentation.xml")
    slide_ids = [int(s.get("id", "0")) for s in presentation.iter(f"{_P_NS}sldId")]
    duplicates = sorted(i for i, n in Counter(slide_ids).items() if n > 1)
    if duplicates:
        found.append(f"slide ids {duplicates} are used more than once")
    if any(i < 256 for i in slide_ids):
        found.append("a slide id is below 256")
    for name in sorted(n for n in written.names if n.startswith("ppt/slides/slide") and n.endswith(".xml")):
        try:
            ids = written.slide(name).ids
        except ElementTree.ParseError as exc:
            found.append(f"the slide '{name}' is not well-formed XML ({exc})")
            continue
        repeated = sorted({i for i in ids if ids.count(i) > 1}, key=lambda i: int(i or 0))
        if repeated:
            found.append(f"shape ids {', '.join(str(i) for i in repeated)} repeat on '{name}'")
    return found
