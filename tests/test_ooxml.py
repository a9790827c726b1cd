"""The OOXML namespaces are named in one module, which the writer, the checks, the theme and pull share."""

from __future__ import annotations

from pathlib import Path

import generator
from generator.ooxml import NAMESPACES, clark, qn

PACKAGE = Path(generator.__file__).resolve().parent


def test_no_module_but_ooxml_spells_out_an_ooxml_namespace() -> None:
    spelled = {
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if any(host in path.read_text() for host in ("schemas.openxmlformats.org", "schemas.microsoft.com/office"))
    }
    assert spelled == {"ooxml.py"}


def test_the_table_agrees_with_python_pptx_where_they_share_a_prefix() -> None:
    from pptx.oxml.ns import pfxmap

    pptx_namespaces = {prefix: uri for uri, prefix in pfxmap.items()}
    shared = NAMESPACES.keys() & pptx_namespaces.keys()
    assert {"a", "p", "r", "m", "ct"} <= shared
    assert {prefix: NAMESPACES[prefix] for prefix in shared} == {prefix: pptx_namespaces[prefix] for prefix in shared}


def test_names_are_spelled_as_lxml_and_elementtree_read_them() -> None:
    assert qn("p:sldId") == "{http://schemas.openxmlformats.org/presentationml/2006/main}sldId"
    assert clark("a") + "t" == qn("a:t")
