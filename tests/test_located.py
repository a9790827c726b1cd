"""Validated model objects know where they are written; later stages ask them, not the YAML paths."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from generator.located import where
from generator.model import Bullet, Column, DiagramSpec
from generator.places import value_at
from generator.source import parse
from generator.validate import ValidDeck, validate

GENERATOR = Path(__file__).resolve().parent.parent / "generator"

DECK = """\
title: Graphs
agenda: true
theme:
  fonts:
    body: Arial
diagrams:
  flow:
    dot: "digraph { a -> b }"
slides:
  - section: Search
  - title: Paths
    bullets:
      - BFS
      - Depth first:
          - stack
      - DFS: depth first
  - title: Compare
    columns:
      - heading: BFS
        text: queue
      - text: stack
  - title: Flow
    diagram: flow
    caption: A flow
"""


def _valid(text: str = DECK) -> ValidDeck:
    return validate(parse(text, "deck.yaml"), Path("."))


def _models(value: Any) -> list[BaseModel]:
    """Return every model object in `value`, depth first."""
    if isinstance(value, BaseModel):
        return [value, *(found for name in type(value).model_fields for found in _models(getattr(value, name)))]
    if isinstance(value, list | tuple):
        return [found for item in value for found in _models(item)]
    if isinstance(value, dict):
        return [found for item in value.values() for found in _models(item)]
    return []


def test_each_slide_knows_its_line_and_its_keys_lines() -> None:
    deck = _valid().deck
    paths = deck.slides[1]
    assert (where(paths).line, where(paths).column) == (11, 5)
    assert where(paths, "bullets").line == 13
    assert where(paths, "title").key_pos.line == 11
    assert where(deck.slides[3], "diagram").line == 23


def test_a_sub_item_is_placed_under_its_bullets_text() -> None:
    bullets = _valid().deck.slides[1].bullets
    assert where(bullets[1]).path == ("slides", 1, "bullets", 1)
    assert where(bullets[1].children[0]).path == ("slides", 1, "bullets", 1, "Depth first", 0)
    assert where(bullets[1].children[0]).line == 15


def test_places_are_worded_as_messages_word_them() -> None:
    deck = _valid().deck
    assert where(deck.slides[2].columns[1]).words == "column 2 of slide 5"
    assert where(deck.slides[3], "caption").words == "'caption' of slide 6"
    assert where(deck).words == "the deck"
    assert where(deck.slides[2]).slide_index == 2
    assert where(deck.theme).slide_index is None


def test_a_named_diagram_knows_where_its_dot_is_written() -> None:
    named = _valid().deck.diagrams["flow"]
    assert isinstance(named, DiagramSpec)
    assert where(named, "dot").line == 8
    assert where(named, "dot").written == "digraph { a -> b }"


def test_a_key_left_out_is_placed_at_its_nearest_written_parent() -> None:
    deck = _valid().deck
    assert where(deck.theme, "template").pos == where(deck, "theme").pos
    assert where(deck.theme.colors, "accent").pos == where(deck.theme).pos != where(deck.theme.fonts).pos
    assert where(deck.slides[1], "caption").pos == where(deck.slides[1]).pos


def test_every_model_object_is_placed_at_the_yaml_it_was_validated_from() -> None:
    valid = _valid()
    for model in _models(valid.deck):
        place = where(model)
        raw = value_at(valid.doc.data, place.path)
        if isinstance(model, Bullet):
            # The three YAML shapes of a bullet: text, `term: text`, `text: [sub-items]`.
            if model.children:
                assert isinstance(raw, dict) and list(raw) == [model.text]
            elif model.term is not None:
                assert raw == {model.term: model.text}
            else:
                assert raw == model.text
        elif place.path in valid.doc.value_pos:
            assert isinstance(raw, dict)
            assert set(raw) <= set(type(model).model_fields)


def test_decks_from_two_files_keep_their_own_files() -> None:
    first, second = _valid(), validate(parse("title: Other\nslides:\n  - title: One\n", "other.yaml"), Path("."))
    assert where(first.deck.theme.colors).pos.file == "deck.yaml"
    assert where(second.deck.theme.colors).pos.file == "other.yaml"


def test_where_a_model_is_written_is_not_part_of_its_value() -> None:
    deck = _valid().deck
    column = deck.slides[2].columns[1]
    assert column == Column(text="stack")
    assert Column(text="stack") == column
    assert hash(column) == hash(Column(text="stack"))
    assert deck.slides[1].bullets[0] == Bullet.model_validate("BFS")


def test_a_model_that_validation_did_not_locate_is_a_bug() -> None:
    with pytest.raises(AssertionError, match="this is a bug in lecturedeck"):
        where(Column(text="stack"))


# Validation works on the YAML itself, which may not make a model; pull edits deck.yaml's text.
_PATH_BUILDERS = {"deck_rules.py", "validate.py", "places.py", "schema_messages.py", "pull/__init__.py"}


def test_no_stage_after_validation_builds_a_slide_path_by_hand() -> None:
    built = [
        f"{path.relative_to(GENERATOR)}:{node.lineno}"
        for path in sorted(GENERATOR.rglob("*.py"))
        if str(path.relative_to(GENERATOR)) not in _PATH_BUILDERS
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Tuple | ast.List)
        and len(node.elts) > 1
        and isinstance(node.elts[0], ast.Constant)
        and node.elts[0].value == "slides"
    ]
    assert built == []
