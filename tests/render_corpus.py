"""Generated slides for comparing the plan with LibreOffice's render: the words that wrap badly."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import strategies as st

_WORDS = st.sampled_from(
    "the a of data model table column value graph node edge layer query index record field test "
    "build deploy running training features pipeline evaluation preprocessing normalization".split()
)
_IDENTIFIER = st.from_regex(r"[a-z]{3,9}(_[a-z]{3,9}){0,2}|[a-z]{3,8}([A-Z][a-z]{2,7}){1,2}", fullmatch=True)
_HYPHENATED = st.from_regex(r"[a-z]{2,8}(-[a-z]{2,12}){1,3}", fullmatch=True)
_LONG_WORD = st.from_regex(r"[A-Z][a-z]{14,24}", fullmatch=True)
_CODE = st.one_of(_IDENTIFIER, _HYPHENATED, st.from_regex(r"git (add|commit|push) -[a-z]", fullmatch=True)).map(
    lambda text: f"`{text}`"
)
_CJK = st.sampled_from(["数据模型", "日本語のテキスト", "학습 데이터", "机器学习管道的评估"])
_EMOJI = st.sampled_from(["🙂", "🚀", "📊"])
_RTL = st.sampled_from(["مرحبا بالعالم", "שלום עולם", "البيانات"])
_TOKEN = st.one_of(
    _WORDS, _WORDS, _WORDS, _WORDS, _IDENTIFIER, _HYPHENATED, _LONG_WORD, _CODE, _CODE, _CJK, _EMOJI, _RTL
)
_SENTENCE = st.lists(_TOKEN, min_size=1, max_size=14).map(" ".join)
_SHORT = st.lists(_TOKEN, min_size=1, max_size=5).map(" ".join)
_BULLETS = st.lists(_SENTENCE, min_size=1, max_size=5)
_DOT = "digraph { rankdir=LR; node [shape=box]; load -> clean -> train; clean -> report }"
_CODE_SOURCE = "def train(model, data):\n    features = clean(data)\n    return model.fit(features)\n"


@st.composite
def slides(draw: st.DrawFn) -> dict[str, object]:
    """Return one slide of any kind that holds text, as the deck's keys."""
    title = draw(_SHORT)
    kind = draw(st.sampled_from(["bullets", "text", "columns", "table", "quote", "beside"]))
    if kind == "bullets":
        return {"title": title, "bullets": draw(_BULLETS)}
    if kind == "text":
        return {"title": title, "text": "\n\n".join(draw(st.lists(_SENTENCE, min_size=1, max_size=3)))}
    if kind == "columns":
        count = draw(st.sampled_from([2, 3]))
        columns = [
            {"heading": draw(_SHORT), "bullets": draw(st.lists(_SENTENCE, min_size=1, max_size=3))}
            if draw(st.booleans())
            else {"text": draw(_SENTENCE)}
            for _ in range(count)
        ]
        return {"title": title, "columns": columns}
    if kind == "table":
        width = draw(st.integers(2, 4))
        rows = draw(st.lists(st.lists(_SHORT, min_size=width, max_size=width), min_size=1, max_size=4))
        header = draw(st.lists(_SHORT, min_size=width, max_size=width))
        return {"title": title, "table": {"header": header, "rows": rows}}
    if kind == "quote":
        return {"title": title, "quote": {"text": draw(_SENTENCE), "by": draw(_SHORT)}}
    visual = draw(st.sampled_from(["diagram", "table", "code"]))
    slide: dict[str, object] = {"title": title, "bullets": draw(_BULLETS), "caption": draw(_SHORT)}
    if visual == "diagram":
        slide["diagram"] = {"dot": _DOT, "alt": "A pipeline."}
    elif visual == "table":
        slide["table"] = {"header": ["Name", "Value"], "rows": [[draw(_SHORT), draw(_SHORT)]]}
    else:
        slide["code"] = {"language": "python", "source": _CODE_SOURCE}
    return slide


def write_deck(folder: Path, name: str, deck_slides: list[dict[str, object]], aspect: str) -> Path:
    """Write a deck of `deck_slides` at `aspect` into `folder` and return its path (JSON is YAML)."""
    deck = {"title": name, "footer": "Generated slides", "theme": {"aspect": aspect}, "slides": deck_slides}
    path = folder / f"{name}.yaml"
    path.write_text(json.dumps(deck, ensure_ascii=False, indent=1), encoding="utf-8")
    return path
