"""Each rule a model checks, broken: the code, place, message, found and hint a presenter reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.diagnostics import DeckError
from generator.source import parse
from generator.validate import validate

CASES = [
    ("  - title: a\n    bullets:\n      - Term: 3\n",
     "schema.bullet", "5:15", "the definition of 'Term' in bullet 1 of slide 2 is neither text nor a list",
     "3 (YAML reads it as a number)", 'put the definition in quotes: Term: "3"'),
    ("  - title: a\n    bullets:\n      - Term: {x: 1}\n",
     "schema.bullet", "5:15", "the definition of 'Term' in bullet 1 of slide 2 is neither text nor a list",
     "a mapping with the key 'x'", "write the definition after 'Term:', or delete the ':' to make it plain text"),
    ("  - title: a\n    bullets:\n      - A: b\n        C: d\n",
     "schema.bullet", "5:9", "bullet 1 of slide 2 must be text or a single 'key: value'",
     "a mapping with the keys 'A' and 'C'",
     "if 'C' is a bullet of its own, start it with '- '; if the text contains ': ', put the whole bullet in quotes"),
    ("  - title: a\n    bullets:\n      - [1, 2]\n",
     "schema.bullet", "5:9", "bullet 1 of slide 2 must be text or a single 'key: value'",
     "a list of 2 items", "write the bullet as text on one line after '- '"),
    ("  - title: a\n    diagram: {file: a.dot, dot: 'digraph {}'}\n",
     "schema.diagram", "4:14", "'diagram' of slide 2 needs exactly one of 'file' or 'dot'",
     "both 'file' and 'dot'", "keep one of the two"),
    ("  - title: a\n    diagram: {engine: dot}\n",
     "schema.diagram", "4:14", "'diagram' of slide 2 needs exactly one of 'file' or 'dot'",
     "a mapping with the key 'engine'", "add 'file:' with the path to a .dot file, or 'dot: |' with the source"),
    ("  - title: a\n    diagram: 3\n",
     "schema.diagram", "4:14", "'diagram' must name a diagram",
     "3 (YAML reads it as a number)", "write e.g. 'diagram: diagrams/roles.dot'"),
    ("  - title: a\n    code: {language: python}\n",
     "schema.code", "4:11", "'code' of slide 2 needs exactly one of 'source' or 'file'",
     "a mapping with the key 'language'", "add 'source: |' with the code, or 'file:' with its path"),
    ("  - title: a\n    code: {language: python, source: x, file: a.py}\n",
     "schema.code", "4:11", "'code' of slide 2 needs exactly one of 'source' or 'file'",
     "both 'source' and 'file'", "keep one of the two"),
    ("  - title: a\n    quote: [a]\n",
     "schema.quote", "4:12", "'quote' must be text, or a mapping with 'text' and 'by'",
     "a list of 1 item", "write e.g. 'quote: Simple is better than complex.'"),
    ("  - title: a\n    image: true\n",
     "schema.image", "4:12", "'image' must name an image file",
     "true (YAML reads it as true, not text)", "write e.g. 'image: images/cluster.png'"),
    ("  - title: a\n    columns:\n      - {}\n      - heading: b\n        text: c\n",
     "schema.column", "5:9", "column 1 of slide 2 is empty",
     "an empty mapping", "add 'bullets:' or 'text:' to the column, or delete the column"),
    ("  - title: a\n    columns:\n      - {bullets: [a], text: b}\n      - heading: b\n        text: c\n",
     "schema.column", "5:9", "column 1 of slide 2 has both 'bullets' and 'text'",
     "both", "keep one of the two"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("slides", "code", "place", "message", "found", "hint"), CASES, ids=[f"{c[1]}-{i}" for i, c in enumerate(CASES)]
)
def test_each_broken_rule_says_what_to_fix_where(
    tmp_path: Path, slides: str, code: str, place: str, message: str, found: str, hint: str
) -> None:
    with pytest.raises(DeckError) as caught:
        validate(parse("title: T\nslides:\n" + slides, "deck.yaml"), tmp_path)
    [got] = caught.value.diagnostics
    assert (got.code, f"{got.pos.line}:{got.pos.col}", got.message, got.found, got.hint) == (
        code,
        place,
        message,
        found,
        hint,
    )
