"""Where each validated model object was written: `locate` marks the tree once, `where` reads it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from pydantic import BaseModel

from . import places
from .model import Bullet

if TYPE_CHECKING:
    from .diagnostics import SourcePos
    from .source import Document, YamlPath


@dataclass(frozen=True)
class Place:
    """Where a part of the deck is written: its YAML path, and through the document its positions.

    A part the presenter left out (a default) is placed at its nearest written enclosing value,
    as messages about it have always been.
    """

    path: YamlPath
    doc: Document = field(repr=False, compare=False)

    @property
    def pos(self) -> SourcePos:
        """Return the 1-based position of the value, or of its nearest written enclosing value."""
        return self.doc.pos(self.path)

    @property
    def key_pos(self) -> SourcePos:
        """Return the position of the key that holds the value, or the value's when it has none."""
        return self.doc.key_position(self.path)

    @property
    def line(self) -> int:
        return self.pos.line

    @property
    def column(self) -> int:
        return self.pos.col

    @property
    def written(self) -> str | None:
        """Return the value's text as written in the YAML (a block scalar's whole text), if any."""
        return self.doc.source_text.get(self.path)

    @property
    def slide_index(self) -> int | None:
        """Return the index under 'slides' of the entry this is in, or None outside the slides."""
        match self.path:
            case ("slides", int(index), *_):
                return index
            case _:
                return None

    @property
    def words(self) -> str:
        """Return the place in a presenter's words: "slide 3", "column 2 of slide 3", "the deck"."""
        return places.place(self.doc, self.path)

    def at(self, *keys: str | int) -> Place:
        """Return the place of the value under `keys` inside this one."""
        return Place((*self.path, *keys), self.doc)


@dataclass(frozen=True, eq=False)
class _Origin:
    """What `locate` keeps on a model object; a model's place is not part of its value."""

    place: Place

    def __eq__(self, other: object) -> bool:
        # Pydantic compares private attributes too: two equal bullets on different slides, or a
        # model located and one built in a test, must stay equal.
        return other is None or isinstance(other, _Origin)


def locate(value: Any, doc: Document, path: YamlPath = ()) -> None:
    """Record on every model object in `value`, validated from `doc` at `path`, where it is written.

    Model fields are written under their own names; a bullet's sub-items sit under its text,
    as a one-key mapping (`- text: [sub-items]`).
    """
    if isinstance(value, list | tuple):
        for index, item in enumerate(cast("list[Any]", value)):
            locate(item, doc, (*path, index))
    elif isinstance(value, dict):
        for key, item in cast("dict[str, Any]", value).items():
            locate(item, doc, (*path, key))
    elif isinstance(value, BaseModel):
        value._origin = _Origin(Place(path, doc))  # pyright: ignore  # set once, on a frozen model
        for name in type(value).model_fields:
            inner = getattr(value, name)
            if isinstance(value, Bullet) and name == "children":
                locate(inner, doc, (*path, value.text))
            else:
                locate(inner, doc, (*path, name))


def where(obj: BaseModel, *keys: str | int) -> Place:
    """Return where the validated `obj` is written, or its value under `keys` (a field name first).

    Raises AssertionError for an object that validation did not locate: that is a bug.
    """
    origin = getattr(obj, "_origin", None)
    if not isinstance(origin, _Origin):
        raise AssertionError(f"this is a bug in lecturedeck: a {type(obj).__name__} that validation did not locate")
    return origin.place.at(*keys)
