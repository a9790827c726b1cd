"""YAML text to plain values, with the 1-based position of every key and value."""

from __future__ import annotations

import datetime
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from .diagnostics import DeckError, Diagnostic, SourcePos, error
from .paths import file_kind

# Limits that keep a hostile file from running away with the machine (documented in docs/limits.md).
MAX_FILE_BYTES = 1_000_000
MAX_ALIASES = 100
MAX_VALUES = 200_000
"""How many values the document may hold once every alias (*name) is expanded."""
MAX_DEPTH = 40

_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""What ends a line for YAML (and so for every position PyYAML reports): NEL and LS/PS too."""

_ASCII_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
"""The ASCII control characters, but for tab and line feed."""

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


class _TooComplex(Exception):
    """Raised while composing or measuring the document when it exceeds a limit or holds itself."""

    def __init__(
        self, mark: yaml.Mark | None, message: str, expected: str, found: str, hint: str, code: str = "yaml.limit"
    ) -> None:
        self.mark = mark
        self.code = code
        self.message = message
        self.expected = expected
        self.found = found
        self.hint = hint


class _Bounds(Composer, SafeConstructor, Resolver):
    """A safe loader's composing, counting aliases and nesting; for either parser."""

    def __init__(self) -> None:
        self.alias_count = 0
        self.depth = 0
        self.open_anchors: set[str] = set()
        """Anchors of the lists and mappings being composed: an alias to one would contain itself."""
        self.heights: dict[int, int] = {}
        """How many levels each composed node spans once its aliases are expanded, by node id."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            return self._compose_alias(parent, index)
        anchor = self.peek_event().anchor
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self._depth_error(self.depth, "")
        if anchor is not None:
            self.open_anchors.add(anchor)
        try:
            node = super().compose_node(parent, index)
        finally:
            self.depth -= 1
            self.open_anchors.discard(anchor)
        assert node is not None
        self.heights[id(node)] = 1 + max((self.heights[id(child)] for child in _children(node)), default=0)
        return node

    def _compose_alias(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()
        self.alias_count += 1
        if self.alias_count > MAX_ALIASES:
            raise _TooComplex(
                event.start_mark,
                f"the deck uses more than {MAX_ALIASES} aliases (*name)",
                expected=f"at most {MAX_ALIASES} aliases",
                found=f"alias number {self.alias_count} here",
                hint="write the repeated content out instead of using anchors (&name) and aliases (*name)",
            )
        name = event.anchor
        if name in self.open_anchors:
            # PyYAML would build a list that contains itself, which no deck can show.
            raise _TooComplex(
                event.start_mark,
                f"the alias '*{name}' is inside the value '&{name}' it repeats",
                expected="an alias after the end of the value its anchor marks",
                found=f"'*{name}' inside '&{name}'",
                hint="write the content out; a value cannot contain itself",
                code="yaml.syntax",
            )
        target = self.anchors.get(name)
        # Expanded, an alias nests its whole value here; counted as written, a chain of aliases
        # would nest far deeper than MAX_DEPTH (and deeper than Python recurses).
        if target is not None and self.depth + self.heights[id(target)] > MAX_DEPTH:
            raise self._depth_error(self.depth + self.heights[id(target)], f", once the alias '*{name}' is expanded")
        return super().compose_node(parent, index)

    def _depth_error(self, level: int, how: str) -> _TooComplex:
        return _TooComplex(
            self.peek_event().start_mark,
            f"the deck is nested more than {MAX_DEPTH} levels deep",
            expected=f"at most {MAX_DEPTH} levels of indentation or brackets",
            found=f"level {level} here{how}",
            hint="flatten the structure; no part of a deck needs that much nesting",
        )


class _BoundedLoader(_Bounds, yaml.SafeLoader):
    """PyYAML's safe loader, in pure Python: its errors are the ones a presenter is shown."""

    def __init__(self, stream: str) -> None:
        yaml.SafeLoader.__init__(self, stream)
        _Bounds.__init__(self)


try:
    from yaml._yaml import CParser
except ImportError:  # PyYAML built without libyaml
    _FAST_LOADER: type[_Bounds] | None = None
else:

    class _FastLoader(_Bounds, CParser):
        """The same safe loader on libyaml's parser, several times faster on a whole deck.

        Its marks carry no copy of the text, and its error messages differ from PyYAML's, so
        it reads only documents that load without error (see `parse`).
        """

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            _Bounds.__init__(self)

    _FAST_LOADER = _FastLoader


def _children(node: yaml.Node) -> list[yaml.Node]:
    """Return the nodes directly inside `node`: a list's items, a mapping's keys and values."""
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _check_expansion(root: yaml.Node) -> None:
    """Raise _TooComplex when `root` holds more than MAX_VALUES values with its aliases expanded.

    Aliases let a few lines stand for billions of values ("billion laughs"); each node's size is
    counted once, so the check costs as little as the text is long.
    """
    sizes: dict[int, int] = {}

    def size(node: yaml.Node) -> int:
        if id(node) not in sizes:
            if isinstance(node, yaml.MappingNode):
                sizes[id(node)] = 1 + sum(size(value) for _, value in node.value)
            else:
                sizes[id(node)] = 1 + sum(size(item) for item in _children(node))
        return sizes[id(node)]

    total = size(root)
    if total <= MAX_VALUES:
        return
    # Point at the first top-level entry that takes the count over the limit.
    entries: list[tuple[yaml.Node, int]] = []
    if isinstance(root, yaml.MappingNode):
        entries = [(key, size(value)) for key, value in root.value]
    elif isinstance(root, yaml.SequenceNode):
        entries = [(item, size(item)) for item in root.value]
    mark = root.start_mark
    running = 1
    for node, count in entries:
        running += count
        if running > MAX_VALUES:
            mark = node.start_mark
            break
    raise _TooComplex(
        mark,
        f"the deck expands to more than {MAX_VALUES:,} values",
        expected=f"at most {MAX_VALUES:,} values once every alias (*name) is expanded",
        found=f"{total:,} values; the limit is passed here",
        hint="aliases (*name) are multiplying the content; write the deck out without anchors and aliases",
    )


def _pos(file: str, mark: yaml.Mark | None, text: str | None = None) -> SourcePos:
    # PyYAML marks are 0-based; this is the one place that adds 1.
    mark = _inside(mark, text)
    if mark is None:
        return SourcePos(file, 1, 1)
    return SourcePos(file, mark.line + 1, mark.column + 1)


def _text_pos(file: str, text: str, index: int) -> SourcePos:
    """Return the position of the character at `index` of `text`, its lines counted as YAML counts them."""
    breaks = list(_LINE_BREAK.finditer(text, 0, index))
    line_start = breaks[-1].end() if breaks else 0
    return SourcePos(file, len(breaks) + 1, index - line_start + 1)


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
                    expected="spaces for indentation; YAML does not allow tabs there",
                    found="a tab character",
                    hint="replace the tab with spaces (most editors: 'convert indentation to spaces')",
                )
            )
    return found


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


def load(path: Path, display_name: str | None = None) -> Document:
    """Return the YAML file at `path` as a Document.

    Raises DeckError when the file cannot be read as one YAML document: unreadable, oversized or
    non-UTF-8 files, syntax errors (tabs among them), alias bombs, and empty or multi-document
    files. `display_name` is how the file is named in diagnostics (default: `path` as given).
    """
    file = display_name or str(path)
    start = SourcePos(file, 1, 1)
    try:
        info = path.stat()
        size = info.st_size
        if not stat.S_ISREG(info.st_mode):
            # Checked before opening: opening a named pipe waits for a writer, forever.
            raise DeckError(
                [
                    error(
                        "file.not-a-file",
                        start,
                        "the deck is not a regular file",
                        expected="a .yaml file",
                        found=file_kind(info.st_mode),
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
                    found=_not_utf8(raw, exc.start),
                    hint="save the file with the UTF-8 encoding in your editor",
                )
            ]
        ) from None
    return parse(text, file)


def _not_utf8(raw: bytes, start: int) -> str:
    """Return what a deck that is not UTF-8 is, from its first bytes: UTF-16 or UTF-32 marks and
    zero bytes between letters say so; anything else is most likely Latin-1 or Windows-1252.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw[:200]:
        order = {b"\xff\xfe": " (its first bytes are FF FE)", b"\xfe\xff": " (its first bytes are FE FF)"}
        return "a file saved as UTF-16 or UTF-32" + order.get(raw[:2], " (zero bytes between its letters)")
    return f"the byte 0x{raw[start]:02X}, which is not UTF-8 (the file may be saved as Latin-1 or Windows-1252)"


def parse(text: str, file: str) -> Document:
    """Return YAML `text` as a Document; see `load` for what raises DeckError.

    Problems inside a readable document (duplicate keys, tags, control characters) do not raise:
    they are kept in `Document.problems` for validation to report with its own.
    """
    # libyaml counts no byte-order mark in its marks, wherever one is.
    if _FAST_LOADER is not None and "\ufeff" not in text:
        try:
            return _compose(_FAST_LOADER(text), text, file)
        except (yaml.YAMLError, _TooComplex, DeckError):
            pass  # read again by PyYAML's own parser, whose words and marks the errors use
    try:
        loader = _BoundedLoader(text)
    except yaml.reader.ReaderError as exc:
        # PyYAML refuses control characters in the whole text before reading any of it.
        raise DeckError([_character_error(file, text, exc)]) from None
    try:
        return _compose(loader, text, file)
    except _TooComplex as exc:
        raise DeckError(
            [
                error(
                    exc.code,
                    _pos(file, exc.mark),
                    exc.message,
                    expected=exc.expected,
                    found=exc.found,
                    hint=exc.hint,
                )
            ]
        ) from None
    except yaml.MarkedYAMLError as exc:
        # A tab in indentation makes PyYAML fail somewhere near it; the tabs are the thing to
        # fix. Tabs that YAML accepts (inside a 'dot: |' block) are not reported.
        if "'\\t'" in str(exc.problem) and (tabs := _tab_diagnostics(file, text)):
            raise DeckError(tabs) from None
        raise DeckError([_syntax_error(file, exc)]) from None


def _compose(loader: _Bounds, text: str, file: str) -> Document:
    """Return the document `loader` reads from `text`; raises what composing raises, and DeckError if it is empty."""
    try:
        root = loader.get_single_node()
        if root is None or (root.tag == "tag:yaml.org,2002:null" and root.value == ""):
            raise DeckError(
                [
                    error(
                        "yaml.empty",
                        SourcePos(file, 1, 1),
                        "the deck is empty",
                        expected="a mapping with at least 'title' and 'slides'",
                        found="an empty file" if not text.strip() else "only comments, blank lines or '---'",
                        hint="start from the example in docs/deck-format.md",
                    )
                ]
            )
        _check_expansion(root)
        builder = _Builder(file, loader, text)
        builder.doc.data = builder.build(root, ())
    finally:
        loader.dispose()
    return builder.doc


def _character_error(file: str, text: str, exc: yaml.reader.ReaderError) -> Diagnostic:
    # For text input PyYAML reports the offending character's index in `text`.
    char = text[exc.position]
    kind = "control character" if unicodedata.category(char) == "Cc" else "character"
    return error(
        "yaml.character",
        _text_pos(file, text, exc.position),
        f"the deck contains the {kind} U+{ord(char):04X}, which YAML does not allow",
        expected="printable text",
        found=f"U+{ord(char):04X}, an invisible character",
        hint="delete the character; invisible characters are often pasted in by accident",
    )


def _syntax_error(file: str, exc: yaml.MarkedYAMLError) -> Diagnostic:
    """Return PyYAML's error in a presenter's words, at the place the fix is needed."""
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    here = _inside(exc.problem_mark or exc.context_mark)
    line = _line_at(here)
    if "expected a single document" in context:
        return error(
            "yaml.documents",
            _pos(file, here),
            "the file holds more than one YAML document",
            expected="one deck per file",
            found="a second document after '---'",
            hint="remove the '---' line, or split the decks into separate files",
        )
    if "found duplicate anchor" in context and exc.context_mark is not None:
        name = context.split("'")[1]
        return error(
            "yaml.syntax",
            _pos(file, here),
            f"the anchor '&{name}' is defined twice",
            expected="each anchor name once in the file",
            found=f"'&{name}' again; it was first given at line {exc.context_mark.line + 1}",
            hint="rename one of the two anchors, and the aliases (*name) meant for it",
        )
    if "unexpected end of stream" in problem and "quoted scalar" in context:
        # The end of the file is where PyYAML noticed; the unclosed quote is what to fix.
        opening = _line_at(exc.context_mark).strip()
        quote = _char_at(exc.context_mark)
        return error(
            "yaml.syntax",
            _pos(file, exc.context_mark),
            f"the quote {quote} opened here is never closed",
            expected=f"a closing {quote} at the end of the text",
            found=f"'{opening}' with no closing {quote} before the end of the file",
            hint=f"close the quote at the end of the text: {opening}{quote[1:-1]}",
        )
    if "mapping values are not allowed" in problem and here is not None:
        stripped = line.strip()
        key = stripped.removeprefix("- ").split(":", 1)[0]
        if line.find(":") == here.column:
            # The line's own first colon: the line is indented as if it continued the value above.
            return error(
                "yaml.syntax",
                _pos(file, here),
                f"the key '{key}' is indented more than the keys above it",
                expected="keys of one mapping starting at the same column",
                found=f"'{stripped}'",
                hint=f"line '{key}:' up with the keys above it",
            )
        return error(
            "yaml.syntax",
            _pos(file, here),
            "text after a key contains ': ', which YAML reads as another key",
            expected="text that contains ': ' in quotes",
            found=f"'{stripped}'",
            hint=f"put the text in quotes: {_quoted_value(stripped)}",
        )
    if "could not find expected ':'" in problem:
        opening = _line_at(exc.context_mark).strip()
        return error(
            "yaml.syntax",
            _pos(file, exc.context_mark),
            f"'{opening}' needs a ':' after its key",
            expected="'key: value', or 'key:' followed by indented lines",
            found=f"'{opening}'",
            hint="add ':' after the key; if the line continues the text above, put that text in quotes",
        )
    if "that cannot start any token" in problem and _char_at(here) == "'\t'":
        return error(
            "yaml.syntax",
            _pos(file, here),
            "a tab is used where YAML expects spaces",
            expected="spaces between the parts of a line",
            found="a tab character",
            hint="replace the tab with spaces",
        )
    if "that cannot start any token" in problem:
        char = _char_at(here)
        return error(
            "yaml.syntax",
            _pos(file, here),
            f"text cannot start with {char} unless it is in quotes",
            expected="text in quotes when it starts with a character such as @ or `",
            found=f"'{line.strip()}'",
            hint=f"put the text in quotes: {_quoted_value(line.strip())}",
        )
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        bracket = _char_at(exc.context_mark)
        closing = "]" if bracket == "'['" else "}"
        return error(
            "yaml.syntax",
            _pos(file, exc.context_mark),
            f"the {bracket} opened here is never closed",
            expected=f"'{closing}' after the last item, with ', ' between items",
            found=f"'{_line_at(exc.context_mark).strip()}'",
            hint=f"add '{closing}' at the end; put text that starts with {bracket} in quotes",
        )
    if "while scanning an anchor" in context or "while scanning an alias" in context:
        sign, what = ("&", "an anchor") if "anchor" in context else ("*", "an alias")
        return error(
            "yaml.syntax",
            _pos(file, exc.context_mark),
            f"'{sign}' starts {what}, but no name follows it",
            expected=f"a name right after '{sign}', as in {sign}name",
            found=f"'{_line_at(exc.context_mark).strip()}'",
            hint=f"put text that starts with '{sign}' in quotes: {_quoted_value(_line_at(exc.context_mark).strip())}",
        )
    if "'<stream end>'" in problem and "flow" in context:
        return error(
            "yaml.syntax",
            _pos(file, here),
            "a '[' or '{' is still open at the end of the file",
            expected="a ']' or '}' closing every '[' and '{'",
            found=f"'{line.strip()}'",
            hint="close the bracket; put text that starts with '[' or '{' in quotes",
        )
    if "found undefined alias" in problem:
        name = problem.rsplit(" ", 1)[-1].strip("'")
        return error(
            "yaml.syntax",
            _pos(file, here),
            f"the alias '*{name}' refers to no anchor",
            expected=f"an anchor '&{name}' earlier in the file",
            found=f"'{line.strip()}'",
            hint=f"put text that starts with '*' in quotes: {_quoted_value(line.strip())}",
        )
    if "found unknown escape character" in problem:
        return error(
            "yaml.syntax",
            _pos(file, here),
            f"'\\{_char_at(here).strip(chr(39))}' is not an escape that double quotes allow",
            expected="escapes such as \\n or \\\\ inside double quotes",
            found=f"'{line.strip()}'",
            hint="use single quotes, where a backslash is just a backslash, or write each \\ as \\\\",
        )
    if "while scanning a block scalar" in context:
        return error(
            "yaml.syntax",
            _pos(file, here),
            "'|' or '>' must end its line, with the text on the lines below",
            expected="'|' or '>' (optionally '|-' or '>-') at the end of the line",
            found=f"'{line.strip()}'",
            hint="move the text to the next lines, indented under the key",
        )
    if "<block end>" in problem:
        return _block_error(file, here, line)
    return error(
        "yaml.syntax",
        _pos(file, here),
        f"the YAML cannot be read here: {_plain(problem)}" + (f" ({_plain(context)})" if context else ""),
        expected="valid YAML",
        found=f"'{line.strip()}'",
        hint="check the indentation and the quotes on this line and the one above",
    )


def _block_error(file: str, here: yaml.Mark | None, line: str) -> Diagnostic:
    """Return the error for the line at `here`, which does not fit the indented block around it."""
    stripped = line.strip()
    if here is not None and (opened := _value_start(line)) is not None and here.column > opened:
        return _text_after_value_error(file, here, line, opened)
    if stripped.startswith("-"):
        return error(
            "yaml.syntax",
            _pos(file, here),
            "this list item does not line up with the lines above it",
            expected="every item of a list starting with '- ' at the same column, indented under its key",
            found=f"'{stripped}'",
            hint="indent the item like the other items of its list",
        )
    return error(
        "yaml.syntax",
        _pos(file, here),
        "this line is indented differently from the keys above it",
        expected="the keys of one mapping starting at the same column",
        found=f"'{stripped}'",
        hint="line the key up with the keys of its mapping, using spaces",
    )


def _value_start(line: str) -> int | None:
    """Return the column where the value of a '- text', 'key: text' or '- key: text' line starts.

    None when the line holds no value after its '- ' or key (a bare '-' or 'key:').
    """
    match = re.match(r"\s*(?:-\s+)?(?:[^\s\[\]{}\"'#&*!|>%@`-][^:#]*:\s+)?", line)
    assert match is not None  # every part of the pattern is optional
    return match.end() if match.end() < len(line.rstrip()) else None


def _text_after_value_error(file: str, here: yaml.Mark, line: str, opened: int) -> Diagnostic:
    """Return the error for text that goes on after a value YAML has already read to its end.

    '- [The SQL tutorial](https://…) covers joins' is a list '[The SQL tutorial]' and then more
    text; '- "main" is the new "master"' is the quoted text "main" and then more. The fix is to
    quote the whole text, not to indent anything.
    """
    stripped = line.strip()
    first = line[opened]
    read = line[opened : here.column].rstrip()
    starts = {"[": "'['", "{": "'{'", '"': "a double quote", "'": "a single quote"}.get(first)
    if starts is None:
        return error(
            "yaml.syntax",
            _pos(file, here),
            "more text follows a value that is already complete",
            expected="a closing quote or bracket only at the end of the value",
            found=f"'{stripped}'",
            hint=f"put the whole text in quotes: {_quoted_value(stripped)}",
        )
    what = "a list" if first == "[" else "a mapping" if first == "{" else "the whole text"
    message = f"text that starts with {starts} must be " + ("in quotes" if first in "[{" else "quoted as a whole")
    return error(
        "yaml.syntax",
        _pos(file, here),
        message,
        expected=f"the whole text in quotes when it starts with {starts}",
        found=f"'{read}', which YAML reads as {what}, then '{line[here.column :].strip()}'",
        hint=f"put the whole text in quotes: {_quoted_value(stripped)}",
    )


def _inside(mark: yaml.Mark | None, text: str | None = None) -> yaml.Mark | None:
    """Return `mark`, or the end of the last line when `mark` is past it.

    PyYAML reports what it finds at the end of the file on the line after the last line break,
    a line no editor shows; the presenter fixes the last line (or an opening above it). `text`
    is the file's, for marks that hold no copy of it (libyaml's).
    """
    buffer = getattr(mark, "buffer", None)
    if not isinstance(buffer, str):
        buffer = text
    if mark is None or buffer is None:
        return mark
    text = buffer.rstrip("\0")
    if mark.index < len(text):
        return mark
    last_break = re.search(f"(?:{_LINE_BREAK.pattern})$", text)
    end = last_break.start() if last_break else len(text)
    breaks = list(_LINE_BREAK.finditer(text, 0, end))
    start = breaks[-1].end() if breaks else 0
    return yaml.Mark(mark.name, end, len(breaks), end - start, buffer, end)


def _line_at(mark: yaml.Mark | None) -> str:
    """Return the whole line of the file that `mark` is on."""
    buffer = getattr(mark, "buffer", None)
    if mark is None or not isinstance(buffer, str):
        return ""
    start = max((found.end() for found in _LINE_BREAK.finditer(buffer, 0, mark.index)), default=0)
    end = _LINE_BREAK.search(buffer, mark.index)
    return buffer[start : end.start() if end else len(buffer)].rstrip("\0")


def _char_at(mark: yaml.Mark | None) -> str:
    """Return the character at `mark`, quoted for a message."""
    buffer = getattr(mark, "buffer", None)
    if mark is None or not isinstance(buffer, str) or mark.index >= len(buffer):
        return "this character"
    char = buffer[mark.index]
    return f'"{char}"' if char == "'" else f"'{char}'"


def _quoted_value(line: str) -> str:
    """Return `line` ('- key: text' or 'key: text') with its text in quotes."""
    prefix = "- " if line.startswith("- ") else ""
    body = line.removeprefix("- ")
    key, sep, text = body.partition(": ")
    if not sep:
        key, text = "", body
    text = text.strip()
    if '"' in text and "'" not in text:
        return f"{prefix}{key}{sep}'{text}'"
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'{prefix}{key}{sep}"{text}"'


def _plain(phrase: str) -> str:
    """Return a PyYAML phrase with its token names in words."""
    for token, words in _TOKEN_WORDS.items():
        phrase = phrase.replace(token, words)
    return phrase


_TOKEN_WORDS = {
    "'<block mapping start>'": "a key",
    "'<block sequence start>'": "a list item",
    "'<block entry>'": "'- '",
    "'<flow sequence start>'": "'['",
    "'<flow sequence end>'": "']'",
    "'<flow mapping start>'": "'{'",
    "'<flow mapping end>'": "'}'",
    "'<flow entry>'": "','",
    "'<key>'": "'?'",
    "'<value>'": "':'",
    "'<anchor>'": "an anchor (&name)",
    "'<alias>'": "an alias (*name)",
    "'<tag>'": "a tag",
    "'<scalar>'": "text",
    "'<directive>'": "a '%' directive",
    "'<document start>'": "'---'",
    "'<document end>'": "'...'",
    "'<stream end>'": "the end of the file",
    "<block end>": "the end of the block",
    "scalar": "value",
}
