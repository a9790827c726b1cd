"""Accessibility checks on the planned deck: alt text, titles, contrast, text size."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import assert_never

from ..colors import LARGE_BOLD_PT, LARGE_PT, MIN_LARGE_CONTRAST, contrast, least_contrast
from ..diagnostics import Diagnostic, SourcePos, warning
from ..geometry import Box
from ..plan import Diagram, Listing, Picture, Presentation, Role, Rule, SlidePlan, Table, TextBox
from .inked import inked

Behind = Callable[[str, Box, int | None], list[tuple[str, str, bool]]]
"""What is behind a box (in the placeholder at a position, if any) on a slide of a layout:
(colour, the layer it comes from, a picture?), the most covering first (theme.Theme.behind)."""

MIN_BODY_PT = 18.0
"""Smallest body text on a content slide that reads from the back of a room."""
MIN_CODE_PT = 14.0
"""Smallest code in a listing: code is read line by line with the presenter, and a function of
twenty lines does not fit a slide at 18 pt."""

_CHROME_NAMES = {
    "Footer": ("the footer", "footer"),
    "Date": ("the date", "date"),
    "Slide Number": ("the slide number", "slide_numbers"),
}
"""The text boxes of the chrome a template's Header & Footer places (not the title slide's source
line): what a warning calls each, and the deck's key that puts it there."""


@dataclass(frozen=True)
class _LowContrast:
    """Text that reads below the contrast WCAG asks of its size: the same finding on several
    slides (a footer on the template's art) is one warning that lists them."""

    what: str
    """'text', 'code', or the footer, date or slide number it is."""
    pos: SourcePos
    ratio: float
    least: float
    found: str
    hint: str

    def warning(self, numbers: list[int]) -> Diagnostic:
        large = (
            f" (large text: {LARGE_PT:g} pt and over, or {LARGE_BOLD_PT:g} pt bold)"
            if self.least == MIN_LARGE_CONTRAST
            else ""
        )
        return warning(
            "a11y.contrast",
            self.pos,
            f"{self.what} on {_slides(numbers)} has a contrast of {_ratio(self.ratio, self.least)}:1",
            expected=f"at least {self.least:g}:1 between text and background{large}",
            found=self.found,
            hint=self.hint,
        )


def _ratio(ratio: float, least: float) -> str:
    """Return `ratio` to one decimal, or two where one would round it up to the `least` it misses."""
    return f"{ratio:.1f}" if round(ratio, 1) < least else f"{ratio:.2f}"


def _slides(numbers: list[int]) -> str:
    """Return "slide 3" or "slides 2–4, 6" for the slide `numbers`, in order."""
    if len(numbers) == 1:
        return f"slide {numbers[0]}"
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    parts = [str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs]
    return "slides " + ", ".join(parts)


def check_accessibility(plan: Presentation, behind: Behind | None = None) -> list[Diagnostic]:
    """Return a warning for each accessibility problem in the planned deck.

    Text on a slide that shows its template's own background is checked against each colour
    `behind` finds under its box: backgrounds, pictures and filled shapes of layout and master.
    """
    problems: list[Diagnostic | _LowContrast] = []
    slides_of: dict[_LowContrast, list[int]] = {}
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
        for problem in _slide_problems(slide, number, None if slide.paint_background else behind):
            if isinstance(problem, _LowContrast):
                if problem not in slides_of:
                    problems.append(problem)
                slides_of.setdefault(problem, []).append(number)
            else:
                problems.append(problem)
    return [p.warning(slides_of[p]) if isinstance(p, _LowContrast) else p for p in problems]


def _slide_problems(slide: SlidePlan, number: int, behind: Behind | None) -> Iterator[Diagnostic | _LowContrast]:
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
                layers = behind(slide.layout_name, inked(shape), shape.placeholder) if behind and not shape.fill else []
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


def _text_problems(
    box: TextBox, under: list[tuple[str, str, bool]], number: int, *, content: bool
) -> Iterator[Diagnostic | _LowContrast]:
    for paragraph in box.paragraphs:
        style = paragraph.style
        bold = style.bold or (bool(paragraph.runs) and all(run.bold for run in paragraph.runs))
        least = least_contrast(style.size.pt, bold=bold)
        # A link is drawn in its own colour: it must read too.
        inks = {style.color} | ({style.link_color} if any(run.link for run in paragraph.runs) else set())
        ratio, ink, color, source, picture = min(
            ((contrast(ink, color), ink, color, source, picture) for color, source, picture in under for ink in inks),
            default=(21.0, "", "", "", False),
        )
        if ratio < least:
            chrome = _CHROME_NAMES.get(box.name) if box.role is Role.CHROME else None
            # Text that lies partly on the template's art (on the background between its shapes,
            # say) is moved off the art, whichever of the two it reads worst on.
            art = next(((s, p) for _, s, p in under if p or s.startswith("a shape")), (source, picture))
            hinted = art if source and not (picture or source.startswith("a shape")) else (source, picture)
            yield _LowContrast(
                chrome[0] if chrome else "text",
                box.pos,
                ratio,
                least,
                f"#{ink} on #{color}" + (f" ({source})" if source else ""),
                _contrast_hint(
                    *hinted, key=chrome[1] if chrome else None, templates_color="color" in paragraph.inherited
                ),
            )
            return
        if content and box.role in (Role.BODY, Role.TEXT) and style.size.pt < MIN_BODY_PT:
            yield warning(
                "a11y.font-size",
                box.pos,
                f"text on slide {number} is {style.size.pt:g} pt",
                expected=f"body text of at least {MIN_BODY_PT:g} pt",
                found=f"{style.size.pt:g} pt",
                hint="shorten the text or split the slide so it can be set larger",
            )
            return


def _contrast_hint(source: str, picture: bool, *, key: str | None, templates_color: bool) -> str:
    """Return how to fix text on `source`: a template's art is moved away from, not recoloured,
    and a colour the template itself sets is changed in the template. `key`: the deck's key that
    puts a footer, date or slide number there."""
    if templates_color and not source.startswith("a shape") and not picture:
        if key:
            return (
                "the template sets this colour on its footer, date or slide number placeholder: change it"
                f" in the template's slide master, or leave out '{key}:'"
            )
        return "the template sets this text colour on its placeholder: change it in the template's slide master"
    if source and key and source.endswith("of the master"):
        # Every layout that shows the master's art has it under the same placeholder.
        return (
            "the template puts its footer, date or slide number on its master's art: move that placeholder"
            f" off the art in the template's slide master, choose a layout that hides the master's art, or"
            f" leave out '{key}:'"
        )
    if source and key:
        return (
            "the template puts its footer, date or slide number there: choose another layout for the slide,"
            f" or leave out '{key}:'"
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


def _code_problems(listing: Listing, number: int) -> Iterator[Diagnostic | _LowContrast]:
    least = least_contrast(listing.size.pt, bold=False)
    for color in sorted({run.color for line in listing.lines for run in line}):
        ratio = contrast(color, listing.fill)
        if ratio < least:
            found = f"#{color} on #{listing.fill}"
            yield _LowContrast("code", listing.pos, ratio, least, found, "choose darker code colours in the theme")
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
