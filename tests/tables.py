"""The table set most tests speak of: the standard 12 tables as Liuzhou's layout numbers them (seed 002)."""

from disclosures.layouts import get_layout

LIUZHOU = get_layout("liuzhou-2025").tables
