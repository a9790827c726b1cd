"""A diagram's alt text written from its Graphviz layout: its label, each edge in words, then lone nodes."""

from __future__ import annotations

from .graph_layout import GraphLayout, LaidEdge, LaidNode


def describe_graph(layout: GraphLayout) -> str:
    """Return alt text written from the graph: its label, each edge in words, then lone nodes.

    An edge reads "Tail to Head: label" (or "Head to Tail" when it points back, "to and from"
    when it points both ways, "with" when it has no arrows). Invisible elements are left out.
    """
    shown = {node.name: _display_name(node) for node in layout.nodes if "invis" not in node.style}
    edges = [edge for edge in layout.edges if "invis" not in edge.style]
    sentences: list[str] = []
    if layout.label is not None:
        sentences.append(" ".join(layout.label.lines).strip())
    if edges:
        sentences.append("; ".join(_describe_edge(edge, shown) for edge in edges))
    linked = {edge.tail for edge in edges} | {edge.head for edge in edges}
    alone = [text for name, text in shown.items() if name not in linked]
    if alone:
        sentences.append("Also shown: " + ", ".join(alone))
    return "".join(sentence.rstrip(".") + ". " for sentence in sentences if sentence).strip()


def _display_name(node: LaidNode) -> str:
    if node.label is None:
        return node.name
    return " ".join(line.strip() for line in node.label.lines if line.strip()) or node.name


def _describe_edge(edge: LaidEdge, shown: dict[str, str]) -> str:
    tail, head = shown.get(edge.tail, edge.tail), shown.get(edge.head, edge.head)
    to_head = edge.dir in ("forward", "both") and edge.arrowhead != "none"
    to_tail = edge.dir in ("back", "both") and edge.arrowtail != "none"
    if to_head and to_tail:
        phrase = f"{tail} to and from {head}"
    elif to_head:
        phrase = f"{tail} to {head}"
    elif to_tail:
        phrase = f"{head} to {tail}"
    else:
        phrase = f"{tail} with {head}"
    label = edge.label or edge.xlabel
    if label is None:
        return phrase
    return f"{phrase}: " + " ".join(line.strip() for line in label.lines if line.strip())
