"""Documented limits, check codes and usage errors (limits.md, checks.md, cli.md) met through the command line."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from generator.assets import MAX_DOT_BYTES, MAX_PIXELS
from generator.assets.images import MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, MAX_SVG_BYTES
from generator.model import MAX_BULLET_DEPTH, MAX_ITEMS, MAX_META_TEXT, MAX_SLIDES, MAX_TABLE_COLUMNS, MAX_TEXT
from generator.plan import Presentation
from generator.source import MAX_DEPTH, MAX_VALUES

from .conftest import CliRun, requires_dot

Run = Callable[..., CliRun]
Files = dict[str, str | bytes]


def _deck(slide: str, top: str = "") -> str:
    return f"title: T\n{top}slides:\n  - title: S\n{slide}"


def _bullets(count: int) -> Files:
    return {"deck.yaml": _deck("    bullets:\n" + "".join(f"      - b{i}\n" for i in range(count)))}


def _nested_bullets(levels: int) -> Files:
    lines = "".join(f"{'  ' * (3 + 2 * level)}- b{level}:\n" for level in range(levels - 1))
    # The innermost level is a plain bullet.
    return {"deck.yaml": _deck("    bullets:\n" + lines + f"{'  ' * (3 + 2 * (levels - 1))}- last\n")}


def _table(columns: int) -> Files:
    cells = ", ".join(f"c{i}" for i in range(columns))
    return {"deck.yaml": _deck(f"    table:\n      header: [{cells}]\n      rows:\n        - [{cells}]\n")}


def _text(length: int) -> Files:
    return {"deck.yaml": _deck(f"    notes: {'n' * length}\n")}


def _author(length: int) -> Files:
    return {"deck.yaml": _deck("", top=f"author: {'a' * length}\n")}


def _source(length: int) -> Files:
    return {"deck.yaml": _deck("", top=f"source: {'s' * length}\n")}


def _nesting(levels: int) -> Files:
    # The top mapping is one level, `extra`'s flow lists the rest.
    return {"deck.yaml": _deck("", top=f"extra: {'[' * (levels - 1)}{']' * (levels - 1)}\n")}


# limit name, deck maker, the count at the limit, the code reported one past it
WITHIN_AND_PAST = [
    ("MAX_ITEMS", _bullets, MAX_ITEMS, "schema.count"),
    ("MAX_BULLET_DEPTH", _nested_bullets, MAX_BULLET_DEPTH, "schema.bullet-depth"),
    ("MAX_TABLE_COLUMNS", _table, MAX_TABLE_COLUMNS, "schema.count"),
    ("MAX_TEXT", _text, MAX_TEXT, "schema.too-long"),
    ("MAX_META_TEXT", _author, MAX_META_TEXT, "schema.too-long"),
    ("Deck.source", _source, 2_000, "schema.too-long"),
    ("MAX_DEPTH", _nesting, MAX_DEPTH, "yaml.limit"),
]


@pytest.mark.parametrize(("limit", "make", "count", "code"), WITHIN_AND_PAST, ids=[c[0] for c in WITHIN_AND_PAST])
def test_a_limit_allows_its_value_and_refuses_one_more(
    limit: str, make: Callable[[int], Files], count: int, code: str, run_cli: Run
) -> None:
    within = run_cli("check", files=make(count))
    assert f"[{code}]" not in within.stderr, within.stderr
    past = run_cli("check", files=make(count + 1))
    assert past.exit_code == 1
    assert "error: " in past.stderr and f"[{code}]" in past.stderr, past.stderr


def test_more_slides_than_the_limit_are_refused(run_cli: Run) -> None:
    slides = "".join(f"  - title: S{i}\n" for i in range(MAX_SLIDES + 1))
    run = run_cli("check", files={"deck.yaml": f"title: T\nslides:\n{slides}"})
    assert run.exit_code == 1
    assert f"at most {MAX_SLIDES:,}" in run.stderr and "[schema.count]" in run.stderr


def test_aliases_that_expand_past_the_value_limit_are_refused(run_cli: Run) -> None:
    # Ten times ten, six deep: a million values from a few lines.
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 6)]
    run = run_cli("check", files={"deck.yaml": "\n".join(lines) + "\n"})
    assert run.exit_code == 1
    assert f"the deck expands to more than {MAX_VALUES:,} values [yaml.limit]" in run.stderr


@pytest.mark.parametrize(("name", "limit"), [("big.png", MAX_IMAGE_BYTES), ("big.svg", MAX_SVG_BYTES)])
def test_an_image_file_over_its_size_limit_is_refused(name: str, limit: int, run_cli: Run) -> None:
    files: Files = {"deck.yaml": _deck(f"    image: {{file: {name}, alt: A picture}}\n"), name: b"\0" * (limit + 1)}
    run = run_cli("check", files=files)
    assert run.exit_code == 1
    assert f"{limit + 1:,} bytes" in run.stderr and "[image.too-large]" in run.stderr


def test_an_image_with_more_pixels_than_the_limit_is_refused(run_cli: Run) -> None:
    side = int(MAX_IMAGE_PIXELS**0.5) + 1
    png = io.BytesIO()
    Image.new("1", (side, side)).save(png, "PNG")
    files: Files = {"deck.yaml": _deck("    image: {file: big.png, alt: A picture}\n"), "big.png": png.getvalue()}
    run = run_cli("check", files=files)
    assert run.exit_code == 1
    assert f"at most {MAX_IMAGE_PIXELS:,} pixels" in run.stderr and "[image.too-large]" in run.stderr


@requires_dot
def test_a_dot_file_over_the_size_limit_is_refused(run_cli: Run) -> None:
    dot = "digraph {\n" + "// padding\n" * (MAX_DOT_BYTES // 11) + "a -> b\n}\n"
    files: Files = {"deck.yaml": _deck("    diagram: {file: big.dot, alt: A graph}\n"), "big.dot": dot}
    run = run_cli("check", files=files)
    assert run.exit_code == 1
    assert f"at most {MAX_DOT_BYTES:,} bytes of DOT" in run.stderr and "[diagram.too-large]" in run.stderr


@requires_dot
def test_a_drawing_over_the_pixel_limit_is_refused(run_cli: Run) -> None:
    dot = "digraph { node [shape=box, width=100, height=100, fixedsize=true]; a }"
    run = run_cli("check", files={"deck.yaml": _deck(f"    diagram: {{dot: '{dot}', alt: A graph}}\n")})
    assert run.exit_code == 1
    assert f"at most {MAX_PIXELS:,} pixels" in run.stderr and "[diagram.too-large]" in run.stderr


def test_a_deck_that_is_a_named_pipe_is_refused_without_waiting(run_cli: Run, project: Path) -> None:
    os.mkfifo(project / "deck.yaml")
    run = run_cli("check", "deck.yaml")
    assert run.exit_code == 1
    assert "deck.yaml:1:1: error: the deck is not a regular file [file.not-a-file]" in run.stderr


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs /proc")
def test_a_deck_that_cannot_be_read_is_reported(run_cli: Run, project: Path) -> None:
    # /proc/self/mem is a regular file that refuses to be read from its start, even by root.
    (project / "deck.yaml").symlink_to("/proc/self/mem")
    run = run_cli("check", "deck.yaml")
    assert run.exit_code == 1
    assert "deck.yaml:1:1: error: cannot read the deck: " in run.stderr and "[file.unreadable]" in run.stderr


def test_an_image_that_is_neither_a_path_nor_keys_is_refused(run_cli: Run) -> None:
    run = run_cli("check", files={"deck.yaml": _deck("    image: 5\n")})
    assert run.exit_code == 1
    assert "deck.yaml:4:12: error: 'image' must name an image file [schema.image]" in run.stderr


def test_a_merge_key_is_refused(run_cli: Run) -> None:
    deck = "title: T\nslides:\n  - &first\n    title: S\n  - <<: *first\n    bullets: [a]\n"
    run = run_cli("check", files={"deck.yaml": deck})
    assert run.exit_code == 1
    assert "deck.yaml:5:5: error: merge keys ('<<') are not allowed [yaml.merge-key]" in run.stderr


def test_a_written_deck_that_lost_a_slide_is_reported(run_cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    writer = sys.modules["generator.writer"]
    write = writer.write

    def write_one_slide_less(plan: Presentation, *args: object) -> object:
        return write(replace(plan, slides=plan.slides[:-1]), *args)

    monkeypatch.setattr(writer, "write", write_one_slide_less)
    run = run_cli("build", files={"deck.yaml": _deck("    bullets: [a]\n")})
    assert run.exit_code == 1
    assert "[structure.count]" in run.stderr


@pytest.mark.parametrize(
    ("args", "files", "message"),
    [
        (("check", "--no-such-option"), {}, "No such option '--no-such-option'"),
        (("check", "nosuch.yaml"), {}, "no deck at 'nosuch.yaml'; name a .yaml file or a folder of them"),
        (("check", "empty"), {"empty/notes.txt": "x"}, "empty"),
        (
            ("check", "deck.yaml", "other/deck.yaml"),
            {"deck.yaml": _deck(""), "other/deck.yaml": _deck("")},
            "'deck.yaml' and 'other/deck.yaml' would both be built to 'output/deck.pptx'; rename one",
        ),
    ],
    ids=["unknown-option", "no-deck", "folder-without-decks", "same-output"],
)
def test_each_usage_error_exits_2(args: tuple[str, ...], files: Files, message: str, run_cli: Run) -> None:
    run = run_cli(*args, files=files)
    assert run.exit_code == 2
    assert message in run.stderr
