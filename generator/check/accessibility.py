"""Accessibility checks on the planned deck: alt text, titles, contrast, text size."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import assert_never

from ..colors import MIN_CONTRAST, contrast
from ..diagnostics import Diagnostic, warning
from ..geometry import Box
from ..plan import Align, Diagram, Listing, Picture, Presentation, Role, Rule, SlidePlan, Table, TextBox
from ..textfit import shown_text, text_width_pt
from ..units import EMU_PER_PT, Emu

Behind = Callable[[str, Box], list[tuple[str, str, bool]]]
"""What is behind a box on a slide of a layout: (colour, the layer it comes from, a picture?),
the most covering first (theme.Theme.behind)."""

MIN_BODY_PT = 18.0
"""Smallest body text on a content slide that reads from the back of a room."""
MIN_CODE_PT = 14.0
"""Smallest code in a listing: code is read line by line with the presenter, and a function of
twenty lines does not fit a slide at 18 pt."""


def check_accessibility(plan: Presentation, behind: Behind | None = None) -> list[Diagnostic]:
    """Return a warning for each accessibility problem in the planned deck.

    Text on a slide that shows its template's own background is checked against each colour
    `behind` finds under its box: backgrounds, pictures and filled shapes of layout and master.
    """
    problems: list[Diagnostic] = []
    seen: dict[str, int] = {}
    for number, slide in enumerate(plan.slides, start=1):
        key = " ".join(slide.title.split()).casefold()
        if not key:
            problems.append(
                warning(
                    "structure.titles",
                    slide.pos,
                    f"slide {number} has no title",
                    expected="a title on every slide",
                    found="an empty title",
                    hint="give the slide a title; screen readers announce slides by it",
                )
            )
        elif key in seen:
            problems.append(
                warning(
                    "structure.titles",
                    slide.pos,
                    f"slide {number} has the same title as slide {seen[key]}",
                    expected="a different title on every slide",
                    found=f"'{slide.title}' twice",
                    hint="make the titles distinct (e.g. add 'continued' or what differs)",
                )
            )
        else:
            seen[key] = number
        problems.extend(_slide_problems(slide, number, None if slide.paint_background else behind))
    return problems


def _slide_problems(slide: SlidePlan, number: int, behind: Behind | None) -> Iterator[Diagnostic]:
    background = slide.background
    for shape in slide.shapes:
        match shape:
            case Picture() | Diagram() if not shape.decorative and not shape.alt.strip():
                yield warning(
                    "a11y.alt-text",
                    shape.pos,
                    f"the picture on slide {number} has no alternative text",
                    expected="'alt:' saying what the picture shows",
                    found="no alt text",
                    hint="write the image as 'image: {file: ..., alt: ...}' (alt: \"\" marks it decorative)"
                    if isinstance(shape, Picture) and shape.name == "Picture"
                    else "add 'alt: ...' (or alt: \"\" to mark it decorative)",
                )
            case TextBox():
                layers = behind(slide.layout_name, _inked(shape)) if behind and not shape.fill else []
                # A picture whose colours cannot be read (a vector EMF) is not guessed at.
                under = [layer for layer in layers if layer[0]] or [(shape.fill or background, "", False)]
                if any(not layer[0] for layer in layers):
                    under = []
                yield from _text_problems(shape, under, number, content=slide.content)
            case Table():
                cells = (
                    TextBox(shape.box, (cell.paragraph,), Role.TEXT, shape.pos, fill=cell.fill)
                    for row in shape.rows
                    for cell in row
                )
                # One warning per table at most: its cells share the few styles of header and bands.
                found = next(
                    (
                        p
                        for box in cells
                        for p in _text_problems(box, [(box.fill or background, "", False)], number, content=True)
                    ),
                    None,
                )
                if found is not None:
                    yield found
            case Listing():
                yield from _code_problems(shape, number)
            case Picture() | Diagram() | Rule():
                pass  # described, decorative, or a plain bar: nothing to check
            case _:
                assert_never(shape)


def _inked(box: TextBox) -> Box:
    """Return the part of `box` its text is drawn on, for the one short line of a footer or slide
    number: right-aligned or centred, it covers only its own width, and a template's art beside it
    is not behind it. Any other text is taken to cover its whole box."""
    if box.role is not Role.CHROME or len(box.paragraphs) != 1:
        return box.box
    paragraph = box.paragraphs[0]
    style = paragraph.style
    points = sum(
        text_width_pt(shown_text(run), style.code_font if run.code else style.font, style.size.pt, bold=run.bold)
        for run in paragraph.runs
    )
    width = Emu(round(points * EMU_PER_PT))
    room = box.box.width - 2 * box.padding_x
    if "\n" in "".join(run.text for run in paragraph.runs) or width >= room:
        return box.box
    start = {Align.RIGHT: room - width, Align.CENTER: (room - width) // 2}.get(paragraph.align, 0)
    return replace(box.box, left=Emu(box.box.left + box.padding_x + start), width=width)


def _text_problems(
    box: TextBox, under: list[tuple[str, str, bool]], number: int, *, content: bool
) -> Iterator[Diagnostic]:
    for paragraph in box.paragraphs:
        ratio, color, source, picture = min(
            ((contrast(paragraph.style.color, color), color, source, picture) for color, source, picture in under),
            default=(21.0, "", "", False),
        )
        if ratio < MIN_CONTRAST:
            yield warning(
                "a11y.contrast",
                box.pos,
                f"text on slide {number} has a contrast of {ratio:.1f}:1",
                expected=f"at least {MIN_CONTRAST}:1 between text and background",
                found=f"#{paragraph.style.color} on #{color}" + (f" ({source})" if source else ""),
                hint=_contrast_hint(source, picture, chrome=box.role is Role.CHROME),
            )
            return
        if content and box.role in (Role.BODY, Role.TEXT) and paragraph.style.size.pt < MIN_BODY_PT:
            yield warning(
                "a11y.font-size",
                box.pos,
                f"text on slide {number} is {paragraph.style.size.pt:g} pt",
                expected=f"body text of at least {MIN_BODY_PT:g} pt",
                found=f"{paragraph.style.size.pt:g} pt",
                hint="shorten the text or split the slide so it can be set larger",
            )
            return


def _contrast_hint(source: str, picture: bool, *, chrome: bool) -> str:
    """Return how to fix text on `source`: a template's art is moved away from, not recoloured."""
    if source and chrome:
        return (
            "the template puts its footer or slide number there: choose another layout for the slide,"
            " or leave out 'footer:' or 'slide_numbers:'"
        )
    if picture:
        return (
            "the template's picture lies under the text: choose a layout without it under 'theme: layouts:'"
            " or the slide's 'layout:' ('lecturedeck inspect' on the template lists them)"
        )
    if source.startswith("a shape"):
        return (
            "the template's art lies under the text: choose a layout whose content area is clear of it,"
            " under 'theme: layouts:' or the slide's 'layout:'"
        )
    if source:
        return f"choose a text colour under 'theme: colors:' that reads on {source}"
    return "choose a darker text colour or a lighter background under 'theme: colors:'"


def _code_problems(listing: Listing, number: int) -> Iterator[Diagnostic]:
    for color in sorted({run.color for line in listing.lines for run in line}):
        ratio = contrast(color, listing.fill)
        if ratio < MIN_CONTRAST:
            yield warning(
                "a11y.contrast",
                listing.pos,
                f"code on slide {number} has a contrast of {ratio:.1f}:1",
                expected=f"at least {MIN_CONTRAST}:1 between text and background",
                found=f"#{color} on #{listing.fill}",
                hint="choose darker code colours in the theme",
            )
            break
    if listing.size.pt < MIN_CODE_PT:
        yield warning(
            "a11y.font-size",
            listing.pos,
            f"code on slide {number} is {listing.size.pt:g} pt",
            expected=f"code of at least {MIN_CODE_PT:g} pt",
            found=f"{listing.size.pt:g} pt",
            hint="show fewer lines, or split the listing over two slides",
        )
