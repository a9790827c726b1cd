"""Pictures from image files: format and size checked with Pillow, SVG kept as vector with a PNG fallback."""

from __future__ import annotations

import io
import math
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

from PIL import Image, ImageOps, UnidentifiedImageError

from ..diagnostics import Diagnostic, SourcePos, error
from ..located import where
from ..model import ImageSpec
from ..paths import read_at_most, resolve_inside
from ..source import YamlPath
from ..validate import ValidDeck
from .cache import Cache, cache_key

MAX_IMAGE_BYTES = 20_000_000
"""The largest PNG, JPEG or GIF file accepted; every byte of it goes into the .pptx."""
MAX_SVG_BYTES = 2_000_000
MAX_IMAGE_PIXELS = 50_000_000
"""The most pixels a raster image may have (a decompression bomb claims billions)."""
FALLBACK_PX = 2560
"""The longer side of an SVG's PNG fallback: a full-slide picture at twice 96 dpi."""
_NEUTRAL_FALLBACK_PX = 320
_NEUTRAL_GREY = (229, 231, 235)

# The format Pillow finds in a file, by the suffix that promises it.
_SUFFIX_FORMATS = {".png": ("PNG",), ".jpg": ("JPEG", "MPO"), ".jpeg": ("JPEG", "MPO"), ".gif": ("GIF",)}
_SUFFIXES = (*_SUFFIX_FORMATS, ".svg")
_MAGIC = ((b"\x89PNG\r\n\x1a\n", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"GIF8", "GIF"))
# How to name a format in a message, and the suffix a file of that format should have.
_FORMATS = {
    "PNG": ("a PNG", ".png"),
    "JPEG": ("a JPEG", ".jpg"),
    "MPO": ("a JPEG", ".jpg"),
    "GIF": ("a GIF", ".gif"),
    "SVG": ("an SVG", ".svg"),
    "WEBP": ("a WebP", ".webp"),
    "BMP": ("a BMP", ".bmp"),
    "TIFF": ("a TIFF", ".tiff"),
    "ICO": ("an ICO", ".ico"),
}
_SVG_NAMESPACE = "{http://www.w3.org/2000/svg}"
_SVG_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(px|pt|pc|in|cm|mm)?\s*$")
_SVG_UNITS_PT = {None: 0.75, "px": 0.75, "pt": 1.0, "pc": 12.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4}
_EXIF_ORIENTATION = 0x0112


@dataclass(frozen=True)
class ImageAsset:
    """A picture ready to place: the raster to embed, its SVG if any, its shape and its alt text."""

    image: Path
    """The PNG, JPEG or GIF to embed; for an SVG, its PNG fallback for viewers without SVG."""
    svg: Path | None
    width: float
    """Natural width, in any unit shared with `height`: only the aspect ratio is used."""
    height: float
    alt: str
    """The deck's alt text; empty when it gives none (reported by check) or marks it decorative."""
    decorative: bool
    """The deck marks the picture decorative (`alt: ""`): screen readers skip it."""


@dataclass(frozen=True)
class _Reference:
    path: YamlPath
    """Where the slide's `image` key is."""
    spec: ImageSpec
    pos: SourcePos
    """Where the file name is written."""


def resolve_images(valid: ValidDeck, cache: Cache) -> tuple[dict[YamlPath, ImageAsset], list[Diagnostic]]:
    """Return every slide's image checked and ready to place, by the YAML path of its `image` key.

    Raster images are embedded as they are (a JPEG with an EXIF rotation is turned upright
    first); an SVG gets a PNG fallback drawn once into `cache`.
    """
    images: dict[YamlPath, ImageAsset] = {}
    problems: list[Diagnostic] = []
    for reference in _references(valid):
        found = _resolve(valid.root, reference, cache)
        if isinstance(found, Diagnostic):
            problems.append(found)
        else:
            images[reference.path] = found
    return images, problems


def _references(valid: ValidDeck) -> Iterator[_Reference]:
    for slide in valid.deck.slides:
        value = getattr(slide, "image", None)
        place = where(slide, "image")
        if isinstance(value, ImageSpec):
            yield _Reference(place.path, value, where(value, "file").pos)
        elif isinstance(value, str):
            yield _Reference(place.path, ImageSpec(file=value), place.pos)


def _resolve(root: Path, reference: _Reference, cache: Cache) -> ImageAsset | Diagnostic:
    name, pos = reference.spec.file, reference.pos
    target = resolve_inside(root, name, pos, "image", _SUFFIXES)
    if isinstance(target, Diagnostic):
        return target
    suffix = target.suffix.lower()
    limit = MAX_SVG_BYTES if suffix == ".svg" else MAX_IMAGE_BYTES
    data = read_at_most(target, limit)
    if isinstance(data, int):
        return error(
            "image.too-large",
            pos,
            f"the image '{name}' is {data:,} bytes, over the limit",
            expected=f"at most {limit:,} bytes",
            found=f"{data:,} bytes",
            hint="simplify the drawing, or export it as PNG"
            if suffix == ".svg"
            else "save it smaller: fewer pixels (2560 across fills a slide), or JPEG for photographs",
        )
    alt = reference.spec.alt
    if suffix == ".svg":
        return _svg(name, pos, data, target, cache, alt)
    return _raster(name, pos, data, target, suffix, cache, alt)


def _raster(
    name: str, pos: SourcePos, data: bytes, target: Path, suffix: str, cache: Cache, alt: str | None
) -> ImageAsset | Diagnostic:
    try:
        # Pillow warns above its own limit and refuses twice that; the lower cap below decides.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                real, width, height = image.format or "", image.width, image.height
                orientation = image.getexif().get(_EXIF_ORIENTATION, 1) if real in ("JPEG", "MPO") else 1
    except Image.DecompressionBombError as exc:
        claimed = re.search(r"\((\d+) pixels\)", str(exc))
        return _too_many_pixels(name, pos, f"{int(claimed.group(1)):,} pixels" if claimed else "billions of pixels")
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return _unreadable(name, pos, data, suffix)
    if real not in _SUFFIX_FORMATS[suffix]:
        return _mismatch(name, pos, real, suffix)
    if width * height > MAX_IMAGE_PIXELS:
        return _too_many_pixels(name, pos, f"{width:,} x {height:,} = {width * height:,} pixels")
    try:
        with Image.open(io.BytesIO(data)) as image:
            # verify() reads the whole file (checksums included); load() decodes every pixel, so
            # pixel data that is wrong under right checksums is found here, not by PowerPoint.
            image.verify()
        with warnings.catch_warnings(), Image.open(io.BytesIO(data)) as image:
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image.load()
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        return error(
            "image.unreadable",
            pos,
            f"the image '{name}' is damaged",
            expected=f"a complete {_FORMATS[real][0].split()[1]} file",
            found=f"a file that ends early, fails its checksums or whose pixels do not decode ({str(exc).lower()})",
            hint="export or download the image again",
        )
    if orientation != 1 or real == "MPO":
        # Viewers disagree on EXIF rotation (PowerPoint ignores it), and a camera's multi-picture
        # JPEG (MPO) is not a format PowerPoint stores: embed the first picture, upright, as JPEG.
        target = _upright(data, cache)
        if orientation in (5, 6, 7, 8):
            width, height = height, width
    return ImageAsset(target, None, float(width), float(height), alt or "", alt == "")


def _upright(data: bytes, cache: Cache) -> Path:
    key = cache_key(data, "upright-jpeg")
    found = cache.get(key, ".jpg")
    if found is not None:
        return found
    with Image.open(io.BytesIO(data)) as image:
        upright = ImageOps.exif_transpose(image)
        buffer = io.BytesIO()
        upright.convert("RGB").save(buffer, "JPEG", quality=95)
    return cache.put(key, ".jpg", buffer.getvalue())


def _svg(
    name: str, pos: SourcePos, data: bytes, target: Path, cache: Cache, alt: str | None
) -> ImageAsset | Diagnostic:
    if data.startswith(b"\x1f\x8b"):
        return error(
            "image.format",
            pos,
            f"the image '{name}' is a compressed SVG (.svgz)",
            expected="a plain SVG file",
            found="gzip-compressed data",
            hint="save it as plain SVG ('Plain SVG' or 'Optimized SVG' in Inkscape)",
        )
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        real = _pillow_format(data)
        if real is not None:
            return _mismatch(name, pos, real, ".svg")
        return error(
            "image.format",
            pos,
            f"the image '{name}' is not a valid SVG file: {exc}",
            expected="an SVG file (XML with an <svg> element)",
            found=f"XML that does not parse ({exc})",
            hint="open it in a browser or Inkscape and save it again as SVG",
        )
    if root.tag not in (f"{_SVG_NAMESPACE}svg", "svg"):
        return error(
            "image.format",
            pos,
            f"the image '{name}' is not an SVG file",
            expected="an SVG file (XML with an <svg> element)",
            found=f"XML whose first element is <{root.tag.rpartition('}')[2]}>",
            hint="name an SVG file, or export the picture as SVG",
        )
    size = _svg_size(root)
    if size is None:
        return error(
            "image.svg-size",
            pos,
            f"the SVG '{name}' has no size",
            expected="'width' and 'height', or a 'viewBox', on its <svg> element",
            found=f"width={root.get('width')!r}, height={root.get('height')!r}, viewBox={root.get('viewBox')!r}",
            hint='add a viewBox, e.g. viewBox="0 0 800 600", to the <svg> element',
        )
    width, height = size
    fallback = _fallback(data, width, height, cache)
    if isinstance(fallback, str):
        return error(
            "image.svg",
            pos,
            f"the SVG '{name}' cannot be drawn: {fallback}",
            expected="an SVG that a renderer can draw",
            found=fallback,
            hint="open it in a browser or Inkscape and save it again as plain SVG",
        )
    return ImageAsset(fallback, target, width, height, alt or "", alt == "")


def _svg_size(root: ElementTree.Element) -> tuple[float, float] | None:
    """Return the SVG's size in points from its width and height, else its view box; None if neither."""
    width, height = _svg_length(root.get("width")), _svg_length(root.get("height"))
    box = [float(part) for part in re.split(r"[\s,]+", (root.get("viewBox") or "").strip()) if _is_number(part)]
    # 1e400 reads as infinity, and 'nan' as a number: neither is a size.
    box = [value for value in box if math.isfinite(value)]
    if width is not None and height is not None and width > 0 and height > 0:
        return width, height
    if len(box) == 4 and box[2] > 0 and box[3] > 0:
        return box[2] * 0.75, box[3] * 0.75
    return None


def _svg_length(value: str | None) -> float | None:
    match = _SVG_LENGTH.match(value or "")
    length = float(match.group(1)) * _SVG_UNITS_PT[match.group(2)] if match else None
    return length if length is not None and math.isfinite(length) else None


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _fallback(svg: bytes, width: float, height: float, cache: Cache) -> Path | str:
    """Return a PNG of the SVG, FALLBACK_PX on its longer side, from `cache` or drawn by CairoSVG.

    Returns CairoSVG's complaint when it cannot draw the SVG. Without the Cairo library, the
    fallback is a plain grey panel of the same shape: viewers that show SVG never see it.
    """
    scale = FALLBACK_PX / max(width, height)
    size = (max(round(width * scale), 1), max(round(height * scale), 1))
    key = cache_key(svg, "svg-fallback", f"{size[0]}x{size[1]}")
    found = cache.get(key, ".png")
    if found is not None:
        return found
    try:
        # Imported here: loading the Cairo library is slow and may fail, and only SVG images need it.
        import cairosvg
    except OSError:
        return cache.put(key, ".png", _neutral_png(size))
    try:
        # unsafe=False: CairoSVG (2.7 and later) then fetches data: URIs only, never a file or URL
        # an <image> or <use> names, and refuses XML entities (tests/test_containment.py).
        png = cairosvg.svg2png(bytestring=svg, output_width=size[0], output_height=size[1], unsafe=False)
    except Exception as exc:  # CairoSVG raises many kinds of exception for a drawing it cannot draw
        return str(exc) or type(exc).__name__
    if not isinstance(png, bytes):
        raise TypeError("this is a bug in generator: CairoSVG returned no PNG")
    return cache.put(key, ".png", png)


def _neutral_png(size: tuple[int, int]) -> bytes:
    scale = min(1.0, _NEUTRAL_FALLBACK_PX / max(size))
    small = (max(round(size[0] * scale), 1), max(round(size[1] * scale), 1))
    buffer = io.BytesIO()
    Image.new("RGB", small, _NEUTRAL_GREY).save(buffer, "PNG")
    return buffer.getvalue()


def _pillow_format(data: bytes) -> str | None:
    """Return the format Pillow recognises in `data` ('PNG', 'JPEG', ...), or None."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                return image.format
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None


def _looks_like_svg(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<svg", b"<?xml")) and b"<svg" in data[:4096].lower()


def _unreadable(name: str, pos: SourcePos, data: bytes, suffix: str) -> Diagnostic:
    if _looks_like_svg(data):
        return _mismatch(name, pos, "SVG", suffix)
    expected = _FORMATS[_SUFFIX_FORMATS[suffix][0]][0]
    begun = next((real for magic, real in _MAGIC if data.startswith(magic)), None)
    if begun is not None:
        # The file starts as a picture but Pillow cannot read its header: it ends early.
        return error(
            "image.unreadable",
            pos,
            f"the image '{name}' is damaged",
            expected=f"a complete {_FORMATS[begun][0].split()[1]} file",
            found=f"{_FORMATS[begun][0]} file that ends early or is damaged ({len(data):,} bytes)",
            hint="export or download the image again",
        )
    return error(
        "image.format",
        pos,
        f"the image '{name}' is not {expected} file",
        expected=f"{expected} file, as its name says",
        found="a file that is not a PNG, JPEG, GIF or SVG image",
        hint="export the picture again as PNG (drawings, screenshots) or JPEG (photographs)",
    )


def _mismatch(name: str, pos: SourcePos, real: str, suffix: str) -> Diagnostic:
    described, real_suffix = _FORMATS.get(real, (f"a {real}", f".{real.lower()}"))
    promised = "an SVG" if suffix == ".svg" else _FORMATS[_SUFFIX_FORMATS[suffix][0]][0]
    stem = str(PurePosixPath(name).with_suffix(""))
    usable = real_suffix in _SUFFIXES
    return error(
        "image.format",
        pos,
        f"the image '{name}' is {described} file, not {promised.removeprefix('a ').removeprefix('an ')}",
        expected=f"{promised} file, as its name says",
        found=f"{described} file",
        hint=f"rename it to '{stem}{real_suffix}'"
        if usable
        else "convert it to PNG (drawings, screenshots) or JPEG (photographs)",
    )


def _too_many_pixels(name: str, pos: SourcePos, found: str) -> Diagnostic:
    return error(
        "image.too-large",
        pos,
        f"the image '{name}' has too many pixels",
        expected=f"at most {MAX_IMAGE_PIXELS:,} pixels",
        found=found,
        hint="scale it down; 2560 pixels across fills a slide",
    )
