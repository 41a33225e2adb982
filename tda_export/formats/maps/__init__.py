"""Maps: records in, map features out (``mapping``, ``shapes``), written as GeoJSON layers,
KML/KMZ, a GeoPackage and QGIS styles, all in one palette (``palette``)."""
