"""Natural Earth boundaries, one gzipped GeoJSON FeatureCollection per country."""
