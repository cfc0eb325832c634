"""One module per layout, each declaring ``LAYOUT``; the registry (``disclosures.layouts``) finds them all."""
