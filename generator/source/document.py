"""The loaded YAML document: its plain value, the path of each part, and where each part came from."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import Diagnostic, SourcePos

YamlPath = tuple[str | int, ...]
"""Where a value sits in the document: mapping keys and list indexes from the top."""


_YAML_TYPE_NAMES = {
    bool: "a boolean",
    int: "a number",
    float: "a number",
    datetime.date: "a date",
    datetime.datetime: "a date and time",
    type(None): "an empty value",
}


@dataclass
class Document:
    """A loaded YAML file: its plain value and where every part of it came from."""

    file: str
    data: Any
    value_pos: dict[YamlPath, SourcePos] = field(default_factory=dict)
    key_pos: dict[YamlPath, SourcePos] = field(default_factory=dict)
    source_text: dict[YamlPath, str] = field(default_factory=dict)
    comments: dict[YamlPath, str] = field(default_factory=dict)
    """For each value left empty because a '#' on its line began a comment, that comment."""
    problems: list[tuple[YamlPath, Diagnostic]] = field(default_factory=list)
    """Problems found while reading (duplicate keys, tags, control characters), each with the
    path of the value it dropped or spoiled; validation reports them with its own, all at once."""

    def pos(self, path: YamlPath) -> SourcePos:
        """Return the position of the value at `path`, or of its nearest enclosing value."""
        while path not in self.value_pos and path:
            path = path[:-1]
        return self.value_pos.get(path, SourcePos(self.file, 1, 1))

    def key_position(self, path: YamlPath) -> SourcePos:
        """Return the position of the key that holds the value at `path`."""
        return self.key_pos.get(path) or self.pos(path)


def type_name(value: object) -> str:
    """Return how a presenter would name the YAML type of `value`."""
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    for kind, name in _YAML_TYPE_NAMES.items():
        if isinstance(value, kind):
            return name
    return "a value"
