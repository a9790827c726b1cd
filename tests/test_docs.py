"""The docs keep up with the code: every key, slide kind, check, command and limit is documented."""

from __future__ import annotations

import ast
import importlib
import re
import shutil
from pathlib import Path

import click
import pytest
from pydantic import BaseModel

from generator import deck_model, kinds, model, rules
from generator.build import build
from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PACKAGE = ROOT / "generator"

# Named limits that do not follow the MAX_/MIN_ naming; every MAX_* and MIN_* constant is found.
OTHER_LIMITS = {"TIMEOUT_SECONDS", "MEMORY_BYTES", "DIAGRAM_TEXT_FLOOR_PT"}
_LIMIT_NAME = re.compile(r"^(MAX|MIN)_[A-Z0-9_]+$")
# Each key's own entry: a table row whose first or second cell names it, a heading that names it,
# or a paragraph that starts with it; mentioning it anywhere on the page is not enough.
_OWN_ENTRY = r"^\s*\|(?: [^|]*\|)? [^|]*`{key}`[^|]*\||^#+ .*`{key}`|^`{key}`"
# Nested keys documented in their owner's row: the YAML key of each such owner model.
_LISTED_IN_OWNER_ROW = {"Fonts": "fonts", "Colors": "colors"}

pytestmark = pytest.mark.docs
_CODE = re.compile(r"^[a-z0-9]+(\.[a-z0-9-]+)+$")


def _doc(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def _fields(*models: type[BaseModel]) -> list[tuple[str, str]]:
    return [(m.__name__, key) for m in models for key in m.model_fields]


def _modules() -> list[tuple[str, Path]]:
    """Return every module of the package (but `__main__`, which runs the CLI) with its file."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "__main__.py":
            continue
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found.append((name, path))
    return found


def _limits() -> list[tuple[str, str, int | float]]:
    """Return (module, name, value) for every limit constant assigned at a module's top level."""
    limits = []
    for name, path in _modules():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            targets = (
                node.targets
                if isinstance(node, ast.Assign)
                else [node.target]
                if isinstance(node, ast.AnnAssign)
                else []
            )
            for target in targets:
                if isinstance(target, ast.Name) and (_LIMIT_NAME.match(target.id) or target.id in OTHER_LIMITS):
                    value = getattr(importlib.import_module(name), target.id)
                    if isinstance(value, int | float) and not isinstance(value, bool):
                        limits.append((name, target.id, value))
    return limits


def _diagnostic_codes() -> list[str]:
    """Return every diagnostic code the package can report: the first argument of error(), warning() and Rule()."""
    codes = set()
    for _, path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)):
                continue
            func = node.func
            called = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            value = node.args[0].value
            if called in ("error", "warning", "diagnostic", "Rule") and isinstance(value, str) and _CODE.match(value):
                codes.add(value)
    return sorted(codes)


def _has_own_entry(text: str, key: str, owner: str | None = None) -> bool:
    """Return whether `key` has its own entry in `text` (or, for a listed owner, is in the owner's row)."""
    if re.search(_OWN_ENTRY.format(key=re.escape(key)), text, re.MULTILINE):
        return True
    row = (
        re.search(rf"^\| `{_LISTED_IN_OWNER_ROW[owner]}` \|.*$", text, re.MULTILINE)
        if owner in _LISTED_IN_OWNER_ROW
        else None
    )
    return row is not None and f"`{key}`" in row.group(0)


def _number(value: int | float) -> str:
    """Return `value` as the docs write it: thousands separators, no '.0'."""
    if isinstance(value, float) and not value.is_integer():
        return str(value)
    return f"{int(value):,}"


# --- docs/deck-format.md ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(kinds.SLIDE_MODELS))
def test_every_slide_kind_is_documented(kind: str) -> None:
    assert _has_own_entry(_doc("deck-format.md"), kind), f"slide kind `{kind}` has no row or heading of its own"


@pytest.mark.parametrize("key", list(deck_model.Deck.model_fields))
def test_every_top_level_key_is_documented(key: str) -> None:
    assert _has_own_entry(_doc("deck-format.md"), key), f"top-level key `{key}` has no row or heading of its own"


def _deck_models() -> list[type[BaseModel]]:
    """Return every model of the deck format: Deck, Theme, Fonts, Colors, DiagramSpec, Column, each kind's slide, ...

    `Bullet` is left out: its fields are not keys, a bullet is written as text or a one-key mapping.
    """
    modules = [model, deck_model, *(importlib.import_module(kind.model.__module__) for kind in kinds.KINDS.values())]
    found = {
        value
        for module in modules
        for value in vars(module).values()
        if isinstance(value, type)
        and issubclass(value, BaseModel)
        and value.__module__ == module.__name__
        and not value.__name__.startswith("_")
        and value is not model.Bullet
    }
    return sorted(found | {kind.model for kind in kinds.KINDS.values()}, key=lambda m: m.__name__)


def test_the_deck_models_are_found() -> None:
    names = {found.__name__ for found in _deck_models()}
    assert {"Deck", "Theme", "Fonts", "Colors", "DiagramSpec", "Column", "SectionSlide"} <= names


@pytest.mark.parametrize(("owner", "key"), _fields(*_deck_models()))
def test_every_nested_key_is_documented(owner: str, key: str) -> None:
    assert _has_own_entry(_doc("deck-format.md"), key, owner), f"{owner}.{key} has no entry in docs/deck-format.md"


@pytest.mark.parametrize("engine", model.ENGINES)
def test_every_layout_engine_is_documented(engine: str) -> None:
    assert f"`{engine}`" in _doc("deck-format.md")


@pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz ('make test' installs it)")
def test_the_complete_example_builds_as_the_docs_say(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = _doc("deck-format.md")
    example = re.search(r"## A complete example\n+```yaml\n(.*?)```", text, re.DOTALL)
    assert example is not None
    said = re.search(r"The example above therefore builds to (\w+) slides", text)
    assert said is not None
    (tmp_path / "diagrams").mkdir()
    (tmp_path / "diagrams" / "small.dot").write_text("// A small graph\ndigraph { A -> B; A -> C }\n")
    (tmp_path / "deck.yaml").write_text(example.group(1))
    monkeypatch.chdir(tmp_path)
    result = build(Path("deck.yaml"), Path("output"), write=False)
    words = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
    assert words[result.slides - 1] == said.group(1)
    assert [d.render() for d in result.diagnostics] == []


# --- docs/checks.md -----------------------------------------------------------------------------


@pytest.mark.parametrize("code", sorted(rules.RULES))
def test_every_check_is_documented_with_its_default_severity(code: str) -> None:
    rows = [line for line in _doc("checks.md").splitlines() if line.startswith(f"| `{code}` |")]
    assert rows, f"no table row for `{code}` in docs/checks.md"
    assert rules.RULES[code].severity.value in rows[0]


@pytest.mark.parametrize("code", _diagnostic_codes())
def test_every_diagnostic_code_is_documented(code: str) -> None:
    assert _has_own_entry(_doc("checks.md"), code), f"`{code}` has no row or heading of its own in docs/checks.md"


# --- docs/cli.md --------------------------------------------------------------------------------


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_is_documented(command: str) -> None:
    assert f"`lecturedeck {command}" in _doc("cli.md")


@pytest.mark.parametrize(
    "option",
    sorted(
        {
            option
            for command in (main, *main.commands.values())
            for param in command.params
            if isinstance(param, click.Option)
            for option in param.opts
        }
    ),
)
def test_every_option_is_documented(option: str) -> None:
    assert re.search(rf"`{re.escape(option)}\b", _doc("cli.md")), f"`{option}` is not in docs/cli.md"


@pytest.mark.parametrize(
    ("name", "status"),
    [
        (name, value)
        for name, value in vars(importlib.import_module("generator.cli")).items()
        if name.startswith("EXIT_")
    ],
)
def test_every_exit_status_is_documented(name: str, status: int) -> None:
    assert re.search(rf"^\| `{status}` \|", _doc("cli.md"), re.MULTILINE), f"{name} = {status} is not in docs/cli.md"


# --- docs/limits.md -----------------------------------------------------------------------------


def test_limits_are_found() -> None:
    names = {name for _, name, _ in _limits()}
    assert {"MAX_FILE_BYTES", "MAX_SLIDES", "MAX_DOT_BYTES", "TIMEOUT_SECONDS"} <= names


@pytest.mark.parametrize(("module", "name", "value"), _limits())
def test_every_limit_is_documented_with_its_value(module: str, name: str, value: int | float) -> None:
    rows = [line for line in _doc("limits.md").splitlines() if f"`{name}`" in line]
    assert rows, f"{module}.{name} is not in docs/limits.md"
    assert any(_number(value) in row for row in rows), f"{module}.{name} = {_number(value)} is not in its row"
