"""YAML text to plain values, with the 1-based position of every key and value."""

from __future__ import annotations

import datetime
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import DeckError, Diagnostic, SourcePos, error

# Limits that keep a hostile file from running away with the machine (documented in docs/limits.md).
MAX_FILE_BYTES = 1_000_000
MAX_ALIASES = 100
MAX_VALUES = 200_000
MAX_DEPTH = 40

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
    return type(value).__name__


class _TooComplex(Exception):
    """Raised inside the composer when the document exceeds a limit."""

    def __init__(self, mark: yaml.Mark | None, message: str, hint: str) -> None:
        self.mark = mark
        self.message = message
        self.hint = hint


class _BoundedLoader(yaml.SafeLoader):
    """A safe loader that counts aliases and nesting while it composes."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.alias_count = 0
        self.depth = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            self.alias_count += 1
            if self.alias_count > MAX_ALIASES:
                raise _TooComplex(
                    self.peek_event().start_mark,
                    f"more than {MAX_ALIASES} aliases (*name)",
                    "write the repeated content out instead of using anchors and aliases",
                )
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _TooComplex(
                self.peek_event().start_mark,
                f"the document is nested more than {MAX_DEPTH} levels deep",
                "flatten the structure; no part of a deck needs that much nesting",
            )
        try:
            return super().compose_node(parent, index)  # type: ignore[no-any-return]
        finally:
            self.depth -= 1


def _pos(file: str, mark: yaml.Mark | None) -> SourcePos:
    # PyYAML marks are 0-based; this is the one place that adds 1.
    if mark is None:
        return SourcePos(file, 1, 1)
    return SourcePos(file, mark.line + 1, mark.column + 1)


def _tab_diagnostics(file: str, text: str) -> list[Diagnostic]:
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            found.append(
                error(
                    "yaml.tab",
                    SourcePos(file, number, indent.index("\t") + 1),
                    "a tab is used for indentation",
                    expected="spaces for indentation",
                    found="a tab character",
                    hint="replace the tab with spaces (most editors: 'convert indentation to spaces')",
                )
            )
    return found


def _bad_character(text: str) -> str | None:
    for char in text:
        category = unicodedata.category(char)
        if (char not in "\n\t" and category in ("Cc", "Cs", "Cn")) or 0xFFFE <= ord(char) <= 0xFFFF:
            return f"U+{ord(char):04X}"
    return None


class _Builder:
    """Turns a composed node tree into plain values, recording positions and problems."""

    def __init__(self, file: str, loader: _BoundedLoader) -> None:
        self.doc = Document(file, None)
        self.loader = loader
        self.problems: list[Diagnostic] = []
        self.values = 0

    def build(self, node: yaml.Node, path: YamlPath) -> Any:
        self.values += 1
        if self.values > MAX_VALUES:
            raise _TooComplex(
                node.start_mark,
                f"the document expands to more than {MAX_VALUES} values",
                "aliases may be multiplying content; write the deck out plainly",
            )
        pos = _pos(self.doc.file, node.start_mark)
        self.doc.value_pos[path] = pos
        if node.tag.startswith("!") or (
            node.tag.startswith("tag:yaml.org,2002:") and node.tag.split(":")[-1] not in _STANDARD_TAGS
        ):
            self.problems.append(
                error(
                    "yaml.tag",
                    pos,
                    f"YAML tag '{node.tag}' is not allowed",
                    expected="plain YAML values: text, numbers, true/false, lists and mappings",
                    found=f"the tag '{node.tag}'",
                    hint="remove the tag; decks never need one",
                )
            )
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        self.doc.source_text[path] = node.value
        value = self.loader.construct_object(node, deep=True)
        if isinstance(value, str) and (bad := _bad_character(value)):
            self.problems.append(
                error(
                    "yaml.character",
                    pos,
                    f"text contains the character {bad}, which cannot appear on a slide",
                    expected="printable text",
                    found=f"{bad} in {node.value[:40]!r}",
                    hint="delete the character; it is often pasted in by accident",
                )
            )
        return value

    def _mapping(self, node: yaml.MappingNode, path: YamlPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, SourcePos] = {}
        for key_node, value_node in node.value:
            key_pos = _pos(self.doc.file, key_node.start_mark)
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problems.append(
                    error(
                        "yaml.merge-key",
                        key_pos,
                        "merge keys ('<<') are not allowed",
                        expected="a plain key",
                        found="'<<'",
                        hint="write the keys out in this mapping",
                    )
                )
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.value == "":
                self.problems.append(
                    error(
                        "yaml.key",
                        key_pos,
                        "a key must be plain text",
                        expected="text such as 'title'",
                        found="a list or mapping used as a key" if key_node.value else "an empty key",
                        hint="write the key as text followed by a colon",
                    )
                )
                continue
            # Keys are always names or bullet terms, so a key YAML would read as a number or
            # boolean ('2020:', 'yes:') is taken as the text the presenter wrote.
            key = key_node.value
            if key in first_seen:
                first = first_seen[key]
                self.problems.append(
                    error(
                        "yaml.duplicate-key",
                        key_pos,
                        f"duplicate key '{key}'",
                        expected="each key once in a mapping",
                        found=f"'{key}' again; it was first given at line {first.line}",
                        hint="delete one of the two, or merge their contents",
                    )
                )
                continue
            first_seen[key] = key_pos
            self.doc.key_pos[(*path, key)] = key_pos
            result[key] = self.build(value_node, (*path, key))
        return result


_STANDARD_TAGS = {"str", "int", "float", "bool", "null", "timestamp", "map", "seq", "merge"}


def load(path: Path, display_name: str | None = None) -> Document:
    """Return the YAML file at `path` as a Document.

    Raises DeckError with every problem found: unreadable or oversized files, tabs, syntax
    errors, tags, duplicate keys, alias bombs, control characters, and empty or multi-document
    files. `display_name` is how the file is named in diagnostics (default: `path` as given).
    """
    file = display_name or str(path)
    start = SourcePos(file, 1, 1)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise DeckError(
                [
                    error(
                        "file.not-a-file",
                        start,
                        "the deck is not a regular file",
                        expected="a .yaml file",
                        found="a folder or device",
                        hint="name a deck file such as deck.yaml",
                    )
                ]
            )
        if size > MAX_FILE_BYTES:
            raise DeckError(
                [
                    error(
                        "file.too-large",
                        start,
                        f"the deck is {size:,} bytes, over the limit",
                        expected=f"at most {MAX_FILE_BYTES:,} bytes",
                        found=f"{size:,} bytes",
                        hint="split the lesson into several decks",
                    )
                ]
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise DeckError(
            [
                error(
                    "file.unreadable",
                    start,
                    f"cannot read the deck: {exc.strerror}",
                    expected="a readable .yaml file",
                    found=str(path),
                    hint="check the path and the file's permissions",
                )
            ]
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DeckError(
            [
                error(
                    "file.encoding",
                    SourcePos(file, line, col),
                    "the deck is not UTF-8 text",
                    expected="a UTF-8 encoded file",
                    found=f"the byte 0x{raw[exc.start]:02X}",
                    hint="save the file as UTF-8 in your editor",
                )
            ]
        ) from None
    return parse(text, file)


def parse(text: str, file: str) -> Document:
    """Return YAML `text` as a Document; see `load` for what raises DeckError."""
    tabs = _tab_diagnostics(file, text)
    if tabs:
        raise DeckError(tabs)
    loader = _BoundedLoader(text)
    try:
        root = loader.get_single_node()
        builder = _Builder(file, loader)
        data = builder.build(root, ()) if root is not None else None
    except _TooComplex as exc:
        raise DeckError(
            [
                error(
                    "yaml.limit",
                    _pos(file, exc.mark),
                    exc.message,
                    expected="a plainly written deck",
                    found=exc.message,
                    hint=exc.hint,
                )
            ]
        ) from None
    except yaml.composer.ComposerError as exc:
        if "expected a single document" in str(exc.problem):
            raise DeckError(
                [
                    error(
                        "yaml.documents",
                        _pos(file, exc.problem_mark),
                        "the file holds more than one YAML document",
                        expected="one document",
                        found="a second document after '---'",
                        hint="remove the '---' line, or split the decks into separate files",
                    )
                ]
            ) from None
        raise DeckError([_syntax_error(file, exc)]) from None
    except yaml.MarkedYAMLError as exc:
        raise DeckError([_syntax_error(file, exc)]) from None
    except yaml.YAMLError as exc:
        raise DeckError(
            [
                error(
                    "yaml.syntax",
                    SourcePos(file, 1, 1),
                    f"the YAML cannot be read: {exc}",
                    expected="valid YAML",
                    found="a reader error",
                    hint="check the file's characters and encoding",
                )
            ]
        ) from None
    finally:
        loader.dispose()
    if builder.problems:
        raise DeckError(builder.problems)
    if root is None:
        raise DeckError(
            [
                error(
                    "yaml.empty",
                    SourcePos(file, 1, 1),
                    "the deck is empty",
                    expected="a mapping with at least 'title' and 'slides'",
                    found="no content",
                    hint="start from the example in docs/deck-format.md",
                )
            ]
        )
    builder.doc.data = data
    return builder.doc


def _syntax_error(file: str, exc: yaml.MarkedYAMLError) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    problem = (exc.problem or "invalid YAML").strip()
    context = f" {exc.context}" if exc.context else ""
    return error(
        "yaml.syntax",
        _pos(file, mark),
        f"YAML syntax error: {problem}",
        expected=f"valid YAML{context}",
        found=repr(_line_at(exc, mark)),
        hint=_syntax_hint(problem),
    )


def _line_at(exc: yaml.MarkedYAMLError, mark: yaml.Mark | None) -> str:
    buffer = getattr(mark, "buffer", None)
    if mark is None or not isinstance(buffer, str):
        return str(exc.problem)
    start = buffer.rfind("\n", 0, mark.index) + 1
    end = buffer.find("\n", mark.index)
    return buffer[start : end if end != -1 else len(buffer)].rstrip("\0")


def _syntax_hint(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return "put quotes around text that contains ': ', or indent the line under its key"
    if "could not find expected ':'" in problem:
        return "every key needs a colon; put quotes around text that spans lines"
    if "found character" in problem and "cannot start any token" in problem:
        return "put quotes around text that starts with a special character such as @ or `"
    if "unacceptable character" in problem or "special characters are not allowed" in problem:
        return "delete the invisible control character; it is often pasted in by accident"
    if "found undefined alias" in problem:
        return "define the anchor (&name) before using the alias (*name)"
    return "check the indentation and the quotes on this line and the one above"
