"""Pydantic's errors in a presenter's words; a Rule a model checks brings its own (see broken_rule)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from . import places
from .broken_rule import RULE_BROKEN, Rule, Site
from .diagnostics import Diagnostic, SourcePos, error
from .kinds import KINDS, SLIDE_MODELS
from .model import DiagramSpec
from .source import Document, YamlPath
from .wording import did_you_mean

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


# What a list holds, for counting it in words: singular and plural.
_NOUNS = {
    "slides": ("slide", "slides"),
    "columns": ("column", "columns"),
    "bullets": ("bullet", "bullets"),
    "diagrams": ("diagram", "diagrams"),
    "header": ("column", "columns"),
    "rows": ("row", "rows"),
}


_ALL_SLIDE_KEYS = sorted({key for model in SLIDE_MODELS.values() for key in model.model_fields})


def _kind_noun(kind: object) -> str:
    """Return how messages name a slide of `kind`: 'quote slide', or 'slide' for no kind."""
    found = KINDS.get(str(kind))
    return found.noun if found else "slide"


def describe(doc: Document, details: ErrorDetails, path: YamlPath, model: type[BaseModel] | None) -> Diagnostic:
    kind = details["type"]
    key = next((str(seg) for seg in reversed(path) if isinstance(seg, str)), "value")
    subject = f"'{key}'" if path and isinstance(path[-1], str) else places.place(doc, path)
    value = details.get("input")
    pos = doc.pos(path)
    found = places.found(doc, path, value)
    ctx = details.get("ctx") or {}
    if kind == RULE_BROKEN:
        return _broken(doc, ctx["rule"], path, key, value)
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
            expected=f"one of {places.quoted(options, 'or')}",
            found=found,
            hint=did_you_mean(str(value), options) or f"write one of {places.quoted(options, 'or')}",
        )
    # A kind of pydantic error no deck is known to cause.
    return error(
        "schema.invalid",
        pos,
        f"'{key}' is not valid",
        expected="a value of the documented form",
        found=found,
        hint="see docs/deck-format.md",
    )


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


def _broken(doc: Document, rule: Rule, path: YamlPath, key: str, value: Any) -> Diagnostic:
    """Return the message of a rule a model checks, in the rule's own words."""
    place = places.place(doc, path)
    if rule.under is not None:
        path, value = (*path, rule.under), value[rule.under]
    site = Site(key, place, places.found(doc, path, value), doc.source_text.get(path), value)
    message, expected, found, hint = rule.words(site)
    return error(rule.code, doc.pos(path), message, expected=expected, found=found, hint=hint)


def _missing_key(doc: Document, path: YamlPath, key: str) -> Diagnostic:
    where = places.place(doc, path[:-1])
    value = places.value_at(doc.data, path[:-1])
    keys = list(value) if isinstance(value, dict) else []
    return error(
        "schema.missing-key",
        doc.pos(path[:-1]),
        f"{where} has no '{key}'",
        expected=f"'{key}' in {where}",
        found=f"only {places.quoted(keys, 'and')}" if keys else "no keys",
        hint=f"add a line '{key}: ...' to {where}",
    )


def _unknown_key(doc: Document, path: YamlPath, key: str, model: type[BaseModel] | None) -> Diagnostic:
    parent = path[:-1]
    pos = doc.key_position(path)
    kind = getattr(model, "kind", None)
    if len(parent) == 2 and parent[0] == "slides" and key in _ALL_SLIDE_KEYS and model is not None:
        # The key is valid on some slides, just not on this kind.
        # A heading slide (a section) shows its own key as its title; the other keys a titled
        # slide cannot have belong to the heading slides.
        headings = [k for k in KINDS.values() if k.heading]
        owners = [k for k in headings if key in k.model.model_fields] or headings
        named = places.quoted([name for owner in owners for name in owner.keys], "or")
        hint = (
            f"a {_kind_noun(kind)} shows its '{kind}' text as its title; delete 'title'"
            if key == "title"
            else f"'{key}' goes only with {named}; delete it, or put the text in the title or the notes"
        )
        return error(
            "schema.unknown-key",
            pos,
            f"'{key}' cannot be used on a {_kind_noun(kind)}",
            expected=f"the keys of a {_kind_noun(kind)}: {places.quoted(list(model.model_fields), 'and')}",
            found=f"'{key}'",
            hint=hint,
        )
    allowed = allowed_keys(parent, model)
    return error(
        "schema.unknown-key",
        pos,
        f"unknown key '{key}' in {places.place(doc, parent)}",
        expected=f"one of {places.quoted(allowed, 'or')}",
        found=f"'{key}'",
        hint=did_you_mean(key, suggestion_pool(parent, allowed))
        or "delete it, or check its spelling against docs/deck-format.md",
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


def allowed_keys(path: YamlPath, model: type[BaseModel] | None) -> list[str]:
    if path[:1] == ("slides",) and len(path) == 2:
        return _ALL_SLIDE_KEYS
    if model is None:
        return []
    return list(model.model_fields)


def suggestion_pool(path: YamlPath, allowed: list[str]) -> list[str]:
    if len(path) == 2 and path[0] == "diagrams":
        return list(DiagramSpec.model_fields)
    return allowed
