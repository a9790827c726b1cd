"""Draft slides measured as the build measures them, and split where their content does not fit."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from ..assets import resolve
from ..assets.cache import Cache
from ..diagnostics import DeckError, Diagnostic, SourcePos, warning
from ..inline import parse_inline
from ..math_check import math_problems
from ..mathml import MathError, equation
from ..planner import plan_deck
from ..source import parse
from ..theme import load_theme
from ..validate import validate
from .emit import Written, write_deck
from .markdown import CodeBlock, Item, TableBlock
from .pictures import Picture
from .slides import Draft

_ROUNDS = 8
"""Each round halves what overflows; eight rounds split a slide into up to 256."""
_SHORT_CODE = 12
"""Code this short that overflows is too wide, not too long: splitting it would not help."""


def fit_drafts(title: str, drafts: list[Draft], deck: Path, lesson: Path) -> tuple[list[Draft], list[Diagnostic]]:
    """Return the drafts with every slide whose content overflows split in two until it fits.

    The candidate deck is validated, its pictures and code read and every slide planned exactly as
    `lecturedeck build` would; a code language Pygments does not know becomes `text`, and a
    picture the build refuses goes to the notes, each with a warning. Any other error is raised
    as DeckError (the importer wrote something the deck format refuses).
    """
    problems: list[Diagnostic] = []
    for _ in range(_ROUNDS):
        written = write_deck(title, drafts, schema="", lesson_name=lesson.name)
        found = _measure(written, deck)
        by_slide = _by_slide(found, written)
        repaired = False
        for index, diagnostics in sorted(by_slide.items()):
            for diagnostic in (d for d in diagnostics if d.is_error):
                fixed = _repair(drafts[index], diagnostic, lesson)
                if fixed is None:
                    raise DeckError([diagnostic])
                problems.append(fixed)
                repaired = True
        if repaired:
            continue
        overflowing = {i for i, ds in by_slide.items() if any(d.code == "overflow.text" for d in ds)}
        split = False
        for index in sorted(overflowing, reverse=True):
            halves = split_draft(drafts[index])
            if len(halves) > 1:
                drafts[index : index + 1] = halves
                split = True
        if not split:
            break
    return drafts, problems


def _measure(written: Written, deck: Path) -> list[Diagnostic]:
    """Return what validating, resolving and planning the candidate deck reports."""
    valid = validate(parse(written.text, deck.name), deck.parent)
    unconverted = math_problems(valid)
    if unconverted:
        return unconverted
    theme = load_theme(valid)
    with tempfile.TemporaryDirectory(prefix="lecturedeck-import-") as scratch:
        assets, found = resolve(valid, Cache(Path(scratch)), theme.body_font)
    if any(d.is_error for d in found):
        return found
    _, planned = plan_deck(valid, theme, assets)
    return [*found, *planned]


def _by_slide(found: list[Diagnostic], written: Written) -> dict[int, list[Diagnostic]]:
    """Return the diagnostics grouped by the draft whose lines they point at."""
    grouped: dict[int, list[Diagnostic]] = {}
    for diagnostic in found:
        for index, (first, last) in enumerate(written.spans):
            if first <= diagnostic.pos.line <= last:
                grouped.setdefault(index, []).append(diagnostic)
                break
        else:
            if diagnostic.is_error:
                raise DeckError([diagnostic])
    return grouped


def _repair(draft: Draft, problem: Diagnostic, lesson: Path) -> Diagnostic | None:
    """Change the draft so the build accepts it; return the warning saying so, or None if it cannot."""
    pos = SourcePos(str(lesson), draft.line, 1)
    if problem.code == "code.language" and isinstance(draft.visual, CodeBlock):
        language = draft.visual.language
        draft.visual = replace(draft.visual, language="text")
        return warning(
            "import.code-language",
            pos,
            f"the code's language '{language}' is not one the build can colour; it is shown as plain text",
            expected="a Pygments language name",
            found=f"'{language}'",
            hint=problem.hint or "set the slide's code 'language:' to the right name",
        )
    if problem.code.startswith("math."):
        _equations_as_code(draft)
        return warning(
            "import.math",
            pos,
            f"{problem.message}; it is kept as LaTeX in code",
            expected=problem.expected,
            found=problem.found,
            hint="rewrite the equation with supported commands, then remove the backticks around it",
        )
    if isinstance(draft.visual, Picture):
        picture = draft.visual
        draft.visual = None
        note = f"Picture: {picture.alt} ({picture.file})" if picture.alt else f"Picture: {picture.file}"
        draft.notes.append(note)
        if not draft.has_content():
            draft.text.append(note)
        return warning(
            "import.picture",
            pos,
            f"the picture '{picture.file}' cannot be put on a slide; it is named in the notes",
            expected=problem.expected,
            found=problem.found,
            hint=problem.hint,
        )
    return None


def _equations_as_code(draft: Draft) -> None:
    """Wrap each equation of the draft's text that cannot be converted in backticks, so it shows as written."""
    draft.title = _unconverted_as_code(draft.title)
    draft.text = [_unconverted_as_code(text) for text in draft.text]
    draft.bullets = [_item_as_code(item) for item in draft.bullets]
    if isinstance(draft.visual, TableBlock):
        table = draft.visual
        draft.visual = replace(
            table,
            header=tuple(_unconverted_as_code(cell) for cell in table.header),
            rows=tuple(tuple(_unconverted_as_code(cell) for cell in row) for row in table.rows),
        )


def _item_as_code(item: Item) -> Item:
    return Item(_unconverted_as_code(item.text), tuple(_item_as_code(child) for child in item.children))


def _unconverted_as_code(text: str) -> str:
    for run in parse_inline(text):
        if not run.math:
            continue
        try:
            equation(run.text, run.display)
        except MathError:
            written = f"$${run.text}$$" if run.display else f"${run.text}$"
            text = text.replace(written, f"`{written}`" if "`" not in written else written.replace("$", "\\$"))
    return text


def split_draft(draft: Draft) -> list[Draft]:
    """Return the draft in two halves of its content, or alone when it cannot be split."""
    follower = draft.follower(draft.line)
    if len(draft.bullets) > 1:
        half = len(draft.bullets) // 2
        follower.bullets = draft.bullets[half:]
        return [replace(draft, bullets=draft.bullets[:half]), follower]
    if len(draft.bullets) == 1 and len(draft.bullets[0].children) > 1:
        item = draft.bullets[0]
        half = len(item.children) // 2
        follower.bullets = [replace(item, children=item.children[half:])]
        return [replace(draft, bullets=[replace(item, children=item.children[:half])]), follower]
    if len(draft.text) > 1:
        half = len(draft.text) // 2
        follower.text = draft.text[half:]
        return [replace(draft, text=draft.text[:half]), follower]
    match draft.visual:
        case TableBlock(rows=rows) if len(rows) > 1:
            half = len(rows) // 2
            follower.visual = replace(draft.visual, rows=rows[half:])
            return [replace(draft, visual=replace(draft.visual, rows=rows[:half])), follower]
        case CodeBlock(source=source) if len(lines := source.splitlines(keepends=True)) > _SHORT_CODE:
            half = len(lines) // 2
            follower.visual = replace(draft.visual, source="".join(lines[half:]))
            return [replace(draft, visual=replace(draft.visual, source="".join(lines[:half]))), follower]
        case _:
            return [draft]
