"""Loaded YAML to a validated model.Deck: every problem at its YAML position, all at once."""

from __future__ import annotations

import difflib
import types
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, TypeGuard, Union, cast, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from . import rules
from .diagnostics import DeckError, Diagnostic, SourcePos, error
from .model import (
    CONTENT_KEYS,
    LAYOUT_KINDS,
    MAX_BULLET_DEPTH,
    SLIDE_MODELS,
    VISUAL_KEYS,
    Bullet,
    Deck,
    DiagramSpec,
    slide_kind,
)
from .source import Document, YamlPath, type_name

_ALL_SLIDE_KEYS = sorted({key for model in SLIDE_MODELS.values() for key in model.model_fields})

_PATTERN_HELP = {
    "language": (
        "a language tag such as en-US or fr-FR",
        "write a BCP 47 language tag: en-US, en-GB, fr-FR, de-DE, ...",
    ),
    "source": (
        "a web address starting with http:// or https://",
        "write the full address, e.g. https://example.org/lesson",
    ),
    "accent": ("a colour as #RRGGBB", "write '#' and six hex digits, e.g. '#1F6FEB' (colour names are not accepted)"),
    "text": ("a colour as #RRGGBB", "write '#' and six hex digits, e.g. '#1F2937' (colour names are not accepted)"),
    "background": (
        "a colour as #RRGGBB",
        "write '#' and six hex digits, e.g. '#FFFFFF' (colour names are not accepted)",
    ),
}

# How a slide of each kind is named in messages.
_KIND_NAMES = {
    "section": "section slide",
    "title": "title-only slide",
    "bullets": "bullets slide",
    "text": "text slide",
    "columns": "columns slide",
    "diagram": "diagram slide",
    "image": "image slide",
    "table": "table slide",
    "code": "code slide",
    "quote": "quote slide",
    "bullets+diagram": "bullets-and-diagram slide",
    "bullets+image": "bullets-and-image slide",
    "bullets+table": "bullets-and-table slide",
    "bullets+code": "bullets-and-code slide",
}

# What a list holds, for counting it in words: singular and plural.
_NOUNS = {
    "slides": ("slide", "slides"),
    "columns": ("column", "columns"),
    "bullets": ("bullet", "bullets"),
    "diagrams": ("diagram", "diagrams"),
    "header": ("column", "columns"),
    "rows": ("row", "rows"),
}


@dataclass(frozen=True)
class ValidDeck:
    """A validated deck, the document it came from (for positions) and its folder."""

    deck: Deck
    doc: Document
    root: Path


def validate(doc: Document, root: Path) -> ValidDeck:
    """Return the document validated as a Deck.

    Raises DeckError with every problem in the document, each at its YAML position: those found
    while reading it (`doc.problems`), the slide structure, names that refer to nothing, and
    the model's own checks.
    """
    problems = [*doc.problems, *_structure_problems(doc)]
    # Where reading or the structure checks found a problem, pydantic would only repeat it about
    # the same values in vaguer words.
    covered = [path for path, _ in problems]
    problems.extend(_reference_problems(doc))
    data = _cells_as_written(doc)
    try:
        deck = Deck.model_validate(data)
    except ValidationError as exc:
        located = [(details, *_walk(data, details["loc"])) for details in exc.errors()]
        kept = [(d, path, model) for d, path, model in located if not any(path[: len(c)] == c for c in covered)]
        problems.extend(_describe_all(doc, kept))
        raise DeckError(d for _, d in problems) from None
    if problems:
        raise DeckError(d for _, d in problems)
    return ValidDeck(deck, doc, root)


def _cells_as_written(doc: Document) -> Any:
    """Return the document's data with each table cell YAML read as a number, date or true/false
    replaced by the text the presenter wrote: a table of versions shows 3.10, not 3.1.
    """
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("slides"), list):
        return data

    def as_written(path: YamlPath, value: Any) -> Any:
        if isinstance(value, str | list | dict):
            return value
        return doc.source_text.get(path, value)

    slides: list[Any] = []
    for index, slide in enumerate(data["slides"]):
        table = slide.get("table") if isinstance(slide, dict) else None
        if isinstance(table, dict):
            path: YamlPath = ("slides", index, "table")
            table = dict(table)
            header = table.get("header")
            if isinstance(header, list):
                table["header"] = [as_written((*path, "header", i), cell) for i, cell in enumerate(header)]
            rows = table.get("rows")
            if isinstance(rows, list):
                table["rows"] = [
                    [as_written((*path, "rows", r, i), cell) for i, cell in enumerate(row)]
                    if isinstance(row, list)
                    else row
                    for r, row in enumerate(rows)
                ]
            slide = {**slide, "table": table}
        slides.append(slide)
    return {**data, "slides": slides}


_COLOR_KEYS = ("accent", "text", "background")


def _empty_values(doc: Document, value: Any, path: YamlPath) -> Iterator[tuple[YamlPath, Diagnostic]]:
    """Yield an error for every key written with no value: left blank, or cut short by a '#'.

    Pydantic would take such a key as unset, silently. Bullets are left to their own checks.
    """
    if isinstance(value, list):
        for index, item in enumerate(value):
            yield from _empty_values(doc, item, (*path, index))
        return
    if not isinstance(value, dict) or "bullets" in path or "children" in path:
        return
    for key, inner in value.items():
        if inner is None and doc.source_text.get((*path, key)) == "":
            comment = doc.comments.get((*path, key))
            hint = f"write a value after '{key}:', or delete the line"
            if key in _COLOR_KEYS:
                hint = f"put the colour in quotes: {key}: \"#1F4E79\" (an unquoted '#' starts a YAML comment)"
            elif comment:
                hint = f"'#' starts a comment; if '{comment}' is the value, put it in quotes: {key}: \"{comment}\""
            yield (
                (*path, key),
                error(
                    "schema.empty",
                    doc.key_position((*path, key)),
                    f"'{key}' has no value",
                    expected=f"a value after '{key}:'",
                    found=f"only the comment '{comment}'" if comment else "nothing",
                    hint=hint,
                ),
            )
        elif key != "bullets":
            yield from _empty_values(doc, inner, (*path, key))


def _commented_items(doc: Document) -> Iterator[tuple[YamlPath, Diagnostic]]:
    """Yield an error for every list item that a '#' right after its '- ' turned into a comment.

    '- #1 rule: keep it simple' is an empty item followed by a comment; the presenter meant text.
    """
    for path, comment in doc.comments.items():
        if isinstance(path[-1], int):
            yield (
                path,
                error(
                    "schema.empty",
                    doc.pos(path),
                    f"{_place(doc, path)} is empty: '#' starts a comment",
                    expected="text after '- '; text that starts with '#' in quotes",
                    found=f"'- {comment}', which YAML reads as an empty item and a comment",
                    hint=f'put the text in quotes: - "{comment}"',
                ),
            )


def _structure_problems(doc: Document) -> Iterator[tuple[YamlPath, Diagnostic]]:
    """Yield what pydantic cannot phrase well: slide kinds that clash, bullets nested too deep,
    table rows of the wrong length.
    """
    data = doc.data
    yield from _empty_values(doc, data, ())
    yield from _commented_items(doc)
    if not isinstance(data, dict):
        yield (
            (),
            error(
                "schema.type",
                doc.pos(()),
                "the deck must be a mapping of keys",
                expected="lines such as 'title: ...' and 'slides:'",
                found=_found(doc, (), data),
                hint="start from the example in docs/deck-format.md",
            ),
        )
        return
    slides = data.get("slides")
    if not isinstance(slides, list):
        return
    for index, slide in enumerate(slides):
        path: YamlPath = ("slides", index)
        if not isinstance(slide, dict):
            yield (
                path,
                error(
                    "schema.slide",
                    doc.pos(path),
                    f"{_slide(doc, index)} must be a mapping of keys",
                    expected="a mapping such as '- title: ...' or '- section: ...'",
                    found=f"the text '{slide}'" if isinstance(slide, str) else _found(doc, path, slide),
                    hint=f"write '- title: {slide}' for a title slide, or '- section: {slide}' for a section"
                    if isinstance(slide, str)
                    else "start the slide with 'title:' or 'section:'",
                ),
            )
            continue
        if slide_kind(slide) is None:
            content = [key for key in slide if key in CONTENT_KEYS]
            yield (
                path,
                error(
                    "schema.slide-kind",
                    doc.key_position((*path, content[1])),
                    f"{_slide(doc, index)} combines {_quoted(content, 'and')}, which cannot share a slide",
                    expected=f"one of {_quoted(CONTENT_KEYS, 'or')}, or 'bullets' with {_quoted(VISUAL_KEYS, 'or')}",
                    found=_quoted(content, "and"),
                    hint="keep one of them and move the other to a slide of its own",
                ),
            )
            continue
        if isinstance(slide.get("bullets"), list):
            yield from _bullet_depth(doc, slide["bullets"], (*path, "bullets"), 1)
        if isinstance(slide.get("table"), dict):
            yield from _row_lengths(doc, slide["table"], (*path, "table"), index)


def _row_lengths(
    doc: Document, table: dict[str, Any], path: YamlPath, slide: int
) -> Iterator[tuple[YamlPath, Diagnostic]]:
    header, rows = table.get("header"), table.get("rows")
    if not isinstance(header, list) or not isinstance(rows, list):
        return
    columns = len(header)
    for index, row in enumerate(rows):
        if not isinstance(row, list) or len(row) == columns:
            continue
        row_path: YamlPath = (*path, "rows", index)
        found = _cells(len(row))
        if len(row) < columns:
            hint = 'add the missing cells (write "" for an empty cell)'
        else:
            hint = "delete the extra cells, or add a heading for them to 'header'"
        written = [doc.source_text.get((*row_path, cell)) for cell in range(len(row))]
        line = doc.pos(row_path).line
        if (
            len(row) > columns > 0
            and all(text is not None and ("," not in text) for text in written)
            and all(doc.pos((*row_path, cell)).line == line for cell in range(len(row)))
        ):
            # '[a, b, c]' on one line: every unquoted comma split a cell, most often one that held a comma.
            cells = cast(list[str], written)
            joined = [*cells[: columns - 1], ", ".join(cells[columns - 1 :])]
            found = f"{found}, split at every comma: {_quoted(cells)}"
            hint = (
                "a comma separates cells; put a cell that holds a comma in quotes: "
                + "["
                + ", ".join([*joined[:-1], f'"{joined[-1]}"'])
                + "]; otherwise delete the extra cells"
            )
        yield (
            row_path,
            error(
                "schema.table",
                doc.pos(row_path),
                f"row {index + 1} of the table on {_slide(doc, slide)} has {_cells(len(row))},"
                f" the header has {columns}",
                expected=f"{_cells(columns)} in every row, one under each heading",
                found=found,
                hint=hint,
            ),
        )


def _cells(count: int) -> str:
    return f"{count} cell{'s' * (count != 1)}"


def _bullet_depth(
    doc: Document, bullets: list[Any], path: YamlPath, depth: int
) -> Iterator[tuple[YamlPath, Diagnostic]]:
    for index, item in enumerate(bullets):
        if isinstance(item, dict) and len(item) == 1:
            ((key, children),) = item.items()
            if isinstance(children, list):
                if depth >= MAX_BULLET_DEPTH:
                    yield (
                        (*path, index),
                        error(
                            "schema.bullet-depth",
                            doc.key_position((*path, index, key)),
                            f"bullets are nested more than {MAX_BULLET_DEPTH} levels deep",
                            expected=f"at most {MAX_BULLET_DEPTH} levels of bullets",
                            found=f"sub-items under '{key}', at level {depth + 1}",
                            hint="move the deepest items up a level, or onto a slide of their own",
                        ),
                    )
                else:
                    yield from _bullet_depth(doc, children, (*path, index, key), depth + 1)


def _reference_problems(doc: Document) -> Iterator[tuple[YamlPath, Diagnostic]]:
    """Yield diagram names that are not defined, and check codes and layout kinds that do not exist.

    Reads the YAML values themselves, so these are reported even when other keys are invalid.
    """
    data = doc.data
    if not isinstance(data, dict):
        return
    diagrams = data.get("diagrams", {})
    slides = data.get("slides")
    if isinstance(diagrams, dict) and isinstance(slides, list):
        names = sorted(diagrams)
        for index, slide in enumerate(slides):
            value = slide.get("diagram") if isinstance(slide, dict) else None
            if isinstance(value, str) and value and value not in diagrams and not _is_dot_path(value):
                path: YamlPath = ("slides", index, "diagram")
                hint = _did_you_mean(value, names)
                if hint is None and ("/" in value or "." in value):
                    hint = f"a path must end in .dot or .gv: '{value.rsplit('.', 1)[0]}.dot'"
                yield (
                    path,
                    error(
                        "schema.diagram-name",
                        doc.pos(path),
                        f"unknown diagram '{value}'",
                        expected=f"a name defined under 'diagrams' ({_quoted(names) or 'none are defined'})"
                        " or a path to a .dot or .gv file",
                        found=f"'{value}'",
                        hint=hint or "define it under 'diagrams:' at the top of the deck",
                    ),
                )
    theme = data.get("theme")
    layouts = theme.get("layouts") if isinstance(theme, dict) else None
    if isinstance(layouts, dict):
        for kind in layouts:
            if kind not in LAYOUT_KINDS:
                path = ("theme", "layouts", kind)
                yield (
                    path,
                    error(
                        "schema.layout-kind",
                        doc.key_position(path),
                        f"unknown slide kind '{kind}' under 'layouts'",
                        expected=f"one of {_quoted(LAYOUT_KINDS, 'or')}",
                        found=f"'{kind}'",
                        hint=_did_you_mean(kind, LAYOUT_KINDS) or "see docs/themes.md for what each kind is",
                    ),
                )
    checks = data.get("checks")
    if isinstance(checks, dict):
        for code in checks:
            if code not in rules.RULES:
                path = ("checks", code)
                yield (
                    path,
                    error(
                        "schema.check-code",
                        doc.key_position(path),
                        f"unknown check '{code}'",
                        expected=f"one of {_quoted(sorted(rules.RULES), 'or')}",
                        found=f"'{code}'",
                        hint=_did_you_mean(code, sorted(rules.RULES)) or "see docs/checks.md for the list of checks",
                    ),
                )


def _is_dot_path(value: str) -> bool:
    return value.lower().endswith((".dot", ".gv"))


# --- mapping pydantic's error locations back onto the YAML -------------------------------------


def _walk(data: Any, loc: tuple[int | str, ...]) -> tuple[YamlPath, type[BaseModel] | None]:
    """Return the YAML path of a pydantic error location, and the model that holds it."""
    tp: Any = Deck
    raw = data
    path: list[str | int] = []
    holder: type[BaseModel] | None = Deck
    for seg in loc:
        tp = _unwrap(tp)
        tagged = _tagged_members(tp)
        if tagged:
            tp = tagged.get(str(seg), Any)
            continue
        if _is_model(tp):
            holder = tp
            field = tp.model_fields.get(str(seg))
            tp = field.annotation if field else Any
            if tp is not Any and issubclass(holder, Bullet) and isinstance(raw, dict) and len(raw) == 1:
                # A bullet's fields live in its one-key YAML mapping: the key is the term or text.
                ((key, value),) = raw.items()
                if seg == "children" or (seg == "text" and isinstance(value, str)):
                    seg = key
                elif seg == "term":
                    path.append(key)
                    return tuple(path), None
            elif holder is Bullet and isinstance(raw, str):
                return tuple(path), holder
        else:
            holder = None if isinstance(seg, int) else holder
            args = get_args(tp)
            tp = args[-1] if args else Any
        path.append(seg)
        raw = _child(raw, seg)
    return tuple(path), holder if _is_model(tp) else _model_of(tp, holder)


def _is_model(tp: object) -> TypeGuard[type[BaseModel]]:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _model_of(tp: Any, holder: type[BaseModel] | None) -> type[BaseModel] | None:
    tp = _unwrap(tp)
    return tp if _is_model(tp) else holder


def _child(raw: Any, seg: str | int) -> Any:
    """Return the YAML value under `seg` of a mapping or list, or None when there is none."""
    if isinstance(raw, dict):
        return cast("dict[Any, Any]", raw).get(seg)
    if isinstance(raw, list) and isinstance(seg, int) and 0 <= seg < len(cast("list[Any]", raw)):
        return cast("list[Any]", raw)[seg]
    return None


def _unwrap(tp: Any) -> Any:
    """Strip Annotated and Optional from a type, keeping tagged unions whole."""
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            tp = get_args(tp)[0]
        elif origin in (Union, types.UnionType):
            members = [arg for arg in get_args(tp) if arg is not type(None)]
            if len(members) != 1 or _tag_of(members[0]):
                return tp
            tp = members[0]
        else:
            return tp


def _tag_of(tp: Any) -> str | None:
    if get_origin(tp) is Annotated:
        for meta in get_args(tp)[1:]:
            tag = getattr(meta, "tag", None)
            if isinstance(tag, str):
                return tag
    return None


def _tagged_members(tp: Any) -> dict[str, Any]:
    if get_origin(tp) not in (Union, types.UnionType):
        return {}
    return {tag: get_args(member)[0] for member in get_args(tp) if (tag := _tag_of(member))}


# --- phrasing each error ----------------------------------------------------------------------


def _describe_all(
    doc: Document, located: list[tuple[ErrorDetails, YamlPath, type[BaseModel] | None]]
) -> Iterator[tuple[YamlPath, Diagnostic]]:
    """Yield each pydantic error in words, leaving out a missing key that a misspelt one explains."""
    misspelt: set[YamlPath] = set()
    for details, path, model in located:
        if details["type"] == "extra_forbidden":
            suggestion = _nearest(str(path[-1]), _suggestion_pool(path[:-1], _allowed_keys(path[:-1], model)))
            if suggestion is not None:
                misspelt.add((*path[:-1], suggestion))
                # 'sectoin:' makes a slide without 'title'; 'section:' would have needed none.
                if suggestion == "section":
                    misspelt.add((*path[:-1], "title"))
    for details, path, model in located:
        if details["type"] == "missing" and path in misspelt:
            continue
        yield path, _describe(doc, details, path, model)


def _describe(doc: Document, details: ErrorDetails, path: YamlPath, model: type[BaseModel] | None) -> Diagnostic:
    kind = details["type"]
    key = next((str(seg) for seg in reversed(path) if isinstance(seg, str)), "value")
    subject = f"'{key}'" if path and isinstance(path[-1], str) else _place(doc, path)
    value = details.get("input")
    pos = doc.pos(path)
    found = _found(doc, path, value)
    ctx = details.get("ctx") or {}
    if kind == "missing":
        return _missing_key(doc, path, key)
    if kind == "extra_forbidden":
        return _unknown_key(doc, path, key, model)
    if value is None and kind in ("string_type", "bool_type", "list_type", "model_type", "dict_type"):
        required = model is not None and key in model.model_fields and model.model_fields[key].is_required()
        return error(
            "schema.empty",
            pos,
            f"{subject} has no value",
            expected=_EXPECTED_TYPE[kind],
            found=found,
            hint=f"write the value after '{key}:'" + ("" if required else f", or delete the '{key}' line"),
        )
    if kind == "string_type":
        src = doc.source_text.get(path)
        return error(
            "schema.type",
            pos,
            f"{subject} must be text",
            expected="text",
            found=found,
            hint=f'put the value in quotes: {key}: "{src}"'
            if src
            else "put the text in quotes; YAML reads text with ': ' in it as a 'key: value' mapping"
            if isinstance(value, dict)
            else "put the text in quotes; YAML reads text in brackets as a list"
            if isinstance(value, list)
            else f"write {subject} as text",
        )
    if kind == "string_too_short":
        return error(
            "schema.empty",
            pos,
            f"{subject} is empty",
            expected="some text",
            found="empty text",
            hint=f"write the text, or delete the '{key}' line",
        )
    if kind == "string_too_long":
        limit = ctx.get("max_length")
        return error(
            "schema.too-long",
            pos,
            f"{subject} is too long",
            expected=f"at most {limit:,} characters",
            found=f"{len(str(value)):,} characters",
            hint="shorten it; put the detail in the slide's notes",
        )
    if kind == "string_pattern_mismatch":
        expected, hint = _PATTERN_HELP.get(key, ("text of the documented form", "see docs/deck-format.md"))
        return error("schema.format", pos, f"{subject} must be {expected}", expected=expected, found=found, hint=hint)
    if kind == "bool_type":
        return error(
            "schema.type",
            pos,
            f"{subject} must be true or false",
            expected="true or false",
            found=found,
            hint=f"write '{key}: true' or '{key}: false'",
        )
    if kind == "list_type":
        return error(
            "schema.type",
            pos,
            f"{subject} must be a list",
            expected=_EXPECTED_TYPE[kind],
            found=found,
            hint="write the row's cells in brackets: - [first cell, second cell]"
            if key == "rows" and isinstance(path[-1], int)
            else f"put each item of '{key}' on its own line starting with '- ', indented under '{key}:'",
        )
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return error(
            "schema.type",
            pos,
            f"{subject} must be a mapping",
            expected=_EXPECTED_TYPE["dict_type"],
            found=found,
            hint=_MAPPING_HINTS.get(key, f"indent the keys of '{key}' under it")
            if subject.startswith("'")
            else "write each column as '- heading: ...' with 'bullets:' or 'text:' under it"
            if key == "columns"
            else "write it as indented 'key: value' lines",
        )
    if kind == "too_short":
        return _count_error(pos, key, value, "at least", ctx.get("min_length", 0))
    if kind == "too_long":
        return _count_error(pos, key, value, "at most", ctx.get("max_length", 0))
    if kind == "literal_error":
        options = [option.strip("'") for option in str(ctx.get("expected", "")).replace(" or ", ", ").split(", ")]
        return error(
            "schema.value",
            pos,
            f"{subject} cannot be " + (f"'{value}'" if isinstance(value, str) else doc.source_text.get(path, found)),
            expected=f"one of {_quoted(options, 'or')}",
            found=found,
            hint=_did_you_mean(str(value), options) or f"write one of {_quoted(options, 'or')}",
        )
    return _custom_error(doc, kind, path, key, value, found)


_MAPPING_HINTS = {
    "table": "write 'header:' with the headings and 'rows:' with a list of cells per row, indented under 'table:'",
    "code": "write 'language:' and 'source: |' (or 'file:') indented under 'code:'",
}

_EXPECTED_TYPE = {
    "string_type": "text",
    "bool_type": "true or false",
    "list_type": "a list: lines starting with '- '",
    "model_type": "indented 'key: value' lines",
    "dict_type": "indented 'key: value' lines",
}


def _missing_key(doc: Document, path: YamlPath, key: str) -> Diagnostic:
    where = _place(doc, path[:-1])
    value = _value_at(doc.data, path[:-1])
    keys = list(value) if isinstance(value, dict) else []
    return error(
        "schema.missing-key",
        doc.pos(path[:-1]),
        f"{where} has no '{key}'",
        expected=f"'{key}' in {where}",
        found=f"only {_quoted(keys, 'and')}" if keys else "no keys",
        hint=f"add a line '{key}: ...' to {where}",
    )


def _unknown_key(doc: Document, path: YamlPath, key: str, model: type[BaseModel] | None) -> Diagnostic:
    parent = path[:-1]
    pos = doc.key_position(path)
    kind = getattr(model, "kind", None)
    if len(parent) == 2 and parent[0] == "slides" and key in _ALL_SLIDE_KEYS and model is not None:
        # The key is valid on some slides, just not on this kind.
        hint = (
            "a section slide shows its 'section' text as its title; delete 'title'"
            if key == "title"
            else f"'{key}' goes only with 'section'; delete it, or put the text in the title or the notes"
        )
        return error(
            "schema.unknown-key",
            pos,
            f"'{key}' cannot be used on a {_KIND_NAMES.get(str(kind), 'slide')}",
            expected=f"the keys of a {_KIND_NAMES.get(str(kind), 'slide')}: {_quoted(list(model.model_fields), 'and')}",
            found=f"'{key}'",
            hint=hint,
        )
    allowed = _allowed_keys(parent, model)
    suggestion = _nearest(key, _suggestion_pool(parent, allowed))
    return error(
        "schema.unknown-key",
        pos,
        f"unknown key '{key}' in {_place(doc, parent)}",
        expected=f"one of {_quoted(allowed, 'or')}",
        found=f"'{key}'",
        hint=f"did you mean '{suggestion}'?"
        if suggestion
        else "delete it, or check its spelling against docs/deck-format.md",
    )


def _count_error(pos: SourcePos, key: str, value: Any, bound: str, limit: int) -> Diagnostic:
    count = len(value) if isinstance(value, list | dict) else 0
    one, many = _NOUNS.get(key, ("item", "items"))

    def counted(number: int) -> str:
        return f"{number:,} {one if number == 1 else many}"

    if key == "slides":
        hint = (
            "add a slide under 'slides:', e.g. '- title: Introduction'"
            if bound == "at least"
            else "split the lesson into several decks"
        )
    elif key == "columns":
        hint = "a comparison has two or three columns; " + (
            "add a column, or use 'bullets' for a single list"
            if bound == "at least"
            else "move the rest to a slide of its own"
        )
    elif key in ("header", "rows") and count:
        hint = "split the table over two slides, or leave out the columns the point does not need"
    elif count == 0:
        hint = f"add an item under '{key}:', or delete the '{key}' line"
    else:
        hint = "split the items over several slides"
    return error(
        "schema.count",
        pos,
        f"'{key}' is empty" if count == 0 else f"'{key}' has {counted(count)}",
        expected=f"{bound} {counted(limit)}",
        found="an empty list" if count == 0 else counted(count),
        hint=hint,
    )


def _custom_error(doc: Document, kind: str, path: YamlPath, key: str, value: Any, found: str) -> Diagnostic:
    place = _place(doc, path)
    pos = doc.pos(path)
    if kind == "bullet_value":
        ((term, definition),) = value.items()
        src = doc.source_text.get((*path, term))
        return error(
            "schema.bullet",
            doc.pos((*path, term)),
            f"the definition of '{term}' in {place} is neither text nor a list",
            expected="'term: definition' text, or sub-items as lines starting with '- '",
            found=_found(doc, (*path, term), definition),
            hint=f'put the definition in quotes: {term}: "{src}"'
            if src
            else f"write the definition after '{term}:', or delete the ':' to make it plain text",
        )
    if kind == "bullet_shape":
        hint = "write the bullet as text on one line after '- '"
        if isinstance(value, dict) and value:
            second = list(value)[1]
            hint = (
                f"if '{second}' is a bullet of its own, start it with '- ';"
                " if the text contains ': ', put the whole bullet in quotes"
            )
        return error(
            "schema.bullet",
            pos,
            f"{place} must be text or a single 'key: value'",
            expected="text, 'term: definition', or 'text:' with sub-items",
            found=found,
            hint=hint,
        )
    if kind == "diagram_source":
        both = isinstance(value, dict) and "file" in value and "dot" in value
        return error(
            "schema.diagram",
            pos,
            f"{place} needs exactly one of 'file' or 'dot'",
            expected="'file: diagrams/name.dot', or 'dot: |' followed by the DOT source",
            found="both 'file' and 'dot'" if both else found,
            hint="keep one of the two"
            if both
            else "add 'file:' with the path to a .dot file, or 'dot: |' with the source",
        )
    if kind == "diagram_type":
        return error(
            "schema.diagram",
            pos,
            f"'{key}' must name a diagram",
            expected="a name from 'diagrams', a path to a .dot or .gv file, or a mapping with 'file' or 'dot'",
            found=found,
            hint="write e.g. 'diagram: diagrams/roles.dot'",
        )
    if kind == "code_source":
        both = isinstance(value, dict) and "source" in value and "file" in value
        return error(
            "schema.code",
            pos,
            f"{place} needs exactly one of 'source' or 'file'",
            expected="'source: |' followed by the code, or 'file:' with the path to a code file",
            found="both 'source' and 'file'" if both else found,
            hint="keep one of the two" if both else "add 'source: |' with the code, or 'file:' with its path",
        )
    if kind == "quote_type":
        return error(
            "schema.quote",
            pos,
            f"'{key}' must be text, or a mapping with 'text' and 'by'",
            expected="the quoted text, or 'text:' and 'by:' indented under 'quote:'",
            found=found,
            hint="write e.g. 'quote: Simple is better than complex.'",
        )
    if kind == "image_type":
        return error(
            "schema.image",
            pos,
            f"'{key}' must name an image file",
            expected="a path to a .png, .jpg, .gif or .svg file, or a mapping with 'file', 'alt' and 'credit'",
            found=found,
            hint="write e.g. 'image: images/cluster.png'",
        )
    if kind == "column_empty":
        return error(
            "schema.column",
            pos,
            f"{place} is empty",
            expected="'heading' with 'bullets' or 'text'",
            found=found,
            hint="add 'bullets:' or 'text:' to the column, or delete the column",
        )
    if kind == "column_both":
        return error(
            "schema.column",
            pos,
            f"{place} has both 'bullets' and 'text'",
            expected="either 'bullets' or 'text'",
            found="both",
            hint="keep one of the two",
        )
    return error(
        "schema.invalid",
        pos,
        f"'{key}' is not valid",
        expected="a value of the documented form",
        found=found,
        hint="see docs/deck-format.md",
    )


def _found(doc: Document, path: YamlPath, value: Any) -> str:
    """Return the value at `path` as a presenter would describe what they wrote."""
    src = doc.source_text.get(path)
    if isinstance(value, dict):
        if not value:
            return "an empty mapping"
        return f"a mapping with the key{'s' * (len(value) != 1)} {_quoted(list(value), 'and')}"
    if isinstance(value, list):
        return f"a list of {len(value)} item{'s' * (len(value) != 1)}" if value else "an empty list"
    if isinstance(value, str):
        return f"'{value if len(value) <= 60 else value[:57] + '...'}'"
    if value is None:
        return f"{src} (YAML reads it as no value)" if src else "no value"
    if src is None:
        return type_name(value)
    if isinstance(value, bool):
        return f"{src} (YAML reads it as {str(value).lower()}, not text)"
    return f"{src} (YAML reads it as {type_name(value)})"


def _value_at(data: Any, path: YamlPath) -> Any:
    for seg in path:
        data = _child(data, seg)
    return data


def slide_number(doc: Document, index: int) -> int:
    """Return the number in the built deck of the entry `index` of 'slides'.

    The title slide is 1 and the agenda (with 'agenda: true') 2, so the entries start at 2 or 3;
    planning and accessibility messages count the same way.
    """
    agenda = isinstance(doc.data, dict) and doc.data.get("agenda") is True
    return index + 2 + agenda


def _slide(doc: Document, index: int) -> str:
    return f"slide {slide_number(doc, index)}"


def _place(doc: Document, path: YamlPath) -> str:
    """Return where `path` is, in a presenter's words: "slide 3", "column 2 of slide 3"."""
    match path:
        case ():
            return "the deck"
        case ("slides", int(index), *rest):
            return _place_in_slide(_slide(doc, index), rest)
        case ("diagrams", name, *_):
            return f"the diagram '{name}' under 'diagrams'"
        case _:
            return " under ".join(f"'{seg}'" for seg in reversed(path) if isinstance(seg, str))


def _place_in_slide(slide: str, rest: list[str | int]) -> str:
    match rest:
        case []:
            return slide
        case ["table", "rows", int(row)]:
            return f"row {row + 1} of the table on {slide}"
        case ["table", "rows", int(row), int(cell), *_]:
            return f"cell {cell + 1} of row {row + 1} of the table on {slide}"
        case ["table", "header", int(cell), *_]:
            return f"heading {cell + 1} of the table on {slide}"
        case [("bullets" | "columns") as key, int(number), *deeper]:
            item = f"{key.removesuffix('s')} {number + 1} of {slide}"
            if not deeper:
                return item
            if key == "columns" and isinstance(deeper[0], str):
                return f"'{deeper[0]}' of {item}"
            return f"a sub-item of {item}"
        case _:
            return f"'{rest[0]}' of {slide}"


def _allowed_keys(path: YamlPath, model: type[BaseModel] | None) -> list[str]:
    if path[:1] == ("slides",) and len(path) == 2:
        return _ALL_SLIDE_KEYS
    if model is None:
        return []
    return list(model.model_fields)


def _suggestion_pool(path: YamlPath, allowed: list[str]) -> list[str]:
    if len(path) == 2 and path[0] == "diagrams":
        return list(DiagramSpec.model_fields)
    return allowed


def _nearest(word: str, options: list[str] | tuple[str, ...]) -> str | None:
    matches = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return matches[0] if matches else None


def _did_you_mean(word: str, options: list[str] | tuple[str, ...]) -> str | None:
    nearest = _nearest(word, options)
    return f"did you mean '{nearest}'?" if nearest else None


def _quoted(items: list[str] | tuple[str, ...], conjunction: str | None = None) -> str:
    """Return the items in quotes, comma-separated, the last one after `conjunction` if given."""
    quoted = [f"'{item}'" for item in items]
    if conjunction is None or len(quoted) < 2:
        return ", ".join(quoted)
    return f"{', '.join(quoted[:-1])} {conjunction} {quoted[-1]}"
