"""The whole pipeline: load, validate, resolve diagrams, plan, write, check."""

from __future__ import annotations

import datetime
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from . import rules, source, validate, writer
from .assets import Assets, resolve
from .assets.cache import Cache
from .check import lint, verify
from .diagnostics import DeckError, Diagnostic, Severity
from .output import atomic_output, guard_overwrite, unsafe_output
from .plan import Picture, Presentation
from .planner import plan_deck
from .reproducible import finalize
from .theme import load_theme


@dataclass(frozen=True)
class BuildResult:
    """What a build made: the output path (None for `check`), slide count and warnings."""

    deck: Path
    output: Path | None
    slides: int
    diagnostics: list[Diagnostic]
    backup: Path | None = None
    """Where an edited deck was kept before `force` replaced it."""


def output_path(deck_path: Path, out_dir: Path) -> Path:
    """Return where the deck at `deck_path` is built: `out_dir/<deck name>.pptx`."""
    return out_dir / f"{deck_path.stem}.pptx"


def build(
    deck_path: Path, out_dir: Path, *, strict: bool = False, write: bool = True, force: bool = False
) -> BuildResult:
    """Build the deck at `deck_path` into `out_dir` and return what was made.

    With `write=False` (the `check` command) every stage runs but nothing is written, not even
    the diagram cache. `strict` treats warnings as errors. Raises DeckError with every problem
    found when the deck has errors; nothing is written then. Raises OutputChangedError when the
    output was edited since it was built, unless `force` (which keeps a backup of it).
    """
    target = output_path(deck_path, out_dir)
    cache_dir = _cache_dir(out_dir)
    now = datetime.datetime.now()
    if write:
        check_output(deck_path, out_dir)
        if not force:
            guard_overwrite(target, force=False, now=now)
    display = _display_name(deck_path)
    doc = source.load(deck_path, display)
    valid = validate.validate(doc, deck_path.parent)
    theme = load_theme(valid)
    checks = valid.deck.checks
    problems: list[Diagnostic] = []

    def stage(found: Iterable[Diagnostic]) -> None:
        problems.extend(_apply_settings(found, checks, strict))
        if any(d.is_error for d in problems):
            raise DeckError(problems)

    with tempfile.TemporaryDirectory(prefix="lecturedeck-") as scratch:
        cache = Cache(cache_dir) if write else Cache(cache_dir, scratch=Path(scratch))
        assets, found = resolve(valid, cache, theme.body_font)
        stage(found)
        presentation, found = plan_deck(valid, theme, assets)
        stage([*found, *theme.warnings, *lint(presentation, theme.behind)])
        presentation, found = _draw_fallbacks(presentation, assets)
        stage(found)
        if not write:
            return BuildResult(deck_path, None, len(presentation.slides), problems)
        with atomic_output(target, force=force, now=now) as pending:
            finalize(pending.temp, writer.write(presentation, _build_date(deck_path)), _build_date(deck_path))
            stage(verify(presentation, pending.temp))
    return BuildResult(deck_path, target, len(presentation.slides), problems, pending.backup)


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


def _build_date(deck_path: Path) -> datetime.datetime:
    """Return the date a deck is stamped with: SOURCE_DATE_EPOCH if set, else when its YAML changed.

    Never the current time, so building the same inputs twice gives byte-identical files.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    seconds = int(epoch) if epoch.isdigit() else int(deck_path.stat().st_mtime)
    return datetime.datetime.fromtimestamp(seconds, datetime.UTC).replace(tzinfo=None)


def _display_name(path: Path) -> str:
    """Return `path` relative to the working directory when it is inside it, as users typed it."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)
