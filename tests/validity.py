"""The Open XML SDK validator (Microsoft's schema and semantic checks), run without .NET."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

VALIDATOR = Path(__file__).resolve().parent / "validator" / "node_modules" / ".bin" / "ooxml-validator"


def validator_installed() -> bool:
    return VALIDATOR.is_file()


def validate_ooxml(path: Path) -> list[str]:
    """Return the validator's errors for the .pptx at `path` (empty when it is valid).

    The validator exits 0 even when the file is invalid; its JSON `ok` field is the verdict.
    """
    done = subprocess.run([str(VALIDATOR), str(path)], capture_output=True, text=True, timeout=120, check=False)
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        return [f"the validator did not report on {path.name}: {done.stderr.strip() or done.stdout.strip()}"]
    if report.get("ok") is True:
        return []
    return [f"{e.get('path')} {e.get('xPath')}: {e.get('description')}" for e in report.get("errors", [])] or [
        f"the validator rejected {path.name} without details"
    ]
