"""Every row of the YAML-message table, pinned: the place, the message and the hint a presenter reads."""

from __future__ import annotations

import pytest

from generator.diagnostics import DeckError
from generator.source import parse

CASES = [
    ("a: 1\n---\nb: 2\n", "2:1", "the file holds more than one YAML document",
     "remove the '---' line, or split the decks into separate files"),
    ("a: &x 1\nb: &x 2\n", "2:4", "the anchor '&x' is defined twice",
     "rename one of the two anchors, and the aliases (*name) meant for it"),
    ("a: 'x\nb: 1\n", "1:4", "the quote \"'\" opened here is never closed",
     "close the quote at the end of the text: a: 'x'"),
    ("slides:\n  - title: x\n     body: y\n", "3:10", "the key 'body' is indented more than the keys above it",
     "line 'body:' up with the keys above it"),
    ("title: a: b\n", "1:9", "text after a key contains ': ', which YAML reads as another key",
     'put the text in quotes: title: "a: b"'),
    ("a: b\nc\nd: e\n", "2:1", "'c' needs a ':' after its key",
     "add ':' after the key; if the line continues the text above, put that text in quotes"),
    ("a:\t- b\n", "1:3", "a tab is used where YAML expects spaces", "replace the tab with spaces"),
    ("a: @x\n", "1:4", "text cannot start with '@' unless it is in quotes", 'put the text in quotes: a: "@x"'),
    ("a: [1, 2\nb: 3\n", "1:4", "the '[' opened here is never closed",
     "add ']' at the end; put text that starts with '[' in quotes"),
    ("a: {b: 1\nc: 2\n", "1:4", "the '{' opened here is never closed",
     "add '}' at the end; put text that starts with '{' in quotes"),
    ("a: & x\n", "1:4", "'&' starts an anchor, but no name follows it",
     "put text that starts with '&' in quotes: a: \"& x\""),
    ("a: *\n", "1:4", "'*' starts an alias, but no name follows it",
     "put text that starts with '*' in quotes: a: \"*\""),
    ("a: [\n", "1:5", "a '[' or '{' is still open at the end of the file",
     "close the bracket; put text that starts with '[' or '{' in quotes"),
    ("a: *nope\n", "1:4", "the alias '*nope' refers to no anchor",
     "put text that starts with '*' in quotes: a: \"*nope\""),
    ('a: "\\q"\n', "1:6", "'\\q' is not an escape that double quotes allow",
     "use single quotes, where a backslash is just a backslash, or write each \\ as \\\\"),
    ("a: | x\n  b\n", "1:6", "'|' or '>' must end its line, with the text on the lines below",
     "move the text to the next lines, indented under the key"),
    ("a:\n  - b\n - c\n", "3:2", "this list item does not line up with the lines above it",
     "indent the item like the other items of its list"),
    ("a:\n  b: 1\n c: 2\n", "3:2", "this line is indented differently from the keys above it",
     "line the key up with the keys of its mapping, using spaces"),
    ("- [The SQL](x) covers\n", "1:12", "text that starts with '[' must be in quotes",
     'put the whole text in quotes: - "[The SQL](x) covers"'),
    ("a: 'x' y\n", "1:8", "text that starts with a single quote must be quoted as a whole",
     "put the whole text in quotes: a: \"'x' y\""),
    ("a: }\n", "1:4",
     "the YAML cannot be read here: expected the node content, but found '}' (while parsing a block node)",
     "check the indentation and the quotes on this line and the one above"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "place", "message", "hint"), CASES, ids=[case[2][:40] for case in CASES])
def test_each_yaml_error_is_worded_at_its_place(text: str, place: str, message: str, hint: str) -> None:
    with pytest.raises(DeckError) as caught:
        parse(text, "deck.yaml")
    [found] = caught.value.diagnostics
    assert (f"{found.pos.line}:{found.pos.col}", found.message, found.hint) == (place, message, hint)
