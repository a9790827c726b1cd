"""LaTeX mathematics → Office Math (OMML), through latex2mathml's MathML; what an equation shows."""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from latex2mathml.converter import convert

from .math_text import Piece, readable
from .ooxml import NAMESPACES

MATHML = "http://www.w3.org/1998/Math/MathML"
OMML = NAMESPACES["m"]
_M = f"{{{OMML}}}"
# N-ary operators: a sum, product or integral takes the expression after it as its operand.
_NARY = frozenset("∑∏∐∫∬∭∮∯∰⋃⋂⋁⋀⨁⨂⨀")
_INTEGRALS = frozenset("∫∬∭∮∯∰")
# Accents as latex2mathml writes them → the combining marks Office's equation editor uses.
_ACCENTS = {"^": "\u0302", "¯": "\u0305", "‾": "\u0305", "―": "\u0305", "→": "\u20d7", "~": "\u0303", "˙": "\u0307"}
# Brackets that enclose: `(x - \mu)^2` becomes a delimiter object, as Office's equation editor
# makes one, rather than a lone `)` carrying the exponent (which LibreOffice's import misreads).
_CLOSERS = {"(": ")", "[": "]", "{": "}", "⟨": "⟩", "|": "|", "‖": "‖"}
# Elements whose children are simply read in order.
_GROUPS = frozenset({"math", "mrow", "mstyle", "mpadded", "menclose", "mphantom", "mtd", "semantics"})


class MathError(Exception):
    """The LaTeX cannot be converted: `command` is the unsupported command, or '' for a syntax error."""

    def __init__(self, latex: str, command: str, detail: str) -> None:
        self.latex = latex
        self.command = command
        super().__init__(detail)


@dataclass(frozen=True)
class Equation:
    """One equation: its OMML `m:oMath` (or `m:oMathPara`) as XML text, and what it shows, for measuring."""

    omml: str
    shown: str
    """The characters the equation displays in one line, a fraction's longer part only."""
    tall: bool
    """Whether it stacks (fractions, limits above and below), so it takes more than a line's height."""
    text: tuple[Piece, ...]
    """The equation written out in a line of text, for programs without Office Math."""


@functools.lru_cache(maxsize=1024)
def equation(latex: str, display: bool) -> Equation:
    """Return the equation for `latex`, displayed on its own (`display`) or inline in text.

    Raises MathError naming the first command latex2mathml does not know (it would keep it as
    text, `\\foo`, which would silently show the command), or for LaTeX that does not parse.
    """
    try:
        root = ET.fromstring(convert(latex))
    except Exception as failure:  # latex2mathml raises its own assorted errors for broken LaTeX
        raise MathError(latex, "", f"{type(failure).__name__} {failure}".strip()) from failure
    for element in root.iter():
        text = (element.text or "").strip()
        if text.startswith("\\") and len(text) > 1:
            raise MathError(latex, text, f"unsupported command {text}")
    body = ET.Element(f"{_M}oMath")
    body.extend(_children(root))
    if display:
        paragraph = ET.Element(f"{_M}oMathPara")
        ET.SubElement(ET.SubElement(paragraph, f"{_M}oMathParaPr"), f"{_M}jc", {f"{_M}val": "centerGroup"})
        paragraph.append(body)
        body = paragraph
    ET.register_namespace("m", OMML)
    tall = any(_local(e) in ("mfrac", "munderover", "munder", "mover", "mtable", "mroot") for e in root.iter())
    tall = tall or any(_is_nary(e) for e in root.iter())
    return Equation(ET.tostring(body, encoding="unicode"), _shown(root), tall, readable(root))


def _local(element: ET.Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def _shown(element: ET.Element) -> str:
    """Return the characters `element` shows in a line: a fraction or stack shows its widest part."""
    name = _local(element)
    parts = [_shown(child) for child in element]
    if name in ("mfrac", "munderover", "munder", "mover") and parts:
        return max(parts, key=len)
    return (element.text or "").strip() + "".join(parts)


def _children(element: ET.Element) -> list[ET.Element]:
    """Return the OMML for `element`'s children in order; an n-ary operator takes the next one as operand."""
    out: list[ET.Element] = []
    children = list(element)
    index = 0
    while index < len(children):
        child = children[index]
        if _is_nary(child):
            # MathML leaves the operand as the operator's following siblings: the rest of the row.
            out.append(_nary(child, children[index + 1 :]))
            break
        end = _matching(children, index)
        if end is not None:
            out.append(_delimited(children, index, end))
            index = end + 1
            continue
        out.extend(_convert(child))
        index += 1
    return out


def _bracket(element: ET.Element) -> str:
    """Return the bracket an `mo` shows, or what the base of a scripted `mo` shows ('' otherwise)."""
    if _local(element) in ("msup", "msub", "msubsup") and len(element):
        element = element[0]
    return (element.text or "").strip() if _local(element) == "mo" else ""


def _matching(children: list[ET.Element], start: int) -> int | None:
    """Return the index of the sibling that closes the bracket opened at `start`, or None."""
    opener = _bracket(children[start]) if _local(children[start]) == "mo" else ""
    if opener not in _CLOSERS:
        return None
    depth = 0
    for index in range(start + 1, len(children)):
        shown = _bracket(children[index])
        if shown == _CLOSERS[opener] and depth == 0:
            return index
        if shown == _CLOSERS[opener]:
            depth -= 1
        elif shown == opener and _local(children[index]) == "mo":
            depth += 1
    return None


def _delimited(children: list[ET.Element], start: int, end: int) -> ET.Element:
    """Return `<m:d>` around the siblings between two brackets, under the closing bracket's scripts."""
    opener, closer = children[start], children[end]
    made = ET.Element(f"{_M}d")
    properties = ET.SubElement(made, f"{_M}dPr")
    ET.SubElement(properties, f"{_M}begChr", {f"{_M}val": _bracket(opener)})
    ET.SubElement(properties, f"{_M}endChr", {f"{_M}val": _bracket(closer)})
    inner = ET.Element(f"{{{MATHML}}}mrow")
    inner.extend(children[start + 1 : end])
    ET.SubElement(made, f"{_M}e").extend(_children(inner))
    scripts = {"msup": ("sSup", ("sup",)), "msub": ("sSub", ("sub",)), "msubsup": ("sSubSup", ("sub", "sup"))}
    if _local(closer) not in scripts or len(closer) != len(scripts[_local(closer)][1]) + 1:
        return made
    tag, slots = scripts[_local(closer)]
    scripted = ET.Element(f"{_M}{tag}")
    ET.SubElement(scripted, f"{_M}e").append(made)
    for slot, part in zip(slots, list(closer)[1:], strict=True):
        _slot(scripted, slot, part)
    return scripted


def _convert(element: ET.Element) -> list[ET.Element]:
    name = _local(element)
    parts = list(element)
    if name in _GROUPS:
        return _children(element)
    if name in ("mi", "mn", "mo", "mtext", "ms"):
        return [_run(element.text or "", upright=name != "mi" or len((element.text or "").strip()) > 1)]
    if name == "mspace":
        return [_run(" ", upright=True)]
    structures = {
        "msup": ("sSup", ("e", "sup")),
        "msub": ("sSub", ("e", "sub")),
        "msubsup": ("sSubSup", ("e", "sub", "sup")),
        "mfrac": ("f", ("num", "den")),
    }
    if name in structures and len(parts) == len(structures[name][1]):
        tag, slots = structures[name]
        made = ET.Element(f"{_M}{tag}")
        if name == "mfrac" and element.get("linethickness") == "0":
            ET.SubElement(ET.SubElement(made, f"{_M}fPr"), f"{_M}type", {f"{_M}val": "noBar"})
        for slot, part in zip(slots, parts, strict=True):
            _slot(made, slot, part)
        return [made]
    if name == "msqrt":
        made = ET.Element(f"{_M}rad")
        ET.SubElement(ET.SubElement(made, f"{_M}radPr"), f"{_M}degHide", {f"{_M}val": "1"})
        ET.SubElement(made, f"{_M}deg")
        ET.SubElement(made, f"{_M}e").extend(_children(element))
        return [made]
    if name == "mroot" and len(parts) == 2:
        made = ET.Element(f"{_M}rad")
        _slot(made, "deg", parts[1])
        _slot(made, "e", parts[0])
        return [made]
    if name == "mover" and len(parts) == 2:
        return [_over(parts[0], parts[1])]
    if name == "munder" and len(parts) == 2:
        return [_limit("limLow", parts[0], parts[1])]
    if name == "munderover" and len(parts) == 3:
        lower = _limit("limLow", parts[0], parts[1])
        upper = ET.Element(f"{_M}limUpp")
        ET.SubElement(upper, f"{_M}e").append(lower)
        _slot(upper, "lim", parts[2])
        return [upper]
    if name == "mtable":
        matrix = ET.Element(f"{_M}m")
        for row in parts:
            line = ET.SubElement(matrix, f"{_M}mr")
            for cell in row:
                _slot(line, "e", cell)
        return [matrix]
    return _children(element)


def _slot(parent: ET.Element, slot: str, content: ET.Element) -> None:
    """Append `<m:slot>` to `parent`, holding the OMML of `content`."""
    ET.SubElement(parent, f"{_M}{slot}").extend(_convert(content))


def _run(text: str, *, upright: bool) -> ET.Element:
    """Return `<m:r>`: letters in italic as mathematics sets them, names, numbers and operators upright."""
    run = ET.Element(f"{_M}r")
    if upright:
        ET.SubElement(ET.SubElement(run, f"{_M}rPr"), f"{_M}sty", {f"{_M}val": "p"})
    ET.SubElement(run, f"{_M}t").text = text
    return run


def _over(base: ET.Element, mark: ET.Element) -> ET.Element:
    """Return an accent (a hat, bar or arrow over the base) or a limit above it."""
    if _local(mark) == "mo" and len((mark.text or "").strip()) == 1:
        accent = ET.Element(f"{_M}acc")
        mark_text = (mark.text or "").strip()
        ET.SubElement(ET.SubElement(accent, f"{_M}accPr"), f"{_M}chr", {f"{_M}val": _ACCENTS.get(mark_text, mark_text)})
        _slot(accent, "e", base)
        return accent
    return _limit("limUpp", base, mark)


def _limit(tag: str, base: ET.Element, limit: ET.Element) -> ET.Element:
    made = ET.Element(f"{_M}{tag}")
    _slot(made, "e", base)
    _slot(made, "lim", limit)
    return made


def _is_nary(element: ET.Element) -> bool:
    if _local(element) not in ("msubsup", "munderover", "msub", "munder", "msup", "mover", "mo"):
        return False
    base = element if _local(element) == "mo" else next(iter(element), None)
    return base is not None and _local(base) == "mo" and (base.text or "").strip() in _NARY


def _nary(element: ET.Element, operand: list[ET.Element]) -> ET.Element:
    """Return `<m:nary>`: the operator, its limits below and above, and the expression it applies to."""
    parts = list(element)
    symbol = ((parts[0] if parts else element).text or "").strip()
    lower = parts[1] if len(parts) > 1 and _local(element) in ("msubsup", "munderover", "msub", "munder") else None
    upper = parts[-1] if len(parts) > 1 and _local(element) in ("msubsup", "munderover", "msup", "mover") else None
    made = ET.Element(f"{_M}nary")
    properties = ET.SubElement(made, f"{_M}naryPr")
    ET.SubElement(properties, f"{_M}chr", {f"{_M}val": symbol})
    location = "subSup" if symbol in _INTEGRALS else "undOvr"
    ET.SubElement(properties, f"{_M}limLoc", {f"{_M}val": location})
    if lower is None:
        ET.SubElement(properties, f"{_M}subHide", {f"{_M}val": "1"})
    if upper is None:
        ET.SubElement(properties, f"{_M}supHide", {f"{_M}val": "1"})
    sub = ET.SubElement(made, f"{_M}sub")
    sup = ET.SubElement(made, f"{_M}sup")
    if lower is not None:
        sub.extend(_convert(lower))
    if upper is not None:
        sup.extend(_convert(upper))
    body = ET.SubElement(made, f"{_M}e")
    holder = ET.Element(f"{{{MATHML}}}mrow")
    holder.extend(operand)
    body.extend(_children(holder))
    return made
