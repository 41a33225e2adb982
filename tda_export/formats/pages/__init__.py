"""Pages: the map and story pages (``webmap``) and the pages' shared parts (``embed``), with
their assets and the Leaflet and TimelineJS files shipped in ``vendor/``."""
