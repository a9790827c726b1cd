"""Body text in a template's placeholder takes the template's look; only what the deck asks for is written."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

from PIL import Image

from generator.colors import contrast

from .conftest import BuiltDeck
from .render import page_words, render_pdf, requires_soffice

TEMPLATES = Path(__file__).resolve().parent / "templates"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_DECK = """
title: T
theme:
  template: pandoc-reference.pptx
{theme}slides:
  - title: Points
    bullets:
{bullets}"""
_FEW = """      - Bodyword first point with `code`
      - A second point:
          - a child of it
"""


def _build(
    build_deck: Callable[..., BuiltDeck], *, theme: str = "", bullets: str = _FEW, template: bytes = b""
) -> BuiltDeck:
    data = template or (TEMPLATES / "pandoc-reference.pptx").read_bytes()
    return build_deck(_DECK.format(theme=theme, bullets=bullets), {"pandoc-reference.pptx": data})


def _body_runs(deck: BuiltDeck) -> list[tuple[str, dict[str, str], set[str]]]:
    """Return each run of slide 2's body placeholder: its text, rPr attributes and rPr children."""
    return _runs(deck, 1, "Content")


def _runs(deck: BuiltDeck, slide: int, name: str) -> list[tuple[str, dict[str, str], set[str]]]:
    """Return each run (or field) of the placeholder `name` on slide `slide` (0-based): its text,
    rPr attributes and rPr children."""
    shape = next(shape for shape in deck.pptx.slides[slide].placeholders if shape.name == name)
    runs = [run for run in shape.element.iter(f"{_A}r", f"{_A}fld")]
    return [
        (run.findtext(f"{_A}t") or "", dict(run.find(f"{_A}rPr").attrib), {child.tag for child in run.find(f"{_A}rPr")})
        for run in runs
    ]


def test_body_text_in_a_templates_placeholder_writes_no_font_size_or_colour(
    build_deck: Callable[..., BuiltDeck],
) -> None:
    deck = _build(build_deck)
    runs = _body_runs(deck)
    plain = [(attrs, tags) for text, attrs, tags in runs if text != "code"]
    assert plain and all("sz" not in attrs and not tags for attrs, tags in plain), plain
    # Inline code is the deck's formatting: its font is written.
    (code,) = [tags for text, _, tags in runs if text == "code"]
    assert code == {f"{_A}latin"}
    body = next(shape for shape in deck.pptx.slides[1].placeholders if shape.name == "Content")
    paragraphs = body.element.findall(f".//{_A}pPr")
    # Bullets, spacing and insets are the template's: the level only.
    assert [dict(p.attrib) for p in paragraphs] == [{}, {}, {"lvl": "1"}]
    assert all(len(p) == 0 for p in paragraphs)
    assert not {"lIns", "tIns", "anchor"} & set(body.element.find(f".//{_A}bodyPr").attrib)


def test_a_deck_that_sets_the_text_colour_or_font_has_them_written(build_deck: Callable[..., BuiltDeck]) -> None:
    deck = _build(build_deck, theme='  colors:\n    text: "#123456"\n  fonts:\n    body: Carlito\n')
    plain = [tags for text, _, tags in _body_runs(deck) if text != "code"]
    assert plain and all(tags == {f"{_A}solidFill", f"{_A}latin"} for tags in plain)


def test_text_that_must_shrink_has_every_size_written_from_the_templates(build_deck: Callable[..., BuiltDeck]) -> None:
    many = "".join(f"      - Point {n} with a few more words to fill the line\n" for n in range(9))
    deck = _build(build_deck, bullets=many)
    sizes = {attrs.get("sz") for _, attrs, _ in _body_runs(deck)}
    # The template sets 24 pt; the body shrank by whole steps from there.
    assert len(sizes) == 1 and int(next(iter(sizes)) or 0) in range(1800, 2400, 200), sizes
    assert any(d.code == "fit.shrunk" and "from 24 to" in d.message for d in deck.result.diagnostics)


def _restyled(old: str, new: str, style: str = "bodyStyle") -> bytes:
    """Return pandoc's reference template with `old` replaced by `new` in its master's `style`."""
    source = zipfile.ZipFile(TEMPLATES / "pandoc-reference.pptx")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "ppt/slideMasters/slideMaster1.xml":
                text = data.decode()
                start = text.index(f"<p:{style}>")
                end = text.index(f"</p:{style}>")
                body = text[start:end].replace(old, new)
                data = (text[:start] + body + text[end:]).encode()
            target.writestr(item, data)
    return out.getvalue()


def _ink(deck: BuiltDeck, tmp_path: Path, text: str) -> tuple[int, int, int]:
    """Return the colour slide 2 of `deck` renders the word `text` in: the pixel that stands
    out most from the white behind it."""
    rendered = render_pdf(deck.path, tmp_path)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "96", "-f", "2", "-l", "2", str(rendered.pdf), str(tmp_path / "p")], check=True
    )
    (_, _), words = page_words(rendered.pdf, 2)
    word = next(word for word in words if word.text == text)
    scale = 96 / 72
    page = Image.open(next(tmp_path.glob("p-*.png"))).convert("RGB")
    crop = page.crop((int(word.left * scale), int(word.top * scale), int(word.right * scale), int(word.bottom * scale)))
    colours = crop.getcolors(crop.width * crop.height) or []
    return max(
        (pixel for _, pixel in colours), key=lambda pixel: contrast("{:02X}{:02X}{:02X}".format(*pixel), "FFFFFF")
    )


@requires_soffice
def test_body_text_renders_in_the_templates_colour(build_deck: Callable[..., BuiltDeck], tmp_path: Path) -> None:
    deck = _build(build_deck, template=_restyled('<a:schemeClr val="tx1"/>', '<a:srgbClr val="8B1A1A"/>'))
    assert all(not tags for text, _, tags in _body_runs(deck) if text != "code")
    ink = _ink(deck, tmp_path, "Bodyword")
    assert all(abs(got - want) <= 24 for got, want in zip(ink, (0x8B, 0x1A, 0x1A), strict=True)), ink


def test_a_body_font_of_the_templates_without_metrics_is_named(build_deck: Callable[..., BuiltDeck]) -> None:
    deck = _build(build_deck, template=_restyled('<a:latin typeface="+mn-lt"/>', '<a:latin typeface="Constantia"/>'))
    found = [d.message for d in deck.result.diagnostics if d.code == "theme.font"]
    assert found == ["the body font 'Constantia' has no metrics here; text was measured in DejaVuSerif.ttf"]


_DRESSED = """
title: Titleword deck
subtitle: A subtitle
date: "2026"
footer: Footword
slide_numbers: true
theme:
  template: pandoc-reference.pptx
{theme}slides:
  - title: {title}
    bullets:
      - one point
"""


def _untinted() -> bytes:
    """Return pandoc's reference template without its tints: its footer, number and subtitle in
    plain theme colours, which lecturedeck plans as they show."""
    source = zipfile.ZipFile(TEMPLATES / "pandoc-reference.pptx")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith(("ppt/slideMasters/", "ppt/slideLayouts/")):
                data = re.sub(rb'(<a:schemeClr val="\w+")><a:tint val="\d+"/></a:schemeClr>', rb"\1/>", data)
            target.writestr(item, data)
    return out.getvalue()


def _dressed(
    build_deck: Callable[..., BuiltDeck], *, theme: str = "", title: str = "Titleword", template: bytes = b""
) -> BuiltDeck:
    return build_deck(_DRESSED.format(theme=theme, title=title), {"pandoc-reference.pptx": template or _untinted()})


def test_titles_subtitles_and_footers_in_a_templates_placeholders_write_no_font_size_or_colour(
    build_deck: Callable[..., BuiltDeck],
) -> None:
    deck = _dressed(build_deck)
    for slide, name in ((0, "Title"), (0, "Subtitle"), (1, "Title"), (1, "Footer"), (1, "Date"), (1, "Slide Number")):
        # The byline under the subtitle keeps lecturedeck's smaller size, written (its only property).
        runs = [run for run in _runs(deck, slide, name) if run[0] != "2026" or name == "Date"]
        assert runs and all("sz" not in attrs and "b" not in attrs and not tags for _, attrs, tags in runs), (
            slide,
            name,
            runs,
        )
        if name == "Subtitle":
            ((_, attrs, tags),) = [run for run in _runs(deck, slide, name) if run[0] == "2026"]
            assert set(attrs) == {"sz", "lang", "cap"} and not tags, attrs
        # The template's alignment, insets and anchor.
        shape = next(shape for shape in deck.pptx.slides[slide].placeholders if shape.name == name)
        assert not {"algn"} & set(shape.element.find(f".//{_A}pPr").attrib), (slide, name)
        assert not {"lIns", "tIns", "anchor"} & set(shape.element.find(f".//{_A}bodyPr").attrib), (slide, name)


def test_a_deck_that_sets_its_fonts_has_them_written_on_titles_and_footers(
    build_deck: Callable[..., BuiltDeck],
) -> None:
    deck = _dressed(build_deck, theme="  fonts:\n    heading: Carlito\n    body: Caladea\n")
    for name in ("Title", "Footer", "Slide Number"):
        faces = {
            face.get("typeface")
            for shape in deck.pptx.slides[1].placeholders
            if shape.name == name
            for face in shape.element.iter(f"{_A}latin")
        }
        assert faces == {"Carlito" if name == "Title" else "Caladea"}, (name, faces)


def test_a_title_that_must_shrink_has_only_its_size_written(build_deck: Callable[..., BuiltDeck]) -> None:
    long = " ".join(["Titleword"] * 5)
    deck = _dressed(build_deck, title=long)
    runs = _runs(deck, 1, "Title")
    # pandoc's template sets titles at 33 pt (its master's title style); the title shrank from there.
    assert len(runs) == 1 and not runs[0][2] and int(runs[0][1]["sz"]) < 3300, runs
    assert any(d.code == "fit.shrunk" and "from 33 to" in d.message for d in deck.result.diagnostics)


@requires_soffice
def test_a_title_renders_in_the_templates_colour(build_deck: Callable[..., BuiltDeck], tmp_path: Path) -> None:
    template = _restyled('<a:schemeClr val="tx1"/>', '<a:srgbClr val="1A5E20"/>', "titleStyle")
    deck = _dressed(build_deck, template=template)
    assert all(not tags for _, _, tags in _runs(deck, 1, "Title"))
    ink = _ink(deck, tmp_path, "Titleword")
    assert all(abs(got - want) <= 24 for got, want in zip(ink, (0x1A, 0x5E, 0x20), strict=True)), ink


def test_a_tinted_template_colour_is_read_and_inherited(build_deck: Callable[..., BuiltDeck]) -> None:
    # pandoc's footer and number are its text colour tinted 75 %: PowerPoint's grey #898989.
    deck = _dressed(build_deck, template=(TEMPLATES / "pandoc-reference.pptx").read_bytes())
    for name in ("Footer", "Slide Number"):
        ((_, attrs, tags),) = _runs(deck, 1, name)
        assert "sz" not in attrs and not tags, (name, attrs, tags)
    contrast = [d for d in deck.result.diagnostics if d.code == "a11y.contrast"]
    assert {d.found for d in contrast} == {"#898989 on #FFFFFF (the master's background)"}


def test_a_built_in_slide_title_inherits_the_built_in_templates_title_style(
    build_deck: Callable[..., BuiltDeck],
) -> None:
    plain = build_deck("title: T\nslides:\n  - title: Titleword\n    bullets:\n      - one point\n")
    # The deck title on the title slide, and a slide's title.
    for slide in (0, 1):
        ((_, attrs, tags),) = _runs(plain, slide, "Title")
        assert not {"sz", "b"} & set(attrs) and not tags, (slide, attrs, tags)
    # A deck's own accent colours the built-in titles: the colour is written, nothing else.
    accented = build_deck(
        'title: T\ntheme:\n  colors:\n    accent: "#7A1F5C"\nslides:\n  - title: Titleword\n    bullets:\n      - one\n'
    )
    ((_, attrs, tags),) = _runs(accented, 1, "Title")
    assert not {"sz", "b"} & set(attrs) and tags == {f"{_A}solidFill"}, (attrs, tags)
