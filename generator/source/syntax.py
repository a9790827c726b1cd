"""PyYAML's reading errors (syntax, tabs, forbidden characters) in a presenter's words, at the place to fix."""

from __future__ import annotations

import re
import unicodedata

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
