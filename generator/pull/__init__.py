"""`lecturedeck pull`: edits made to a built deck in PowerPoint or LibreOffice, written back into deck.yaml."""

from __future__ import annotations

import difflib
import os
import tempfile
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from ..diagnostics import DeckError, Diagnostic, SourcePos, error, warning
from . import manifest
from .changes import Change, LabelChange, Lost, SlideEdits, match_slides, merged_blocks, slide_edits
from .dot_edit import label_of, with_label
from .read_deck import read_deck
from .yaml_edit import YamlDeck, bullets_value, load, plain, rename_key, reorder, set_term


class Prefer(StrEnum):
    """Whose version wins where deck.yaml and the deck both changed a value since the build."""

    OURS = "ours"
    """deck.yaml's."""
    THEIRS = "theirs"
    """The edited deck's."""


@dataclass
class PullResult:
    """What a pull found: the deck.yaml it edits, its text before and after, and what cannot come back."""

    deck: Path
    before: str
    after: str
    kept: list[Diagnostic] = field(default_factory=list)
    diagrams: dict[Path, tuple[str, str]] = field(default_factory=dict)
    """The DOT files whose labels changed: their text before and after."""

    @property
    def changed(self) -> bool:
        return self.after != self.before or bool(self.diagrams)

    @property
    def diff(self) -> str:
        texts = {self.deck: (self.before, self.after), **self.diagrams}
        return "".join(
            "".join(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True), str(p), str(p)))
            for p, (old, new) in texts.items()
        )


def pull(pptx: Path, deck: Path | None = None, *, prefer: Prefer | None = None, write: bool = True) -> PullResult:
    """Return the edits of the deck at `pptx` brought into its deck.yaml, written there unless not `write`.

    Raises DeckError when the deck was not built by lecturedeck (or records nothing to pull
    with), when deck.yaml cannot be found or read, and when deck.yaml and the deck both changed
    a value since the build and `prefer` does not say whose wins; nothing is written then.
    """
    recorded = manifest.read(pptx)
    if recorded is None:
        raise DeckError([_not_pullable(pptx)])
    deck = deck or _find_deck(pptx, recorded["deck"])
    text = deck.read_text(encoding="utf-8")
    yaml = load(text)
    if isinstance(yaml, str):
        raise DeckError(
            [
                error(
                    "pull.yaml",
                    SourcePos(str(deck), 1, 1),
                    f"{deck} cannot be read as YAML",
                    expected="the YAML of a deck",
                    found=yaml,
                    hint="fix the YAML (`lecturedeck check` shows where), then pull again",
                )
            ]
        )
    slides = read_deck(pptx, recorded["code_font"])
    if slides is None:
        raise DeckError([_not_pullable(pptx)])
    merge = _Merge(yaml, deck, prefer)
    merge.run(recorded["slides"], slides)
    if merge.conflicts:
        raise DeckError(merge.conflicts)
    result = PullResult(deck, text, yaml.dump() if merge.touched else text, merge.kept, merge.diagrams)
    if write:
        for path, (_, new) in result.diagrams.items():
            _write_atomically(path, new)
        if result.after != text:
            _write_atomically(deck, result.after)
    return result


def settled(pptx: Path, deck: Path) -> bool:
    """Return whether the edited deck at `pptx` has nothing left to pull into `deck`: its edits are in the YAML.

    An edit that cannot come back (a shape drawn by hand, a moved box) would be lost by a build:
    such a deck is not settled.
    """
    if manifest.read(pptx) is None:
        return False
    try:
        result = pull(pptx, deck, write=False)
    except (DeckError, OSError, UnicodeDecodeError):
        return False
    return not result.changed and not result.kept


class _Merge:
    """The edits of every slide applied to the YAML, with conflicts and what cannot come back collected."""

    def __init__(self, yaml: YamlDeck, deck: Path, prefer: Prefer | None) -> None:
        self.yaml = yaml
        self.deck = deck
        self.prefer = prefer
        self.conflicts: list[Diagnostic] = []
        self.kept: list[Diagnostic] = []
        self.touched = False
        self.diagrams: dict[Path, tuple[str, str]] = {}

    def run(self, built: list[dict[str, Any]], edited: list[Any]) -> None:
        current = list(self.yaml.slides())
        hashes = [manifest.fingerprint(plain(slide)) for slide in current]
        places_of = _current_places(built, hashes)
        used: set[int] = set()
        order: list[tuple[int, SlideEdits]] = []
        for slide, index in match_slides(built, edited):
            if index is None:
                self._lost(slide.number, None, Lost("a slide added by hand", "add it to deck.yaml as a slide"))
                continue
            record = built[index]
            edits = slide_edits(record, slide)
            if isinstance(record["id"], int):
                place = places_of.get(index)
                if place in used:
                    # A duplicate: a copy already in deck.yaml (pulled before), else a new copy.
                    twins = [i for i, h in enumerate(hashes) if h == record["hash"] and i not in used]
                    twins = [i for i in twins if i not in places_of.values()]
                    place = twins[0] if twins else place
                if place is None:
                    self._lost(slide.number, None, Lost("its slide was deleted from deck.yaml", "edit it there"))
                    continue
                order.append((place, edits))
                used.add(place)
                for lost in edits.lost:
                    self._lost(slide.number, (place,), lost)
            elif record["id"] == "title":
                for lost in edits.lost:
                    self._lost(slide.number, None, lost)
                for change in edits.changes:
                    self._apply(change, record["data"], self.yaml.root, self.yaml.root, slide.number)
            else:
                for lost in edits.lost:
                    self._lost(slide.number, None, lost)
        places = [place for place, _ in order]
        kept = self._deleted_but_changed(built, places_of, used, hashes)
        # Slides added to deck.yaml since the build stay after the slide they followed.
        for place in range(len(current)):
            if place not in used and (place not in places_of.values() or place in kept):
                before = [i for i, p in enumerate(places) if p == place - 1]
                places.insert(before[0] + 1 if before else 0, place)
                order.insert(before[0] + 1 if before else 0, (place, SlideEdits(0, None)))
        if places != list(range(len(current))):
            reorder(self.yaml.slides(), places)
            self.touched = True
        labels: dict[str, list[tuple[LabelChange, Any, int]]] = {}
        for position, (place, edits) in enumerate(order):
            if edits.built is None:
                continue
            target = self.yaml.slides()[position]
            for change in edits.changes:
                self._apply(change, edits.built["data"], current[place], target, edits.number)
            for label in edits.labels:
                labels.setdefault(repr(label.source), []).append((label, target, edits.number))
        for group in labels.values():
            self._apply_labels(group)

    def _deleted_but_changed(
        self, built: list[dict[str, Any]], places_of: dict[int, int], used: set[int], hashes: list[str]
    ) -> set[int]:
        """Return the slides deleted from the deck that deck.yaml changed since the build, and are kept.

        Each is a conflict unless `prefer` says whose version wins: --ours keeps the slide.
        """
        kept = set()
        for index, place in places_of.items():
            if place in used or hashes[place] == built[index]["hash"]:
                continue
            if self.prefer is Prefer.OURS:
                kept.add(place)
            elif self.prefer is None:
                line, col = self.yaml.position(self.yaml.root, ("slides", place))
                self.conflicts.append(
                    error(
                        "pull.conflict",
                        SourcePos(str(self.deck), line, col),
                        f"slide {place + 1} of deck.yaml was deleted from the deck, but changed in deck.yaml"
                        " since the build",
                        expected="deck.yaml: the slide, changed",
                        found="the deck: no such slide",
                        hint="pull again with --theirs to delete it or --ours to keep it",
                    )
                )
        return kept

    def _apply_labels(self, group: list[tuple[LabelChange, Any, int]]) -> None:
        """Write the changed labels of one diagram into its DOT: its file, or the YAML's inline DOT."""
        source = group[0][0].source
        if "file" in source:
            path = self.deck.parent / source["file"]
            before = self.diagrams[path][0] if path in self.diagrams else path.read_text(encoding="utf-8")
            place: tuple[Any, tuple[Any, ...]] | None = None
        else:
            inline = list(source["yaml"])
            place = (group[0][1], tuple(inline[2:])) if inline[0] == "slides" else (self.yaml.root, tuple(inline))
            before = str(self.yaml.get(*place) or "")
            path = self.deck
        text = before
        for change, _, number in group:
            now = label_of(text, change.owner)
            if now != change.built and now != change.value:
                if self.prefer is Prefer.OURS:
                    continue
                if self.prefer is None:
                    line = text[: max(text.find(change.owner[1]), 0)].count("\n") + 1
                    self.conflicts.append(
                        error(
                            "pull.conflict",
                            SourcePos(str(path), line, 1),
                            f"a diagram label changed both in its DOT and on slide {number} of the deck"
                            " since the build",
                            expected=f"the DOT: {now!r}",
                            found=f"the deck: {change.value!r}",
                            hint="pull again with --theirs to take the deck's version or --ours to keep the DOT's",
                        )
                    )
                    continue
            edited = with_label(text, change.owner, change.value) if now is not None else None
            if edited is None:
                lost = Lost(f"the diagram label {change.value!r}", "edit the label in the diagram's DOT")
                self._lost(number, None, lost)
                continue
            text = edited
        if text == before:
            return
        if place is None:
            self.diagrams[path] = (before, text)
        else:
            self.yaml.set(place[0], place[1], text)
            self.touched = True

    def _apply(self, change: Change, built: Any, source: Any, target: Any, number: int) -> None:
        built_value = self.yaml.get(built, change.path)
        now = plain(self.yaml.get(source, change.path))
        new = _new_value(change, built_value)
        if plain(new) == now:
            return
        if now != built_value:
            if self.prefer is Prefer.OURS:
                return
            if self.prefer is None:
                self.conflicts.append(self._conflict(change, source, now, new, number))
                return
        self.touched = True
        value = change.value
        if isinstance(value, tuple) and value[0] == "key":
            rename_key(self.yaml.get(target, change.path), value[1])
        elif isinstance(value, tuple) and value[0] == "term":
            set_term(self.yaml.get(target, change.path[:-1]), change.path[-1], value[1], value[2])
        elif isinstance(value, list):
            holder = self.yaml.get(target, change.path[:-1])
            holder[change.path[-1]] = bullets_value(value, self.yaml.get(target, change.path))
        else:
            self.yaml.set(target, change.path, new)

    def _conflict(self, change: Change, source: Any, now: Any, new: Any, number: int) -> Diagnostic:
        line, col = self.yaml.position(self.yaml.root, self._full(source, change.path))
        return error(
            "pull.conflict",
            SourcePos(str(self.deck), line, col),
            f"'{_key_of(change.path)}' changed both in deck.yaml and on slide {number} of the deck since the build",
            expected=f"deck.yaml: {now!r}",
            found=f"the deck:  {plain(new)!r}",
            hint="pull again with --theirs to take the deck's version or --ours to keep deck.yaml's,"
            " or make deck.yaml say what you want and pull with --ours",
        )

    def _full(self, source: Any, path: tuple[Any, ...]) -> tuple[Any, ...]:
        for index, slide in enumerate(self.yaml.slides()):
            if slide is source:
                return ("slides", index, *path)
        return path

    def _lost(self, number: int, place: tuple[int] | None, lost: Lost) -> None:
        line, col = self.yaml.position(self.yaml.root, ("slides", *place) if place else ())
        self.kept.append(
            warning(
                "pull.kept",
                SourcePos(str(self.deck), line, col),
                f"slide {number}: {lost.what}, which cannot come back into deck.yaml",
                expected="an edit of the slides' texts",
                found=lost.what,
                hint=lost.hint,
            )
        )


def _new_value(change: Change, built: Any) -> Any:
    value = change.value
    if isinstance(value, tuple) and value[0] == "blocks":
        return merged_blocks(built, value[1]) if isinstance(built, str) else value[1].get(0, "")
    if isinstance(value, tuple) and value[0] == "term":
        return {value[1]: value[2]}
    if isinstance(value, tuple) and value[0] == "code":
        # A `|` block keeps its final line break.
        return value[1] + "\n" if isinstance(built, str) and built.endswith("\n") else value[1]
    if isinstance(value, tuple) and value[0] == "key":
        ((_, children),) = built.items()
        return {value[1]: children}
    return value


def _key_of(path: tuple[Any, ...]) -> str:
    """Return the YAML key a value is under: `title` for a title, `bullets` for a bullet."""
    return next((str(step) for step in reversed(path) if isinstance(step, str)), "slides")


def _current_places(built: list[dict[str, Any]], hashes: list[str]) -> dict[int, int]:
    """Return where each built slide of deck.yaml is in it now, by built index.

    The slide of the same content, else the one at its old place if that is not another's.
    """
    places: dict[int, int] = {}
    for index, record in enumerate(built):
        if not isinstance(record["id"], int):
            continue
        same = [i for i, h in enumerate(hashes) if h == record["hash"] and i not in places.values()]
        if same:
            places[index] = same[0]
    for index, record in enumerate(built):
        old = record["id"]
        if isinstance(old, int) and index not in places and old < len(hashes) and old not in places.values():
            places[index] = old
    return places


def _find_deck(pptx: Path, recorded: str) -> Path:
    # Recorded relative to the deck's folder (decks built before that record it as given).
    name = Path(recorded)
    beside = Path(os.path.normpath(pptx.parent / name))
    for candidate in (beside, name, pptx.parent.parent / name.name, pptx.parent / name.name):
        if candidate.is_file():
            return candidate
    raise DeckError(
        [
            error(
                "pull.deck",
                SourcePos(str(pptx), 1, 1),
                f"cannot find the YAML {pptx.name} was built from",
                expected=f"'{name}' here, beside the output folder or beside the deck",
                found="no such file",
                hint="name it with --deck, e.g. 'lecturedeck pull output/deck.pptx --deck deck.yaml'",
            )
        ]
    )


def _not_pullable(pptx: Path) -> Diagnostic:
    return error(
        "pull.not-built",
        SourcePos(str(pptx), 1, 1),
        f"{pptx} does not say where its slides came from",
        expected="a deck built by lecturedeck (this version or later), edited or not",
        found="no lecturedeck pull records in its document properties",
        hint="build the deck again and make the edits in the new one; edits in this file must be copied by hand",
    )


def _write_atomically(path: Path, text: str) -> None:
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".yaml.tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            file.write(text)
        os.chmod(name, path.stat().st_mode & 0o777)
        os.replace(name, path)
    finally:
        Path(name).unlink(missing_ok=True)
