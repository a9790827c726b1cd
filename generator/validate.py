"""Loaded YAML to a validated model.Deck: every problem at its YAML position, all at once."""

from __future__ import annotations

import difflib
import types
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from . import rules
from .diagnostics import DeckError, Diagnostic, error
from .model import (
    CONTENT_KEYS,
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
    "language": ("a BCP 47 language tag such as en-US or fr-FR", "write a tag such as en-US"),
    "source": (
        "a web address starting with http:// or https://",
        "write the full address, e.g. https://example.org/lesson",
    ),
    "accent": ("a colour as #RRGGBB", "write six hex digits after '#', e.g. #1F6FEB"),
    "text": ("a colour as #RRGGBB", "write six hex digits after '#', e.g. #1F2937"),
    "background": ("a colour as #RRGGBB", "write six hex digits after '#', e.g. #FFFFFF"),
}


@dataclass(frozen=True)
class ValidDeck:
    """A validated deck, the document it came from (for positions) and its folder."""

    deck: Deck
    doc: Document
    root: Path


def validate(doc: Document, root: Path) -> ValidDeck:
    """Return the document validated as a Deck.

    Raises DeckError with every problem in the document, each at its YAML position.
    """
    problems = list(_structure_problems(doc))
    reported = {_slide_prefix(d_path) for d_path, _ in problems}
    try:
        deck = Deck.model_validate(doc.data)
    except ValidationError as exc:
        for details in exc.errors():
            path, model = _walk(doc.data, details["loc"])
            if _slide_prefix(path) in reported:
                continue
            problems.append((path, _describe(doc, details, path, model)))
        raise DeckError(d for _, d in problems) from None
    problems.extend(_reference_problems(doc, deck))
    if problems:
        raise DeckError(d for _, d in problems)
    return ValidDeck(deck, doc, root)


def _slide_prefix(path: YamlPath) -> YamlPath:
    return path[:2] if path[:1] == ("slides",) else ("-",)


def _structure_problems(doc: Document) -> Iterator[tuple[YamlPath, Diagnostic]]:
    """Yield what pydantic cannot phrase well: slide kinds that clash, bullets nested too deep."""
    data = doc.data
    if not isinstance(data, dict):
        yield (
            (),
            error(
                "schema.type",
                doc.pos(()),
                "the deck must be a mapping of keys",
                expected="lines such as 'title: ...' and 'slides:'",
                found=type_name(data),
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
            found = f"text '{slide}'" if isinstance(slide, str) else type_name(slide)
            yield (
                path,
                error(
                    "schema.slide",
                    doc.pos(path),
                    "a slide must be a mapping of keys",
                    expected="a mapping such as '- title: ...' or '- section: ...'",
                    found=found,
                    hint=f"write '- title: {slide}'"
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
                    f"content keys {_quoted(content)} cannot be combined on one slide",
                    expected=f"one of {_quoted(CONTENT_KEYS)}, or 'bullets' with one of {_quoted(VISUAL_KEYS)}",
                    found=f"{_quoted(content)}",
                    hint="split the content into two slides",
                ),
            )
            continue
        if isinstance(slide.get("bullets"), list):
            yield from _bullet_depth(doc, slide["bullets"], (*path, "bullets"), 1)


def _bullet_depth(
    doc: Document, bullets: list[Any], path: YamlPath, depth: int
) -> Iterator[tuple[YamlPath, Diagnostic]]:
    for index, item in enumerate(bullets):
        if isinstance(item, dict) and len(item) == 1:
            ((key, children),) = item.items()
            if isinstance(children, list):
                if depth >= MAX_BULLET_DEPTH:
                    yield (
                        path,
                        error(
                            "schema.bullet-depth",
                            doc.key_position((*path, index, key)),
                            f"bullets are nested more than {MAX_BULLET_DEPTH} levels deep",
                            expected=f"at most {MAX_BULLET_DEPTH} levels of bullets",
                            found=f"sub-items under '{key}' at level {depth + 1}",
                            hint="move the deepest items up a level, or onto a slide of their own",
                        ),
                    )
                else:
                    yield from _bullet_depth(doc, children, (*path, index, key), depth + 1)


def _reference_problems(doc: Document, deck: Deck) -> Iterator[tuple[YamlPath, Diagnostic]]:
    """Yield diagram names that are not defined and check codes that do not exist."""
    names = sorted(deck.diagrams)
    for index, slide in enumerate(deck.slides):
        value = getattr(slide, "diagram", None)
        if isinstance(value, str) and value not in deck.diagrams and not value.endswith((".dot", ".gv")):
            path: YamlPath = ("slides", index, "diagram")
            yield (
                path,
                error(
                    "schema.diagram-name",
                    doc.pos(path),
                    f"unknown diagram '{value}'",
                    expected=f"a name from 'diagrams' ({', '.join(names) or 'none defined'})"
                    " or a path to a .dot or .gv file",
                    found=f"'{value}'",
                    hint=_did_you_mean(value, names) or "define it under 'diagrams:' at the top of the deck",
                ),
            )
    for code in deck.checks:
        if code not in rules.RULES:
            path = ("checks", code)
            yield (
                path,
                error(
                    "schema.check-code",
                    doc.key_position(path),
                    f"unknown check '{code}'",
                    expected=f"one of {_quoted(sorted(rules.RULES))}",
                    found=f"'{code}'",
                    hint=_did_you_mean(code, list(rules.RULES)) or "see docs/checks.md for the list of checks",
                ),
            )


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
        if isinstance(tp, type) and issubclass(tp, BaseModel):
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
        raw = raw[seg] if isinstance(raw, dict | list) and _has(raw, seg) else None
    return tuple(path), holder if isinstance(tp, type) and issubclass(tp, BaseModel) else _model_of(tp, holder)


def _model_of(tp: Any, holder: type[BaseModel] | None) -> type[BaseModel] | None:
    tp = _unwrap(tp)
    return tp if isinstance(tp, type) and issubclass(tp, BaseModel) else holder


def _has(raw: dict[Any, Any] | list[Any], seg: str | int) -> bool:
    if isinstance(raw, dict):
        return seg in raw
    return isinstance(seg, int) and 0 <= seg < len(raw)


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


def _describe(doc: Document, details: ErrorDetails, path: YamlPath, model: type[BaseModel] | None) -> Diagnostic:
    kind = details["type"]
    key = next((str(seg) for seg in reversed(path) if isinstance(seg, str)), "value")
    value = details.get("input")
    pos = doc.pos(path)
    found = _found(doc, path, value)
    ctx = details.get("ctx") or {}
    if kind == "missing":
        where = _place(path[:-1])
        return error(
            "schema.missing-key",
            doc.pos(path[:-1]),
            f"missing required key '{key}'",
            expected=f"'{key}' in {where}",
            found=_keys_found(doc, path[:-1]),
            hint=f"add a line '{key}: ...' to {where}",
        )
    if kind == "extra_forbidden":
        allowed = _allowed_keys(path[:-1], model)
        return error(
            "schema.unknown-key",
            doc.key_position(path),
            f"unknown key '{key}' in {_place(path[:-1])}",
            expected=f"one of {_quoted(allowed)}",
            found=f"'{key}'",
            hint=_did_you_mean(key, _suggestion_pool(path[:-1], allowed))
            or "remove it, or check its spelling against docs/deck-format.md",
        )
    if kind == "string_type":
        src = doc.source_text.get(path)
        return error(
            "schema.type",
            pos,
            f"'{key}' must be text",
            expected="text",
            found=found,
            hint=f'put the value in quotes: {key}: "{src}"' if src is not None else f"write '{key}' as text",
        )
    if kind == "string_too_short":
        return error(
            "schema.empty",
            pos,
            f"'{key}' is empty",
            expected="some text",
            found="an empty value",
            hint=f"write the text, or delete the '{key}' line",
        )
    if kind == "string_too_long":
        limit = ctx.get("max_length")
        return error(
            "schema.too-long",
            pos,
            f"'{key}' is too long",
            expected=f"at most {limit:,} characters",
            found=f"{len(str(value)):,} characters",
            hint="shorten it; put the detail in the slide's notes",
        )
    if kind == "string_pattern_mismatch":
        expected, hint = _PATTERN_HELP.get(key, ("text of the documented form", "see docs/deck-format.md"))
        return error("schema.format", pos, f"'{key}' is not {expected}", expected=expected, found=found, hint=hint)
    if kind == "bool_type":
        return error(
            "schema.type",
            pos,
            f"'{key}' must be true or false",
            expected="true or false",
            found=found,
            hint=f"write '{key}: true' or '{key}: false'",
        )
    if kind == "list_type":
        return error(
            "schema.type",
            pos,
            f"'{key}' must be a list",
            expected="a list of lines starting with '- '",
            found=found,
            hint=f"put each item of '{key}' on its own line starting with '- '",
        )
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return error(
            "schema.type",
            pos,
            f"'{key}' must be a mapping",
            expected="indented 'key: value' lines",
            found=found,
            hint=f"indent the keys of '{key}' under it",
        )
    if kind == "too_short":
        return _count_error(pos, key, value, f"at least {ctx.get('min_length')}")
    if kind == "too_long":
        return _count_error(pos, key, value, f"at most {ctx.get('max_length')}")
    if kind == "literal_error":
        options = [option.strip("'") for option in str(ctx.get("expected", "")).replace(" or ", ", ").split(", ")]
        return error(
            "schema.value",
            pos,
            f"'{key}' cannot be {found}",
            expected=f"one of {_quoted(options)}",
            found=found,
            hint=_did_you_mean(str(value), options) or f"choose one of {_quoted(options)}",
        )
    return _custom_error(kind, pos, key, value, found)


def _count_error(pos: Any, key: str, value: Any, bound: str) -> Diagnostic:
    count = len(value) if isinstance(value, list | dict) else 0
    noun = "slides" if key == "slides" else "items"
    hint = {
        "slides": "add at least one slide under 'slides:'",
        "columns": "a comparison has two or three columns",
    }.get(key, "split the items over several slides")
    return error(
        "schema.count",
        pos,
        f"'{key}' has {count} {noun}",
        expected=f"{bound} {noun}",
        found=f"{count} {noun}",
        hint=hint,
    )


def _custom_error(kind: str, pos: Any, key: str, value: Any, found: str) -> Diagnostic:
    if kind == "bullet_value":
        ((term, _),) = value.items()
        return error(
            "schema.bullet",
            pos,
            f"the bullet '{term}' has a value that is neither text nor a list",
            expected="'term: definition' text, or sub-items as lines starting with '- '",
            found=found,
            hint=f'put the definition in quotes: {term}: "..."',
        )
    if kind == "bullet_shape":
        hint = "write the bullet as text on one line after '- '"
        if isinstance(value, dict):
            hint = "a bullet with several 'key: value' pairs is usually an unquoted ': '; quote the whole bullet"
        return error(
            "schema.bullet",
            pos,
            "a bullet must be text or a one-key mapping",
            expected="text, 'term: definition', or 'text:' with sub-items",
            found=found,
            hint=hint,
        )
    if kind == "diagram_source":
        return error(
            "schema.diagram",
            pos,
            "a diagram needs exactly one of 'file' or 'dot'",
            expected="'file: diagrams/name.dot' or 'dot: |' with the DOT source",
            found=found,
            hint="keep one of the two keys",
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
    if kind == "column_empty":
        return error(
            "schema.column",
            pos,
            "a column is empty",
            expected="'heading' with 'bullets' or 'text'",
            found=found,
            hint="add 'bullets:' or 'text:' to the column, or remove it",
        )
    if kind == "column_both":
        return error(
            "schema.column",
            pos,
            "a column has both 'bullets' and 'text'",
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
    src = doc.source_text.get(path)
    if isinstance(value, dict):
        return f"a mapping with keys {_quoted(list(value))}" if value else "an empty mapping"
    if isinstance(value, list):
        return f"a list of {len(value)} items"
    if src is not None and not isinstance(value, str):
        return f"{type_name(value)} ({src})" if src else type_name(value)
    if isinstance(value, str):
        return f"'{value if len(value) <= 60 else value[:57] + '...'}'"
    return type_name(value)


def _keys_found(doc: Document, path: YamlPath) -> str:
    value = _value_at(doc.data, path)
    if isinstance(value, dict) and value:
        return f"the keys {_quoted(list(value))}"
    return "no keys"


def _value_at(data: Any, path: YamlPath) -> Any:
    for seg in path:
        if not isinstance(data, dict | list) or not _has(data, seg):
            return None
        data = data[seg]
    return data


def _place(path: YamlPath) -> str:
    if not path:
        return "the deck"
    if path[0] == "slides" and len(path) == 2:
        return f"slide {int(path[1]) + 1}"
    if path[0] == "slides" and len(path) > 2:
        return f"'{path[-1]}' of slide {int(path[1]) + 1}" if isinstance(path[-1], str) else f"slide {int(path[1]) + 1}"
    return f"'{path[-1]}'" if isinstance(path[-1], str) else f"'{path[-2]}'"


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


def _did_you_mean(word: str, options: list[str] | tuple[str, ...]) -> str | None:
    matches = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"did you mean '{matches[0]}'?" if matches else None


def _quoted(items: list[str] | tuple[str, ...]) -> str:
    return ", ".join(f"'{item}'" for item in items)
