"""A new deck folder: a starter deck, one diagram, and the schema editors check the deck against."""

from __future__ import annotations

import json
from pathlib import Path

from .deck_model import json_schema

SCHEMA = Path(".lecturedeck/deck.schema.json")
DECK = Path("deck.yaml")
DIAGRAM = Path("diagrams/example.dot")

STARTER_DECK = f"""\
# yaml-language-server: $schema={SCHEMA.as_posix()}
# Build it with 'lecturedeck build', or rebuild it on every save with 'lecturedeck watch'.
title: My lecture
subtitle: What this lecture is about
author: Your name
slides:
  - section: Getting started
  - title: Objectives
    bullets:
      - Explain the **first** idea
      - Compare two *approaches*:
          - the simple one
          - the fast one
      - Term: what the term means
    notes: What to say while this slide is up.
  - title: How the parts fit
    diagram:
      file: {DIAGRAM.as_posix()}
      alt: Input goes to Process, which gives Output.
    caption: Edit {DIAGRAM.as_posix()} to change this diagram.
"""

STARTER_DIAGRAM = """\
// How the parts fit
digraph {
  rankdir=LR;
  node [shape=box, style=rounded];
  Input -> Process -> Output;
}
"""


class AlreadyThereError(Exception):
    """`init` would overwrite files that exist."""

    def __init__(self, paths: list[Path]) -> None:
        self.paths = paths
        super().__init__(", ".join(str(path) for path in paths))


def init(folder: Path) -> list[Path]:
    """Write a starter deck, its diagram and a copy of the schema into `folder`; return their paths.

    Raises AlreadyThereError, writing nothing, when any of them exists.
    """
    files = {
        folder / DECK: STARTER_DECK,
        folder / DIAGRAM: STARTER_DIAGRAM,
        folder / SCHEMA: json.dumps(json_schema(), indent=2) + "\n",
    }
    existing = [path for path in files if path.exists() or path.is_symlink()]
    if existing:
        raise AlreadyThereError(existing)
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(files)
