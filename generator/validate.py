"""Loaded YAML to a validated deck_model.Deck: every problem at its YAML position, all at once."""

from __future__ import annotations

import types
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, TypeGuard, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from . import deck_rules, places, schema_messages
from .deck_model import Deck
from .diagnostics import DeckError, Diagnostic
from .kinds import HEADING_KEYS
from .located import locate
from .model import Bullet
from .source import Document, YamlPath
from .wording import nearest


@dataclass(frozen=True)
class ValidDeck:
    """A validated deck, every model object in it located (see `located.where`), the document it
    came from and its folder."""

    deck: Deck
    doc: Document
    root: Path


def validate(doc: Document, root: Path) -> ValidDeck:
    """Return the document validated as a Deck.

    Raises DeckError with every problem in the document, each at its YAML position: those found
    while reading it (`doc.problems`), the slide structure, names that refer to nothing, and
    the model's own checks.
    """
    problems = [*doc.problems, *deck_rules.structure_problems(doc)]
    # Where reading or the structure checks found a problem, pydantic would only repeat it about
    # the same values in vaguer words.
    covered = [path for path, _ in problems]
    problems.extend(deck_rules.reference_problems(doc))
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
    locate(deck, doc)
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
        raw = places.child(raw, seg)
    return tuple(path), holder if _is_model(tp) else _model_of(tp, holder)


def _is_model(tp: object) -> TypeGuard[type[BaseModel]]:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _model_of(tp: Any, holder: type[BaseModel] | None) -> type[BaseModel] | None:
    tp = _unwrap(tp)
    return tp if _is_model(tp) else holder


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


def _describe_all(
    doc: Document, located: list[tuple[ErrorDetails, YamlPath, type[BaseModel] | None]]
) -> Iterator[tuple[YamlPath, Diagnostic]]:
    """Yield each pydantic error in words, leaving out a missing key that a misspelt one explains."""
    misspelt: set[YamlPath] = set()
    for details, path, model in located:
        if details["type"] == "extra_forbidden":
            suggestion = nearest(
                str(path[-1]),
                schema_messages.suggestion_pool(path[:-1], schema_messages.allowed_keys(path[:-1], model)),
            )
            if suggestion is not None:
                misspelt.add((*path[:-1], suggestion))
                # 'sectoin:' makes a slide without 'title'; 'section:' would have needed none.
                if suggestion in HEADING_KEYS:
                    misspelt.add((*path[:-1], "title"))
    for details, path, model in located:
        if details["type"] == "missing" and path in misspelt:
            continue
        yield path, schema_messages.describe(doc, details, path, model)
