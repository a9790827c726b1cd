"""PyYAML's reading errors (syntax, tabs, forbidden characters) in a presenter's words, at the place to fix.

PyYAML says what went wrong in English phrases (`problem`, `context`); `_RULES` is the one table
from those phrases to a presenter's message. The first row whose phrases both occur and whose
builder accepts the error gives the message; `_unreadable` words anything no row knows.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import yaml

from ..diagnostics import Diagnostic, SourcePos, error
from .marks import _LINE_BREAK, _inside, _pos, _text_pos


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


@dataclass(frozen=True)
class _Failure:
    """A PyYAML error with what the messages quote: its phrases, its place and that place's line."""

    file: str
    problem: str
    context: str
    here: yaml.Mark | None
    """Where PyYAML noticed the problem (brought back onto the last line when past it)."""
    opened: yaml.Mark | None
    """Where the construct PyYAML was reading began (its context mark)."""

    @property
    def line(self) -> str:
        """Return the line PyYAML noticed the problem on, without its indentation."""
        return _line_at(self.here).strip()

    @property
    def opening(self) -> str:
        """Return the line the construct PyYAML was reading began on, without its indentation."""
        return _line_at(self.opened).strip()

    def at(self, mark: yaml.Mark | None, message: str, expected: str, found: str, hint: str) -> Diagnostic:
        """Return a 'yaml.syntax' error at `mark`."""
        return error("yaml.syntax", _pos(self.file, mark), message, expected=expected, found=found, hint=hint)


def _syntax_error(file: str, exc: yaml.MarkedYAMLError) -> Diagnostic:
    """Return PyYAML's error in a presenter's words, at the place the fix is needed."""
    failure = _Failure(
        file,
        (exc.problem or "").strip(),
        (exc.context or "").strip(),
        _inside(exc.problem_mark or exc.context_mark),
        exc.context_mark,
    )
    for problem, context, build in _RULES:
        if problem in failure.problem and context in failure.context and (found := build(failure)):
            return found
    return _unreadable(failure)


def _two_documents(f: _Failure) -> Diagnostic:
    return error(
        "yaml.documents",
        _pos(f.file, f.here),
        "the file holds more than one YAML document",
        expected="one deck per file",
        found="a second document after '---'",
        hint="remove the '---' line, or split the decks into separate files",
    )


def _anchor_twice(f: _Failure) -> Diagnostic | None:
    if f.opened is None:
        return None
    name = f.context.split("'")[1]
    return f.at(
        f.here,
        f"the anchor '&{name}' is defined twice",
        expected="each anchor name once in the file",
        found=f"'&{name}' again; it was first given at line {f.opened.line + 1}",
        hint="rename one of the two anchors, and the aliases (*name) meant for it",
    )


def _unclosed_quote(f: _Failure) -> Diagnostic:
    # The end of the file is where PyYAML noticed; the unclosed quote is what to fix.
    quote = _char_at(f.opened)
    return f.at(
        f.opened,
        f"the quote {quote} opened here is never closed",
        expected=f"a closing {quote} at the end of the text",
        found=f"'{f.opening}' with no closing {quote} before the end of the file",
        hint=f"close the quote at the end of the text: {f.opening}{quote[1:-1]}",
    )


def _colon_in_text(f: _Failure) -> Diagnostic | None:
    if f.here is None:
        return None
    key = f.line.removeprefix("- ").split(":", 1)[0]
    if _line_at(f.here).find(":") == f.here.column:
        # The line's own first colon: the line is indented as if it continued the value above.
        return f.at(
            f.here,
            f"the key '{key}' is indented more than the keys above it",
            expected="keys of one mapping starting at the same column",
            found=f"'{f.line}'",
            hint=f"line '{key}:' up with the keys above it",
        )
    return f.at(
        f.here,
        "text after a key contains ': ', which YAML reads as another key",
        expected="text that contains ': ' in quotes",
        found=f"'{f.line}'",
        hint=f"put the text in quotes: {_quoted_value(f.line)}",
    )


def _colon_missing(f: _Failure) -> Diagnostic:
    return f.at(
        f.opened,
        f"'{f.opening}' needs a ':' after its key",
        expected="'key: value', or 'key:' followed by indented lines",
        found=f"'{f.opening}'",
        hint="add ':' after the key; if the line continues the text above, put that text in quotes",
    )


def _tab_between(f: _Failure) -> Diagnostic | None:
    if _char_at(f.here) != "'\t'":
        return None
    return f.at(
        f.here,
        "a tab is used where YAML expects spaces",
        expected="spaces between the parts of a line",
        found="a tab character",
        hint="replace the tab with spaces",
    )


def _cannot_start(f: _Failure) -> Diagnostic:
    char = _char_at(f.here)
    return f.at(
        f.here,
        f"text cannot start with {char} unless it is in quotes",
        expected="text in quotes when it starts with a character such as @ or `",
        found=f"'{f.line}'",
        hint=f"put the text in quotes: {_quoted_value(f.line)}",
    )


def _unclosed_bracket(f: _Failure) -> Diagnostic:
    bracket = _char_at(f.opened)
    closing = "]" if bracket == "'['" else "}"
    return f.at(
        f.opened,
        f"the {bracket} opened here is never closed",
        expected=f"'{closing}' after the last item, with ', ' between items",
        found=f"'{f.opening}'",
        hint=f"add '{closing}' at the end; put text that starts with {bracket} in quotes",
    )


def _nameless(f: _Failure) -> Diagnostic:
    sign, what = ("&", "an anchor") if "anchor" in f.context else ("*", "an alias")
    return f.at(
        f.opened,
        f"'{sign}' starts {what}, but no name follows it",
        expected=f"a name right after '{sign}', as in {sign}name",
        found=f"'{f.opening}'",
        hint=f"put text that starts with '{sign}' in quotes: {_quoted_value(f.opening)}",
    )


def _open_at_end(f: _Failure) -> Diagnostic:
    return f.at(
        f.here,
        "a '[' or '{' is still open at the end of the file",
        expected="a ']' or '}' closing every '[' and '{'",
        found=f"'{f.line}'",
        hint="close the bracket; put text that starts with '[' or '{' in quotes",
    )


def _undefined_alias(f: _Failure) -> Diagnostic:
    name = f.problem.rsplit(" ", 1)[-1].strip("'")
    return f.at(
        f.here,
        f"the alias '*{name}' refers to no anchor",
        expected=f"an anchor '&{name}' earlier in the file",
        found=f"'{f.line}'",
        hint=f"put text that starts with '*' in quotes: {_quoted_value(f.line)}",
    )


def _unknown_escape(f: _Failure) -> Diagnostic:
    return f.at(
        f.here,
        f"'\\{_char_at(f.here).strip(chr(39))}' is not an escape that double quotes allow",
        expected="escapes such as \\n or \\\\ inside double quotes",
        found=f"'{f.line}'",
        hint="use single quotes, where a backslash is just a backslash, or write each \\ as \\\\",
    )


def _block_scalar_text(f: _Failure) -> Diagnostic:
    return f.at(
        f.here,
        "'|' or '>' must end its line, with the text on the lines below",
        expected="'|' or '>' (optionally '|-' or '>-') at the end of the line",
        found=f"'{f.line}'",
        hint="move the text to the next lines, indented under the key",
    )


def _block_error(f: _Failure) -> Diagnostic:
    """Return the error for the line at `here`, which does not fit the indented block around it."""
    line = _line_at(f.here)
    if f.here is not None and (opened := _value_start(line)) is not None and f.here.column > opened:
        return _text_after_value_error(f, f.here, line, opened)
    if f.line.startswith("-"):
        return f.at(
            f.here,
            "this list item does not line up with the lines above it",
            expected="every item of a list starting with '- ' at the same column, indented under its key",
            found=f"'{f.line}'",
            hint="indent the item like the other items of its list",
        )
    return f.at(
        f.here,
        "this line is indented differently from the keys above it",
        expected="the keys of one mapping starting at the same column",
        found=f"'{f.line}'",
        hint="line the key up with the keys of its mapping, using spaces",
    )


def _unreadable(f: _Failure) -> Diagnostic:
    return f.at(
        f.here,
        f"the YAML cannot be read here: {_plain(f.problem)}" + (f" ({_plain(f.context)})" if f.context else ""),
        expected="valid YAML",
        found=f"'{f.line}'",
        hint="check the indentation and the quotes on this line and the one above",
    )


_RULES: tuple[tuple[str, str, Callable[[_Failure], Diagnostic | None]], ...] = (
    # (a phrase of PyYAML's problem, a phrase of its context, the message builder); "" matches any.
    ("", "expected a single document", _two_documents),
    ("", "found duplicate anchor", _anchor_twice),
    ("unexpected end of stream", "quoted scalar", _unclosed_quote),
    ("mapping values are not allowed", "", _colon_in_text),
    ("could not find expected ':'", "", _colon_missing),
    ("that cannot start any token", "", _tab_between),
    ("that cannot start any token", "", _cannot_start),
    ("expected ',' or ']'", "", _unclosed_bracket),
    ("expected ',' or '}'", "", _unclosed_bracket),
    ("", "while scanning an anchor", _nameless),
    ("", "while scanning an alias", _nameless),
    ("'<stream end>'", "flow", _open_at_end),
    ("found undefined alias", "", _undefined_alias),
    ("found unknown escape character", "", _unknown_escape),
    ("", "while scanning a block scalar", _block_scalar_text),
    ("<block end>", "", _block_error),
)


def _value_start(line: str) -> int | None:
    """Return the column where the value of a '- text', 'key: text' or '- key: text' line starts.

    None when the line holds no value after its '- ' or key (a bare '-' or 'key:').
    """
    match = re.match(r"\s*(?:-\s+)?(?:[^\s\[\]{}\"'#&*!|>%@`-][^:#]*:\s+)?", line)
    assert match is not None  # every part of the pattern is optional
    return match.end() if match.end() < len(line.rstrip()) else None


def _text_after_value_error(f: _Failure, here: yaml.Mark, line: str, opened: int) -> Diagnostic:
    """Return the error for text that goes on after a value YAML has already read to its end.

    '- [The SQL tutorial](https://…) covers joins' is a list '[The SQL tutorial]' and then more
    text; '- "main" is the new "master"' is the quoted text "main" and then more. The fix is to
    quote the whole text, not to indent anything.
    """
    first = line[opened]
    read = line[opened : here.column].rstrip()
    starts = {"[": "'['", "{": "'{'", '"': "a double quote", "'": "a single quote"}.get(first)
    if starts is None:
        return f.at(
            here,
            "more text follows a value that is already complete",
            expected="a closing quote or bracket only at the end of the value",
            found=f"'{f.line}'",
            hint=f"put the whole text in quotes: {_quoted_value(f.line)}",
        )
    what = "a list" if first == "[" else "a mapping" if first == "{" else "the whole text"
    message = f"text that starts with {starts} must be " + ("in quotes" if first in "[{" else "quoted as a whole")
    return f.at(
        here,
        message,
        expected=f"the whole text in quotes when it starts with {starts}",
        found=f"'{read}', which YAML reads as {what}, then '{line[here.column :].strip()}'",
        hint=f"put the whole text in quotes: {_quoted_value(f.line)}",
    )


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
