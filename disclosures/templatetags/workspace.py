"""Links to the workspace pages of a unit's disclosure, of its kind (``disclosures.workspace_paths``).

``{% workspace_url 'disclosures:table' disclosure 3 %}``, or, where only the unit, year and kind are at hand
(the review list), ``{% kind_workspace_url 'disclosures:detail' unit.code year kind %}``. Both answer ""
for a page that is not installed, as ``{% url … as name %}`` does (the disclosure's tabs leave it out).
"""

from django import template
from django.urls import NoReverseMatch, reverse

from disclosures.workspace_paths import workspace_args

register = template.Library()


@register.simple_tag
def kind_workspace_url(name: str, unit_code: str, year: int, kind: str, *args) -> str:
    try:
        return reverse(name, args=[*workspace_args(unit_code, year, kind), *args])
    except NoReverseMatch:
        return ""


@register.simple_tag
def workspace_url(name: str, disclosure, *args) -> str:
    return kind_workspace_url(name, disclosure.unit.code, disclosure.year, disclosure.kind, *args)
