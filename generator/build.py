"""The whole pipeline: load, validate, resolve diagrams, plan, write, check."""

from __future__ import annotations

import datetime
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import rules, source, validate, writer
from .assets import Assets, resolve
from .assets.cache import Cache
from .causes import one_per_cause, slide_at
from .check import lint, verify
from .diagnostics import DeckError, Diagnostic, Severity, SourcePos, error
from .html import write_html
from .math_check import math_problems
from .output import OutputChangedError, atomic_output, guard_overwrite, unsafe_output
from .paths import display_name, output_path
from .plan import Picture, Presentation
from .planner import plan_deck
from .pull import manifest, settled
from .reproducible import SOURCE_PROPERTY, ZIP_END
from .salvage import later_errors
from .textfit import stand_in_warnings
from .theme import load_theme
from .uptodate import fingerprint, record
from .writer import finalize


@dataclass(frozen=True)
class BuildResult:
    """What a build made: the output path (None for `check`), slide count and warnings."""

    deck: Path
    output: Path | None
    slides: int
    diagnostics: list[Diagnostic]
    backup: Path | None = None
    """Where an edited deck was kept before `force` replaced it."""
    title: str = ""
    plan: Presentation | None = field(default=None, compare=False, repr=False)
    """What was written, as planned (for comparing with a render); None for `check`."""
    html: Path | None = None
    """The HTML deck written beside the .pptx (`build --html`)."""


def build(
    deck_path: Path,
    out_dir: Path,
    *,
    strict: bool = False,
    write: bool = True,
    force: bool = False,
    html: bool = False,
) -> BuildResult:
    """Build the deck at `deck_path` into `out_dir` and return what was made.

    With `write=False` (the `check` command) every stage runs but nothing is written, not even
    the diagram cache. `strict` treats warnings as errors; `html` also writes the deck as one
    HTML page beside the .pptx. Raises DeckError with every problem
    found when the deck has errors; nothing is written then. Raises OutputChangedError when the
    output was edited since it was built, unless `force` (which keeps a backup of it). Records
    the inputs of a deck written without warnings, for `uptodate.up_to_date`.
    """
    target = output_path(deck_path, out_dir)
    cache_dir = _cache_dir(out_dir)
    now = datetime.datetime.now()
    inputs: str | None = None
    if write:
        check_output(deck_path, out_dir)
        if not force:
            try:
                guard_overwrite(target, force=False, now=now, deck=deck_path)
            except OutputChangedError as changed:
                # An edited deck whose edits were pulled into the YAML holds nothing the build would lose.
                if changed.other_deck is not None or not settled(target, deck_path):
                    raise
                force = True
        # Taken before any input is read, so a change made during the build is never missed.
        inputs = fingerprint(deck_path, out_dir)
    with tempfile.TemporaryDirectory(prefix="lecturedeck-") as scratch:
        cache = Cache(cache_dir) if write else Cache(cache_dir, scratch=Path(scratch))
        planned = plan(deck_path, cache, strict=strict)
        presentation, problems = planned.presentation, planned.diagnostics
        if not write:
            return BuildResult(deck_path, None, len(presentation.slides), problems, title=planned.valid.deck.title)
        date = _build_date(deck_path)
        with atomic_output(target, force=force, now=now, deck=deck_path) as pending:
            origin = Path(os.path.relpath(deck_path.absolute(), target.parent.absolute())).as_posix()
            properties = {SOURCE_PROPERTY: origin, **manifest.record(planned.valid, presentation, origin)}
            finalize(pending.temp, writer.write(presentation, date), date, properties)
            # Reported at the deck's name, not at the temporary file that will never be seen.
            temp = str(pending.temp)
            written = (
                replace(d, pos=replace(d.pos, file=str(target))) if d.pos.file == temp else d
                for d in verify(presentation, pending.temp)
            )
            problems.extend(_raise_errors(written, problems, planned.checks, strict))
        # A deck that built with warnings is always built again, so its warnings are shown again.
        record(target, None if problems else inputs, len(presentation.slides))
        written_html = write_html(presentation, html_path(target)) if html else None
    return BuildResult(
        deck_path,
        target,
        len(presentation.slides),
        problems,
        pending.backup,
        planned.valid.deck.title,
        presentation,
        written_html,
    )


@dataclass(frozen=True)
class Planned:
    """A deck planned but not written: its plan, its warnings, its `checks:` settings and the validated deck."""

    presentation: Presentation
    diagnostics: list[Diagnostic]
    checks: dict[str, str]
    valid: validate.ValidDeck


def plan(deck_path: Path, cache: Cache, *, strict: bool = False) -> Planned:
    """Return the deck's plan, every picture's fallback drawn, and its warnings: all of `build` but writing.

    Raises DeckError with every problem found as soon as a stage ends with an error.
    """
    display = display_name(deck_path)
    doc = source.load(deck_path, display)
    try:
        valid = validate.validate(doc, deck_path.parent)
        theme = load_theme(valid)
    except DeckError as failure:
        # Missing files and DOT errors of the deck's valid parts come in the same report.
        raise DeckError([*failure.diagnostics, *later_errors(doc, deck_path.parent, cache.folder)]) from None
    checks = valid.deck.checks
    problems: list[Diagnostic] = stand_in_warnings(display, (theme.heading_font, theme.body_font, theme.code_font))

    def stage(found: Iterable[Diagnostic]) -> None:
        once = one_per_cause(((d, slide_at(valid.deck, d.pos)) for d in found), doc)
        problems.extend(_raise_errors(once, problems, checks, strict))

    stage(math_problems(valid))
    assets, found = resolve(valid, cache, theme.body_font)
    stage([*theme.warnings, *found])
    presentation, found = plan_deck(valid, theme, assets)
    stage([*found, *lint(presentation, theme.behind)])
    presentation, found = _draw_fallbacks(presentation, assets)
    stage(found)
    if any(d.is_error for d in problems):
        raise DeckError(problems)
    return Planned(presentation, problems, checks, valid)


def _raise_errors(
    found: Iterable[Diagnostic], before: list[Diagnostic], checks: dict[str, str], strict: bool
) -> list[Diagnostic]:
    """Return `found` with the deck's settings applied; raise DeckError with `before` too if any is
    an error the next stage cannot go on from. A warning the settings make an error (`--strict`,
    `checks:`) lets the later stages run, so that every finding is in the one report."""
    found = list(found)
    kept = _apply_settings(found, checks, strict)
    if any(d.is_error for d in _apply_settings([d for d in found if d.is_error], checks, strict)):
        raise DeckError([*before, *kept])
    return kept


def html_path(pptx: Path) -> Path:
    """Return where `build --html` writes the HTML deck: beside the .pptx, with the same name."""
    return pptx.with_suffix(".html")


def check_output(deck_path: Path, out_dir: Path) -> None:
    """Raise DeckError when building `deck_path` into `out_dir` could lose or spoil a file.

    Runs before any work and writes nothing; see `output.unsafe_output` for what is refused.
    """
    problem = unsafe_output(output_path(deck_path, out_dir), deck_path, _cache_dir(out_dir))
    if problem is not None:
        raise DeckError([problem])


def _cache_dir(out_dir: Path) -> Path:
    return out_dir / ".cache"


def _draw_fallbacks(plan: Presentation, assets: Assets) -> tuple[Presentation, list[Diagnostic]]:
    """Return the plan with a PNG fallback drawn for each SVG picture, at the size the planner chose."""
    vectors = {d.picture.svg: d.picture for d in assets.diagrams.values() if d.picture is not None}
    problems: list[Diagnostic] = []
    slides = []
    for slide in plan.slides:
        shapes = []
        for shape in slide.shapes:
            if isinstance(shape, Picture) and shape.image is None and shape.svg in vectors:
                fallback = vectors[shape.svg].fallback_png(shape.fallback_px)
                if isinstance(fallback, Diagnostic):
                    problems.append(fallback)
                    continue
                shape = replace(shape, image=fallback)
            shapes.append(shape)
        slides.append(replace(slide, shapes=tuple(shapes)))
    return replace(plan, slides=tuple(slides)), problems


def _apply_settings(found: Iterable[Diagnostic], checks: dict[str, str], strict: bool) -> list[Diagnostic]:
    """Return the diagnostics with the deck's `checks:` severities and `--strict` applied."""
    kept: list[Diagnostic] = []
    for diagnostic in found:
        setting = checks.get(diagnostic.code) if diagnostic.code in rules.RULES else None
        if setting == "off":
            continue
        if setting is not None:
            diagnostic = replace(diagnostic, severity=Severity(setting))
        if strict and diagnostic.severity is Severity.WARNING:
            diagnostic = replace(diagnostic, severity=Severity.ERROR)
        kept.append(diagnostic)
    return kept


_LAST_SECOND = int(ZIP_END.replace(tzinfo=datetime.UTC).timestamp())


def _build_date(deck_path: Path) -> datetime.datetime:
    """Return the date a deck is stamped with: SOURCE_DATE_EPOCH if set, else when its YAML changed.

    Never the current time, so building the same inputs twice gives byte-identical files.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if not epoch:
        # A file dated past what a zip can hold (a clock gone wrong) is stamped with the last such date.
        return _from_seconds(min(int(deck_path.stat().st_mtime), _LAST_SECOND))
    if not (epoch.isascii() and epoch.isdigit()) or int(epoch) > _LAST_SECOND:
        raise DeckError(
            [
                error(
                    "build.date",
                    SourcePos("SOURCE_DATE_EPOCH", 1, 1),
                    f"SOURCE_DATE_EPOCH is not a date a deck can carry: {epoch[:40]!r}",
                    expected=f"seconds since 1970 in ASCII digits, at most {_LAST_SECOND} (the end of 2107)",
                    found=repr(epoch[:40]) + ("..." if len(epoch) > 40 else ""),
                    hint="set it to the time of the last commit, e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct),"
                    " or unset it to use the deck file's date",
                )
            ]
        )
    return _from_seconds(int(epoch))


def _from_seconds(seconds: int) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(seconds, datetime.UTC).replace(tzinfo=None)
