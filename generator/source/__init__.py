"""YAML text to plain values, with the 1-based position of every key and value.

`read` checks the file and reads it with `loader` (PyYAML's safe loader, bounded); `builder`
turns the composed nodes into the `document`'s plain values and positions; `marks` turns
PyYAML's marks into positions and `syntax` its errors into a presenter's words.
"""

from __future__ import annotations

from .document import Document, YamlPath, type_name
from .loader import MAX_ALIASES, MAX_DEPTH, MAX_FILE_BYTES, MAX_VALUES
from .read import load, parse

__all__ = [
    "MAX_ALIASES",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_VALUES",
    "Document",
    "YamlPath",
    "load",
    "parse",
    "type_name",
]
