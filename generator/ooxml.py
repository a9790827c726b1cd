"""The OOXML namespaces lecturedeck writes and reads, each named once (as python-pptx's `oxml/ns.py`)."""

from __future__ import annotations

NAMESPACES = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "op": "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
    "vt": "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
    "a14": "http://schemas.microsoft.com/office/drawing/2010/main",
    "asvg": "http://schemas.microsoft.com/office/drawing/2016/SVG/main",
    "adec": "http://schemas.microsoft.com/office/drawing/2017/decorative",
    "ahyp": "http://schemas.microsoft.com/office/drawing/2018/hyperlinkcolor",
}
"""Each namespace by the prefix PowerPoint gives it (`rel` and `ct` are the package's .rels and
[Content_Types].xml, `op` its custom properties); python-pptx's `nsmap` uses the same prefixes."""

HYPERLINK = f"{NAMESPACES['r']}/hyperlink"
"""The relationship type of a link to a web address."""
OFFICE_DOCUMENT = f"{NAMESPACES['r']}/officeDocument"
"""The relationship type from the package to its main part (the presentation)."""
CUSTOM_PROPERTIES = f"{NAMESPACES['r']}/custom-properties"
"""The relationship type from the package to its custom document properties."""


def qn(tag: str) -> str:
    """Return the Clark name of a prefixed tag ('a:p' → '{http://…/drawingml/2006/main}p'), as python-pptx's `qn`."""
    prefix, name = tag.split(":")
    return f"{{{NAMESPACES[prefix]}}}{name}"


def clark(prefix: str) -> str:
    """Return the namespace of `prefix` in braces, to put before a local name: '{http://…/main}'."""
    return f"{{{NAMESPACES[prefix]}}}"
