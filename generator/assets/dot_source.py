"""DOT source read without Graphviz: its graphs, first comment, file references and theme defaults."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal, TypeAlias

DotTokenKind: TypeAlias = Literal["id", "string", "html", "punct"]

# Attributes whose value names files Graphviz opens (images, shape files, font folders).
FILE_ATTRIBUTES = frozenset({"image", "imagepath", "shapefile", "fontpath"})
# Attributes whose value is a list of folders Graphviz searches.
_FOLDER_LISTS = frozenset({"imagepath", "fontpath"})
# A DOT ID ([A-Za-z_] or any non-ASCII character, then digits too) or numeral. The classes are
# written as "not these ASCII characters": a class spelled with the range \x80-\U0010FFFF
# takes Python 10 ms to compile, on every start.
_WORD = re.compile(
    r"[^\x00-\x40\x5b-\x5e\x60\x7b-\x7f][^\x00-\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7f]*"
    r"|-?(?:\.\d+|\d+(?:\.\d*)?)"
)
_EDGE_OPERATOR = re.compile(r"--|->")
_IMG_SRC = re.compile(r"""<\s*img\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


@dataclass(frozen=True)
class Token:
    """One DOT token: an ID's text (quotes removed, concatenations joined) or a punctuation mark."""

    kind: DotTokenKind
    text: str
    line: int
    start: int
    """Offset of the token's first character in the source."""


@dataclass(frozen=True)
class FileReference:
    """A file the DOT makes Graphviz read: the attribute (or `IMG SRC`), the name, the DOT line."""

    attribute: str
    name: str
    line: int


@dataclass(frozen=True)
class DotSource:
    """DOT text with what the rest of the pipeline needs to know before Graphviz runs."""

    text: str
    tokens: tuple[Token, ...]
    comments: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> DotSource:
        tokens, comments = _scan(text)
        return cls(text, tuple(tokens), tuple(comments))

    def graph_count(self) -> int:
        """Return how many top-level graphs the source holds (Graphviz draws each one)."""
        depth, count = 0, 0
        for token in self.tokens:
            if token.kind == "punct" and token.text == "{":
                count += depth == 0
                depth += 1
            elif token.kind == "punct" and token.text == "}":
                depth = max(depth - 1, 0)
        return count

    def first_comment(self) -> str | None:
        """Return the text of the first non-empty comment, whitespace collapsed."""
        return next((" ".join(comment.split()) for comment in self.comments if comment.strip()), None)

    def file_references(self) -> Iterator[FileReference]:
        """Yield every file name the graph's attributes and HTML labels give Graphviz to open.

        Folder lists (`imagepath`, `fontpath`) yield one reference per folder.
        """
        tokens = self.tokens
        for index in range(1, len(tokens) - 1):
            name, equals, value = tokens[index - 1], tokens[index], tokens[index + 1]
            if equals.kind != "punct" or equals.text != "=" or name.kind == "punct" or value.kind == "punct":
                continue
            attribute = name.text.lower()
            if attribute in FILE_ATTRIBUTES:
                # Graphviz splits folder lists at ':' (';' on Windows); both are refused as one.
                parts = re.split(r"[:;]", value.text) if attribute in _FOLDER_LISTS else [value.text]
                yield from (FileReference(attribute, part, name.line) for part in parts if part)
            if value.kind == "html":
                for match in _IMG_SRC.finditer(value.text):
                    source = html.unescape(match.group(1) if match.group(1) is not None else match.group(2))
                    line = value.line + value.text.count("\n", 0, match.start())
                    yield FileReference("IMG SRC", source, line)

    def with_defaults(self, attributes: dict[str, str]) -> str:
        """Return the text with `attributes` as the first graph, node and edge defaults.

        They come before any statement of the graph, so every setting in the DOT still wins.
        Nothing is inserted if the source holds no graph body. Lines stay where they were.
        """
        brace = next((t for t in self.tokens if t.kind == "punct" and t.text == "{"), None)
        if brace is None or not attributes:
            return self.text
        values = ", ".join(f'{name}="{_quote(value)}"' for name, value in attributes.items())
        defaults = f" graph [{values}]; node [{values}]; edge [{values}];"
        cut = brace.start + 1
        return self.text[:cut] + defaults + self.text[cut:]


def _quote(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')


def _scan(text: str) -> tuple[list[Token], list[str]]:
    """Return the tokens and comments of `text`, following Graphviz's scanner (lib/cgraph/scan.l)."""
    tokens: list[Token] = []
    comments: list[str] = []
    index, line, size = 0, 1, len(text)
    while index < size:
        char = text[index]
        if char == "\n":
            line += 1
            index += 1
        elif char.isspace():
            index += 1
        elif char == "#" and (index == 0 or text[index - 1] == "\n"):
            # A line starting with '#' is C preprocessor output, which Graphviz skips.
            end = _line_end(text, index)
            comments.append(text[index + 1 : end])
            index = end
        elif text.startswith("//", index):
            end = _line_end(text, index)
            comments.append(text[index + 2 : end])
            index = end
        elif text.startswith("/*", index):
            end = text.find("*/", index + 2)
            end = size if end < 0 else end
            comments.append(text[index + 2 : end])
            line += text.count("\n", index, end)
            index = min(end + 2, size)
        elif char == '"':
            start, start_line = index, line
            value, index = _read_quoted(text, index)
            line += text.count("\n", start, index)
            previous = tokens[-1] if tokens else None
            if previous and previous.kind == "punct" and previous.text == "+" and len(tokens) > 1:
                # "a" + "b" is one ID to Graphviz; join it so no file name hides in pieces.
                joined = tokens[-2]
                if joined.kind == "string":
                    tokens[-2:] = [Token("string", joined.text + value, joined.line, joined.start)]
                    continue
            tokens.append(Token("string", value, start_line, start))
        elif char == "<":
            start, start_line = index, line
            end = _html_end(text, index)
            tokens.append(Token("html", text[index + 1 : end - 1], start_line, start))
            line += text.count("\n", start, end)
            index = end
        elif operator := _EDGE_OPERATOR.match(text, index):
            tokens.append(Token("punct", operator.group(), line, index))
            index = operator.end()
        elif word := _WORD.match(text, index):
            tokens.append(Token("id", word.group(), line, index))
            index = word.end()
        else:
            tokens.append(Token("punct", char, line, index))
            index += 1
    return tokens, comments


def _line_end(text: str, index: int) -> int:
    end = text.find("\n", index)
    return len(text) if end < 0 else end


def _read_quoted(text: str, index: int) -> tuple[str, int]:
    """Return a quoted string's value and the offset after its closing quote.

    As in Graphviz, `\\"` is a quote and a backslash before a newline joins the lines; every
    other backslash is kept for the attribute to interpret.
    """
    value: list[str] = []
    index += 1
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text) and text[index + 1] in '"\n':
            if text[index + 1] == '"':
                value.append('"')
            index += 2
        elif char == '"':
            return "".join(value), index + 1
        else:
            value.append(char)
            index += 1
    return "".join(value), index


def _html_end(text: str, index: int) -> int:
    """Return the offset after the '>' that closes the HTML string opening at `index`."""
    depth = 0
    for position in range(index, len(text)):
        if text[position] == "<":
            depth += 1
        elif text[position] == ">":
            depth -= 1
            if depth == 0:
                return position + 1
    return len(text)
