"""Render the presence, events and GeoPackage maps from outputs/ with the shipped QGIS styles.

Run with QGIS's own Python, headless, from the project root, whenever outputs/ changes::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 scripts/render_maps.py

Each layer is loaded the way the QGIS application loads it (its ``.qml`` beside it is
applied as the default style), drawn over Natural Earth's countries
(``../shared/geodata/countries-americas.geojson``, grey), and written to
``docs/presence-map.png`` and ``docs/events-map.png``; the GeoPackage's layers, each styled
from its ``layer_styles`` table, to ``docs/geopackage-map.png``. Nothing is fetched from the
network.
"""

from __future__ import annotations

import sys
from pathlib import Path

from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsFillSymbol,
    QgsLayoutExporter,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLegendStyle,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
    QgsSingleSymbolRenderer,
    QgsUnitTypes,
    QgsVectorLayer,
)
from qgis.PyQt.QtGui import QColor, QFont

ROOT = Path(__file__).resolve().parent.parent
OUTPUTS = ROOT / "outputs"
DOCS = ROOT / "docs"
BASEMAP = ROOT.parent / "shared" / "geodata" / "countries-americas.geojson"

#: (file, title, extent west, south, east, north) of each picture.
MAPS = (
    (
        "presence-map.png",
        "Tren de Aragua: where the sources place it (presence, by claim status)",
        [("presence.geojson", "Presence (areas)")],
        (-125.0, -40.0, -30.0, 45.0),
    ),
    (
        "events-map.png",
        "Tren de Aragua: events (by group; hollow rings: known only by state or country)",
        [("events.geojson", "Events (points)")],
        (-125.0, -40.0, -30.0, 45.0),
    ),
    (
        "geopackage-map.png",
        "tren-de-aragua.gpkg in QGIS: places and presence, styled from the GeoPackage itself",
        [
            ("tren-de-aragua.gpkg|layername=places_points", "places_points"),
            ("tren-de-aragua.gpkg|layername=presence_areas", "presence_areas"),
        ],
        (-125.0, -40.0, -30.0, 45.0),
    ),
)
WIDTH_MM, HEIGHT_MM = 200.0, 190.0


def _layer(uri: str, name: str) -> QgsVectorLayer:
    options = QgsVectorLayer.LayerOptions()
    options.loadDefaultStyle = False
    layer = QgsVectorLayer(uri, name, "ogr", options)
    if not layer.isValid():
        raise SystemExit(f"{uri}: QGIS cannot open it")
    message, loaded = layer.loadDefaultStyle()
    if not loaded:
        raise SystemExit(f"{uri}: its default style did not load ({message})")
    layer.temporalProperties().setIsActive(False)  # a still picture shows every record
    return layer


def _basemap() -> QgsVectorLayer:
    layer = QgsVectorLayer(str(BASEMAP), "Countries (Natural Earth)", "ogr")
    if not layer.isValid():
        raise SystemExit(f"{BASEMAP}: QGIS cannot open it")
    symbol = QgsFillSymbol.createSimple(
        {"color": "236,236,232,255", "outline_color": "160,160,160,255", "outline_width": "0.2"}
    )
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    return layer


def render(
    project: QgsProject,
    target: Path,
    title: str,
    layers: list[QgsVectorLayer],
    extent: tuple[float, float, float, float],
) -> None:
    """One picture: map, title and legend on a white page, 150 dpi PNG."""
    basemap = _basemap()
    project.addMapLayers([basemap, *layers])
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    page = layout.pageCollection().page(0)
    page.setPageSize(QgsLayoutSize(WIDTH_MM + 115, HEIGHT_MM + 20, QgsUnitTypes.LayoutMillimeters))
    item = QgsLayoutItemMap(layout)
    item.attemptMove(QgsLayoutPoint(5, 15, QgsUnitTypes.LayoutMillimeters))
    item.attemptResize(QgsLayoutSize(WIDTH_MM, HEIGHT_MM, QgsUnitTypes.LayoutMillimeters))
    item.setCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
    item.setLayers([*layers, basemap])
    item.setExtent(QgsRectangle(*extent))
    item.setBackgroundColor(QColor(205, 225, 240))
    item.setFrameEnabled(True)
    layout.addLayoutItem(item)
    label = QgsLayoutItemLabel(layout)
    label.setText(title)
    label.setFont(QFont("Sans Serif", 13))
    label.attemptMove(QgsLayoutPoint(5, 4, QgsUnitTypes.LayoutMillimeters))
    label.attemptResize(QgsLayoutSize(WIDTH_MM + 105, 10, QgsUnitTypes.LayoutMillimeters))
    layout.addLayoutItem(label)
    legend = QgsLayoutItemLegend(layout)
    legend.setLinkedMap(item)
    legend.setAutoUpdateModel(False)
    model = legend.model().rootGroup()
    model.removeAllChildren()
    for layer in layers:
        model.addLayer(layer)
    legend.setLegendFilterByMapEnabled(True)  # only the categories on the map
    legend.setStyleFont(QgsLegendStyle.SymbolLabel, QFont("Sans Serif", 8))
    legend.setTitle("")
    legend.attemptMove(QgsLayoutPoint(WIDTH_MM + 8, 15, QgsUnitTypes.LayoutMillimeters))
    layout.addLayoutItem(legend)
    settings = QgsLayoutExporter.ImageExportSettings()
    settings.dpi = 150
    settings.generateWorldFile = False
    settings.exportMetadata = False
    result = QgsLayoutExporter(layout).exportToImage(str(target), settings)
    if result != QgsLayoutExporter.Success:
        raise SystemExit(f"{target}: export failed ({result})")
    project.removeAllMapLayers()
    print(target.relative_to(ROOT))


def main() -> None:
    """Render every picture of :data:`MAPS`."""
    app = QgsApplication([], False)
    app.initQgis()
    project = QgsProject.instance()
    for name, title, files, extent in MAPS:
        layers = [_layer(str(OUTPUTS / file), label) for file, label in files]
        render(project, DOCS / name, title, layers, extent)
        del layers
    app.exitQgis()


if __name__ == "__main__":
    sys.exit(main())
