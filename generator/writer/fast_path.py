"""Every use of python-pptx's and zipfile's private internals: the fast path, each trick beside its stock equivalent."""

# python-pptx (`>=1.0.2,<2`) and zipfile are used here beyond their public API, each time to make
# a linear search or a slow serialization constant or cheap. Every trick is marked "Trick:" with
# why it is here and "Stock:" with the public call it replaces; `stock_path` does the same
# operations through those public calls alone, and tests/test_fast_path.py writes the test
# corpus through both and compares every part. A python-pptx or Python release that changes an
# internal fails that test, not a user's deck.

from __future__ import annotations

import functools
import itertools
import os
import posixpath
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from copy import deepcopy
from typing import TYPE_CHECKING, Protocol

from lxml.etree import Element, SubElement, tostring
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.oxml import serialize_part_xml
from pptx.opc.package import Part, XmlPart, _Relationship
from pptx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI, PackURI
from pptx.opc.serialized import _ContentTypesItem
from pptx.oxml.text import CT_RegularTextRun
from pptx.parts.image import Image, ImagePart
from pptx.parts.slide import NotesSlidePart, SlidePart
from pptx.text.text import TextFrame

from ..ooxml import NAMESPACES

if TYPE_CHECKING:
    from pathlib import Path

    from pptx.oxml.xmlchemy import BaseOxmlElement
    from pptx.presentation import Presentation as PptxPresentation
    from pptx.shapes.base import BaseShape
    from pptx.slide import Slide, SlideLayout

    from .diagram_shapes import DrawnDiagram

_SVG_CONTENT_TYPE = "image/svg+xml"
_IMAGE_PREFIX = "/ppt/media/image"


class Appender(Protocol):
    """What the writer asks of the deck it appends to, fast (`FastAppender`) or stock (`stock_path.StockAppender`)."""

    diagrams: dict[int, DrawnDiagram]
    """The native diagrams drawn so far (see `diagram_shapes.add_native_diagram`)."""

    def add_slide(self, layout: SlideLayout) -> Slide:
        """Return a new last slide based on `layout`, as python-pptx's `Slides.add_slide` makes it."""
        ...

    def placeholders(self, slide: Slide) -> list[BaseShape]:
        """Return the placeholders of the slide just added, in the layout's order (the planner's positions).

        `slide.placeholders` would sort them by their `idx` instead.
        """
        ...

    def notes_frame(self, slide: Slide) -> TextFrame:
        """Return the text frame of the slide's new notes page, as `slide.notes_slide.notes_text_frame`."""
        ...

    def finish(self, slide: Slide) -> None:
        """Say that nothing will change `slide` (or its notes page) any more."""
        ...

    def svg_part(self, svg: bytes) -> Part:
        """Return the package's part holding `svg`, created as /ppt/media/imageN.svg if new."""
        ...

    def entries(self) -> list[PackageEntry]:
        """Return the zip entries python-pptx's `save` writes for the deck, in its order."""
        ...


class FastAppender:
    """Appends slides, notes pages and pictures to `deck`, keeping what python-pptx searches the deck for.

    python-pptx does its bookkeeping by searching the whole deck on every addition: a new slide's
    id is one more than the largest id it reads, the slide is related after listing every
    relationship of the presentation, a notes page or an image is named after walking every part
    of the package, and an image already embedded is found by walking every relationship. Each
    search is linear, so a deck of n slides took O(n²): at 3,000 slides, most of the build. The
    writer only ever appends, so each answer follows from the one before. This class is the one
    place that replaces those searches (for this deck only: it sets the package's methods on the
    instance); every id and name is the one python-pptx would have chosen, so the bytes written
    are the same.

    python-pptx also builds every new slide's placeholders, and every notes page, from the
    layout or notes master, one property at a time; the result is the same each time, so after
    the first of each it is copied. And it keeps every slide's XML tree until the deck is saved:
    `finish` turns a written slide into the bytes it saves, so a deck of thousands of slides
    does not hold thousands of trees.
    """

    def __init__(self, deck: PptxPresentation) -> None:
        self._presentation_part = deck.part
        self._package = package = deck.part.package
        self._deck = deck
        self._slide_ids = deck.slides.element
        self._slide_count = len(self._slide_ids)
        self._next_slide_id = max([255, *(int(slide_id.id) for slide_id in self._slide_ids)]) + 1
        self._taken: dict[str, set[str]] = {}
        self._image_numbers: set[int] | None = None
        self._first_free_image = 1
        self._images: dict[str, ImagePart] | None = None
        self._svgs: dict[bytes, Part] | None = None
        self._placeholders: dict[Part, list[BaseOxmlElement]] = {}
        self._kinds: dict[Part, list[type[BaseShape]]] = {}
        self._cloned: list[BaseOxmlElement] = []
        self._layout: Part | None = None
        self.diagrams: dict[int, DrawnDiagram] = {}
        """The native diagrams drawn so far (see `add_native_diagram`)."""
        self._notes: BaseOxmlElement | None = None
        self._notes_body = 0
        """Where the notes text body is in the notes page, counted over all its elements."""
        # Trick: the package's own methods replaced on this instance, as NotesSlidePart.new,
        # ImagePart.new and SlidePart.get_or_add_image_part ask the package. Why: each walks every
        # part. Stock: the methods python-pptx defines.
        package.next_partname = self._next_partname  # type: ignore[method-assign]
        package.next_image_partname = self._next_image_partname  # type: ignore[method-assign]
        package.get_or_add_image_part = self._get_or_add_image_part  # type: ignore[method-assign]

    def add_slide(self, layout: SlideLayout) -> Slide:
        """Return a new last slide based on `layout`, as python-pptx's `Slides.add_slide` makes it."""
        self._slide_count += 1
        partname = PackURI(f"/ppt/slides/slide{self._slide_count}.xml")
        slide_part = SlidePart.new(partname, self._package, layout.part)
        # Trick: a part made just now has no relationship to reuse, so one is added without
        # searching the others. Stock: `presentation_part.relate_to(slide_part, RT.SLIDE)`.
        relation = self._presentation_part._rels._add_relationship(RT.SLIDE, slide_part)
        slide = slide_part.slide
        tree = slide.shapes.element
        placeholders = self._placeholders.get(layout.part)
        if placeholders is None:
            slide.shapes.clone_layout_placeholders(layout)
            self._placeholders[layout.part] = [deepcopy(shape) for shape in tree.iter_shape_elms()]
            self._kinds[layout.part] = [type(shape) for shape in slide.shapes if shape.is_placeholder]
            self._cloned = list(tree.iter_shape_elms())
        else:
            self._cloned = [deepcopy(shape) for shape in placeholders]
            for shape in self._cloned:
                tree.append(shape)
        self._layout = layout.part
        # Trick: the slide's id counted on, not found by reading every id. Stock: `sldIdLst.add_sldId(rId)`.
        self._slide_ids._add_sldId(id=self._next_slide_id, rId=relation)
        self._next_slide_id += 1
        return slide

    def placeholders(self, slide: Slide) -> list[BaseShape]:
        """Return the placeholders of the slide just added, in the layout's order, as `slide.shapes` lists them.

        python-pptx works out each one's kind from its XML again; they are the layout's, in order.
        """
        assert self._layout is not None
        kinds = self._kinds[self._layout]
        return [kind(element, slide.placeholders) for kind, element in zip(kinds, self._cloned, strict=True)]

    def notes_frame(self, slide: Slide) -> TextFrame:
        """Return the text frame of the slide's new notes page, as `slide.notes_slide.notes_text_frame`."""
        if self._notes is None:
            notes = slide.notes_slide
            frame = notes.notes_text_frame
            if frame is None:
                raise ValueError("this is a bug in lecturedeck: the notes master has no body placeholder")
            self._notes = deepcopy(notes.element)
            self._notes_body = list(notes.element.iter()).index(text_body(frame))
            return frame
        slide_part = slide.part
        partname = self._next_partname("/ppt/notesSlides/notesSlide%d.xml")
        element = deepcopy(self._notes)
        notes_part = NotesSlidePart(partname, CT.PML_NOTES_SLIDE, self._package, element)
        notes_part.relate_to(self._package.presentation_part.notes_master_part, RT.NOTES_MASTER)
        notes_part.relate_to(slide_part, RT.SLIDE)
        slide_part.relate_to(notes_part, RT.NOTES_SLIDE)
        body = next(itertools.islice(element.iter(), self._notes_body, None))
        return TextFrame(body, slide.notes_slide)

    def finish(self, slide: Slide) -> None:
        """Keep the written `slide` (and its notes page) as the bytes the deck will save, and drop its XML tree.

        Nothing may change the slide afterwards.
        """
        slide_part = slide.part
        parts = [slide_part]
        if slide.has_notes_slide:
            parts.append(slide_part.part_related_by(RT.NOTES_SLIDE))
        # Trick: the part's cached proxies dropped, its class swapped for one that serves saved
        # bytes, and its private `_element` and `_blob` set. Why: a deck of thousands of slides
        # would hold thousands of XML trees until saved. Stock: the trees kept until `save`.
        for part in parts:
            assert isinstance(part, XmlPart)
            blob = part.blob
            # The cached `slide` and `notes_slide` objects hold the tree too, and their cached
            # shapes point back at them: a cycle that only the garbage collector would free.
            for owner in (part.__dict__.pop("slide", None), part.__dict__.pop("notes_slide", None)):
                if owner is not None:
                    owner.__dict__.pop("shapes", None)
                    owner.__dict__.pop("placeholders", None)
            part.__class__ = _FinishedPart
            part._element = None
            part._blob = zlib.compress(blob, 1)

    def svg_part(self, svg: bytes) -> Part:
        """Return the package's part holding `svg`, created as /ppt/media/imageN.svg if new.

        python-pptx lists a part of unknown extension as an Override in [Content_Types].xml.
        """
        if self._svgs is None:
            self._svgs = {p.blob: p for p in self._package.iter_parts() if p.content_type == _SVG_CONTENT_TYPE}
        part = self._svgs.get(svg)
        if part is None:
            part = self._svgs[svg] = Part(self._next_image_partname("svg"), _SVG_CONTENT_TYPE, self._package, svg)
        return part

    def entries(self) -> list[PackageEntry]:
        """Return the zip entries python-pptx's `save` writes for the deck (see `package_entries`)."""
        return package_entries(self._deck)

    def _next_partname(self, template: str) -> PackURI:
        """Return the next free part name of the form `template` (with one '%d'), as python-pptx does.

        python-pptx tries the names from (count of names taken + 1) down; with the names 1..k
        taken, that is k + 1 at the first try.
        """
        taken = self._taken.get(template)
        if taken is None:
            prefix = template[: (template % 42).find("42")]
            taken = self._taken[template] = {
                str(part.partname) for part in self._package.iter_parts() if part.partname.startswith(prefix)
            }
        for number in range(len(taken) + 1, 0, -1):
            name = template % number
            if name not in taken:
                taken.add(name)
                return PackURI(name)
        raise AssertionError("this is a bug in lecturedeck: no free part name")

    def _next_image_partname(self, ext: str) -> PackURI:
        """Return /ppt/media/imageN.`ext` with the smallest N not taken, as python-pptx does."""
        if self._image_numbers is None:
            self._image_numbers = {
                part.partname.idx
                for part in self._package.iter_parts()
                if part.partname.startswith(_IMAGE_PREFIX) and part.partname.idx is not None
            }
        # Numbers are only ever taken, so the smallest free one never goes down.
        while self._first_free_image in self._image_numbers:
            self._first_free_image += 1
        self._image_numbers.add(self._first_free_image)
        return PackURI(f"{_IMAGE_PREFIX}{self._first_free_image}.{ext}")

    def _get_or_add_image_part(self, image_file: str) -> ImagePart:
        """Return the part holding the image in `image_file`: the one with the same bytes, or a new one."""
        if self._images is None:
            # Trick: the package's private `_image_parts`, read once. Stock: python-pptx's own
            # `get_or_add_image_part`, which walks them for every picture.
            self._images = {part.sha1: part for part in self._package._image_parts if isinstance(part, ImagePart)}
        image = Image.from_file(image_file)
        part = self._images.get(image.sha1)
        if part is None:
            part = self._images[image.sha1] = ImagePart.new(self._package, image)
        return part


class _FinishedPart(XmlPart):
    """A part whose XML was written out: its bytes are kept (compressed, as they take less room) to be saved."""

    @property
    def blob(self) -> bytes:  # type: ignore[override]
        return zlib.decompress(self._blob or b"")


PackageEntry = tuple[str, Callable[[], bytes]]
"""A zip entry of a package: its name, and a function returning its bytes (called once per use)."""


def package_entries(deck: PptxPresentation) -> list[PackageEntry]:
    """Return the zip entries python-pptx's `save` writes for `deck`, in its order.

    `writer.finalize` reads each twice (for the digest, then to write it compressed), so
    the bytes are made when asked for: a finished slide is kept compressed until then, and the
    package is never written uncompressed or read back. The names, order and bytes are
    python-pptx's, but for the .rels files, which are serialized directly (the same bytes,
    without parsing a snippet per relationship).

    Trick: python-pptx's private `_ContentTypesItem` makes [Content_Types].xml, and the package's
    and parts' private `_rels` give the relationships. Stock: `Presentation.save`, read back.
    """
    package = deck.part.package
    parts = tuple(package.iter_parts())
    content_types = serialize_part_xml(_ContentTypesItem.xml_for(parts))
    package_rels = package._rels.xml
    entries: list[PackageEntry] = [
        (CONTENT_TYPES_URI.membername, functools.partial(_given, content_types)),
        (PACKAGE_URI.rels_uri.membername, functools.partial(_given, package_rels)),
    ]
    relative: dict[tuple[str, str], str] = {}
    for part in parts:
        entries.append((part.partname.membername, functools.partial(_blob, part)))
        if part._rels:
            # Small, and slow to make: made once for both reads.
            rels = _rels_xml(part, relative)
            entries.append((part.partname.rels_uri.membername, functools.partial(_given, rels)))
    return entries


def _blob(part: Part) -> bytes:
    return part.blob


def _given(data: bytes) -> bytes:
    return data


def _rels_xml(part: Part, relative: dict[tuple[str, str], str]) -> bytes:
    """Return the .rels file of `part` as python-pptx writes it (relationships in its order)."""
    base = part.partname.baseURI
    return _relationships_xml(
        [
            (rel.rId, rel.reltype, _target(rel, base, relative), rel.is_external)
            for _, rel in sorted(((_number(relation), relation), rel) for relation, rel in part._rels.items())
        ]
    )


def _number(relation: str) -> int:
    """Return the number of a relationship id ("rId7" → 7; 0 for any other form), python-pptx's sort key."""
    return int(relation[3:]) if relation.startswith("rId") and relation[3:].isdigit() else 0


def _target(rel: _Relationship, base: str, relative: dict[tuple[str, str], str]) -> str:
    """Return the relationship's target as written in the .rels file: its URL, or the target part's
    name relative to `base` (as python-pptx's `PackURI.relative_ref`, without `posixpath.relpath`).
    """
    if rel.is_external:
        return rel.target_ref
    partname = str(rel.target_partname)
    found = relative.get((partname, base))
    if found is None:
        if base == "/":
            found = partname[1:]
        else:
            start, path = [part for part in base.split("/") if part], [part for part in partname.split("/") if part]
            common = len(posixpath.commonprefix([start, path]))
            found = "/".join([".."] * (len(start) - common) + path[common:]) or "."
        relative[(partname, base)] = found
    return found


_RELATIONSHIPS_NS = NAMESPACES["rel"]
_RELATIONSHIP = f"{{{_RELATIONSHIPS_NS}}}Relationship"


def _relationships_xml(relationships: Sequence[tuple[str, str, str, bool]]) -> bytes:
    """Return the .rels file of `relationships` (id, type, target, external), in the given order.

    As python-pptx's `_Relationships.xml`, which builds each element by parsing a snippet
    (the stock path's `save` calls it).
    """
    root = Element(f"{{{_RELATIONSHIPS_NS}}}Relationships", nsmap={None: _RELATIONSHIPS_NS})
    for relation, kind, target, external in relationships:
        element = SubElement(root, _RELATIONSHIP, Id=relation, Type=kind, Target=target)
        if external:
            element.set("TargetMode", "External")
    return tostring(root, encoding="UTF-8", standalone=True)


def text_body(frame: TextFrame) -> BaseOxmlElement:
    """Return the `a:txBody` (or `p:txBody`) element of a text frame, to write its paragraphs as XML.

    Trick: the frame's private `_txBody`; python-pptx proxies it but gives it no public name.
    Stock: the same element is the frame's shape's `element.txBody`, or a table cell's `a:tc`'s.
    """
    return frame._txBody


def escape_text(text: str) -> str:
    """Return `text` with each control character but tab and line feed as PowerPoint's `_xHHHH_` escape.

    Trick: python-pptx's private `CT_RegularTextRun._escape_ctrl_chars`, as the runs are written
    as XML. Stock: the same function, called by python-pptx's `_Run.text` setter.
    """
    return CT_RegularTextRun._escape_ctrl_chars(text)


def write_deflated(path: Path, entries: Iterable[tuple[str, bytes]], when: tuple[int, ...]) -> None:
    """Write `entries` to a new zip at `path`, each deflated and dated `when`, as `ZipFile.writestr` would.

    The entries are compressed a batch at a time on every core (zlib works outside the
    interpreter lock), then written with the headers `writestr` gives them, so the bytes are
    the same.

    Trick: the archive's undocumented `fp`, `start_dir`, `filelist`, `NameToInfo`, private
    `_didModify` and `ZipInfo.FileHeader`. Stock: `ZipFile.writestr` of each entry
    (`stock_path.write_deflated`), compressing one entry at a time on one core.
    """
    workers = os.cpu_count() or 1
    with ThreadPoolExecutor(max_workers=workers) as pool, zipfile.ZipFile(path, "w") as archive:
        assert archive.fp is not None
        for chunk in _batched(entries, 256):
            # One task per worker and batch: a task per entry cost more than many entries' compression.
            share = -(-len(chunk) // workers)
            parts = [[data for _, data in chunk[start : start + share]] for start in range(0, len(chunk), share)]
            deflated = itertools.chain.from_iterable(pool.map(_deflate_all, parts))
            for (name, data), compressed in zip(chunk, deflated, strict=True):
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


def _deflate_all(datas: list[bytes]) -> list[bytes]:
    return [_deflate(data) for data in datas]


def _deflate(data: bytes) -> bytes:
    """Return `data` deflated as `ZipFile.writestr` does it (raw stream, default level)."""
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def _batched(items: Iterable[tuple[str, bytes]], size: int) -> Iterator[tuple[tuple[str, bytes], ...]]:
    """Yield `items` in tuples of `size`, the last maybe shorter (`itertools.batched` of Python 3.12)."""
    iterator = iter(items)
    while chunk := tuple(itertools.islice(iterator, size)):
        yield chunk
