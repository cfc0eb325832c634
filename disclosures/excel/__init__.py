"""The disclosure as an Excel workbook: export, blank template, and import with preview.

export (write the published tables), template (the blank form), reading (open an untrusted file
safely), importer (cells → DisclosureData with every error's sheet, row and column; apply),
diff (what an import would change).
"""

from disclosures.excel.export import export_bytes

__all__ = ["export_bytes"]
