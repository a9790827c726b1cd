"""Assets resolved for the planner: diagrams laid out and rendered, images checked, code lexed."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import mimetypes
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from ..causes import one_per_cause
from ..diagnostics import Diagnostic, SourcePos, error
from ..located import Place, where
from ..model import DiagramSpec
from ..paths import read_at_most, resolve_inside
from ..source import YamlPath
from ..textfit import font_files
from ..validate import ValidDeck
from . import graph_alt, graphviz
from .cache import Cache, cache_key
from .code import CodeAsset, resolve_code
from .dot_messages import dot_error, dot_line_pos, dot_warnings
from .dot_source import DotSource
from .dot_text import dot_text
from .graph_layout import GraphLayout, parse_json_layout
from .images import ImageAsset, resolve_images
from .svg_text import smallest_text_pt

MAX_DOT_BYTES = 500_000
MAX_PIXELS = 40_000_000
"""The largest drawing accepted, counted at 96 dpi; a bigger one cannot be read on a slide."""
_POINTS_PER_INCH = 72.0
"""Graphviz lays out and draws SVG in points; -Gdpi=72 keeps a DOT's own `dpi` out of both."""
_SCREEN_DPI = 96.0
_SVG_LENGTH = re.compile(r"^\s*([\d.]+)\s*(pt|px|in)?\s*$")
_SVG_UNITS = {"pt": 1.0, "px": 0.75, "in": 72.0, None: 1.0}
_SVG_IMAGE = re.compile(rb'(<image\b[^>]*?\b(?:xlink:)?href=")([^"]*)(")')


@dataclass(frozen=True)
class VectorPicture:
    """A diagram Graphviz drew as SVG, `width_pt` by `height_pt`, and the way to its PNG fallback."""

    svg: Path
    width_pt: float
    height_pt: float
    job: _Job = field(repr=False, compare=False)
    smallest_text_pt: float | None = None
    """The size of its smallest text at `width_pt` by `height_pt` (None: it has no text)."""

    def fallback_png(self, width_px: int) -> Path | Diagnostic:
        """Return the same drawing as a PNG `width_px` pixels wide, for viewers without SVG.

        Its size follows the picture's box on the slide, which only the planner knows, so it is
        drawn after planning (or taken from the cache), not with the SVG.
        """
        try:
            path, _ = self.job.output("png", width_px * _POINTS_PER_INCH / self.width_pt)
        except graphviz.DotFailure as failure:
            return dot_error(self.job.request, failure)
        return path


@dataclass(frozen=True)
class DiagramAsset:
    """A diagram ready to place: its Graphviz layout, alt text and, in picture mode, its picture."""

    layout: GraphLayout
    alt: str
    picture: VectorPicture | None
    """The SVG rendering when the deck asks for `render: picture`; None draws native shapes."""
    decorative: bool
    """The deck marks the diagram decorative (`alt: ""`): screen readers skip it."""
    reported_colours: frozenset[str] = frozenset()
    """Unknown colours already reported at their DOT line, which the native drawing need not repeat."""


@dataclass(frozen=True)
class Assets:
    """Every diagram, image and code listing of the deck, by the path of the slide's key (the
    `located.where(slide, key).path`)."""

    diagrams: dict[YamlPath, DiagramAsset]
    images: dict[YamlPath, ImageAsset]
    code: dict[YamlPath, CodeAsset]


@dataclass(frozen=True)
class _Request:
    place: Place
    """Where the slide gives the diagram."""
    spec: DiagramSpec
    pos: SourcePos
    source: bytes
    dot_name: str
    first_line: int
    """The deck line holding the first DOT line when the DOT is inline; 0 for a DOT file."""
    dot: DotSource


@dataclass
class _Seen:
    """What one `resolve` has already worked out, by content: a DOT that many slides show (a
    named diagram) is parsed, looked up in the cache and laid out once, not once per slide."""

    sources: dict[str, DotSource] = field(default_factory=dict)
    outputs: dict[tuple[str, str], tuple[Path, tuple[graphviz.DotMessage, ...]] | graphviz.DotFailure] = field(
        default_factory=dict
    )
    layouts: dict[Path, GraphLayout] = field(default_factory=dict)
    descriptions: dict[tuple[int, int], str] = field(default_factory=dict)

    def parse(self, text: str) -> DotSource:
        """Return `text` parsed, the same DotSource for the same text."""
        found = self.sources.get(text)
        if found is None:
            found = self.sources[text] = DotSource.parse(text)
        return found


@dataclass(frozen=True)
class _Job:
    """Runs Graphviz on one diagram through the cache: every output keyed by all that shapes it."""

    request: _Request
    root: Path
    cache: Cache
    font: str
    inputs: str
    """The digest of the files the DOT makes Graphviz read (images), so editing one redraws."""
    seen: _Seen = field(repr=False, compare=False)

    @property
    def identity(self) -> tuple[bytes, str, str, str]:
        """What makes two jobs draw the same: DOT bytes, engine, render mode, input files."""
        return (self.request.source, self.request.spec.engine, self.request.spec.render, self.inputs)

    def output(self, output_format: graphviz.OutputFormat, dpi: float) -> tuple[Path, tuple[graphviz.DotMessage, ...]]:
        """Return the cached file of Graphviz's `output_format` output at `dpi`, and its warnings.

        Raises DotFailure when Graphviz fails; failures are not cached.
        """
        spec = self.request.spec
        key = cache_key(
            self.request.source,
            spec.engine,
            output_format,
            self.font,
            font_files(self.font),
            graphviz.fingerprint(),
            f"{dpi:.4f}",
            self.inputs,
        )
        suffix = f".{output_format}"
        seen = self.seen.outputs.get((key, suffix))
        if isinstance(seen, graphviz.DotFailure):
            raise seen
        if seen is None:
            try:
                seen = self.seen.outputs[(key, suffix)] = self._output(key, suffix, output_format, dpi)
            except graphviz.DotFailure as failure:
                self.seen.outputs[(key, suffix)] = failure
                raise
        return seen

    def _output(
        self, key: str, suffix: str, output_format: graphviz.OutputFormat, dpi: float
    ) -> tuple[Path, tuple[graphviz.DotMessage, ...]]:
        found = self.cache.get(key, suffix)
        if found is not None:
            notes = self.cache.get(key, ".warnings")
            return found, _messages_from_json(notes.read_bytes()) if notes is not None else ()
        source = self.request.dot.with_defaults({"fontname": self.font}).encode()
        engine = self.request.spec.engine
        done = graphviz.run(source, engine=engine, output_format=output_format, cwd=self.root, dpi=dpi)
        data = _embed_images(done.data, self.root) if output_format == "svg" else done.data
        # Warnings first: whoever finds the output in the cache also finds its warnings.
        self.cache.put(key, ".warnings", _messages_to_json(done.messages))
        return self.cache.put(key, suffix, data), done.messages


def resolve(valid: ValidDeck, cache: Cache, font: str) -> tuple[Assets, list[Diagnostic]]:
    """Return every diagram of the deck laid out and rendered, every image checked and every
    code listing lexed, with the problems found.

    Diagrams render concurrently; unchanged ones come from `cache` without running Graphviz.
    """
    images, problems = resolve_images(valid, cache)
    code, found = resolve_code(valid)
    problems.extend(found)
    requests: list[_Request] = []
    seen = _Seen()
    # Each diagram problem with the slide it was found for: one DOT that several slides show
    # is one cause, reported once (see `one_per_cause`).
    per_slide: list[tuple[Diagnostic, int | None]] = []
    for place, spec, given in _diagram_refs(valid):
        request = _read(valid, place, spec, given, seen)
        if isinstance(request, Diagnostic):
            per_slide.append((request, place.slide_index))
            continue
        found = [*_check_graphs(request), *_confine(valid.root, request)]
        per_slide.extend((diagnostic, place.slide_index) for diagnostic in found)
        if not found:
            requests.append(request)
    jobs = [
        _Job(request, valid.root, cache, font, _inputs_digest(valid.root, request.dot), seen) for request in requests
    ]
    # Each distinct drawing once, concurrently; then every slide's diagram, from what they found.
    firsts = {job.identity: job for job in reversed(jobs)}
    with ThreadPoolExecutor(max_workers=4) as pool:
        drawn = dict(zip([id(job) for job in firsts.values()], pool.map(_render, firsts.values()), strict=True))
    results = [drawn[id(job)] if id(job) in drawn else _render(job) for job in jobs]
    diagrams: dict[YamlPath, DiagramAsset] = {}
    for request, (asset, found) in zip(requests, results, strict=True):
        per_slide.extend((diagnostic, request.place.slide_index) for diagnostic in found)
        if asset is not None:
            diagrams[request.place.path] = asset
    problems.extend(one_per_cause(per_slide, valid.doc))
    return Assets(diagrams, images, code), problems


def _diagram_refs(valid: ValidDeck) -> Iterator[tuple[Place, DiagramSpec, Place]]:
    """Yield each slide's diagram: where the slide gives it, its spec, and where its DOT is given.

    The DOT is given by the spec's 'dot' text, or by a file name: a named spec's 'file', the
    name of a file under 'diagrams', or the slide's own diagram (a spec's mapping or a path).
    """
    deck = valid.deck
    for slide in deck.slides:
        value = getattr(slide, "diagram", None)
        if value is None:
            continue
        place = where(slide, "diagram")
        if isinstance(value, DiagramSpec):
            yield place, value, where(value, "dot") if value.dot is not None else place
        elif value in deck.diagrams:
            named = deck.diagrams[value]
            if isinstance(named, DiagramSpec):
                yield place, named, where(named, "dot" if named.dot is not None else "file")
            else:
                yield place, DiagramSpec(file=named), where(deck, "diagrams", value)
        else:
            yield place, DiagramSpec(file=value), place


def _read(valid: ValidDeck, place: Place, spec: DiagramSpec, given: Place, seen: _Seen) -> _Request | Diagnostic:
    pos = place.pos
    if spec.dot is not None:
        # A block scalar ('dot: |') starts on the line after the key.
        first_line = given.line + (1 if "\n" in (given.written or "") else 0)
        return _Request(place, spec, pos, spec.dot.encode(), "inline DOT", first_line, seen.parse(spec.dot))
    assert spec.file is not None
    file_pos = given.pos
    target = resolve_inside(valid.root, spec.file, file_pos, "diagram", (".dot", ".gv"))
    if isinstance(target, Diagnostic):
        return target
    data = read_at_most(target, MAX_DOT_BYTES)
    if isinstance(data, int):
        return error(
            "diagram.too-large",
            file_pos,
            f"the diagram '{spec.file}' is {data:,} bytes, over the limit",
            expected=f"at most {MAX_DOT_BYTES:,} bytes of DOT",
            found=f"{data:,} bytes",
            hint="split the graph into smaller diagrams",
        )
    text = dot_text(data, spec.file, file_pos)
    if isinstance(text, Diagnostic):
        return text
    return _Request(place, spec, pos, data, spec.file, 0, seen.parse(text))


def _check_graphs(request: _Request) -> Iterator[Diagnostic]:
    """Yield an error unless the DOT holds exactly one graph (Graphviz would draw each one)."""
    count = request.dot.graph_count()
    if count == 1:
        return
    yield error(
        "diagram.graphs",
        request.pos,
        f"{request.dot_name} holds {'no graph' if count == 0 else f'{count} graphs'}",
        expected="exactly one graph, e.g. 'digraph { a -> b }'",
        found=f"{count} graphs",
        hint="write one graph per diagram; give each further graph its own diagram",
    )


def _confine(root: Path, request: _Request) -> Iterator[Diagnostic]:
    """Yield an error for every file the DOT source would make Graphviz read outside `root`."""
    inside = root.resolve()
    references = list(request.dot.file_references())
    # Graphviz also looks for an image in each imagepath folder: a link there counts too.
    folders = [reference.name for reference in references if reference.attribute == "imagepath"]
    for reference in references:
        name = reference.name
        if not (name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name) or _leaves(inside, name)):
            searched = (f"{folder}/{name}" for folder in folders if reference.attribute in ("image", "IMG SRC"))
            name = next((path for path in searched if _leaves(inside, path)), "")
            if not name:
                continue
        pos, where = dot_line_pos(request, reference.line)
        yield error(
            "diagram.outside",
            pos,
            f"{where}: '{reference.attribute}' names '{name}', outside the deck's folder",
            expected="files inside the deck's folder, named by relative paths",
            found=f'{reference.attribute}="{reference.name}"',
            hint="copy the file into the deck's folder and name it by a relative path",
        )


def _leaves(root: Path, name: str) -> bool:
    """Return whether the relative path `name` (or a link on it) leads out of `root`."""
    try:
        return not (root / name).resolve().is_relative_to(root)
    except (OSError, RuntimeError):
        return True


def _inputs_digest(root: Path, dot: DotSource) -> str:
    """Return the sha256 of the files inside `root` the DOT names, as found when it runs."""
    digest = hashlib.sha256()
    for reference in dot.file_references():
        target = root / reference.name
        if target.is_file():
            digest.update(reference.name.encode() + b"\0" + target.read_bytes())
    return digest.hexdigest()


def _embed_images(svg: bytes, root: Path) -> bytes:
    """Return Graphviz's SVG with every image it links to (a file in `root`) embedded as data.

    Inside a .pptx the SVG is a part of its own; a link to a file next to the deck breaks there.
    """
    inside = root.resolve()

    def embedded(match: re.Match[bytes]) -> bytes:
        name = html.unescape(match.group(2).decode("utf-8", "replace"))
        target = root / name
        if name.startswith("data:") or _leaves(inside, name) or not target.is_file():
            return match.group(0)
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        data = base64.b64encode(target.read_bytes())
        return match.group(1) + f"data:{kind};base64,".encode() + data + match.group(3)

    return _SVG_IMAGE.sub(embedded, svg)


def _render(job: _Job) -> tuple[DiagramAsset | None, list[Diagnostic]]:
    request = job.request
    problems: list[Diagnostic] = []
    try:
        layout_file, messages = job.output("json", _POINTS_PER_INCH)
        layout = job.seen.layouts.get(layout_file)
        if layout is None:
            layout = job.seen.layouts[layout_file] = parse_json_layout(layout_file.read_bytes())
        reported = {message.text for message in messages}
        # Drawn as native shapes, an unknown colour is reported once for Graphviz and the drawing.
        colours: set[str] | None = set() if request.spec.render != "picture" else None
        problems.extend(dot_warnings(request, messages, colours))
        too_large = _over_budget(request, layout.width, layout.height)
        if too_large is not None:
            return None, [too_large]
        picture = None
        if request.spec.render == "picture":
            svg, messages = job.output("svg", _POINTS_PER_INCH)
            problems.extend(dot_warnings(request, tuple(m for m in messages if m.text not in reported)))
            width_pt, height_pt = _svg_size(svg)
            # `size`, `ratio` and `rotate` change the drawing but not the layout: check it again.
            too_large = _over_budget(request, width_pt, height_pt)
            if too_large is not None:
                return None, [too_large]
            picture = VectorPicture(svg, width_pt, height_pt, job, smallest_text_pt(svg))
    except graphviz.DotFailure as failure:
        return None, [dot_error(request, failure)]
    alt = request.spec.alt if request.spec.alt is not None else _described(job.seen, layout, request.dot)
    decorative = request.spec.alt == ""
    return DiagramAsset(layout, alt, picture, decorative, frozenset(colours or ())), problems


def _svg_size(svg: Path) -> tuple[float, float]:
    """Return the size of Graphviz's SVG drawing in points.

    The view box holds it unrounded (`width` and `height` are whole points), which is what
    Graphviz multiplies by the dpi to size a PNG of the same drawing.
    """
    root = ElementTree.parse(svg).getroot()
    box = (root.get("viewBox") or "").split()
    if len(box) == 4:
        return float(box[2]), float(box[3])
    return _svg_length(root.get("width")), _svg_length(root.get("height"))


def _svg_length(value: str | None) -> float:
    match = _SVG_LENGTH.match(value or "")
    if match is None:
        raise ValueError(f"this is a bug in generator: Graphviz's SVG has no usable size ({value!r})")
    return float(match.group(1)) * _SVG_UNITS[match.group(2)]


def _over_budget(request: _Request, width_pt: float, height_pt: float) -> Diagnostic | None:
    """Return an error if the drawing, at 96 dpi, has more pixels than MAX_PIXELS."""
    scale = _SCREEN_DPI / _POINTS_PER_INCH
    width_px, height_px = round(width_pt * scale), round(height_pt * scale)
    if width_px * height_px <= MAX_PIXELS:
        return None
    return error(
        "diagram.too-large",
        request.pos,
        f"{request.dot_name} is too large to draw: {width_px:,} x {height_px:,} pixels at 96 dpi",
        expected=f"a drawing of at most {MAX_PIXELS:,} pixels at 96 dpi",
        found=f"{width_px * height_px:,} pixels",
        hint="remove large 'size', 'ratio', 'width' or 'height' settings from the DOT, or split the graph",
    )


def _described(seen: _Seen, layout: GraphLayout, dot: DotSource) -> str:
    """Return `_default_alt` of the layout and DOT, worked out once per pair."""
    key = (id(layout), id(dot))
    found = seen.descriptions.get(key)
    if found is None:
        found = seen.descriptions[key] = _default_alt(layout, dot)
    return found


def _default_alt(layout: GraphLayout, dot: DotSource) -> str:
    """Return alt text written from the graph: its label (or first comment), then its edges in words."""
    description = graph_alt.describe_graph(layout)
    comment = dot.first_comment() if layout.label is None else None
    if comment:
        return f"{comment.rstrip('.')}. {description}".strip()
    return description


def _messages_to_json(messages: tuple[graphviz.DotMessage, ...]) -> bytes:
    return json.dumps([[m.severity, m.text, m.line] for m in messages]).encode()


def _messages_from_json(data: bytes) -> tuple[graphviz.DotMessage, ...]:
    return tuple(graphviz.DotMessage(severity, text, line) for severity, text, line in json.loads(data))
