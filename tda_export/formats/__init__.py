"""One module per output format: a pure core (facts in, records out) and a thin writer."""
