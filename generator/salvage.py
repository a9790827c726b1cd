"""The errors of a deck's later stages, found on its valid parts while its schema errors stand."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from . import validate
from .assets import resolve
from .assets.cache import Cache
from .deck_model import Deck
from .diagnostics import DeckError, Diagnostic
from .source import Document

_PLACEHOLDER_TITLE = "x"
_PLACEHOLDER_SLIDE = {"title": _PLACEHOLDER_TITLE}
"""Stands in for a slide with errors, so every other slide keeps its index (and its positions)."""


def later_errors(doc: Document, root: Path, cache_dir: Path) -> list[Diagnostic]:
    """Return the errors the asset stage finds in the valid parts of `doc`, a deck with schema errors.

    A presenter who misspells a key, gives a number as a title and names a missing diagram
    gets all three in one run: the slides and settings with errors are set aside, the rest is
    validated again and its diagrams, pictures and code files are read (Graphviz runs as in
    `check`: the cache is read, nothing is written to it). Empty when nothing can be salvaged.
    """
    data = _salvaged(doc.data)
    if data is None:
        return []
    try:
        valid = validate.validate(replace(doc, data=data, problems=[], comments={}), root)
    except DeckError:
        return []
    with tempfile.TemporaryDirectory(prefix="lecturedeck-") as scratch:
        # The theme is not loaded (it may be what is broken); the font only sizes the layout.
        _, found = resolve(valid, Cache(cache_dir, scratch=Path(scratch)), "Calibri")
    return [d for d in found if d.is_error]


def _salvaged(data: Any) -> dict[str, Any] | None:
    """Return `data` with each top-level setting and slide that fails validation on its own left out."""
    if not isinstance(data, dict) or not isinstance(data.get("slides"), list):
        return None
    base: dict[str, Any] = {"title": _PLACEHOLDER_TITLE, "slides": [_PLACEHOLDER_SLIDE]}
    for key, value in data.items():
        if key not in ("title", "slides") and _valid({**base, key: value}):
            base[key] = value
    slides = [
        slide if isinstance(slide, dict) and _valid({**base, "slides": [slide]}) else _PLACEHOLDER_SLIDE
        for slide in data["slides"]
    ]
    return {**base, "slides": slides}


def _valid(data: dict[str, Any]) -> bool:
    try:
        Deck.model_validate(data)
    except ValidationError:
        return False
    return True
