"""plan.Presentation -> HTML: the second writer, drawing the same slides for browsers, without python-pptx."""

from __future__ import annotations

import base64
import mimetypes
import os
import tempfile
from html import escape
from importlib import resources
from pathlib import Path

from ..plan import Picture, Presentation
from .slides import PictureSource, notes_to_html, slide_to_html
from .units import px

__all__ = [
    "PictureSource",
    "deck_document",
    "inline_picture",
    "preview_document",
    "slides_markup",
    "static_file",
    "write_html",
]


def static_file(name: str) -> str:
    """Return the text of one of the page's own files (deck.css, deck.js, preview.js), shipped in the package."""
    return resources.files(__package__).joinpath("static", name).read_text(encoding="utf-8")


def slides_markup(plan: Presentation, picture_src: PictureSource) -> str:
    """Return every slide with its notes beside it: the body of a deck page, and what the preview swaps in."""
    rows: list[str] = []
    for number, slide in enumerate(plan.slides, start=1):
        section = slide_to_html(slide, number, (plan.width, plan.height), picture_src)
        notes = notes_to_html(slide)
        label = f' aria-label="Speaker notes, slide {number}"' if notes else ""
        rows.append(
            f'<div class="row"><div class="frame"><div class="viewport">{section}</div></div>'
            f'<aside class="notes"{label}>{notes}</aside></div>'
        )
    return "".join(rows)


def inline_picture(picture: Picture) -> str:
    """Return the picture as a data URI (its SVG where it has one), so a deck page needs no other file."""
    path = picture.svg or picture.image
    if path is None:
        raise ValueError(f"this is a bug in generator: the picture {picture.name!r} has no file to show")
    kind = "image/svg+xml" if path.suffix.lower() == ".svg" else mimetypes.guess_type(path.name)[0] or "image/png"
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def deck_document(plan: Presentation) -> str:
    """Return the deck as one self-contained HTML page: pictures inlined, styles and script inside.

    It shows one slide at a time: arrow keys, Page Up/Down, space, Home and End move; `n` hides
    or shows the notes; `o` shows every slide at once. It fetches nothing, so it works offline
    and inside a learning-management system.
    """
    return _page(
        plan.title,
        plan.language,
        "static",
        f"<main>{slides_markup(plan, inline_picture)}</main>",
        f"<script>{static_file('deck.js')}</script>",
        extra_head=_meta(plan) + f"<style>@page {{ size: {px(plan.width)}px {px(plan.height)}px; margin: 0 }}</style>",
    )


def write_html(plan: Presentation, target: Path) -> Path:
    """Write the deck's self-contained HTML page to `target`, through a temporary file renamed into place.

    Returns `target`.
    """
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(deck_document(plan))
        # mkstemp makes the file private; a deck page is meant to be shared like the .pptx beside it.
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return target


def preview_document(title: str, language: str) -> str:
    """Return the live preview's page: a status line, an empty slide list, and its scripts (served beside it)."""
    body = (
        f'<div id="status" class="status" role="status" aria-live="polite">building {escape(title)}…</div>'
        '<main id="slides"></main>'
    )
    scripts = '<script src="deck.js"></script><script src="preview.js"></script>'
    return _page(title, language, "preview", body, scripts, stylesheet='<link rel="stylesheet" href="deck.css">')


def _meta(plan: Presentation) -> str:
    meta = ['<meta name="generator" content="lecturedeck">']
    if plan.author:
        meta.append(f'<meta name="author" content="{escape(plan.author)}">')
    if plan.subject:
        meta.append(f'<meta name="description" content="{escape(plan.subject)}">')
    return "".join(meta)


def _page(
    title: str, language: str, mode: str, body: str, scripts: str, *, stylesheet: str = "", extra_head: str = ""
) -> str:
    style = stylesheet or f"<style>{static_file('deck.css')}</style>"
    return (
        f'<!DOCTYPE html><html lang="{escape(language)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title>{extra_head}{style}</head>"
        f'<body data-mode="{mode}">{body}{scripts}</body></html>\n'
    )
