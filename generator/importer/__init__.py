"""`lecturedeck import`: a Markdown lesson → a deck.yaml to shape (rules in docs/import.md)."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..deck_model import json_schema
from ..diagnostics import DeckError, Diagnostic, SourcePos, error
from ..scaffold import SCHEMA
from .emit import write_deck
from .fitting import fit_drafts
from .markdown import read_lesson
from .pictures import PicturePlacer
from .slides import heading_slides

LESSON_NAMES = ("README.md", "readme.md", "index.md", "lesson.md")
"""The files `import FOLDER` takes as a lesson folder's lesson, in this order."""


@dataclass(frozen=True)
class Imported:
    """One lesson imported: the deck written, the pictures copied, and the warnings."""

    lesson: Path
    deck: Path
    slides: int
    pictures: tuple[Path, ...]
    diagnostics: tuple[Diagnostic, ...]


class DeckExistsError(Exception):
    """The deck file is there already, and `force` was not given."""


def import_lesson(lesson: Path, deck: Path, *, force: bool = False) -> Imported:
    """Write `deck` from the Markdown `lesson`, copying pictures from outside its folder into it.

    Raises DeckExistsError, writing nothing, when `deck` exists and not `force`.
    """
    if deck.exists() and not force:
        raise DeckExistsError(str(deck))
    try:
        text = lesson.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as failure:
        raise DeckError([_unreadable(lesson, failure)]) from failure
    parsed = read_lesson(text)
    headings = parsed.headings
    first_title = next((h for h in headings if h.level == 1), None)
    if first_title is not None:
        title = first_title.text
        headings = [h for h in headings if h is not first_title]
        lead = parsed.lead + first_title.blocks
    else:
        title, lead = _title_from_name(lesson), parsed.lead
    placer = PicturePlacer(lesson, deck.parent)
    drafts = heading_slides(headings, lead, placer)
    if not drafts:
        raise DeckError([_empty(lesson)])
    deck.parent.mkdir(parents=True, exist_ok=True)
    # The pictures are copied first: measuring the slides reads them where the deck will.
    pictures = placer.copy()
    drafts, problems = fit_drafts(title, drafts, deck, lesson)
    written = write_deck(title, drafts, schema=SCHEMA.as_posix(), lesson_name=lesson.name)
    _write_atomically(deck, written.text)
    _write_schema(deck.parent / SCHEMA)
    return Imported(lesson, deck, len(drafts), tuple(pictures), (*placer.problems, *problems))


def lessons_in(folder: Path) -> list[tuple[Path, Path]]:
    """Return (lesson, deck) for each lesson folder under `folder` (itself included): its deck.yaml beside it."""
    found: list[tuple[Path, Path]] = []
    for directory in sorted({folder, *(p for p in folder.rglob("*") if p.is_dir())}):
        if any(part.startswith(".") for part in directory.relative_to(folder).parts):
            continue
        lesson = next((directory / name for name in LESSON_NAMES if (directory / name).is_file()), None)
        if lesson is not None:
            found.append((lesson, directory / "deck.yaml"))
    return found


def no_lessons(folder: Path) -> Diagnostic:
    """Return the error for a folder holding no lesson."""
    return error(
        "import.no-lesson",
        SourcePos(str(folder), 1, 1),
        "the folder holds no lesson",
        expected=f"a Markdown file named {', '.join(LESSON_NAMES)} in the folder or a folder under it",
        found="none",
        hint="name a Markdown file instead: lecturedeck import LESSON.md",
    )


def _title_from_name(lesson: Path) -> str:
    """Return a title from the lesson's file name, or its folder's for a README, index or lesson file."""
    name = lesson.parent.resolve().name if lesson.name in LESSON_NAMES else lesson.stem
    return " ".join(name.replace("-", " ").replace("_", " ").split()) or "Lesson"


def _unreadable(lesson: Path, failure: OSError | UnicodeDecodeError) -> Diagnostic:
    found = "text that is not UTF-8" if isinstance(failure, UnicodeDecodeError) else failure.strerror or str(failure)
    return error(
        "import.unreadable",
        SourcePos(str(lesson), 1, 1),
        "the lesson cannot be read",
        expected="a readable Markdown file in UTF-8",
        found=found,
        hint="save the lesson as UTF-8 text",
    )


def _empty(lesson: Path) -> Diagnostic:
    return error(
        "import.no-lesson",
        SourcePos(str(lesson), 1, 1),
        "the lesson has nothing to put on a slide",
        expected="headings, paragraphs, lists, tables, code or pictures",
        found="an empty lesson",
        hint="check that the file is the lesson's Markdown",
    )


def _write_atomically(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _write_schema(path: Path) -> None:
    """Write the schema copy editors check the deck against, unless one is there."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(path, json.dumps(json_schema(), indent=2) + "\n")
