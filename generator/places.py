"""How messages name the parts of a deck: places, slides (by their number in the built deck), values as written."""

from __future__ import annotations

from typing import Any, cast

from .source import Document, YamlPath, type_name
from .wording import quoted


def cells(count: int) -> str:
    return f"{count} cell{'s' * (count != 1)}"


def found(doc: Document, path: YamlPath, value: Any) -> str:
    """Return the value at `path` as a presenter would describe what they wrote."""
    src = doc.source_text.get(path)
    if isinstance(value, dict):
        if not value:
            return "an empty mapping"
        return f"a mapping with the key{'s' * (len(value) != 1)} {quoted(list(value), 'and')}"
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


def child(raw: Any, seg: str | int) -> Any:
    """Return the YAML value under `seg` of a mapping or list, or None when there is none."""
    if isinstance(raw, dict):
        return cast("dict[Any, Any]", raw).get(seg)
    if isinstance(raw, list) and isinstance(seg, int) and 0 <= seg < len(cast("list[Any]", raw)):
        return cast("list[Any]", raw)[seg]
    return None


def value_at(data: Any, path: YamlPath) -> Any:
    for seg in path:
        data = child(data, seg)
    return data


def slide_number(doc: Document, index: int) -> int:
    """Return the number in the built deck of the entry `index` of 'slides'.

    The title slide is 1 and the agenda (with 'agenda: true') 2, so the entries start at 2 or 3;
    planning and accessibility messages count the same way.
    """
    agenda = isinstance(doc.data, dict) and doc.data.get("agenda") is True
    return index + 2 + agenda


def slide(doc: Document, index: int) -> str:
    return f"slide {slide_number(doc, index)}"


def place(doc: Document, path: YamlPath) -> str:
    """Return where `path` is, in a presenter's words: "slide 3", "column 2 of slide 3"."""
    match path:
        case ():
            return "the deck"
        case ("slides", int(index), *rest):
            return _place_in_slide(slide(doc, index), rest)
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
