from decimal import Decimal

from django import template

from disclosures.money import format_wan

register = template.Library()


@register.filter
def wan(amount: Decimal | None) -> str:
    """An exact 元 amount as printed in the tables: 万元 with 2 decimals."""
    return "" if amount is None else format_wan(amount)
