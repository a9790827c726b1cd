"""What a build records for `pull`: where each paragraph of the deck came from in the YAML."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import zipfile
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, assert_never

from ..inline import Run, plain_text
from ..located import where
from ..places import value_at
from ..plan import Diagram, Listing, Paragraph, Picture, Presentation, Role, Rule, SlidePlan, Table, TextBox
from .markup import runs_to_markup

if TYPE_CHECKING:
    from ..validate import ValidDeck

PREFIX = "lecturedeck-pull-"
"""Custom properties `lecturedeck-pull-000`, `-001`, …: the manifest, zlib-compressed, in base64."""
_CHUNK = 255
"""PowerPoint keeps a custom property's text up to 255 characters; longer values are cut."""
_VERSION = 1
_QUOTES = ('"', "“", "„", "«", "'", "‘")
_PROPERTY = re.compile(rb'name="lecturedeck-pull-(\d+)"[^>]*>\s*<vt:lpwstr>([A-Za-z0-9+/=]*)</vt:lpwstr>')

Origin = list[Any]
"""[form, path, index]: form "block" (the index-th paragraph of the text at path), "term" (the
`term: text` bullet at path), "key" (the text of the `text: [sub-items]` bullet at path),
"quote" (a quote's block, in added quote marks), "by" (a quote's author), "line" (a line of
inline code), or "cell" (a table cell that is not text)."""


def record(valid: ValidDeck, plan: Presentation, deck: str) -> dict[str, str]:
    """Return the custom properties that let `pull` map the built deck back onto the YAML.

    `deck` is the deck's path relative to the built file's folder: an absolute path would make
    the same deck built in two folders two different files (and tell where it was built).
    """
    data = valid.doc.data
    # A planned slide is matched to its entry under 'slides' by position; its YAML as written
    # (bullet keys, quote forms) is what the manifest maps paragraphs onto.
    by_pos = {place.pos: place for place in (where(slide) for slide in valid.deck.slides)}
    title_pos = where(valid.deck, "title").pos
    slides = []
    code_font = ""
    for number, slide in enumerate(plan.slides):
        place = by_pos.get(slide.pos)
        if place is not None and place.slide_index is not None:
            key: int | str = place.slide_index
            prefix: tuple[str | int, ...] = place.path
            scope = value_at(data, place.path)
        elif number == 0 and slide.pos == title_pos:
            key, prefix, scope = "title", (), {k: data.get(k) for k in ("title", "subtitle") if k in data}
        else:
            key, prefix, scope = "derived", (), {}
        record_slide, font = _slide(slide, key, prefix, scope, data.get("diagrams") or {})
        code_font = code_font or font
        slides.append(record_slide)
    manifest = {"version": _VERSION, "deck": deck, "code_font": code_font, "slides": slides}
    # default=str: YAML reads some table cells as dates, which are recorded as written.
    text = json.dumps(manifest, separators=(",", ":"), default=str)
    packed = base64.b64encode(zlib.compress(text.encode(), 9)).decode()
    chunks = [packed[start : start + _CHUNK] for start in range(0, len(packed), _CHUNK)]
    return {f"{PREFIX}{number:03d}": chunk for number, chunk in enumerate(chunks)}


def read(path: Path) -> dict[str, Any] | None:
    """Return the manifest recorded in the deck at `path`, or None if it has none (or it is damaged)."""
    try:
        with zipfile.ZipFile(path) as archive:
            custom = archive.read("docProps/custom.xml")
    except (OSError, KeyError, zipfile.BadZipFile):
        return None
    chunks = sorted((int(number), value) for number, value in _PROPERTY.findall(custom))
    if not chunks:
        return None
    try:
        manifest = json.loads(zlib.decompress(base64.b64decode(b"".join(value for _, value in chunks))))
    except (ValueError, zlib.error):
        return None
    return manifest if isinstance(manifest, dict) and manifest.get("version") == _VERSION else None


def fingerprint(value: Any) -> str:
    """Return a digest of a slide's YAML value, to find the same slide in a later version of the YAML."""
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()[:16]


def blocks(text: str) -> list[str]:
    """Return the paragraphs of a text as the planner splits them: at blank lines, spaces collapsed."""
    return [" ".join(block.split()) for block in text.split("\n\n") if block.strip()]


def _slide(
    slide: SlidePlan, key: int | str, prefix: tuple[str | int, ...], scope: Any, diagrams: dict[str, Any]
) -> tuple[dict[str, Any], str]:
    candidates = _Candidates(scope, prefix)
    shapes = []
    code_font = ""
    for shape in slide.shapes:
        match shape:
            case TextBox():
                if shape.slide_number:
                    # Its text is the slide's number, which PowerPoint updates: nothing to compare.
                    shapes.append(_shape("number", shape.box, [], []))
                    continue
                paragraphs = [candidates.paragraph(p) for p in shape.paragraphs]
                bold = [p.style.bold for p in shape.paragraphs]
                kind = {Role.TITLE: "title", Role.CHROME: "chrome"}.get(shape.role, "text")
                record_shape = _shape(kind, shape.box, paragraphs, bold)
                record_shape["colors"] = _colors(shape.fill, shape.paragraphs)
                shapes.append(record_shape)
                code_font = code_font or shape.paragraphs[0].style.code_font if shape.paragraphs else code_font
            case Table():
                cells = [candidates.paragraph(cell.paragraph) for row in shape.rows for cell in row]
                bold = [cell.paragraph.style.bold for row in shape.rows for cell in row]
                record_shape = _shape("table", shape.box, cells, bold)
                record_shape["grid"] = [len(shape.rows), len(shape.column_widths)]
                record_shape["colors"] = sorted(
                    {c for row in shape.rows for cell in row for c in _colors(cell.fill, (cell.paragraph,))}
                )
                shapes.append(record_shape)
            case Listing():
                lines = ["".join(run.text for run in line) for line in shape.lines]
                source = _code_source(scope, prefix)
                paragraphs = [[["line", source, i] if source else None, None, line] for i, line in enumerate(lines)]
                record_shape = _shape("code", shape.box, paragraphs, [False] * len(lines))
                colors = {shape.fill, *(run.color for line in shape.lines for run in line)}
                record_shape["colors"] = sorted(color.upper() for color in colors)
                shapes.append(record_shape)
            case Diagram():
                record_shape = _shape("diagram", shape.diagram.box, [], [])
                drawn = shape.diagram
                labels = [[node.name, "\n".join(node.lines)] for node in drawn.nodes]
                record_shape["labels"] = [*labels, *([text.name, "\n".join(text.lines)] for text in drawn.texts)]
                record_shape["dot"] = _dot_source(scope, prefix, diagrams)
                shapes.append(record_shape)
            case Picture():
                shapes.append(_shape("picture", shape.box, [], []))
            case Rule():
                record_shape = _shape("rule", shape.box, [], [])
                record_shape["colors"] = [shape.fill.upper()]
                shapes.append(record_shape)
            case _:
                assert_never(shape)
    notes = [candidates.paragraph(p, notes=True) for p in slide.notes]
    record_slide = {"id": key, "hash": fingerprint(scope) if isinstance(key, int) else "", "shapes": shapes}
    record_slide["notes"] = notes
    record_slide["data"] = scope
    return record_slide, code_font


def _shape(kind: str, box: Any, paragraphs: list[list[Any]], bold: list[bool]) -> dict[str, Any]:
    return {
        "kind": kind,
        "box": [int(box.left), int(box.top), int(box.width), int(box.height)],
        "paragraphs": paragraphs,
        "bold": bold,
    }


def _colors(fill: str | None, paragraphs: tuple[Paragraph, ...]) -> list[str]:
    """Return the colours (RRGGBB) a shape is written with: its fill and its text's (links' aside)."""
    found = {fill.upper()} if fill else set()
    found.update(paragraph.style.color.upper() for paragraph in paragraphs)
    return sorted(found)


def _dot_source(scope: Any, prefix: tuple[str | int, ...], diagrams: dict[str, Any]) -> dict[str, Any] | None:
    """Return where the slide's DOT is: {"file": path in the deck's folder} or {"yaml": path of inline DOT}."""
    value = scope.get("diagram") if isinstance(scope, dict) else None
    path: list[Any] = [*prefix, "diagram"]
    if isinstance(value, str) and value in diagrams:
        value, path = diagrams[value], ["diagrams", value]
    if isinstance(value, str):
        return {"file": value}
    if isinstance(value, dict) and isinstance(value.get("dot"), str):
        return {"yaml": [*path, "dot"]}
    if isinstance(value, dict) and isinstance(value.get("file"), str):
        return {"file": value["file"]}
    return None


def _code_source(scope: Any, prefix: tuple[str | int, ...]) -> list[Any] | None:
    code = scope.get("code") if isinstance(scope, dict) else None
    if isinstance(code, dict) and isinstance(code.get("source"), str):
        return [*prefix, "code", "source"]
    return None


class _Candidates:
    """The texts of one slide's YAML, each with its origin, matched in order to the planned paragraphs."""

    def __init__(self, scope: Any, prefix: tuple[str | int, ...]) -> None:
        self.by_text: dict[str, list[Origin]] = {}
        self._walk(scope, list(prefix), parent=None)

    def paragraph(self, paragraph: Paragraph, *, notes: bool = False) -> list[Any]:
        """Return [origin or None, level, markup] of a planned paragraph."""
        text = " ".join("".join(run.text for run in paragraph.runs).split())
        origins = self.by_text.get(text, [])
        if notes:
            origins = [o for o in origins if o[1] and o[1][-1] == "notes"]
        origin = origins[0] if origins else None
        if origin is not None:
            self.by_text[text].remove(origin)
        runs = paragraph.runs
        if origin is not None and origin[0] == "quote":
            runs = tuple(Run(r.text, r.bold, False, r.code, r.link) for r in runs)
        return [origin, paragraph.level, runs_to_markup(runs, bold=paragraph.style.bold)]

    def _add(self, text: str, origin: Origin) -> None:
        self.by_text.setdefault(" ".join(text.split()), []).append(origin)

    def _walk(self, value: Any, path: list[Any], parent: Any) -> None:
        if isinstance(value, dict):
            if len(value) == 1 and isinstance(parent, list):
                ((term, text),) = value.items()
                if isinstance(text, str):
                    self._add(f"{plain_text(term)}: {plain_text(text)}", ["term", path, 0])
                    return
                if isinstance(text, list):
                    # `text: [sub-items]`: the bullet's own text is the key.
                    self._add(plain_text(term), ["key", path, 0])
            for key, inner in value.items():
                if key == "quote" and isinstance(inner, str):
                    self._quote(inner, [*path, key])
                elif key == "quote" and isinstance(inner, dict):
                    self._quote(str(inner.get("text", "")), [*path, key, "text"])
                    if isinstance(inner.get("by"), str):
                        self._add(f"— {plain_text(inner['by'])}", ["by", [*path, key, "by"], 0])
                else:
                    self._walk(inner, [*path, key], value)
        elif isinstance(value, list):
            for index, inner in enumerate(value):
                self._walk(inner, [*path, index], value)
        elif isinstance(value, str):
            for index, block in enumerate(blocks(value)):
                self._add(plain_text(block), ["block", path, index])
        elif value is not None and not isinstance(value, bool) and len(path) > 1 and "table" in path:
            self._add(str(value), ["cell", path, 0])

    def _quote(self, text: str, path: list[Any]) -> None:
        parts = blocks(text)
        marked = bool(parts) and not parts[0].startswith(_QUOTES)
        for index, block in enumerate(parts):
            shown = plain_text(block)
            if marked and index == 0:
                shown = f"“{shown}"
            if marked and index == len(parts) - 1:
                shown = f"{shown}”"
            self._add(shown, ["quote" if marked else "block", path, index])
