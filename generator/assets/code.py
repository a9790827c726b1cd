"""Code listings: the source read (inline or from a file in the deck's folder) and lexed by Pygments."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic, SourcePos, error
from ..located import where
from ..model import CodeSpec
from ..paths import read_at_most, resolve_inside
from ..source import YamlPath
from ..validate import ValidDeck
from ..wording import did_you_mean

if TYPE_CHECKING:
    from pygments.lexer import Lexer

MAX_CODE_BYTES = 50_000
"""The largest code file accepted; a slide shows a few dozen lines at most."""
_TAB_SIZE = 4


class TokenKind(StrEnum):
    """What a piece of code is, as far as its colour goes (a theme's CodePalette has one per kind)."""

    PLAIN = "plain"
    KEYWORD = "keyword"
    STRING = "string"
    COMMENT = "comment"
    NUMBER = "number"
    FUNCTION = "function"
    CLASS = "class_name"
    BUILTIN = "builtin"
    DECORATOR = "decorator"
    TAG = "tag"
    ATTRIBUTE = "attribute"


# Pygments' token types are tuples of names ('Name', 'Function'), equal to the plain tuples here
# (so Pygments is imported only for a deck with code); a type without an entry takes the kind
# of its nearest listed parent.
_KINDS: dict[tuple[str, ...], TokenKind] = {
    ("Keyword",): TokenKind.KEYWORD,
    ("Keyword", "Constant"): TokenKind.NUMBER,
    ("Keyword", "Type"): TokenKind.CLASS,
    ("Operator", "Word"): TokenKind.KEYWORD,
    ("Name", "Builtin"): TokenKind.BUILTIN,
    ("Name", "Function"): TokenKind.FUNCTION,
    ("Name", "Class"): TokenKind.CLASS,
    ("Name", "Exception"): TokenKind.CLASS,
    ("Name", "Decorator"): TokenKind.DECORATOR,
    ("Name", "Tag"): TokenKind.TAG,
    ("Name", "Attribute"): TokenKind.ATTRIBUTE,
    ("Literal", "String"): TokenKind.STRING,
    ("Literal", "Number"): TokenKind.NUMBER,
    ("Literal", "Date"): TokenKind.NUMBER,
    ("Comment",): TokenKind.COMMENT,
    ("Comment", "Preproc"): TokenKind.KEYWORD,
    ("Comment", "PreprocFile"): TokenKind.STRING,
    ("Generic", "Prompt"): TokenKind.COMMENT,
}


@dataclass(frozen=True)
class CodeToken:
    """A stretch of one line of code that has one colour."""

    text: str
    kind: TokenKind


@dataclass(frozen=True)
class CodeAsset:
    """A listing lexed into lines of coloured tokens; an empty line has no tokens."""

    lines: tuple[tuple[CodeToken, ...], ...]
    language: str
    """The lexer's name for the language, e.g. 'Python'."""


def resolve_code(valid: ValidDeck) -> tuple[dict[YamlPath, CodeAsset], list[Diagnostic]]:
    """Return every slide's code listing lexed, by the YAML path of its `code` key, and the problems."""
    listings: dict[YamlPath, CodeAsset] = {}
    problems: list[Diagnostic] = []
    for path, spec in _references(valid):
        lexer = _lexer(spec.language, where(spec, "language").pos)
        source = _source(valid, spec)
        found = [item for item in (lexer, source) if isinstance(item, Diagnostic)]
        if found:
            problems.extend(found)
            continue
        assert not isinstance(lexer, Diagnostic) and isinstance(source, str)
        listings[path] = CodeAsset(_lines(lexer, source), lexer.name)
    return listings, problems


def _references(valid: ValidDeck) -> Iterator[tuple[YamlPath, CodeSpec]]:
    for slide in valid.deck.slides:
        spec = getattr(slide, "code", None)
        if isinstance(spec, CodeSpec):
            yield where(spec).path, spec


def _lexer(language: str, pos: SourcePos) -> Lexer | Diagnostic:
    from pygments.lexers import get_all_lexers, get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        # stripnl drops blank lines before and after the code; tabs become spaces, as on screen.
        return get_lexer_by_name(language, stripnl=True, tabsize=_TAB_SIZE)
    except ClassNotFound:
        pass
    aliases = sorted({alias for _, names, _, _ in get_all_lexers() for alias in names})
    return error(
        "code.language",
        pos,
        f"unknown code language '{language}'",
        expected="a Pygments language name such as python, javascript, java, bash, sql, yaml or text",
        found=f"'{language}'",
        hint=did_you_mean(language.lower(), aliases)
        or "see https://pygments.org/languages/ for every name; 'text' shows the code without colours",
    )


def _source(valid: ValidDeck, spec: CodeSpec) -> str | Diagnostic:
    """Return the code's text with Unix line ends, or why it cannot be shown."""
    if spec.source is not None:
        return spec.source
    assert spec.file is not None
    pos = where(spec, "file").pos
    # Any file type: `language` says how to read it, so the name's own suffix is allowed.
    target = resolve_inside(valid.root, spec.file, pos, "code file", (PurePosixPath(spec.file).suffix.lower(),))
    if isinstance(target, Diagnostic):
        return target
    return _read(target, spec.file, pos)


def _read(target: Path, name: str, pos: SourcePos) -> str | Diagnostic:
    data = read_at_most(target, MAX_CODE_BYTES)
    if isinstance(data, int):
        return error(
            "code.too-large",
            pos,
            f"the code file '{name}' is {data:,} bytes, over the limit",
            expected=f"at most {MAX_CODE_BYTES:,} bytes",
            found=f"{data:,} bytes",
            hint="copy the lines the slide is about into a file of their own, or into 'source: |'",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return error(
            "code.encoding",
            pos,
            f"the code file '{name}' is not UTF-8 text (line {line})",
            expected="a UTF-8 encoded text file",
            found=f"the byte 0x{data[exc.start]:02X}",
            hint="save the file as UTF-8",
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for number, line in enumerate(text.split("\n"), start=1):
        bad = next((c for c in line if c != "\t" and unicodedata.category(c) in ("Cc", "Cs", "Cn")), None)
        if bad is not None:
            return error(
                "code.encoding",
                pos,
                f"the code file '{name}' holds the control character U+{ord(bad):04X} (line {number})",
                expected="printable text, spaces, tabs and line ends",
                found=f"U+{ord(bad):04X} on line {number}",
                hint="delete the character; a slide cannot show it",
            )
    return text


def _lines(lexer: Lexer, source: str) -> tuple[tuple[CodeToken, ...], ...]:
    """Return the code line by line, each as its tokens with adjacent ones of one kind merged."""
    line: list[CodeToken] = []
    lines: list[tuple[CodeToken, ...]] = []
    for token_type, value in lexer.get_tokens(source):
        kind = _kind(token_type)
        for index, part in enumerate(value.split("\n")):
            if index:
                lines.append(tuple(line))
                line = []
            if not part:
                continue
            if line and line[-1].kind is kind:
                line[-1] = CodeToken(line[-1].text + part, kind)
            else:
                line.append(CodeToken(part, kind))
    lines.append(tuple(line))
    # Pygments ends the code with a line break, which leaves an empty last line.
    while lines and not any(token.text.strip() for token in lines[-1]):
        lines.pop()
    return tuple(lines)


def _kind(token_type: tuple[str, ...]) -> TokenKind:
    while token_type and token_type not in _KINDS:
        token_type = token_type[:-1]
    return _KINDS.get(token_type, TokenKind.PLAIN)
