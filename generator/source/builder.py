"""A composed YAML node tree to plain values, recording positions and the problems found on the way."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import yaml

from ..diagnostics import Diagnostic, SourcePos, error
from .document import Document, YamlPath
from .loader import _Bounds
from .marks import _LINE_BREAK, _pos

_ASCII_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
"""The ASCII control characters, but for tab and line feed."""


def _bad_character(text: str) -> tuple[str, str] | None:
    """Return the first character of `text` that cannot be on a slide: its code point and what it is."""
    if text.isascii() and not _ASCII_CONTROL.search(text):
        return None  # most text: no character to look up
    for char in text:
        category = unicodedata.category(char)
        if (char not in "\n\t" and category in ("Cc", "Cs", "Cn")) or 0xFFFE <= ord(char) <= 0xFFFF:
            return f"U+{ord(char):04X}", "control character" if category == "Cc" else "character"
    return None


def _tag_as_written(tag: str) -> str:
    """Return a resolved tag in the short form the presenter typed: '!!python/object', not its URI."""
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


class _Builder:
    """Turns a composed node tree into plain values, recording positions and problems."""

    def __init__(self, file: str, loader: _Bounds, text: str) -> None:
        self.doc = Document(file, None)
        self.loader = loader
        self.text = text

    def pos(self, mark: yaml.Mark) -> SourcePos:
        return _pos(self.doc.file, mark, self.text)

    def written(self, node: yaml.Node) -> str:
        """Return the node's text exactly as written in the file, quotes and escapes included."""
        return self.text[node.start_mark.index : node.end_mark.index]

    def problem(self, path: YamlPath, diagnostic: Diagnostic) -> None:
        self.doc.problems.append((path, diagnostic))

    def build(self, node: yaml.Node, path: YamlPath) -> Any:
        pos = self.pos(node.start_mark)
        self.doc.value_pos[path] = pos
        if node.tag.startswith("!") or (
            node.tag.startswith("tag:yaml.org,2002:") and node.tag.split(":")[-1] not in _STANDARD_TAGS
        ):
            tag = _tag_as_written(node.tag)
            self.problem(
                path,
                error(
                    "yaml.tag",
                    pos,
                    f"the YAML tag '{tag}' is not allowed",
                    expected="plain YAML values: text, numbers, true/false, lists and mappings",
                    found=f"the tag '{tag}'",
                    hint=f"delete '{tag}'; decks never need tags (put text that starts with '!' in quotes)",
                ),
            )
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        self.doc.source_text[path] = node.value
        if node.value == "" and not node.style:
            rest = _LINE_BREAK.split(self.text[node.start_mark.index :], 1)[0].strip()
            if rest.startswith("#"):
                self.doc.comments[path] = rest
        value = self._scalar(node, path, pos)
        if isinstance(value, str) and (bad := _bad_character(value)):
            code, kind = bad
            written = self.written(node)
            self.problem(
                path,
                error(
                    "yaml.character",
                    pos,
                    f"text contains the {kind} {code}, which cannot appear on a slide",
                    expected="printable text",
                    found=f"{code} in {written if len(written) <= 60 else written[:57] + '...'}",
                    hint="delete the character, or the backslash escape that writes it",
                ),
            )
        return value

    def _scalar(self, node: yaml.ScalarNode, path: YamlPath, pos: SourcePos) -> Any:
        """Return the scalar's value; text that YAML 1.1 misreads as a number or date stays text."""
        if node.tag in _SEXAGESIMAL_TAGS and ":" in node.value:
            # YAML 1.1 reads '16:9' as the base-60 number 969; a presenter always means the text.
            return node.value
        try:
            return self.loader.construct_object(node, deep=True)
        except _CONSTRUCTION_ERRORS:
            if node.tag == self.loader.resolve(yaml.ScalarNode, node.value, (True, False)):
                # Only looks like a date or number to YAML 1.1 ('2026-02-30', '0x_', more digits
                # than Python converts): YAML 1.2 reads it as text, and so does the deck.
                return node.value
        tag = _tag_as_written(node.tag)
        self.problem(
            path,
            error(
                "yaml.tag",
                pos,
                f"the value '{node.value}' does not fit its YAML tag '{tag}'",
                expected=f"a value that '{tag}' can read, or no tag",
                found=f"'{self.written(node)}'",
                hint=f"delete '{tag}'; decks never need tags",
            ),
        )
        return None

    def _mapping(self, node: yaml.MappingNode, path: YamlPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, SourcePos] = {}
        next_slide = False
        """Whether a second 'title' or 'section' showed that a slide's '- ' was forgotten."""
        for key_node, value_node in node.value:
            key_pos = self.pos(key_node.start_mark)
            if key_node.tag == "tag:yaml.org,2002:merge":
                # The merged keys are left out, so a required one among them is also reported
                # missing: true of the deck as it is read.
                self.problem(
                    (*path, "<<"),
                    error(
                        "yaml.merge-key",
                        key_pos,
                        "merge keys ('<<') are not allowed",
                        expected="plain keys",
                        found="'<<'",
                        hint="write the keys out in this mapping",
                    ),
                )
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.value == "":
                self.problem(
                    (*path, ""),
                    error(
                        "yaml.key",
                        key_pos,
                        "a key must be plain text",
                        expected="text such as 'title'",
                        found="a list or mapping used as a key" if key_node.value else "an empty key",
                        hint="write the key as text followed by a colon",
                    ),
                )
                continue
            # Keys are always names or bullet terms, so a key YAML would read as a number or
            # boolean ('2020:', 'yes:') is taken as the text the presenter wrote.
            key = key_node.value
            if key in first_seen and next_slide:
                continue  # a key of the slide whose '- ' is missing, reported once at its start
            if key in first_seen and len(path) == 2 and path[0] == "slides" and key in _SLIDE_STARTS:
                next_slide = True
                self.problem((*path, key), _second_slide_error(key_pos, key, first_seen[key], self.written(value_node)))
                continue
            if key in first_seen:
                first = first_seen[key]
                self.problem(
                    (*path, key),
                    error(
                        "yaml.duplicate-key",
                        key_pos,
                        f"duplicate key '{key}'",
                        expected="each key once in a mapping",
                        found=f"'{key}' again; it was first given at line {first.line}",
                        hint="delete one of the two, or merge their contents",
                    ),
                )
                continue
            first_seen[key] = key_pos
            self.doc.key_pos[(*path, key)] = key_pos
            result[key] = self.build(value_node, (*path, key))
        return result


_SLIDE_STARTS = ("title", "section")
"""The keys a slide starts with: a second one in a slide is the next slide, missing its '- '."""


def _second_slide_error(pos: SourcePos, key: str, first: SourcePos, value: str) -> Diagnostic:
    """Return the error for a slide's 'title' or 'section' given twice: the '- ' of a new slide is missing."""
    return error(
        "yaml.duplicate-key",
        pos,
        f"a second '{key}' in one slide: a new slide starts with '- '",
        expected=f"'- ' before the '{key}' of each slide",
        found=f"'{key}' again; the slide's first '{key}' is at line {first.line}",
        hint=f"to start a new slide, write '- {key}: {value}' with its '- ' under the one of line {first.line}",
    )


_SEXAGESIMAL_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
# How PyYAML's scalar constructors fail on text that does not fit the tag: '!!bool maybe' is a
# KeyError, an empty '!!int' an IndexError, '!!timestamp soon' an AttributeError.
_CONSTRUCTION_ERRORS = (yaml.YAMLError, ValueError, LookupError, AttributeError, ArithmeticError)
_STANDARD_TAGS = {"str", "int", "float", "bool", "null", "timestamp", "map", "seq", "merge"}
