"""JSON Schema of each fact file, generated from the models (for editors and CI)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from tda_export.models import RECORD_TYPES


def schema_documents() -> Iterator[tuple[str, str]]:
    """Yields ``(file name, JSON text)`` for each fact file kind, in schema order."""
    from pydantic import TypeAdapter

    for kind, model in RECORD_TYPES.items():
        schema = TypeAdapter(list[model]).json_schema(mode="validation")  # type: ignore[valid-type]
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": f"tda-export {kind}",
            "description": f"A list of {kind} records (facts/{kind}.yaml).",
            **schema,
        }
        text = json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        yield f"{kind}.schema.json", text


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema document into ``folder``; return the paths written."""
    from tda_export.output import atomic_text

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_documents():
        with atomic_text(folder / name) as handle:
            handle.write(text)
        written.append(folder / name)
    return written
