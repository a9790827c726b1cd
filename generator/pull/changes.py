"""The edited deck against the one built: which slide is which, and what changed in each."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace
from typing import Any

from ..inline import plain_text
from .dot_edit import owner_of
from .manifest import blocks
from .read_deck import ReadShape, ReadSlide, markup, plain

_SAME_SLIDE = 0.5
"""How alike (difflib's ratio of their texts) an edited slide must be to a built one to be taken for it."""
_CATEGORY = {"title": "title", "text": "text", "chrome": "text", "code": "text", "number": "text"}
_QUOTE_MARKS = "“”"
_NUDGE = 36000
"""How far (1 mm, in EMU) a box may shift before it counts as moved: LibreOffice rounds to 0.01 mm."""


@dataclass(frozen=True)
class Change:
    """A new YAML value at `path` inside the slide (or the deck, for the title slide)."""

    path: tuple[Any, ...]
    value: Any
    """A text, a list of bullets (texts and {text: [children]} / {term: text} maps), or a tagged tuple:
    ("blocks", {index: text}), ("term", term, text), ("key", text) or ("code", text)."""


@dataclass(frozen=True)
class Lost:
    """An edit that cannot come back into the YAML, with what to do instead."""

    what: str
    hint: str


@dataclass(frozen=True)
class LabelChange:
    """A diagram's node or edge label changed: where its DOT is, whose label, as built and now."""

    source: dict[str, Any]
    owner: tuple[str, ...]
    built: str
    value: str


@dataclass
class SlideEdits:
    """One slide of the edited deck: the built slide it is (None: added by hand) and its edits."""

    number: int
    built: dict[str, Any] | None
    changes: list[Change] = field(default_factory=list)
    lost: list[Lost] = field(default_factory=list)
    labels: list[LabelChange] = field(default_factory=list)


def match_slides(built: list[dict[str, Any]], edited: list[ReadSlide]) -> list[tuple[ReadSlide, int | None]]:
    """Return each edited slide with the index of the built slide it is (None: a slide added by hand).

    The same text means the same slide; otherwise the most alike. A built slide matched twice
    was duplicated; one matched by none was deleted.
    """
    built_texts = [_signature_built(record) for record in built]
    edited_texts = [_signature_edited(slide) for slide in edited]
    taken: dict[int, int] = {}
    result: dict[int, int | None] = {}
    exact: dict[str, list[int]] = {}
    for index, text in enumerate(built_texts):
        exact.setdefault(text, []).append(index)
    for number, text in enumerate(edited_texts):
        free = [index for index in exact.get(text, []) if index not in taken]
        if free:
            taken[free[0]] = number
            result[number] = free[0]
    pairs = []
    for number, text in enumerate(edited_texts):
        if number in result:
            continue
        for index, other in enumerate(built_texts):
            matcher = difflib.SequenceMatcher(None, text, other, autojunk=False)
            if matcher.real_quick_ratio() >= _SAME_SLIDE and matcher.quick_ratio() >= _SAME_SLIDE:
                ratio = matcher.ratio()
                if ratio >= _SAME_SLIDE:
                    pairs.append((ratio, -abs(number - index), number, index))
    pairs.sort(reverse=True)
    for _, _, number, index in pairs:
        if number not in result and index not in taken:
            taken[index] = number
            result[number] = index
    for _, _, number, index in pairs:
        if number not in result:
            result[number] = index  # a copy of a slide already matched: a duplicate
    return [(slide, result.get(number)) for number, slide in enumerate(edited)]


def _signature_built(record: dict[str, Any]) -> str:
    texts = [plain_text(p[2]) for shape in record["shapes"] for p in shape["paragraphs"]]
    return "\n".join([*texts, *(plain_text(p[2]) for p in record["notes"])])


def _signature_edited(slide: ReadSlide) -> str:
    texts = [plain(runs) for shape in slide.shapes for _, runs in shape.paragraphs]
    return "\n".join([*texts, *(plain_text(note) for note in slide.notes)])


def slide_edits(record: dict[str, Any], slide: ReadSlide) -> SlideEdits:
    """Return what changed on `slide` since it was built as `record`."""
    edits = SlideEdits(slide.number, record)
    pairs, extra = _match_shapes(record["shapes"], slide.shapes)
    derived = record["id"] == "derived"
    for built, read in pairs:
        if read is None:
            if built["paragraphs"] and not derived:
                edits.lost.append(Lost(f"a {built['kind']} box was deleted", "delete its text in deck.yaml"))
            continue
        # A diagram's group is drawn smaller than its planned box: only text boxes are compared.
        moved = built["kind"] in ("title", "text", "chrome", "code") and any(
            abs(a - b) > _NUDGE for a, b in zip(built["box"], read.box, strict=True)
        )
        if moved and not any(lost.what.startswith("a box") for lost in edits.lost):
            edits.lost.append(
                Lost("a box was moved or resized", "keep it in PowerPoint only; a rebuild puts it back where it was")
            )
        if (
            "colors" in built
            and not read.colors <= set(built["colors"])
            and not any(lost.what == "a colour was changed" for lost in edits.lost)
        ):
            edits.lost.append(
                Lost(
                    "a colour was changed",
                    "set the deck's colours under 'theme: colors:', or keep it in PowerPoint only",
                )
            )
        _compare_shape(built, read, edits, derived)
    for read in extra:
        what = "a text box added by hand" if read.paragraphs else f"a {read.kind} added by hand"
        edits.lost.append(Lost(what, "keep it in PowerPoint only, or put its content into deck.yaml"))
    if derived:
        return edits
    built_notes = record["notes"]
    if [p[2] for p in built_notes] != slide.notes:
        origins = [p[0] for p in built_notes]
        if origins and all(o is not None and o[0] == "block" and o[1] == origins[0][1] for o in origins):
            edits.changes.append(Change(_relative(origins[0][1]), "\n\n".join(slide.notes)))
        elif not built_notes and record["id"] != "title":
            edits.changes.append(Change(("notes",), "\n\n".join(slide.notes)))
        else:
            edits.lost.append(Lost("the speaker notes changed", "edit 'notes:' in deck.yaml"))
    return edits


def _match_shapes(
    built: list[dict[str, Any]], read: list[ReadShape]
) -> tuple[list[tuple[dict[str, Any], ReadShape | None]], list[ReadShape]]:
    """Pair each built shape with the edited shape of its kind most like it; return the pairs and the rest."""
    free = list(read)
    pairs: list[tuple[dict[str, Any], ReadShape | None]] = []
    for shape in built:
        category = _CATEGORY.get(shape["kind"], shape["kind"])
        candidates = [r for r in free if _CATEGORY.get(r.kind, r.kind) == category]
        if not candidates:
            pairs.append((shape, None))
            continue
        if shape["paragraphs"]:
            text = "\n".join(plain_text(p[2]) for p in shape["paragraphs"])
            best = max(
                candidates,
                key=lambda r: difflib.SequenceMatcher(None, text, "\n".join(plain(t) for _, t in r.paragraphs)).ratio(),
            )
        else:
            best = min(candidates, key=lambda r: sum(abs(a - b) for a, b in zip(r.box, shape["box"], strict=True)))
        free.remove(best)
        pairs.append((shape, best))
    extra = [r for r in free if r.kind != "rule" or r.paragraphs]
    return pairs, extra


def _compare_shape(built: dict[str, Any], read: ReadShape, edits: SlideEdits, derived: bool) -> None:
    old = built["paragraphs"]
    if built["kind"] == "number":
        return
    if built["kind"] == "diagram":
        _compare_labels(built, read, edits)
        return
    if built["kind"] == "code":
        lines = [p[2] for p in old]
        if read.lines != lines:
            origin = old[0][0] if old else None
            if origin is None:
                edits.lost.append(Lost("the code changed", "edit the code file named in deck.yaml"))
            else:
                edits.changes.append(Change(_relative(origin[1]), ("code", "\n".join(read.lines))))
        return
    bold = built["bold"] or [False]
    forms = [p[0][0] if p[0] else None for p in old] or [None]
    new = []
    for index, (level, runs) in enumerate(read.paragraphs):
        if forms[min(index, len(forms) - 1)] == "quote":
            runs = tuple(replace(run, italic=False) for run in runs)  # a quote is italic by its style
        new.append((level, markup(runs, bold=bold[min(index, len(bold) - 1)])))
    if built["kind"] == "table":
        if tuple(built["grid"]) != read.grid:
            edits.lost.append(Lost("table rows or columns were added or removed", "add or remove them in deck.yaml"))
            return
    if derived or built["kind"] == "chrome":
        if [p[2] for p in old] != [text for _, text in new]:
            edits.lost.append(Lost(f"text made by lecturedeck was edited: {_first_change(old, new)!r}", _hint(built)))
        return
    # A column's heading (or the title slide's subtitle) comes first in a box holding more: it is
    # compared on its own, so bullets or a byline after it can change in number.
    first = old[0][0] if old else None
    lead = int(
        len(old) > 1
        and bool(new)
        and first is not None
        and old[0][1] is None
        and all(p[0] is None or p[0][1] != first[1] for p in old[1:])
    )
    if lead:
        _compare_paragraphs(built, old[:lead], new[:lead], edits)
    _compare_paragraphs(built, old[lead:], new[lead:], edits)


def _compare_paragraphs(
    built: dict[str, Any], old: list[list[Any]], new: list[tuple[int | None, str]], edits: SlideEdits
) -> None:
    if [(p[1], p[2]) for p in old] == [(level, text) for level, text in new]:
        return
    origins = [p[0] for p in old]
    lists = {_list_path(o) if o is not None else None for o in origins}
    if len(lists) == 1 and None not in lists and any(p[1] is not None for p in old):
        (path,) = lists
        if [p[1] for p in old] != [level for level, _ in new]:
            edits.changes.append(Change(_relative(list(path)), _bullet_tree(new, old)))
            return
    if len(old) != len(new):
        first = origins[0] if origins else None
        if first is not None and all(o is not None and o[0] == "block" and o[1] == first[1] for o in origins):
            value = "\n\n".join(text for _, text in new)
            edits.changes.append(Change(_relative(first[1]), value))
        else:
            edits.lost.append(Lost("paragraphs were added or removed", "add or remove them in deck.yaml"))
        return
    by_path: dict[tuple[Any, ...], dict[int, str]] = {}
    for (origin, _, before), (_, after) in zip(old, new, strict=True):
        if before == after:
            continue
        if origin is None:
            edits.lost.append(Lost(f"text made by lecturedeck was edited: {after!r}", _hint(built)))
            continue
        form, path, index = origin
        if form == "key":
            edits.changes.append(Change(_relative(path), ("key", after)))
        elif form == "term" and ": " in after:
            term, _, text = after.partition(": ")
            edits.changes.append(Change(_relative(path), ("term", term.strip("*"), text)))
        elif form == "term":
            edits.changes.append(Change(_relative(path), after))  # no "term: " left: a plain bullet
        elif form == "quote":
            by_path.setdefault(tuple(_freeze(path)), {})[index] = after.strip(_QUOTE_MARKS)
        elif form == "by":
            edits.changes.append(Change(_relative(path), after.removeprefix("— ").strip()))
        else:
            by_path.setdefault(tuple(_freeze(path)), {})[index] = after
    for path, replaced in by_path.items():
        edits.changes.append(Change(_relative(list(path)), ("blocks", replaced)))


def _compare_labels(built: dict[str, Any], read: ReadShape, edits: SlideEdits) -> None:
    labels = built.get("labels", [])
    names = [name for name, _ in labels]
    for name, text in labels:
        if names.count(name) > 1:
            # An edge's head and tail labels, or two edges of one pair: which is which is unknown.
            if read.labels.get(name, "") not in {t for n, t in labels if n == name}:
                hint = "edit the label in the diagram's DOT"
                edits.lost.append(Lost(f"the diagram text {read.labels.get(name, '')!r} changed", hint))
            continue
        now = read.labels.get(name, "")
        if now == text:
            continue
        owner = owner_of(name)
        if owner is None or built.get("dot") is None:
            edits.lost.append(Lost(f"the diagram text {text!r} changed", "edit the label in the diagram's DOT"))
        else:
            edits.labels.append(LabelChange(built["dot"], owner, text, now))


def _bullet_tree(new: list[tuple[int | None, str]], old: list[list[Any]]) -> list[Any]:
    """Return the bullets of the edited paragraphs, nested by level; `term: text` bullets stay maps.

    A bullet with sub-items is the map `{text: [sub-items]}`, one without is its text.
    """
    terms = {p[2] for p in old if p[0] is not None and p[0][0] == "term"}
    root: list[tuple[Any, list[Any]]] = []
    stack: list[tuple[int, list[tuple[Any, list[Any]]]]] = [(-1, root)]
    for level, text in new:
        depth = level or 0
        while stack[-1][0] >= depth:
            stack.pop()
        if text in terms and ": " in text:
            term, _, definition = text.partition(": ")
            stack[-1][1].append(({term.strip("*"): definition}, []))
            continue
        children: list[tuple[Any, list[Any]]] = []
        stack[-1][1].append((text, children))
        stack.append((depth, children))
    return [_bullet_value(item) for item in root]


def _bullet_value(item: tuple[Any, list[Any]]) -> Any:
    value, children = item
    return {value: [_bullet_value(child) for child in children]} if children else value


def _list_path(origin: list[Any]) -> tuple[Any, ...] | None:
    """Return the path of the bullets list a paragraph's origin lies in, or None."""
    path = origin[1]
    for end in range(len(path) - 1, -1, -1):
        if path[end] == "bullets":
            return tuple(_freeze(path[: end + 1]))
    return None


def _freeze(path: list[Any]) -> list[Any]:
    return [tuple(p) if isinstance(p, list) else p for p in path]


def _relative(path: list[Any]) -> tuple[Any, ...]:
    """Return a path inside the slide: without its leading ("slides", index)."""
    return tuple(path[2:]) if path[:1] == ["slides"] else tuple(path)


def _first_change(old: list[list[Any]], new: list[tuple[int | None, str]]) -> str:
    for before, (_, after) in zip(old, new, strict=False):
        if before[2] != after:
            return after
    return new[-1][1] if len(new) > len(old) else old[-1][2]


def _hint(built: dict[str, Any]) -> str:
    if built["kind"] == "chrome":
        return "edit 'footer:', 'date:' or 'source:' in deck.yaml"
    return "edit the YAML it comes from (the section titles, credits, author, institution or date) in deck.yaml"


def merged_blocks(built: str, replaced: dict[int, str]) -> str:
    """Return the text `built` with some of its paragraphs replaced, the others kept as written."""
    raw = [block for block in built.split("\n\n") if block.strip()]
    if len(raw) != len(blocks(built)):
        return "\n\n".join(replaced.get(i, b) for i, b in enumerate(blocks(built)))
    kept = [replaced.get(index, block.strip("\n")) for index, block in enumerate(raw)]
    return "\n\n".join(kept) + ("\n" if built.endswith("\n") else "")
