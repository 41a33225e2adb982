"""Tables: one column schema from the models (``columns``), rows and cells (``rows``,
``cells``), written as CSV, a Frictionless Data Package and an ``.xlsx`` workbook."""
