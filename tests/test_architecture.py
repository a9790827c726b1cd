"""The architecture's promises that code can check: the public API and one library per door."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import generator

PACKAGE = Path(generator.__file__).resolve().parent

# Each outside library (or program) and the only modules that may use it.
DOORS: dict[str, set[str]] = {
    "yaml": {"source/builder.py", "source/loader.py", "source/marks.py", "source/read.py", "source/syntax.py"},
    "subprocess": {"assets/graphviz.py", "export.py", "sandbox.py", "check/rendered.py", "fontconfig.py"},
    "click": {
        "cli/__init__.py",
        "cli/import_cmd.py",
        "cli/watch.py",
        "cli/lessons.py",
        "cli/preview.py",
        "cli/pull.py",
        "inspect_deck.py",
        "course.py",
    },
    "markdown_it": {"importer/markdown.py"},
    "mdit_py_plugins": {"importer/markdown.py"},
    "latex2mathml": {"mathml.py"},
    "ruamel": {"pull/yaml_edit.py"},
    "aiohttp": {"cli/preview_server.py"},
    "lxml": {
        "writer/oxml.py",
        "writer/diagram_xml.py",
        "writer/picture_xml.py",
        "writer/math_xml.py",
        "writer/template_package.py",
        "writer/fast_path.py",
    },
    "pptx.oxml": {
        "writer/oxml.py",
        "writer/builtin_template.py",
        "writer/diagram_xml.py",
        "writer/picture_xml.py",
        "writer/math_xml.py",
        "writer/fast_path.py",
    },
}
# python-pptx beyond its plain unit types: written only from writer/, read only where documented.
PPTX_READERS = {"check/readback.py", "inspect_deck.py", "theme/template.py", "pull/read_deck.py"}


def _modules() -> dict[str, set[str]]:
    """Return each module's path (relative to the package) and the top-level names it imports."""
    found: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text())
        # Imports for type checking only never run, so they use no library.
        for block in [n for n in ast.walk(tree) if isinstance(n, ast.If) and ast.unparse(n.test) == "TYPE_CHECKING"]:
            block.body = []
        names: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module)
        found[str(path.relative_to(PACKAGE))] = names
    return found


def test_the_public_api_is_exactly_what_is_documented() -> None:
    assert sorted(generator.__all__) == ["BuildResult", "DeckError", "Diagnostic", "__version__", "build"]
    for name in generator.__all__:
        assert hasattr(generator, name)


@pytest.mark.parametrize("library", sorted(DOORS))
def test_each_library_has_one_door(library: str) -> None:
    users = {
        module
        for module, names in _modules().items()
        if any(name == library or name.startswith(library + ".") for name in names)
    }
    assert users <= DOORS[library], f"{library} is used outside its door: {sorted(users - DOORS[library])}"


def test_python_pptx_is_written_only_from_the_writer() -> None:
    for module, names in _modules().items():
        pptx = {name for name in names if name == "pptx" or name.startswith("pptx.")}
        if not pptx or pptx <= {"pptx.util"} or module.startswith("writer/"):
            continue
        assert module in PPTX_READERS, f"{module} uses python-pptx ({sorted(pptx)}) outside the writer"


def test_the_html_writer_uses_neither_python_pptx_nor_lxml() -> None:
    # It reads the plan's public dataclasses only, so it follows changes to the plan's types.
    for module, names in _modules().items():
        if module.startswith("html/"):
            used = {name for name in names if name.split(".")[0] in ("pptx", "lxml")}
            assert not used, f"{module} imports {sorted(used)}"


def test_the_planner_and_plan_do_no_io() -> None:
    layout = [module for module in _modules() if module.startswith(("planner/", "diagram_plan/"))]
    for module in ("plan.py", *layout, "geometry.py"):
        names = _modules()[module]
        assert not names & {"os", "subprocess", "shutil", "tempfile", "yaml", "pptx"}, module
