"""Diagrams resolved for the planner: DOT read and confined, laid out and rendered, cached."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic, SourcePos, error, warning
from ..model import DiagramSpec
from ..paths import resolve_inside
from ..source import YamlPath
from ..validate import ValidDeck
from . import graphviz
from .cache import Cache, cache_key
from .graph_layout import GraphLayout, describe_graph, parse_json_layout

MAX_DOT_BYTES = 500_000
MAX_PIXELS = 40_000_000
PICTURE_WIDTH_PX = 2_400
"""Rendered PNG width: about 2x the content area's width at 96 dpi, crisp on a projector."""

# DOT attributes that make Graphviz read files; each value must stay inside the deck's folder.
_FILE_ATTRIBUTES = re.compile(
    r"""\b(image|imagepath|shapefile|fontpath|fontnames|src)\s*=\s*("(?:[^"\\]|\\.)*"|[^\s,;\]>]+)""",
    re.IGNORECASE,
)
_FIRST_COMMENT = re.compile(r"^\s*(?://|#)\s*(.+)$|/\*\s*(.+?)\s*\*/", re.MULTILINE)


@dataclass(frozen=True)
class DiagramAsset:
    """A diagram ready to place: its Graphviz layout, PNG rendering (picture mode) and alt text."""

    layout: GraphLayout
    png: Path | None
    width_pt: float
    height_pt: float
    alt: str
    render: str


@dataclass(frozen=True)
class Assets:
    """Every diagram of the deck, by the YAML path of the slide's `diagram` key."""

    diagrams: dict[YamlPath, DiagramAsset]


@dataclass(frozen=True)
class _Request:
    path: YamlPath
    spec: DiagramSpec
    pos: SourcePos
    source: bytes
    dot_name: str
    first_line: int


def resolve(valid: ValidDeck, cache: Cache, font: str) -> tuple[Assets, list[Diagnostic]]:
    """Return every diagram of the deck laid out and rendered, with the problems found.

    Diagrams render concurrently; unchanged ones come from `cache` without running Graphviz.
    """
    problems: list[Diagnostic] = []
    requests: list[_Request] = []
    for path, spec, pos in _diagram_refs(valid):
        request = _read(valid, path, spec, pos)
        if isinstance(request, Diagnostic):
            problems.append(request)
        else:
            problems.extend(_confine(valid.root, request))
            requests.append(request)
    if any(p.is_error for p in problems):
        return Assets({}), problems
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda r: _render(r, valid.root, cache, font), requests))
    diagrams: dict[YamlPath, DiagramAsset] = {}
    for request, (asset, found) in zip(requests, results, strict=True):
        problems.extend(found)
        if asset is not None:
            diagrams[request.path] = asset
    return Assets(diagrams), problems


def _diagram_refs(valid: ValidDeck) -> Iterator[tuple[YamlPath, DiagramSpec, SourcePos]]:
    deck, doc = valid.deck, valid.doc
    for index, slide in enumerate(deck.slides):
        value = getattr(slide, "diagram", None)
        if value is None:
            continue
        path: YamlPath = ("slides", index, "diagram")
        if isinstance(value, DiagramSpec):
            yield path, value, doc.pos(path)
        elif value in deck.diagrams:
            named = deck.diagrams[value]
            spec = named if isinstance(named, DiagramSpec) else DiagramSpec(file=named)
            yield path, spec, doc.pos(path)
        else:
            yield path, DiagramSpec(file=value), doc.pos(path)


def _spec_path(valid: ValidDeck, path: YamlPath) -> YamlPath:
    """Return where the diagram's own keys are written: the slide, or its entry in `diagrams`."""
    value = valid.deck.slides[int(path[1])]
    name = getattr(value, "diagram", None)
    if isinstance(name, str) and name in valid.deck.diagrams:
        return ("diagrams", name)
    return path


def _read(valid: ValidDeck, path: YamlPath, spec: DiagramSpec, pos: SourcePos) -> _Request | Diagnostic:
    spec_path = _spec_path(valid, path)
    if spec.dot is not None:
        dot_pos = valid.doc.pos((*spec_path, "dot"))
        # A block scalar ('dot: |') starts on the line after the key.
        first_line = dot_pos.line + (1 if valid.doc.source_text.get((*spec_path, "dot"), "").count("\n") else 0)
        return _Request(path, spec, pos, spec.dot.encode(), "inline DOT", first_line)
    assert spec.file is not None
    file_pos = (
        valid.doc.pos((*spec_path, "file"))
        if spec_path[0] == "diagrams" and not isinstance(valid.deck.diagrams.get(str(spec_path[-1])), str)
        else valid.doc.pos(spec_path)
    )
    target = resolve_inside(valid.root, spec.file, file_pos, "diagram", (".dot", ".gv"))
    if isinstance(target, Diagnostic):
        return target
    size = target.stat().st_size
    if size > MAX_DOT_BYTES:
        return error(
            "diagram.too-large",
            file_pos,
            f"the diagram '{spec.file}' is {size:,} bytes, over the limit",
            expected=f"at most {MAX_DOT_BYTES:,} bytes of DOT",
            found=f"{size:,} bytes",
            hint="split the graph into smaller diagrams",
        )
    data = target.read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return error(
            "diagram.encoding",
            file_pos,
            f"the diagram '{spec.file}' is not UTF-8 text (line {line})",
            expected="a UTF-8 encoded .dot file",
            found=f"the byte 0x{data[exc.start]:02X}",
            hint="save the DOT file as UTF-8",
        )
    return _Request(path, spec, pos, data, spec.file, 0)


def _confine(root: Path, request: _Request) -> Iterator[Diagnostic]:
    """Yield an error for every file the DOT source would make Graphviz read outside `root`."""
    text = request.source.decode("utf-8")
    for match in _FILE_ATTRIBUTES.finditer(text):
        attribute, value = match.group(1).lower(), match.group(2).strip('"')
        if attribute == "fontnames" or not value:
            continue
        for part in value.split(":") if attribute in ("imagepath", "fontpath") else [value]:
            target = (root / part).resolve()
            if part.startswith("/") or not target.is_relative_to(root.resolve()):
                line = text.count("\n", 0, match.start()) + 1
                yield error(
                    "diagram.outside",
                    request.pos,
                    f"{request.dot_name} line {line}: '{attribute}' names '{part}', outside the deck's folder",
                    expected="files inside the deck's folder",
                    found=f'{attribute}="{part}"',
                    hint="copy the file into the deck's folder and name it by a relative path",
                )


def _render(request: _Request, root: Path, cache: Cache, font: str) -> tuple[DiagramAsset | None, list[Diagnostic]]:
    spec = request.spec
    attrs = {"fontname": font}
    key = cache_key(request.source, spec.engine, "json+png", font, str(PICTURE_WIDTH_PX), graphviz.fingerprint())
    problems: list[Diagnostic] = []
    try:
        layout_path = cache.get(key, ".json")
        if layout_path is None:
            laid = graphviz.run(request.source, engine=spec.engine, output_format="json", cwd=root, graph_attrs=attrs)
            problems.extend(_dot_warnings(request, laid.messages))
            layout_json = laid.data
        else:
            layout_json = layout_path.read_bytes()
        graph = json.loads(layout_json)
        width_pt, height_pt = _size(graph)
        dpi = PICTURE_WIDTH_PX * 72 / max(width_pt, 1.0)
        if (width_pt * dpi / 72) * (height_pt * dpi / 72) > MAX_PIXELS:
            return None, [
                error(
                    "diagram.too-large",
                    request.pos,
                    f"the diagram '{request.dot_name}' is too large to render",
                    expected=f"at most {MAX_PIXELS:,} pixels",
                    found=f"{width_pt:.0f} x {height_pt:.0f} pt",
                    hint="remove 'size' and 'ratio' settings or split the graph",
                )
            ]
        png = cache.get(key, ".png") if spec.render == "picture" else None
        if png is None and spec.render == "picture":
            rendered = graphviz.run(
                request.source,
                engine=spec.engine,
                output_format="png",
                cwd=root,
                graph_attrs={**attrs, "dpi": f"{dpi:.2f}"},
            )
            png = cache.put(key, ".png", rendered.data)
        if layout_path is None:
            cache.put(key, ".json", layout_json)
    except graphviz.DotFailure as failure:
        return None, [_dot_error(request, failure)]
    layout = parse_json_layout(layout_json)
    alt = spec.alt if spec.alt is not None else _default_alt(layout, request.source)
    return DiagramAsset(layout, png, width_pt, height_pt, alt, spec.render), problems


def _size(graph: dict[str, object]) -> tuple[float, float]:
    left, bottom, right, top = (float(v) for v in str(graph.get("bb", "0,0,1,1")).split(","))
    return right - left, top - bottom


def _default_alt(layout: GraphLayout, source: bytes) -> str:
    """Return alt text written from the graph: its label (or first comment), then its edges in words."""
    description = describe_graph(layout)
    if layout.label is None:
        comment = _FIRST_COMMENT.search(source.decode("utf-8"))
        if comment:
            return f"{(comment.group(1) or comment.group(2)).strip().rstrip('.')}. {description}"
    return description


def _dot_line_pos(request: _Request, line: int | None) -> tuple[SourcePos, str]:
    if line is not None and request.first_line:
        # Inline DOT: point straight at the deck line that holds the offending DOT line.
        return SourcePos(request.pos.file, request.first_line + line - 1, 1), f"{request.dot_name} line {line}"
    where = f"{request.dot_name} line {line}" if line is not None else request.dot_name
    return request.pos, where


def _dot_error(request: _Request, failure: graphviz.DotFailure) -> Diagnostic:
    pos, where = _dot_line_pos(request, failure.line)
    return error(
        "diagram.graphviz",
        pos,
        f"Graphviz cannot draw {where}: {failure.message}",
        expected="a valid DOT graph",
        found=failure.message,
        hint="fix the DOT source; running Graphviz on it ('dot -Tpng FILE.dot') shows the same message",
    )


def _dot_warnings(request: _Request, messages: tuple[graphviz.DotMessage, ...]) -> Iterator[Diagnostic]:
    for message in messages:
        pos, where = _dot_line_pos(request, message.line)
        yield warning(
            "diagram.graphviz",
            pos,
            f"Graphviz warns about {where}: {message.text}",
            expected="a DOT graph Graphviz draws without warnings",
            found=message.text,
            hint="fix the DOT source so the diagram looks as intended",
        )
