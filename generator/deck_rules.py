"""The deck's rules that pydantic cannot phrase well, each with its message: empty values,
slide structure, table rows, bullet depth, names that refer to nothing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, cast

from . import places, rules
from .diagnostics import Diagnostic, error
from .kinds import CONTENT_KEYS, LAYOUT_KINDS, VISUAL_KEYS, slide_kind
from .model import MAX_BULLET_DEPTH
from .source import Document, YamlPath
from .wording import did_you_mean

_COLOR_KEYS = ("accent", "text", "background")


def _empty_values(doc: Document, value: Any, path: YamlPath) -> Iterator[tuple[YamlPath, Diagnostic]]:
    """Yield an error for every key written with no value: left blank, or cut short by a '#'.

    Pydantic would take such a key as unset, silently. Bullets are left to their own checks.
    """
    if isinstance(value, list):
        for index, item in enumerate(value):
            yield from _empty_values(doc, item, (*path, index))
        return
    if not isinstance(value, dict) or "bullets" in path or "children" in path:
        return
    for key, inner in value.items():
        if inner is None and doc.source_text.get((*path, key)) == "":
            comment = doc.comments.get((*path, key))
            hint = f"write a value after '{key}:', or delete the line"
            if key in _COLOR_KEYS:
                hint = f"put the colour in quotes: {key}: \"#1F4E79\" (an unquoted '#' starts a YAML comment)"
            elif comment:
                hint = f"'#' starts a comment; if '{comment}' is the value, put it in quotes: {key}: \"{comment}\""
            yield (
                (*path, key),
                error(
                    "schema.empty",
                    doc.key_position((*path, key)),
                    f"'{key}' has no value",
                    expected=f"a value after '{key}:'",
                    found=f"only the comment '{comment}'" if comment else "nothing",
                    hint=hint,
                ),
            )
        elif key != "bullets":
            yield from _empty_values(doc, inner, (*path, key))


def _commented_items(doc: Document) -> Iterator[tuple[YamlPath, Diagnostic]]:
    """Yield an error for every list item that a '#' right after its '- ' turned into a comment.

    '- #1 rule: keep it simple' is an empty item followed by a comment; the presenter meant text.
    """
    for path, comment in doc.comments.items():
        if isinstance(path[-1], int):
            yield (
                path,
                error(
                    "schema.empty",
                    doc.pos(path),
                    f"{places.place(doc, path)} is empty: '#' starts a comment",
                    expected="text after '- '; text that starts with '#' in quotes",
                    found=f"'- {comment}', which YAML reads as an empty item and a comment",
                    hint=f'put the text in quotes: - "{comment}"',
                ),
            )


def structure_problems(doc: Document) -> Iterator[tuple[YamlPath, Diagnostic]]:
    """Yield what pydantic cannot phrase well: slide kinds that clash, bullets nested too deep,
    table rows of the wrong length.
    """
    data = doc.data
    yield from _empty_values(doc, data, ())
    yield from _commented_items(doc)
    if not isinstance(data, dict):
        yield (
            (),
            error(
                "schema.type",
                doc.pos(()),
                "the deck must be a mapping of keys",
                expected="lines such as 'title: ...' and 'slides:'",
                found=places.found(doc, (), data),
                hint="start from the example in docs/deck-format.md",
            ),
        )
        return
    slides = data.get("slides")
    if not isinstance(slides, list):
        return
    for index, slide in enumerate(slides):
        path: YamlPath = ("slides", index)
        if not isinstance(slide, dict):
            yield (
                path,
                error(
                    "schema.slide",
                    doc.pos(path),
                    f"{places.slide(doc, index)} must be a mapping of keys",
                    expected="a mapping such as '- title: ...' or '- section: ...'",
                    found=f"the text '{slide}'" if isinstance(slide, str) else places.found(doc, path, slide),
                    hint=f"write '- title: {slide}' for a title slide, or '- section: {slide}' for a section"
                    if isinstance(slide, str)
                    else "start the slide with 'title:' or 'section:'",
                ),
            )
            continue
        if slide_kind(slide) is None:
            content = [key for key in slide if key in CONTENT_KEYS]
            yield (
                path,
                error(
                    "schema.slide-kind",
                    doc.key_position((*path, content[1])),
                    f"{places.slide(doc, index)} combines {places.quoted(content, 'and')}, which cannot share a slide",
                    expected=f"one of {places.quoted(CONTENT_KEYS, 'or')},"
                    f" or 'bullets' with {places.quoted(VISUAL_KEYS, 'or')}",
                    found=places.quoted(content, "and"),
                    hint="keep one of them and move the other to a slide of its own",
                ),
            )
            continue
        if isinstance(slide.get("bullets"), list):
            yield from _bullet_depth(doc, slide["bullets"], (*path, "bullets"), 1)
        if isinstance(slide.get("table"), dict):
            yield from _row_lengths(doc, slide["table"], (*path, "table"), index)


def _row_lengths(
    doc: Document, table: dict[str, Any], path: YamlPath, slide: int
) -> Iterator[tuple[YamlPath, Diagnostic]]:
    header, rows = table.get("header"), table.get("rows")
    if not isinstance(header, list) or not isinstance(rows, list):
        return
    columns = len(header)
    for index, row in enumerate(rows):
        if not isinstance(row, list) or len(row) == columns:
            continue
        row_path: YamlPath = (*path, "rows", index)
        found = places.cells(len(row))
        if len(row) < columns:
            hint = 'add the missing cells (write "" for an empty cell)'
        else:
            hint = "delete the extra cells, or add a heading for them to 'header'"
        written = [doc.source_text.get((*row_path, cell)) for cell in range(len(row))]
        line = doc.pos(row_path).line
        if (
            len(row) > columns > 0
            and all(text is not None and ("," not in text) for text in written)
            and all(doc.pos((*row_path, cell)).line == line for cell in range(len(row)))
        ):
            # '[a, b, c]' on one line: every unquoted comma split a cell, most often one that held a comma.
            cells = cast(list[str], written)
            joined = [*cells[: columns - 1], ", ".join(cells[columns - 1 :])]
            found = f"{found}, split at every comma: {places.quoted(cells)}"
            hint = (
                "a comma separates cells; put a cell that holds a comma in quotes: "
                + "["
                + ", ".join([*joined[:-1], f'"{joined[-1]}"'])
                + "]; otherwise delete the extra cells"
            )
        yield (
            row_path,
            error(
                "schema.table",
                doc.pos(row_path),
                f"row {index + 1} of the table on {places.slide(doc, slide)} has {places.cells(len(row))},"
                f" the header has {columns}",
                expected=f"{places.cells(columns)} in every row, one under each heading",
                found=found,
                hint=hint,
            ),
        )


def _bullet_depth(
    doc: Document, bullets: list[Any], path: YamlPath, depth: int
) -> Iterator[tuple[YamlPath, Diagnostic]]:
    for index, item in enumerate(bullets):
        if isinstance(item, dict) and len(item) == 1:
            ((key, children),) = item.items()
            if isinstance(children, list):
                if depth >= MAX_BULLET_DEPTH:
                    yield (
                        (*path, index),
                        error(
                            "schema.bullet-depth",
                            doc.key_position((*path, index, key)),
                            f"bullets are nested more than {MAX_BULLET_DEPTH} levels deep",
                            expected=f"at most {MAX_BULLET_DEPTH} levels of bullets",
                            found=f"sub-items under '{key}', at level {depth + 1}",
                            hint="move the deepest items up a level, or onto a slide of their own",
                        ),
                    )
                else:
                    yield from _bullet_depth(doc, children, (*path, index, key), depth + 1)


def reference_problems(doc: Document) -> Iterator[tuple[YamlPath, Diagnostic]]:
    """Yield diagram names that are not defined, and check codes and layout kinds that do not exist.

    Reads the YAML values themselves, so these are reported even when other keys are invalid.
    """
    data = doc.data
    if not isinstance(data, dict):
        return
    diagrams = data.get("diagrams", {})
    slides = data.get("slides")
    if isinstance(diagrams, dict) and isinstance(slides, list):
        names = sorted(diagrams)
        for index, slide in enumerate(slides):
            value = slide.get("diagram") if isinstance(slide, dict) else None
            if isinstance(value, str) and value and value not in diagrams and not _is_dot_path(value):
                path: YamlPath = ("slides", index, "diagram")
                hint = did_you_mean(value, names)
                if hint is None and ("/" in value or "." in value):
                    hint = f"a path must end in .dot or .gv: '{value.rsplit('.', 1)[0]}.dot'"
                yield (
                    path,
                    error(
                        "schema.diagram-name",
                        doc.pos(path),
                        f"unknown diagram '{value}'",
                        expected=f"a name defined under 'diagrams' ({places.quoted(names) or 'none are defined'})"
                        " or a path to a .dot or .gv file",
                        found=f"'{value}'",
                        hint=hint or "define it under 'diagrams:' at the top of the deck",
                    ),
                )
    theme = data.get("theme")
    layouts = theme.get("layouts") if isinstance(theme, dict) else None
    if isinstance(layouts, dict):
        for kind in layouts:
            if kind not in LAYOUT_KINDS:
                path = ("theme", "layouts", kind)
                yield (
                    path,
                    error(
                        "schema.layout-kind",
                        doc.key_position(path),
                        f"unknown slide kind '{kind}' under 'layouts'",
                        expected=f"one of {places.quoted(LAYOUT_KINDS, 'or')}",
                        found=f"'{kind}'",
                        hint=did_you_mean(kind, LAYOUT_KINDS) or "see docs/themes.md for what each kind is",
                    ),
                )
    checks = data.get("checks")
    if isinstance(checks, dict):
        for code in checks:
            if code not in rules.RULES:
                path = ("checks", code)
                yield (
                    path,
                    error(
                        "schema.check-code",
                        doc.key_position(path),
                        f"unknown check '{code}'",
                        expected=f"one of {places.quoted(sorted(rules.RULES), 'or')}",
                        found=f"'{code}'",
                        hint=did_you_mean(code, sorted(rules.RULES)) or "see docs/checks.md for the list of checks",
                    ),
                )


def _is_dot_path(value: str) -> bool:
    return value.lower().endswith((".dot", ".gv"))
