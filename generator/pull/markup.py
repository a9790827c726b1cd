"""Runs back to the deck's inline syntax: **bold**, *italic*, `code`, [label](url)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..inline import Run, parse_inline

_SPECIAL = re.compile(r"([\\`*_\[])")


def runs_to_markup(runs: Sequence[Run], *, bold: bool = False) -> str:
    """Return deck text whose inline formatting gives `runs` back.

    `bold` says the paragraph is bold by its style (a title): its runs' bold is not markup. Text
    that would read as formatting is escaped only when it has to be, so a plain edit stays plain.
    """
    merged: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        if bold and run.bold:
            run = replace(run, bold=False)
        last = merged[-1] if merged else None
        if last is not None and (last.bold, last.italic, last.code, last.link) == (
            run.bold,
            run.italic,
            run.code,
            run.link,
        ):
            merged[-1] = Run(last.text + run.text, run.bold, run.italic, run.code, run.link)
        else:
            merged.append(run)
    wanted = tuple(merged)
    for escape in (False, True):
        text = "".join(_run(run, escape) for run in merged)
        if parse_inline(text) == wanted:
            return text
    return "".join(_run(run, True) for run in merged)


def _run(run: Run, escape: bool) -> str:
    if run.code:
        text = f"`{run.text}`"
    else:
        body = run.text.strip()
        lead = run.text[: len(run.text) - len(run.text.lstrip())]
        tail = run.text[len(run.text.rstrip()) :]
        inner = _SPECIAL.sub(r"\\\1", body) if escape else body
        if body and run.italic:
            inner = f"*{inner}*"
        if body and run.bold:
            inner = f"**{inner}**"
        text = lead + inner + tail
    if run.link is None:
        return text
    if run.link == run.text and not run.bold and not run.italic and not run.code:
        return run.text
    return f"[{text}]({run.link})"
