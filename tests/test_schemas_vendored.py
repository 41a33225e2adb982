"""The schemas vendored under tests/schemas/ are the ones in ../shared/schemas/."""

from __future__ import annotations

import pytest
from conftest import SCHEMAS, shared_dir


@pytest.mark.parametrize(
    "name",
    [
        "kml/ogckml22.xsd",
        "kml/atom-author-link.xsd",
        "kml/xAL.xsd",
        "geojson/Feature.json",
        "geojson/FeatureCollection.json",
    ],
)
def test_vendored_schema_matches_shared(name: str) -> None:
    shared = shared_dir("schemas") / name
    assert (SCHEMAS / name).read_bytes() == shared.read_bytes()
