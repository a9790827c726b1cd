"""Property tests: generated decks build as predicted; mutated and random input never crashes.

The "ci" profile (the default) runs a fixed set of examples; LECTUREDECK_HYPOTHESIS=long runs the
"long" profile, with many more random examples, to hunt for new failures.
"""

from __future__ import annotations

import copy
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from generator.build import build
from generator.check.readback import read_deck
from generator.cli import main
from generator.diagnostics import DeckError
from generator.source.loader import _FAST_LOADER, _BoundedLoader, _Bounds, _TooComplex
from generator.source.read import _compose

_SLOW = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large]
# The fixtures used here (the project folder, the OOXML validator) are meant to be shared by
# every example of a test; no example depends on another's files.
settings.register_profile("ci", derandomize=True, database=None, deadline=None, suppress_health_check=_SLOW)
settings.register_profile("long", max_examples=2_000, deadline=None, suppress_health_check=_SLOW)
LONG = os.environ.get("LECTUREDECK_HYPOTHESIS") == "long"
PROFILE = settings.get_profile("long" if LONG else "ci")


def examples(ci: int, long: int = 2_000) -> settings:
    """Return the profile's settings with `ci` examples, or `long` under the long profile."""
    return settings(PROFILE, max_examples=long if LONG else ci)


# --- generated valid decks ------------------------------------------------------------------------

# Letters, digits, punctuation, symbols and spaces from all of Unicode: what a presenter types,
# YAML-special characters (: # - ? & * ! | > ' " % @ { }) among them.
_CHARACTERS = st.characters(categories=("L", "N", "P", "S", "Zs"))
# Titles are compared with what is read back, so they leave out what inline formatting would
# interpret (**bold**, *italic*, _italic_, `code`, [links], backslash escapes, $equations$).
_TITLE_CHARACTERS = st.characters(categories=("L", "N", "P", "S", "Zs"), exclude_characters="*_`[\\$")


def _text(characters: st.SearchStrategy[str], max_size: int) -> st.SearchStrategy[str]:
    return st.text(characters, min_size=1, max_size=max_size)


titles = _text(_TITLE_CHARACTERS, 40)
words = _text(_CHARACTERS, 60)


def bullets(depth: int = 1) -> st.SearchStrategy[list[Any]]:
    """Return lists of bullets: text, `term: definition`, or `text: [sub-items]` down to three levels."""
    item: st.SearchStrategy[Any] = st.one_of(words, st.dictionaries(words, words, min_size=1, max_size=1))
    if depth < 3:
        item = st.one_of(item, st.dictionaries(words, bullets(depth + 1), min_size=1, max_size=1))
    return st.lists(item, min_size=1, max_size=5)


paragraphs = st.lists(words, min_size=1, max_size=3).map("\n\n".join)
column = st.one_of(
    st.fixed_dictionaries({"heading": titles}, optional={"bullets": bullets(2)}),
    st.fixed_dictionaries({"text": paragraphs}, optional={"heading": titles}),
)
extras = {"notes": paragraphs, "credit": words}
slide = st.one_of(
    st.fixed_dictionaries({"section": titles}, optional={"subtitle": words, **extras}),
    st.fixed_dictionaries({"title": titles, "bullets": bullets()}, optional=extras),
    st.fixed_dictionaries({"title": titles, "text": paragraphs}, optional=extras),
    st.fixed_dictionaries({"title": titles, "columns": st.lists(column, min_size=2, max_size=3)}, optional=extras),
    st.fixed_dictionaries({"title": titles}, optional=extras),
)


@st.composite
def decks(draw: st.DrawFn) -> dict[str, Any]:
    """Return a valid deck as YAML data, its keys in the order a presenter writes them."""
    deck: dict[str, Any] = {"title": draw(titles)}
    for key in ("subtitle", "author", "date", "footer"):
        if draw(st.booleans()):
            deck[key] = draw(titles)
    slides = draw(st.lists(slide, min_size=1, max_size=8))
    if any("section" in s for s in slides) and draw(st.booleans()):
        deck["agenda"] = True
    if any("credit" in s for s in slides):
        credits = draw(st.sampled_from([None, True, False]))
        if credits is not None:
            deck["credits"] = credits
    elif draw(st.booleans()):
        deck["credits"] = False
    deck["slides"] = slides
    return deck


def predicted_titles(deck: dict[str, Any]) -> list[str]:
    """Return the titles the format promises: title slide, agenda, one per slide, credits."""
    wants_credits = deck.get("credits", any("credit" in s for s in deck["slides"]))
    return [
        deck["title"],
        *(["Agenda"] if deck.get("agenda") else []),
        *(s.get("section", s.get("title")) for s in deck["slides"]),
        *(["Credits"] if wants_credits else []),
    ]


def dump(deck: dict[str, Any], unicode: bool) -> str:
    """Return the deck as YAML that quotes whatever needs quoting, as a careful presenter would."""
    return yaml.safe_dump(deck, allow_unicode=unicode, sort_keys=False)


@examples(ci=60, long=2_000)
@given(deck=decks(), unicode=st.booleans())
def test_a_generated_deck_plans_the_predicted_number_of_slides(deck: dict[str, Any], unicode: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "deck.yaml").write_text(dump(deck, unicode), encoding="utf-8")

        result = build(Path(folder) / "deck.yaml", Path(folder) / "output", write=False)

    assert result.slides == len(predicted_titles(deck))
    assert not [d for d in result.diagnostics if d.is_error]


# Every written deck also goes through the OOXML validator (about a second each): few examples.
@examples(ci=6, long=150)
@given(deck=decks(), unicode=st.booleans())
def test_a_generated_deck_is_written_with_the_predicted_titles(deck: dict[str, Any], unicode: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "deck.yaml").write_text(dump(deck, unicode), encoding="utf-8")

        result = build(Path(folder) / "deck.yaml", Path(folder) / "output")

        assert result.output is not None
        assert read_deck(result.output).titles == predicted_titles(deck)


# --- mutated decks ---------------------------------------------------------------------------------

BASE: dict[str, Any] = {
    "title": "Graphs and search",
    "subtitle": "Breadth first, depth first",
    "author": "A. Lecturer",
    "date": "2026-01-12",
    "language": "en-GB",
    "source": "https://example.org/graphs",
    "footer": "Graphs",
    "slide_numbers": True,
    "agenda": True,
    "credits": True,
    "fit": "shrink",
    "checks": {"overflow.text": "warning"},
    "theme": {"aspect": "4:3", "fonts": {"body": "Carlito"}, "colors": {"accent": "#123A73"}},
    "diagrams": {"search": {"dot": "digraph { a -> b; a -> c; }", "alt": "a leads to b and c"}},
    "slides": [
        {"section": "Search", "subtitle": "Two ways to walk a graph"},
        {
            "title": "Objectives",
            "bullets": [
                "Explain **BFS**",
                {"Traversals": ["Breadth first", {"Depth first": ["Recursive", "With a stack"]}]},
                {"Queue": "first in, first out"},
            ],
            "notes": "Start with a maze.\n\nThen a social network.",
        },
        {"title": "Why it matters", "text": "Search is everywhere.\n\nMaps, games, compilers."},
        {
            "title": "Compared",
            "columns": [
                {"heading": "BFS", "bullets": ["Queue", "Shortest paths"]},
                {"heading": "DFS", "text": "Stack"},
            ],
        },
        {"title": "A graph", "diagram": "search", "caption": "Three nodes", "credit": "Drawn with Graphviz"},
        {"title": "Questions?"},
    ],
}

YamlPath = tuple[str | int, ...]


def nodes(value: Any, path: YamlPath = ()) -> list[tuple[YamlPath, Any]]:
    """Return every value in the tree with its path, the root first."""
    found = [(path, value)]
    if isinstance(value, dict):
        for key, child in value.items():
            found.extend(nodes(child, (*path, key)))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found.extend(nodes(child, (*path, index)))
    return found


def at(tree: Any, path: YamlPath) -> Any:
    for part in path:
        tree = tree[part]
    return tree


def near_misses(key: str) -> st.SearchStrategy[str]:
    """Return misspellings a presenter makes: a letter lost, doubled, swapped, or case and plural changed."""
    options = [key.upper(), key.capitalize(), key + "s", key.replace("_", "-"), key.replace("_", " ")]
    for index in range(len(key)):
        options.append(key[:index] + key[index + 1 :])
        options.append(key[:index] + key[index] + key[index:])
        if index + 1 < len(key):
            options.append(key[:index] + key[index + 1] + key[index] + key[index + 2 :])
    return st.sampled_from(sorted({option for option in options if option and option != key}))


retyped = st.one_of(
    st.integers(),
    st.floats(),
    st.booleans(),
    st.none(),
    st.lists(st.sampled_from(["a", "b"]), max_size=2),
    st.dictionaries(st.sampled_from(["title", "text", "x"]), st.sampled_from(["a", 1]), max_size=2),
)


@st.composite
def mutate(draw: st.DrawFn, tree: Any) -> None:
    """Change `tree` in place in one of the ways a presenter breaks a deck."""
    everything = nodes(tree)
    mappings = [(path, value) for path, value in everything if isinstance(value, dict) and value]
    lists = [(path, value) for path, value in everything if isinstance(value, list) and value]
    strings = [(path, value) for path, value in everything if isinstance(value, str) and value and path]
    possible = {"drop": mappings, "rename": mappings, "retype": everything[1:], "truncate": strings, "duplicate": lists}
    kind = draw(st.sampled_from([kind for kind, targets in possible.items() if targets]))
    if kind in ("drop", "rename"):
        path, mapping = draw(st.sampled_from(mappings))
        key = draw(st.sampled_from(sorted(mapping)))
        value = mapping.pop(key)
        if kind == "rename":
            mapping[draw(near_misses(key))] = value
    elif kind == "retype":
        path, _ = draw(st.sampled_from(everything[1:]))
        at(tree, path[:-1])[path[-1]] = draw(retyped)
    elif kind == "truncate":
        path, text = draw(st.sampled_from(strings))
        at(tree, path[:-1])[path[-1]] = text[: draw(st.integers(0, len(text) - 1))]
    else:
        path, items = draw(st.sampled_from(lists))
        index = draw(st.integers(0, len(items) - 1))
        items.insert(draw(st.integers(0, len(items))), copy.deepcopy(items[index]))


@st.composite
def break_indentation(draw: st.DrawFn, text: str) -> str:
    """Return `text` with one line's indentation changed: spaces added or taken away, or a tab."""
    lines = text.split("\n")
    index = draw(st.integers(0, len(lines) - 1))
    line = lines[index]
    indent = len(line) - len(line.lstrip(" "))
    change = draw(st.sampled_from(["more", "less", "tab"]))
    if change == "more":
        line = " " * draw(st.integers(1, 3)) + line
    elif change == "less":
        line = line[min(indent, draw(st.integers(1, 3))) :]
    else:
        line = "\t" + line.lstrip(" ")
    lines[index] = line
    return "\n".join(lines)


@st.composite
def mutated_decks(draw: st.DrawFn) -> str:
    """Return the YAML text of BASE after one to three mutations, sometimes with broken indentation."""
    tree = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 3))):
        draw(mutate(tree))
    text = yaml.safe_dump(tree, allow_unicode=True, sort_keys=False)
    if draw(st.integers(0, 3)) == 0:
        text = draw(break_indentation(text))
    return text


_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_DIAGNOSTIC = re.compile(r"^(?P<file>.*?):(?P<line>\d+):(?P<col>\d+): (?:error|warning): .* \[[a-z0-9.-]+\]$")


@dataclass(frozen=True)
class Checked:
    """What `lecturedeck check deck.yaml` did: exit status, standard error, and any exception that escaped."""

    exit_code: int
    stderr: str
    escaped: BaseException | None


def check(project: Path, content: str | bytes) -> Checked:
    """Run `lecturedeck check deck.yaml` on `content`, written to the project folder."""
    deck = project / "deck.yaml"
    deck.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    result = CliRunner().invoke(main, ["check", "deck.yaml"], prog_name="lecturedeck")
    # The command line ends every run with sys.exit; anything else escaped it.
    escaped = None if isinstance(result.exception, SystemExit | None) else result.exception
    return Checked(result.exit_code, result.stderr, escaped)


def assert_a_clean_ending(run: Checked) -> None:
    """Assert the run ended as a user's run should: exit 0 or 1, with no traceback and no bug report."""
    assert run.escaped is None, f"{type(run.escaped).__name__}: {run.escaped}"
    assert run.exit_code in (0, 1), run.stderr
    assert "Traceback" not in run.stderr
    assert "internal error" not in run.stderr
    if run.exit_code == 1:
        assert _DIAGNOSTIC.match(run.stderr.split("\n")[0]), run.stderr
        assert re.search(r"^deck\.yaml: \d+ errors?; nothing written$", run.stderr, re.MULTILINE), run.stderr


def assert_positions_inside(run: Checked, text: str) -> None:
    """Assert every diagnostic points at a line of `text` and at most one column past its end.

    Lines end where YAML ends them: at \\n, \\r\\n, \\r, NEL, LS and PS.
    """
    lines = _LINE_BREAK.split(text)
    if len(lines) > 1 and lines[-1] == "":
        # The last break ends the last line; it starts no new one (an empty file is one empty line).
        lines.pop()
    for match in (_DIAGNOSTIC.match(line) for line in run.stderr.split("\n")):
        if match is None:
            continue
        line, col = int(match["line"]), int(match["col"])
        assert match["file"] == "deck.yaml", run.stderr
        assert 1 <= line <= len(lines), f"line {line} of a {len(lines)}-line file:\n{run.stderr}"
        assert 1 <= col <= len(lines[line - 1]) + 1, f"column {col} of {lines[line - 1]!r}:\n{run.stderr}"


def test_the_deck_mutations_start_from_is_valid(project: Path) -> None:
    run = check(project, yaml.safe_dump(BASE, allow_unicode=True, sort_keys=False))

    assert (run.exit_code, run.stderr) == (0, "checked deck.yaml (9 slides)\n")


@examples(ci=150)
@given(text=mutated_decks())
def test_a_mutated_deck_checks_clean_or_gets_diagnostics_inside_the_file(text: str, project: Path) -> None:
    run = check(project, text)

    assert_a_clean_ending(run)
    assert_positions_inside(run, text)


# --- random input ---------------------------------------------------------------------------------

_YAML_PIECES = [
    "title:",
    "slides:",
    "bullets:",
    "section:",
    "text:",
    "columns:",
    "diagram:",
    "dot:",
    "notes:",
    "- ",
    "  ",
    "\n",
    "\r\n",
    "\t",
    ": ",
    "? ",
    "[",
    "]",
    "{",
    "}",
    ", ",
    "#",
    "&a ",
    "*a",
    "!!str ",
    "!!int ",
    "<<: ",
    "|",
    ">-",
    "'",
    '"',
    "\\u00e9",
    "\\",
    "---",
    "...",
    "%YAML 1.1",
    "~",
    "12:30",
    "010",
    "2026-02-30",
    "0x_",
    "yes",
    "\ufeff",
    "\u0085",
    "\u2028",
    "é",
    "Graphs",
    "digraph { a -> b }",
    "    ",
    "- title: ",
    "!!python/object:os.system ",
    "? [a]",
    "*b",
    "&b ",
]
yaml_like = st.one_of(
    st.lists(st.sampled_from(_YAML_PIECES), max_size=60).map("".join),
    st.text(st.sampled_from(" \n\t-:?,[]{}#&*!|>'\"%@`\\~.0123456789abtsx\u00e9\u2028"), max_size=200),
)


@examples(ci=150)
@given(content=st.binary(max_size=2_000))
def test_random_bytes_end_in_a_diagnostic_never_a_traceback(content: bytes, project: Path) -> None:
    assert_a_clean_ending(check(project, content))


@examples(ci=250)
@given(text=yaml_like)
def test_random_yaml_looking_text_ends_in_a_diagnostic_never_a_traceback(text: str, project: Path) -> None:
    run = check(project, text)

    assert_a_clean_ending(run)
    assert_positions_inside(run, text)


def _read_with(loader: type[_Bounds], text: str) -> str | None:
    """Return everything `loader` reads from `text` (values, positions, problems), or None if it fails."""
    try:
        doc = _compose(loader(text), text, "deck.yaml")
    except (yaml.YAMLError, _TooComplex, DeckError):
        return None
    problems = [(path, problem.render()) for path, problem in doc.problems]
    return repr((doc.data, doc.value_pos, doc.key_pos, doc.source_text, problems))


@pytest.mark.skipif(_FAST_LOADER is None, reason="PyYAML is built without libyaml here")
@examples(ci=400, long=20_000)
@given(text=st.one_of(yaml_like, mutated_decks()))
def test_libyaml_reads_every_document_as_pyyaml_does(text: str) -> None:
    # Decks are read with libyaml's parser, and with PyYAML's own when libyaml fails, for its
    # messages. Where both read a text, values, positions and problems must be the same. (libyaml
    # also reads what PyYAML wrongly refuses, such as a tab after a colon.)
    assume("\ufeff" not in text)  # a byte-order mark is left to PyYAML; see source.parse
    fast = _read_with(_FAST_LOADER, text)
    assume(fast is not None)
    pure = _read_with(_BoundedLoader, text)

    assert pure is None or fast == pure


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_deck_that_is_not_yaml_at_all_is_a_diagnostic_for_both_commands(command: str, project: Path) -> None:
    (project / "deck.yaml").write_bytes(bytes(range(256)))

    result = CliRunner().invoke(main, [command, "deck.yaml"], prog_name="lecturedeck")

    assert (result.exit_code, result.stderr.splitlines()[-1]) == (1, "deck.yaml: 1 error; nothing written")
