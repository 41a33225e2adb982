"""Run by QGIS's own Python (``/usr/bin/python3``, headless): load layers as QGIS does, report.

Usage: ``qgis_probe.py REQUEST.json`` (``-``: standard input); prints one JSON line. The
request lists layer URIs and time frames ``[begin, end)`` (ISO datetimes), and optionally
files whose sub-layers to list (what "Add layer" offers). Each layer is
created without its default style and the style loaded afterwards, as the QGIS
application does when a layer is added (so the provider's temporal defaults do not
overwrite the style's). For each layer the answer gives the renderer, labels, temporal
settings, extent, and for each frame the ``id`` values of the features the layer's own
temporal filter keeps (the expression the time controller applies, run through the data
provider as when rendering).
"""

from __future__ import annotations

import json
import sys
from typing import Any

from qgis.core import (
    QgsApplication,
    QgsDateTimeRange,
    QgsFeatureRequest,
    QgsVectorLayer,
    QgsVectorLayerTemporalContext,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDateTime, Qt


def _datetime(text: str) -> QDateTime:
    return QDateTime.fromString(text, Qt.ISODate)


def probe(uri: str, frames: list[list[str]]) -> dict[str, Any]:
    """Everything the tests check about one layer (a function: gone before exitQgis)."""
    options = QgsVectorLayer.LayerOptions()
    options.loadDefaultStyle = False
    layer = QgsVectorLayer(uri, "probe", "ogr", options)
    if not layer.isValid():
        return {"uri": uri, "valid": False}
    message, style_loaded = layer.loadDefaultStyle()
    renderer = layer.renderer()
    out: dict[str, Any] = {
        "uri": uri,
        "valid": True,
        "style_loaded": bool(style_loaded),
        "style_message": message,
        "count": layer.featureCount(),
        "geometry": QgsWkbTypes.displayString(layer.wkbType()),
        "renderer": renderer.type() if renderer else None,
        "labels": layer.labelsEnabled(),
        "label_field": layer.labeling().settings().fieldName if layer.labeling() else None,
    }
    if renderer is not None and renderer.type() == "RuleRenderer":
        out["rules"] = [
            [rule.ruleKey(), rule.label(), rule.filterExpression(), rule.symbol() is not None]
            for rule in renderer.rootRule().descendants()
        ]
        # the features each top-level rule's filter selects, as QGIS evaluates it
        out["rule_ids"] = {
            rule.ruleKey(): sorted(
                str(f["id"])
                for f in layer.getFeatures(
                    QgsFeatureRequest().setFilterExpression(rule.filterExpression() or "TRUE")
                )
            )
            for rule in renderer.rootRule().children()
        }
    extent = layer.extent()
    out["extent"] = [extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum()]
    temporal = layer.temporalProperties()
    out["temporal"] = {
        "active": temporal.isActive(),
        "mode": int(temporal.mode()),
        "start": temporal.startField(),
        "end": temporal.endField(),
        "start_expression": temporal.startExpression(),
        "end_expression": temporal.endExpression(),
    }
    context = QgsVectorLayerTemporalContext()
    context.setLayer(layer)
    shown = []
    for begin, end in frames:
        frame = QgsDateTimeRange(_datetime(begin), _datetime(end), True, False)
        expression = temporal.createFilterString(context, frame)
        request = QgsFeatureRequest()
        if expression:
            request.setFilterExpression(expression)
        shown.append(sorted({str(f["id"]) for f in layer.getFeatures(request)}))
    out["shown"] = shown
    return out


def sublayers(path: str) -> list[list[Any]]:
    """What QGIS's "Add layer" offers for a file: name, geometry type, feature count."""
    from qgis.core import Qgis, QgsProviderRegistry

    flags = Qgis.SublayerQueryFlags(Qgis.SublayerQueryFlag.CountFeatures)
    flags |= Qgis.SublayerQueryFlag.ResolveGeometryType
    return [
        [d.name(), QgsWkbTypes.displayString(d.wkbType()), d.featureCount()]
        for d in QgsProviderRegistry.instance().querySublayers(path, flags)
    ]


def main() -> None:
    """Answer one request file."""
    if sys.argv[1] == "-":
        request = json.load(sys.stdin)
    else:
        with open(sys.argv[1], encoding="utf-8") as fobj:
            request = json.load(fobj)
    app = QgsApplication([], False)
    app.initQgis()
    answer: Any = [probe(uri, request["frames"]) for uri in request["uris"]]
    if request.get("sublayers"):
        answer = {"layers": answer, "sublayers": {p: sublayers(p) for p in request["sublayers"]}}
    print(json.dumps(answer), flush=True)
    app.exitQgis()


if __name__ == "__main__":
    main()
